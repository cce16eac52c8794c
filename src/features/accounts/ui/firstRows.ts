import { call, type In, type Out } from '../../../renderer/api/client';
import type { Lookups } from '../contract';

/** Rows per page the grid asks for: more than a tall screen shows. */
export const BLOCK = 100;

/** The grid's first request when nothing narrows or orders the view (name order). */
export const FIRST_PAGE: In<'accounts:page'> = { view: {}, offset: 0, limit: BLOCK, count: true };

/** Each is taken once: later loads ask afresh. */
const early: { lookups: Promise<Lookups> | null; first: Promise<Out<'accounts:page'>> | null } = { lookups: null, first: null };

/**
 * Started at app start when the accounts screen is the one opening: its data loads while
 * the shell renders, instead of after.
 */
export function prefetchAccounts(): void {
  early.lookups = call('accounts:lookups', {});
  early.first = call('accounts:page', FIRST_PAGE);
  // A failure surfaces when the page takes the promise; nobody may have to.
  early.lookups.catch(() => {});
  early.first.catch(() => {});
}

/** The prefetched lookups, if any. */
export function takePrefetchedLookups(): Promise<Lookups> | null {
  const l = early.lookups;
  early.lookups = null;
  return l;
}

/** The prefetched first page, once, if the grid's first request is the one prefetched. */
export function takePrefetchedPage(request: In<'accounts:page'>): Promise<Out<'accounts:page'>> | null {
  if (!early.first || JSON.stringify(request) !== JSON.stringify(FIRST_PAGE)) return null;
  const p = early.first;
  early.first = null;
  return p;
}
