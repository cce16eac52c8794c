import type { Fen } from '../../shared/money';
import type { IsoDate } from '../../shared/dates';
import { monthOfDate, quarterMonths } from './periods';

// Forecast categories and the weekly call (issue 18). Pure.
//
// Each open opportunity is in one category. Unless its owner chose one, it follows the
// probability of its stage (so it works for every stage model):
//   stage probability ≥ 80 %  → Commit      (default model: 跟进任务 80 %, 收款 95 %)
//   stage probability ≥ 40 %  → Best case   (呈现价值 40 %, 赢取承诺 60 %)
//   stage probability > 0 %   → Pipeline    (收集资料 5 %, 建立信任 10 %, 挖掘需求 25 %)
//   stage probability = 0 %   → Omitted
// The amounts of a call are per category, not cumulative: Best case does not include Commit.

export type ForecastCategory = 'commit' | 'bestCase' | 'pipeline' | 'omitted';
export const FORECAST_CATEGORIES: readonly ForecastCategory[] = ['commit', 'bestCase', 'pipeline', 'omitted'];
/** The names the workbooks use. */
export const CATEGORY_LABEL: Record<ForecastCategory, string> = {
  commit: 'Commit',
  bestCase: 'Best case',
  pipeline: 'Pipeline',
  omitted: 'Omitted',
};

export function defaultCategory(stageProbabilityBp: number): ForecastCategory {
  if (stageProbabilityBp >= 8000) return 'commit';
  if (stageProbabilityBp >= 4000) return 'bestCase';
  if (stageProbabilityBp > 0) return 'pipeline';
  return 'omitted';
}

export function categoryOf(override: ForecastCategory | null, stageProbabilityBp: number): ForecastCategory {
  return override ?? defaultCategory(stageProbabilityBp);
}

export interface CallDeal {
  opportunityId: string;
  ownerId: string;
  category: ForecastCategory;
  amount: Fen;
  expectedClose: IsoDate;
}

export interface CallAmounts {
  commit: Fen;
  bestCase: Fen;
  pipeline: Fen;
}

export interface RepCall {
  ownerId: string;
  month: CallAmounts;
  quarter: CallAmounts;
}

const zero = (): CallAmounts => ({ commit: 0, bestCase: 0, pipeline: 0 });

/** Each rep's call: open deals by category closing in `month` and in its quarter (Omitted left out). */
export function callsOf(deals: readonly CallDeal[], month: string): RepCall[] {
  const q = new Set(quarterMonths(month));
  const byRep = new Map<string, RepCall>();
  for (const d of deals) {
    let r = byRep.get(d.ownerId);
    if (!r) byRep.set(d.ownerId, (r = { ownerId: d.ownerId, month: zero(), quarter: zero() }));
    if (d.category === 'omitted') continue;
    const m = monthOfDate(d.expectedClose);
    if (m === month) r.month[d.category] += d.amount;
    if (q.has(m)) r.quarter[d.category] += d.amount;
  }
  return [...byRep.values()].sort((a, b) => (a.ownerId < b.ownerId ? -1 : a.ownerId > b.ownerId ? 1 : 0));
}

export function sumCalls(calls: readonly RepCall[]): { month: CallAmounts; quarter: CallAmounts } {
  const month = zero();
  const quarter = zero();
  for (const c of calls) {
    for (const k of ['commit', 'bestCase', 'pipeline'] as const) {
      month[k] += c.month[k];
      quarter[k] += c.quarter[k];
    }
  }
  return { month, quarter };
}

export interface CategoryMove {
  opportunityId: string;
  ownerId: string;
  from: ForecastCategory;
  to: ForecastCategory;
  amount: Fen;
}

/** Deals in both calls whose category differs (amount as now), largest first. */
export function categoryMoves(before: readonly CallDeal[], now: readonly CallDeal[]): CategoryMove[] {
  const prev = new Map(before.map((d) => [d.opportunityId, d]));
  const moves: CategoryMove[] = [];
  for (const d of now) {
    const p = prev.get(d.opportunityId);
    if (p && p.category !== d.category)
      moves.push({ opportunityId: d.opportunityId, ownerId: d.ownerId, from: p.category, to: d.category, amount: d.amount });
  }
  return moves.sort((a, b) => b.amount - a.amount || (a.opportunityId < b.opportunityId ? -1 : 1));
}
