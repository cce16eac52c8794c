import * as z from 'zod';
import { channel, zFileToken, zId, zIsoDate, zJobId, zLang, zOk } from '../../shared/contract/define';

// Negotiation role-play training sessions (docs/en/training.md). Every mutating channel answers
// with the whole session, so the editor simply re-renders; scores come from
// 'training:results', computed from the stored rows by domain.ts (never stored).

const zSide = z.enum(['vendor', 'customer']);
const zLevel = z.number().int().min(1).max(5);
const zPriority = z.number().int().min(1).max(6);
const zName = z.string().trim().min(1, 'a name is required').max(100);
const zTerm = z.string().max(200).nullable();
const zTerms = z.array(zTerm).length(5);
export const zBrokenOffRule = z.enum(['zero', 'asEntered', 'fixedLevel']);

export const zTrainingSession = z.object({
  id: z.string(),
  name: z.string(),
  date: z.string(),
  caseDescription: z.string().nullable(),
  timeLimitMinutes: z.number().int(),
  trainerNotes: z.string().nullable(),
  brokenOffRule: zBrokenOffRule,
  brokenOffLevel: z.number().int().nullable(),
  debriefOpen: z.boolean(),
  version: z.number(),
  updatedAt: z.string(),
});
export type TrainingSession = z.infer<typeof zTrainingSession>;

export const zTrainingIssue = z.object({
  id: z.string(),
  /** price | payment | service | delivery (the negotiation feature's issue kinds), null for a custom issue. */
  issueKey: z.string().nullable(),
  name: z.string(),
  position: z.number().int(),
  /** vendorTerms[k]: what level k+1 means for the vendor (level 5 = its best). */
  vendorTerms: z.array(z.string().nullable()),
  customerTerms: z.array(z.string().nullable()),
});
export type TrainingIssue = z.infer<typeof zTrainingIssue>;

export const zTrainingTeam = z.object({ id: z.string(), name: z.string(), side: zSide, position: z.number().int() });
export type TrainingTeamRow = z.infer<typeof zTrainingTeam>;

export const zTrainingRound = z.object({ id: z.string(), roundNo: z.number().int(), timeLimitMinutes: z.number().int().nullable() });
export const zTrainingPairing = z.object({
  id: z.string(),
  roundNo: z.number().int(),
  label: z.string(),
  vendorTeamId: z.string(),
  customerTeamId: z.string(),
  signed: z.boolean(),
});
export type TrainingPairingRow = z.infer<typeof zTrainingPairing>;

export const zTrainingOutcome = z.object({
  pairingId: z.string(),
  issueId: z.string(),
  term: z.string().nullable(),
  vendorLevel: z.number().int(),
  customerLevel: z.number().int(),
});
export type TrainingOutcome = z.infer<typeof zTrainingOutcome>;

const zRank = z.object({ teamId: z.string(), issueId: z.string(), priority: z.number().int() });

export const zTrainingDetail = z.object({
  session: zTrainingSession,
  issues: z.array(zTrainingIssue),
  teams: z.array(zTrainingTeam),
  rounds: z.array(zTrainingRound),
  pairings: z.array(zTrainingPairing),
  outcomes: z.array(zTrainingOutcome),
  priorities: z.array(zRank),
  guesses: z.array(zRank),
});
export type TrainingDetail = z.infer<typeof zTrainingDetail>;

export const zTrainingSummary = z.object({
  id: z.string(),
  name: z.string(),
  date: z.string(),
  vendorTeams: z.number().int(),
  customerTeams: z.number().int(),
  pairings: z.number().int(),
  signed: z.number().int(),
  vendorAverage: z.number().nullable(),
  customerAverage: z.number().nullable(),
  jointAverage: z.number().nullable(),
  bestJoint: z.number().nullable(),
  leftOnTableAverage: z.number().nullable(),
});
export type TrainingSummary = z.infer<typeof zTrainingSummary>;

