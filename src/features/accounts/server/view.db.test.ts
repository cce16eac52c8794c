import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBook } from '../../../app/book';
import { createRegistry } from '../../../app/handlers';
import type { ServerContext } from '../../../platform/context';
import { fixedClock, tempDir } from '../../../../test/db/helpers';
import { termLabel, vocab } from '../../../shared/vocab';
import type { Account, Lookups } from '../contract';
import { accountFieldByKey } from '../fields';
import { searchWords, textConditionPasses, type AccountView, type ColumnFilter } from '../view';

// The grid's view answered by SQL (accounts:page / accounts:ids) against the grid's rules
// written plainly over the whole list: what each cell shows, ag-grid's filter semantics,
// its quick search and sort. Demo book, with some grades, missing owners and names holding
// LIKE's wildcard characters added so every branch has rows on both sides.

let ctx: ServerContext;
let t: { dir: string; cleanup(): void };
const registry = createRegistry({ validateOutput: true });
const call = <T>(channel: string, input: unknown) => registry.call<T>(ctx, channel, input);
let all: Account[];
let names: Lookups;

beforeAll(async () => {
  t = tempDir('sw-view-');
  ctx = await openBook(path.join(t.dir, 'book.sqlite'), { demo: true, clock: fixedClock(), dailyBackup: false });
  const list = await call<Account[]>('accounts:list', {});
  const grades = ['A', 'B', 'C', 'D'];
  for (const [i, a] of list.slice(0, 120).entries()) {
    await call('accounts:update', { id: a.id, patch: { grade: grades[i % 4], ...(i % 3 === 0 ? { ownerId: null } : {}) } });
  }
  const territoryId = list[0]!.territoryId;
  for (const name of ['折扣%特价商行', '折扣_特价公司', '100%满意', 'ab_cd 贸易']) await call('accounts:create', { name, territoryId });
  all = await call<Account[]>('accounts:list', {});
  names = await call<Lookups>('accounts:lookups', {});
});
afterAll(() => {
  ctx.db.close();
  t.cleanup();
});

// ---- the grid's rules, plainly ---------------------------------------------------------

type Lang = 'zh-CN' | 'en';
function shown(a: Account, key: string, lang: Lang): string {
  const f = accountFieldByKey.get(key)!;
  const label = (x: { nameZh: string; nameEn: string } | undefined) => (x ? (lang === 'zh-CN' ? x.nameZh : x.nameEn) : '');
  if (f.type === 'territory') return label(names.territories.find((x) => x.id === a.territoryId));
  if (f.type === 'owner') return label(names.reps.find((x) => x.id === a.ownerId));
  const raw = (a as Record<string, unknown>)[key === 'territory' ? 'territoryId' : key];
  if (f.type === 'enum') return termLabel(f.vocab!, raw as string | null, lang);
  return raw == null ? '' : String(raw);
}

function passes(a: Account, key: string, model: ColumnFilter, lang: Lang): boolean {
  const conditions = 'conditions' in model ? model.conditions : [model];
  const results = conditions.map((c) => {
    if (c.filterType === 'text') return textConditionPasses(c, shown(a, key, lang));
    const yuan = ((a as Record<string, unknown>)[key] as number) / 100;
    const v = c.filter!;
    switch (c.type) {
      case 'equals':
        return yuan === v;
      case 'greaterThan':
        return yuan > v;
      case 'lessThanOrEqual':
        return yuan <= v;
      case 'inRange':
        return yuan >= Math.min(v, c.filterTo!) && yuan <= Math.max(v, c.filterTo!);
      default:
        throw new Error(`not modelled: ${c.type}`);
    }
  });
  return 'operator' in model && model.operator === 'OR' ? results.some(Boolean) : results.every(Boolean);
}

const SEARCHED = [
  'name',
  'nameEn',
  'industry',
  'city',
  'size',
  'nature',
  'productsInUse',
  'notes',
  'lastVisit',
  'nextVisit',
  'territory',
  'owner',
  'grade',
  'relationshipStage',
  'relationshipType',
  'communicationStyle',
  'valueType',
  'loyaltyType',
];

