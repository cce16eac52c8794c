import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import {
  allocationProblem,
  FINANCE_ACCOUNT_FIELDS,
  mergeChange,
  type LaterChange,
  type NewConflict,
  type ServerRow,
} from '../../features/team/domain';
import {
  SYNCED_TABLES,
  type FieldChanges,
  type PushChange,
  type PushRequest,
  type PushResult,
  type RowData,
} from '../../features/team/protocol';
import { asPerson, type Tx } from './pg/session';
import { rowTerritory } from './rowTerritory';

/**
 * The one-writer lock (TEAM.md's trap): a push takes it for its whole transaction, so
 * positions commit in position order and a puller reading "after N" never misses one.
 */
export const PUSH_LOCK = 21_001;

/** Applies a push as one transaction: each change is applied, a duplicate, a conflict or rejected. */
export function push(pool: pg.Pool, personId: string, req: PushRequest): Promise<PushResult[]> {
  return asPerson(pool, personId, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [PUSH_LOCK]);
    const role = (await tx.query<{ role: string }>('SELECT role FROM people WHERE id = $1', [personId])).rows[0]?.role;
    const results: PushResult[] = [];
    for (const change of req.changes) {
      await tx.query('SAVEPOINT change');
      try {
        results.push(await pushOne(tx, personId, role ?? '', req.basePosition, change));
        await tx.query('RELEASE SAVEPOINT change');
      } catch (e) {
        await tx.query('ROLLBACK TO SAVEPOINT change');
        // 42501: a row-level security policy refused the write.
        // 23505: an insert of an id that exists where this person cannot see it.
        const code = (e as { code?: string }).code;
        if (code === '42501') results.push({ id: change.id, position: null, outcome: 'rejected', reason: 'forbidden' });
        else if (code === '23505') results.push({ id: change.id, position: null, outcome: 'rejected', reason: 'exists' });
        else throw e;
      }
    }
    return results;
  });
}

async function pushOne(tx: Tx, personId: string, role: string, basePosition: number, change: PushChange): Promise<PushResult> {
  const { id } = change;
  const seen = await tx.query<{ position: string }>('SELECT position FROM changes WHERE id = $1', [id]);
  if (seen.rows[0]) return { id, position: Number(seen.rows[0].position), outcome: 'duplicate' };
  const seenRejected = await tx.query('SELECT 1 FROM conflicts WHERE id = $1', [id]);
  if (seenRejected.rows[0]) return { id, position: null, outcome: 'duplicate' };

  const spec = SYNCED_TABLES[change.table];
  if (!spec) return { id, position: null, outcome: 'rejected', reason: 'unknown-table' };
  const found = await tx.query<{ territory_id: string | null; data: RowData; deleted_at: string | null }>(
    'SELECT territory_id, data, deleted_at FROM rows WHERE table_name = $1 AND id = $2',
    [change.table, change.rowId],
  );
  const existing = found.rows[0];
  const row: ServerRow | null = existing ? { data: existing.data, deletedAt: existing.deleted_at } : null;
  const territory = existing
    ? existing.territory_id
    : await rowTerritory(spec, afterValues(change.changes), (t, pid) => parentTerritory(tx, t, pid));
  const target = { table: change.table, rowId: change.rowId, family: spec.family, territory };

  if (!(await may(tx, 'sw_may_write', spec.family, territory))) return { id, position: null, outcome: 'rejected', reason: 'forbidden' };
  if (role === 'finance' && spec.family === 'accounts') {
    const onlyFigures = change.op === 'update' && Object.keys(change.changes).every((c) => FINANCE_ACCOUNT_FIELDS.has(c));
    if (!onlyFigures) return { id, position: null, outcome: 'rejected', reason: 'forbidden' };
  }

  const later = await tx.query<{ person_id: string; position: string; op: LaterChange['op']; changes: FieldChanges }>(
    'SELECT person_id, position, op, changes FROM changes WHERE table_name = $1 AND row_id = $2 AND position > $3 ORDER BY position',
    [change.table, change.rowId, basePosition],
  );
  const decision = mergeChange(
    { personId, op: change.op, changes: change.changes, at: change.at },
    row,
    later.rows.map((r) => ({ personId: r.person_id, position: Number(r.position), op: r.op, fields: Object.keys(r.changes) })),
    { appendOnly: spec.appendOnly, idColumn: spec.idColumn ?? 'id', rowId: change.rowId },
  );
  if (decision.outcome === 'rejected') return reject(tx, personId, change, target, decision.reason);
  if (change.table === 'rcv_allocations' && change.op === 'insert' && decision.outcome === 'applied') {
    const problem = await allocationCheck(tx, decision.next.data);
    if (problem) return reject(tx, personId, change, target, problem);
  }

  const position = Number(
    (await tx.query<{ position: string }>('UPDATE team_state SET position = position + 1 RETURNING position')).rows[0]!.position,
  );
  const applied = decision.outcome === 'applied' ? decision.applied : {};
  const inserted = await tx.query(
    `INSERT INTO changes (position, id, person_id, table_name, row_id, family, territory_id, op, changes, client_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING RETURNING position`,
    [position, id, personId, change.table, change.rowId, spec.family, territory, change.op, JSON.stringify(applied), change.at],
  );
  // A change id this person cannot see (another territory's): the same id is never applied twice.
  if (inserted.rowCount === 0) throw Object.assign(new Error('duplicate change id'), { code: '42501' });

  if (decision.outcome === 'applied') {
    const next = decision.next;
    const nextTerritory = spec.territory === 'own' && 'territory_id' in applied ? (next.data.territory_id as string | null) : territory;
    if (row) {
      await tx.query('UPDATE rows SET data = $3, deleted_at = $4, territory_id = $5, position = $6 WHERE table_name = $1 AND id = $2', [
        change.table,
        change.rowId,
        JSON.stringify(next.data),
        next.deletedAt,
        nextTerritory,
        position,
      ]);
    } else {
      await tx.query(
        'INSERT INTO rows (table_name, id, family, territory_id, data, deleted_at, position) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [change.table, change.rowId, spec.family, territory, JSON.stringify(next.data), next.deletedAt, position],
      );
    }
  }
  for (const c of decision.conflicts) await writeConflict(tx, randomUUID(), position, c, target, null);
  return { id, position, outcome: decision.outcome };
}

