import { termLabel, vocab } from '../../../shared/vocab';
import { yuanToFen } from '../../../shared/money';
import { containsPattern, LIKE, likeEscape } from '../../../platform/db/like';
import type { Lookups } from '../contract';
import { accountFieldByKey, type AccountField } from '../fields';
import {
  searchWords,
  textConditionPasses,
  type ColumnFilter,
  type NumberCondition,
  type ParsedAccountView,
  type TextCondition,
} from '../view';

// The grid's view (scope, quick search, column filters, sort) as SQL over `accounts`, with
// bound parameters only: column names come from the field list, never from the request.
// Filters and search compare what the grid shows: money in yuan, territory, owner and fixed
// values by their label in the view's language.

export interface Sql {
  sql: string;
  params: unknown[];
}

/** Columns whose text a quick search looks in (money and ids are not searched). */
const SEARCH_COLUMNS = ['name', 'name_en', 'industry', 'city', 'size', 'nature', 'products_in_use', 'notes', 'last_visit', 'next_visit'];
const LABELLED = new Set<AccountField['type']>(['territory', 'owner', 'enum']);

/** The values a labelled column can hold, each with the label the grid shows ('' for none). */
function labelled(f: AccountField, names: Lookups, lang: ParsedAccountView['lang']): { key: string; label: string }[] {
  const name = (x: { nameZh: string; nameEn: string }) => (lang === 'zh-CN' ? x.nameZh : x.nameEn);
  switch (f.type) {
    case 'territory':
      return names.territories.map((t) => ({ key: t.id, label: name(t) }));
    case 'owner':
      return [...names.reps.map((r) => ({ key: r.id, label: name(r) })), { key: '', label: '' }];
    default:
      return [...vocab[f.vocab!].map((t) => ({ key: t.key, label: termLabel(f.vocab!, t.key, lang) })), { key: '', label: '' }];
  }
}

/** `column` (with '' for NULL) among the keys, or outside the keys that fail: whichever list is shorter. */
function keysSql(column: string, values: { key: string; pass: boolean }[]): Sql {
  const pass = values.filter((v) => v.pass).map((v) => v.key);
  const fail = values.filter((v) => !v.pass).map((v) => v.key);
  if (pass.length === 0) return { sql: '0', params: [] };
  if (fail.length === 0) return { sql: '1', params: [] };
  const [list, op] = fail.length < pass.length ? [fail, 'NOT IN'] : [pass, 'IN'];
  return { sql: `coalesce(${column}, '') ${op} (SELECT value FROM json_each(?))`, params: [JSON.stringify(list)] };
}

function textSql(column: string, c: TextCondition): Sql | null {
  const e = `coalesce(${column}, '')`;
  if (c.type === 'blank') return { sql: `${e} = ''`, params: [] };
  if (c.type === 'notBlank') return { sql: `${e} <> ''`, params: [] };
  if (!c.filter) return null; // no text typed yet: the condition filters nothing
  const x = likeEscape(c.filter);
  const pattern = { contains: `%${x}%`, notContains: `%${x}%`, equals: x, notEqual: x, startsWith: `${x}%`, endsWith: `%${x}` }[c.type];
  const not = c.type === 'notContains' || c.type === 'notEqual';
  return { sql: `${e} ${not ? 'NOT ' : ''}${LIKE}`, params: [pattern] };
}

const NUMBER_OPS = {
  equals: '=',
  notEqual: '<>',
  lessThan: '<',
  lessThanOrEqual: '<=',
  greaterThan: '>',
  greaterThanOrEqual: '>=',
} as const;
/** Yuan as typed to fen: exact for amounts with up to two decimals, else compared as a real number. */
const toFen = (yuan: number) => yuanToFen(yuan) ?? yuan * 100;

function numberSql(column: string, c: NumberCondition): Sql | null {
  if (c.type === 'blank') return { sql: `${column} IS NULL`, params: [] };
  if (c.type === 'notBlank') return { sql: `${column} IS NOT NULL`, params: [] };
  if (c.filter == null) return null;
  if (c.type === 'inRange') {
    if (c.filterTo == null) return null;
    // Inclusive at both ends (the grid is set to say so), whichever end was typed first.
    const [lo, hi] = [toFen(c.filter), toFen(c.filterTo)].sort((a, b) => a - b);
    return { sql: `${column} BETWEEN ? AND ?`, params: [lo, hi] };
  }
  return { sql: `${column} ${NUMBER_OPS[c.type]} ?`, params: [toFen(c.filter)] };
}

