import * as z from 'zod';
import { zCreated, zCreateMissing } from '../org/contract';
import { zCommitmentItem, zFunnelOut, zReviewInput, zReviewOut, zStatus } from './reviewContract';
import { channel, zFileToken, zId, zIsoDate, zJobId, zLang, zNonNegFen, zOk } from '../../shared/contract/define';

// The pipeline's channels (docs/en/pipeline.md): opportunities, stage models, the funnel, the
// weekly review with its commitments, and the review's workbook and import.

const opt = <T extends z.ZodType>(t: T) => t.nullable().optional();
const zBp = z.number().int().min(0).max(10_000);
const zStageIdOrOld = z.string().max(64);

export const zStage = z.object({
  id: z.string(),
  modelId: z.string(),
  position: z.number(),
  nameZh: z.string(),
  nameEn: z.string(),
  probabilityBp: z.number(),
  milestone: z.string().nullable(),
  exitCriterion: z.string().nullable(),
});
export type Stage = z.infer<typeof zStage>;

export const zStageModel = z.object({
  id: z.string(),
  builtin: z.string().nullable(),
  nameZh: z.string(),
  nameEn: z.string(),
  active: z.boolean(),
  stages: z.array(zStage),
  /** Live opportunities per stage id (a model switch must map the stages that hold some). */
  inUse: z.record(z.string(), z.number()),
});
export type StageModel = z.infer<typeof zStageModel>;

export const zPipelineLookups = z.object({
  stages: z.array(zStage),
  stallDays: z.number(),
  today: z.string(),
});
export type PipelineLookups = z.infer<typeof zPipelineLookups>;

/** An opportunity as the grid and the board show it. */
export const zOpportunity = z.object({
  id: z.string(),
  ref: z.string().nullable(),
  name: z.string(),
  accountId: z.string(),
  accountName: z.string(),
  territoryId: z.string(),
  ownerId: z.string(),
  amount: z.number(),
  expectedClose: z.string(),
  stageId: z.string(),
  /** The override, or null when the stage's probability applies. */
  probabilityBp: z.number().nullable(),
  /** The probability that applies. */
  probability: z.number(),
  weighted: z.number(),
  status: zStatus,
  closeReason: z.string().nullable(),
  closedOn: z.string().nullable(),
  createdOn: z.string(),
  nextStep: z.string().nullable(),
  nextStepDate: z.string().nullable(),
  /** The date it entered its current stage. */
  stageSince: z.string(),
  version: z.number(),
});
export type Opportunity = z.infer<typeof zOpportunity>;

import { CHECKLIST_KEYS, IMPACT_KEYS, INFO_KEYS } from './keys';
export { CHECKLIST_KEYS, IMPACT_KEYS, INFO_KEYS };

const zChecklist = z.object(
  Object.fromEntries(CHECKLIST_KEYS.map((k) => [k, z.boolean().nullable()])) as Record<
    (typeof CHECKLIST_KEYS)[number],
    z.ZodNullable<z.ZodBoolean>
  >,
);
const zInfo = z.object(
  Object.fromEntries(INFO_KEYS.map((k) => [k, z.string().max(5000).nullable()])) as Record<
    (typeof INFO_KEYS)[number],
    z.ZodNullable<z.ZodString>
  >,
);
const zImpacts = z.object(
  Object.fromEntries(IMPACT_KEYS.map((k) => [k, z.boolean()])) as Record<(typeof IMPACT_KEYS)[number], z.ZodBoolean>,
);

export const zPoint = z
  .object({ id: zId.optional(), kind: z.enum(['winning', 'threat', 'dormant']), text: z.string().trim().min(1).max(2000) })
  .strict();
export const zPain = z
  .object({ id: zId.optional(), text: z.string().trim().min(1).max(2000), impacts: zImpacts, severity: z.number().int().min(1).max(5) })
  .strict();
export type Point = z.infer<typeof zPoint>;
export type Pain = z.infer<typeof zPain>;

export const zEvent = z.object({
  date: z.string(),
  kind: z.string(),
  stageId: z.string(),
  status: zStatus,
  amount: z.number(),
  expectedClose: z.string(),
  probabilityBp: z.number().nullable(),
  ownerId: z.string(),
  stageSince: z.string(),
});

export const zOpportunityDetail = z.object({
  opportunity: zOpportunity,
  checklist: zChecklist,
  info: zInfo,
  points: z.array(zPoint.extend({ id: z.string() })),
  pains: z.array(zPain.extend({ id: z.string() })),
  events: z.array(zEvent),
});
export type OpportunityDetail = z.infer<typeof zOpportunityDetail>;

export const zOpportunityPatch = z
  .object({
    name: z.string().trim().min(1, 'name is required').max(200),
    accountId: zId,
    ownerId: zId,
    amount: zNonNegFen,
    expectedClose: zIsoDate,
    stageId: zId,
    probabilityBp: opt(zBp),
    status: zStatus,
    closeReason: opt(z.string().max(2000)),
    nextStep: opt(z.string().max(2000)),
    nextStepDate: opt(zIsoDate),
    checklist: zChecklist.partial().strict(),
    info: zInfo.partial().strict(),
    /** The full lists: items without id are added, missing ones removed. */
    points: z.array(zPoint).max(100),
    pains: z.array(zPain).max(100),
  })
  .partial()
  .strict();
