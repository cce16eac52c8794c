import type { ServerContext } from '../../../platform/context';
import { addDays, type IsoDate } from '../../../shared/dates';
import type { PlanGrade } from '../../pareto/visitPlan';
import { monthOfDate, reportWeek, type ReportWeek } from '../periods';
import { allowedGapDays, visitState } from '../visits';
import type { Overview, OverviewInput, OverviewSources } from './overviewShapes';
import { repsInScope, scopeSql, type Scope } from './repo';

// The overview's visits: the contacts due this week by class, from each rep's visit plan, and
// the accounts overdue a visit (the meeting pack lists them; the screen's tile counts them).

/**
 * The week's visits on their own (the Monday screen's visits tile asks for them apart: at a
 * million accounts the reps' visit plans take seconds, and the rest of the screen need not
 * wait on them): the contacts due by class and the number of accounts overdue, no list.
 */
export function overviewVisits(ctx: ServerContext, input: OverviewInput, from: OverviewSources): Omit<Overview['visits'], 'accounts'> {
  const week = reportWeek(input.week, input.today ?? ctx.clock.today());
  const { dueByClass, overdue } = visitsOf(ctx, week, input, from, { accounts: false });
  return { dueByClass, overdue };
}

export function visitsOf(
  ctx: ServerContext,
  week: ReportWeek,
  scope: Scope,
  from: OverviewSources,
  want: { accounts: boolean },
): Overview['visits'] {
  const settings = from.paretoSettings(ctx.db);
  const owners = repsInScope(ctx.db, scope).map((r) => r.id);
  const dueByClass = Object.fromEntries(
    (['A', 'B', 'C', 'D'] as const).map((g) => [g, { visits: 0, calls: 0 }]),
  ) as Overview['visits']['dueByClass'];
  const planned = new Map<string, number>();
  const months = [...new Set([monthOfDate(week.weekStart), monthOfDate(week.weekEnd)])];
  // The Pareto area's monthly visit plan of each rep, cut to this week's days.
  for (const ownerId of owners) {
    for (const month of months) {
      const p = from.visitPlan(ctx, month, ownerId);
      for (const day of p.days) {
        if (day.date < week.weekStart || day.date > week.weekEnd) continue;
        for (const g of day.groups) {
          for (const c of g.contacts) {
            dueByClass[c.grade as PlanGrade][c.mode === 'visit' ? 'visits' : 'calls']++;
            planned.set(c.accountId, (planned.get(c.accountId) ?? 0) + 1);
          }
        }
      }
    }
  }
  const s = scopeSql(scope, '');
  if (!want.accounts) return { dueByClass, accounts: [], overdue: overdueCount(ctx, week.asOf, s, settings.visits.perMonth) };
  const rows = ctx.db
    .prepare(
      `SELECT id, name, owner_id AS ownerId, grade, last_visit AS lastVisit FROM accounts WHERE deleted_at IS NULL AND owner_id IS NOT NULL${s.sql} ORDER BY name, id`,
    )
    .all(s.params) as { id: string; name: string; ownerId: string; grade: PlanGrade | null; lastVisit: string | null }[];
  const accounts: Overview['visits']['accounts'] = [];
  let overdue = 0;
  for (const a of rows) {
    // Ungraded accounts are held to class C's cadence (the least demanding that still visits).
    const grade = a.grade ?? 'C';
    const st = visitState(a.lastVisit && a.lastVisit <= week.asOf ? a.lastVisit : null, settings.visits.perMonth[grade], week.asOf);
    const n = planned.get(a.id) ?? 0;
    if (st.overdue) overdue++;
    if (st.overdue || n > 0)
      accounts.push({ accountId: a.id, name: a.name, ownerId: a.ownerId, grade, planned: n, lastVisit: a.lastVisit, ...st });
  }
  accounts.sort(
    (x, y) =>
      Number(y.overdue) - Number(x.overdue) ||
      (y.daysSince ?? 1e9) - (x.daysSince ?? 1e9) ||
      (x.name < y.name ? -1 : x.name > y.name ? 1 : 0),
  );
  return { dueByClass, accounts, overdue };
}

/**
 * How many owned accounts in scope are overdue a visit on `asOf`, counted in SQL: visitState's
 * rule (no visit, a visit after `asOf`, or the last one longer ago than the class allows; an
 * ungraded account held to class C; a class with no visits never overdue) as a date threshold
 * per class, so a million accounts are one scan, not a million objects.
 */
function overdueCount(
  ctx: ServerContext,
  asOf: IsoDate,
  s: { sql: string; params: Record<string, string> },
  perMonth: Record<PlanGrade, number>,
): number {
  const threshold = (g: PlanGrade) => {
    const allowed = allowedGapDays(perMonth[g]);
    return allowed === null ? null : addDays(asOf, -allowed);
  };
  return ctx.db
    .prepare(
      `SELECT count(*) FROM (
         SELECT last_visit, CASE coalesce(grade, 'C') WHEN 'A' THEN @tA WHEN 'B' THEN @tB WHEN 'C' THEN @tC ELSE @tD END AS th
         FROM accounts WHERE deleted_at IS NULL AND owner_id IS NOT NULL${s.sql})
       WHERE th IS NOT NULL AND (last_visit IS NULL OR last_visit > @asOf OR last_visit < th)`,
    )
    .pluck()
    .get({ ...s.params, asOf, tA: threshold('A'), tB: threshold('B'), tC: threshold('C'), tD: threshold('D') }) as number;
}
