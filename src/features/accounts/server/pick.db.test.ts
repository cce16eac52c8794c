import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../../test/db/helpers';
import type { Account, PickedAccounts } from '../contract';
import { pickStatements } from './pick';
import { accountsBook, type AccountsBook } from './testBook';

// The account picker searches the book as the user types and answers a page, never the
// whole book: names starting with the text first, then names containing every word.

let book: AccountsBook;
let t: { dir: string; cleanup(): void };
const ids: Record<string, string> = {};
const pick = (input: Record<string, unknown>) => book.call<PickedAccounts>('accounts:pick', input);
const names = (r: PickedAccounts) => r.accounts.map((a) => a.name);

beforeAll(async () => {
  t = tempDir('sw-pick-');
  book = await accountsBook(path.join(t.dir, 'book'));
  const { east, north } = book.territories;
  const make = async (name: string, territoryId: string, nameEn?: string) => {
    ids[name] = (await book.call<Account>('accounts:create', { name, territoryId, ...(nameEn ? { nameEn } : {}), city: '上海' })).id;
  };
  await make('Bao Steel', east);
  await make('Steel Union', east);
  await make('上海钢铁', north, 'Shanghai Steel Works');
  await make('华为技术', east);
  await make('深圳华为', north);
  await make('Acme 100% Parts', east);
  await make('Acme 1000 Parts', east);
  await make('Gone Steel', east);
  await book.call('accounts:delete', { ids: [ids['Gone Steel']] });
});
afterAll(() => {
  book.close();
  t.cleanup();
});

describe('accounts:pick', () => {
  it('with nothing typed answers the first accounts in name order, and says when more exist', async () => {
    const r = await pick({ limit: 3 });
    expect(names(r)).toEqual(['Acme 100% Parts', 'Acme 1000 Parts', 'Bao Steel']);
    expect(r.more).toBe(true);
    expect((await pick({ limit: 50 })).more).toBe(false);
  });

  it('puts names starting with the text first, then names containing it; deleted accounts never show', async () => {
    const r = await pick({ search: 'Steel' });
    // "Steel Union" starts with it; the others contain it (one only in its English name).
    expect(names(r)).toEqual(['Steel Union', 'Bao Steel', '上海钢铁']);
    expect(r.more).toBe(false);
    expect(r.accounts[2]).toEqual({
      id: ids['上海钢铁'],
      name: '上海钢铁',
      nameEn: 'Shanghai Steel Works',
      territoryId: book.territories.north,
      ownerId: null,
      city: '上海',
    });
  });

  it('finds Chinese text inside a name, English text in any case, and needs every word typed', async () => {
    expect(names(await pick({ search: '华为' }))).toEqual(['华为技术', '深圳华为']);
    expect(names(await pick({ search: 'shanghai' }))).toEqual(['上海钢铁']);
    expect(names(await pick({ search: 'steel bao' }))).toEqual(['Bao Steel']);
  });

  it('takes % and _ as the characters typed, not as wildcards', async () => {
    expect(names(await pick({ search: '100%' }))).toEqual(['Acme 100% Parts']);
    expect(names(await pick({ search: 'Acme_' }))).toEqual([]);
  });

  it('searches one territory when asked, and fills the page across both parts without repeating an account', async () => {
    expect(names(await pick({ search: '华为', territoryId: book.territories.north }))).toEqual(['深圳华为']);
    const two = await pick({ search: 'Steel', limit: 2 });
    expect(names(two)).toEqual(['Steel Union', 'Bao Steel']);
    expect(two.more).toBe(true);
  });

  it('refuses a page of more than 50 and an unknown territory id shape', async () => {
    await expect(pick({ limit: 51 })).rejects.toThrow();
    await expect(pick({ territoryId: 'x' })).rejects.toThrow();
  });
});

describe('accounts:pick at a million accounts (index plans)', () => {
  // SQLite's plans without statistics do not depend on the number of rows: these are the plans
  // a million-account book gets. Each walks a name index in order and stops at the page.
  const plan = (sql: { sql: string; params: unknown[] }) =>
    (book.ctx.db.prepare(`EXPLAIN QUERY PLAN ${sql.sql}`).all(...sql.params, 21) as { detail: string }[]).map((r) => r.detail).join(' | ');

  it.each([
    ['the whole book', false, 'accounts_live_name'],
    ['a territory', true, 'accounts_territory'],
  ])('in %s, no sort step: a walk of %s', (_label, scoped, index) => {
    const territoryId = scoped ? book.territories.east : undefined;
    const q = pickStatements({ search: 'Steel', territoryId, limit: 20 });
    const empty = pickStatements({ search: '', territoryId, limit: 20 });
    for (const s of [q.first, q.containing!, empty.first]) {
      const p = plan(s);
      expect(p).toMatch(new RegExp(`USING INDEX ${index}( |$)`));
      expect(p).not.toContain('TEMP B-TREE');
    }
    // The names starting with the text are a range of the index, not a walk of all of it.
    expect(plan(q.first)).toMatch(/name>\? AND name<\?|name>=\? AND name<\?/);
  });
});

describe('accounts:pick by ids', () => {
  it('names the accounts a form already holds, a deleted one too, whatever the search', async () => {
    const r = await pick({ ids: [ids['Gone Steel'], ids['华为技术']], search: 'zzz' });
    expect(names(r)).toEqual(['Gone Steel', '华为技术']);
    expect(r.more).toBe(false);
  });
});
