import * as z from 'zod';

// The team sync protocol, stage 1 (issue 21): the HTTP messages between a desktop book and the
// team server, and which SQLite tables travel as rows. Both sides import this file; the server
// is the one order (positions), the desktop's change_log is the outbox.

export const FAMILIES = ['org', 'people', 'accounts', 'pipeline', 'negotiation', 'training', 'receivables', 'settings'] as const;
export type Family = (typeof FAMILIES)[number];

export const TEAM_ROLES = ['admin', 'manager', 'rep', 'finance', 'trainer'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/**
 * Where a row's territory comes from: its own territory_id column ('own'), its parent row's
 * territory through a foreign key (`via`), or none (team-wide rows).
 */
export type TerritorySource = 'own' | { via: string; column: string } | 'none';

export interface SyncedTable {
  family: Family;
  territory: TerritorySource;
  /**
   * Facts that are appended, never edited: the server accepts inserts and deletes (a void, e.g.
   * a payment cancelled with its allocations) but no update or restore, and they never conflict.
   */
  appendOnly: boolean;
  /** The key column when it is not `id` (settings are keyed by `key`). */
  idColumn?: 'key';
  /** For 'own': the column holding the territory when it is not `territory_id`. */
  territoryColumn?: 'scope_territory_id';
  /**
   * For 'own': the parent whose territory this row keeps a copy of. When the parent moves, the
   * server moves the row with it: an account's contacts, deals and receivables go where the
   * account goes, and their territory column is updated. A fact (`fact: true`: an opportunity's
   * events, a payment) keeps the territory it happened in; only who may see it moves.
   */
  follows?: { table: string; column: string; fact?: true };
}

const own = (family: Family, appendOnly = false): SyncedTable => ({ family, territory: 'own', appendOnly });
const none = (family: Family, appendOnly = false): SyncedTable => ({ family, territory: 'none', appendOnly });
/** An 'own' row that goes where its parent goes (see `follows`). */
const child = (family: Family, table: string, column: string, appendOnly = false): SyncedTable => ({
  family,
  territory: 'own',
  appendOnly,
  follows: appendOnly ? { table, column, fact: true } : { table, column },
});
const via = (family: Family, parent: string, column: string): SyncedTable => ({
  family,
  territory: { via: parent, column },
  appendOnly: false,
});

/**
 * Every table of the desktop book that syncs as rows, from src/platform/db/migrations 0001–0011.
 * Not synced: import_batches (local history of files read) and change_log (it travels as changes).
 * Stages and stage models are the team's shared configuration ('org'): every rep needs them.
 */
export const SYNCED_TABLES: Readonly<Record<string, SyncedTable>> = {
  territories: none('org'),
  // The team's directory: everyone sees every person (a deal or an event names people of other
  // territories once it moves); a person is edited by the admin or a manager of their territory.
  reps: own('people'),
  manager_territories: own('org'),
  stage_models: none('org'),
  stages: none('org'),
  settings: { family: 'settings', territory: 'none', appendOnly: false, idColumn: 'key' },

  accounts: own('accounts'),
  contacts: child('accounts', 'accounts', 'account_id'),
  competitors: child('accounts', 'accounts', 'account_id'),
  // A grading's rule: filed under the territory it graded, team-wide when it graded every territory
  // (reps and managers see team-wide accounts rows, which are only these), so another person's
  // grade history names the rule.
  grade_batches: { family: 'accounts', territory: 'own', appendOnly: true, territoryColumn: 'scope_territory_id' },

  opportunities: child('pipeline', 'accounts', 'account_id'),
  opportunity_points: child('pipeline', 'opportunities', 'opportunity_id'),
  opportunity_pains: child('pipeline', 'opportunities', 'opportunity_id'),
  opportunity_events: child('pipeline', 'opportunities', 'opportunity_id', true),
  commitments: child('pipeline', 'opportunities', 'opportunity_id'),
  quotas: own('pipeline'),
  forecast_calls: own('pipeline'),
  forecast_call_items: own('pipeline'),

  negotiation_worksheets: via('negotiation', 'opportunities', 'opportunity_id'),
  negotiation_issues: via('negotiation', 'negotiation_worksheets', 'worksheet_id'),
  negotiation_team_members: via('negotiation', 'negotiation_worksheets', 'worksheet_id'),
  negotiation_steps: via('negotiation', 'negotiation_worksheets', 'worksheet_id'),
  negotiation_rounds: via('negotiation', 'negotiation_worksheets', 'worksheet_id'),
  negotiation_agreement_terms: via('negotiation', 'negotiation_worksheets', 'worksheet_id'),

  training_sessions: none('training'),
  training_issues: none('training'),
  training_teams: none('training'),
  training_priorities: none('training'),
  training_guesses: none('training'),
  training_rounds: none('training'),
  training_pairings: none('training'),
  training_outcomes: none('training'),

  // Forecast calls and provision bookings are a period's record: they stay where they were made.
  rcv_contracts: child('receivables', 'accounts', 'account_id'),
  rcv_milestones: child('receivables', 'rcv_contracts', 'contract_id'),
  rcv_invoices: child('receivables', 'accounts', 'account_id'),
  rcv_payments: child('receivables', 'accounts', 'account_id', true),
  rcv_allocations: child('receivables', 'accounts', 'account_id', true),
  rcv_collection_actions: child('receivables', 'accounts', 'account_id', true),
  rcv_credit_control: child('receivables', 'accounts', 'account_id'),
  rcv_rate_versions: none('receivables'),
  rcv_provision_bookings: none('receivables', true),
  rcv_provision_booking_lines: own('receivables', true),
};

export const isSyncedTable = (t: string): boolean => Object.prototype.hasOwnProperty.call(SYNCED_TABLES, t);

// ---- messages -------------------------------------------------------------------------------

/** One SQLite row as it is stored: column name -> value (text, integer, real or null). */
export const zRowData = z.record(z.string(), z.unknown());
export type RowData = z.infer<typeof zRowData>;

export const zTables = z.record(z.string(), z.array(zRowData));

/** {col: [before, after]} as the desktop's change_log writes it. */
export const zFieldChanges = z.record(z.string(), z.tuple([z.unknown(), z.unknown()]));
export type FieldChanges = z.infer<typeof zFieldChanges>;

export const zOp = z.enum(['insert', 'update', 'delete', 'restore']);
export type Op = z.infer<typeof zOp>;

/**
 * What a pull carries besides the pushed ops. The server writes these when an update moves a row
 * to another territory: `leave` to those who could see it only where it was (the book drops the
 * row), `arrive` with the whole row to those who can see it only where it went (the book adds it).
 */
export const zPulledOp = z.enum([...zOp.options, 'arrive', 'leave']);
export type PulledOp = z.infer<typeof zPulledOp>;

/** A change log batch id (a Pareto application, an import): grade history names the rule from it. */
const zBatchId = z.string().min(1).max(64).optional();

export const zPerson = z.object({
  id: z.string(),
  role: z.enum(TEAM_ROLES),
  territoryIds: z.array(z.string()),
  name: z.string(),
});
export type TeamPerson = z.infer<typeof zPerson>;

export const zSignInRequest = z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1024) });
export const zSignInResponse = z.object({ token: z.string(), person: zPerson });
export type SignInResponse = z.infer<typeof zSignInResponse>;

