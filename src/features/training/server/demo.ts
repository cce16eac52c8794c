import seedrandom from 'seedrandom';
import { seededIds } from '../../../platform/seededIds';
import type { ServerContext } from '../../../platform/context';
import { addDays } from '../../../shared/dates';
import type { Handlers, Input } from '../../../platform/registry';
import type { trainingContract, TrainingDetail } from '../contract';
import { trainingHandlers } from './handlers';

// Two demo classes of the seeds' role-play (three suppliers compete for one project; 30
// minutes; 0 for an unsigned table), so reviewers see a filled leaderboard, a frontier and
// a comparison over time. Seeded ids and dates relative to today: the same every time.

type C = typeof trainingContract;

const VENDOR = { price: 2, payment: 1, service: 3, delivery: 4 };
const CUSTOMER = { price: 1, payment: 4, service: 3, delivery: 2 };
type IssueKey = keyof typeof VENDOR;
type Levels = Record<IssueKey, [number, number]>;

interface DemoClass {
  name: string;
  daysAgo: number;
  notes: string;
  vendors: string[];
  customers: string[];
  /** [round, label, vendor index, customer index, signed, levels (vendor, customer)] */
  tables: [number, string, number, number, boolean, Levels | null][];
  guesses: Record<string, Partial<Record<IssueKey, number>>>;
  /** Tables whose price was agreed as a term (mapped to levels by the case). */
  priceTerms: Record<string, string>;
}

const split: Levels = { price: [3, 3], payment: [3, 3], service: [3, 3], delivery: [3, 3] };
const traded: Levels = { price: [2, 4], payment: [5, 1], service: [3, 3], delivery: [1, 5] };
const priceWar: Levels = { price: [1, 5], payment: [2, 4], service: [2, 4], delivery: [3, 3] };
const hardline: Levels = { price: [4, 2], payment: [3, 3], service: [4, 2], delivery: [2, 4] };

const CLASSES: DemoClass[] = [
  {
    name: '大客户销售训练营 · 第一期',
    daysAgo: 35,
    notes: '多数小组平分每一项，很少交换。下期先讲“找出对方的优先顺序”。',
    vendors: ['厂家一组', '厂家二组', '厂家三组'],
    customers: ['客户组'],
    tables: [
      [1, 'A', 0, 0, true, split],
      [1, 'B', 1, 0, true, priceWar],
      [1, 'C', 2, 0, false, null],
    ],
    guesses: { 厂家一组: { price: 2, payment: 1, service: 3, delivery: 4 } },
    priceTerms: {},
  },
  {
    name: '大客户销售训练营 · 第二期',
    daysAgo: 5,
    notes: '第一组用付款换价格和交期，双方合计最高；第三组坚持报价，最后时刻才签约。',
    vendors: ['厂家一组', '厂家二组', '厂家三组', '厂家四组'],
    customers: ['客户一组', '客户二组'],
    tables: [
      [1, 'A', 0, 0, true, traded],
      [1, 'B', 1, 0, true, split],
      [1, 'C', 2, 1, true, hardline],
      [1, 'D', 3, 1, false, null],
      [2, 'A', 0, 1, true, traded],
      [2, 'B', 1, 1, true, priceWar],
      [2, 'C', 2, 0, true, split],
      [2, 'D', 3, 0, true, traded],
    ],
    guesses: {
      厂家一组: { price: 1, payment: 4, service: 3, delivery: 2 },
      厂家二组: { price: 1, payment: 3, service: 4, delivery: 2 },
      厂家三组: { price: 2, payment: 1, service: 3, delivery: 4 },
      客户一组: { price: 2, payment: 1, service: 3, delivery: 4 },
    },
    priceTerms: { '1A': '220万元', '2A': '220万元' },
  },
];

export function seedTrainingDemo(ctx: ServerContext): void {
  const rng = seedrandom('sales-workstation-training-demo');
  const w: ServerContext = { ...ctx, newId: seededIds(rng, Date.UTC(2026, 0, 2)) };
  const job = ctx.jobs.start(undefined);
  const h = trainingHandlers as Required<Handlers<C>>;
  const run = <K extends keyof C>(k: K, input: Input<C[K]>) => h[k](input as never, w, job) as TrainingDetail;

  ctx.db.transaction(() => {
    for (const cls of CLASSES) {
      let d = run('training:create', {
        name: cls.name,
        date: addDays(ctx.clock.today(), -cls.daysAgo),
        lang: 'zh-CN',
        caseDescription:
          '某制造企业采购一套自动化生产线，三家供应商提交了建议书和报价。客户已与两家谈过。谈判30分钟内未签订协议，算作谈判破裂。',
      });
      const sessionId = d.session.id;
      d = run('training:update', { id: sessionId, patch: { trainerNotes: cls.notes } });
      for (const name of cls.vendors) d = run('training:saveTeam', { sessionId, name, side: 'vendor' });
      for (const name of cls.customers) d = run('training:saveTeam', { sessionId, name, side: 'customer' });
      const issueId = (k: IssueKey) => d.issues.find((i) => i.issueKey === k)!.id;
      const teamId = (name: string) => d.teams.find((t) => t.name === name)!.id;
      const order = (o: Partial<Record<IssueKey, number>>) =>
        Object.entries(o).map(([k, priority]) => ({ issueId: issueId(k as IssueKey), priority }));
      for (const name of cls.vendors) d = run('training:setOrder', { teamId: teamId(name), kind: 'priorities', order: order(VENDOR) });
      for (const name of cls.customers) d = run('training:setOrder', { teamId: teamId(name), kind: 'priorities', order: order(CUSTOMER) });
      for (const [name, guess] of Object.entries(cls.guesses))
        d = run('training:setOrder', { teamId: teamId(name), kind: 'guesses', order: order(guess) });
      for (const [roundNo, label, v, c, signed, levels] of cls.tables) {
        d = run('training:savePairing', {
          sessionId,
          roundNo,
          label,
          vendorTeamId: teamId(cls.vendors[v]!),
          customerTeamId: teamId(cls.customers[c]!),
          signed,
        });
        const pairingId = d.pairings.find((p) => p.roundNo === roundNo && p.label === label)!.id;
        if (!levels) continue;
        for (const [k, [vendorLevel, customerLevel]] of Object.entries(levels) as [IssueKey, [number, number]][]) {
          const term = k === 'price' ? cls.priceTerms[`${roundNo}${label}`] : undefined;
          d = run(
            'training:setOutcome',
            term ? { pairingId, issueId: issueId(k), term } : { pairingId, issueId: issueId(k), vendorLevel, customerLevel },
          );
        }
      }
    }
  })();
  job.finish('done');
}
