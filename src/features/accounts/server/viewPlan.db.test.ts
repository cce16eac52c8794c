import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBook } from '../../../app/book';
import { createRegistry } from '../../../app/handlers';
import type { ServerContext } from '../../../platform/context';
import { fixedClock, tempDir } from '../../../../test/db/helpers';
import type { Account } from '../contract';
import { zAccountView, type AccountView } from '../view';
import { pageStatements } from './repo';
import type { Sql } from './viewQuery';

// Migration 0012: at a million accounts the grid's sort by sales must walk an index (not
// sort the book for every page) and the city filter's count must scan the small city
// index. SQLite's plans without ANALYZE statistics do not depend on the number of rows, so
// the demo book shows the plan a million-account book gets (bench grid-1m times it).

let ctx: ServerContext;
let t: { dir: string; cleanup(): void };
const registry = createRegistry({ validateOutput: true });
const call = <T>(channel: string, input: unknown) => registry.call<T>(ctx, channel, input);

beforeAll(async () => {
  t = tempDir('sw-plan-');
  ctx = await openBook(path.join(t.dir, 'book.sqlite'), { demo: true, clock: fixedClock(), dailyBackup: false });
  // Equal sales on several accounts, so the tie-break order is exercised.
  const list = await call<Account[]>('accounts:list', {});
  for (const a of list.slice(0, 6)) await call('accounts:update', { id: a.id, patch: { sales: 123_456 } });
});
afterAll(() => {
  ctx.db.close();
  t.cleanup();
});

const statements = (v: AccountView) => pageStatements(ctx.db, zAccountView.parse(v));
const plan = (q: Sql, page = false) =>
  (ctx.db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.params, ...(page ? [100, 0] : [])) as { detail: string }[])
    .map((r) => r.detail)
    .join(' | ');