function expected(view: AccountView): string[] {
  const lang = view.lang ?? 'zh-CN';
  const rows = all.filter(
    (a) =>
      (!view.territoryId || a.territoryId === view.territoryId) &&
      Object.entries(view.filter ?? {}).every(([k, m]) => passes(a, k, m!, lang)) &&
      searchWords(view.search).every((w) => SEARCHED.some((k) => shown(a, k, lang).toLowerCase().includes(w.toLowerCase()))),
  );
  const cmp = (x: string | number, y: string | number) => (x < y ? -1 : x > y ? 1 : 0);
  const sortValue = (a: Account, key: string): string | number => {
    const f = accountFieldByKey.get(key)!;
    if (f.type === 'money') return (a as Record<string, unknown>)[key] as number;
    if (f.type === 'enum') {
      const i = vocab[f.vocab!].findIndex((x) => x.key === (a as Record<string, unknown>)[key]);
      return i < 0 ? -1 : i; // empty first going up
    }
    return shown(a, key, lang);
  };
  const sort = [...(view.sort ?? [])];
  if (!sort.some((s) => s.colId === 'name')) sort.push({ colId: 'name', sort: 'asc' });
  const idDir = sort.at(-1)!.sort === 'desc' ? -1 : 1; // ties by id follow the last term's direction
  return rows
    .sort((a, b) => {
      for (const s of sort) {
        const c = cmp(sortValue(a, s.colId), sortValue(b, s.colId)) * (s.sort === 'desc' ? -1 : 1);
        if (c) return c;
      }
      return cmp(a.id, b.id) * idDir;
    })
    .map((a) => a.id);
}

const page = (view: AccountView, offset: number, limit: number, count = true) =>
  call<{ rows: Account[]; total: number | null }>('accounts:page', { view, offset, limit, count });

async function pagedIds(view: AccountView, size: number): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += size) {
    const p = await page(view, offset, size, false);
    ids.push(...p.rows.map((r) => r.id));
    if (p.rows.length < size) return ids;
  }
}

// ---- views ------------------------------------------------------------------------------

const views: [string, () => AccountView][] = [
  ['no sort, no filter: name order', () => ({})],
  ['name descending', () => ({ sort: [{ colId: 'name', sort: 'desc' }] })],
  ['a territory, city descending', () => ({ territoryId: names.territories[1]!.id, sort: [{ colId: 'city', sort: 'desc' }] })],
  [
    'city contains either of two (OR)',
    () => ({
      filter: {
        city: {
          filterType: 'text',
          operator: 'OR',
          conditions: [
            { filterType: 'text', type: 'contains', filter: '州' },
            { filterType: 'text', type: 'equals', filter: '上海' },
          ],
        },
      },
    }),
  ],
  [
    'industry not containing, notes blank',
    () => ({
      filter: { industry: { filterType: 'text', type: 'notContains', filter: '电' }, notes: { filterType: 'text', type: 'blank' } },
    }),
  ],
  [
    'name starts with, sales over ¥1,000,000',
    () => ({
      filter: {
        name: { filterType: 'text', type: 'startsWith', filter: '上海' },
        sales: { filterType: 'number', type: 'greaterThan', filter: 1_000_000 },
      },
    }),
  ],
  [
    'sales in a range typed high to low',
    () => ({
      filter: { sales: { filterType: 'number', type: 'inRange', filter: 3_000_000, filterTo: 500_000.5 } },
      sort: [{ colId: 'sales', sort: 'desc' }],
    }),
  ],
  [
    'territory by its English label, owner by name',
    () => ({
      lang: 'en',
      filter: { territory: { filterType: 'text', type: 'contains', filter: 'SOUTH' } },
      sort: [{ colId: 'owner', sort: 'asc' }],
    }),
  ],
  [
    'owner blank, grade sorted in list order',
    () => ({ filter: { owner: { filterType: 'text', type: 'blank' } }, sort: [{ colId: 'grade', sort: 'desc' }] }),
  ],
  ['grade not equal B (empty grades pass)', () => ({ filter: { grade: { filterType: 'text', type: 'notEqual', filter: 'b' } } })],
  [
    'relationship stage by its Chinese label',
    () => ({
      filter: { relationshipStage: { filterType: 'text', type: 'equals', filter: termLabel('relationshipStage', 'trusted', 'zh-CN') } },
      sort: [{ colId: 'territory', sort: 'desc' }],
    }),
  ],
  ['search: two words, one a territory label', () => ({ search: '  华南区  电子 ' })],
  ['search: an English owner name', () => ({ lang: 'en', search: names.reps[0]!.nameEn.split(' ')[0] })],
  ['search: % and _ are literal', () => ({ search: '扣%' })],
  ['search: _ is literal', () => ({ search: 'b_c' })],
];

