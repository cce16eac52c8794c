// The collection ladder (docs/en/receivables.md): reminder → overdue notice → finance collection →
// sales-team collection → lawyer, the rung suggested by days overdue, and an invoice's
// place on it from its action log. Pure functions of plain data, like domain.ts.
import type { Fen } from '../../shared/money';
import { addDays, type IsoDate } from '../../shared/dates';

export const RUNGS = ['reminder', 'notice', 'finance', 'sales', 'lawyer'] as const;
export type Rung = (typeof RUNGS)[number];
/** An action on the log is a rung taken, or a plain note (call, promise, dispute) that climbs nothing. */
export type ActionKind = Rung | 'note';

export interface LadderPolicy {
  /** Days overdue from which each rung is suggested, one per rung in ladder order. */
  fromDays: number[];
}

export const defaultLadderPolicy: LadderPolicy = { fromDays: [1, 15, 31, 61, 121] };

export function ladderProblems(p: LadderPolicy): string[] {
  if (p.fromDays.length !== RUNGS.length) return [`expected ${RUNGS.length} thresholds`];
  const out: string[] = [];
  p.fromDays.forEach((d, i) => {
    if (!Number.isInteger(d) || d < 1) out.push(`threshold ${d} must be a whole number of days ≥ 1`);
    if (i > 0 && d <= p.fromDays[i - 1]!) out.push('thresholds must increase along the ladder');
  });
  return out;
}

/** The rung the days overdue call for, or null when the invoice is not overdue enough. */
export function suggestedRung(days: number, p: LadderPolicy = defaultLadderPolicy): Rung | null {
  let found: Rung | null = null;
  RUNGS.forEach((r, i) => {
    if (days >= p.fromDays[i]!) found = r;
  });
  return found;
}

export interface CollectionAction {
  date: IsoDate;
  kind: ActionKind;
  who: string | null;
  note: string | null;
  promiseDate: IsoDate | null;
  promiseAmount: Fen | null;
  dispute: boolean;
  nextActionDate: IsoDate | null;
}

export interface CollectionState {
  suggested: Rung | null;
  /** The highest rung taken so far. */
  reached: Rung | null;
  last: CollectionAction | null;
  /** The latest promise to pay still on the log. */
  promise: { date: IsoDate; amount: Fen | null } | null;
  dispute: boolean;
  nextActionDue: IsoDate | null;
  dueNow: boolean;
  why: 'scheduled' | 'escalate' | 'promiseBroken' | 'promisePending' | 'disputed' | null;
}

const rungIndex = (r: Rung | null) => (r === null ? -1 : RUNGS.indexOf(r));

/**
 * Where an invoice stands on the ladder on `today`. Actions are in log order. The next
 * action is: the date the last action scheduled; or, while a promise to pay is pending,
 * the day after it (a broken promise is chased then); or, when the suggested rung is above
 * the one reached, the day the invoice crossed that rung's threshold. A disputed invoice is
 * not escalated by the calendar: only a scheduled date brings it back.
 */
export function collectionState(
  line: { dueDate: IsoDate; daysOverdue: number },
  actions: readonly CollectionAction[],
  today: IsoDate,
  p: LadderPolicy = defaultLadderPolicy,
): CollectionState {
  const suggested = suggestedRung(line.daysOverdue, p);
  let reached: Rung | null = null;
  let promise: CollectionState['promise'] = null;
  let dispute = false;
  for (const a of actions) {
    if (a.kind !== 'note' && rungIndex(a.kind) > rungIndex(reached)) reached = a.kind;
    if (a.promiseDate) promise = { date: a.promiseDate, amount: a.promiseAmount };
    dispute = a.dispute;
  }
  const last = actions.length ? actions[actions.length - 1]! : null;
  let next: IsoDate | null = last?.nextActionDate ?? null;
  let why: CollectionState['why'] = next ? 'scheduled' : null;
  const promisePending = promise !== null && promise.date >= today && (!last || promise.date >= last.date);
  if (dispute) {
    why = next ? 'scheduled' : 'disputed';
  } else if (promisePending) {
    const followUp = addDays(promise!.date, 1);
    if (!next || followUp < next) [next, why] = [followUp, 'promisePending'];
  } else {
    if (promise && promise.date < today && (!last || promise.date >= last.date)) {
      const followUp = addDays(promise.date, 1);
      if (!next || followUp < next) [next, why] = [followUp, 'promiseBroken'];
    }
    if (suggested && rungIndex(suggested) > rungIndex(reached)) {
      const crossed = addDays(line.dueDate, p.fromDays[rungIndex(suggested)]!);
      if (!next || crossed < next) [next, why] = [crossed, 'escalate'];
    }
  }
  return { suggested, reached, last, promise, dispute, nextActionDue: next, dueNow: next !== null && next <= today, why };
}

// ---------------------------------------------------------------------------------------
// Credit control

export const REVIEW_STATES = ['pending', 'ok', 'problem'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export interface CreditFlags {
  overLimit: boolean;
  over90: boolean;
  reviewIncomplete: boolean;
}

export function creditFlags(
  c: { creditLimit: Fen | null; licence: ReviewState; contract: ReviewState; bank: ReviewState },
  exposure: { outstanding: Fen; maxDaysOverdue: number },
): CreditFlags {
  return {
    overLimit: c.creditLimit !== null && exposure.outstanding > c.creditLimit,
    over90: exposure.maxDaysOverdue > 90,
    reviewIncomplete: c.licence !== 'ok' || c.contract !== 'ok' || c.bank !== 'ok',
  };
}
