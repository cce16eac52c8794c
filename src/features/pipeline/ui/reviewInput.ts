import type { In, Out } from '../../../renderer/api/client';
import { addDays, quarterEnd, type IsoDate } from '../../../shared/dates';
import type { Scope } from '../../../shared/scope';

// The weekly review's question, built in one place for the review and for the page's entry,
// which asks the opening one as soon as the pipeline's lookups arrive (earlyCalls.ts): the
// same function gives the same input, so the review takes the early answer.

export interface ReviewPeriod {
  from: IsoDate;
  to: IsoDate;
  stallDays: number;
  /** The forecast period's last day (the quarter or year of `to`), or none. */
  periodEnd: IsoDate | null;
}

/** What the review opens on: the week to the book's today, stalls as set, this quarter. */
export function openingPeriod(lookups: Pick<Out<'pipeline:lookups'>, 'today' | 'stallDays'>): ReviewPeriod {
  return { from: addDays(lookups.today, -7), to: lookups.today, stallDays: lookups.stallDays, periodEnd: quarterEnd(lookups.today) };
}

export function reviewInput(p: ReviewPeriod, scope: Scope): In<'pipeline:review'> {
  return { from: p.from, to: p.to, stallDays: p.stallDays, periodEnd: p.periodEnd, ...scope };
}
