import type { Db } from '../../../platform/db/connection';
import type { ChangeWriter } from '../../../platform/db/changeLog';
import { readSetting, writeSetting } from '../../../platform/settings';
import { dateInZone } from '../../../shared/bookTime';
import { bookTimeZone } from '../../../platform/settings';
import { AppError } from '../../../shared/errors';
import type { ParetoSettings, RankRow } from '../contract';
import { DEFAULT_THRESHOLDS, type ParetoClass } from '../domain';
import { DEFAULT_SCORECARD } from '../scorecard';
import { DEFAULT_VISIT_SETTINGS } from '../visitPlan';
import { classAt, cumulativeBefore, type Boundaries, type Ranking } from './ranking';

// SQL for the Pareto feature: account details for ranked rows, grade batches and history,
// settings, and scope names for the CLI.

export const DEFAULT_PARETO_SETTINGS: ParetoSettings = {
  measure: 'sales',
  a: DEFAULT_THRESHOLDS.a,
  b: DEFAULT_THRESHOLDS.b,
  visits: DEFAULT_VISIT_SETTINGS,
  scorecard: DEFAULT_SCORECARD,
};

const SETTINGS_KEY = 'pareto';

export function getParetoSettings(db: Db): ParetoSettings {
  const stored = readSetting<Partial<ParetoSettings>>(db, SETTINGS_KEY, {});
  return { ...DEFAULT_PARETO_SETTINGS, ...stored };
}

export function saveParetoSettings(w: ChangeWriter, patch: Partial<ParetoSettings>): ParetoSettings {
  const next = { ...getParetoSettings(w.db), ...patch };
  if (next.a > next.b) throw new AppError('validation', 'Threshold A must not exceed B.', { field: 'a' });
  writeSetting(w, SETTINGS_KEY, next);
  return next;
}

type DetailRow = {
  rid: number;
  id: string;
  name: string;
  city: string | null;
  grade: string | null;
  grade_source: string | null;
  t_zh: string;
  t_en: string;
  o_zh: string | null;
  o_en: string | null;
};

/** Account details for a set of rowids (territory and owner names included). */
export function detailsByRowid(db: Db, rowids: ArrayLike<number>): Map<number, DetailRow> {
  const out = new Map<number, DetailRow>();
  const list = Array.from(rowids);
  for (let i = 0; i < list.length; i += 5000) {
    const chunk = JSON.stringify(list.slice(i, i + 5000));
    const rows = db
      .prepare(
        `SELECT a.rowid AS rid, a.id, a.name, a.city, a.grade, a.grade_source, t.name_zh AS t_zh, t.name_en AS t_en, r.name_zh AS o_zh, r.name_en AS o_en
         FROM accounts a JOIN territories t ON t.id = a.territory_id LEFT JOIN reps r ON r.id = a.owner_id
         WHERE a.rowid IN (SELECT value FROM json_each(?))`,
      )
      .all(chunk) as DetailRow[];
    for (const r of rows) out.set(r.rid, r);
  }
  return out;
}

/** Ranks [from, to) as grid rows with exact shares. */
export function rankRows(db: Db, r: Ranking, b: Boundaries, from: number, to: number): RankRow[] {
  const end = Math.min(to, r.n);
  if (from >= end) return [];
  const details = detailsByRowid(db, r.rowids.subarray(from, end));
  const total = Number(r.total);
  const rows: RankRow[] = [];
  for (let i = from; i < end; i++) {
    const d = details.get(r.rowids[i]!);
    if (!d) continue; // deleted by another connection since the ranking
    const v = r.values[i]!;
    const pos = v > 0 ? v : 0;
    rows.push({
      rank: i + 1,
      id: d.id,
      name: d.name,
      territoryZh: d.t_zh,
      territoryEn: d.t_en,
      ownerZh: d.o_zh,
      ownerEn: d.o_en,
      city: d.city,
      value: v,
      share: total > 0 ? pos / total : 0,
      cumulativeShare: total > 0 ? (cumulativeBefore(r, i) + pos) / total : 0,
      cls: classAt(i, b),
      grade: d.grade,
      gradeSource: d.grade_source,
    });
  }
  return rows;
}

