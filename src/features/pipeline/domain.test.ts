import { describe, expect, it } from 'vitest';
import { dayNumber, fromDayNumber } from '../../shared/dates';
import { civilDay, classifyMovement, closedSince, sinceDate, stateAsOf, staysOf, weightedAmount } from './domain';
import { quarterEnd } from '../../shared/dates';
import { buildReview, reviewRow } from './review';
import type { BridgeParts } from './reviewModel';
import { matchesDrill, type Drill } from './drill';
// Hand-built histories on the default seven stages (./domainFixtures).
import { stages, index, base, history, FROM, TO, input, several, backThenForward, slippedTwice, all } from './domainFixtures';

describe('as-of reconstruction', () => {
  const h = history('a', [
    ['2026-01-05', {}],
    ['2026-03-03', { stageId: 's2' }],
    ['2026-03-03', { amount: 120_000_00 }],
    ['2026-03-05', { stageId: 's3', expectedClose: '2026-04-15' }],
  ]);

  it('is null before the opportunity existed and the last event on or before the date after', () => {
    expect(stateAsOf(h.events, '2026-01-04')).toBeNull();
    expect(stateAsOf(h.events, '2026-01-05')).toMatchObject({ stageId: 's1', amount: 100_000_00 });
    expect(stateAsOf(h.events, '2026-03-02')).toMatchObject({ stageId: 's1' });
    // Two changes on one day: the later one wins.
    expect(stateAsOf(h.events, '2026-03-03')).toMatchObject({ stageId: 's2', amount: 120_000_00 });
    expect(stateAsOf(h.events, '2026-03-04')).toMatchObject({ stageId: 's2', expectedClose: '2026-03-31' });
    expect(stateAsOf(h.events, '2099-01-01')).toMatchObject({ stageId: 's3', expectedClose: '2026-04-15' });
  });

  it('cuts the history into stays with how each one ended', () => {
    expect(staysOf(h.events, index)).toEqual([
      { stage: stages[1], start: '2026-01-05', end: '2026-03-03', exit: 'forward' },
      { stage: stages[2], start: '2026-03-03', end: '2026-03-05', exit: 'forward' },
      { stage: stages[3], start: '2026-03-05', end: null, exit: null },
    ]);
  });

  it('follows stages of an old model to the stage they were mapped to', () => {
    const old = history('o', [
      ['2026-01-01', { stageId: 'old-needs' }],
      ['2026-03-04', { stageId: 's2' }],
    ]);
    // Same stage after mapping: one stay, not a move.
    expect(staysOf(old.events, index)).toHaveLength(1);
    expect(classifyMovement(old.events[0]!, old.events[1]!, index)).toBe('unchanged');
  });

  it('weights an amount by the stage probability or the override, rounding half away from zero', () => {
    expect(weightedAmount(index, { ...base, amount: 333, stageId: 's2' })).toBe(83); // 83.25
    expect(weightedAmount(index, { ...base, amount: 3, stageId: 's1' })).toBe(0); // 0.3
    expect(weightedAmount(index, { ...base, amount: 5, stageId: 's1' })).toBe(1); // 0.5 → 1
    expect(weightedAmount(index, { ...base, amount: 1000, probabilityBp: 3333 })).toBe(333);
  });

  it('knows when a closed status began', () => {
    const h2 = history('c', [
      ['2026-01-01', {}],
      ['2026-02-01', { status: 'lost' }],
      ['2026-02-10', { amount: 5 }],
      ['2026-03-04', { status: 'open' }],
      ['2026-03-06', { status: 'lost' }],
    ]);
    expect(closedSince(h2.events, '2026-02-15')).toBe('2026-02-01');
    expect(closedSince(h2.events, '2026-03-05')).toBeNull();
    expect(closedSince(h2.events, TO)).toBe('2026-03-06');
  });

  it('counts days by integer arithmetic exactly as the shared date helpers do', () => {
    for (let n = dayNumber('1999-12-25'); n < dayNumber('2031-03-05'); n += 3) {
      expect(civilDay(fromDayNumber(n))).toBe(n);
    }
    expect(civilDay('2024-02-29') - civilDay('2024-03-01')).toBe(-1);
  });

  it('finds the end of the quarter', () => {
    expect(quarterEnd('2026-03-09')).toBe('2026-03-31');
    expect(quarterEnd('2026-11-01')).toBe('2026-12-31');
  });
});

