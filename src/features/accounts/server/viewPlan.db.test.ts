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

  it('sorted by sales, pages follow sales, then name, then id, with no gaps or repeats', async () => {
    for (const dir of ['asc', 'desc'] as const) {
      const all = await call<Account[]>('accounts:list', {});
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
          view: { sort: [{ colId: 'sales', sort: dir }] },
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
    expect(plan(statements({ search: '杭州', territoryId: territory!.id }).count)).toContain('USING INDEX accounts_territory');
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
});
