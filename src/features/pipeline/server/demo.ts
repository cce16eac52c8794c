import seedrandom from 'seedrandom';
import { seededIds } from '../../../platform/seededIds';
import type { ServerContext } from '../../../platform/context';
import { insertRow } from '../../../platform/db/changeLog';
import { addDays, dayNumber } from '../../../shared/dates';
import type { OpportunityPatch, Pain, Point } from '../contract';
import { createOpportunity, updateOpportunity } from './service';
import { stageIndex } from './stagesRepo';

// The demo company's pipeline: ~300 opportunities whose histories run over the last five
// months up to today, walked forward with a seeded random generator, so the weekly review
// of "a week ago → today" shows real movement: new, advanced, moved back, won, lost,
// slipped, stalled. Every change goes through the same service as the app.

const PROJECTS: [string, string][] = [
  ['产线自动化改造', 'line automation'],
  ['PLC 控制系统升级', 'PLC upgrade'],
  ['年度备件框架合同', 'annual spares contract'],
  ['MES 系统实施', 'MES rollout'],
  ['能源管理系统', 'energy management'],
  ['伺服驱动替换', 'servo replacement'],
  ['仓储物流自动化', 'warehouse automation'],
  ['设备远程运维平台', 'remote maintenance'],
  ['质量追溯系统', 'quality traceability'],
];
const LOST_REASONS = ['价格偏高', '竞争对手关系更好', '预算取消', '需求变化', '决策延期'];
const WON_REASONS = ['方案通过技术评估', '价格与服务综合最优', '老客户续约'];
const POINTS: [Point['kind'], string][] = [
  ['winning', '本地服务两小时响应'],
  ['winning', '同行业成功案例'],
  ['threat', '竞争对手报价低 15%'],
  ['threat', '采购部更倾向原供应商'],
  ['dormant', '设备停机损失未被量化'],
  ['dormant', '能耗数据缺少统计'],
];
const PAINS = ['停机频繁影响交付', '人工成本持续上升', '质量投诉增多', '旧系统无法对接 ERP'];

export const DEMO_OPPORTUNITY_COUNT = 300;

