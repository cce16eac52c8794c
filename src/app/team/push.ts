import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import {
  FINANCE_ACCOUNT_FIELDS,
  followerChanges,
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
import { allocationCheck } from './allocationCheck';
import { asPerson, type Tx } from './pg/session';
import { rowTerritory } from './rowTerritory';

/**
 * The one-writer lock (TEAM.md's trap): a push takes it for its whole transaction, so
 * positions commit in position order and a puller reading "after N" never misses one.
 */
export const PUSH_LOCK = 21_001;

interface StoredRow extends ServerRow {
  territory: string | null;
}

interface Target {
  table: string;
  rowId: string;
  family: string;
  territory: string | null;
}

/** A row that changes territory: the updated row itself, or one that follows it. */
interface MovingRow {
  table: string;
  rowId: string;
  family: string;
  data: RowData;
  deletedAt: string | null;
  /** A `follows` row that is not a fact: its territory_id column is updated too (a `via` row has none). */
  ownsTerritory?: boolean;
  /** The owner of the row it follows, after the move (an open opportunity takes its account's). */
  parentOwner?: unknown;
}

const key = (table: string, id: string) => `${table}\u0000${id}`;

/**
 * Applies a push as one transaction: each change is applied, a duplicate, a conflict or
 * rejected. What the merge needs is read up front in a few queries (the rows, the changes to
 * them since basePosition, which ids exist), decided in memory, and written back in bulk, so a
 * push of 500 changes is a handful of round trips. Row-level security still checks every write.
 */
export function push(pool: pg.Pool, personId: string, req: PushRequest): Promise<PushResult[]> {
  return asPerson(pool, personId, async (tx) => new Push(tx, personId, req.basePosition).run(req.changes));
}

class Push {
  private role = '';
  private position = 0;
  private readonly rows = new Map<string, StoredRow>();
  private readonly later = new Map<string, LaterChange[]>();
  private readonly taken = new Set<string>();
  private readonly hiddenRows = new Set<string>();
  private readonly allowed = new Map<string, boolean>();
  private readonly visible = new Map<string, number>();
  private pendingChanges: unknown[] = [];
  private pendingRows = new Map<string, unknown>();
  private pendingConflicts: unknown[] = [];

  constructor(
    private readonly tx: Tx,
    private readonly personId: string,
    private readonly basePosition: number,
  ) {}

  async run(changes: PushChange[]): Promise<PushResult[]> {
    const tx = this.tx;
    await tx.query('SELECT pg_advisory_xact_lock($1)', [PUSH_LOCK]);
    this.role = (await tx.query<{ role: string }>('SELECT role FROM people WHERE id = $1', [this.personId])).rows[0]?.role ?? '';
    this.position = Number((await tx.query<{ position: string }>('SELECT position FROM team_state')).rows[0]!.position);
    await this.load(changes);
    const results: PushResult[] = [];
    for (const change of changes) results.push(await this.one(change));
    await this.flush();
    await tx.query('UPDATE team_state SET position = $1', [this.position]);
    return results;
  }

  private async load(changes: PushChange[]): Promise<void> {
    const tx = this.tx;
    const ids = changes.map((c) => c.id);
    for (const r of (await tx.query<{ id: string; position: string }>('SELECT id, position FROM changes WHERE id = ANY ($1)', [ids]))
      .rows) {
      this.visible.set(r.id, Number(r.position));
    }
    for (const r of (await tx.query<{ id: string }>('SELECT sw_known_change_ids($1) AS id', [ids])).rows) this.taken.add(r.id);
    const synced = changes.filter((c) => SYNCED_TABLES[c.table]);
    const tables = synced.map((c) => c.table);
    const rowIds = synced.map((c) => c.rowId);
    const found = await tx.query<{ table_name: string; id: string; territory_id: string | null; data: RowData; deleted_at: string | null }>(
      `SELECT r.table_name, r.id, r.territory_id, r.data, r.deleted_at FROM rows r
       JOIN (SELECT DISTINCT t, i FROM unnest($1::text[], $2::text[]) AS k(t, i)) k ON r.table_name = k.t AND r.id = k.i`,
      [tables, rowIds],
    );
    for (const r of found.rows) {
      this.rows.set(key(r.table_name, r.id), { data: r.data, deletedAt: r.deleted_at, territory: r.territory_id });
    }
    const existing = await tx.query<{ table_name: string; id: string }>('SELECT * FROM sw_existing_rows($1, $2)', [tables, rowIds]);
    for (const r of existing.rows) if (!this.rows.has(key(r.table_name, r.id))) this.hiddenRows.add(key(r.table_name, r.id));
    const later = await tx.query<{
      table_name: string;
      row_id: string;
      person_id: string;
      position: string;
      op: LaterChange['op'];
      changes: FieldChanges;
    }>(
      `SELECT c.table_name, c.row_id, c.person_id, c.position, c.op, c.changes FROM changes c
       JOIN (SELECT DISTINCT t, i FROM unnest($1::text[], $2::text[]) AS k(t, i)) k ON c.table_name = k.t AND c.row_id = k.i
       WHERE c.position > $3 AND c.op NOT IN ('arrive', 'leave') ORDER BY c.position`,
      [tables, rowIds, this.basePosition],
    );
    for (const r of later.rows) {
      const k = key(r.table_name, r.row_id);
      this.later.set(k, [
        ...(this.later.get(k) ?? []),
        { personId: r.person_id, position: Number(r.position), op: r.op, fields: Object.keys(r.changes) },
      ]);
    }
  }

  private async one(change: PushChange): Promise<PushResult> {
    const { id } = change;
    if (this.visible.has(id)) return { id, position: this.visible.get(id)!, outcome: 'duplicate' };
    if (this.taken.has(id)) return { id, position: null, outcome: 'duplicate' };
    const spec = SYNCED_TABLES[change.table];
    if (!spec) return { id, position: null, outcome: 'rejected', reason: 'unknown-table' };
    const k = key(change.table, change.rowId);
    const stored = this.rows.get(k);
    if (!stored && this.hiddenRows.has(k)) return { id, position: null, outcome: 'rejected', reason: 'forbidden' };
    const territory = stored
      ? stored.territory
      : await rowTerritory(spec, afterValues(change.changes), (t, pid) => this.parentTerritory(t, pid));
    const target: Target = { table: change.table, rowId: change.rowId, family: spec.family, territory };

    if (!(await this.may('sw_may_write', spec.family, territory))) return { id, position: null, outcome: 'rejected', reason: 'forbidden' };
    if (this.role === 'finance' && spec.family === 'accounts') {
      const onlyFigures = change.op === 'update' && Object.keys(change.changes).every((c) => FINANCE_ACCOUNT_FIELDS.has(c));
      if (!onlyFigures) return { id, position: null, outcome: 'rejected', reason: 'forbidden' };
    }

    const decision = mergeChange(
      { personId: this.personId, op: change.op, changes: change.changes, at: change.at },
      stored ?? null,
      this.later.get(k) ?? [],
      { appendOnly: spec.appendOnly, idColumn: spec.idColumn ?? 'id', rowId: change.rowId },
    );
    if (decision.outcome === 'rejected') return this.reject(change, target, decision.reason);
    if (change.table === 'rcv_allocations' && change.op === 'insert' && decision.outcome === 'applied') {
      await this.flush();
      const problem = await allocationCheck(this.tx, decision.next.data);
      if (problem) return this.reject(change, target, problem);
    }

    const applied = decision.outcome === 'applied' ? decision.applied : {};
    // An update of the row's own territory moves it, and the rows that follow it, on both sides.
    const nextTerritory =
      decision.outcome === 'applied' && spec.territory === 'own' && (spec.territoryColumn ?? 'territory_id') in applied
        ? ((decision.next.data[spec.territoryColumn ?? 'territory_id'] as string | null) ?? null)
        : territory;
    const moved = stored !== undefined && nextTerritory !== territory;
    const followers = moved && decision.outcome === 'applied' ? await this.followers(change.table, change.rowId, decision.next.data) : [];
    if (moved && !(await this.mayMove([spec.family, ...followers.map((f) => f.family)], territory, nextTerritory))) {
      return { id, position: null, outcome: 'rejected', reason: 'forbidden' };
    }

    const position = ++this.position;
    this.taken.add(id);
    this.pendingChanges.push({
      position,
      id,
      person_id: this.personId,
      table_name: change.table,
      row_id: change.rowId,
      family: spec.family,
      territory_id: territory,
      op: change.op,
      changes: applied,
      client_at: change.at,
      other_territory: null,
      batch_id: change.batchId ?? null,
    });
    if (decision.outcome === 'applied') {
      const next = decision.next;
      this.rows.set(k, { ...next, territory: nextTerritory });
      this.pendingRows.set(k, {
        table_name: change.table,
        id: change.rowId,
        family: spec.family,
        territory_id: nextTerritory,
        data: next.data,
        deleted_at: next.deletedAt,
        position,
      });
      this.later.set(k, [...(this.later.get(k) ?? []), { personId: this.personId, position, op: change.op, fields: Object.keys(applied) }]);
      if (moved) {
        const self = { table: change.table, rowId: change.rowId, family: spec.family, data: next.data, deletedAt: next.deletedAt };
        for (const row of [self, ...followers]) this.move(row, territory, nextTerritory, change.at);
      }
    }
    for (const c of decision.conflicts) this.conflict(randomUUID(), position, c, target, null);
    return { id, position, outcome: decision.outcome };
  }

  /** A rejected change is listed for its pusher under the change's id (a retried push finds it: duplicate). */
  private async reject(change: PushChange, target: Target, reason: string): Promise<PushResult> {
    if (await this.may('sw_may_see', target.family, target.territory)) {
      this.conflict(
        change.id,
        null,
        { personId: this.personId, field: null, kind: 'rejected', mine: afterValues(change.changes), theirs: null },
        target,
        reason,
      );
      this.taken.add(change.id);
    }
    return { id: change.id, position: null, outcome: 'rejected', reason };
  }

  private conflict(id: string, position: number | null, c: NewConflict, t: Target, reason: string | null): void {
    this.pendingConflicts.push({
      id,
      position,
      person_id: c.personId,
      table_name: t.table,
      row_id: t.rowId,
      family: t.family,
      territory_id: t.territory,
      field: c.field,
      kind: c.kind,
      mine: c.mine ?? null,
      theirs: c.theirs ?? null,
      reason,
    });
  }

  /** Writes what is decided so far (before an allocation check reads the sums, and at the end). */
  private async flush(): Promise<void> {
    const tx = this.tx;
    if (this.pendingChanges.length) {
      await tx.query(
        `INSERT INTO changes (position, id, person_id, table_name, row_id, family, territory_id, op, changes, client_at, other_territory, batch_id)
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(position BIGINT, id TEXT, person_id TEXT, table_name TEXT, row_id TEXT,
           family TEXT, territory_id TEXT, op TEXT, changes JSONB, client_at TEXT, other_territory TEXT, batch_id TEXT)`,
        [JSON.stringify(this.pendingChanges)],
      );
    }
    if (this.pendingRows.size) {
      await tx.query(
        `INSERT INTO rows (table_name, id, family, territory_id, data, deleted_at, position)
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(table_name TEXT, id TEXT, family TEXT, territory_id TEXT, data JSONB,
           deleted_at TEXT, position BIGINT)
         ON CONFLICT (table_name, id) DO UPDATE SET territory_id = EXCLUDED.territory_id, data = EXCLUDED.data,
           deleted_at = EXCLUDED.deleted_at, position = EXCLUDED.position`,
        [JSON.stringify([...this.pendingRows.values()])],
      );
    }
    if (this.pendingConflicts.length) {
      await tx.query(
        `INSERT INTO conflicts (id, position, person_id, table_name, row_id, family, territory_id, field, kind, mine, theirs, reason)
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id TEXT, position BIGINT, person_id TEXT, table_name TEXT, row_id TEXT,
           family TEXT, territory_id TEXT, field TEXT, kind TEXT, mine JSONB, theirs JSONB, reason TEXT)`,
        [JSON.stringify(this.pendingConflicts)],
      );
    }
    this.pendingChanges = [];
    this.pendingRows = new Map();
    this.pendingConflicts = [];
  }

  /**
   * The rows that go where this one goes, and theirs in turn: those that take their territory
   * from it (`via`: a negotiation worksheet from its opportunity, its steps from the worksheet) and
   * those that keep a copy of it (`follows`: an account's contacts and competitors). Deleted ones
   * too, so a later restore finds them where their parent is.
   */
  private async followers(table: string, rowId: string, parent: RowData): Promise<MovingRow[]> {
    await this.flush();
    const out: MovingRow[] = [];
    for (const [child, spec] of Object.entries(SYNCED_TABLES)) {
      const via = typeof spec.territory === 'object' && spec.territory.via === table ? spec.territory.column : null;
      const column = via ?? (spec.follows?.table === table ? spec.follows.column : null);
      if (!column) continue;
      const r = await this.tx.query<{ id: string; data: RowData; deleted_at: string | null }>(
        'SELECT id, data, deleted_at FROM rows WHERE table_name = $1 AND data ->> $2 = $3 ORDER BY id',
        [child, column, rowId],
      );
      for (const row of r.rows) {
        const ownsTerritory = !via && !spec.follows?.fact;
        const moving = { table: child, rowId: row.id, family: spec.family, data: row.data, deletedAt: row.deleted_at };
        out.push({ ...moving, ownsTerritory, parentOwner: parent.owner_id });
        out.push(...(await this.followers(child, row.id, row.data)));
      }
    }
    return out;
  }

  /** Moving needs the right to write every moving row's family on both sides. */
  private async mayMove(families: string[], from: string | null, to: string | null): Promise<boolean> {
    for (const family of new Set(families)) {
      if (!(await this.may('sw_may_write', family, from)) || !(await this.may('sw_may_write', family, to))) return false;
    }
    return true;
  }

  /**
   * Files a moved row under its new territory and writes the `leave` and `arrive` that readers of
   * one side only are sent. A follower with its own territory column gets it updated first, as an
   * update by the mover that everyone who sees both sides applies like any other.
   */
  private move(moving: MovingRow, from: string | null, to: string | null, at: string): void {
    let row = moving;
    const k = key(row.table, row.rowId);
    // One server-written change about this row, at the next position.
    const record = (op: 'update' | 'leave' | 'arrive', territory: string | null, changes: FieldChanges, other: string | null) => {
      const position = ++this.position;
      const { table: table_name, rowId: row_id, family } = row;
      const who = { position, id: randomUUID(), person_id: this.personId, table_name, row_id, family };
      this.pendingChanges.push({ ...who, territory_id: territory, op, changes, client_at: at, other_territory: other, batch_id: null });
      return position;
    };
    if (row.ownsTerritory) {
      const changes = followerChanges(row.table, row.data, to, row.parentOwner);
      if (!('territory_id' in changes)) return;
      row = { ...row, data: { ...row.data, ...afterValues(changes) } };
      const position = record('update', from, changes, null);
      this.later.set(k, [...(this.later.get(k) ?? []), { personId: this.personId, position, op: 'update', fields: Object.keys(changes) }]);
    }
    record('leave', from, {}, to);
    const whole = Object.fromEntries(Object.entries(row.data).map(([col, value]) => [col, [null, value] as [unknown, unknown]]));
    const arrive = record('arrive', to, whole, from);
    this.rows.set(k, { data: row.data, deletedAt: row.deletedAt, territory: to });
    const { table: table_name, rowId: id, family, data, deletedAt: deleted_at } = row;
    this.pendingRows.set(k, { table_name, id, family, territory_id: to, data, deleted_at, position: arrive });
  }

  private async may(fn: 'sw_may_write' | 'sw_may_see', family: string, territory: string | null): Promise<boolean> {
    const k = `${fn}\u0000${family}\u0000${territory ?? ''}`;
    let ok = this.allowed.get(k);
    if (ok === undefined) {
      ok = (await this.tx.query<{ ok: boolean }>(`SELECT ${fn}($1, $2) AS ok`, [family, territory])).rows[0]!.ok;
      this.allowed.set(k, ok);
    }
    return ok;
  }

  private async parentTerritory(table: string, id: string): Promise<string | null> {
    const known = this.rows.get(key(table, id));
    if (known) return known.territory;
    const r = await this.tx.query<{ territory_id: string | null }>('SELECT territory_id FROM rows WHERE table_name = $1 AND id = $2', [
      table,
      id,
    ]);
    return r.rows[0]?.territory_id ?? null;
  }
}

function afterValues(changes: FieldChanges): RowData {
  return Object.fromEntries(Object.entries(changes).map(([col, [, after]]) => [col, after]));
}
