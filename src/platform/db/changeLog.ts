import type { Statement } from 'better-sqlite3';
import type { Db } from './connection';

export interface Clock {
  /** ISO timestamp with milliseconds, UTC. */
  now(): string;
  /** The user's local calendar date. */
  today(): string;
}

export interface ChangeWriter {
  db: Db;
  clock: Clock;
  newId(): string;
}

type Row = Record<string, unknown>;
const TABLE = /^[a-z_]+$/;

/**
 * The one way synced rows are written. Each function writes the row and its change_log
 * entry; callers wrap several in a transaction so a change and its log land together.
 * Column names come from code, never from input (checked), values are always bound.
 */
const LOG_INSERT = 'INSERT INTO change_log (id, at, table_name, row_id, op, changes, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?)';

export function logChange(
  w: ChangeWriter,
  table: string,
  rowId: string,
  op: 'insert' | 'update' | 'delete' | 'restore',
  changes: Record<string, [unknown, unknown]>,
  batchId: string | null = null,
  at = w.clock.now(),
): void {
  w.db.prepare(LOG_INSERT).run(w.newId(), at, table, rowId, op, JSON.stringify(changes), batchId);
}

export function insertRow(w: ChangeWriter, table: string, row: Row, batchId: string | null = null): string {
  assertTable(table);
  const at = w.clock.now();
  const id = (row.id as string | undefined) ?? w.newId();
  const full: Row = { ...row, id, created_at: at, updated_at: at, version: 1 };
  const cols = Object.keys(full);
  cols.forEach(assertColumn);
  w.db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((c) => full[c]));
  const changes: Record<string, [unknown, unknown]> = {};
  for (const c of cols) if (!META.has(c) && full[c] !== null && full[c] !== undefined) changes[c] = [null, full[c]];
  logChange(w, table, id, 'insert', changes, batchId, at);
  return id;
}

/**
 * Updates the given columns when they differ from the stored row; returns the diff
 * (empty when nothing changed, in which case nothing is written).
 */
export function updateRow(
  w: ChangeWriter,
  table: string,
  id: string,
  patch: Row,
  opts: { batchId?: string | null; expectVersion?: number } = {},
): Record<string, [unknown, unknown]> {
  assertTable(table);
  const current = w.db.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Row | undefined;
  if (!current) throw new Error(`${table} ${id} not found`);
  if (opts.expectVersion !== undefined && current.version !== opts.expectVersion) {
    throw new VersionConflict(table, id);
  }
  const diff: Record<string, [unknown, unknown]> = {};
  for (const [col, value] of Object.entries(patch)) {
    assertColumn(col);
    const before = current[col] ?? null;
    const after = value ?? null;
    if (before !== after) diff[col] = [before, after];
  }
  const cols = Object.keys(diff);
  if (cols.length === 0) return diff;
  const at = w.clock.now();
  w.db
    .prepare(`UPDATE ${table} SET ${cols.map((c) => `${c} = ?`).join(', ')}, updated_at = ?, version = version + 1 WHERE id = ?`)
    .run(...cols.map((c) => diff[c]![1]), at, id);
  logChange(w, table, id, 'update', diff, opts.batchId ?? null, at);
  return diff;
}

export function softDelete(w: ChangeWriter, table: string, id: string, batchId: string | null = null): void {
  softDeleteMany(w, table, [id], batchId);
}

export function restoreRow(w: ChangeWriter, table: string, id: string, batchId: string | null = null): void {
  restoreMany(w, table, [id], batchId);
}

/**
 * Soft-deletes the live rows among `ids` as one change at one instant (a delete of a whole
 * view can hold 100,000 rows: the statements are prepared once). Returns how many it deleted.
 */
export function softDeleteMany(w: ChangeWriter, table: string, ids: Iterable<string>, batchId: string | null = null): number {
  assertTable(table);
  const at = w.clock.now();
  const update = w.db.prepare(
    `UPDATE ${table} SET deleted_at = ?, updated_at = ?, version = version + 1 WHERE id = ? AND deleted_at IS NULL`,
  );
  const log = w.db.prepare(LOG_INSERT);
  const changes = JSON.stringify({ deleted_at: [null, at] });
  let n = 0;
  for (const id of ids) {
    if (update.run(at, at, id).changes === 0) continue;
    log.run(w.newId(), at, table, id, 'delete', changes, batchId);
    n++;
  }
  return n;
}

