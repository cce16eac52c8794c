import type { Db } from '../../../platform/db/connection';
import { classAt, paretoBoundaries, type Measure, type ParetoThresholds } from '../domain';
import type { ParetoBoundaries } from '../domain';

// The ranking behind the Pareto screen, computed in one pass: SQLite sorts (value desc,
// name, id — the rule's order), a tight loop keeps rowid, value and the running sum of
// positive values in typed arrays. A class is then a range of ranks (A is a prefix, B the
// next stretch, C the rest), so thresholds are applied by binary search without touching
// the rows again, and the ranking is cached per database, measure and scope until an
// account's ranking inputs change.

export const MEASURE_COLUMN: Record<Measure, string> = {
  sales: 'sales_fen',
  salesLastYear: 'sales_last_year_fen',
  profit: 'profit_fen',
};

export interface RankScope {
  measure: Measure;
  territoryId?: string | undefined;
  ownerId?: string | undefined;
}

export interface Ranking {
  scope: RankScope;
  n: number;
  /** accounts.rowid of each rank (0-based index = rank − 1). */
  rowids: Float64Array;
  values: Float64Array;
  /** Sum of the positive values before each rank (exact when `exact`). */
  prev: Float64Array;
  /** Ranks holding a positive value (they come first). */
  positive: number;
  total: bigint;
  /** Every running sum fits in 2^53, so the Float64 sums are exact integers. */
  exact: boolean;
  rankedMs: number;
  /** Memo of derived data (chart bars by bar count). */
  memo: Map<string, unknown>;
}

export function scopeWhere(
  scope: { territoryId?: string | undefined; ownerId?: string | undefined },
  alias = '',
): { sql: string; params: string[] } {
  const p = alias ? `${alias}.` : '';
  const where = [`${p}deleted_at IS NULL`];
  const params: string[] = [];
  if (scope.territoryId) {
    where.push(`${p}territory_id = ?`);
    params.push(scope.territoryId);
  }
  if (scope.ownerId) {
    where.push(`${p}owner_id = ?`);
    params.push(scope.ownerId);
  }
  return { sql: where.join(' AND '), params };
}

/** Ranks the accounts in scope (no cache): the real path the benchmark measures. */
export function rankAccounts(db: Db, scope: RankScope): Ranking {
  const t0 = performance.now();
  const col = MEASURE_COLUMN[scope.measure];
  const w = scopeWhere(scope);
  const n = db
    .prepare(`SELECT count(*) FROM accounts WHERE ${w.sql}`)
    .pluck()
    .get(...w.params) as number;
  const rowids = new Float64Array(n);
  const values = new Float64Array(n);
  const prev = new Float64Array(n);
  let sum = 0;
  let i = 0;
  let positive = 0;
  const rows = db
    .prepare(`SELECT rowid, ${col} FROM accounts WHERE ${w.sql} ORDER BY ${col} DESC, name, id`)
    .raw()
    .iterate(...w.params) as IterableIterator<[number, number]>;
  for (const r of rows) {
    if (i === n) break; // another connection added rows between the count and the sort
    const v = r[1];
    rowids[i] = r[0];
    values[i] = v;
    prev[i] = sum;
    if (v > 0) {
      sum += v;
      positive++;
    }
    i++;
  }
  const exact = Number.isSafeInteger(sum);
  let total = BigInt(exact ? sum : 0);
  if (!exact) for (let k = 0; k < positive; k++) total += BigInt(values[k]!);
  return {
    scope,
    n: i,
    rowids: i === n ? rowids : rowids.subarray(0, i),
    values: i === n ? values : values.subarray(0, i),
    prev: i === n ? prev : prev.subarray(0, i),
    positive,
    total,
    exact,
    rankedMs: Math.round(performance.now() - t0),
    memo: new Map(),
  };
}

export type Boundaries = ParetoBoundaries;
export { classAt };

/**
 * The class boundaries of a ranking: the domain's rule (paretoBoundaries) over this
 * ranking's sums-before. Within 2^53 the Float64 sums are exact; beyond, the exact sums are
 * rebuilt in BigInt once for the search.
 */
