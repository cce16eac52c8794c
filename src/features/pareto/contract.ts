import * as z from 'zod';
import { channel, zFileToken, zId, zJobId, zLang } from '../../shared/contract/define';

// Pareto / ABC analysis, grading, visit plan and value scorecard (docs/en/accounts.md and abc.md).

export const zMeasure = z.enum(['sales', 'salesLastYear', 'profit']);
const zClass = z.enum(['A', 'B', 'C']);
const zPercent = z.number().min(0).max(100);

/** What is ranked: the measure, the scope (all / a territory / a rep) and the thresholds in percent. */
export const zParetoParams = z
  .object({
    measure: zMeasure.default('sales'),
    territoryId: zId.optional(),
    ownerId: zId.optional(),
    a: zPercent.default(55),
    b: zPercent.default(85),
  })
  .strict()
  .refine((p) => p.a <= p.b, { message: 'threshold A must not exceed B', path: ['a'] });
export type ParetoParams = z.output<typeof zParetoParams>;

const zShares = {
  accounts: z.number(),
  accountShare: z.number(),
  value: z.number(),
  valueShare: z.number(),
};

export const zParetoAnalysis = z.object({
  measure: zMeasure,
  thresholds: z.object({ a: z.number(), b: z.number() }),
  count: z.number(),
  /** Sum of the positive values in fen. */
  total: z.number(),
  nonPositive: z.number(),
  /** Ranks (1-based, inclusive) where A and B end; 0 when the class is empty. */
  lastA: z.number(),
  lastB: z.number(),
  composition: z.array(z.object({ cls: zClass, ...zShares, healthyShare: z.number(), difference: z.number() })),
  reading: z.object({ 'zh-CN': z.string(), en: z.string() }),
  chart: z.object({
    /** Accounts per bar (1 when every account has its own bar). */
    bucket: z.number(),
    bars: z.array(
      z.object({
        /** First and last rank in the bar. */
        from: z.number(),
        to: z.number(),
        /** The largest value in the bar (the first account's), and the smallest. */
        value: z.number(),
        min: z.number(),
        /** Cumulative share after the bar's last account, 0–1. */
        cumulativeShare: z.number(),
        cls: zClass,
        id: z.string(),
        name: z.string(),
      }),
    ),
    /** Bar index ranges of the A, B and C zones (inclusive); null when the zone is empty. */
    zones: z.array(z.object({ cls: zClass, fromBar: z.number(), toBar: z.number() }).nullable()),
  }),
  /** Milliseconds spent ranking (0 when served from the cache). */
  rankedMs: z.number(),
  cached: z.boolean(),
});
export type ParetoAnalysis = z.infer<typeof zParetoAnalysis>;

export const zRankRow = z.object({
  rank: z.number(),
  id: z.string(),
  name: z.string(),
  territoryZh: z.string(),
  territoryEn: z.string(),
  ownerZh: z.string().nullable(),
  ownerEn: z.string().nullable(),
  city: z.string().nullable(),
  value: z.number(),
  share: z.number(),
  cumulativeShare: z.number(),
  cls: zClass,
  grade: z.string().nullable(),
  gradeSource: z.string().nullable(),
});
export type RankRow = z.infer<typeof zRankRow>;

export const zGradePreview = z.object({
  /** Accounts whose grade would change. */
  changes: z.number(),
  /** Accounts already holding the computed grade (possibly marked manual: then only the mark changes). */
  unchanged: z.number(),
  /** Accounts graded by hand whose grade would be overwritten (0 when keepManual). */
  manualOverwritten: z.number(),
  /** Grade now → grade after, with counts ('' = no grade yet). */
  moves: z.array(z.object({ from: z.string(), to: zClass, count: z.number() })),
});

export const zGradeBatch = z.object({
  id: z.string(),
  kind: z.enum(['pareto', 'undo']),
  rule: z.string(),
  onDate: z.string(),
  at: z.string(),
  changed: z.number(),
  undoneBy: z.string().nullable(),
});

export const zGradeHistoryRow = z.object({
  at: z.string(),
  date: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  source: z.enum(['pareto', 'undo', 'manual', 'import']),
  rule: z.string().nullable(),
  batchId: z.string().nullable(),
});

const zGrades4 = <T extends z.ZodType>(t: T) => z.object({ A: t, B: t, C: t, D: t }).strict();
export const zVisitSettings = z
  .object({
    perMonth: zGrades4(z.number().int().min(0).max(31)),
    byPhone: zGrades4(z.boolean()),
    visitsPerDay: z.number().int().min(1).max(50),
    callsPerDay: z.number().int().min(1).max(200),
  })
  .strict();
const zDims = <T extends z.ZodType>(t: T) => z.object({ financial: t, sales: t, customer: t, service: t }).strict();
export const zScorecardSettings = z
  .object({
    weights: zDims(z.number().int().min(0).max(100)).refine(
      (w) => w.financial + w.sales + w.customer + w.service > 0,
      'at least one weight must be positive',
    ),
    cutoffs: z
      .object({ a: zPercent, b: zPercent })
      .strict()
      .refine((c) => c.b <= c.a, 'the A cutoff must be at least the B cutoff'),
  })
  .strict();