describe('accounts:page answers the grid view as the grid would', () => {
  it.each(views)('%s', async (_label, make) => {
    const view = make();
    const want = expected(view);
    const first = await page(view, 0, 25);
    expect(first.total).toBe(want.length);
    expect(first.rows.map((r) => r.id)).toEqual(want.slice(0, 25));
    // Page by page (an odd page size crossing equal values) gives the same order, no overlap.
    expect(await pagedIds(view, 37)).toEqual(want);
    expect(await call('accounts:ids', { view })).toEqual(want);
  });

  it('every case above narrows the book but leaves rows (no vacuous comparisons)', () => {
    const narrowing = views.map(([label, make]) => [label, make()] as const).filter(([, v]) => v.filter || v.search || v.territoryId);
    expect(narrowing.length).toBeGreaterThanOrEqual(12);
    for (const [label, view] of narrowing) {
      const n = expected(view).length;
      expect(n, label).toBeGreaterThan(0);
      expect(n, label).toBeLessThan(all.length);
    }
    expect(expected({ search: '扣%' })).toHaveLength(1);
    expect(expected({ search: 'b_c' })).toHaveLength(1);
  });

  it('leaves deleted accounts out, and counts only when asked', async () => {
    const [gone] = all;
    await call('accounts:delete', { ids: [gone!.id] });
    const p = await page({}, 0, 1000);
    expect(p.total).toBe(all.length - 1);
    expect(p.rows.map((r) => r.id)).not.toContain(gone!.id);
    expect((await page({}, 0, 10, false)).total).toBeNull();
    await call('accounts:undelete', { ids: [gone!.id] });
  });

  it('deletes a whole view in one go, logging each account; undo brings back exactly those', async () => {
    const view = { territoryId: names.territories[2]!.id };
    const ids = await call<string[]>('accounts:ids', { view });
    expect(ids.length).toBeGreaterThan(50);
    await call('accounts:delete', { ids: [ids[0]!] }); // already gone: not deleted twice
    const deletes = () => ctx.db.prepare("SELECT count(*) FROM change_log WHERE table_name = 'accounts' AND op = ?").pluck();
    const [del0, res0] = [deletes().get('delete') as number, deletes().get('restore') as number];
    expect(await call('accounts:delete', { ids })).toEqual({ deleted: ids.length - 1 });
    expect(deletes().get('delete') as number).toBe(del0 + ids.length - 1);
    expect((await page(view, 0, 10)).total).toBe(0);
    expect(await call('accounts:undelete', { ids: ids.slice(1) })).toEqual({ restored: ids.length - 1 });
    expect(deletes().get('restore') as number).toBe(res0 + ids.length - 1);
    expect((await page(view, 0, 10)).total).toBe(ids.length - 1);
    const history = await call<{ op: string; field: string; before: unknown; after: unknown }[]>('accounts:history', { id: ids[1] });
    expect(history.slice(0, 2).map((h) => [h.op, h.field, h.after === null])).toEqual([
      ['restore', 'deleted_at', true],
      ['delete', 'deleted_at', false],
    ]);
    await call('accounts:undelete', { ids: [ids[0]!] });
    expect((await page(view, 0, 10)).total).toBe(ids.length);
  });

  it('refuses unknown columns, filter kinds and oversized pages by name', async () => {
    const bad = async (input: unknown) => registry.invoke(ctx, 'accounts:page', input);
    expect(await bad({ view: { sort: [{ colId: 'name; DROP TABLE accounts', sort: 'asc' }] }, offset: 0, limit: 10 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await bad({ view: { filter: { city: { filterType: 'set', values: ['x'] } } }, offset: 0, limit: 10 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await bad({ view: {}, offset: 0, limit: 5000 })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect((await page({}, 0, 1)).total).toBe(all.length);
  });
});