// The week's cast.
describe('movement between two dates', () => {
  const review = buildReview(all, input);
  const row = (id: string) => review.rows.find((r) => r.id === id);

  it('classifies every opportunity', () => {
    expect(Object.fromEntries(review.rows.map((r) => [r.id, r.change]))).toEqual({
      several: 'advanced',
      backfwd: 'unchanged',
      fwdback: 'advanced',
      reopened: 'unchanged',
      relost: 'lost',
      slipped: 'unchanged',
      new: 'new',
      newwon: 'won',
      newlost: 'lost',
      won: 'won',
      stalled: 'unchanged',
      decreased: 'unchanged',
    });
    // Lost long before and untouched, or created after `to`: not part of the review.
    expect(row('longlost')).toBeUndefined();
    expect(row('future')).toBeUndefined();
    expect(review.counts).toEqual({ new: 1, advanced: 2, movedBack: 0, won: 2, lost: 2, unchanged: 5 });
  });

  it('several changes within the week: first and last state, stages passed through', () => {
    expect(row('several')).toMatchObject({
      stageFrom: 's1',
      stageTo: 's3',
      amountFrom: 100_000_00,
      amountTo: 120_000_00,
      amountDelta: 20_000_00,
      closeFrom: '2026-03-31',
      closeTo: '2026-03-20',
      slippedDays: null,
      daysInStage: 4,
      stalled: false,
      exits: [
        { stageId: 's1', exit: 'forward', days: 57 },
        { stageId: 's2', exit: 'forward', days: 2 },
      ],
      visited: ['s1', 's2', 's3'],
    });
  });

  it('a move back then forward is unchanged but its stays are counted', () => {
    expect(row('backfwd')).toMatchObject({
      change: 'unchanged',
      daysInStage: 3,
      exits: [
        { stageId: 's3', exit: 'back', days: 31 },
        { stageId: 's2', exit: 'forward', days: 2 },
      ],
    });
    expect(row('fwdback')!.exits.map((x) => x.exit)).toEqual(['forward', 'back']);
  });

  it('a lost opportunity reopened is back in the pipeline and in the bridge as reopened', () => {
    expect(row('reopened')).toMatchObject({ statusFrom: 'lost', statusTo: 'open', reopened: true, entry: 'reopened', daysInStage: 5 });
    expect(row('reopened')!.bridge).toMatchObject({ start: 0, new: 100_000_00, end: 100_000_00 });
    expect(row('relost')).toMatchObject({ change: 'lost', reopened: false, exits: [{ stageId: 's2', exit: 'lost', days: 2 }] });
  });

  it('a close date slipping twice: slipped days, and out of the period in the bridge', () => {
    expect(row('slipped')).toMatchObject({ closeFrom: '2026-03-15', closeTo: '2026-04-30', slippedDays: 46 });
    expect(row('slipped')!.bridge).toEqual({
      start: 50_000_00,
      new: 0,
      increase: 0,
      decrease: 0,
      won: 0,
      lost: 0,
      slipped: 50_000_00,
      end: 0,
    });
    expect(review.slipped).toBe(1);
  });

  it('stalled: open and no stage change for 30 days or more', () => {
    expect(row('stalled')).toMatchObject({ stalled: true, daysInStage: 58 });
    // The slipped one has sat in s4 since 02-01 (36 days); decreased only 27 days in s3.
    expect(review.rows.filter((r) => r.stalled).map((r) => r.id)).toEqual(['slipped', 'stalled']);
    expect(buildReview(all, { ...input, stallDays: 60 }).stalled).toBe(0);
  });

  it('won and lost amounts and the bridge reconcile line by line and in total', () => {
    expect(row('won')!.bridge).toMatchObject({ start: 80_000_00, increase: 2_000_00, won: 82_000_00, end: 0 });
    expect(row('newwon')!.bridge).toMatchObject({ start: 0, new: 30_000_00, won: 30_000_00, end: 0 });
    const net = (b: BridgeParts) => b.start + b.new + b.increase - b.decrease - b.won - b.lost - b.slipped;
    for (const r of review.rows) expect(net(r.bridge), r.id).toBe(r.bridge.end);
    expect(net(review.bridge)).toBe(review.bridge.end);
    expect(review.bridge).toEqual({
      start: 100_000_00 + 100_000_00 + 100_000_00 + 50_000_00 + 80_000_00 + 7_000_00 + 40_000_00,
      // reopened, relost (in and out again), new, newwon, newlost
      new: 100_000_00 + 100_000_00 + 10_000_00 + 30_000_00 + 100_000_00,
      increase: 20_000_00 + 2_000_00,
      decrease: 5_000_00,
      won: 82_000_00 + 30_000_00,
      lost: 100_000_00 + 100_000_00,
      slipped: 50_000_00,
      end: 120_000_00 + 100_000_00 + 100_000_00 + 100_000_00 + 10_000_00 + 7_000_00 + 35_000_00,
    });
  });

  it('without a period end nothing slips out of the bridge', () => {
    const r = reviewRow(slippedTwice, { ...input, periodEnd: null })!;
    expect(r.bridge).toMatchObject({ start: 50_000_00, slipped: 0, end: 50_000_00 });
  });

  it('per-stage metrics: counts, amounts, moved down and speed, lost and loss ratio, stalled and stall ratio', () => {
    const s = (id: string) => review.perStage.find((m) => m.stageId === id)!;
    expect(s('s1')).toMatchObject({
      opportunities: 1,
      accounts: 1,
      amount: 7_000_00,
      forecast: 700_00,
      movedDown: 1,
      speedDays: 57,
      stalled: 1,
      stallRatioBp: 10_000,
    });
    // s2: several, backfwd and fwdback left it forward (2, 2 and 30 days), reopened sits
    // here, relost was lost here.
    expect(s('s2')).toMatchObject({ opportunities: 1, movedDown: 3, speedDays: 11.3, lost: 1, accountsLost: 1 });
    expect(s('s2').visited).toBe(5); // several, backfwd, fwdback, reopened, relost
    expect(s('s2').lossRatioBp).toBe(2000);
    // s3: several, backfwd, fwdback and decreased sit there; backfwd left it backwards once.
    expect(s('s3')).toMatchObject({ opportunities: 4, amount: 120_000_00 + 100_000_00 + 100_000_00 + 35_000_00, movedDown: 0 });
    expect(s('s5')).toMatchObject({ movedDown: 2, speedDays: (49 + 2) / 2 }); // won and newwon
  });

  it('per rep and per territory totals', () => {
    const rep2 = review.byOwner.find((g) => g.key === 'rep2')!;
    expect(rep2).toMatchObject({ openFrom: 2, amountFrom: 47_000_00, openTo: 2, amountTo: 42_000_00, stalled: 1 });
    expect(review.byTerritory).toHaveLength(1);
    expect(review.byTerritory[0]!.counts).toEqual(review.counts);
  });

  it('every number clicks through to exactly the rows it counts', () => {
    const ids = (d: Drill) => review.rows.filter((r) => matchesDrill(r, d)).map((r) => r.id);
    expect(ids({ metric: 'won' })).toEqual(['newwon', 'won']);
    expect(ids({ metric: 'stageLost', stageId: 's2' })).toEqual(['relost']);
    expect(ids({ metric: 'stageMovedDown', stageId: 's2' })).toEqual(['several', 'backfwd', 'fwdback']);
    expect(ids({ metric: 'bridgeSlipped' })).toEqual(['slipped']);
    expect(ids({ metric: 'unchanged', ownerId: 'rep2' })).toEqual(['stalled', 'decreased']);
    for (const m of review.perStage) {
      expect(ids({ metric: 'stageOpen', stageId: m.stageId })).toHaveLength(m.opportunities);
      expect(ids({ metric: 'stageMovedDown', stageId: m.stageId })).toHaveLength(m.movedDown);
      expect(ids({ metric: 'stageLost', stageId: m.stageId })).toHaveLength(m.lost);
      expect(ids({ metric: 'stageStalled', stageId: m.stageId })).toHaveLength(m.stalled);
      expect(ids({ metric: 'stageVisited', stageId: m.stageId })).toHaveLength(m.visited);
    }
    expect(ids({ metric: 'increase' })).toHaveLength(review.increases.count);
    expect(ids({ metric: 'decrease' })).toEqual(['decreased']);
  });

  it('a history cut to the state as of `from` gives the same review (how the database loads it)', () => {
    const cut = buildReview(
      all.map((h) => sinceDate(h, FROM)),
      input,
    );
    expect(cut).toEqual(review);
    expect(sinceDate(several, FROM).events.map((e) => e.date)).toEqual([
      '2026-01-05',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
    ]);
    expect(sinceDate(slippedTwice, FROM).events[0]).toMatchObject({ date: '2026-02-01', stageSince: '2026-02-01' });
    expect(sinceDate(backThenForward, '2026-03-05').events[0]).toMatchObject({ date: '2026-03-04', stageSince: '2026-03-04' });
  });

  it('forecast by expected-close month: amount and weighted amount of open ones', () => {
    expect(review.forecast.map((m) => m.month)).toEqual(['2026-03', '2026-04']);
    const april = review.forecast[1]!;
    expect(april).toEqual({ month: '2026-04', count: 1, amount: 50_000_00, weighted: 30_000_00 });
  });
});
