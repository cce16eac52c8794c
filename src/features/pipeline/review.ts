import type { Fen } from '../../shared/money';
import type { IsoDate } from '../../shared/dates';
import {
  classifyMovement,
  closedSince,
  dayDiff,
  monthOf,
  ratioBp,
  stageOf,
  stateAsOf,
  staysOf,
  weightedAmount,
  type ExitKind,
  type MovementClass,
  type OppHistory,
  type OppStatus,
  type StageIndex,
  type StageRef,
} from './domain';

// The weekly pipeline review (docs/en/pipeline.md): one pass over every opportunity's history
// gives one row per opportunity in the review; every total is a sum over those rows, and
// `matchesDrill` names the rows behind any number, so each number can click through.

export interface ReviewInput {
  from: IsoDate;
  to: IsoDate;
  /** An open opportunity is stalled when its stage has not changed for this many days. */
  stallDays: number;
  /** The bridge's pipeline: open opportunities expected to close on or before this date (null: all). */
  periodEnd: IsoDate | null;
  /** The active model's stages by position. */
  stages: readonly StageRef[];
  index: StageIndex;
}

/** How one opportunity moves the pipeline amount from `from` to `to`; all parts are ≥ 0. */
export interface BridgeParts {
  start: Fen;
  new: Fen;
  increase: Fen;
  decrease: Fen;
  won: Fen;
  lost: Fen;
  slipped: Fen;
  end: Fen;
}

/** Why an opportunity entered the bridge's pipeline during the period. */
export type EntryReason = 'new' | 'reopened' | 'pulledIn';

export interface StageExit {
  stageId: string;
  exit: ExitKind;
  /** Days spent in the stage before leaving it. */
  days: number;
}

export interface ReviewRow {
  id: string;
  accountId: string;
  territoryId: string;
  /** Owner as of `to`. */
  ownerId: string;
  stageFrom: string | null;
  stageTo: string;
  statusFrom: OppStatus | null;
  statusTo: OppStatus;
  amountFrom: Fen | null;
  amountTo: Fen;
  closeFrom: IsoDate | null;
  closeTo: IsoDate;
  /** Weighted amount at `to` when open there, else 0. */
  weightedTo: Fen;
  change: MovementClass;
  /** Closed at `from`, open at `to`. */
  reopened: boolean;
  daysInStage: number | null;
  stalled: boolean;
  /** Open at both dates and the expected close moved later by this many days. */
  slippedDays: number | null;
  /** amountTo − amountFrom when open at `from`, else 0. */
  amountDelta: Fen;
  /** Stages left during (from, to]. */
  exits: StageExit[];
  /** Stages it was open in at some time during [from, to]. */
  visited: string[];
  bridge: BridgeParts;
  entry: EntryReason | null;
}

export interface StageMetrics {
  stageId: string;
  opportunities: number;
  accounts: number;
  amount: Fen;
  forecast: Fen;
  movedDown: number;
  accountsMovedDown: number;
  /** Average days in the stage of those that moved down; null when none did. */
  speedDays: number | null;
  lost: number;
  accountsLost: number;
  /** Opportunities that were in the stage at some time in the period: the loss ratio's base. */
  visited: number;
  lossRatioBp: number | null;
  stalled: number;
  accountsStalled: number;
  stallRatioBp: number | null;
}

export interface GroupTotals {
  key: string;
  counts: Record<MovementClass, number>;
  openFrom: number;
  amountFrom: Fen;
  openTo: number;
  amountTo: Fen;
  weightedTo: Fen;
  wonAmount: Fen;
  lostAmount: Fen;
  stalled: number;
  slipped: number;
}

export interface ForecastMonth {
  month: string;
  count: number;
  amount: Fen;
  weighted: Fen;
}