interface Target {
  table: string;
  rowId: string;
  family: string;
  territory: string | null;
}

/** A rejected change is listed for its pusher under the change's id (a retried push finds it: duplicate). */
async function reject(tx: Tx, personId: string, change: PushChange, target: Target, reason: string): Promise<PushResult> {
  if (await may(tx, 'sw_may_see', target.family, target.territory)) {
    const mine = afterValues(change.changes);
    await writeConflict(tx, change.id, null, { personId, field: null, kind: 'rejected', mine, theirs: null }, target, reason);
  }
  return { id: change.id, position: null, outcome: 'rejected', reason };
}

async function writeConflict(tx: Tx, id: string, position: number | null, c: NewConflict, t: Target, reason: string | null): Promise<void> {
  await tx.query(
    `INSERT INTO conflicts (id, position, person_id, table_name, row_id, family, territory_id, field, kind, mine, theirs, reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      id,
      position,
      c.personId,
      t.table,
      t.rowId,
      t.family,
      t.territory,
      c.field,
      c.kind,
      JSON.stringify(c.mine ?? null),
      JSON.stringify(c.theirs ?? null),
      reason,
    ],
  );
}

async function may(tx: Tx, fn: 'sw_may_write' | 'sw_may_see', family: string, territory: string | null): Promise<boolean> {
  const r = await tx.query<{ ok: boolean }>(`SELECT ${fn}($1, $2) AS ok`, [family, territory]);
  return r.rows[0]!.ok;
}

async function parentTerritory(tx: Tx, table: string, id: string): Promise<string | null> {
  const r = await tx.query<{ territory_id: string | null }>('SELECT territory_id FROM rows WHERE table_name = $1 AND id = $2', [table, id]);
  return r.rows[0]?.territory_id ?? null;
}

/** The desktop's rule (receivables planAllocations), re-checked against the team's rows. */
async function allocationCheck(tx: Tx, a: RowData): Promise<string | null> {
  const r = await tx.query<{
    invoice_amount: string | null;
    invoice_allocated: string;
    payment_amount: string | null;
    payment_allocated: string;
  }>(
    `SELECT
       (SELECT (data ->> 'amount_fen')::bigint FROM rows WHERE table_name = 'rcv_invoices' AND id = $1 AND deleted_at IS NULL) AS invoice_amount,
       (SELECT coalesce(sum((data ->> 'amount_fen')::bigint), 0) FROM rows
         WHERE table_name = 'rcv_allocations' AND deleted_at IS NULL AND data ->> 'invoice_id' = $1) AS invoice_allocated,
       (SELECT (data ->> 'amount_fen')::bigint FROM rows WHERE table_name = 'rcv_payments' AND id = $2 AND deleted_at IS NULL) AS payment_amount,
       (SELECT coalesce(sum((data ->> 'amount_fen')::bigint), 0) FROM rows
         WHERE table_name = 'rcv_allocations' AND deleted_at IS NULL AND data ->> 'payment_id' = $2) AS payment_allocated`,
    [String(a.invoice_id), String(a.payment_id)],
  );
  const s = r.rows[0]!;
  const num = (v: string | null) => (v === null ? null : Number(v));
  return allocationProblem({
    amount: Number(a.amount_fen),
    invoiceAmount: num(s.invoice_amount),
    invoiceAllocated: Number(s.invoice_allocated),
    paymentAmount: num(s.payment_amount),
    paymentAllocated: Number(s.payment_allocated),
  });
}

function afterValues(changes: FieldChanges): RowData {
  return Object.fromEntries(Object.entries(changes).map(([col, [, after]]) => [col, after]));
}
