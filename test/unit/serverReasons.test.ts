import { describe, expect, it } from 'vitest';
import * as cell from '../../src/platform/excel/cellParsers';
import { localizeReason } from '../../src/renderer/i18n/serverReasons';
import { personProblems, territoryProblems } from '../../src/features/org/domain';
import { TEAM_SETTINGS_ADMIN_ONLY } from '../../src/platform/settings';
import { TEAM_ORG_ADMIN_ONLY, TEAM_PEOPLE_ADMIN_OR_MANAGER } from '../../src/features/org/server/handlers';

const reasonOf = (p: cell.CellParser, raw: string) => {
  const r = p(raw);
  if (r.ok) throw new Error(`expected a refusal for ${String(raw)}`);
  return r.reason;
};

describe('import reasons in Chinese', () => {
  it('says in Chinese why a team book refuses a team setting to someone who is not the admin', () => {
    expect(localizeReason(TEAM_SETTINGS_ADMIN_ONLY, 'zh-CN')).toBe(
      '团队设置（时区、ABC 阈值与拜访频率、销售阶段与管道评审、应收账款政策）只有团队管理员可以修改：本账本与团队同步，你不是管理员。',
    );
    expect(localizeReason(TEAM_SETTINGS_ADMIN_ONLY, 'en')).toBe(TEAM_SETTINGS_ADMIN_ONLY);
    expect(localizeReason(TEAM_ORG_ADMIN_ONLY, 'zh-CN')).toBe(
      '组织（区域、负责经理、导入组织）只有团队管理员可以修改：本账本与团队同步，你不是管理员。',
    );
    expect(localizeReason(TEAM_PEOPLE_ADMIN_OR_MANAGER, 'zh-CN')).toBe(
      '人员只有团队管理员或所负责区域的经理可以修改：本账本与团队同步，你两者都不是。',
    );
  });

  it('translates what the cell parsers say, keeping the parts that vary', () => {
    expect(localizeReason(reasonOf(cell.money({}), 'abc'), 'zh-CN')).toBe('不是金额（应为以元为单位的数字，例如 1234.50）');
    expect(localizeReason(reasonOf(cell.money({}), '1.234'), 'zh-CN')).toBe('小数超过两位（金额以元为单位，最多两位小数）');
    expect(localizeReason(reasonOf(cell.money({}), '-5'), 'zh-CN')).toBe('不能为负数');
    expect(localizeReason(reasonOf(cell.date(), 'tomorrow'), 'zh-CN')).toBe('不是日期（应为 YYYY-MM-DD）');
    expect(localizeReason(reasonOf(cell.text({ max: 3 }), 'abcdef'), 'zh-CN')).toBe('过长：6 个字符，最多 3 个');
    expect(localizeReason('does not work in territory 华南区', 'zh-CN')).toBe('不在区域「华南区」工作');
    expect(localizeReason('the same ID is also on row 12', 'zh-CN')).toBe('相同的 ID 也出现在第 12 行');
  });

  it('translates what the invoice import says of customers the book lacks, and of owners', () => {
    expect(localizeReason('no account has this name', 'zh-CN')).toBe('没有叫这个名称的客户');
    expect(localizeReason('a new customer needs a Territory', 'zh-CN')).toBe('新客户需要填写区域');
    expect(localizeReason("too long for a rep's name: 120 characters, at most 100", 'zh-CN')).toBe(
      '作为销售代表姓名过长：120 个字符，最多 100 个',
    );
    expect(localizeReason("required (the account's owner is deactivated: name an active rep)", 'zh-CN')).toBe(
      '必填（该客户的负责人已停用：请填写在职的销售代表）',
    );
  });

  it('translates what the organisation rules say', () => {
    const reps = new Set(['t1']);
    const reason = (p: Parameters<typeof personProblems>[0]) => personProblems(p, [{ id: 'x', email: 'a@b.cn' }], reps)[0]!.reason;
    const base = { nameZh: '李娜', nameEn: 'Li Na', email: null, role: 'rep' as const, territoryId: 't1', leads: [] };
    expect(localizeReason(reason({ ...base, email: 'A@b.cn' }), 'zh-CN')).toBe('已有其他人使用此邮箱');
    expect(localizeReason(reason({ ...base, territoryId: null }), 'zh-CN')).toBe('销售代表必须有所在区域');
    expect(localizeReason(reason({ ...base, role: 'finance', territoryId: 't1' }), 'zh-CN')).toBe(
      '只有销售代表（所在区域）和销售经理（负责的区域）有区域；finance 没有',
    );
    expect(
      localizeReason(
        territoryProblems({ nameZh: '华东', nameEn: 'East' }, [{ id: 't1', nameZh: '华东', nameEn: 'E' }])[0]!.reason,
        'zh-CN',
      ),
    ).toBe('已有区域名为「华东」');
  });

  it('leaves English as it is, and an unknown reason in English rather than guessing', () => {
    expect(localizeReason('not a money amount', 'en')).toBe('not a money amount');
    expect(localizeReason('something new the server says', 'zh-CN')).toBe('something new the server says');
  });
});
