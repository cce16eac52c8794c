import type { ServerContext } from '../../../platform/context';
import { addDays, type IsoDate } from '../../../shared/dates';
import type { Fen } from '../../../shared/money';
import { attainment, coverage, quotaFor } from '../quotas';
import { monthRange, quarterMonths, quarterRange, reportWeek, type ReportWeek } from '../periods';
import { forecastReview } from './forecastService';
import { quotaRows, repsInScope, scopeSql, type Scope } from './repo';
import { STALLED_SHOWN, type OverviewScreen } from '../contract';
import { visitsOf } from './overviewVisits';
import {
  MOVEMENT_KINDS,
  type MovementKind,
  type MovementLine,
  type Overview,
  type OverviewInput,
  type OverviewSources,
  type RepLine,
} from './overviewShapes';

export { MOVEMENT_KINDS, type MovementKind, type MovementLine, type Overview, type OverviewInput, type OverviewSources, type RepLine };

// The Monday screen's numbers and the meeting pack's rows come from this one function, so
// the screen and the workbook always agree. Everything is a function of the book, the
// week and `today` (the caller's input, defaulting to the book's today).

/** What the Monday screen is sent (zOverviewScreen): the counts of the growing lists, the first stalled deals; the visits come apart. */
export function overviewScreen(o: Omit<Overview, 'visits'>): OverviewScreen {
  const { movement, stalled, ...rest } = o;
  return {
    ...rest,
    movement: { counts: movement.counts, amounts: movement.amounts },
    stalled: stalled.slice(0, STALLED_SHOWN),
    stalledCount: stalled.length,
  };
}

const ratio = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 10_000);

/**
 * The whole overview, as the meeting pack writes it: the screen's parts and the visits with
 * every account due one.
 */
export function buildOverview(ctx: ServerContext, input: OverviewInput, from: OverviewSources): Overview {
  const core = buildOverviewCore(ctx, input, from);
  return { ...core, visits: visitsOf(ctx, core.week, input, from, { accounts: true }) };
}