export interface Review {
  from: IsoDate;
  to: IsoDate;
  stallDays: number;
  periodEnd: IsoDate | null;
  rows: ReviewRow[];
  counts: Record<MovementClass, number>;
  stalled: number;
  slipped: number;
  increases: { count: number; amount: Fen };
  decreases: { count: number; amount: Fen };
  pipelineFrom: { count: number; amount: Fen };
  pipelineTo: { count: number; amount: Fen; weighted: Fen };
  perStage: StageMetrics[];
  byOwner: GroupTotals[];
  byTerritory: GroupTotals[];
  bridge: BridgeParts;
  forecast: ForecastMonth[];
}

export const MOVEMENT_CLASSES: readonly MovementClass[] = ['new', 'advanced', 'movedBack', 'won', 'lost', 'unchanged'];

export function buildReview(histories: Iterable<OppHistory>, input: ReviewInput): Review {
  const rows: ReviewRow[] = [];
  for (const h of histories) {
    const row = reviewRow(h, input);
    if (row) rows.push(row);
  }
  return summarise(rows, input);
}

/** One opportunity's part of the review, or null when it is not part of it. */
export function reviewRow(h: OppHistory, input: ReviewInput): ReviewRow | null {
  const { from, to, index } = input;
  const atFrom = stateAsOf(h.events, from);
  const atTo = stateAsOf(h.events, to);
  if (!atTo) return null;
  const since = closedSince(h.events, to);
  const change = classifyMovement(atFrom, atTo, index, since !== null && since > from);
  if (!change) return null;

  const stays = staysOf(h.events, index, to);
  const exits: StageExit[] = [];
  const visited: string[] = [];
  for (const s of stays) {
    if (s.end !== null && s.end <= from) continue;
    if (!visited.includes(s.stage.id)) visited.push(s.stage.id);
    if (s.end !== null && s.exit) exits.push({ stageId: s.stage.id, exit: s.exit, days: dayDiff(s.start, s.end) });
  }
  const last = stays[stays.length - 1];
  const openFrom = atFrom?.status === 'open';
  const openTo = atTo.status === 'open';
  const daysInStage = openTo && last && last.end === null ? dayDiff(last.start, to) : null;
  const slippedDays =
    openFrom && openTo && atTo.expectedClose > atFrom!.expectedClose ? dayDiff(atFrom!.expectedClose, atTo.expectedClose) : null;
  const { bridge, entry } = bridgeOf(atFrom, atTo, since !== null && since > from, input.periodEnd, from, h.events[0]!.date);

  return {
    id: h.id,
    accountId: h.accountId,
    territoryId: h.territoryId,
    ownerId: atTo.ownerId,
    stageFrom: atFrom ? stageOf(index, atFrom.stageId).id : null,
    stageTo: stageOf(index, atTo.stageId).id,
    statusFrom: atFrom?.status ?? null,
    statusTo: atTo.status,
    amountFrom: atFrom?.amount ?? null,
    amountTo: atTo.amount,
    closeFrom: atFrom?.expectedClose ?? null,
    closeTo: atTo.expectedClose,
    weightedTo: openTo ? weightedAmount(index, atTo) : 0,
    change,
    reopened: !!atFrom && atFrom.status !== 'open' && openTo,
    daysInStage,
    stalled: daysInStage !== null && daysInStage >= input.stallDays,
    slippedDays,
    amountDelta: openFrom ? atTo.amount - atFrom!.amount : 0,
    exits,
    visited,
    bridge,
    entry,
  };
}

type State = { status: OppStatus; amount: Fen; expectedClose: IsoDate };

/**
 * The bridge for one opportunity. Its pipeline at a date is its amount when open and
 * expected to close by periodEnd. Entering counts as new (a new, reopened or pulled-in
 * opportunity); one that entered and closed within the period counts as new and won/lost.
 */