// Results: the domain's SessionResults, flattened for the wire.
const zScoreLine = z.object({
  issueId: z.string(),
  priority: z.number().int().nullable(),
  weight: z.number().int().nullable(),
  level: z.number().int().nullable(),
  score: z.number().int(),
  conceded: z.number().int().nullable(),
});
const zSideScore = z.object({ teamId: z.string(), total: z.number().int(), conceded: z.number().int(), lines: z.array(zScoreLine) });
const zPoint = z.object({ vendor: z.number(), customer: z.number() });
export const zPairingResult = z.object({
  pairingId: z.string(),
  roundNo: z.number().int(),
  label: z.string(),
  signed: z.boolean(),
  status: z.enum(['signed', 'brokenOff', 'incomplete']),
  missing: z.array(z.string()),
  vendor: zSideScore,
  customer: zSideScore,
  joint: z.number().int(),
  possible: z
    .object({
      group: z.number().int(),
      deal: zPoint,
      leftOnTable: z.number(),
      gapToBestJoint: z.number(),
      onFrontier: z.boolean(),
      beyondFrontier: z.boolean(),
    })
    .nullable(),
});
export type PairingResult = z.infer<typeof zPairingResult>;
export const zLeaderRow = z.object({
  rank: z.number().int(),
  teamId: z.string(),
  name: z.string(),
  side: zSide,
  total: z.number().int(),
  joint: z.number().int(),
  guessAccuracy: z.number().nullable(),
  pairings: z.number().int(),
});
export type LeaderRowOut = z.infer<typeof zLeaderRow>;
const zDebriefLine = z.object({
  issueId: z.string(),
  vendor: zScoreLine,
  customer: zScoreLine,
  mattersMoreTo: z.enum(['vendor', 'customer', 'both']).nullable(),
  wentTo: z.enum(['vendor', 'customer', 'split']).nullable(),
  wellTraded: z.boolean().nullable(),
});
const zDebriefSide = z.object({ received: z.number().int(), conceded: z.number().int(), gaveUpTopPriority: z.boolean() });
export const zTrainingResults = z.object({
  issueCount: z.number().int(),
  maxScore: z.number().int(),
  /** Rows = priorities 1..n, columns = levels 1..5. */
  matrix: z.array(z.array(z.number().int())),
  pairings: z.array(zPairingResult),
  leaderboard: z.object({ vendor: z.array(zLeaderRow), customer: z.array(zLeaderRow) }),
  debriefs: z.array(z.object({ pairingId: z.string(), issues: z.array(zDebriefLine), vendor: zDebriefSide, customer: zDebriefSide })),
  groups: z.array(
    z.object({
      pairingIds: z.array(z.string()),
      combinations: z.number().int(),
      bestJoint: z.number(),
      points: z.array(z.object({ vendor: z.number(), customer: z.number(), count: z.number().int() })),
      frontier: z.array(zPoint),
    }),
  ),
});
export type TrainingResults = z.infer<typeof zTrainingResults>;

/** One rejected cell of a training import: the workbook's own row numbers (header = row 1). */
export const zTrainingImportError = z.object({
  sheet: z.string(),
  row: z.number().int(),
  column: z.string(),
  value: z.string(),
  reason: z.string(),
});
export type TrainingImportError = z.infer<typeof zTrainingImportError>;

const zSessionPatch = z
  .object({
    name: zName,
    date: zIsoDate,
    caseDescription: z.string().max(20000).nullable(),
    timeLimitMinutes: z.number().int().min(1).max(240),
    trainerNotes: z.string().max(20000).nullable(),
    brokenOffRule: zBrokenOffRule,
    brokenOffLevel: zLevel.nullable(),
    debriefOpen: z.boolean(),
  })
  .partial()
  .strict();
export type TrainingSessionPatch = z.infer<typeof zSessionPatch>;

const zById = z.object({ id: zId }).strict();

