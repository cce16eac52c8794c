import type { Db } from '../../../platform/db/connection';
import type { ChangeWriter } from '../../../platform/db/changeLog';
import { insertRow, restoreMany, softDeleteMany, updateRow } from '../../../platform/db/changeLog';
import type { Account, AccountPatch, Competitor, Contact, Lookups } from '../contract';
import { searchWords, type ParsedAccountView } from '../view';
import { viewOrder, viewWhere, type Sql } from './viewQuery';

// SQL for the accounts table family (accounts, contacts, competitors, territories, reps).

export const ACCOUNT_SELECT = `SELECT id, name, name_en, territory_id, owner_id, industry, city, size, nature,
  sales_fen, sales_last_year_fen, profit_fen, receivable_fen, grade, grade_source,
  relationship_stage, relationship_type, communication_style, value_type, loyalty_type,
  products_in_use, last_visit, next_visit, notes, version, updated_at FROM accounts`;

export type AccountRow = {
  id: string;
  name: string;
  name_en: string | null;
  territory_id: string;
  owner_id: string | null;
  industry: string | null;
  city: string | null;
  size: string | null;
  nature: string | null;
  sales_fen: number;
  sales_last_year_fen: number;
  profit_fen: number;
  receivable_fen: number;
  grade: string | null;
  grade_source: string | null;
  relationship_stage: string | null;
  relationship_type: string | null;
  communication_style: string | null;
  value_type: string | null;
  loyalty_type: string | null;
  products_in_use: string | null;
  last_visit: string | null;
  next_visit: string | null;
  notes: string | null;
  version: number;
  updated_at: string;
};

/** Patch keys (camelCase) to columns. */
export const PATCH_COLUMNS: Record<keyof AccountPatch, string> = {
  name: 'name',
  nameEn: 'name_en',
  territoryId: 'territory_id',
  ownerId: 'owner_id',
  industry: 'industry',
  city: 'city',
  size: 'size',
  nature: 'nature',
  sales: 'sales_fen',
  salesLastYear: 'sales_last_year_fen',
  profit: 'profit_fen',
  receivable: 'receivable_fen',
  grade: 'grade',
  relationshipStage: 'relationship_stage',
  relationshipType: 'relationship_type',
  communicationStyle: 'communication_style',
  valueType: 'value_type',
  loyaltyType: 'loyalty_type',
  productsInUse: 'products_in_use',
  lastVisit: 'last_visit',
  nextVisit: 'next_visit',
  notes: 'notes',
};

export function patchToColumns(patch: AccountPatch): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(patch)) {
    const col = PATCH_COLUMNS[k as keyof AccountPatch];
    if (col && v !== undefined) out[col] = v;
  }
  return out;
}

export function lookups(db: Db): Lookups {
  const territories = db
    .prepare('SELECT id, name_zh AS nameZh, name_en AS nameEn FROM territories WHERE deleted_at IS NULL ORDER BY name_en')
    .all() as Lookups['territories'];
  const reps = db
    .prepare(
      `SELECT id, territory_id AS territoryId, name_zh AS nameZh, name_en AS nameEn, deactivated_at IS NULL AS active
       FROM reps WHERE deleted_at IS NULL AND role = 'rep' ORDER BY name_en`,
    )
    .all()
    .map((r) => ({ ...(r as Lookups['reps'][number]), active: (r as { active: number }).active === 1 }));
  return { territories, reps };
}

/** Accounts as the contract has them: columns aliased to its keys, so each row is built once. */
const ACCOUNT_LIST_SELECT = `SELECT id, name, name_en AS nameEn, territory_id AS territoryId, owner_id AS ownerId, industry, city, size, nature,
  sales_fen AS sales, sales_last_year_fen AS salesLastYear, profit_fen AS profit, receivable_fen AS receivable, grade, grade_source AS gradeSource,
  relationship_stage AS relationshipStage, relationship_type AS relationshipType, communication_style AS communicationStyle, value_type AS valueType,
  loyalty_type AS loyaltyType, products_in_use AS productsInUse, last_visit AS lastVisit, next_visit AS nextVisit, notes, version, updated_at AS updatedAt
  FROM accounts`;