export const zCreateTeamRequest = z.object({
  admin: zSignInRequest,
  snapshot: z.object({ tables: zTables }),
  people: z.array(z.object({ id: z.string(), email: z.string().min(1).max(320) })),
});
export type CreateTeamRequest = z.infer<typeof zCreateTeamRequest>;
export const zCreateTeamResponse = z.object({
  position: z.number(),
  invites: z.array(z.object({ personId: z.string(), email: z.string(), code: z.string() })),
});
export type CreateTeamResponse = z.infer<typeof zCreateTeamResponse>;

export const zAcceptInviteRequest = z.object({
  email: z.string().min(1).max(320),
  code: z.string().min(1).max(200),
  password: z.string().min(8).max(1024),
});

export const zSnapshotResponse = z.object({ position: z.number(), tables: zTables });
export type SnapshotResponse = z.infer<typeof zSnapshotResponse>;

export const zPushChange = z.object({
  id: z.string().min(1).max(64),
  table: z.string(),
  rowId: z.string().min(1).max(200),
  op: zOp,
  changes: zFieldChanges,
  at: z.string(),
  batchId: zBatchId,
});
export type PushChange = z.infer<typeof zPushChange>;

export const PUSH_MAX = 500;
export const zPushRequest = z.object({ basePosition: z.number().int().min(0), changes: z.array(zPushChange).max(PUSH_MAX) });
export type PushRequest = z.infer<typeof zPushRequest>;

export const zOutcome = z.enum(['applied', 'duplicate', 'conflict', 'rejected']);
export type Outcome = z.infer<typeof zOutcome>;
export const zPushResult = z.object({
  id: z.string(),
  position: z.number().nullable(),
  outcome: zOutcome,
  reason: z.string().optional(),
});
export type PushResult = z.infer<typeof zPushResult>;
export const zPushResponse = z.object({ results: z.array(zPushResult) });
export type PushResponse = z.infer<typeof zPushResponse>;

export const zPulledChange = z.object({
  position: z.number(),
  id: z.string(),
  personId: z.string(),
  table: z.string(),
  rowId: z.string(),
  op: zPulledOp,
  changes: zFieldChanges,
  at: z.string(),
  batchId: zBatchId,
});
export type PulledChange = z.infer<typeof zPulledChange>;

export const zConflictKind = z.enum(['same-field', 'edit-on-deleted', 'rejected']);
export type ConflictKind = z.infer<typeof zConflictKind>;
export const zConflict = z.object({
  id: z.string(),
  position: z.number().nullable(),
  table: z.string(),
  rowId: z.string(),
  field: z.string().nullable(),
  kind: zConflictKind,
  mine: z.unknown(),
  theirs: z.unknown(),
  reason: z.string().nullable(),
});
export type Conflict = z.infer<typeof zConflict>;

export const PULL_LIMIT_MAX = 5000;
export const zPullResponse = z.object({
  changes: z.array(zPulledChange),
  conflicts: z.array(zConflict),
  last: z.number(),
  more: z.boolean(),
});
export type PullResponse = z.infer<typeof zPullResponse>;

export const zResolveResponse = z.object({ id: z.string(), resolvedAt: z.string() });

export const zErrorResponse = z.object({ error: z.string(), message: z.string() });