export const trainingContract = {
  'training:list': channel(z.object({}).strict(), z.array(zTrainingSummary)),
  'training:get': channel(zById, zTrainingDetail),
  /** A new session with the default case (four issues, level terms in `lang`). */
  'training:create': channel(
    z
      .object({
        name: zName,
        date: zIsoDate,
        lang: zLang,
        caseDescription: z.string().max(20000).nullable().optional(),
        timeLimitMinutes: z.number().int().min(1).max(240).optional(),
      })
      .strict(),
    zTrainingDetail,
  ),
  'training:update': channel(z.object({ id: zId, version: z.number().int().optional(), patch: zSessionPatch }).strict(), zTrainingDetail),
  'training:delete': channel(zById, zOk),
  'training:saveIssue': channel(
    z
      .object({
        sessionId: zId,
        id: zId.optional(),
        name: zName,
        issueKey: z.string().max(40).nullable().optional(),
        vendorTerms: zTerms,
        customerTerms: zTerms,
      })
      .strict(),
    zTrainingDetail,
  ),
  'training:deleteIssue': channel(zById, zTrainingDetail),
  'training:saveTeam': channel(z.object({ sessionId: zId, id: zId.optional(), name: zName, side: zSide }).strict(), zTrainingDetail),
  'training:deleteTeam': channel(zById, zTrainingDetail),
  /** A team's own order ('priorities') or its guess of the other side's ('guesses'); empty clears it. */
  'training:setOrder': channel(
    z
      .object({
        teamId: zId,
        kind: z.enum(['priorities', 'guesses']),
        order: z.array(z.object({ issueId: zId, priority: zPriority }).strict()).max(6),
      })
      .strict(),
    zTrainingDetail,
  ),
  'training:saveRound': channel(
    z
      .object({ sessionId: zId, roundNo: z.number().int().min(1).max(99), timeLimitMinutes: z.number().int().min(1).max(240).nullable() })
      .strict(),
    zTrainingDetail,
  ),
  'training:savePairing': channel(
    z
      .object({
        sessionId: zId,
        id: zId.optional(),
        roundNo: z.number().int().min(1).max(99),
        label: z.string().trim().min(1).max(40),
        vendorTeamId: zId,
        customerTeamId: zId,
        signed: z.boolean(),
      })
      .strict(),
    zTrainingDetail,
  ),
  'training:deletePairing': channel(zById, zTrainingDetail),
  /** The outcome on one issue: an agreed term (mapped to levels by the case), or both levels; null levels and term clear it. */
  'training:setOutcome': channel(
    z
      .object({
        pairingId: zId,
        issueId: zId,
        term: z.string().trim().max(200).nullable().optional(),
        vendorLevel: zLevel.nullable().optional(),
        customerLevel: zLevel.nullable().optional(),
      })
      .strict(),
    zTrainingDetail,
  ),
  'training:results': channel(zById, zTrainingResults),
  /** 'rounds': one sheet per round plus a summary (the app); 'scores': sheets Scores and Leaderboard (the CLI's contract). */
  'training:export': channel(
    z.object({ id: zId, file: zFileToken, lang: zLang, layout: z.enum(['rounds', 'scores']).default('rounds'), jobId: zJobId }).strict(),
    z.object({ sheets: z.array(z.string()), rows: z.number().int() }),
    { long: true },
  ),
  /** Sheets Teams, Priorities, Pairings, Outcomes (+ optional Guesses); all or nothing. */
  'training:import': channel(
    z
      .object({ file: zFileToken, name: z.string().trim().min(1).max(100).optional(), lang: zLang.default('zh-CN'), jobId: zJobId })
      .strict(),
    z.object({ sessionId: z.string(), teams: z.number().int(), pairings: z.number().int() }),
    { long: true },
  ),
  /** An empty import workbook with the five sheets and an example row in each. */
  'training:template': channel(z.object({ file: zFileToken }).strict(), zOk),
} as const;
