import type { Db } from '../../../platform/db/connection';
import { isSyncedTable, PUSH_MAX, type FieldChanges, type Op, type PushChange, type PushResult } from '../protocol';

// The outbox is the change_log itself: changes made in this book (origin IS NULL) to synced
// tables that the server has not answered yet (not in sync_pushed), in the order they were made.

interface LogRow {
  id: string;
  at: string;
  table_name: string;
  row_id: string;
  op: Op;
  changes: string;
  batch_id: string | null;
}

const PENDING = `FROM change_log c WHERE c.origin IS NULL
  AND NOT EXISTS (SELECT 1 FROM sync_pushed p WHERE p.change_id = c.id)`;

export function readOutbox(db: Db, limit = PUSH_MAX): PushChange[] {
  // Non-synced tables (none write the log today) are skipped, not counted as pending forever:
  // they are marked below so the next read does not see them again.
  const rows = db
    .prepare(`SELECT c.id, c.at, c.table_name, c.row_id, c.op, c.changes, c.batch_id ${PENDING} ORDER BY c.seq LIMIT ?`)
    .all(limit) as LogRow[];
  const skip = rows.filter((r) => !isSyncedTable(r.table_name));
  if (skip.length > 0) {
    const mark = db.prepare(
      "INSERT OR IGNORE INTO sync_pushed (change_id, position, outcome, reason) VALUES (?, NULL, 'rejected', 'not synced')",
    );
    db.transaction(() => skip.forEach((r) => mark.run(r.id)))();
  }
  return rows
    .filter((r) => isSyncedTable(r.table_name))
    .map((r) => ({
      id: r.id,
      table: r.table_name,
      rowId: r.row_id,
      op: r.op,
      changes: JSON.parse(r.changes) as FieldChanges,
      at: r.at,
      ...(r.batch_id ? { batchId: r.batch_id } : {}),
    }));
}

export function countPending(db: Db): number {
  return db.prepare(`SELECT count(*) ${PENDING}`).pluck().get() as number;
}

export function recordPushResults(db: Db, results: PushResult[]): void {
  const mark = db.prepare('INSERT OR REPLACE INTO sync_pushed (change_id, position, outcome, reason) VALUES (?, ?, ?, ?)');
  for (const r of results) mark.run(r.id, r.position, r.outcome, r.reason ?? null);
}

/** Everything logged so far is in the team's snapshot (the book that created the team). */
export function markAllAsSnapshot(db: Db): void {
  db.prepare(`INSERT OR IGNORE INTO sync_pushed (change_id, position, outcome) SELECT c.id, NULL, 'snapshot' ${PENDING}`).run();
}
