import { describe, expect, it } from 'vitest';
import { quarterMonths, reportWeek, weekStartOf } from './periods';
import { attainment, coverage, quotaFor, quotaYear } from './quotas';
import { callsOf, categoryMoves, categoryOf, defaultCategory, type CallDeal } from './forecast';
import { visitState } from './visits';

describe('periods', () => {
  it('weeks start on Monday', () => {
    expect(weekStartOf('2026-11-30')).toBe('2026-11-30'); // a Monday
    expect(weekStartOf('2026-12-06')).toBe('2026-11-30'); // the Sunday after
    expect(weekStartOf('2026-12-03')).toBe('2026-11-30');
    expect(quarterMonths('2026-11')).toEqual(['2026-10', '2026-11', '2026-12']);
  });
  it('a report week is read as of today, never after its Sunday', () => {
    expect(reportWeek('2026-12-02', '2026-12-03')).toMatchObject({
      weekStart: '2026-11-30',
      asOf: '2026-12-03',
      previousAsOf: '2026-11-26',
      month: '2026-11',
    });
    expect(reportWeek('2026-11-16', '2026-12-03').asOf).toBe('2026-11-22');
  });
});

describe('quotas', () => {
  const rows = [
    { ownerId: 'r1', month: '2026-01', amount: 100 },
    { ownerId: 'r1', month: '2026-02', amount: 200 },
    { ownerId: 'r2', month: '2026-04', amount: 50 },
    { ownerId: 'r2', month: '2025-12', amount: 999 },
  ];
  it('quarters and the year add up months; territories and the team add up reps', () => {
    const y = quotaYear(rows, 2026, (r) => (r === 'r1' ? 'east' : 'south'), ['r1', 'r2', 'r3']);
    const r1 = y.reps.find((r) => r.key === 'r1')!;
    expect(r1.quarters).toEqual([300, 0, 0, 0]);
    expect(r1.year).toBe(300);
    expect(y.reps.find((r) => r.key === 'r3')!.year).toBe(0);
    expect(y.territories.find((t) => t.key === 'south')!.quarters).toEqual([0, 50, 0, 0]);
    expect(y.team.year).toBe(350);
    expect(quotaFor(rows, '2026-02', null)).toEqual({ month: 200, quarter: 300 });
    expect(quotaFor(rows, '2026-02', new Set(['r2']))).toEqual({ month: 0, quarter: 0 });
  });
  it('attainment and coverage', () => {
    expect(attainment(150, 600)).toBe(0.25);
    expect(attainment(1, 0)).toBeNull();
    // 900 open against 600 − 300 still to win: 3×
    expect(coverage(900, 600, 300)).toBe(3);
    expect(coverage(900, 600, 600)).toBeNull();
  });
});

describe('forecast categories', () => {
  it('follow the stage probability unless the owner chose one', () => {
    expect([9500, 8000, 7999, 4000, 3999, 500, 0].map(defaultCategory)).toEqual([
      'commit',
      'commit',
      'bestCase',
      'bestCase',
      'pipeline',
      'pipeline',
      'omitted',
    ]);
    expect(categoryOf('commit', 500)).toBe('commit');
    expect(categoryOf(null, 6000)).toBe('bestCase');
  });
  it('a call sums each category closing in the month and in the quarter; omitted is left out', () => {
    const deals: CallDeal[] = [
      { opportunityId: 'a', ownerId: 'r1', category: 'commit', amount: 100, expectedClose: '2026-11-20' },
      { opportunityId: 'b', ownerId: 'r1', category: 'bestCase', amount: 40, expectedClose: '2026-12-10' },
      { opportunityId: 'c', ownerId: 'r1', category: 'pipeline', amount: 7, expectedClose: '2027-01-10' },
      { opportunityId: 'd', ownerId: 'r1', category: 'omitted', amount: 1000, expectedClose: '2026-11-10' },
    ];
    expect(callsOf(deals, '2026-11')).toEqual([
      { ownerId: 'r1', month: { commit: 100, bestCase: 0, pipeline: 0 }, quarter: { commit: 100, bestCase: 40, pipeline: 0 } },
    ]);
    const moved = categoryMoves(
      deals,
      deals.map((d) => (d.opportunityId === 'b' ? { ...d, category: 'commit' as const } : d)),
    );
    expect(moved).toEqual([{ opportunityId: 'b', ownerId: 'r1', from: 'bestCase', to: 'commit', amount: 40 }]);
  });
});

describe('overdue visits: just inside and just outside each class cadence', () => {
  const asOf = '2026-12-03';
  it.each([
    ['A', 3, 10],
    ['B', 2, 15],
    ['C', 1, 30],
  ])('%s (%i a month) may go %i days', (_cls, perMonth, days) => {
    expect(visitState(asOf, perMonth, asOf).overdue).toBe(false);
    const inside = new Date(Date.UTC(2026, 11, 3 - days)).toISOString().slice(0, 10);
    const outside = new Date(Date.UTC(2026, 11, 2 - days)).toISOString().slice(0, 10);
    expect(visitState(inside, perMonth, asOf)).toEqual({ overdue: false, daysSince: days, allowedDays: days });
    expect(visitState(outside, perMonth, asOf)).toEqual({ overdue: true, daysSince: days + 1, allowedDays: days });
  });
  it('never visited is overdue; a class with no visits planned never is', () => {
    expect(visitState(null, 1, asOf).overdue).toBe(true);
    expect(visitState('2020-01-01', 0, asOf).overdue).toBe(false);
  });
});
