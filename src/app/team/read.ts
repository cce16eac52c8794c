import type pg from 'pg';
import type { Conflict, PullResponse, PulledChange, SnapshotResponse } from '../../features/team/protocol';
import { asPerson } from './pg/session';

// What a person reads: everything under row-level security as sw_app, so a query here cannot
// return another territory's rows whatever its WHERE clause says.

/**
 * The person's changes after `after`, in position order. One REPEATABLE READ snapshot reads
 * the last position handed out and the changes: pushes commit in position order (one writer),
 * so when nothing more is visible `last` may jump past other people's changes safely.
 */
export function pull(pool: pg.Pool, personId: string, after: number, limit: number): Promise<PullResponse> {
  return asPerson(
    pool,
    personId,
    async (tx) => {
      const top = Number((await tx.query<{ position: string }>('SELECT position FROM team_state')).rows[0]!.position);
      const r = await tx.query<{
        position: string;
        id: string;
        person_id: string;
        table_name: string;
        row_id: string;
        op: PulledChange['op'];
        changes: PulledChange['changes'];
        client_at: string;
        batch_id: string | null;
      }>(
        // A move's leave and arrive go only to those who see one side of it (see migration 0002).
        `SELECT position, id, person_id, table_name, row_id, op, changes, client_at, batch_id FROM changes
         WHERE position > $1 AND NOT (op IN ('arrive', 'leave') AND sw_may_see(family, other_territory))
         ORDER BY position LIMIT $2`,
        [after, limit + 1],
      );
      const more = r.rows.length > limit;
      const page = r.rows.slice(0, limit);
      const changes: PulledChange[] = page.map((c) => ({
        position: Number(c.position),
        id: c.id,
        personId: c.person_id,
        table: c.table_name,
        rowId: c.row_id,
        op: c.op,
        changes: c.changes,
        at: c.client_at,
        ...(c.batch_id ? { batchId: c.batch_id } : {}),
      }));
      const last = more ? changes[changes.length - 1]!.position : Math.max(top, after);
      return { changes, conflicts: await openConflicts(tx), last, more };
    },
    true,
  );
}

async function openConflicts(tx: pg.PoolClient): Promise<Conflict[]> {
  const r = await tx.query<{
    id: string;
    position: string | null;
    table_name: string;
    row_id: string;
    field: string | null;
    kind: Conflict['kind'];
    mine: unknown;
    theirs: unknown;
    reason: string | null;
  }>(
    `SELECT id, position, table_name, row_id, field, kind, mine, theirs, reason FROM conflicts
     WHERE resolved_at IS NULL ORDER BY position NULLS FIRST, id`,
  );
  return r.rows.map((c) => ({
    id: c.id,
    position: c.position === null ? null : Number(c.position),
    table: c.table_name,
    rowId: c.row_id,
    field: c.field,
    kind: c.kind,
    mine: c.mine,
    theirs: c.theirs,
    reason: c.reason,
  }));
}

/** A new client's initial download: the rows the person may see and the position they are at. */
export function snapshot(pool: pg.Pool, personId: string): Promise<SnapshotResponse> {
  return asPerson(
    pool,
    personId,
    async (tx) => {
      const position = Number((await tx.query<{ position: string }>('SELECT position FROM team_state')).rows[0]!.position);
      const r = await tx.query<{ table_name: string; data: Record<string, unknown> }>(
        'SELECT table_name, data FROM rows ORDER BY table_name, id',
      );
      const tables: SnapshotResponse['tables'] = {};
      for (const row of r.rows) (tables[row.table_name] ??= []).push(row.data);
      return { position, tables };
    },
    true,
  );
}

/** Marks one of the person's own conflicts resolved; null when there is none by that id. */
export async function resolveConflict(pool: pg.Pool, personId: string, id: string): Promise<{ id: string; resolvedAt: string } | null> {
  return asPerson(pool, personId, async (tx) => {
    const r = await tx.query<{ resolved_at: Date }>(
      'UPDATE conflicts SET resolved_at = now() WHERE id = $1 AND resolved_at IS NULL RETURNING resolved_at',
      [id],
    );
    return r.rows[0] ? { id, resolvedAt: r.rows[0].resolved_at.toISOString() } : null;
  });
}
