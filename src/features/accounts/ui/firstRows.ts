import { call, type In, type Out } from '../../../renderer/api/client';
import type { Lookups } from '../contract';

/** Rows per page the grid asks for: more than a tall screen shows. */
export const BLOCK = 100;

/** The grid's first request when nothing narrows or orders the view (name order). */
export const FIRST_PAGE: In<'accounts:page'> = { view: {}, offset: 0, limit: BLOCK, count: true };

// (Kept apart from ../../../renderer/api/early, which the entry also imports: importing it
// from here made the bundler cut the entry into three files.)
interface Early<T> {
  promise: Promise<T>;
  /** Set when the answer has arrived. */
  arrived?: { value: T };
}
function early<T>(promise: Promise<T>): Early<T> {
  const e: Early<T> = { promise };
  // A failure surfaces when the page takes the promise; nobody may have to.
  promise.then(
    (value) => (e.arrived = { value }),
    () => {},
  );
  return e;
}

/** Each is taken once: later loads ask afresh. */
const started: { lookups: Early<Lookups> | null; first: Early<Out<'accounts:page'>> | null } = { lookups: null, first: null };

/**
 * Started at app start when the accounts screen is the one opening: its names and first page
 * load while the shell loads and renders, instead of after.
 */
export function prefetchAccounts(): void {
  started.lookups = early(call('accounts:lookups', {}));
  started.first = early(call('accounts:page', FIRST_PAGE));
}

/**
 * Drops what was prefetched and not yet taken: called (like api/early's forgetEarly) once
 * the user moves on from the screen the app opened on. A grid mounted later (back on the
 * accounts screen) must read the book as it is then, not rows from app start.
 */
export function forgetPrefetchedAccounts(): void {
  started.lookups = null;
  started.first = null;
}

/**
 * The prefetched lookups if they have already arrived (for the page's first state: with the
 * names there, the grid is built once, with its columns, instead of empty and then again).
 */
export function takeArrivedLookups(): Lookups | null {
  const l = started.lookups?.arrived?.value ?? null;
  if (l) started.lookups = null;
  return l;
}

/** The prefetched lookups (arrived or not), if any. */
export function takePrefetchedLookups(): Promise<Lookups> | null {
  const l = started.lookups?.promise ?? null;
  started.lookups = null;
  return l;
}

/**
 * The prefetched first page if the grid's first request is the one prefetched. Taken by
 * the first request either way: a later request for the same view wants fresh rows.
 */
export function takePrefetchedPage(request: In<'accounts:page'>): Promise<Out<'accounts:page'>> | null {
  const first = started.first;
  started.first = null;
  return first && JSON.stringify(request) === JSON.stringify(FIRST_PAGE) ? first.promise : null;
}
