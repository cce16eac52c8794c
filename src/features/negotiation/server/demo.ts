import seedrandom from 'seedrandom';
import { seededIds } from '../../../platform/seededIds';
import type { ServerContext } from '../../../platform/context';
import type { Handlers, Input } from '../../../platform/registry';
import { addDays } from '../../../shared/dates';
import type { negotiationContract, RoundInput, Worksheet } from '../contract';
import { seedExampleIssues } from '../seedExample';
import { negotiationHandlers } from './handlers';

// The demo company's negotiation: the seeds' worked example (quote 3,100,000, target
// 2,500,000, floor 1,880,000, three shrinking concessions each with an exchange) planned for
// the open deal nearest that size that has reached the commitment stage, with the first two
// rounds held as planned. A trainer or manager opening the demo sees a worksheet that passes
// every check, its ladder, and plan against actual; the Monday overview lists it as under way.
// Seeded ids and dates relative to today: the same every time.

type C = typeof negotiationContract;

const QUOTE_FEN = 310_000_000;
/** Stage position 4 is "win commitment" in the default model: where the price is negotiated. */
const FROM_POSITION = 4;

export function seedNegotiationDemo(ctx: ServerContext): void {
  const deal = ctx.db
    .prepare(
      `SELECT o.id, a.name AS account, r.name_zh AS owner
         FROM opportunities o
         JOIN accounts a ON a.id = o.account_id
         JOIN stages s ON s.id = o.stage_id
         JOIN reps r ON r.id = o.owner_id
        WHERE o.deleted_at IS NULL AND o.status = 'open' AND s.position >= ?
        ORDER BY abs(o.amount_fen - ?), o.id
        LIMIT 1`,
    )
    .get(FROM_POSITION, QUOTE_FEN) as { id: string; account: string; owner: string } | undefined;

  const w: ServerContext = { ...ctx, newId: seededIds(seedrandom('sales-workstation-negotiation-demo'), Date.UTC(2026, 0, 3)) };
  const h = negotiationHandlers as Required<Handlers<C>>;
  const run = <K extends keyof C>(k: K, input: Input<C[K]>) => h[k](input as never, w, undefined as never) as Worksheet;
  const today = ctx.clock.today();

  ctx.db.transaction(() => {
    const name = deal ? `${deal.account} 价格谈判` : '自动化生产线项目 价格谈判';
    const created = run('negotiation:create', { name, opportunityId: deal?.id ?? null, lang: 'zh-CN' });
    const planned = run('negotiation:savePlan', {
      id: created.id,
      version: created.version,
      name,
      opportunityId: deal?.id ?? null,
      notes: '对方预算压力大，竞争对手报价更低。先谈付款条件和服务，价格放在最后；每次让步都换回一个条件。',
      team: [
        { name: deal?.owner ?? '王磊', title: '客户经理', role: 'coordinator', topicIssueId: null },
        { name: '周敏', title: '销售总监', role: 'decisionMaker', topicIssueId: null },
        { name: '孙浩', title: '商务经理', role: 'negotiator', topicIssueId: 'price' },
      ],
      issues: structuredClone(seedExampleIssues),
    });
    const issue = (kind: string) => planned.issues.find((i) => i.kind === kind)!.id;
    const round = (r: Omit<RoundInput, 'worksheetId' | 'timeoutReason' | 'timeoutNote' | 'confirmed'>) =>
      run('negotiation:addRound', { worksheetId: planned.id, timeoutReason: null, timeoutNote: '', confirmed: true, ...r });
    // The first two concessions of the plan, each traded as planned.
    round({
      heldOn: addDays(today, -9),
      theirDemand: '价格降到 200 万元',
      ourResponse: '报价有依据；如果预付 30%，价格可以到 280 万元',
      concededText: '价格让 30 万元',
      concededIssueId: issue('price'),
      concededAmount: 30_000_000,
      receivedText: '预付 30%',
      receivedIssueId: issue('payment'),
      receivedAmount: 3_000,
    });
    round({
      heldOn: addDays(today, -2),
      theirDemand: '竞争对手报价 230 万元，要求再降',
      ourResponse: '签三年服务合同，价格可以到 262 万元',
      concededText: '价格再让 18 万元',
      concededIssueId: issue('price'),
      concededAmount: 18_000_000,
      receivedText: '签三年服务合同',
      receivedIssueId: issue('delivery'),
      receivedAmount: 1_500,
    });
  })();
}