export function seedPipelineDemo(ctx: ServerContext, count = DEMO_OPPORTUNITY_COUNT): void {
  const rng = seedrandom('sales-workstation-pipeline-demo');
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
  const newId = seededIds(rng, Date.UTC(2026, 1, 1));
  const w = { ...ctx, newId };
  const today = ctx.clock.today();
  const { stages, index } = stageIndex(ctx.db);
  const top = stages.length - 1;
  const accounts = ctx.db
    .prepare('SELECT id, owner_id FROM accounts WHERE deleted_at IS NULL AND owner_id IS NOT NULL ORDER BY id')
    .all() as { id: string; owner_id: string }[];
  if (accounts.length === 0) return;

  ctx.db.transaction(() => {
    const open: { id: string; date: string }[] = [];
    for (let i = 0; i < count; i++) {
      const account = pick(accounts);
      // One in eight is new this week; the rest started up to five months ago.
      const created = addDays(today, -(i % 8 === 0 ? int(0, 6) : int(7, 150)));
      let stage = rng() < 0.7 ? 0 : 1;
      let amount = Math.round((5 + Math.pow(rng(), 3) * 495) * 10_000) * 100;
      let close = addDays(created, int(30, 150));
      const checklist = Object.fromEntries(
        ['budget', 'fit', 'canWin', 'worth', 'strength', 'near', 'money', 'authority', 'need'].map((k) => [
          k,
          rng() < 0.15 ? null : rng() < 0.65,
        ]),
      );
      const points =
        rng() < 0.4
          ? Array.from({ length: int(1, 3) }, () => {
              const [kind, text] = pick(POINTS);
              return { kind, text };
            })
          : [];
      const pains: Pain[] =
        rng() < 0.3
          ? [
              {
                text: pick(PAINS),
                severity: int(2, 5),
                impacts: { personal: rng() < 0.5, interpersonal: rng() < 0.3, present: true, future: rng() < 0.6 },
              },
            ]
          : [];
      const [zh] = pick(PROJECTS);
      const id = createOpportunity(w, {
        name: `${created.slice(0, 4)} ${zh}`,
        accountId: account.id,
        ownerId: account.owner_id,
        amount,
        expectedClose: close,
        stageId: stages[stage]!.id,
        createdOn: created,
        probabilityBp: rng() < 0.05 ? int(1, 9) * 1000 : null,
        checklist,
        points,
        pains,
        info:
          rng() < 0.5
            ? {
                budget: `预算约 ${Math.round(amount / 1_000_000)} 万元`,
                schedule: `计划 ${close.slice(0, 7)} 前完成采购`,
                decision: '总经理拍板，采购部评估',
              }
            : {},
        nextStep: rng() < 0.6 ? pick(['安排技术交流', '提交建议书', '拜访总经理', '演示系统', '商务谈判']) : null,
        nextStepDate: null,
      });
      // Walk forward: each step a few days to three weeks later, until today.
      let date = created;
      let status: 'open' | 'won' | 'lost' = 'open';
      const pace = rng() < 0.2 ? 3 : 1; // some opportunities barely move (stalled)
      for (;;) {
        date = addDays(date, int(3, 21) * pace);
        if (date > today) break;
        const r = rng();
        const patch: OpportunityPatch = {};
        if (status !== 'open') {
          if (status === 'lost' && r < 0.05) patch.status = 'open';
          else continue;
        } else if (close < date && r < 0.7) {
          // A close date that has passed is usually pushed out at the next update.
          close = addDays(date, int(14, 45));
          patch.expectedClose = close;
        } else if (stage >= top - 1 && r < 0.35) {
          patch.status = 'won';
          patch.stageId = stages[top]!.id;
          patch.closeReason = pick(WON_REASONS);
          patch.expectedClose = close = date;
        } else if (r < 0.5) {
          stage = Math.min(top, stage + (rng() < 0.85 ? 1 : 2));
          patch.stageId = stages[stage]!.id;
        } else if (r < 0.58 && stage > 0) {
          stage -= 1;
          patch.stageId = stages[stage]!.id;
        } else if (r < 0.7) {
          amount = Math.max(1_000_000, Math.round((amount * (0.8 + rng() * 0.5)) / 100_000) * 100_000);
          patch.amount = amount;
        } else if (r < 0.82) {
          close = addDays(close, int(14, 45));
          patch.expectedClose = close;
        } else if (r < 0.9) {
          patch.status = 'lost';
          patch.closeReason = pick(LOST_REASONS);
          patch.expectedClose = close = date;
        } else {
          continue;
        }
        if (patch.status) status = patch.status;
        updateOpportunity(w, id, patch, date, index);
      }
      if (status === 'open') open.push({ id, date: created });
    }

    // Commitments made at last week's review, so this week's review can judge them.
    const reviewDate = addDays(today, -7);
    const discussed = open.filter((o) => o.date <= reviewDate);
    for (let k = 0; k < Math.min(14, discussed.length); k++) {
      const o = discussed[(k * 7) % discussed.length]!;
      const row = ctx.db.prepare('SELECT territory_id, owner_id FROM opportunities WHERE id = ?').get(o.id) as {
        territory_id: string;
        owner_id: string;
      };
      const due = addDays(reviewDate, int(2, 10));
      insertRow(w, 'commitments', {
        territory_id: row.territory_id,
        opportunity_id: o.id,
        owner_id: row.owner_id,
        review_date: reviewDate,
        step: pick(['提交正式报价', '安排高层拜访', '完成系统演示', '确认预算', '技术方案评审']),
        due_date: due,
        done_on: rng() < 0.3 && dayNumber(due) <= dayNumber(today) ? due : null,
      });
    }
  })();
}
