import type { Fen } from '../../shared/money';
import { mulDivRound } from '../../shared/money';
import type { IsoDate } from '../../shared/dates';

// The pipeline's history, as pure functions (docs/en/pipeline.md). An opportunity's events each
// carry its whole tracked state from their date on, in order, and no event is dated
// before the previous one; so the state as of D is the last event dated on or before D.
// Changes "during" a period (from, to] are the events dated after `from` up to `to`.

export type OppStatus = 'open' | 'won' | 'lost';

export interface TrackedState {
  stageId: string;
  status: OppStatus;
  amount: Fen;
  expectedClose: IsoDate;
  /** Probability override in basis points; null means the stage's probability. */
  probabilityBp: number | null;
  ownerId: string;
}

export interface OppEvent extends TrackedState {
  date: IsoDate;
  /**
   * When the opportunity entered the stage it is in at this event (or was created or
   * reopened there). Recorded with each event so a history may start at any event — the
   * state as of a date — without the events before it.
   */
  stageSince: IsoDate;
}

export interface OppHistory {
  id: string;
  accountId: string;
  territoryId: string;
  /**
   * In recorded order: dates never decrease. Either the whole history or, for a period
   * starting at D, the state as of D followed by every later event (see `sinceDate`).
   */
  events: OppEvent[];
}

/** A history cut to the state as of `date` followed by the later events (same results from `date` on). */
export function sinceDate(h: OppHistory, date: IsoDate): OppHistory {
  let i = 0;
  while (i + 1 < h.events.length && h.events[i + 1]!.date <= date) i++;
  return { ...h, events: h.events.slice(i) };
}

/** A stage of the active model. */
export interface StageRef {
  id: string;
  position: number;
  probabilityBp: number;
}

/**
 * Any stage id that appears in history (including stages of models the user switched
 * away from, which point to their mapped stage) → the active model's stage.
 */
export type StageIndex = ReadonlyMap<string, StageRef>;

/** The state as of `date` (end of that day), or null when the opportunity did not exist yet. */
export function stateAsOf(events: readonly OppEvent[], date: IsoDate): OppEvent | null {
  let found: OppEvent | null = null;
  for (const e of events) {
    if (e.date > date) break;
    found = e;
  }
  return found;
}

export function stageOf(index: StageIndex, stageId: string): StageRef {
  const s = index.get(stageId);
  if (!s) throw new Error(`stage ${stageId} is not in the stage index`);
  return s;
}

/** The probability that applies to a state: its override, else its stage's. */
export function probabilityOf(index: StageIndex, s: TrackedState): number {
  return s.probabilityBp ?? stageOf(index, s.stageId).probabilityBp;
}

/** amount × probability, rounded half away from zero to whole fen (one line). */
export function weightedAmount(index: StageIndex, s: TrackedState): Fen {
  return mulDivRound(s.amount, probabilityOf(index, s), 10_000);
}

export type ExitKind = 'forward' | 'back' | 'won' | 'lost';

/**
 * A stay: an uninterrupted time an opportunity spent open in one (active-model) stage.
 * It starts when the opportunity is created, enters the stage, or is reopened there; it
 * ends when the stage changes or the opportunity is won or lost.
 */
export interface Stay {
  stage: StageRef;
  start: IsoDate;
  end: IsoDate | null;
  exit: ExitKind | null;
}

export function staysOf(events: readonly OppEvent[], index: StageIndex, upTo?: IsoDate): Stay[] {
  const stays: Stay[] = [];
  let current: Stay | null = null;
  for (const e of events) {
    if (upTo !== undefined && e.date > upTo) break;
    const stage = stageOf(index, e.stageId);
    if (current && (e.status !== 'open' || stage.id !== current.stage.id)) {
      current.end = e.date;
      current.exit =
        e.status === 'won' ? 'won' : e.status === 'lost' ? 'lost' : stage.position > current.stage.position ? 'forward' : 'back';
      current = null;
    }
    if (!current && e.status === 'open') {
      // The first event of a cut history may be a stay that began before it.
      current = { stage, start: e === events[0] ? e.stageSince : e.date, end: null, exit: null };
      stays.push(current);
    }
  }
  return stays;
}

export type MovementClass = 'new' | 'advanced' | 'movedBack' | 'won' | 'lost' | 'unchanged';

/** Labels the exported workbook uses for each class (a contract). */
export const MOVEMENT_LABEL: Record<MovementClass, string> = {
  new: 'new',
  advanced: 'advanced',
  movedBack: 'moved back',
  won: 'won',
  lost: 'lost',
  unchanged: 'unchanged',
};

/**
 * How an opportunity moved between two dates. Null when it is not part of that review:
 * it did not exist at `to`, or it was closed at `from` and still is, the same way, with
 * nothing happening in between (`closedDuringPeriod`: its closed status at `to` began
 * after `from`, e.g. reopened and lost again). One created after `from` is new unless it
 * is already won or lost at `to`. A lost one that was reopened is compared by stage.
 */
export function classifyMovement(
  atFrom: TrackedState | null,
  atTo: TrackedState | null,
  index: StageIndex,
  closedDuringPeriod = false,
): MovementClass | null {
  if (!atTo) return null;
  if (!atFrom) return atTo.status === 'open' ? 'new' : atTo.status;
  if (atTo.status !== 'open') return atFrom.status === atTo.status && !closedDuringPeriod ? null : atTo.status;
  const p1 = stageOf(index, atFrom.stageId).position;
  const p2 = stageOf(index, atTo.stageId).position;
  return p2 > p1 ? 'advanced' : p2 < p1 ? 'movedBack' : 'unchanged';
}

/** Days the opportunity has been in its current stay as of `date` (null when not open). */
export function daysInStage(stays: readonly Stay[], date: IsoDate): number | null {
  const last = stays[stays.length - 1];
  if (!last || last.end !== null) return null;
  return dayDiff(last.start, date);
}

/**
 * When the closed status an opportunity has at `upTo` began (the first event of its last
 * run of 'won' or 'lost'), or null when it is open or does not exist yet.
 */
export function closedSince(events: readonly OppEvent[], upTo: IsoDate): IsoDate | null {
  let since: IsoDate | null = null;
  let prev: OppStatus | null = null;
  for (const e of events) {
    if (e.date > upTo) break;
    if (e.status === 'open') since = null;
    else if (e.status !== prev) since = e.date;
    prev = e.status;
  }
  return since;
}

/** A ratio in basis points, rounded half away from zero; null when there is nothing to divide by. */
export function ratioBp(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : mulDivRound(numerator, 10_000, denominator);
}

/** The calendar month of an ISO date, 'YYYY-MM'. */
export function monthOf(date: IsoDate): string {
  return date.slice(0, 7);
}

/** Days from `from` to `to` (as daysBetween; this runs a few times per opportunity per review). */
export function dayDiff(from: IsoDate, to: IsoDate): number {
  return civilDay(to) - civilDay(from);
}

/**
 * Days since 1970-01-01 of a valid 'YYYY-MM-DD' by integer arithmetic (H. Hinnant's
 * days_from_civil): no regular expression, no Date object. Tested against dayNumber.
 */
export function civilDay(date: IsoDate): number {
  let y = (date.charCodeAt(0) - 48) * 1000 + (date.charCodeAt(1) - 48) * 100 + (date.charCodeAt(2) - 48) * 10 + (date.charCodeAt(3) - 48);
  const m = (date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48);
  const d = (date.charCodeAt(8) - 48) * 10 + (date.charCodeAt(9) - 48);
  if (m <= 2) y -= 1;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}
