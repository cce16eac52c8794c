import * as z from 'zod';
import { channel, zFen, zFileToken, zId, zIsoDate, zLang, zOk } from '../../shared/contract/define';

// Negotiation-planning worksheets (docs/en/negotiation.md). Issue values are integer hundredths of
// the issue's unit (fen for money); see units.ts. The issue model (zIssue) is meant to be
// reused by other features (role-play scoring ranks the same four default issues).

import { directions, issueKinds, teamRoles, timeoutReasons } from './vocabulary';
export { directions, issueKinds, teamRoles, timeoutReasons };
export type { Direction, IssueKind, TeamRole, TimeoutReason } from './vocabulary';

/** Hundredths of a unit; bounded so sums stay exact in doubles. */
export const zQuantity = z.number().int().min(-1e13).max(1e13);
const zPriority = z.number().int().min(1).max(4);
const zName = z.string().trim().min(1, 'a name is required').max(100);
/** An id in a plan being saved: an existing row's id, or a client key for a new row. */
const zRef = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const zStep = z.object({
  id: z.string(),
  /** Which number the user typed: the position after the step, or the size of the step. */
  entered: z.enum(['position', 'size']),
  position: zQuantity.nullable(),
  size: zQuantity.nullable(),
  exchange: z.string(),
  tradedIssueId: z.string().nullable(),
  tradedAmount: zQuantity.nullable(),
  reason: z.string(),
});
export type Step = z.infer<typeof zStep>;

export const zIssue = z.object({
  id: z.string(),
  kind: z.enum(issueKinds),
  name: z.string(),
  unit: z.string(),
  direction: z.enum(directions),
  quote: zQuantity.nullable(),
  target: zQuantity.nullable(),
  floor: zQuantity.nullable(),
  ourPriority: zPriority,
  theirPriority: zPriority,
  theirOpening: zQuantity.nullable(),
  theirFloor: zQuantity.nullable(),
  steps: z.array(zStep),
});
export type Issue = z.infer<typeof zIssue>;

export const zTeamMember = z.object({
  id: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  role: z.enum(teamRoles),
  topicIssueId: z.string().nullable(),
});
export type TeamMember = z.infer<typeof zTeamMember>;

export const zRound = z.object({
  id: z.string(),
  roundNo: z.number().int(),
  heldOn: z.string().nullable(),
  theirDemand: z.string(),
  ourResponse: z.string(),
  concededText: z.string(),
  concededIssueId: z.string().nullable(),
  concededAmount: zQuantity.nullable(),
  receivedText: z.string(),
  receivedIssueId: z.string().nullable(),
  receivedAmount: zQuantity.nullable(),
  timeoutReason: z.enum(timeoutReasons).nullable(),
  timeoutNote: z.string(),
  confirmed: z.boolean(),
  createdAt: z.string(),
});
export type Round = z.infer<typeof zRound>;

export const zAgreementTerm = z.object({
  id: z.string(),
  issueId: z.string().nullable(),
  term: z.string(),
  agreedValue: zQuantity.nullable(),
  confirmed: z.boolean(),
});
export type AgreementTerm = z.infer<typeof zAgreementTerm>;

export const zWorksheet = z.object({
  id: z.string(),
  name: z.string(),
  opportunityId: z.string().nullable(),
  notes: z.string(),
  version: z.number(),
  updatedAt: z.string(),
  agreementConfirmedAt: z.string().nullable(),
  team: z.array(zTeamMember),
  issues: z.array(zIssue),
  rounds: z.array(zRound),
  agreement: z.array(zAgreementTerm),
});
export type Worksheet = z.infer<typeof zWorksheet>;

export const zPickedOpportunities = z.object({
  opportunities: z.array(
    z.object({ id: z.string(), name: z.string(), accountName: z.string(), status: z.enum(['open', 'won', 'lost']), amount: zFen }),
  ),
  more: z.boolean(),
});
export type PickedOpportunities = z.infer<typeof zPickedOpportunities>;

export const zWorksheetSummary = z.object({
  id: z.string(),
  name: z.string(),
  opportunityId: z.string().nullable(),
  opportunityName: z.string().nullable(),
  /** The linked opportunity's account: demo and real books hold many deals of one name. */
  opportunityAccountName: z.string().nullable(),
  issues: z.number(),
  steps: z.number(),
  rounds: z.number(),
  agreed: z.boolean(),
  updatedAt: z.string(),
});
export type WorksheetSummary = z.infer<typeof zWorksheetSummary>;

// ---- Saving a plan: the whole team and issue list at once, diffed against the stored rows.

export const zStepInput = z
  .object({
    id: zRef.optional(),
    entered: z.enum(['position', 'size']),
    position: zQuantity.nullable(),
    size: zQuantity.nullable(),
    exchange: z.string().max(500),
    tradedIssueId: zRef.nullable(),
    tradedAmount: zQuantity.nullable(),
    reason: z.string().max(1000),
  })
  .strict();