describe('the grid at a million accounts (index plans)', () => {
  it.each([
    ['asc', 'accounts_live_sales'],
    ['desc', 'accounts_live_sales_desc'],
  ] as const)('sort by sales %s is a walk of %s, with no sort step', (dir, index) => {
    const p = plan(statements({ sort: [{ colId: 'sales', sort: dir }] }).rows, true);
    expect(p).toContain(`USING INDEX ${index}`);
    expect(p).not.toContain('TEMP B-TREE');
  });

  it.each([
    ['asc', 'accounts_territory_sales'],
    ['desc', 'accounts_territory_sales_desc'],
  ] as const)('a territory sorted by sales %s is a walk of %s, with no sort step', async (dir, index) => {
    const [territory] = (await call<{ territories: { id: string }[] }>('accounts:lookups', {})).territories;
    const view = { territoryId: territory!.id, sort: [{ colId: 'sales' as const, sort: dir }] };
    const p = plan(statements(view).rows, true);
    expect(p).toBe(`SEARCH accounts USING INDEX ${index} (territory_id=?)`);
    // A city filter on top still walks it, reading each row's city until a page matches.
    const filtered = statements({ ...view, filter: { city: { filterType: 'text', type: 'contains', filter: '州' } } });
    expect(plan(filtered.rows, true)).toBe(`SEARCH accounts USING INDEX ${index} (territory_id=?)`);
    // …and counts within the territory's part of the covering city index.
    expect(plan(filtered.count)).toBe('SEARCH accounts USING COVERING INDEX accounts_live_city (territory_id=?)');
  });

  it('sorted by sales, pages follow sales, then name, then id, with no gaps or repeats', async () => {
    const [territory] = (await call<{ territories: { id: string }[] }>('accounts:lookups', {})).territories;
    for (const [dir, territoryId] of [
      ['asc', undefined],
      ['desc', undefined],
      ['asc', territory!.id],
      ['desc', territory!.id],
    ] as const) {
      const all = (await call<Account[]>('accounts:list', {})).filter((a) => !territoryId || a.territoryId === territoryId);
      expect(all.length).toBeGreaterThan(7);
      const want = [...all]
        .sort(
          (a, b) =>
            (dir === 'asc' ? a.sales - b.sales : b.sales - a.sales) ||
            (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
            (a.id < b.id ? -1 : 1),
        )
        .map((a) => a.id);
      const got: string[] = [];
      for (let offset = 0; offset < all.length; offset += 7) {
        const page = await call<{ rows: Account[] }>('accounts:page', {
          view: { territoryId, sort: [{ colId: 'sales', sort: dir }] },
          offset,
          limit: 7,
        });
        got.push(...page.rows.map((r) => r.id));
      }
      expect(got).toEqual(want);
    }
  });

  it('a city filter (contains) counts by scanning the city index only', () => {
    const q = statements({ filter: { city: { filterType: 'text', type: 'contains', filter: '州' } } });
    expect(plan(q.count)).toMatch(/SCAN accounts USING COVERING INDEX accounts_live_city/);
    // Its page walks the name order (the default sort), stopping after a page of matches.
    expect(plan(q.rows, true)).toMatch(/SCAN accounts USING INDEX accounts_live_name$/);
  });

  it('a quick search over the whole book counts by scanning the table, a territory by its index', async () => {
    expect(plan(statements({ search: '杭州' }).count)).toBe('SCAN accounts');
    const [territory] = (await call<{ territories: { id: string }[] }>('accounts:lookups', {})).territories;
    const inTerritory = statements({ search: '杭州', territoryId: territory!.id, sort: [{ colId: 'sales', sort: 'desc' }] });
    expect(plan(inTerritory.count)).toBe('SEARCH accounts USING INDEX accounts_live_city (territory_id=?)');
    // Its page sorts what matched rather than walking the territory in sales order.
    expect(plan(inTerritory.rows, true)).toBe(
      'SEARCH accounts USING INDEX accounts_live_city (territory_id=?) | USE TEMP B-TREE FOR ORDER BY',
    );
    // A territory's counts read its part of the covering city index.
    expect(plan(statements({ territoryId: territory!.id }).count)).toBe(
      'SEARCH accounts USING COVERING INDEX accounts_live_city (territory_id=?)',
    );
  });

  it('the counts are the database’s: search and city filter agree with the listed accounts', async () => {
    const all = await call<Account[]>('accounts:list', {});
    const city = all.find((a) => a.city)!.city!;
    const page = await call<{ total: number }>('accounts:page', {
      view: { filter: { city: { filterType: 'text', type: 'contains', filter: city } } },
      offset: 0,
      limit: 1,
      count: true,
    });
    expect(page.total).toBe(all.filter((a) => (a.city ?? '').toLowerCase().includes(city.toLowerCase())).length);
    expect(page.total).toBeGreaterThan(0);
  });

  it('a page cut short gives the count from its own rows, at any offset; past the end, the count is read', async () => {
    const n = (await call<Account[]>('accounts:list', {})).length;
    expect(n).toBeGreaterThan(5);
    const page = (offset: number, limit: number) =>
      call<{ rows: Account[]; total: number }>('accounts:page', { view: {}, offset, limit, count: true });
    for (const [offset, limit] of [
      [0, n + 10], // the whole view in one short page
      [n - 3, 10], // the last three
      [n, 10], // just past the end: no rows, the count is read
      [n + 50, 10],
      [0, 2], // a full page: the count is read
    ]) {
      const got = await page(offset!, limit!);
      expect(got.total, `offset ${offset}, limit ${limit}`).toBe(n);
      expect(got.rows.length).toBe(Math.max(0, Math.min(limit!, n - offset!)));
    }
    const none = await call<{ rows: Account[]; total: number }>('accounts:page', {
      view: { search: 'no-such-account-anywhere' },
      offset: 0,
      limit: 100,
      count: true,
    });
    expect(none).toEqual({ rows: [], total: 0 });
  });
});
