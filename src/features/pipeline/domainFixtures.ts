import type { OppEvent, OppHistory, StageIndex, StageRef, TrackedState } from './domain';
import type { ReviewInput } from './reviewModel';

// Hand-built histories on the default seven stages (s0..s6). The review runs from Monday
// 2026-03-02 to Monday 2026-03-09; events dated 03-02 count as "at from".

export const PROB = [500, 1000, 2500, 4000, 6000, 8000, 9500];
export const stages: StageRef[] = PROB.map((p, i) => ({ id: `s${i}`, position: i, probabilityBp: p }));
export const index: StageIndex = new Map<string, StageRef>([
  ...stages.map((s) => [s.id, s] as const),
  // A stage of a model the user switched away from, mapped to s2.
  ['old-needs', stages[2]!],
]);

export const base: TrackedState = {
  stageId: 's1',
  status: 'open',
  amount: 100_000_00,
  expectedClose: '2026-03-31',
  probabilityBp: null,
  ownerId: 'rep1',
};

/** A history from a list of [date, changes] steps, each applied to the previous state. */
export function history(id: string, steps: [string, Partial<TrackedState>][], extra: Partial<OppHistory> = {}): OppHistory {
  let s: TrackedState = base;
  let prev: OppEvent | null = null;
  const events: OppEvent[] = steps.map(([date, change]) => {
    s = { ...s, ...change };
    // As the service records it: a new stage, or reopening, restarts the stage clock.
    const restarted = !prev || prev.stageId !== s.stageId || (prev.status !== 'open' && s.status === 'open');
    prev = { ...s, date, stageSince: restarted ? date : prev!.stageSince };
    return prev;
  });
  return { id, accountId: `acc-${id}`, territoryId: 't1', events, ...extra };
}

export const FROM = '2026-03-02';
export const TO = '2026-03-09';
export const input: ReviewInput = { from: FROM, to: TO, stallDays: 30, periodEnd: '2026-03-31', stages, index };

export const several = history('several', [
  ['2026-01-05', {}],
  ['2026-03-03', { stageId: 's2' }],
  ['2026-03-04', { amount: 120_000_00 }],
  ['2026-03-05', { stageId: 's3' }],
  ['2026-03-06', { expectedClose: '2026-03-20' }],
]);
export const backThenForward = history('backfwd', [
  ['2026-02-01', { stageId: 's3' }],
  ['2026-03-04', { stageId: 's2' }],
  ['2026-03-06', { stageId: 's3' }],
]);
export const forwardThenBack = history('fwdback', [
  ['2026-02-01', { stageId: 's2' }],
  ['2026-03-03', { stageId: 's4' }],
  ['2026-03-05', { stageId: 's3' }],
]);
export const reopened = history('reopened', [
  ['2026-01-10', { stageId: 's2' }],
  ['2026-02-20', { status: 'lost' }],
  ['2026-03-04', { status: 'open' }],
]);
export const reopenedLostAgain = history('relost', [
  ['2026-01-10', { stageId: 's2' }],
  ['2026-02-20', { status: 'lost' }],
  ['2026-03-03', { status: 'open' }],
  ['2026-03-05', { status: 'lost' }],
]);
export const longLost = history('longlost', [
  ['2026-01-10', {}],
  ['2026-02-01', { status: 'lost' }],
]);
export const slippedTwice = history('slipped', [
  ['2026-02-01', { stageId: 's4', expectedClose: '2026-03-15', amount: 50_000_00 }],
  ['2026-03-03', { expectedClose: '2026-03-31' }],
  ['2026-03-06', { expectedClose: '2026-04-30' }],
]);
export const brandNew = history('new', [['2026-03-04', { stageId: 's0', amount: 10_000_00 }]]);
export const newAndWon = history('newwon', [
  ['2026-03-04', { stageId: 's5', amount: 30_000_00 }],
  ['2026-03-06', { status: 'won' }],
]);
export const newAndLost = history('newlost', [
  ['2026-03-04', {}],
  ['2026-03-05', { status: 'lost' }],
]);
export const won = history('won', [
  ['2026-01-15', { stageId: 's5', amount: 80_000_00 }],
  ['2026-03-05', { stageId: 's6', status: 'won', amount: 82_000_00 }],
]);
export const stalled = history('stalled', [['2026-01-10', { stageId: 's1', amount: 7_000_00, ownerId: 'rep2' }]]);
export const decreased = history('decreased', [
  ['2026-02-10', { stageId: 's3', amount: 40_000_00, ownerId: 'rep2' }],
  ['2026-03-08', { amount: 35_000_00 }],
]);
export const future = history('future', [['2026-03-10', {}]]);
export const all = [
  several,
  backThenForward,
  forwardThenBack,
  reopened,
  reopenedLostAgain,
  longLost,
  slippedTwice,
  brandNew,
  newAndWon,
  newAndLost,
  won,
  stalled,
  decreased,
  future,
];
