import type { ServerContext } from '../../../platform/context';
import type { Db } from '../../../platform/db/connection';
import { insertRow } from '../../../platform/db/changeLog';
import { AppError } from '../../../shared/errors';
import { checkThresholds, ruleText, type ParetoThresholds } from '../domain';
import { boundaries, currentSeq, getRanking, noteGradeWrite, scopeWhere, type RankScope, type Ranking } from './ranking';

// Applying ABC classes to accounts.grade, and undoing an application.
//
// This is updateRow done set-based: a temporary table holds each changed account's
// (rowid, id, grade and grade_source before and after); one UPDATE writes the accounts
// (grade, grade_source, updated_at, version + 1) and one INSERT … SELECT writes the
// change_log entries — the same columns and the same JSON diff updateRow would write, in
// the same transaction, tagged with the grade batch id. Row-by-row updateRow costs three
// statements per account; a million accounts must apply in about the time of one bare
// UPDATE (the benchmark's floor). The grade history is a view over these change_log
// entries and the grade_batches row holding the rule (migration 0002).

const CLASS_CODE = { A: 1, B: 2, C: 3 } as const;
const CODE_CLASS = [null, 'A', 'B', 'C'] as const;

/** The computed class per accounts.rowid, read by the SQL function pareto_class(rowid). */
const classByRowid = new WeakMap<Db, { table: Uint8Array | Map<number, number> }>();

function installClassFunction(db: Db): { table: Uint8Array | Map<number, number> } {
  let holder = classByRowid.get(db);
  if (!holder) {
    const h = { table: new Uint8Array(0) as Uint8Array | Map<number, number> };
    db.function('pareto_class', { deterministic: true }, (rowid: unknown) => {
      const t = h.table;
      const code = t instanceof Uint8Array ? t[Number(rowid)] : t.get(Number(rowid));
      return CODE_CLASS[code ?? 0] ?? null;
    });
    classByRowid.set(db, h);
    holder = h;
  }
  return holder;
}

/** Loads the classes of a ranking under the thresholds into pareto_class(). */
function loadClasses(db: Db, r: Ranking, t: ParetoThresholds): void {
  const holder = installClassFunction(db);
  const b = boundaries(r, t);
  let maxRowid = 0;
  for (let i = 0; i < r.n; i++) if (r.rowids[i]! > maxRowid) maxRowid = r.rowids[i]!;
  // A dense array while rowids are compact (the usual case); a Map when they are sparse.
  const table: Uint8Array | Map<number, number> =
    maxRowid <= 4 * r.n + 1_000_000 ? new Uint8Array(maxRowid + 1) : new Map<number, number>();
  for (let i = 0; i < r.n; i++) {
    const code = i < b.aEnd ? CLASS_CODE.A : i < b.bEnd ? CLASS_CODE.B : CLASS_CODE.C;
    if (table instanceof Uint8Array) table[r.rowids[i]!] = code;
    else table.set(r.rowids[i]!, code);
  }
  holder.table = table;
}

function releaseClasses(db: Db): void {
  const holder = classByRowid.get(db);
  if (holder) holder.table = new Uint8Array(0);
}

export interface GradeParams extends RankScope, ParetoThresholds {}

const manualFilter = (keepManual: boolean) => (keepManual ? ` AND grade_source IS NOT 'manual'` : '');

