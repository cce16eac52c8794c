// Customer value scorecard (客户价值计分卡, docs/en/accounts.md): a second grading by the weighted
// average of four dimensions — financial and sales (current value), customer and service
// (potential value) — so a grade never rests on one metric (docs/en/abc.md's pitfall). Pure.
import type { ParetoClass } from './domain';

export type Dimension = 'financial' | 'sales' | 'customer' | 'service';
export const DIMENSIONS: readonly Dimension[] = ['financial', 'sales', 'customer', 'service'];

export interface ScorecardSettings {
  /** Non-negative integer weights; their sum must be positive. */
  weights: Record<Dimension, number>;
  /** Score (0–100) at or above which an account is A, resp. B. */
  cutoffs: { a: number; b: number };
}

export const DEFAULT_SCORECARD: ScorecardSettings = {
  weights: { financial: 30, sales: 30, customer: 20, service: 20 },
  cutoffs: { a: 60, b: 40 },
};

export interface ScorecardAccount {
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
}

export interface Scored {
  id: string;
  name: string;
  scores: Record<Dimension, number>;
  /** Weighted average, 0–100, one decimal. */
  total: number;
  grade: ParetoClass;
}

// How the qualitative fields map to 0–100 (shown to the user beside the weights).
export const STAGE_SCORE: Record<string, number> = { acquainted: 25, engaged: 50, trusted: 75, ally: 100 };
export const TYPE_SCORE: Record<string, number> = { outsider: 0, friend: 50, supplier: 50, partner: 100 };
export const LOYALTY_SCORE: Record<string, number> = { price: 20, inertia: 40, monopoly: 60, incentive: 80, superValue: 100 };
export const VALUE_TYPE_SCORE: Record<string, number> = { intrinsic: 30, extrinsic: 70, strategic: 100 };

const lookup = (table: Record<string, number>, key: string | null) => (key && key in table ? table[key]! : 0);
const clamp = (x: number) => Math.max(0, Math.min(100, x));

/**
 * Mid-rank percentile of each value among all values (0–100): the share of values below it
 * plus half the share equal to it. Scale-free, so sales and profit compare across territories.
 */
export function percentileRanks(values: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) return [];
  const order = values.map((v, i) => [v, i] as const).sort((x, y) => x[0] - y[0]);
  const out = new Array<number>(n);
  for (let i = 0; i < n;) {
    let j = i;
    while (j < n && order[j]![0] === order[i]![0]) j++;
    const p = n === 1 ? 50 : ((i + (j - i - 1) / 2) / (n - 1)) * 100;
    for (let k = i; k < j; k++) out[order[k]![1]] = p;
    i = j;
  }
  return out;
}

/** The four dimension scores of every account (0–100, whole numbers). */
export function dimensionScores(accounts: readonly ScorecardAccount[]): Record<Dimension, number>[] {
  const profitRank = percentileRanks(accounts.map((a) => a.profit));
  const salesRank = percentileRanks(accounts.map((a) => a.sales));
  return accounts.map((a, i) => {
    // Financial: profit rank, held back by money still owed (receivable / sales, 50 % → 0).
    const owed = a.sales > 0 ? a.receivable / a.sales : a.receivable > 0 ? 1 : 0;
    const collection = clamp(100 - owed * 200);
    const financial = 0.7 * profitRank[i]! + 0.3 * collection;
    // Sales: size rank plus growth against last year (−50 % → 0, +50 % → 100).
    const growth = a.salesLastYear > 0 ? (a.sales - a.salesLastYear) / a.salesLastYear : a.sales > 0 ? 0.5 : 0;
    const sales = 0.7 * salesRank[i]! + 0.3 * clamp(50 + growth * 100);
    const customer = 0.6 * lookup(STAGE_SCORE, a.relationshipStage) + 0.4 * lookup(TYPE_SCORE, a.relationshipType);
    const service = 0.6 * lookup(LOYALTY_SCORE, a.loyaltyType) + 0.4 * lookup(VALUE_TYPE_SCORE, a.valueType);
    return { financial: Math.round(financial), sales: Math.round(sales), customer: Math.round(customer), service: Math.round(service) };
  });
}

export function checkWeights(w: Record<Dimension, number>): void {
  for (const d of DIMENSIONS) if (!Number.isInteger(w[d]) || w[d] < 0) throw new RangeError(`weight ${d} must be a whole number ≥ 0`);
  if (DIMENSIONS.reduce((s, d) => s + w[d], 0) <= 0) throw new RangeError('at least one weight must be positive');
}

/** Weighted average of whole-number scores with whole-number weights, rounded half up to one decimal. */
export function weightedScore(scores: Record<Dimension, number>, w: Record<Dimension, number>): number {
  const sumW = DIMENSIONS.reduce((s, d) => s + w[d], 0);
  const sum = DIMENSIONS.reduce((s, d) => s + w[d] * scores[d], 0);
  return Math.floor((sum * 10) / sumW + 0.5) / 10;
}

export function scorecard(accounts: readonly ScorecardAccount[], s: ScorecardSettings = DEFAULT_SCORECARD): Scored[] {
  checkWeights(s.weights);
  const dims = dimensionScores(accounts);
  return accounts.map((a, i) => {
    const total = weightedScore(dims[i]!, s.weights);
    const grade: ParetoClass = total >= s.cutoffs.a ? 'A' : total >= s.cutoffs.b ? 'B' : 'C';
    return { id: a.id, name: a.name, scores: dims[i]!, total, grade };
  });
}

export interface Disagreement {
  id: string;
  name: string;
  abc: ParetoClass;
  scorecard: ParetoClass;
  total: number;
  scores: Record<Dimension, number>;
  /** scorecard − ABC in classes: +2 = scorecard A where ABC says C (hidden potential). */
  gap: number;
}

const RANK: Record<ParetoClass, number> = { A: 2, B: 1, C: 0 };

/** Where the scorecard grade and the ABC class disagree, the widest gaps first; plus the 3×3 matrix. */
export function disagreements(
  scored: readonly Scored[],
  abc: ReadonlyMap<string, ParetoClass>,
): { matrix: Record<ParetoClass, Record<ParetoClass, number>>; list: Disagreement[] } {
  const matrix = { A: { A: 0, B: 0, C: 0 }, B: { A: 0, B: 0, C: 0 }, C: { A: 0, B: 0, C: 0 } };
  const list: Disagreement[] = [];
  for (const s of scored) {
    const cls = abc.get(s.id);
    if (!cls) continue;
    matrix[cls][s.grade]++;
    if (cls !== s.grade)
      list.push({ id: s.id, name: s.name, abc: cls, scorecard: s.grade, total: s.total, scores: s.scores, gap: RANK[s.grade] - RANK[cls] });
  }
  list.sort((x, y) => Math.abs(y.gap) - Math.abs(x.gap) || y.total - x.total || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  return { matrix, list };
}
