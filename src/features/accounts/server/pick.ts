import type { Db } from '../../../platform/db/connection';
import { containsPattern, LIKE } from '../../../platform/db/like';
import type { PickedAccounts } from '../contract';
import { searchWords } from '../view';
import type { Sql } from './viewQuery';

// The account picker's search (the opportunity editor and any form that names an account):
// a few accounts matching what the user typed, never the whole book. Names that start with
// the text come first, then names (Chinese or English) containing every word typed, each
// part in name order. Both parts walk a name index (the book's, or the territory's) and stop
// once the page is full, so a common word answers at once even at a million accounts; a word
// that matches nothing reads each live name once.

export interface PickInput {
  search: string;
  territoryId?: string;
  limit: number;
  ids?: string[];
}

const PICK_SELECT = `SELECT id, name, name_en AS nameEn, territory_id AS territoryId, owner_id AS ownerId, city FROM accounts`;
/** Above every character: `name < prefix || TOP` keeps the names that start with `prefix`. */
const TOP = '\u{10FFFF}';
const STARTS_WITH = 'name >= ? AND name < ?';

/** The picker's statements, each taking its LIMIT as its last parameter: the first page, and (for a search) the names containing it. */
export function pickStatements(input: PickInput): { first: Sql; containing: Sql | null } {
  const where = ['deleted_at IS NULL', ...(input.territoryId ? ['territory_id = ?'] : [])];
  const params: unknown[] = input.territoryId ? [input.territoryId] : [];
  const statement = (more: string[], moreParams: unknown[]): Sql => ({
    sql: `${PICK_SELECT} WHERE ${[...where, ...more].join(' AND ')} ORDER BY name, id LIMIT ?`,
    params: [...params, ...moreParams],
  });
  const text = input.search.trim();
  if (!text) return { first: statement([], []), containing: null };
  const range = [text, text + TOP];
  const words = searchWords(text);
  const contains = words.map(() => `(name ${LIKE} OR coalesce(name_en, '') ${LIKE})`);
  const patterns = words.flatMap((w) => [containsPattern(w), containsPattern(w)]);
  return {
    first: statement([STARTS_WITH], range),
    containing: statement([...contains, `NOT (${STARTS_WITH})`], [...patterns, ...range]),
  };
}

export function pickAccounts(db: Db, input: PickInput): PickedAccounts {
  if (input.ids) {
    const named = db
      .prepare(`${PICK_SELECT} WHERE id IN (SELECT value FROM json_each(?)) ORDER BY name, id`)
      .all(JSON.stringify(input.ids));
    return { accounts: named as PickedAccounts['accounts'], more: false };
  }
  const q = pickStatements(input);
  const run = (s: Sql, n: number) => db.prepare(s.sql).all(...s.params, n) as PickedAccounts['accounts'];
  const want = input.limit + 1; // one more than shown tells whether more match
  const first = run(q.first, want);
  const found = q.containing && first.length < want ? [...first, ...run(q.containing, want - first.length)] : first;
  return { accounts: found.slice(0, input.limit), more: found.length > input.limit };
}