export const zParetoSettings = z
  .object({
    measure: zMeasure,
    a: zPercent,
    b: zPercent,
    visits: zVisitSettings,
    scorecard: zScorecardSettings,
  })
  .strict();
export type ParetoSettings = z.infer<typeof zParetoSettings>;

const zContact = z.object({
  accountId: z.string(),
  name: z.string(),
  city: z.string().nullable(),
  grade: z.string(),
  mode: z.enum(['visit', 'call']),
  n: z.number(),
  of: z.number(),
});
export const zVisitPlan = z.object({
  month: z.string(),
  workingDays: z.number(),
  days: z.array(
    z.object({
      date: z.string(),
      week: z.number(),
      visits: z.number(),
      calls: z.number(),
      groups: z.array(z.object({ city: z.string().nullable(), contacts: z.array(zContact) })),
      overloaded: z.boolean(),
    }),
  ),
  byGrade: z.array(
    z.object({
      grade: z.string(),
      accounts: z.number(),
      perAccount: z.number(),
      mode: z.enum(['visit', 'call']),
      contacts: z.number(),
      days: z.number(),
    }),
  ),
  visits: z.number(),
  calls: z.number(),
  daysNeeded: z.number(),
  overloaded: z.boolean(),
  overloadedDays: z.number(),
  /** Accounts without a grade, planned by their current ABC class instead. */
  ungradedPlannedByClass: z.number(),
});
export type VisitPlanOut = z.infer<typeof zVisitPlan>;

/** How many contacts of one day the plan screen lists; a normal day has at most visitsPerDay + callsPerDay. */
export const DAY_LISTED = 40;
/**
 * The plan as its screen gets it: each day lists its first DAY_LISTED contacts and counts the
 * rest (`hidden`), so a rep holding a hundred thousand accounts gets a readable, overloaded
 * plan and not 65 MB of it; the exported workbook lists every contact.
 */
export const zVisitPlanScreen = zVisitPlan.extend({
  days: z.array(zVisitPlan.shape.days.element.extend({ hidden: z.number() })),
});

const zMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM');
const zPlanInput = z.object({ month: zMonth, ownerId: zId }).strict();

const zScores = zDims(z.number());
export const zScorecardResult = z.object({
  settings: zScorecardSettings,
  count: z.number(),
  byGrade: z.object({ A: z.number(), B: z.number(), C: z.number() }),
  /** matrix[abc][scorecard] = accounts. */
  matrix: z.record(zClass, z.record(zClass, z.number())),
  disagreementCount: z.number(),
  disagreements: z.array(
    z.object({ id: z.string(), name: z.string(), abc: zClass, scorecard: zClass, total: z.number(), scores: zScores, gap: z.number() }),
  ),
});

export const paretoContract = {
  'pareto:settings': channel(z.object({}).strict(), zParetoSettings),
  'pareto:saveSettings': channel(zParetoSettings.partial().strict(), zParetoSettings),
  /** Classification summary and chart data; ranked once per measure and scope, then served from a cache. */
  'pareto:analyze': channel(
    z.object({ params: zParetoParams, maxBars: z.number().int().min(10).max(5000).default(2000) }).strict(),
    zParetoAnalysis,
  ),
  /** One page of the ranked accounts (exact numbers), optionally one class only. */
  'pareto:ranks': channel(
    z
      .object({
        params: zParetoParams,
        cls: zClass.optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(1000).default(100),
      })
      .strict(),
    z.object({ total: z.number(), rows: z.array(zRankRow) }),
  ),
  'pareto:previewGrades': channel(z.object({ params: zParetoParams, keepManual: z.boolean().default(false) }).strict(), zGradePreview),
  'pareto:applyGrades': channel(
    z.object({ params: zParetoParams, keepManual: z.boolean().default(false), jobId: zJobId }).strict(),
    z.object({ batchId: z.string().nullable(), changed: z.number() }),
    { long: true },
  ),
  'pareto:undoGrades': channel(
    z.object({ batchId: zId }).strict(),
    z.object({ batchId: z.string(), reverted: z.number(), skipped: z.number() }),
  ),
  'pareto:gradeBatches': channel(z.object({ limit: z.number().int().min(1).max(200).default(20) }).strict(), z.array(zGradeBatch)),
  'pareto:gradeHistory': channel(z.object({ accountId: zId }).strict(), z.array(zGradeHistoryRow)),
  'pareto:export': channel(
    z.object({ params: zParetoParams, file: zFileToken, lang: zLang.default('en'), jobId: zJobId }).strict(),
    z.object({ rows: z.number() }),
    { long: true },
  ),
  'pareto:visitPlan': channel(zPlanInput, zVisitPlanScreen),
  'pareto:exportVisitPlan': channel(
    zPlanInput.extend({ file: zFileToken, lang: zLang.default('en') }).strict(),
    z.object({ rows: z.number() }),
  ),
  'pareto:scorecard': channel(
    z
      .object({ params: zParetoParams, settings: zScorecardSettings.optional(), limit: z.number().int().min(1).max(2000).default(200) })
      .strict(),
    zScorecardResult,
  ),
} as const;
