import type { Db } from './connection';
import { insertRow, softDelete, type ChangeWriter } from './changeLog';
import { AppError } from '../../shared/errors';

// The book's territories and reps as every import that names them reads them, and the writes of
// an import's --create-missing plan (planned by OrgNames in src/features/org/namePlan.ts, which
// holds the rules). Territories scope every territory-scoped row of the book, so reading and
// creating them by name is the platform's, not one feature's.

export interface OrgRows {
  territories: { id: string; name_zh: string; name_en: string }[];
  /** Reps only (role 'rep'), deactivated ones included. */
  reps: { id: string; name_zh: string; name_en: string; email: string | null; territory_id: string; deactivated_at: string | null }[];
}

export function readOrgRows(db: Db): OrgRows {
  return {
    territories: db
      .prepare('SELECT id, name_zh, name_en FROM territories WHERE deleted_at IS NULL ORDER BY name_en')
      .all() as OrgRows['territories'],
    reps: db
      .prepare("SELECT id, name_zh, name_en, email, territory_id, deactivated_at FROM reps WHERE deleted_at IS NULL AND role = 'rep'")
      .all() as OrgRows['reps'],
  };
}

/** The one row of `table` a CLI option names (either name or its id). */
function oneNamed(db: Db, table: 'territories' | 'reps', what: string, name: string): string {
  // The table name is one of two constants, never input.
  const rows = db
    .prepare(`SELECT id FROM ${table} WHERE deleted_at IS NULL AND (name_zh = ? OR name_en = ? OR id = ?)`)
    .pluck()
    .all(name, name, name) as string[];
  if (rows.length !== 1)
    throw new AppError('invalid-input', rows.length ? `More than one ${what} is named "${name}".` : `No ${what} named "${name}".`);
  return rows[0]!;
}

/** The territory a CLI option names; exactly one must match. */
export const territoryByName = (db: Db, name: string): string => oneNamed(db, 'territories', 'territory', name);

/** The rep (any role) a CLI option names; exactly one must match. */
export const repByName = (db: Db, name: string): string => oneNamed(db, 'reps', 'rep', name);

export interface PlannedOrgRow {
  kind: 'territory' | 'rep';
  id: string;
  /** Both names: the file gives one. */
  name: string;
  /** The territory a rep works (null for a territory). */
  territoryId: string | null;
}

/** Writes a --create-missing plan, in order (call inside the import's transaction). */
export function insertPlannedOrg(w: ChangeWriter, rows: PlannedOrgRow[], batchId: string | null): void {
  for (const p of rows) {
    if (p.kind === 'territory') insertRow(w, 'territories', { id: p.id, name_zh: p.name, name_en: p.name }, batchId);
    else insertRow(w, 'reps', { id: p.id, territory_id: p.territoryId, name_zh: p.name, name_en: p.name, role: 'rep' }, batchId);
  }
}

/** Every (table, column) whose foreign key points at `table`. */
function referencesTo(db: Db, table: string): { t: string; c: string }[] {
  return db
    .prepare(
      'SELECT m.name AS t, f."from" AS c FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f WHERE m.type = \'table\' AND f."table" = ?',
    )
    .all(table) as { t: string; c: string }[];
}

/**
 * Undoing an import also takes back the territories and reps its --create-missing made,
 * reps first, each only while no live row still names it (someone may have used them
 * since): those stay, and the count says how many were taken back.
 */
export function undoCreatedOrg(w: ChangeWriter, batchId: string): number {
  let removed = 0;
  for (const table of ['reps', 'territories'] as const) {
    const refs = referencesTo(w.db, table);
    const ids = w.db
      .prepare("SELECT row_id FROM change_log WHERE batch_id = ? AND table_name = ? AND op = 'insert'")
      .pluck()
      .all(batchId, table) as string[];
    for (const id of ids) {
      const live = w.db.prepare(`SELECT deleted_at IS NULL FROM ${table} WHERE id = ?`).pluck().get(id) === 1;
      // Table and column names come from the schema itself, never from input.
      const used = refs.some(
        ({ t, c }) => w.db.prepare(`SELECT EXISTS (SELECT 1 FROM "${t}" WHERE "${c}" = ? AND deleted_at IS NULL)`).pluck().get(id) === 1,
      );
      if (live && !used) {
        softDelete(w, table, id);
        removed++;
      }
    }
  }
  return removed;
}