export function bridgeOf(
  atFrom: State | null,
  atTo: State,
  closedDuringPeriod: boolean,
  periodEnd: IsoDate | null,
  from: IsoDate,
  createdOn: IsoDate,
): { bridge: BridgeParts; entry: EntryReason | null } {
  const inFrom = !!atFrom && atFrom.status === 'open' && (periodEnd === null || atFrom.expectedClose <= periodEnd);
  const inTo = atTo.status === 'open' && (periodEnd === null || atTo.expectedClose <= periodEnd);
  const b: BridgeParts = { start: 0, new: 0, increase: 0, decrease: 0, won: 0, lost: 0, slipped: 0, end: inTo ? atTo.amount : 0 };
  let entry: EntryReason | null = null;
  if (!inFrom) {
    const closedInPeriod = atTo.status !== 'open' && closedDuringPeriod && (periodEnd === null || atTo.expectedClose <= periodEnd);
    if (inTo || closedInPeriod) {
      b.new = atTo.amount;
      entry = !atFrom || createdOn > from ? 'new' : atFrom.status !== 'open' ? 'reopened' : 'pulledIn';
      if (closedInPeriod) b[atTo.status === 'won' ? 'won' : 'lost'] = atTo.amount;
    }
    return { bridge: b, entry };
  }
  b.start = atFrom!.amount;
  const delta = atTo.amount - atFrom!.amount;
  if (delta > 0) b.increase = delta;
  else if (delta < 0) b.decrease = -delta;
  if (!inTo) {
    if (atTo.status === 'won') b.won = atTo.amount;
    else if (atTo.status === 'lost') b.lost = atTo.amount;
    else b.slipped = atTo.amount;
  }
  return { bridge: b, entry };
}

const zeroCounts = (): Record<MovementClass, number> => ({ new: 0, advanced: 0, movedBack: 0, won: 0, lost: 0, unchanged: 0 });

function emptyGroup(key: string): GroupTotals {
  return {
    key,
    counts: zeroCounts(),
    openFrom: 0,
    amountFrom: 0,
    openTo: 0,
    amountTo: 0,
    weightedTo: 0,
    wonAmount: 0,
    lostAmount: 0,
    stalled: 0,
    slipped: 0,
  };
}

function addToGroup(g: GroupTotals, r: ReviewRow): void {
  g.counts[r.change]++;
  if (r.statusFrom === 'open') {
    g.openFrom++;
    g.amountFrom += r.amountFrom!;
  }
  if (r.statusTo === 'open') {
    g.openTo++;
    g.amountTo += r.amountTo;
    g.weightedTo += r.weightedTo;
  }
  if (r.change === 'won') g.wonAmount += r.amountTo;
  if (r.change === 'lost') g.lostAmount += r.amountTo;
  if (r.stalled) g.stalled++;
  if (r.slippedDays !== null) g.slipped++;
}

type StageAcc = StageMetrics & {
  acc: Set<string>;
  accDown: Set<string>;
  accLost: Set<string>;
  accStalled: Set<string>;
  speedSum: number;
  speedN: number;
};

function emptyStage(stageId: string): StageAcc {
  return {
    stageId,
    opportunities: 0,
    accounts: 0,
    amount: 0,
    forecast: 0,
    movedDown: 0,
    accountsMovedDown: 0,
    speedDays: null,
    lost: 0,
    accountsLost: 0,
    visited: 0,
    lossRatioBp: null,
    stalled: 0,
    accountsStalled: 0,
    stallRatioBp: null,
    acc: new Set(),
    accDown: new Set(),
    accLost: new Set(),
    accStalled: new Set(),
    speedSum: 0,
    speedN: 0,
  };
}

