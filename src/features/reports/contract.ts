import * as z from 'zod';
import { channel, zFen, zFileToken, zId, zImportError, zIsoDate, zJobId, zNonNegFen, zOk } from '../../shared/contract/define';

// The Reports area (issue 18): quotas, forecast categories and the weekly call, the Monday
// overview and the meeting pack.

const zMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM');
export const zCategory = z.enum(['commit', 'bestCase', 'pipeline', 'omitted']);
const zScopeFields = { territoryId: zId.optional(), ownerId: zId.optional() };
const zAmounts = z.object({ commit: zFen, bestCase: zFen, pipeline: zFen });
const zCall = z.object({ ownerId: z.string(), month: zAmounts, quarter: zAmounts });
const zQuotaYear = z.object({ key: z.string(), months: z.array(zFen), quarters: z.array(zFen), year: zFen });
const zRatio = z.number().nullable();

export const zLookups = z.object({
  today: z.string(),
  reps: z.array(z.object({ id: z.string(), territoryId: z.string(), nameZh: z.string(), nameEn: z.string() })),
  territories: z.array(z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string() })),
});
export type ReportsLookups = z.infer<typeof zLookups>;

export const zQuotasOut = z.object({ year: z.number(), reps: z.array(zQuotaYear), territories: z.array(zQuotaYear), team: zQuotaYear });
export type QuotasOut = z.infer<typeof zQuotasOut>;

export const zDeal = z.object({
  opportunityId: z.string(),
  name: z.string(),
  accountName: z.string(),
  ownerId: z.string(),
  territoryId: z.string(),
  stageId: z.string(),
  amount: zFen,
  expectedClose: z.string(),
  override: zCategory.nullable(),
  category: zCategory,
  stageProbabilityBp: z.number(),
});
export type Deal = z.infer<typeof zDeal>;

export const zForecastOut = z.object({
  weekStart: z.string(),
  month: z.string(),
  reps: z.array(z.object({ ownerId: z.string(), thisWeek: zCall, recorded: z.boolean(), lastWeek: zCall.nullable() })),
  moves: z.array(
    z.object({ opportunityId: z.string(), name: z.string(), ownerId: z.string(), from: zCategory, to: zCategory, amount: zFen }),
  ),
});
export type ForecastOut = z.infer<typeof zForecastOut>;

const zRepLine = z.object({
  quotaMonth: zFen,
  wonMonth: zFen,
  quotaQuarter: zFen,
  wonQuarter: zFen,
  openQuarter: zFen,
  attainmentMonth: zRatio,
  attainmentQuarter: zRatio,
  coverage: zRatio,
});
const zMovementKind = z.enum(['new', 'advanced', 'movedBack', 'won', 'lost', 'slipped']);
const zGrade = z.enum(['A', 'B', 'C', 'D']);

export const zOverview = z.object({
  week: z.object({ weekStart: z.string(), weekEnd: z.string(), asOf: z.string(), previousAsOf: z.string(), month: z.string() }),
  quarter: z.string(),
  reps: z.array(zRepLine.extend({ ownerId: z.string(), nameZh: z.string(), nameEn: z.string(), territoryId: z.string() })),
  total: zRepLine,
  forecast: zForecastOut,
  movement: z.object({
    lines: z.array(
      z.object({
        opportunityId: z.string(),
        name: z.string(),
        ownerId: z.string(),
        kind: zMovementKind,
        from: z.string().nullable(),
        to: z.string().nullable(),
        amount: zFen,
      }),
    ),
    counts: z.record(zMovementKind, z.number()),
    amounts: z.record(zMovementKind, zFen),
  }),
  stalled: z.array(
    z.object({
      opportunityId: z.string(),
      name: z.string(),
      accountName: z.string(),
      ownerId: z.string(),
      stageId: z.string(),
      days: z.number(),
      amount: zFen,
      expectedClose: z.string(),
    }),
  ),
  stallDays: z.number(),
  commitments: z.array(
    z.object({
      id: z.string(),
      opportunityId: z.string(),
      opportunityName: z.string(),
      ownerId: z.string(),
      step: z.string(),
      reviewDate: z.string(),
      dueDate: z.string(),
      outcome: z.enum(['kept', 'notKept', 'pending']),
      week: z.enum(['this', 'last']),
    }),
  ),
  visits: z.object({
    dueByClass: z.record(zGrade, z.object({ visits: z.number(), calls: z.number() })),
    accounts: z.array(
      z.object({
        accountId: z.string(),
        name: z.string(),
        ownerId: z.string(),
        grade: zGrade,
        planned: z.number(),
        lastVisit: z.string().nullable(),
        daysSince: z.number().nullable(),
        allowedDays: z.number().nullable(),
        overdue: z.boolean(),
      }),
    ),
    overdue: z.number(),
  }),
  receivables: z.array(
    z.object({
      invoiceId: z.string(),
      invoiceNo: z.string(),
      accountId: z.string(),
      customer: z.string(),
      dueDate: z.string(),
      daysOverdue: z.number(),
      outstanding: zFen,
      reached: z.string().nullable(),
      suggested: z.string().nullable(),
    }),
  ),
  overdueTotal: z.object({ count: z.number(), amount: zFen }),
  composition: z.array(
    z.object({ cls: z.enum(['A', 'B', 'C']), accounts: z.number(), accountShare: z.number(), healthyShare: z.number() }),
  ),
  negotiations: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      opportunityName: z.string().nullable(),
      rounds: z.number(),
      lastHeld: z.string().nullable(),
      nextRound: z.number(),
    }),
  ),
  stages: z.array(z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string() })),
});
export type OverviewOut = z.infer<typeof zOverview>;

