import { describe, expect, it } from 'vitest';
import { planVsActual } from './actuals';
import type { PlanIssue } from './domain';
import { seedExampleIssues } from './seedExample';

const issues = seedExampleIssues as PlanIssue[];
const round = (
  concededIssueId: string | null,
  concededAmount: number | null,
  receivedIssueId: string | null = null,
  receivedAmount: number | null = null,
) => ({ concededIssueId, concededAmount, receivedIssueId, receivedAmount });

describe('plan against actual', () => {
  it('sums the rounds per issue and compares them with the ladder (seed example)', () => {
    const a = planVsActual({
      issues,
      rounds: [round('price', 30_000_000, 'payment', 3000), round('price', 20_000_000), round('delivery', 4000)],
      agreement: [
        { issueId: 'price', agreedValue: 260_000_000 },
        { issueId: null, agreedValue: null },
      ],
    });
    expect(a[0]).toEqual({
      issueId: 'price',
      planned: 60_000_000,
      plannedEnd: 250_000_000,
      plannedPercentBp: 4918,
      conceded: 50_000_000,
      position: 260_000_000,
      percentBp: 4098,
      received: 0,
      agreed: 260_000_000,
      status: 'withinPlan',
    });
    expect(a[1]).toMatchObject({ issueId: 'payment', conceded: 0, received: 3000, status: 'notStarted', position: 3000 });
    // Delivery (higher is better): planned 30 days, conceded 40 → 50 days, beyond the plan but not past the floor 45.
    expect(a[3]).toMatchObject({ conceded: 4000, position: 5000, status: 'beyondPlan' });
  });
  it('flags a position past the floor, in both directions', () => {
    expect(planVsActual({ issues, rounds: [round('price', 130_000_000)], agreement: [] })[0]!.status).toBe('pastFloor');
    expect(planVsActual({ issues, rounds: [round('payment', 7000)], agreement: [] })[1]).toMatchObject({
      position: 10_000,
      status: 'pastFloor',
    });
    expect(planVsActual({ issues, rounds: [round('service', 100)], agreement: [] })[2]).toMatchObject({ planned: 0, status: 'beyondPlan' });
  });
});