export function gradeBatches(db: Db, limit: number) {
  const rows = db
    .prepare(
      `SELECT b.id, b.kind, b.rule, b.on_date, b.created_at, b.changed, u.id AS undone_by
       FROM grade_batches b LEFT JOIN grade_batches u ON u.undoes = b.id AND u.deleted_at IS NULL
       WHERE b.deleted_at IS NULL ORDER BY b.created_at DESC, b.id DESC LIMIT ?`,
    )
    .all(limit) as {
    id: string;
    kind: 'pareto' | 'undo';
    rule: string;
    on_date: string;
    created_at: string;
    changed: number;
    undone_by: string | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    rule: r.rule,
    onDate: r.on_date,
    at: r.created_at,
    changed: r.changed,
    undoneBy: r.undone_by,
  }));
}

/** One account's grade changes, newest first (the grade_history view over change_log). */
export function gradeHistory(db: Db, accountId: string) {
  const rows = db
    .prepare(
      'SELECT at, batch_date, grade_before, grade_after, source, rule, batch_id FROM grade_history WHERE account_id = ? ORDER BY seq DESC LIMIT 500',
    )
    .all(accountId) as {
    at: string;
    batch_date: string | null;
    grade_before: string | null;
    grade_after: string | null;
    source: 'pareto' | 'undo' | 'manual' | 'import';
    rule: string | null;
    batch_id: string | null;
  }[];
  // A manual or imported grade has no batch date: its date is the day it was made in the book's zone.
  const zone = bookTimeZone(db);
  return rows.map((r) => ({
    at: r.at,
    date: r.batch_date ?? dateInZone(new Date(r.at), zone),
    before: r.grade_before,
    after: r.grade_after,
    source: r.source,
    rule: r.rule,
    batchId: r.batch_id,
  }));
}

/** A territory or rep named on the command line (Chinese or English name, or id). */
export function repName(db: Db, id: string): { zh: string; en: string } | null {
  const r = db.prepare('SELECT name_zh AS zh, name_en AS en FROM reps WHERE id = ?').get(id) as { zh: string; en: string } | undefined;
  return r ?? null;
}

/** The accounts of one rep for the visit plan. */
export function repAccounts(db: Db, ownerId: string) {
  return db
    .prepare(
      `SELECT rowid AS rid, id, name, city, grade, sales_fen AS value FROM accounts WHERE deleted_at IS NULL AND owner_id = ? ORDER BY name, id`,
    )
    .all(ownerId) as { rid: number; id: string; name: string; city: string | null; grade: string | null; value: number }[];
}

/** Account fields the scorecard reads, for the accounts in scope. */
export function scorecardAccounts(db: Db, where: { sql: string; params: string[] }) {
  return db
    .prepare(
      `SELECT rowid AS rid, id, name, sales_fen AS sales, sales_last_year_fen AS salesLastYear, profit_fen AS profit, receivable_fen AS receivable,
              relationship_stage AS relationshipStage, relationship_type AS relationshipType, loyalty_type AS loyaltyType, value_type AS valueType
       FROM accounts WHERE ${where.sql} ORDER BY name, id`,
    )
    .all(...where.params) as {
    rid: number;
    id: string;
    name: string;
    sales: number;
    salesLastYear: number;
    profit: number;
    receivable: number;
    relationshipStage: string | null;
    relationshipType: string | null;
    loyaltyType: string | null;
    valueType: string | null;
  }[];
}

/** rowid → ABC class for a ranking under its boundaries. */
export function classByRowid(r: Ranking, b: Boundaries): Map<number, ParetoClass> {
  const m = new Map<number, ParetoClass>();
  for (let i = 0; i < r.n; i++) m.set(r.rowids[i]!, classAt(i, b));
  return m;
}
