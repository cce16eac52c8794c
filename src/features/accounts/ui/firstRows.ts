import { call } from '../../../renderer/api/client';
import type { Account, Lookups } from '../contract';

/** Rows fetched ahead of the whole list: more than a tall screen shows. */
export const FIRST_ROWS = 200;

interface Early {
  lookups: Promise<Lookups>;
  first: Promise<Account[]>;
}
let early: Early | null = null;

/**
 * Started at app start when the accounts screen is the one opening: its data and its code
 * (the page and ag-grid) load while the shell renders, instead of one after the other.
 */
export function prefetchAccounts(): void {
  early = { lookups: call('accounts:lookups', {}), first: call('accounts:list', { first: FIRST_ROWS }) };
  // A failure surfaces when the page takes the promise; nobody may have to.
  early.lookups.catch(() => {});
  early.first.catch(() => {});
  void import('./AccountsPage');
}

/** The prefetched first load, once (later loads ask afresh). */
export function takePrefetched(): Early | null {
  const e = early;
  early = null;
  return e;
}
