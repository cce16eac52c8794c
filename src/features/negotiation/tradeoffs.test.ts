import { describe, expect, it } from 'vitest';
import type { PlanIssue } from './domain';
import { seedExampleIssues } from './seedExample';
import { tradeClass, tradeoffMatrix, tradeVerdict } from './tradeoffs';

const issues = seedExampleIssues as PlanIssue[];
const byId = (id: string) => issues.find((i) => i.id === id)!;

describe("trade-off matrix on the seeds' ranks (vendor 2/1/3/4, customer 1/4/3/2)", () => {
  it('classes each issue: delivery worth offering, payment to ask for, price guarded, service filler', () => {
    expect(issues.map((i) => [i.id, tradeClass(i.ourPriority, i.theirPriority)])).toEqual([
      ['price', 'guard'],
      ['payment', 'ask'],
      ['service', 'filler'],
      ['delivery', 'offer'],
    ]);
  });

  it('places issues in a 4×4 grid of our priority × their priority', () => {
    const m = tradeoffMatrix({ issues });
    expect(m.cells).toHaveLength(16);
    const cell = (our: number, their: number) => m.cells.find((c) => c.ourPriority === our && c.theirPriority === their)!;
    expect(cell(2, 1).issues.map((i) => i.id)).toEqual(['price']);
    expect(cell(1, 4).issues.map((i) => i.id)).toEqual(['payment']);
    expect(cell(4, 2)).toMatchObject({ cls: 'offer', issues: [{ id: 'delivery', name: '到货时间' }] });
    expect(cell(1, 1)).toMatchObject({ cls: 'guard', issues: [] });
  });

  it('lists every planned trade with its price beside the price concessions', () => {
    const m = tradeoffMatrix({ issues });
    expect(
      m.trades.map((t) => [
        t.issueId,
        t.stepNo,
        t.give,
        t.getIssueId,
        t.getAmount,
        t.verdict,
        t.reason,
        t.priceGiven,
        t.priceReceived,
        t.priceConcededSoFar,
      ]),
    ).toEqual([
      // Price ladder: 300,000 for payment 30 days (we rank payment 1 above price 2: worth it)…
      ['price', 1, 30_000_000, 'payment', 3000, 'worth', 'getMore', 30_000_000, null, 30_000_000],
      // …180,000 for delivery 15 days (we rank delivery 4, below price: avoid)…
      ['price', 2, 18_000_000, 'delivery', 1500, 'avoid', 'getLess', 18_000_000, null, 48_000_000],
      ['price', 3, 12_000_000, null, null, 'neutral', 'none', 12_000_000, null, 60_000_000],
      // Conceding payment (valuable to us, cheap for them) is a trade to avoid.
      ['payment', 1, 3000, null, null, 'avoid', 'giveAsk', null, null, 60_000_000],
      // Delivery days for 50,000 on price: worth offering, and its price is visible.
      ['delivery', 1, 3000, 'price', 5_000_000, 'worth', 'giveOffer', null, 5_000_000, 60_000_000],
    ]);
    expect(m.priceConceded).toBe(60_000_000);
    expect(m.priceReceived).toBe(5_000_000);
  });

  it('judges a trade by what is given and what is got', () => {
    expect(tradeVerdict(byId('delivery'), byId('payment'))).toEqual({ verdict: 'worth', reason: 'giveOffer' });
    expect(tradeVerdict(byId('payment'), byId('delivery'))).toEqual({ verdict: 'avoid', reason: 'giveAsk' });
    expect(tradeVerdict(byId('service'), null)).toEqual({ verdict: 'neutral', reason: 'none' });
    expect(tradeVerdict(byId('service'), byId('payment'))).toEqual({ verdict: 'worth', reason: 'getMore' });
  });
});
