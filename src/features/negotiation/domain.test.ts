import { describe, expect, it } from 'vitest';
import { concessionChecks, formatBp, ladderOf, marginText, type PlanIssue, type PlanStep, type RuleCode } from './domain';
import { seedExampleIssues } from './seedExample';

const Y = 100; // hundredths per unit: 1 yuan = 100 fen, 1 day = 100

function issue(over: Partial<PlanIssue>): PlanIssue {
  return {
    id: 'i1',
    name: 'Price',
    unit: 'yuan',
    direction: 'higher',
    quote: null,
    target: null,
    floor: null,
    theirOpening: null,
    theirFloor: null,
    ourPriority: 2,
    theirPriority: 1,
    steps: [],
    ...over,
  };
}
const at = (position: number, exchange = 'something in return'): PlanStep => ({
  entered: 'position',
  position,
  size: null,
  exchange,
  tradedIssueId: null,
  tradedAmount: null,
});
const by = (size: number, exchange = 'something in return'): PlanStep => ({
  entered: 'size',
  position: null,
  size,
  exchange,
  tradedIssueId: null,
  tradedAmount: null,
});
const rules = (i: PlanIssue) => concessionChecks({ issues: [i] }).map((c) => c.rule);
const checksOf = (i: PlanIssue, rule: RuleCode) => concessionChecks({ issues: [i] }).filter((c) => c.rule === rule);

// Mirror images: a higher-better issue (price) and a lower-better one (payment days).
const higher = (steps: PlanStep[], o: Partial<PlanIssue> = {}) => issue({ quote: 100 * Y, target: 80 * Y, floor: 60 * Y, steps, ...o });
const lower = (steps: PlanStep[], o: Partial<PlanIssue> = {}) =>
  issue({ name: 'Payment', unit: 'days', direction: 'lower', quote: 30 * Y, target: 50 * Y, floor: 70 * Y, steps, ...o });

describe("the seeds' worked example (quote 3,100,000, floor 1,880,000)", () => {
  const price = seedExampleIssues.find((i) => i.id === 'price')! as PlanIssue;

  it('derives the margin, every step size, cumulative concession and share of the margin', () => {
    const l = ladderOf(price);
    expect(l.margin).toBe(1_220_000 * Y);
    expect(l.steps.map((s) => s.position)).toEqual([2_800_000 * Y, 2_620_000 * Y, 2_500_000 * Y]);
    expect(l.steps.map((s) => s.size)).toEqual([300_000 * Y, 180_000 * Y, 120_000 * Y]);
    expect(l.steps.map((s) => s.cumulative)).toEqual([300_000 * Y, 480_000 * Y, 600_000 * Y]);
    // 300,000 / 1,220,000 = 24.590…% ; 480,000 / … = 39.344…% ; 600,000 / … = 49.180…%
    expect(l.steps.map((s) => s.percentOfMarginBp)).toEqual([2459, 3934, 4918]);
    expect(l.finalPosition).toBe(price.target);
    expect(l.totalConcession).toBe(600_000 * Y);
    expect(formatBp(l.percentOfMarginBp)).toBe('49.18%');
    expect(l.zopa).toEqual({ from: 1_880_000 * Y, to: 2_700_000 * Y });
    expect(marginText(price, l, 'en')).toBe(
      '价格: planned concessions total ¥600,000 = 49.18% of the negotiation margin ¥1,220,000 (quote − floor)',
    );
    expect(marginText(price, l, 'zh-CN')).toBe('价格：计划让步合计 ¥600,000，占谈判获利空间 ¥1,220,000（报价 − 底价）的 49.18%');
  });

  it('passes every check as written, on every issue', () => {
    expect(concessionChecks({ issues: seedExampleIssues as PlanIssue[] })).toEqual([]);
  });

  it('raises no-exchange when an exchange is removed, in both languages with the rule words', () => {
    const steps = price.steps.map((s, i) => (i === 1 ? { ...s, exchange: '', tradedIssueId: null } : s));
    const checks = concessionChecks({ issues: [{ ...price, steps }] });
    expect(checks.map((c) => [c.rule, c.stepNo, c.field, c.severity])).toEqual([['no-exchange', 2, 'exchange', 'error']]);
    expect(checks[0]!.message.en).toBe('价格, step 2: no exchange demanded — never concede without an exchange.');
    expect(checks[0]!.message['zh-CN']).toBe('价格 第2次让步：没有提出交换条件——让步必须有交换条件。');
  });

  it('counts a traded issue alone as an exchange', () => {
    const steps = price.steps.map((s, i) => (i === 0 ? { ...s, exchange: '  ' } : s));
    expect(rules({ ...price, steps })).toEqual([]);
  });
});