/** Brings back the deleted rows among `ids`, as softDeleteMany; returns how many. */
export function restoreMany(w: ChangeWriter, table: string, ids: Iterable<string>, batchId: string | null = null): number {
  assertTable(table);
  const at = w.clock.now();
  const before = w.db.prepare(`SELECT deleted_at FROM ${table} WHERE id = ?`).pluck();
  const update = w.db.prepare(`UPDATE ${table} SET deleted_at = NULL, updated_at = ?, version = version + 1 WHERE id = ?`);
  const log = w.db.prepare(LOG_INSERT);
  let n = 0;
  for (const id of ids) {
    const deletedAt = before.get(id) as string | null | undefined;
    if (!deletedAt) continue;
    update.run(at, id);
    log.run(w.newId(), at, table, id, 'restore', JSON.stringify({ deleted_at: [deletedAt, null] }), batchId);
    n++;
  }
  return n;
}

export class VersionConflict extends Error {
  constructor(table: string, id: string) {
    super(`${table} ${id} was changed meanwhile`);
  }
}

const META = new Set(['id', 'created_at', 'updated_at', 'version']);

function assertTable(t: string): void {
  if (!TABLE.test(t)) throw new Error(`bad table name ${t}`);
}
function assertColumn(c: string): void {
  if (!TABLE.test(c)) throw new Error(`bad column name ${c}`);
}

// Bulk paths for imports of many rows into one table: the same rows and change_log
// entries as insertRow/updateRow, with statements prepared once (better-sqlite3 caches
// nothing, and preparing per row costs more than the insert itself).

/** insertRow for many rows with the given columns (absent ones are written as null). */
export function rowInserter(w: ChangeWriter, table: string, columns: string[]) {
  assertTable(table);
  const cols = ['id', ...columns.filter((c) => !META.has(c)), 'created_at', 'updated_at', 'version'];
  cols.forEach(assertColumn);
  const insert = w.db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
  const log = w.db.prepare(LOG_INSERT);
  const dataCols = cols.slice(1, -3);
  return (row: Row, batchId: string | null = null, at = w.clock.now()): string => {
    const id = (row.id as string | undefined) ?? w.newId();
    const values: unknown[] = [id];
    const changes: Record<string, [unknown, unknown]> = {};
    for (const c of dataCols) {
      const v = row[c] ?? null;
      values.push(v);
      if (v !== null) changes[c] = [null, v];
    }
    values.push(at, at, 1);
    insert.run(...values);
    log.run(w.newId(), at, table, id, 'insert', JSON.stringify(changes), batchId);
    return id;
  };
}

/** updateRow for many rows of one table; returns the diff (empty: nothing written). */
export function rowUpdater(w: ChangeWriter, table: string) {
  assertTable(table);
  const select = w.db.prepare(`SELECT * FROM ${table} WHERE id = ?`);
  const log = w.db.prepare(LOG_INSERT);
  const updates = new Map<string, Statement<unknown[]>>();
  return (
    id: string,
    patch: Row,
    opts: { batchId?: string | null; at?: string; current?: Row } = {},
  ): Record<string, [unknown, unknown]> => {
    const current = opts.current ?? (select.get(id) as Row | undefined);
    if (!current) throw new Error(`${table} ${id} not found`);
    const diff: Record<string, [unknown, unknown]> = {};
    for (const [col, value] of Object.entries(patch)) {
      const before = current[col] ?? null;
      const after = value ?? null;
      if (before !== after) diff[col] = [before, after];
    }
    const cols = Object.keys(diff);
    if (cols.length === 0) return diff;
    const key = cols.join(',');
    let stmt = updates.get(key);
    if (!stmt) {
      cols.forEach(assertColumn);
      stmt = w.db.prepare(
        `UPDATE ${table} SET ${cols.map((c) => `${c} = ?`).join(', ')}, updated_at = ?, version = version + 1 WHERE id = ?`,
      );
      updates.set(key, stmt);
    }
    const at = opts.at ?? w.clock.now();
    stmt.run(...cols.map((c) => diff[c]![1]), at, id);
    log.run(w.newId(), at, table, id, 'update', JSON.stringify(diff), opts.batchId ?? null);
    return diff;
  };
}