/** How many stalled deals the Monday screen lists (the pack lists them all). */
export const STALLED_SHOWN = 5;

/**
 * The overview as the Monday screen shows it. The lists that grow with the book (every account
 * due a visit, every move of the week, every stalled deal) are the meeting pack's; the screen
 * shows their counts and the first stalled deals, so it opens as fast on a million accounts.
 * The visits come apart (zOverviewVisits): the reps' visit plans take seconds on a big book.
 */
export const zOverviewVisits = zOverview.shape.visits.omit({ accounts: true });
export type OverviewVisits = z.infer<typeof zOverviewVisits>;
export const zOverviewScreen = zOverview.omit({ visits: true, movement: true, stalled: true }).extend({
  movement: zOverview.shape.movement.omit({ lines: true }),
  stalled: zOverview.shape.stalled.max(STALLED_SHOWN),
  stalledCount: z.number(),
});
export type OverviewScreen = z.infer<typeof zOverviewScreen>;

export const zWeekInput = z.object({ week: zIsoDate, today: zIsoDate.optional(), ...zScopeFields }).strict();

export const reportsContract = {
  'reports:lookups': channel(z.object({}).strict(), zLookups),
  'reports:quotas': channel(z.object({ year: z.number().int().min(2000).max(2100) }).strict(), zQuotasOut),
  /** One rep's quota for one month, in fen. */
  'reports:setQuota': channel(z.object({ ownerId: zId, month: zMonth, amount: zNonNegFen }).strict(), zOk),
  'reports:exportQuotas': channel(z.object({ file: zFileToken, jobId: zJobId }).strict(), z.object({ rows: z.number() }), { long: true }),
  /** All-or-nothing import of Owner, Month, Quota. */
  'reports:importQuotas': channel(
    z.object({ file: zFileToken, jobId: zJobId }).strict(),
    z.object({ inserted: z.number(), updated: z.number(), unchanged: z.number() }),
    { long: true },
  ),
  'reports:deals': channel(z.object(zScopeFields).strict(), z.array(zDeal)),
  /** The owner's forecast category for an open opportunity (null: follow the stage). */
  'reports:setCategory': channel(z.object({ opportunityId: zId, category: zCategory.nullable() }).strict(), zOk),
  /** Records this week's call of every rep in scope (again: replaces it). */
  'reports:recordCall': channel(
    z.object({ week: zIsoDate.optional(), ...zScopeFields }).strict(),
    z.object({ recorded: z.number(), weekStart: z.string() }),
  ),
  'reports:forecast': channel(z.object({ week: zIsoDate, ...zScopeFields }).strict(), zForecastOut),
  'reports:overview': channel(zWeekInput, zOverviewScreen),
  /** The overview's visits tile: contacts due this week by class, accounts overdue a visit. */
  'reports:overviewVisits': channel(zWeekInput, zOverviewVisits),
  'reports:exportPack': channel(
    zWeekInput.extend({ file: zFileToken, lang: z.enum(['zh-CN', 'en']).default('en'), jobId: zJobId }).strict(),
    z.object({ rows: z.number() }),
    { long: true },
  ),
} as const;

export { zImportError };