/** Every live account of the scope, in name order. */
export function listAccounts(db: Db, scope: { territoryId?: string; ownerId?: string }): Account[] {
  const where = ['deleted_at IS NULL'];
  const params: string[] = [];
  if (scope.territoryId) {
    where.push('territory_id = ?');
    params.push(scope.territoryId);
  }
  if (scope.ownerId) {
    where.push('owner_id = ?');
    params.push(scope.ownerId);
  }
  return db.prepare(`${ACCOUNT_LIST_SELECT} WHERE ${where.join(' AND ')} ORDER BY name, id`).all(...params) as Account[];
}

/**
 * The statements of one page of the grid's view and of its count, and which index each
 * reads where SQLite's choice is slow (it cannot tell how many rows a LIKE keeps):
 * - A quick search reads ten text columns of every row it tests. Over the whole book its
 *   count scans the table in storage order (NOT INDEXED: 0.7 s at 1M accounts) rather than
 *   walking a partial index and looking each row up (2 s).
 * - A territory's count reads the territory's part of the covering (territory, city) index
 *   (30–50 ms at 1M; 250 ms with a search, looking its rows up). Left to itself SQLite may
 *   take a territory's sales index, whose order scatters the lookups (1.2 s).
 * - A territory's page with a quick search also reads that index and sorts what matched: a
 *   search keeps few rows, and walking the territory in sales order to find a page of them
 *   looks up every row in scattered order (1.2 s at 1M against 250 ms). Without a search the
 *   page walks the index of its order (under 1 ms).
 * A rep's view (owner) keeps SQLite's choice: the rep's index holds far fewer rows.
 */
export function pageStatements(db: Db, view: ParsedAccountView): { rows: Sql; count: Sql } {
  const where = viewWhere(view, lookups(db));
  const order = viewOrder(view);
  const search = searchWords(view.search).length > 0;
  const territoryOnly = !!view.territoryId && !view.ownerId;
  const countFrom = territoryOnly ? ' INDEXED BY accounts_live_city' : search && !view.ownerId ? ' NOT INDEXED' : '';
  const rowsFrom = territoryOnly && search ? ' INDEXED BY accounts_live_city' : '';
  return {
    rows: {
      sql: `${ACCOUNT_LIST_SELECT}${rowsFrom} WHERE ${where.sql} ORDER BY ${order.sql} LIMIT ? OFFSET ?`,
      params: [...where.params, ...order.params],
    },
    count: { sql: `SELECT count(*) FROM accounts${countFrom} WHERE ${where.sql}`, params: where.params },
  };
}

/** One page of the grid's view, and (when asked) how many accounts the whole view holds. */
export function pageAccounts(
  db: Db,
  view: ParsedAccountView,
  offset: number,
  limit: number,
  count: boolean,
): { rows: Account[]; total: number | null } {
  const q = pageStatements(db, view);
  const rows = db.prepare(q.rows.sql).all(...q.rows.params, limit, offset) as Account[];
  if (!count) return { rows, total: null };
  // A page cut short is the view's end, so the view holds offset + its rows: no second read
  // (a search that finds a few accounts among a million answers in one scan, not two).
  if (rows.length < limit && (rows.length > 0 || offset === 0)) return { rows, total: offset + rows.length };
  return {
    rows,
    total: db
      .prepare(q.count.sql)
      .pluck()
      .get(...q.count.params) as number,
  };
}

/** Every id in the view, in its order (select-all, export of the view). */
export function viewIds(db: Db, view: ParsedAccountView): string[] {
  const where = viewWhere(view, lookups(db));
  const order = viewOrder(view);
  return db
    .prepare(`SELECT id FROM accounts WHERE ${where.sql} ORDER BY ${order.sql}`)
    .pluck()
    .all(...where.params, ...order.params) as string[];
}