describe('order: quote, target and floor in order for the direction', () => {
  it('higher is better: quote ≥ target ≥ floor', () => {
    expect(rules(higher([]))).toEqual([]);
    expect(rules(higher([], { target: 110 * Y }))).toEqual(['order']);
    expect(rules(higher([], { target: 50 * Y }))).toEqual(['order']);
    const c = checksOf(higher([], { floor: 120 * Y, target: null }), 'order');
    expect(c[0]!.field).toBe('floor');
    expect(c[0]!.message.en).toContain(
      'quote ¥100, target — and floor ¥120 are out of order — higher is better for us here, so quote ≥ target ≥ floor',
    );
    expect(c[0]!.message['zh-CN']).toContain('应为 报价 ≥ 目标价 ≥ 底价');
  });
  it('lower is better: quote ≤ target ≤ floor', () => {
    expect(rules(lower([]))).toEqual([]);
    expect(rules(lower([], { target: 20 * Y }))).toEqual(['order']);
    expect(rules(lower([], { target: 80 * Y }))).toEqual(['order']);
    const c = checksOf(lower([], { quote: 80 * Y, target: null }), 'order');
    expect(c[0]!.message.en).toContain('lower is better for us here, so quote ≤ target ≤ floor');
    expect(c[0]!.message['zh-CN']).toContain('此项越低对我方越有利');
  });
  it('equal quote, target and floor are in order; margin is zero', () => {
    const i = issue({ quote: 50 * Y, target: 50 * Y, floor: 50 * Y });
    expect(rules(i)).toEqual([]);
    expect(ladderOf(i).margin).toBe(0);
    expect(ladderOf(i).percentOfMarginBp).toBeNull();
  });
});

describe('past-floor', () => {
  it('higher: a step below the floor', () => {
    const c = checksOf(higher([at(70 * Y), at(55 * Y)]), 'past-floor');
    expect(c.map((x) => x.stepNo)).toEqual([2]);
    expect(c[0]!.message.en).toBe(
      'Price, step 2: ¥55 goes past the floor ¥60 — the ladder runs quote → … → target, never past the floor; stay within your authority.',
    );
    expect(c[0]!.message['zh-CN']).toContain('让步必须在授权范围之内');
  });
  it('lower: a step above the floor', () => {
    expect(checksOf(lower([at(40 * Y), at(75 * Y)]), 'past-floor').map((x) => x.stepNo)).toEqual([2]);
    expect(checksOf(lower([at(40 * Y), at(75 * Y)]), 'past-floor')[0]!.message.en).toContain('75 days goes past the floor 70 days');
  });
  it('one step landing exactly on the floor is not past it (but beyond the target)', () => {
    expect(rules(higher([at(60 * Y)]))).toEqual(['beyond-target']);
    expect(rules(lower([at(70 * Y)]))).toEqual(['beyond-target']);
    expect(ladderOf(higher([at(60 * Y)])).percentOfMarginBp).toBe(10_000);
  });
  it('equal quote and floor: any concession is past the floor and over the margin', () => {
    const i = issue({ quote: 50 * Y, target: 50 * Y, floor: 50 * Y, steps: [at(45 * Y)] });
    expect(rules(i)).toEqual(['past-floor', 'margin']);
    expect(checksOf(i, 'margin')[0]!.message.en).toContain('no margin (quote = floor)');
  });
});