// One pass over the rows; written without per-row closures or sets, since it runs over
// tens of thousands of rows for every review.
function summarise(rows: ReviewRow[], input: ReviewInput): Review {
  const counts = zeroCounts();
  const total = emptyGroup('');
  const owners = new Map<string, GroupTotals>();
  const territories = new Map<string, GroupTotals>();
  const bridge: BridgeParts = { start: 0, new: 0, increase: 0, decrease: 0, won: 0, lost: 0, slipped: 0, end: 0 };
  const increases = { count: 0, amount: 0 };
  const decreases = { count: 0, amount: 0 };
  const forecast = new Map<string, ForecastMonth>();
  const stages = new Map<string, StageAcc>(input.stages.map((s) => [s.id, emptyStage(s.id)]));

  for (const r of rows) {
    counts[r.change]++;
    addToGroup(total, r);
    let owner = owners.get(r.ownerId);
    if (!owner) owners.set(r.ownerId, (owner = emptyGroup(r.ownerId)));
    addToGroup(owner, r);
    let territory = territories.get(r.territoryId);
    if (!territory) territories.set(r.territoryId, (territory = emptyGroup(r.territoryId)));
    addToGroup(territory, r);
    const b = r.bridge;
    bridge.start += b.start;
    bridge.new += b.new;
    bridge.increase += b.increase;
    bridge.decrease += b.decrease;
    bridge.won += b.won;
    bridge.lost += b.lost;
    bridge.slipped += b.slipped;
    bridge.end += b.end;
    if (r.amountDelta > 0) {
      increases.count++;
      increases.amount += r.amountDelta;
    }
    if (r.amountDelta < 0) {
      decreases.count++;
      decreases.amount -= r.amountDelta;
    }
    if (r.statusTo === 'open') {
      const key = monthOf(r.closeTo);
      let m = forecast.get(key);
      if (!m) forecast.set(key, (m = { month: key, count: 0, amount: 0, weighted: 0 }));
      m.count++;
      m.amount += r.amountTo;
      m.weighted += r.weightedTo;
      const s = stages.get(r.stageTo)!;
      s.opportunities++;
      s.acc.add(r.accountId);
      s.amount += r.amountTo;
      s.forecast += r.weightedTo;
      if (r.stalled) {
        s.stalled++;
        s.accStalled.add(r.accountId);
      }
    }
    // An opportunity counts once per stage it moved down from (or was lost in), however often.
    for (let i = 0; i < r.exits.length; i++) {
      const x = r.exits[i]!;
      const s = stages.get(x.stageId)!;
      let first = true;
      for (let j = 0; j < i; j++) if (r.exits[j]!.stageId === x.stageId && sameOutcome(r.exits[j]!.exit, x.exit)) first = false;
      if (x.exit === 'forward' || x.exit === 'won') {
        s.speedSum += x.days;
        s.speedN++;
        if (first) {
          s.movedDown++;
          s.accDown.add(r.accountId);
        }
      } else if (x.exit === 'lost' && first) {
        s.lost++;
        s.accLost.add(r.accountId);
      }
    }
    for (const id of r.visited) stages.get(id)!.visited++;
  }

  const perStage: StageMetrics[] = input.stages.map((st) => {
    const { acc, accDown, accLost, accStalled, speedSum, speedN, ...m } = stages.get(st.id)!;
    return {
      ...m,
      accounts: acc.size,
      accountsMovedDown: accDown.size,
      accountsLost: accLost.size,
      accountsStalled: accStalled.size,
      speedDays: speedN === 0 ? null : Math.round((speedSum / speedN) * 10) / 10,
      lossRatioBp: ratioBp(m.lost, m.visited),
      stallRatioBp: ratioBp(m.stalled, m.opportunities),
    };
  });

  return {
    from: input.from,
    to: input.to,
    stallDays: input.stallDays,
    periodEnd: input.periodEnd,
    rows,
    counts,
    stalled: total.stalled,
    slipped: total.slipped,
    increases,
    decreases,
    pipelineFrom: { count: total.openFrom, amount: total.amountFrom },
    pipelineTo: { count: total.openTo, amount: total.amountTo, weighted: total.weightedTo },
    perStage,
    byOwner: [...owners.values()].sort(byKey),
    byTerritory: [...territories.values()].sort(byKey),
    bridge,
    forecast: [...forecast.values()].sort((a, b) => (a.month < b.month ? -1 : 1)),
  };
}

const moves = (e: ExitKind) => e === 'forward' || e === 'won';
const sameOutcome = (a: ExitKind, b: ExitKind) => moves(a) === moves(b) && (moves(a) || a === b);

const byKey = (a: GroupTotals, b: GroupTotals) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