export function boundaries(r: Ranking, t: ParetoThresholds): Boundaries {
  if (r.exact) return paretoBoundaries((i) => r.prev[i]!, r.positive, r.total, t);
  const exactPrev: bigint[] = new Array(r.positive);
  let p = 0n;
  for (let k = 0; k < r.positive; k++) {
    exactPrev[k] = p;
    p += BigInt(r.values[k]!);
  }
  return paretoBoundaries((i) => exactPrev[i]!, r.positive, r.total, t);
}

/** Sum of the positive values of ranks [0, i), as a number (display precision). */
export function cumulativeBefore(r: Ranking, i: number): number {
  return i >= r.n ? Number(r.total) : r.prev[i]!;
}

// ---- the cache -------------------------------------------------------------------------

interface DbState {
  /** change_log.seq up to which changes have been looked at. */
  checkedSeq: number;
  /** Bumped when an account's ranking inputs changed. */
  version: number;
  entries: Map<string, { version: number; ranking: Ranking }>;
}
const states = new WeakMap<Db, DbState>();
const MAX_ENTRIES = 4;

// A change to any of these columns (or an insert/delete/restore) can move a ranking.
const RANKING_COLUMNS = ['name', 'sales_fen', 'sales_last_year_fen', 'profit_fen', 'territory_id', 'owner_id', 'deleted_at'];
const CHANGED_SQL = `SELECT EXISTS (SELECT 1 FROM change_log WHERE seq > ? AND table_name = 'accounts'
  AND (op <> 'update' OR ${RANKING_COLUMNS.map((c) => `instr(changes, '"${c}"') > 0`).join(' OR ')}))`;

function state(db: Db): DbState {
  let s = states.get(db);
  if (!s) {
    s = { checkedSeq: maxSeq(db), version: 0, entries: new Map() };
    states.set(db, s);
  }
  return s;
}

function maxSeq(db: Db): number {
  return (db.prepare('SELECT max(seq) FROM change_log').pluck().get() as number | null) ?? 0;
}

/** Brings the data version up to date with the change log (cheap when nothing was written). */
function refresh(db: Db, s: DbState): void {
  const seq = maxSeq(db);
  if (seq === s.checkedSeq) return;
  if (seq < s.checkedSeq || db.prepare(CHANGED_SQL).pluck().get(s.checkedSeq)) s.version++;
  s.checkedSeq = seq;
}

const keyOf = (scope: RankScope) => `${scope.measure}|${scope.territoryId ?? ''}|${scope.ownerId ?? ''}`;

/** The ranking for a scope, from the cache when nothing it depends on changed. */
export function getRanking(db: Db, scope: RankScope): { ranking: Ranking; cached: boolean } {
  const s = state(db);
  refresh(db, s);
  const key = keyOf(scope);
  const hit = s.entries.get(key);
  if (hit && hit.version === s.version) {
    s.entries.delete(key); // keep the map in least-recently-used order
    s.entries.set(key, hit);
    return { ranking: hit.ranking, cached: true };
  }
  const ranking = rankAccounts(db, { measure: scope.measure, territoryId: scope.territoryId, ownerId: scope.ownerId });
  s.entries.delete(key);
  s.entries.set(key, { version: s.version, ranking });
  while (s.entries.size > MAX_ENTRIES) s.entries.delete(s.entries.keys().next().value!);
  return { ranking, cached: false };
}

/**
 * Marks change-log entries written by a grade write as seen: grades are not ranking
 * inputs, so they must not throw the cached rankings away. Only when nothing else was
 * pending (`seqBefore` was already checked).
 */
export function noteGradeWrite(db: Db, seqBefore: number): void {
  const s = state(db);
  if (s.checkedSeq === seqBefore) s.checkedSeq = maxSeq(db);
}

export function currentSeq(db: Db): number {
  return maxSeq(db);
}

/** Forgets every cached ranking of a database (tests, restore). */
export function clearRankings(db: Db): void {
  states.delete(db);
}
