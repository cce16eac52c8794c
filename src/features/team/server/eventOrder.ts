import type { Db } from '../../../platform/db/connection';
import type { RowData } from '../protocol';

// An opportunity's events are numbered per opportunity (`seq`, unique with the opportunity).
// Two books that move one opportunity offline each append an event with the same next seq; both
// are kept by the server (append-only). So a book that receives events orders them by a rule
// every book applies alike: by date, then by id (UUIDv7: the order they were made in), which
// is the order `seq` had for the events of any one book. The renumbering is local (not logged,
// not pushed): every book and every snapshot derives the same numbers from the same events.

export const EVENTS_TABLE = 'opportunity_events';

/** The seq to insert a received event with before renumbering (never taken). */
export function freeEventSeq(db: Db, opportunityId: unknown): number {
  const r = db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM opportunity_events WHERE opportunity_id = ?').get(opportunityId) as {
    n: number;
  };
  return r.n;
}

/**
 * Numbers one opportunity's events 1..n by (date, id). Events are never updated (a trigger
 * guards it), so they are taken out and put back renumbered, in the apply's transaction.
 */
export function renumberEvents(db: Db, opportunityId: unknown): void {
  const rows = db.prepare('SELECT * FROM opportunity_events WHERE opportunity_id = ?').all(opportunityId) as RowData[];
  db.prepare('DELETE FROM opportunity_events WHERE opportunity_id = ?').run(opportunityId);
  if (rows.length === 0) return;
  const names = Object.keys(rows[0]!);
  const insert = db.prepare(`INSERT INTO opportunity_events (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`);
  for (const row of numberSnapshotEvents(rows)) insert.run(...names.map((n) => row[n]));
}

/** A snapshot's events numbered by the same rule (the server may hold two of one seq). */
export function numberSnapshotEvents(rows: RowData[]): RowData[] {
  const sorted = [...rows].sort(
    (a, b) =>
      String(a.opportunity_id).localeCompare(String(b.opportunity_id)) ||
      String(a.date).localeCompare(String(b.date)) ||
      String(a.id).localeCompare(String(b.id)),
  );
  let opp: unknown = null;
  let seq = 0;
  return sorted.map((row) => {
    if (row.opportunity_id !== opp) [opp, seq] = [row.opportunity_id, 0];
    return { ...row, seq: ++seq };
  });
}
