import type { ServerContext } from '../../../platform/context';
import { rowInserter, rowUpdater, restoreRow, softDelete, insertRow, updateRow } from '../../../platform/db/changeLog';
import * as cell from '../../../platform/excel/cellParsers';
import { ImportTable, type ImportField } from '../../../platform/excel/importTable';
import type { Job } from '../../../platform/jobs';
import { AppError } from '../../../shared/errors';
import type { ImportPreview } from '../contract';
import { accountFields, type AccountField } from '../fields';
import { gradeSource, isAccountId, mayOwn, moneyOrZero, ownerAfterMove } from '../domain';
import { createMissingHint, DEACTIVATED_REP, OrgNames, type Created } from '../../org/namePlan';
import { insertPlannedOrg, readOrgRows, undoCreatedOrg } from '../../../platform/db/orgRows';
import { ImportStage } from '../../../platform/db/importStage';
import * as repo from './repo';

// Accounts from a spreadsheet: every row is validated against the database as it is
// now (IDs, territories, owners), then all rows are written in one transaction as one
// import batch, or nothing is written. A row with a known ID updates that account; an
// unknown well-formed ID or no ID adds one. Undoing a batch walks its change_log entries
// back: inserted accounts are soft-deleted, updated fields reverted where they still
// hold the imported value.

type Cols = Record<string, unknown>;

interface ValidRow {
  row: number;
  /** The file's ID (null: a new account gets a fresh one). */
  id: string | null;
  /** True: update the account with this ID; false: insert. */
  existing: boolean;
  /** The ID is a deleted account's: restore it, then update. */
  restore: boolean;
  cols: Cols;
}

interface ExistingAccount {
  territoryId: string;
  ownerId: string | null;
  deleted: boolean;
}

const PREVIEW_ERRORS = 1000;
const IMPORT_ERRORS = 50_000;

/**
 * The import fields of an account. Territory and owner names resolve through `names`, which
 * plans what the book lacks; each row then decides whether that may be created.
 */
function importFields(names: OrgNames): ImportField[] {
  const parserOf = (f: AccountField): cell.CellParser => {
    switch (f.type) {
      case 'id':
        return (raw) => {
          const s = cell.valueText(raw).trim();
          return isAccountId(s)
            ? { ok: true, value: s.toLowerCase() }
            : { ok: false, reason: 'not an account ID (keep the ID an export wrote, or leave it empty for a new account)' };
        };
      case 'text':
        // Text is kept as typed (an export must read back identical); only the name is
        // trimmed, as the grid does.
        return cell.text({ max: f.maxLength, keepSpaces: f.key !== 'name' });
      case 'money':
        return cell.money({ signed: f.signed });
      case 'date':
        return cell.date();
      case 'enum':
        return cell.term(f.vocab!);
      case 'territory':
        return (raw) => ({ ok: true, value: names.territory(cell.valueText(raw)) });
      case 'owner':
        // Names are resolved against the row's territory later (two reps may share one).
        return (raw) => ({ ok: true, value: cell.valueText(raw).trim() });
    }
  };
  return accountFields.map((f) => ({
    key: f.key,
    label: f.en,
    headers: [f.en, f.zh, ...f.synonyms],
    parse: parserOf(f),
    notEmpty: f.required,
  }));
}

interface Validation {
  table: ImportTable;
  names: OrgNames;
  /** The writable rows, parked outside the JavaScript heap (kept only for the import itself). */
  rows: ImportStage<ValidRow> | null;
  /** The columns some new account sets (the insert statement's columns). */
  newColumns: Set<string>;
  dataRows: number;
  newRows: number;
  updateRows: number;
}

/**
 * Reads and checks every row; parks the writable rows when `keep` (the import itself). The
 * caller disposes of `rows` (a failure here disposes of it).
 */
