import { daysBetween, type IsoDate } from '../../shared/dates';

// Overdue visits (docs/en/abc.md visit cadence: A 3 visits a month, B 2, C 1). A month is
// counted as 30 days, so a class visited k times a month may go floor(30 / k) days between
// visits: A 10, B 15, C 30. An account is overdue when its last visit is older than that on
// the day asked, or it has never been visited; a class with no visits planned (D) never is.

export type VisitClass = 'A' | 'B' | 'C' | 'D';

export function allowedGapDays(perMonth: number): number | null {
  return perMonth > 0 ? Math.floor(30 / perMonth) : null;
}

export interface VisitState {
  overdue: boolean;
  /** Days since the last visit (null: never visited). */
  daysSince: number | null;
  allowedDays: number | null;
}

export function visitState(lastVisit: IsoDate | null, perMonth: number, asOf: IsoDate): VisitState {
  const allowed = allowedGapDays(perMonth);
  const daysSince = lastVisit ? daysBetween(lastVisit, asOf) : null;
  if (allowed === null) return { overdue: false, daysSince, allowedDays: null };
  return { overdue: daysSince === null || daysSince > allowed, daysSince, allowedDays: allowed };
}