export function previewGrades(db: Db, p: GradeParams, keepManual: boolean) {
  checkThresholds(p);
  const { ranking } = getRanking(db, p);
  loadClasses(db, ranking, p);
  try {
    const w = scopeWhere(p);
    const rows = db
      .prepare(`SELECT grade, grade_source, pareto_class(rowid) AS cls, count(*) AS n FROM accounts WHERE ${w.sql} GROUP BY 1, 2, 3`)
      .all(...w.params) as { grade: string | null; grade_source: string | null; cls: 'A' | 'B' | 'C'; n: number }[];
    let changes = 0;
    let unchanged = 0;
    let manualOverwritten = 0;
    const moves = new Map<string, number>();
    for (const r of rows) {
      const kept = keepManual && r.grade_source === 'manual';
      if (kept || r.grade === r.cls) {
        unchanged += r.n;
        continue;
      }
      changes += r.n;
      if (r.grade_source === 'manual') manualOverwritten += r.n;
      const key = `${r.grade ?? ''}>${r.cls}`;
      moves.set(key, (moves.get(key) ?? 0) + r.n);
    }
    return {
      changes,
      unchanged,
      manualOverwritten,
      moves: [...moves.entries()].sort().map(([k, count]) => ({ from: k.split('>')[0]!, to: k.split('>')[1] as 'A' | 'B' | 'C', count })),
    };
  } finally {
    releaseClasses(db);
  }
}

/**
 * A block of ids for one bulk write: uuid v7s sharing the first 24 characters of one
 * ctx.newId(), counting up in the last 48 bits (RFC 9562 §6.2, monotonic random), so SQL
 * can number them without a call into JS per row.
 */
function idBlock(ctx: ServerContext): { prefix: string; start: number } {
  const base = ctx.newId();
  return { prefix: base.slice(0, 24), start: parseInt(base.slice(24), 16) % 2 ** 47 };
}

const TEMP = 'temp.pareto_grade_changes';

function createChangeTable(db: Db): void {
  db.exec(`DROP TABLE IF EXISTS ${TEMP};
    CREATE TABLE ${TEMP} (n INTEGER PRIMARY KEY, rid INTEGER NOT NULL, id TEXT NOT NULL, g0 TEXT, s0 TEXT, g1 TEXT, s1 TEXT)`);
}

/** Writes the rows of the change table: accounts and their change_log entries. */
function writeChanges(ctx: ServerContext, batchId: string, at: string, report: (label: string) => void = () => {}): number {
  const db = ctx.db;
  const n = db
    .prepare(
      `UPDATE accounts SET grade = c.g1, grade_source = c.s1, updated_at = ?, version = version + 1 FROM ${TEMP} c WHERE accounts.rowid = c.rid`,
    )
    .run(at).changes;
  report('log');
  const ids = idBlock(ctx);
  // The JSON diff holds only the columns that changed, grade first, as updateRow writes it.
  db.prepare(
    `INSERT INTO change_log (id, at, table_name, row_id, op, changes, batch_id)
     SELECT printf('%s%012x', ?, ? + n), ?, 'accounts', id, 'update',
       CASE WHEN g0 IS NOT g1 AND s0 IS NOT s1 THEN json_object('grade', json_array(g0, g1), 'grade_source', json_array(s0, s1))
            WHEN g0 IS NOT g1 THEN json_object('grade', json_array(g0, g1))
            ELSE json_object('grade_source', json_array(s0, s1)) END,
       ?
     FROM ${TEMP} ORDER BY n`,
  ).run(ids.prefix, ids.start, at, batchId);
  return n;
}

function insertBatch(ctx: ServerContext, row: Record<string, unknown>): string {
  return insertRow(ctx, 'grade_batches', { ...row, on_date: ctx.clock.today() });
}

