import { describe, expect, it } from 'vitest';
import { rendererApiOnDemoBook, settled } from '../../../../test/db/rendererApi';
import {
  FIRST_PAGE,
  forgetPrefetchedAccounts,
  prefetchAccounts,
  takeArrivedLookups,
  takePrefetchedLookups,
  takePrefetchedPage,
} from './firstRows';

// The accounts screen's names and first page, asked for at app start: taken by the page's
// first render when there, once; the first page only by a first request for exactly it.

const { asked } = rendererApiOnDemoBook();

describe('the accounts screen prefetch', () => {
  it('gives the names at once when they have arrived, and only once', async () => {
    prefetchAccounts();
    expect(takeArrivedLookups()).toBeNull(); // not yet: the page loads them in an effect
    await settled();
    const lookups = takeArrivedLookups();
    expect(lookups?.territories.length).toBeGreaterThan(0);
    expect(takeArrivedLookups()).toBeNull();
    expect(takePrefetchedLookups()).toBeNull();
    expect(await takePrefetchedPage(FIRST_PAGE)).toMatchObject({ total: expect.any(Number) });
  });

  it('a first request for another view (a saved sort) spends the prefetched page', async () => {
    asked.length = 0;
    prefetchAccounts();
    await settled();
    expect(takePrefetchedPage({ ...FIRST_PAGE, view: { sort: [{ colId: 'sales', sort: 'asc' }] } })).toBeNull();
    // Later, the unsorted view again: fetched afresh, not the page from app start.
    expect(takePrefetchedPage(FIRST_PAGE)).toBeNull();
    expect(asked).toEqual(['accounts:lookups', 'accounts:page']);
  });

  it('names not yet arrived are taken as a promise by the effect', async () => {
    prefetchAccounts();
    expect(takeArrivedLookups()).toBeNull();
    const pending = takePrefetchedLookups();
    expect(pending).not.toBeNull();
    expect((await pending!).reps.length).toBeGreaterThan(0);
    expect(takePrefetchedLookups()).toBeNull();
  });

  it('left for another screen before the grid asked, the prefetch is dropped: a grid mounted later asks afresh', async () => {
    asked.length = 0;
    prefetchAccounts();
    await settled();
    // The user moved on (the book may change meanwhile): a grid mounted later asks afresh.
    forgetPrefetchedAccounts();
    expect(takeArrivedLookups()).toBeNull();
    expect(takePrefetchedLookups()).toBeNull();
    expect(takePrefetchedPage(FIRST_PAGE)).toBeNull();
    expect(asked).toEqual(['accounts:lookups', 'accounts:page']);
  });
});
