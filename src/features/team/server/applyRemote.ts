import type { Statement } from 'better-sqlite3';
import type { Db } from '../../../platform/db/connection';
import { EVENTS_TABLE, freeEventSeq, numberSnapshotEvents, renumberEvents } from './eventOrder';
import { SYNCED_TABLES, isSyncedTable, type FieldChanges, type PulledChange, type PushChange, type RowData } from '../protocol';

// The local apply path for changes pulled from the team server. Rows are written here, not
// through changeLog.ts's insertRow/updateRow, because the log entry must keep the server's
// change id and position and be marked origin = 'remote' (logged for field history, never
// pushed). Table and column names are checked against the book's schema; values are bound.

const NAME = /^[a-z_]+$/;
const LOG_REMOTE =
  "INSERT INTO change_log (id, at, table_name, row_id, op, changes, batch_id, origin, server_position) VALUES (?, ?, ?, ?, ?, ?, ?, 'remote', ?)";

const keyOf = (table: string): string => SYNCED_TABLES[table]?.idColumn ?? 'id';

/** The columns a table of this book has (so a pulled column name is never trusted as SQL). */
function columnsOf(db: Db, table: string, cache: Map<string, Set<string>>): Set<string> {
  let cols = cache.get(table);
  if (!cols) {
    cols = new Set((db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name));
    cache.set(table, cols);
  }
  return cols;
}

/** Runs `fn` in one transaction with foreign keys off: a person's book holds only what they may see. */
export function withoutForeignKeys<T>(db: Db, fn: () => T): T {
  const was = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    return db.transaction(fn)();
  } finally {
    if (was) db.pragma('foreign_keys = ON');
  }
}

/**
 * Fields this book must keep its own value for, with that value: a change made here to the
 * same field that is still pending (it will be pushed, later in the server's order) or that
 * the server applied at a later position than the pulled change. The server's order decides,
 * field by field.
 */
function fieldsKeptHere(db: Db, table: string, rowId: string, position: number): Map<string, unknown> {
  return ownLaterChanges(db, table, rowId, position).kept;
}

/** This book's own changes to a row that come after `position` in the server's order, and the values they keep. */
function ownLaterChanges(
  db: Db,
  table: string,
  rowId: string,
  position: number,
): { kept: Map<string, unknown>; count: number; lastAt: string | null } {
  const mine = db
    .prepare(
      `SELECT c.changes, c.at FROM change_log c LEFT JOIN sync_pushed p ON p.change_id = c.id
       WHERE c.row_id = ? AND c.table_name = ? AND c.origin IS NULL
         AND (p.change_id IS NULL OR (p.position IS NOT NULL AND p.position > ?))
       ORDER BY c.seq`,
    )
    .all(rowId, table, position) as { changes: string; at: string }[];
  const kept = new Map<string, unknown>();
  for (const c of mine) for (const [col, [, after]] of Object.entries(JSON.parse(c.changes) as FieldChanges)) kept.set(col, after);
  return { kept, count: mine.length, lastAt: mine.at(-1)?.at ?? null };
}

export type ApplyOutcome = 'applied' | 'own' | 'seen' | 'skipped';

