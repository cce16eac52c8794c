import type { In, Out } from '../../../renderer/api/client';
import type { Scope } from '../../../shared/scope';
import { weekStartOf } from '../periods';

// The Reports screen's week and the overview's question, built in one place for the screen
// and for the page's entry, which asks the opening overview as soon as the lookups arrive
// (earlyCalls.ts): the same functions give the same input, so the overview takes the answer.

/** The week a link names, else this week in the book's calendar. */
export function openingWeek(params: URLSearchParams, lookups: Pick<Out<'reports:lookups'>, 'today'>): string {
  return params.get('week') ?? weekStartOf(lookups.today);
}

export function overviewInput(week: string, scope: Scope): In<'reports:overview'> {
  return { week, ...scope };
}