export function applyGrades(
  ctx: ServerContext,
  p: GradeParams,
  keepManual: boolean,
  report: (step: number, label: string) => void = () => {},
) {
  const { aBp, bBp } = checkThresholds(p);
  const db = ctx.db;
  return db
    .transaction(() => {
      report(0, 'rank');
      const { ranking } = getRanking(db, p);
      const seqBefore = currentSeq(db);
      loadClasses(db, ranking, p);
      try {
        report(1, 'compare');
        createChangeTable(db);
        const w = scopeWhere(p);
        const found = db
          .prepare(
            `INSERT INTO ${TEMP} (rid, id, g0, s0, g1, s1)
             SELECT rowid, id, grade, grade_source, pareto_class(rowid) AS cls, 'pareto' FROM accounts
             WHERE ${w.sql}${manualFilter(keepManual)} AND (grade IS NOT cls OR grade_source IS NOT 'pareto')
             ORDER BY rowid`,
          )
          .run(...w.params).changes;
        if (found === 0) return { batchId: null, changed: 0 };
        report(2, 'write');
        const batchId = insertBatch(ctx, {
          kind: 'pareto',
          rule: ruleText(p.measure, p),
          measure: p.measure,
          a_bp: aBp,
          b_bp: bBp,
          scope_territory_id: p.territoryId ?? null,
          scope_owner_id: p.ownerId ?? null,
          changed: found,
          undoes: null,
        });
        const changed = writeChanges(ctx, batchId, ctx.clock.now(), (label) => report(3, label));
        db.exec(`DROP TABLE ${TEMP}`);
        noteGradeWrite(db, seqBefore);
        return { batchId, changed };
      } finally {
        releaseClasses(db);
      }
    })
    .immediate();
}

/**
 * Reverts a batch: each account it changed goes back to its grade and mark before, unless
 * the grade was changed again since (those are skipped and counted).
 */
export function undoGrades(ctx: ServerContext, batchId: string) {
  const db = ctx.db;
  return db
    .transaction(() => {
      const batch = db
        .prepare('SELECT kind, rule, measure, changed FROM grade_batches WHERE id = ? AND deleted_at IS NULL')
        .get(batchId) as { kind: string; rule: string; measure: string; changed: number } | undefined;
      if (!batch) throw new AppError('not-found', 'This grade batch does not exist.');
      if (batch.kind !== 'pareto') throw new AppError('validation', 'Only an application of grades can be undone.');
      if (db.prepare('SELECT 1 FROM grade_batches WHERE undoes = ? AND deleted_at IS NULL').get(batchId)) {
        throw new AppError('conflict', 'This grade batch was already undone.');
      }
      const seqBefore = currentSeq(db);
      createChangeTable(db);
      const before = (col: string) =>
        `CASE WHEN json_type(c.changes, '$.${col}') IS NOT NULL THEN json_extract(c.changes, '$.${col}[0]') ELSE a.${col} END`;
      const after = (col: string) =>
        `CASE WHEN json_type(c.changes, '$.${col}') IS NOT NULL THEN json_extract(c.changes, '$.${col}[1]') ELSE a.${col} END`;
      const total = db
        .prepare("SELECT count(*) FROM change_log WHERE batch_id = ? AND table_name = 'accounts'")
        .pluck()
        .get(batchId) as number;
      db.prepare(
        `INSERT INTO ${TEMP} (rid, id, g0, s0, g1, s1)
         SELECT a.rowid, a.id, a.grade, a.grade_source, ${before('grade')}, ${before('grade_source')}
         FROM change_log c JOIN accounts a ON a.id = c.row_id
         WHERE c.batch_id = ? AND c.table_name = 'accounts'
           AND a.grade IS ${after('grade')} AND a.grade_source IS ${after('grade_source')}
         ORDER BY c.seq`,
      ).run(batchId);
      const toRevert = db.prepare(`SELECT count(*) FROM ${TEMP}`).pluck().get() as number;
      const undoId = insertBatch(ctx, {
        kind: 'undo',
        rule: `undo: ${batch.rule}`,
        measure: batch.measure,
        a_bp: null,
        b_bp: null,
        scope_territory_id: null,
        scope_owner_id: null,
        changed: toRevert,
        undoes: batchId,
      });
      const reverted = writeChanges(ctx, undoId, ctx.clock.now());
      db.exec(`DROP TABLE ${TEMP}`);
      noteGradeWrite(db, seqBefore);
      return { batchId: undoId, reverted, skipped: total - reverted };
    })
    .immediate();
}