/** Applies one pulled change (call inside withoutForeignKeys, in position order). */
export function applyPulledChange(db: Db, change: PulledChange, cache = new Map<string, Set<string>>()): ApplyOutcome {
  if (!isSyncedTable(change.table)) return 'skipped';
  if (change.op === 'leave' || change.op === 'arrive') return applyMove(db, change, cache);
  const logged = db.prepare('SELECT origin FROM change_log WHERE id = ?').get(change.id) as { origin: string | null } | undefined;
  if (logged) return logged.origin === null ? 'own' : 'seen';
  const table = change.table;
  const key = keyOf(table);
  const cols = columnsOf(db, table, cache);
  const kept = fieldsKeptHere(db, table, change.rowId, change.position);
  const applied: FieldChanges = {};
  for (const [col, pair] of Object.entries(change.changes)) {
    if (!NAME.test(col) || !cols.has(col) || col === key) continue;
    if (!kept.has(col)) applied[col] = pair;
  }
  const exists = db.prepare(`SELECT 1 FROM ${table} WHERE ${key} = ?`).get(change.rowId) !== undefined;
  if (change.op === 'insert' && !exists) {
    const row: RowData = { [key]: change.rowId };
    for (const [col, [, after]] of Object.entries(applied)) row[col] = after;
    if (cols.has('created_at')) row.created_at = change.at;
    if (cols.has('updated_at')) row.updated_at = change.at;
    if (cols.has('version')) row.version = 1;
    if (table === EVENTS_TABLE) row.seq = freeEventSeq(db, row.opportunity_id);
    const names = Object.keys(row);
    db.prepare(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(...names.map((n) => row[n]));
    if (table === EVENTS_TABLE) renumberEvents(db, row.opportunity_id);
  } else if (exists && Object.keys(applied).length > 0) {
    const names = Object.keys(applied);
    const meta = cols.has('version') ? ', updated_at = ?, version = version + 1' : ', updated_at = ?';
    db.prepare(`UPDATE ${table} SET ${names.map((n) => `${n} = ?`).join(', ')}${meta} WHERE ${key} = ?`).run(
      ...names.map((n) => applied[n]![1]),
      change.at,
      change.rowId,
    );
  }
  // An update to a row this book does not hold (e.g. one moved into the person's territory) has
  // nothing to change here; it is still logged as seen.
  // Logged whole, as the server holds it: the field history shows a value that lost too, and a
  // change taken back later finds the server's value of each field here.
  db.prepare(LOG_REMOTE).run(
    change.id,
    change.at,
    table,
    change.rowId,
    change.op,
    JSON.stringify(change.changes),
    change.batchId ?? null,
    change.position,
  );
  return 'applied';
}

/**
 * A row moved out of what this person sees (leave: the book drops it, its history stays in the
 * log) or into it (arrive: the whole row, added or, if a copy is here, brought up to date).
 * Neither is logged: they are not edits, and the server sends each once, in order.
 */
function applyMove(db: Db, change: PulledChange, cache: Map<string, Set<string>>): ApplyOutcome {
  const table = change.table;
  const key = keyOf(table);
  if (change.op === 'leave') {
    db.prepare(`DELETE FROM ${table} WHERE ${key} = ?`).run(change.rowId);
    return 'applied';
  }
  const cols = columnsOf(db, table, cache);
  const row: RowData = {};
  for (const [col, [, value]] of Object.entries(change.changes)) if (NAME.test(col) && cols.has(col)) row[col] = value;
  db.prepare('INSERT OR REPLACE INTO sync_arrivals (table_name, row_id, position, data) VALUES (?, ?, ?, ?)').run(
    table,
    change.rowId,
    change.position,
    JSON.stringify(row),
  );
  row[key] = change.rowId;
  if (table === EVENTS_TABLE) {
    // Events are never updated (a trigger guards it); one arrives once, numbered like any received one.
    if (db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(change.rowId)) return 'applied';
    row.seq = freeEventSeq(db, row.opportunity_id);
    const cols = Object.keys(row);
    db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((n) => row[n]));
    renumberEvents(db, row.opportunity_id);
    return 'applied';
  }
  // The row as it arrived, with this book's own later edits kept: an edit made here while the
  // row was away and back (pending, or applied after the arrival) is later in the server's
  // order, and its echo is not applied again ('own').
  // Each such edit moves the row on a version, as the server's apply and this book's edit did.
  const own = ownLaterChanges(db, table, change.rowId, change.position);
  for (const [col, value] of own.kept) if (NAME.test(col) && cols.has(col) && col !== key) row[col] = value;
  if (own.count > 0 && typeof row.version === 'number') row.version += own.count;
  if (own.lastAt && cols.has('updated_at')) row.updated_at = own.lastAt;
  const names = Object.keys(row);
  const updates = names.filter((n) => n !== key);
  db.prepare(
    `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})
     ON CONFLICT(${key}) DO UPDATE SET ${updates.map((n) => `${n} = excluded.${n}`).join(', ')}`,
  ).run(...names.map((n) => row[n]));
  return 'applied';
}

/**
 * Takes back a change of this book that the server did not apply (rejected, or an edit of a row
 * deleted meanwhile): fields still holding the value this book wrote get their value before it
 * back, and a row whose insert was refused is marked deleted. Logged as remote (never pushed).
 */