/** The overview without its visits: what the Monday screen shows at once. */
export function buildOverviewCore(ctx: ServerContext, input: OverviewInput, from: OverviewSources): Omit<Overview, 'visits'> {
  const db = ctx.db;
  const scope: Scope = { territoryId: input.territoryId, ownerId: input.ownerId };
  const week = reportWeek(input.week, input.today ?? ctx.clock.today());
  const { month, asOf } = week;
  const qRange = quarterRange(month);
  const mRange = monthRange(month);
  const reps = repsInScope(db, scope);
  const quotas = quotaRows(db, quarterMonths(month)[0], quarterMonths(month)[2]);

  // Movement, stalled and the open pipeline as of the report day: the pipeline review.
  const review = from.review(db, { from: week.previousAsOf, to: asOf, territoryId: scope.territoryId, ownerId: scope.ownerId });
  const s = scopeSql(scope, 'o');
  const oppInfo = new Map(
    (
      db
        .prepare(
          `SELECT o.id, o.name, a.name AS accountName FROM opportunities o JOIN accounts a ON a.id = o.account_id WHERE o.deleted_at IS NULL${s.sql}`,
        )
        .all(s.params) as { id: string; name: string; accountName: string }[]
    ).map((r) => [r.id, r]),
  );
  const openQuarter = new Map<string, Fen>();
  for (const r of review.rows) {
    if (r.statusTo === 'open' && r.closeTo >= qRange.from && r.closeTo <= qRange.to)
      openQuarter.set(r.ownerId, (openQuarter.get(r.ownerId) ?? 0) + r.amountTo);
  }
  const wonRows = db
    .prepare(
      `SELECT o.owner_id AS ownerId, o.closed_on AS closedOn, o.amount_fen AS amount FROM opportunities o WHERE o.deleted_at IS NULL AND o.status = 'won' AND o.closed_on >= @from AND o.closed_on <= @asOf${s.sql}`,
    )
    .all({ ...s.params, from: qRange.from, asOf }) as { ownerId: string; closedOn: string; amount: number }[];

  const lines: RepLine[] = reps.map((rep) => {
    const q = quotaFor(quotas, month, new Set([rep.id]));
    const won = wonRows.filter((w) => w.ownerId === rep.id);
    const wonQuarter = won.reduce((x, w) => x + w.amount, 0);
    const wonMonth = won.filter((w) => w.closedOn >= mRange.from).reduce((x, w) => x + w.amount, 0);
    const open = openQuarter.get(rep.id) ?? 0;
    return {
      ownerId: rep.id,
      nameZh: rep.nameZh,
      nameEn: rep.nameEn,
      territoryId: rep.territoryId,
      quotaMonth: q.month,
      wonMonth,
      quotaQuarter: q.quarter,
      wonQuarter,
      openQuarter: open,
      attainmentMonth: ratio(attainment(wonMonth, q.month)),
      attainmentQuarter: ratio(attainment(wonQuarter, q.quarter)),
      coverage: ratio(coverage(open, q.quarter, wonQuarter)),
    };
  });
  const sum = (k: 'quotaMonth' | 'wonMonth' | 'quotaQuarter' | 'wonQuarter' | 'openQuarter') => lines.reduce((x, l) => x + l[k], 0);
  const total = {
    quotaMonth: sum('quotaMonth'),
    wonMonth: sum('wonMonth'),
    quotaQuarter: sum('quotaQuarter'),
    wonQuarter: sum('wonQuarter'),
    openQuarter: sum('openQuarter'),
    attainmentMonth: ratio(attainment(sum('wonMonth'), sum('quotaMonth'))),
    attainmentQuarter: ratio(attainment(sum('wonQuarter'), sum('quotaQuarter'))),
    coverage: ratio(coverage(sum('openQuarter'), sum('quotaQuarter'), sum('wonQuarter'))),
  };

  const forecast = forecastReview(db, week.weekStart, scope);
  const movementLines: MovementLine[] = [];
  for (const r of review.rows) {
    const name = oppInfo.get(r.id)?.name ?? '';
    if (r.change !== 'unchanged') {
      movementLines.push({
        opportunityId: r.id,
        name,
        ownerId: r.ownerId,
        kind: r.change,
        from: r.stageFrom,
        to: r.change === 'won' || r.change === 'lost' ? r.change : r.stageTo,
        amount: r.amountTo,
      });
    }
    if (r.slippedDays !== null)
      movementLines.push({
        opportunityId: r.id,
        name,
        ownerId: r.ownerId,
        kind: 'slipped',
        from: r.closeFrom,
        to: r.closeTo,
        amount: r.amountTo,
      });
  }
  movementLines.sort(
    (a, b) =>
      MOVEMENT_KINDS.indexOf(a.kind) - MOVEMENT_KINDS.indexOf(b.kind) ||
      b.amount - a.amount ||
      (a.opportunityId < b.opportunityId ? -1 : 1),
  );
  const counts = Object.fromEntries(MOVEMENT_KINDS.map((k) => [k, 0])) as Record<MovementKind, number>;
  const amounts = Object.fromEntries(MOVEMENT_KINDS.map((k) => [k, 0])) as Record<MovementKind, Fen>;
  for (const m of movementLines) {
    counts[m.kind]++;
    amounts[m.kind] += m.amount;
  }

  const stalled = review.rows
    .filter((r) => r.stalled)
    .map((r) => ({
      opportunityId: r.id,
      name: oppInfo.get(r.id)?.name ?? '',
      accountName: oppInfo.get(r.id)?.accountName ?? '',
      ownerId: r.ownerId,
      stageId: r.stageTo,
      days: r.daysInStage ?? 0,
      amount: r.amountTo,
      expectedClose: r.closeTo,
    }))
    .sort((a, b) => b.days - a.days || b.amount - a.amount || (a.opportunityId < b.opportunityId ? -1 : 1));

  return {
    week,
    quarter: `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`,
    reps: lines,
    total,
    forecast,
    movement: { lines: movementLines, counts, amounts },
    stalled,
    stallDays: review.stallDays,
    commitments: commitmentsOf(ctx, week, scope, from),
    ...receivablesOf(ctx, asOf, scope, from),
    composition: from
      .composition(db, scope)
      .map((c) => ({ cls: c.cls, accounts: c.accounts, accountShare: c.accountShare, healthyShare: c.healthyShare })),
    negotiations: negotiationsOf(ctx, scope),
    stages: from.stages(db).map((st) => ({ id: st.id, nameZh: st.nameZh, nameEn: st.nameEn })),
  };
}

