import { describe, expect, it } from 'vitest';
import * as cell from '../../src/server/excel/cellParsers';
import { localizeReason } from '../../src/renderer/i18n/serverReasons';

const reasonOf = (p: cell.CellParser, raw: string) => {
  const r = p(raw);
  if (r.ok) throw new Error(`expected a refusal for ${String(raw)}`);
  return r.reason;
};

describe('import reasons in Chinese', () => {
  it('translates what the cell parsers say, keeping the parts that vary', () => {
    expect(localizeReason(reasonOf(cell.money({}), 'abc'), 'zh-CN')).toBe('不是金额（应为以元为单位的数字，例如 1234.50）');
    expect(localizeReason(reasonOf(cell.money({}), '1.234'), 'zh-CN')).toBe('小数超过两位（金额以元为单位，最多两位小数）');
    expect(localizeReason(reasonOf(cell.money({}), '-5'), 'zh-CN')).toBe('不能为负数');
    expect(localizeReason(reasonOf(cell.date(), 'tomorrow'), 'zh-CN')).toBe('不是日期（应为 YYYY-MM-DD）');
    expect(localizeReason(reasonOf(cell.text({ max: 3 }), 'abcdef'), 'zh-CN')).toBe('过长：6 个字符，最多 3 个');
    expect(localizeReason('does not work in territory 华南区', 'zh-CN')).toBe('不在区域「华南区」工作');
    expect(localizeReason('the same ID is also on row 12', 'zh-CN')).toBe('相同的 ID 也出现在第 12 行');
  });

  it('leaves English as it is, and an unknown reason in English rather than guessing', () => {
    expect(localizeReason('not a money amount', 'en')).toBe('not a money amount');
    expect(localizeReason('something new the server says', 'zh-CN')).toBe('something new the server says');
  });
});