export function revertLocalChange(db: Db, change: PushChange, logId: string, at: string): void {
  if (!isSyncedTable(change.table)) return;
  const key = keyOf(change.table);
  const current = db.prepare(`SELECT * FROM ${change.table} WHERE ${key} = ?`).get(change.rowId) as RowData | undefined;
  if (!current) return;
  const back: FieldChanges = {};
  if (change.op === 'insert') {
    if (current.deleted_at === null) back.deleted_at = [null, at];
  } else {
    const pending = pendingFields(db, change.table, change.rowId);
    for (const [col, [before, after]] of Object.entries(change.changes)) {
      if (!NAME.test(col) || !(col in current) || pending.has(col)) continue;
      // The server's value: the latest change to the field it applied that this book knows of;
      // else (none since this book joined) the value before this book's change.
      const known = serverValueOf(db, change.table, change.rowId, col);
      const value = known ? known.value : current[col] === after ? before : current[col];
      if (current[col] !== value) back[col] = [current[col], value];
    }
  }
  const names = Object.keys(back);
  if (names.length === 0) return;
  db.prepare(
    `UPDATE ${change.table} SET ${names.map((n) => `${n} = ?`).join(', ')}, updated_at = ?, version = version + 1 WHERE ${key} = ?`,
  ).run(...names.map((n) => back[n]![1]), at, change.rowId);
  db.prepare(LOG_REMOTE).run(
    logId,
    at,
    change.table,
    change.rowId,
    change.op === 'insert' ? 'delete' : 'update',
    JSON.stringify(back),
    null,
    null,
  );
}

/** Fields of a row with a change made here the server has not answered yet (it will be pushed). */
function pendingFields(db: Db, table: string, rowId: string): Set<string> {
  const rows = db
    .prepare(
      `SELECT c.changes FROM change_log c WHERE c.table_name = ? AND c.row_id = ? AND c.origin IS NULL
         AND NOT EXISTS (SELECT 1 FROM sync_pushed p WHERE p.change_id = c.id)`,
    )
    .pluck()
    .all(table, rowId) as string[];
  return new Set(rows.flatMap((json) => Object.keys(JSON.parse(json) as FieldChanges)));
}

/**
 * The field's value after the latest change the server applied (pulled or pushed from here), if
 * known. A row that arrived here (moved into the person's territory) is known as a whole as of its
 * arrival: changes logged before it (from before it left, say) are older than it.
 */
function serverValueOf(db: Db, table: string, rowId: string, col: string): { value: unknown } | null {
  const arrival = db.prepare('SELECT position, data FROM sync_arrivals WHERE table_name = ? AND row_id = ?').get(table, rowId) as
    { position: number; data: string } | undefined;
  const rows = db
    .prepare(
      `SELECT c.changes FROM change_log c LEFT JOIN sync_pushed p ON p.change_id = c.id
       WHERE c.table_name = ? AND c.row_id = ?
         AND (c.server_position IS NOT NULL OR (c.origin IS NULL AND p.position IS NOT NULL))
         AND coalesce(c.server_position, p.position) > ?
       ORDER BY coalesce(c.server_position, p.position) DESC`,
    )
    .pluck()
    .all(table, rowId, arrival?.position ?? -1) as string[];
  for (const json of rows) {
    const changes = JSON.parse(json) as FieldChanges;
    if (col in changes) return { value: changes[col]![1] };
  }
  if (arrival) {
    const data = JSON.parse(arrival.data) as RowData;
    if (col in data) return { value: data[col] };
  }
  return null;
}

/**
 * A new book's content from the server's snapshot: every synced table the snapshot names is
 * replaced by its rows (the migrations' built-in stage models included, so the team's own win).
 * Rows are not logged: the snapshot is where this book starts, not a change made in it.
 */
export function loadSnapshot(db: Db, tables: Record<string, RowData[]>): number {
  const cache = new Map<string, Set<string>>();
  let n = 0;
  withoutForeignKeys(db, () => {
    for (const [table, rows] of Object.entries(tables)) {
      if (!isSyncedTable(table) || !NAME.test(table)) continue;
      const cols = columnsOf(db, table, cache);
      db.prepare(`DELETE FROM ${table}`).run();
      const inserts = new Map<string, Statement<unknown[]>>();
      for (const row of table === EVENTS_TABLE ? numberSnapshotEvents(rows) : rows) {
        const names = Object.keys(row).filter((c) => NAME.test(c) && cols.has(c));
        const sig = names.join(',');
        let stmt = inserts.get(sig);
        if (!stmt) {
          stmt = db.prepare(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`);
          inserts.set(sig, stmt);
        }
        stmt.run(...names.map((c) => row[c] ?? null));
        n++;
      }
    }
  });
  return n;
}

/** Every synced table's rows (deleted ones too): what "create team from this book" uploads. */
export function readBookTables(db: Db): Record<string, RowData[]> {
  const out: Record<string, RowData[]> = {};
  for (const table of Object.keys(SYNCED_TABLES)) {
    out[table] = db.prepare(`SELECT * FROM ${table}`).all() as RowData[];
  }
  return out;
}