async function validate(
  ctx: ServerContext,
  filePath: string,
  name: string,
  opts: ImportOptions,
  job: Job,
  keep: boolean,
): Promise<Validation> {
  const { reps } = repo.lookups(ctx.db);
  const names = new OrgNames(readOrgRows(ctx.db), ctx.newId);
  const knownReps = reps
    .filter((r) => r.active)
    .slice(0, 12)
    .map((r) => r.nameZh)
    .join(', ');
  const accounts = new Map<string, ExistingAccount>();
  for (const a of ctx.db.prepare('SELECT id, territory_id, owner_id, deleted_at FROM accounts').raw().iterate() as Iterable<
    [string, string, string | null, string | null]
  >) {
    accounts.set(a[0], { territoryId: a[1], ownerId: a[2], deleted: a[3] !== null });
  }
  const fields = importFields(names);
  const mapping = opts.mapping;
  const table = await ImportTable.open(filePath, fields, { mapping, job, name, errorLimit: keep ? IMPORT_ERRORS : PREVIEW_ERRORS });
  const errors = table.errors;
  const has = (k: string) => table.present.has(k);
  const fieldCols = accountFields.filter((f) => f.type !== 'id' && f.type !== 'territory' && f.type !== 'owner' && has(f.key));
  const firstRowOfId = new Map<string, number>();
  const rows = keep ? new ImportStage<ValidRow>(ctx.db, ctx.newId().replace(/-/g, '')) : null;
  const newColumns = new Set<string>();
  let dataRows = 0;
  let newRows = 0;
  let updateRows = 0;

  try {
    for await (const rec of table.records()) {
      dataRows++;
      const v = rec.values;
      let ok = rec.ok;
      const fail = (key: string, value: unknown, reason: string) => {
        errors.add(rec.row, table.columnName(key), value, reason);
        ok = false;
      };
      const id = (v.id as string | null | undefined) ?? null;
      let existing: ExistingAccount | undefined;
      if (id) {
        const first = firstRowOfId.get(id);
        if (first !== undefined) fail('id', id, `the same ID is also on row ${first}`);
        else firstRowOfId.set(id, rec.row);
        existing = accounts.get(id);
      }
      // A new account needs a name and a territory; an empty cell was already refused.
      if (!existing) {
        if (!has('name')) fail('name', '', 'required for a new account (the file has no Name column)');
        if (!has('territory')) fail('territory', '', 'required for a new account (the file has no Territory column)');
      }
      const territoryId = (v.territory as string | null | undefined) ?? existing?.territoryId ?? null;
      // A territory to create must be a valid one (length, no ';').
      const newTerritoryProblem = territoryId ? names.plannedTerritoryProblem(territoryId) : undefined;
      if (newTerritoryProblem && opts.createMissing) fail('territory', names.territoryLabel(territoryId!), newTerritoryProblem);
      if (names.isPlanned(territoryId) && !opts.createMissing) {
        const known = names.knownTerritories;
        fail(
          'territory',
          names.territoryLabel(territoryId!),
          `unknown territory${known.length ? ` (known: ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''})` : ''}`,
        );
      }
      let ownerId: string | null | undefined;
      if (has('owner')) {
        const owner = v.owner as string | null;
        if (owner && territoryId) {
          const rep = names.repIn(owner, territoryId);
          if ('reason' in rep) fail('owner', owner, rep.reason);
          else ownerId = rep.id;
          if (names.isPlanned(ownerId) && !opts.createMissing)
            fail('owner', owner, `unknown owner (known reps: ${knownReps || 'none yet'})`);
          else if ('active' in rep && !mayOwn(rep, existing?.ownerId)) fail('owner', owner, DEACTIVATED_REP);
        } else ownerId = null;
      } else if (existing && territoryId !== existing.territoryId && existing.ownerId) {
        // Moving an account to another territory without naming an owner drops the old one
        // (as an edit in the grid does).
        const rep = reps.find((r) => r.id === existing!.ownerId);
        if (territoryId && ownerAfterMove(rep ?? null, territoryId) === null) ownerId = null;
      }
      if (!ok) continue;
      if (existing) updateRows++;
      else newRows++;
      if (!keep) continue;

      const cols: Cols = {};
      for (const f of fieldCols) {
        const value = v[f.key] ?? null;
        cols[f.column] = f.type === 'money' ? moneyOrZero(value as number | null) : value;
      }
      if (has('territory') && territoryId) cols.territory_id = territoryId;
      else if (!existing && territoryId) cols.territory_id = territoryId;
      if (ownerId !== undefined) cols.owner_id = ownerId;
      if (!existing) for (const c in cols) newColumns.add(c);
      rows!.add({ row: rec.row, id, existing: !!existing, restore: !!existing?.deleted, cols });
    }
  } catch (e) {
    rows?.dispose();
    throw e;
  }
  return { table, names, rows, newColumns, dataRows, newRows, updateRows };
}