describe('no-exchange', () => {
  it('flags each step without an exchange, both directions', () => {
    expect(checksOf(higher([at(90 * Y, ''), at(85 * Y), at(80 * Y, ' ')]), 'no-exchange').map((c) => c.stepNo)).toEqual([1, 3]);
    expect(checksOf(lower([at(40 * Y, ''), at(50 * Y)]), 'no-exchange').map((c) => c.stepNo)).toEqual([1]);
  });
});

describe('not-toward-floor', () => {
  it('higher: a step that goes up or stands still', () => {
    const c = checksOf(higher([at(90 * Y), at(95 * Y), at(95 * Y), at(80 * Y)]), 'not-toward-floor');
    expect(c.map((x) => x.stepNo)).toEqual([2, 3]);
    expect(c[0]!.message.en).toBe(
      'Price, step 2: ¥90 → ¥95 does not move toward the floor — each step concedes from the quote toward the target (the ladder runs quote → … → target, never past the floor).',
    );
  });
  it('lower: a step that goes down', () => {
    expect(checksOf(lower([at(25 * Y), at(50 * Y)]), 'not-toward-floor').map((x) => x.stepNo)).toEqual([1]);
  });
  it('a negative size typed as a size', () => {
    expect(checksOf(higher([by(-5 * Y)]), 'not-toward-floor').map((x) => x.stepNo)).toEqual([1]);
    expect(checksOf(lower([by(-5 * Y)]), 'not-toward-floor').map((x) => x.stepNo)).toEqual([1]);
  });
});

describe('growing-steps (a warning)', () => {
  it('higher: 5 then 10', () => {
    const c = checksOf(higher([at(95 * Y), at(85 * Y), at(80 * Y)]), 'growing-steps');
    expect(c.map((x) => [x.stepNo, x.severity])).toEqual([[2, 'warning']]);
    expect(c[0]!.message.en).toBe('Price, step 2: this step (¥10) is larger than the one before (¥5) — good practice: steps shrink.');
    expect(c[0]!.message['zh-CN']).toBe('Price 第2次让步：让步幅度 ¥10 大于上一次的 ¥5——让步幅度应逐次递减。');
  });
  it('lower: sizes typed as sizes', () => {
    expect(checksOf(lower([by(5 * Y), by(15 * Y)]), 'growing-steps').map((x) => x.stepNo)).toEqual([2]);
    expect(ladderOf(lower([by(5 * Y), by(15 * Y)])).steps.map((s) => s.position)).toEqual([35 * Y, 50 * Y]);
  });
  it('equal or shrinking steps are fine', () => {
    expect(rules(higher([at(90 * Y), at(80 * Y)]))).toEqual([]);
    expect(rules(lower([by(12 * Y), by(8 * Y)]))).toEqual([]);
  });
});

describe('short-of-target and beyond-target', () => {
  it('higher', () => {
    expect(rules(higher([at(90 * Y)]))).toEqual(['short-of-target']);
    expect(rules(higher([at(90 * Y), at(75 * Y)]))).toEqual(['growing-steps', 'beyond-target']);
    expect(checksOf(higher([at(90 * Y)]), 'short-of-target')[0]!.message.en).toBe(
      'Price: the plan ends at ¥90, short of the target ¥80 — the ladder runs quote → … → target, never past the floor.',
    );
  });
  it('lower', () => {
    expect(rules(lower([at(40 * Y)]))).toEqual(['short-of-target']);
    const c = checksOf(lower([at(40 * Y), at(60 * Y)]), 'beyond-target');
    expect(c.map((x) => x.stepNo)).toEqual([2]);
    expect(c[0]!.message['zh-CN']).toBe(
      'Payment：计划的让步止于 60天，超过了目标价 50天——让出的比目标多（让步阶梯从报价走向目标价，永远不越过底价）。',
    );
  });
  it('ending past the floor is reported as past-floor, not beyond-target', () => {
    expect(rules(higher([at(70 * Y), at(64 * Y), at(59 * Y)]))).toEqual(['past-floor', 'margin']);
  });
  it('no steps: nothing is planned yet, so no ladder checks', () => {
    expect(rules(higher([]))).toEqual([]);
    expect(rules(lower([]))).toEqual([]);
    const l = ladderOf(higher([]));
    expect([l.finalPosition, l.totalConcession, l.percentOfMarginBp, l.margin]).toEqual([100 * Y, 0, 0, 40 * Y]);
  });
});