function conditionSql(f: AccountField, c: TextCondition | NumberCondition, names: Lookups, lang: ParsedAccountView['lang']): Sql | null {
  if (c.filterType === 'number') return f.type === 'money' ? numberSql(f.column, c) : null;
  if (!LABELLED.has(f.type)) return textSql(f.column, c);
  if (c.type !== 'blank' && c.type !== 'notBlank' && !c.filter) return null;
  return keysSql(
    f.column,
    labelled(f, names, lang).map((v) => ({ key: v.key, pass: textConditionPasses(c, v.label) })),
  );
}

function filterSql(f: AccountField, model: ColumnFilter, names: Lookups, lang: ParsedAccountView['lang']): Sql | null {
  if (!('conditions' in model)) return conditionSql(f, model, names, lang);
  const parts = model.conditions.map((c) => conditionSql(f, c, names, lang)).filter((p): p is Sql => p !== null);
  if (parts.length === 0) return null;
  return { sql: `(${parts.map((p) => p.sql).join(` ${model.operator} `)})`, params: parts.flatMap((p) => p.params) };
}

/** One search word: found in any searched column, or in a territory, owner or fixed-value label. */
function searchWordSql(word: string, names: Lookups, lang: ParsedAccountView['lang']): Sql {
  const like = containsPattern(word);
  const parts: Sql[] = SEARCH_COLUMNS.map((c) => ({ sql: `${c} ${LIKE}`, params: [like] }));
  const w = word.toLowerCase();
  for (const f of accountFieldByKey.values()) {
    if (!LABELLED.has(f.type)) continue;
    const keys = labelled(f, names, lang)
      .filter((v) => v.key && v.label.toLowerCase().includes(w))
      .map((v) => v.key);
    if (keys.length) parts.push({ sql: `${f.column} IN (SELECT value FROM json_each(?))`, params: [JSON.stringify(keys)] });
  }
  return { sql: `(${parts.map((p) => p.sql).join(' OR ')})`, params: parts.flatMap((p) => p.params) };
}

/** The WHERE clause (without the keyword) choosing the view's live accounts. */
export function viewWhere(view: ParsedAccountView, names: Lookups): Sql {
  const parts: Sql[] = [{ sql: 'deleted_at IS NULL', params: [] }];
  if (view.territoryId) parts.push({ sql: 'territory_id = ?', params: [view.territoryId] });
  if (view.ownerId) parts.push({ sql: 'owner_id = ?', params: [view.ownerId] });
  for (const [key, model] of Object.entries(view.filter)) {
    const p = model && filterSql(accountFieldByKey.get(key)!, model, names, view.lang);
    if (p) parts.push(p);
  }
  for (const word of searchWords(view.search)) parts.push(searchWordSql(word, names, view.lang));
  return { sql: parts.map((p) => p.sql).join(' AND '), params: parts.flatMap((p) => p.params) };
}

/**
 * The ORDER BY terms (without the keyword): the grid's sort, by what it shows (territory
 * and owner by name, fixed values in their list's order), then name; id last, so pages
 * never overlap or skip rows with equal values. Empty cells come first going up, as in ag-grid.
 */
export function viewOrder(view: ParsedAccountView): Sql {
  const terms: Sql[] = [];
  const nameColumn = view.lang === 'zh-CN' ? 'name_zh' : 'name_en';
  for (const s of view.sort) {
    const f = accountFieldByKey.get(s.colId)!;
    const dir = s.sort === 'desc' ? 'DESC' : 'ASC';
    if (f.type === 'territory')
      terms.push({ sql: `(SELECT ${nameColumn} FROM territories t WHERE t.id = accounts.territory_id) ${dir}`, params: [] });
    else if (f.type === 'owner')
      terms.push({ sql: `(SELECT ${nameColumn} FROM reps r WHERE r.id = accounts.owner_id) ${dir}`, params: [] });
    else if (f.type === 'enum') {
      const keys = vocab[f.vocab!].map((t) => t.key);
      terms.push({
        sql: `CASE ${f.column} ${keys.map(() => 'WHEN ? THEN ?').join(' ')} END ${dir}`,
        params: keys.flatMap((k, i) => [k, i]),
      });
    } else terms.push({ sql: `${f.column} ${dir}`, params: [] });
  }
  if (!view.sort.some((s) => s.colId === 'name')) terms.push({ sql: 'name ASC', params: [] });
  // Ties by id in the direction of the term before it: name descending, id descending is one
  // backward walk of the (name, id) index instead of a sort.
  terms.push({ sql: `id ${terms.at(-1)!.sql.endsWith('DESC') ? 'DESC' : 'ASC'}`, params: [] });
  return { sql: terms.map((t) => t.sql).join(', '), params: terms.flatMap((t) => t.params) };
}