export interface ImportOptions {
  mapping?: Record<string, string> | undefined;
  /** Create the territories and reps the file names that the book lacks. */
  createMissing?: boolean | undefined;
}

export async function previewImport(
  ctx: ServerContext,
  filePath: string,
  name: string,
  opts: ImportOptions,
  job: Job,
): Promise<ImportPreview> {
  const r = await validate(ctx, filePath, name, opts, job, false);
  return {
    fileName: name,
    columns: r.table.columns.map((c) => ({ header: c.header, field: c.field })),
    unknownHeaders: r.table.unknownHeaders,
    rows: r.dataRows,
    newRows: r.newRows,
    updateRows: r.updateRows,
    errors: r.table.errors.list,
    errorCount: r.table.errors.count,
    missing: r.names.missing(),
  };
}

export interface ImportResult {
  batchId: string;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Territories and reps created by --create-missing, in the order the file named them. */
  created: Created[];
}

/**
 * Validates the whole file, then (only when every row is valid) backs up the database
 * and writes every row in one transaction. `beforeWrite` takes the backup.
 */
export async function importAccounts(
  ctx: ServerContext,
  filePath: string,
  name: string,
  opts: ImportOptions,
  job: Job,
  beforeWrite: () => Promise<void>,
): Promise<ImportResult> {
  const v = await validate(ctx, filePath, name, opts, job, true);
  try {
    return await write(ctx, v, name, opts, job, beforeWrite);
  } finally {
    v.rows!.dispose();
  }
}

async function write(
  ctx: ServerContext,
  v: Validation,
  name: string,
  opts: ImportOptions,
  job: Job,
  beforeWrite: () => Promise<void>,
): Promise<ImportResult> {
  const staged = v.rows!;
  const errors = v.table.errors;
  if (errors.count > 0) {
    const more = errors.count > errors.list.length ? ` (the first ${errors.list.length} are listed)` : '';
    const hint = opts.createMissing ? '' : createMissingHint(v.names.missing());
    throw new AppError(
      'import-rejected',
      `${errors.count} ${errors.count === 1 ? 'cell was' : 'cells were'} rejected${more}; nothing was written.${hint}`,
      { errors: errors.list, errorCount: errors.count },
    );
  }
  if (staged.size === 0) throw new AppError('validation', `${name} has no account rows under its header.`);
  job.throwIfCancelled();
  await beforeWrite();
  job.throwIfCancelled();
  const total = staged.size;
  job.report(0, total, 'Writing');

  const batchId = ctx.newId();
  const at = ctx.clock.now();
  const insertColumns = [...v.newColumns, 'grade_source'];
  const insert = rowInserter(ctx, 'accounts', insertColumns);
  const update = rowUpdater(ctx, 'accounts');
  const current = ctx.db.prepare('SELECT * FROM accounts WHERE id = ?');
  let inserted = 0;
  let updated = 0;
  let created: Created[] = [];
  // A large transaction overflows SQLite's default 2 MB page cache, which then spills
  // and rewrites the same index pages to the WAL over and over; 32 MB for the import's
  // duration makes the write ~30 % faster (memory is taken only as pages are used).
  const cacheSize = ctx.db.pragma('cache_size', { simple: true }) as number;
  if (total > 5000) ctx.db.pragma('cache_size = -32768');
  try {
    ctx.db.transaction(() => {
      insertPlannedOrg(ctx, v.names.plannedRows(), batchId);
      created = v.names.missing();
      let done = 0;
      for (const r of staged.rows()) {
        if (++done % 10_000 === 0) job.report(done, total, 'Writing');
        if (!r.existing) {
          const cols = { ...r.cols, grade_source: gradeSource(r.cols.grade as string | null | undefined, 'import') };
          insert(r.id ? { id: r.id, ...cols } : cols, batchId, at);
          inserted++;
          continue;
        }
        const id = r.id!;
        const before = current.get(id) as Cols | undefined;
        // The account could have gone while the backup ran; refuse rather than guess.
        if (!before) throw new AppError('conflict', `Row ${r.row}: account ${id} no longer exists; nothing was written. Import again.`);
        if (r.restore && before.deleted_at) restoreRow(ctx, 'accounts', id, batchId);
        const cols = { ...r.cols };
        if ('grade' in cols && cols.grade !== before.grade) cols.grade_source = gradeSource(cols.grade as string | null, 'import');
        const diff = update(id, cols, { batchId, at, current: r.restore ? undefined : before });
        if (Object.keys(diff).length > 0 || r.restore) updated++;
      }
      insertRow(ctx, 'import_batches', { id: batchId, kind: 'accounts', file_name: name, inserted, updated }, null);
    })();
  } finally {
    ctx.db.pragma(`cache_size = ${Number(cacheSize)}`);
  }
  job.report(total, total, 'Done');
  return { batchId, inserted, updated, unchanged: total - inserted - updated, created };
}