describe('total planned concession against the margin', () => {
  it('higher: over the margin is a failure with amount and percentage', () => {
    const i = higher([at(80 * Y), at(70 * Y), at(50 * Y)]);
    const c = checksOf(i, 'margin');
    expect(c[0]!.message.en).toBe(
      'Price: planned concessions total ¥50 = 125.00% of the negotiation margin ¥40 (quote − floor) — more than the margin; stay within your authority.',
    );
  });
  it('lower: within the margin is no failure; the share is derived', () => {
    const i = lower([at(40 * Y), at(47 * Y)]);
    expect(checksOf(i, 'margin')).toEqual([]);
    expect(ladderOf(i).percentOfMarginBp).toBe(4250); // 17 of 40 days
    expect(ladderOf(i).steps.map((s) => [s.size, s.cumulative])).toEqual([
      [10 * Y, 10 * Y],
      [7 * Y, 17 * Y],
    ]);
  });
});

describe("our estimate of the customer's floor", () => {
  it('higher: above our quote, stated plainly', () => {
    const c = checksOf(higher([], { theirFloor: 120 * Y }), 'their-floor-beyond-quote');
    expect(c[0]!.message.en).toBe(
      "Price: we estimate the customer's floor at ¥120, above our quote ¥100 — they would accept more than we ask; reconsider the quote.",
    );
    expect(c[0]!.field).toBe('theirFloor');
  });
  it('lower: below our quote', () => {
    expect(checksOf(lower([], { theirFloor: 20 * Y }), 'their-floor-beyond-quote')[0]!.message['zh-CN']).toContain('低于我方报价 30天');
  });
  it('empty ZOPA on both directions', () => {
    const h = checksOf(higher([], { theirFloor: 50 * Y }), 'empty-zopa');
    expect(h[0]!.message.en).toBe(
      "Price: no zone of agreement (ZOPA) — we estimate the customer's floor at ¥50, below our floor ¥60; on this estimate there is no deal on this issue alone, only by trading other issues.",
    );
    expect(ladderOf(higher([], { theirFloor: 50 * Y })).zopa).toBeNull();
    expect(checksOf(lower([], { theirFloor: 80 * Y }), 'empty-zopa')[0]!.message['zh-CN']).toContain('没有可成交区间（ZOPA）');
    expect(rules(lower([], { theirFloor: 60 * Y }))).toEqual([]);
    expect(ladderOf(lower([], { theirFloor: 60 * Y })).zopa).toEqual({ from: 70 * Y, to: 60 * Y });
  });
});

describe('missing numbers', () => {
  it('an issue with no numbers has no checks and no margin', () => {
    const i = issue({ steps: [at(10 * Y)] });
    expect(rules(i)).toEqual([]);
    expect(ladderOf(i).margin).toBeNull();
    expect(ladderOf(i).steps[0]!.size).toBeNull();
  });
  it('a size with no quote has no position, and the step after it no size', () => {
    const l = ladderOf(issue({ steps: [by(5 * Y), at(80 * Y)] }));
    expect(l.steps.map((s) => [s.position, s.size])).toEqual([
      [null, 5 * Y],
      [80 * Y, null],
    ]);
  });
});