export type StepInput = z.infer<typeof zStepInput>;

export const zIssueInput = z
  .object({
    id: zRef.optional(),
    kind: z.enum(issueKinds),
    name: zName,
    unit: z.string().trim().min(1, 'a unit is required').max(20),
    direction: z.enum(directions),
    quote: zQuantity.nullable(),
    target: zQuantity.nullable(),
    floor: zQuantity.nullable(),
    ourPriority: zPriority,
    theirPriority: zPriority,
    theirOpening: zQuantity.nullable(),
    theirFloor: zQuantity.nullable(),
    steps: z.array(zStepInput).max(50),
  })
  .strict();
export type IssueInput = z.infer<typeof zIssueInput>;

export const zTeamMemberInput = z
  .object({
    id: zRef.optional(),
    name: zName,
    title: z.string().max(100).nullable(),
    role: z.enum(teamRoles),
    topicIssueId: zRef.nullable(),
  })
  .strict();

export const zPlanInput = z
  .object({
    id: zId,
    /** The version the editor loaded; a save over someone else's change is refused. */
    version: z.number().int().optional(),
    name: zName,
    opportunityId: zId.nullable(),
    notes: z.string().max(20000),
    team: z.array(zTeamMemberInput).max(50),
    issues: z.array(zIssueInput).min(1, 'a worksheet needs at least one issue').max(30),
  })
  .strict();
export type PlanInput = z.infer<typeof zPlanInput>;

export const zRoundInput = z
  .object({
    worksheetId: zId,
    heldOn: zIsoDate.nullable(),
    theirDemand: z.string().max(2000),
    ourResponse: z.string().max(2000),
    concededText: z.string().max(1000),
    concededIssueId: zId.nullable(),
    concededAmount: zQuantity.nullable(),
    receivedText: z.string().max(1000),
    receivedIssueId: zId.nullable(),
    receivedAmount: zQuantity.nullable(),
    timeoutReason: z.enum(timeoutReasons).nullable(),
    timeoutNote: z.string().max(1000),
    confirmed: z.boolean(),
  })
  .strict();
export type RoundInput = z.infer<typeof zRoundInput>;

export const zAgreementInput = z
  .object({
    worksheetId: zId,
    terms: z
      .array(
        z
          .object({
            id: zRef.optional(),
            issueId: zId.nullable(),
            term: z.string().max(2000),
            agreedValue: zQuantity.nullable(),
            confirmed: z.boolean(),
          })
          .strict(),
      )
      .max(60),
    /** Confirm the whole agreement (true), withdraw the confirmation (false), or leave it. */
    confirmAll: z.boolean().optional(),
  })
  .strict();
export type AgreementInput = z.infer<typeof zAgreementInput>;

export const zImportError = z.object({
  sheet: z.string(),
  row: z.number().int(),
  column: z.string(),
  value: z.string(),
  reason: z.string(),
});
export type NegotiationImportError = z.infer<typeof zImportError>;

export const negotiationContract = {
  'negotiation:list': channel(z.object({}).strict(), z.array(zWorksheetSummary)),
  'negotiation:get': channel(z.object({ id: zId }).strict(), zWorksheet),
  /** A new worksheet with the four default issues named in `lang`. */
  'negotiation:create': channel(z.object({ name: zName, opportunityId: zId.nullable(), lang: zLang }).strict(), zWorksheet),
  'negotiation:savePlan': channel(zPlanInput, zWorksheet),
  'negotiation:delete': channel(z.object({ id: zId }).strict(), zOk),
  'negotiation:addRound': channel(zRoundInput, zWorksheet),
  'negotiation:deleteRound': channel(z.object({ worksheetId: zId, roundId: zId }).strict(), zWorksheet),
  'negotiation:saveAgreement': channel(zAgreementInput, zWorksheet),
  /**
   * Opportunities a worksheet can be linked to, searched as the user types (a page, never the
   * whole pipeline): every word in the opportunity's or its account's name; open ones first.
   * Or, given ids, those opportunities (deleted ones too), to name a link a form already holds.
   */
  'negotiation:opportunities': channel(
    z
      .object({
        search: z.string().max(200).default(''),
        limit: z.number().int().min(1).max(50).default(20),
        ids: z.array(zId).min(1).max(50).optional(),
      })
      .strict(),
    zPickedOpportunities,
  ),
  'negotiation:export': channel(
    z.object({ id: zId, file: zFileToken, lang: zLang }).strict(),
    z.object({ sheets: z.array(z.string()), checks: z.number() }),
  ),
  'negotiation:import': channel(
    z.object({ file: zFileToken, name: zName.optional() }).strict(),
    z.object({ id: z.string(), name: z.string(), checks: z.number() }),
  ),
} as const;
