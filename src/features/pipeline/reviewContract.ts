import * as z from 'zod';
import { zFen, zId, zIsoDate } from '../../shared/contract/define';

// The funnel's and the weekly review's answers and the review's input (./contract names the
// channels). Their numbers are sums the server computes (../review, ../funnel); the screen,
// the workbook and the drill-down show them as they are.

export const zStatus = z.enum(['open', 'won', 'lost']);

const zStageMetrics = z.object({
  stageId: z.string(),
  opportunities: z.number(),
  accounts: z.number(),
  amount: zFen,
  forecast: zFen,
  movedDown: z.number(),
  accountsMovedDown: z.number(),
  speedDays: z.number().nullable(),
  lost: z.number(),
  accountsLost: z.number(),
  visited: z.number(),
  lossRatioBp: z.number().nullable(),
  stalled: z.number(),
  accountsStalled: z.number(),
  stallRatioBp: z.number().nullable(),
});
const zCounts = z.object({
  new: z.number(),
  advanced: z.number(),
  movedBack: z.number(),
  won: z.number(),
  lost: z.number(),
  unchanged: z.number(),
});
const zGroup = z.object({
  key: z.string(),
  counts: zCounts,
  openFrom: z.number(),
  amountFrom: zFen,
  openTo: z.number(),
  amountTo: zFen,
  weightedTo: zFen,
  wonAmount: zFen,
  lostAmount: zFen,
  stalled: z.number(),
  slipped: z.number(),
});
const zBridge = z.object({ start: zFen, new: zFen, increase: zFen, decrease: zFen, won: zFen, lost: zFen, slipped: zFen, end: zFen });
const zMovement = z.enum(['new', 'advanced', 'movedBack', 'won', 'lost', 'unchanged']);
/** One opportunity's part of the review (names are joined by the caller: the UI has them). */
export const zReviewRow = z.object({
  id: z.string(),
  accountId: z.string(),
  territoryId: z.string(),
  ownerId: z.string(),
  stageFrom: z.string().nullable(),
  stageTo: z.string(),
  statusFrom: zStatus.nullable(),
  statusTo: zStatus,
  amountFrom: zFen.nullable(),
  amountTo: zFen,
  closeFrom: z.string().nullable(),
  closeTo: z.string(),
  weightedTo: zFen,
  change: zMovement,
  reopened: z.boolean(),
  daysInStage: z.number().nullable(),
  stalled: z.boolean(),
  slippedDays: z.number().nullable(),
  amountDelta: zFen,
  exits: z.array(z.object({ stageId: z.string(), exit: z.enum(['forward', 'back', 'won', 'lost']), days: z.number() })),
  visited: z.array(z.string()),
  bridge: zBridge,
  entry: z.enum(['new', 'reopened', 'pulledIn']).nullable(),
});
export type ReviewRowOut = z.infer<typeof zReviewRow>;

export const zCommitmentItem = z.object({
  id: z.string(),
  opportunityId: z.string(),
  opportunityName: z.string(),
  ownerId: z.string(),
  reviewDate: z.string(),
  step: z.string(),
  dueDate: z.string(),
  doneOn: z.string().nullable(),
  outcome: z.enum(['kept', 'notKept', 'pending']),
  keptBy: z.enum(['done', 'stageMoved', 'won']).nullable(),
  keptOn: z.string().nullable(),
});
export type CommitmentItem = z.infer<typeof zCommitmentItem>;
const zRepCommitments = z.object({
  ownerId: z.string(),
  kept: z.number(),
  notKept: z.number(),
  pending: z.number(),
  items: z.array(zCommitmentItem),
});

export const zReviewOut = z.object({
  from: z.string(),
  to: z.string(),
  stallDays: z.number(),
  periodEnd: z.string().nullable(),
  rows: z.array(zReviewRow),
  counts: zCounts,
  stalled: z.number(),
  slipped: z.number(),
  increases: z.object({ count: z.number(), amount: zFen }),
  decreases: z.object({ count: z.number(), amount: zFen }),
  pipelineFrom: z.object({ count: z.number(), amount: zFen }),
  pipelineTo: z.object({ count: z.number(), amount: zFen, weighted: zFen }),
  perStage: z.array(zStageMetrics),
  byOwner: z.array(zGroup),
  byTerritory: z.array(zGroup),
  bridge: zBridge,
  forecast: z.array(z.object({ month: z.string(), count: z.number(), amount: zFen, weighted: zFen })),
  /** Commitments from earlier reviews (review date before `to`, due by or after `from`), evaluated as of `to`. */
  commitments: z.array(zRepCommitments),
  /** Commitments recorded at this review (review date = `to`). */
  recorded: z.array(zCommitmentItem),
  millis: z.number(),
});
export type ReviewOut = z.infer<typeof zReviewOut>;

export const zFunnelOut = z.object({
  asOf: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  stages: z.array(
    z.object({
      stageId: z.string(),
      count: z.number(),
      accounts: z.number(),
      amount: zFen,
      weighted: zFen,
      converted: z.number(),
      left: z.number(),
      conversionBp: z.number().nullable(),
      avgDays: z.number().nullable(),
    }),
  ),
  months: z.array(z.object({ month: z.string(), count: z.number(), amount: zFen, weighted: zFen, won: zFen })),
  open: z.object({ count: z.number(), amount: zFen, weighted: zFen }),
  wonToDate: z.object({ count: z.number(), amount: zFen }),
});
export type FunnelOut = z.infer<typeof zFunnelOut>;

export const zReviewInput = z
  .object({
    from: zIsoDate,
    to: zIsoDate,
    stallDays: z.number().int().min(1).max(3650).optional(),
    /** End of the bridge's period; absent = end of the quarter containing `to`; null = no limit. */
    periodEnd: zIsoDate.nullable().optional(),
    territoryId: zId.optional(),
    ownerId: zId.optional(),
  })
  .strict()
  .refine((x) => x.from <= x.to, { message: 'from must not be after to', path: ['from'] });