export function listBatches(ctx: ServerContext) {
  return (
    ctx.db
      .prepare(
        "SELECT id, file_name, inserted, updated, created_at, undone_at FROM import_batches WHERE kind = 'accounts' AND deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 200",
      )
      .all() as { id: string; file_name: string; inserted: number; updated: number; created_at: string; undone_at: string | null }[]
  ).map((b) => ({
    id: b.id,
    fileName: b.file_name,
    inserted: b.inserted,
    updated: b.updated,
    createdAt: b.created_at,
    undoneAt: b.undone_at,
  }));
}

/**
 * Undoes an import batch: accounts it added are soft-deleted (and accounts it restored
 * deleted again); fields it changed go back to their old value where they still hold
 * the imported one — a field changed since is left alone and counted as skipped. The
 * territories and reps its --create-missing made go too, unless something uses them now;
 * `removed` counts them with the accounts.
 */
export function undoImport(ctx: ServerContext, batchId: string): { removed: number; reverted: number; skipped: number } {
  const batch = ctx.db
    .prepare("SELECT id, undone_at FROM import_batches WHERE id = ? AND kind = 'accounts' AND deleted_at IS NULL")
    .get(batchId) as { id: string; undone_at: string | null } | undefined;
  if (!batch) throw new AppError('not-found', 'This import is not known.');
  if (batch.undone_at) throw new AppError('conflict', `This import was already undone (${batch.undone_at}).`);
  const entries = ctx.db
    .prepare("SELECT row_id, op, changes FROM change_log WHERE batch_id = ? AND table_name = 'accounts' ORDER BY seq DESC")
    .all(batchId) as { row_id: string; op: string; changes: string }[];
  const select = ctx.db.prepare('SELECT * FROM accounts WHERE id = ?');
  let removed = 0;
  let reverted = 0;
  let skipped = 0;
  ctx.db.transaction(() => {
    for (const e of entries) {
      const now = select.get(e.row_id) as Cols | undefined;
      if (!now) continue;
      if (e.op === 'insert' || e.op === 'restore') {
        if (now.deleted_at === null) {
          softDelete(ctx, 'accounts', e.row_id);
          removed++;
        }
      } else if (e.op === 'update') {
        const changes = JSON.parse(e.changes) as Record<string, [unknown, unknown]>;
        const back: Cols = {};
        for (const [col, [before, after]] of Object.entries(changes)) {
          if ((now[col] ?? null) === (after ?? null)) back[col] = before;
          else skipped++;
        }
        if (Object.keys(back).length > 0) {
          updateRow(ctx, 'accounts', e.row_id, back);
          reverted++;
        }
      }
    }
    // The territories and reps this import created, now that its accounts are gone.
    removed += undoCreatedOrg(ctx, batchId);
    updateRow(ctx, 'import_batches', batchId, { undone_at: ctx.clock.now() });
  })();
  return { removed, reverted, skipped };
}