function commitmentsOf(ctx: ServerContext, week: ReportWeek, scope: Scope, from: OverviewSources): Overview['commitments'] {
  const s = scopeSql(scope, 'o');
  const ids = ctx.db
    .prepare(
      `SELECT c.id, c.due_date FROM commitments c JOIN opportunities o ON o.id = c.opportunity_id
       WHERE c.deleted_at IS NULL AND o.deleted_at IS NULL AND c.due_date >= @from AND c.due_date <= @to${s.sql} ORDER BY c.due_date, c.id`,
    )
    .all({ ...s.params, from: addDays(week.weekStart, -7), to: week.weekEnd }) as { id: string; due_date: string }[];
  return ids.map(({ id, due_date }) => {
    const c = from.commitment(ctx.db, id, week.asOf);
    return {
      id,
      opportunityId: c.opportunityId,
      opportunityName: c.opportunityName,
      ownerId: c.ownerId,
      step: c.step,
      reviewDate: c.reviewDate,
      dueDate: c.dueDate,
      outcome: c.outcome,
      week: due_date < week.weekStart ? 'last' : 'this',
    };
  });
}

function receivablesOf(
  ctx: ServerContext,
  asOf: IsoDate,
  scope: Scope,
  from: OverviewSources,
): Pick<Overview, 'receivables' | 'overdueTotal'> {
  const all = from.overdue(ctx.db, asOf);
  // A scope keeps the items of its accounts: asked for those items' accounts only, not every account in scope.
  let items = all;
  if (scope.territoryId || scope.ownerId) {
    const s = scopeSql(scope, '');
    const inScope = new Set(
      ctx.db
        .prepare(`SELECT id FROM accounts WHERE deleted_at IS NULL AND id IN (SELECT value FROM json_each(@ids))${s.sql}`)
        .pluck()
        .all({ ...s.params, ids: JSON.stringify([...new Set(all.map((i) => i.accountId))]) }) as string[],
    );
    items = all.filter((i) => inScope.has(i.accountId));
  }
  const top = [...items].sort((a, b) => b.outstanding - a.outstanding || (a.invoiceNo < b.invoiceNo ? -1 : 1)).slice(0, 10);
  return {
    receivables: top.map((i) => ({
      invoiceId: i.invoiceId,
      invoiceNo: i.invoiceNo,
      accountId: i.accountId,
      customer: i.customer,
      dueDate: i.dueDate,
      daysOverdue: i.daysOverdue,
      outstanding: i.outstanding,
      reached: i.reached,
      suggested: i.suggested,
    })),
    overdueTotal: { count: items.length, amount: items.reduce((x, i) => x + i.outstanding, 0) },
  };
}

function negotiationsOf(ctx: ServerContext, scope: Scope): Overview['negotiations'] {
  const scoped = !!(scope.territoryId || scope.ownerId);
  const s = scopeSql(scope, 'o');
  const rows = ctx.db
    .prepare(
      `SELECT w.id, w.name, o.name AS opportunityName,
         (SELECT COUNT(*) FROM negotiation_rounds r WHERE r.worksheet_id = w.id AND r.deleted_at IS NULL) AS rounds,
         (SELECT MAX(r.held_on) FROM negotiation_rounds r WHERE r.worksheet_id = w.id AND r.deleted_at IS NULL) AS lastHeld
       FROM negotiation_worksheets w LEFT JOIN opportunities o ON o.id = w.opportunity_id AND o.deleted_at IS NULL
       WHERE w.deleted_at IS NULL AND w.agreement_confirmed_at IS NULL${scoped ? ` AND o.id IS NOT NULL${s.sql}` : ''}
       ORDER BY w.name, w.id`,
    )
    .all(s.params) as { id: string; name: string; opportunityName: string | null; rounds: number; lastHeld: string | null }[];
  return rows.map((r) => ({ ...r, nextRound: r.rounds + 1 }));
}