export type OpportunityPatch = z.infer<typeof zOpportunityPatch>;

export const zScope = z.object({ territoryId: zId.optional(), ownerId: zId.optional() }).strict();

export type { CommitmentItem, FunnelOut, ReviewOut, ReviewRowOut } from './reviewContract';

export const zImportIssue = z.object({
  sheet: z.string(),
  row: z.number().int(),
  column: z.string(),
  value: z.string(),
  reason: z.string(),
});
export type ImportIssue = z.infer<typeof zImportIssue>;

export const pipelineContract = {
  'pipeline:lookups': channel(z.object({}).strict(), zPipelineLookups),
  'pipeline:list': channel(zScope.extend({ includeClosed: z.boolean().default(true) }).strict(), z.array(zOpportunity)),
  'pipeline:get': channel(z.object({ id: zId }).strict(), zOpportunityDetail),
  'pipeline:create': channel(
    zOpportunityPatch
      .required({ name: true, accountId: true, amount: true, expectedClose: true })
      .extend({ createdOn: zIsoDate.optional() })
      .strict(),
    zOpportunity,
  ),
  /** Tracked changes (stage, amount, close date, probability, owner, status) are recorded as of `effectiveDate` (default today). */
  'pipeline:update': channel(
    z.object({ id: zId, version: z.number().int().optional(), effectiveDate: zIsoDate.optional(), patch: zOpportunityPatch }).strict(),
    zOpportunity,
  ),
  'pipeline:delete': channel(z.object({ ids: z.array(zId).min(1).max(100_000) }).strict(), z.object({ deleted: z.number() })),
  'pipeline:stageModels': channel(z.object({}).strict(), z.array(zStageModel)),
  /** Renames, reorders, sets probabilities; stages without id are added; a removed stage's history follows mapTo. */
  'pipeline:saveStages': channel(
    z
      .object({
        modelId: zId,
        stages: z
          .array(
            z
              .object({
                id: zId.optional(),
                nameZh: z.string().trim().min(1).max(100),
                nameEn: z.string().trim().min(1).max(100),
                probabilityBp: zBp,
                milestone: opt(z.string().max(1000)),
                exitCriterion: opt(z.string().max(1000)),
              })
              .strict(),
          )
          .min(1)
          .max(30),
        removed: z
          .array(z.object({ id: zId, mapTo: zStageIdOrOld }).strict())
          .max(30)
          .default([]),
      })
      .strict(),
    z.array(zStageModel),
  ),
  /** Makes another model active, moving every opportunity by the explicit stage mapping. */
  'pipeline:switchModel': channel(z.object({ modelId: zId, mapping: z.record(zId, zId) }).strict(), z.object({ moved: z.number() })),
  'pipeline:settings': channel(
    z.object({ stallDays: z.number().int().min(1).max(3650).optional() }).strict(),
    z.object({ stallDays: z.number() }),
  ),
  'pipeline:funnel': channel(
    z.object({ asOf: zIsoDate, periodFrom: zIsoDate, periodTo: zIsoDate, territoryId: zId.optional(), ownerId: zId.optional() }).strict(),
    zFunnelOut,
  ),
  'pipeline:review': channel(zReviewInput, zReviewOut),
  'pipeline:commit': channel(
    z.object({ opportunityId: zId, reviewDate: zIsoDate, step: z.string().trim().min(1).max(1000), dueDate: zIsoDate }).strict(),
    zCommitmentItem,
  ),
  'pipeline:commitmentDone': channel(z.object({ id: zId, doneOn: zIsoDate.nullable() }).strict(), zOk),
  'pipeline:commitmentDelete': channel(z.object({ id: zId }).strict(), zOk),
  'pipeline:exportReview': channel(
    z
      .object({
        file: zFileToken,
        from: zIsoDate,
        to: zIsoDate,
        stallDays: z.number().int().min(1).max(3650).optional(),
        lang: zLang.default('en'),
        territoryId: zId.optional(),
        ownerId: zId.optional(),
        jobId: zJobId,
      })
      .strict(),
    z.object({ rows: z.number() }),
    { long: true },
  ),
  /** All-or-nothing import of the Opportunities (+ optional History) sheets; dryRun checks only. */
  'pipeline:import': channel(
    z
      .object({
        file: zFileToken,
        mapping: z.record(z.string().max(200), z.string().max(50)).optional(),
        dryRun: z.boolean().default(false),
        createMissing: zCreateMissing,
        jobId: zJobId,
      })
      .strict(),
    z.object({
      inserted: z.number(),
      updated: z.number(),
      events: z.number(),
      errors: z.array(zImportIssue),
      errorCount: z.number(),
      created: z.array(zCreated),
    }),
    { long: true },
  ),
} as const;