export function getAccount(db: Db, id: string, includeDeleted = false): Account | null {
  return (
    (db.prepare(`${ACCOUNT_LIST_SELECT} WHERE id = ?${includeDeleted ? '' : ' AND deleted_at IS NULL'}`).get(id) as Account | undefined) ??
    null
  );
}

export function repTerritory(db: Db, repId: string): string | null {
  const r = db.prepare('SELECT territory_id FROM reps WHERE id = ? AND deleted_at IS NULL').get(repId) as
    { territory_id: string } | undefined;
  return r?.territory_id ?? null;
}

export function territoryExists(db: Db, id: string): boolean {
  return !!db.prepare('SELECT 1 FROM territories WHERE id = ? AND deleted_at IS NULL').get(id);
}

export function insertAccount(w: ChangeWriter, cols: Record<string, unknown>, batchId: string | null = null): string {
  return insertRow(w, 'accounts', cols, batchId);
}

export function updateAccount(
  w: ChangeWriter,
  id: string,
  cols: Record<string, unknown>,
  opts: { batchId?: string | null; expectVersion?: number } = {},
) {
  return updateRow(w, 'accounts', id, cols, opts);
}

export function deleteAccounts(w: ChangeWriter, ids: string[]): number {
  return softDeleteMany(w, 'accounts', ids);
}

export function undeleteAccounts(w: ChangeWriter, ids: string[]): number {
  return restoreMany(w, 'accounts', ids);
}

type ContactRow = {
  id: string;
  account_id: string;
  name: string;
  title: string | null;
  phone: string | null;
  email: string | null;
  department: string | null;
  level: string | null;
  buying_role: string | null;
  persona: string | null;
  coach_level: string | null;
  notes: string | null;
  version: number;
};

export function toContact(r: ContactRow): Contact {
  return {
    id: r.id,
    accountId: r.account_id,
    name: r.name,
    title: r.title,
    phone: r.phone,
    email: r.email,
    department: r.department,
    level: r.level,
    buyingRole: r.buying_role,
    persona: r.persona,
    coachLevel: r.coach_level,
    notes: r.notes,
    version: r.version,
  };
}

export function contactsOf(db: Db, accountId: string): Contact[] {
  return (
    db.prepare('SELECT * FROM contacts WHERE account_id = ? AND deleted_at IS NULL ORDER BY name, id').all(accountId) as ContactRow[]
  ).map(toContact);
}

export function getContact(db: Db, id: string): Contact | null {
  const r = db.prepare('SELECT * FROM contacts WHERE id = ? AND deleted_at IS NULL').get(id) as ContactRow | undefined;
  return r ? toContact(r) : null;
}

type CompetitorRow = {
  id: string;
  account_id: string;
  name: string;
  history: string | null;
  rep: string | null;
  style: string | null;
  our_strengths: string | null;
  our_weaknesses: string | null;
  version: number;
};

export function toCompetitor(r: CompetitorRow): Competitor {
  return {
    id: r.id,
    accountId: r.account_id,
    name: r.name,
    history: r.history,
    rep: r.rep,
    style: r.style,
    ourStrengths: r.our_strengths,
    ourWeaknesses: r.our_weaknesses,
    version: r.version,
  };
}

export function competitorsOf(db: Db, accountId: string): Competitor[] {
  return (
    db.prepare('SELECT * FROM competitors WHERE account_id = ? AND deleted_at IS NULL ORDER BY name, id').all(accountId) as CompetitorRow[]
  ).map(toCompetitor);
}

export function getCompetitor(db: Db, id: string): Competitor | null {
  const r = db.prepare('SELECT * FROM competitors WHERE id = ? AND deleted_at IS NULL').get(id) as CompetitorRow | undefined;
  return r ? toCompetitor(r) : null;
}
