import type { Fen } from '../../shared/money';
import type { IsoDate } from '../../shared/dates';
import {
  classifyMovement,
  closedSince,
  dayDiff,
  stageOf,
  stateAsOf,
  staysOf,
  weightedAmount,
  type OppHistory,
  type OppStatus,
} from './domain';
import type { BridgeParts, EntryReason, Review, ReviewInput, ReviewRow, StageExit } from './reviewModel';
import { summarise } from './reviewTotals';

// The weekly pipeline review (docs/en/pipeline.md): one pass over every opportunity's history
// gives one row per opportunity in the review; every total is a sum over those rows, and
// `matchesDrill` names the rows behind any number, so each number can click through.

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
