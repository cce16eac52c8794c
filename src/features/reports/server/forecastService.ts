import type { ServerContext } from '../../../platform/context';
import type { Db } from '../../../platform/db/connection';
import { addDays, type IsoDate } from '../../../shared/dates';
import { callsOf, categoryMoves, categoryOf, type CallDeal, type CategoryMove, type RepCall } from '../forecast';
import { monthOfDate, weekStartOf } from '../periods';
import { callsOfWeek, openDeals, repsInScope, saveCall, type OpenDeal, type Scope } from './repo';

// The weekly call: each rep's open deals by forecast category, recorded once a week (by the
// action, and by the app's first start in a week), and the review that sets this week's
// call beside last week's and shows the deals that changed category in between.

export function dealsWithCategory(db: Db, scope: Scope): OpenDeal[] {
  return openDeals(db, scope).map((d) => ({ ...d, category: categoryOf(d.override, d.stageProbabilityBp) }));
}

/** Records the call of every rep in scope for the week holding `date` (a rerun replaces it). */
export function recordCalls(
  ctx: ServerContext,
  date: IsoDate,
  scope: Scope = {},
  opts: { onlyWithDeals?: boolean } = {},
): { recorded: number; weekStart: IsoDate } {
  const weekStart = weekStartOf(date);
  const month = monthOfDate(weekStart);
  const deals = dealsWithCategory(ctx.db, scope);
  const reps = repsInScope(ctx.db, scope).filter((r) => !opts.onlyWithDeals || deals.some((d) => d.ownerId === r.id));
  const calls = new Map(callsOf(deals, month).map((c) => [c.ownerId, c]));
  ctx.db.transaction(() => {
    for (const rep of reps) {
      const mine = deals.filter((d) => d.ownerId === rep.id);
      const call = calls.get(rep.id) ?? {
        ownerId: rep.id,
        month: { commit: 0, bestCase: 0, pipeline: 0 },
        quarter: { commit: 0, bestCase: 0, pipeline: 0 },
      };
      saveCall(ctx, rep, weekStart, ctx.clock.today(), call, mine);
    }
  })();
  return { recorded: reps.length, weekStart };
}

/**
 * At the first start of a week: records this week's calls of the reps with open deals,
 * unless some are already recorded (a rep with nothing open has no call to make).
 */
export function recordDueCalls(ctx: ServerContext): boolean {
  const weekStart = weekStartOf(ctx.clock.today());
  const any = ctx.db.prepare('SELECT 1 FROM forecast_calls WHERE week_start = ? AND deleted_at IS NULL LIMIT 1').get(weekStart);
  if (any) return false;
  return recordCalls(ctx, weekStart, {}, { onlyWithDeals: true }).recorded > 0;
}

export interface RepForecast {
  ownerId: string;
  /** This week's recorded call, or (not recorded yet) the call the deals make now. */
  thisWeek: RepCall;
  recorded: boolean;
  lastWeek: RepCall | null;
}

export interface ForecastReview {
  weekStart: IsoDate;
  month: string;
  reps: RepForecast[];
  moves: (CategoryMove & { name: string })[];
}

/**
 * This week's call (recorded, else as the deals stand now) beside last week's recorded
 * call, and the deals whose category changed between last week's call and this week's.
 */
export function forecastReview(db: Db, week: IsoDate, scope: Scope): ForecastReview {
  const weekStart = weekStartOf(week);
  const month = monthOfDate(weekStart);
  const current = callsOfWeek(db, weekStart, scope);
  const previous = callsOfWeek(db, addDays(weekStart, -7), scope);
  const live = current.size < repsInScope(db, scope).length ? dealsWithCategory(db, scope) : [];
  const liveCalls = new Map(callsOf(live, month).map((c) => [c.ownerId, c]));
  const names = new Map(live.map((d) => [d.opportunityId, d.name]));
  const reps: RepForecast[] = repsInScope(db, scope).map((rep) => {
    const stored = current.get(rep.id);
    const prev = previous.get(rep.id);
    return {
      ownerId: rep.id,
      thisWeek: stored
        ? strip(stored)
        : (liveCalls.get(rep.id) ?? {
            ownerId: rep.id,
            month: { commit: 0, bestCase: 0, pipeline: 0 },
            quarter: { commit: 0, bestCase: 0, pipeline: 0 },
          }),
      recorded: !!stored,
      lastWeek: prev ? strip(prev) : null,
    };
  });
  const before: CallDeal[] = [...previous.values()].flatMap((c) => c.deals);
  const now: CallDeal[] = reps.flatMap((r) => current.get(r.ownerId)?.deals ?? live.filter((d) => d.ownerId === r.ownerId));
  const moves = categoryMoves(before, now);
  const missing = moves.filter((m) => !names.has(m.opportunityId)).map((m) => m.opportunityId);
  if (missing.length) {
    const q = db.prepare('SELECT name FROM opportunities WHERE id = ?').pluck();
    for (const id of missing) names.set(id, q.get(id) as string);
  }
  return { weekStart, month, reps, moves: moves.map((m) => ({ ...m, name: names.get(m.opportunityId) ?? '' })) };
}

const strip = (c: RepCall): RepCall => ({ ownerId: c.ownerId, month: c.month, quarter: c.quarter });
