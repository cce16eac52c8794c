import type { Db } from '../../../platform/db/connection';
import { containsPattern, LIKE } from '../../../platform/db/like';
import { insertRow, softDelete, updateRow, type ChangeWriter } from '../../../platform/db/changeLog';
import type { AgreementTerm, Issue, PickedOpportunities, Round, Step, TeamMember, Worksheet, WorksheetSummary } from '../contract';

// SQL for the negotiation tables. Values are hundredths of the issue's unit (see units.ts).

type WorksheetRow = {
  id: string;
  name: string;
  opportunity_id: string | null;
  notes: string | null;
  agreement_confirmed_at: string | null;
  version: number;
  updated_at: string;
};
type IssueRow = {
  id: string;
  kind: Issue['kind'];
  name: string;
  unit: string;
  direction: Issue['direction'];
  quote: number | null;
  target: number | null;
  floor: number | null;
  our_priority: number;
  their_priority: number;
  their_opening: number | null;
  their_floor: number | null;
};
type StepRow = {
  id: string;
  issue_id: string;
  entered: Step['entered'];
  position: number | null;
  size: number | null;
  exchange: string;
  traded_issue_id: string | null;
  traded_amount: number | null;
  reason: string;
};
type TeamRow = { id: string; name: string; title: string | null; role: TeamMember['role']; topic_issue_id: string | null };
type RoundRow = {
  id: string;
  round_no: number;
  held_on: string | null;
  their_demand: string;
  our_response: string;
  conceded_text: string;
  conceded_issue_id: string | null;
  conceded_amount: number | null;
  received_text: string;
  received_issue_id: string | null;
  received_amount: number | null;
  timeout_reason: Round['timeoutReason'];
  timeout_note: string;
  confirmed: number;
  created_at: string;
};
type TermRow = { id: string; issue_id: string | null; term: string; agreed_value: number | null; confirmed: number };

export function getWorksheet(db: Db, id: string): Worksheet | null {
  const w = db
    .prepare(
      'SELECT id, name, opportunity_id, notes, agreement_confirmed_at, version, updated_at FROM negotiation_worksheets WHERE id = ? AND deleted_at IS NULL',
    )
    .get(id) as WorksheetRow | undefined;
  if (!w) return null;
  const steps = db
    .prepare(
      'SELECT id, issue_id, entered, position, size, exchange, traded_issue_id, traded_amount, reason FROM negotiation_steps WHERE worksheet_id = ? AND deleted_at IS NULL ORDER BY step_no, id',
    )
    .all(id) as StepRow[];
  const issues = (
    db
      .prepare('SELECT * FROM negotiation_issues WHERE worksheet_id = ? AND deleted_at IS NULL ORDER BY sort_order, id')
      .all(id) as IssueRow[]
  ).map((r): Issue => ({
    id: r.id,
    kind: r.kind,
    name: r.name,
    unit: r.unit,
    direction: r.direction,
    quote: r.quote,
    target: r.target,
    floor: r.floor,
    ourPriority: r.our_priority,
    theirPriority: r.their_priority,
    theirOpening: r.their_opening,
    theirFloor: r.their_floor,
    steps: steps.filter((s) => s.issue_id === r.id).map(toStep),
  }));
  const team = (
    db
      .prepare(
        'SELECT id, name, title, role, topic_issue_id FROM negotiation_team_members WHERE worksheet_id = ? AND deleted_at IS NULL ORDER BY sort_order, id',
      )
      .all(id) as TeamRow[]
  ).map((r): TeamMember => ({ id: r.id, name: r.name, title: r.title, role: r.role, topicIssueId: r.topic_issue_id }));
  const rounds = (
    db
      .prepare('SELECT * FROM negotiation_rounds WHERE worksheet_id = ? AND deleted_at IS NULL ORDER BY round_no, created_at')
      .all(id) as RoundRow[]
  ).map(toRound);
  const agreement = (
    db
      .prepare(
        'SELECT id, issue_id, term, agreed_value, confirmed FROM negotiation_agreement_terms WHERE worksheet_id = ? AND deleted_at IS NULL ORDER BY sort_order, id',
      )
      .all(id) as TermRow[]
  ).map((r): AgreementTerm => ({ id: r.id, issueId: r.issue_id, term: r.term, agreedValue: r.agreed_value, confirmed: r.confirmed === 1 }));
  return {
    id: w.id,
    name: w.name,
    opportunityId: w.opportunity_id,
    notes: w.notes ?? '',
    version: w.version,
    updatedAt: w.updated_at,
    agreementConfirmedAt: w.agreement_confirmed_at,
    team,
    issues,
    rounds,
    agreement,
  };
}

function toStep(r: StepRow): Step {
  return {
    id: r.id,
    entered: r.entered,
    position: r.position,
    size: r.size,
    exchange: r.exchange,
    tradedIssueId: r.traded_issue_id,
    tradedAmount: r.traded_amount,
    reason: r.reason,
  };
}

function toRound(r: RoundRow): Round {
  return {
    id: r.id,
    roundNo: r.round_no,
    heldOn: r.held_on,
    theirDemand: r.their_demand,
    ourResponse: r.our_response,
    concededText: r.conceded_text,
    concededIssueId: r.conceded_issue_id,
    concededAmount: r.conceded_amount,
    receivedText: r.received_text,
    receivedIssueId: r.received_issue_id,
    receivedAmount: r.received_amount,
    timeoutReason: r.timeout_reason,
    timeoutNote: r.timeout_note,
    confirmed: r.confirmed === 1,
    createdAt: r.created_at,
  };
}

export function listWorksheets(db: Db): WorksheetSummary[] {
  const rows = db
    .prepare(
      `SELECT w.id, w.name, w.opportunity_id, o.name AS opportunity_name, a.name AS account_name, w.updated_at, w.agreement_confirmed_at,
        (SELECT count(*) FROM negotiation_issues i WHERE i.worksheet_id = w.id AND i.deleted_at IS NULL) AS issues,
        (SELECT count(*) FROM negotiation_steps s WHERE s.worksheet_id = w.id AND s.deleted_at IS NULL) AS steps,
        (SELECT count(*) FROM negotiation_rounds r WHERE r.worksheet_id = w.id AND r.deleted_at IS NULL) AS rounds
       FROM negotiation_worksheets w LEFT JOIN opportunities o ON o.id = w.opportunity_id AND o.deleted_at IS NULL
       LEFT JOIN accounts a ON a.id = o.account_id
       WHERE w.deleted_at IS NULL ORDER BY w.updated_at DESC, w.id`,
    )
    .all() as {
    id: string;
    name: string;
    opportunity_id: string | null;
    opportunity_name: string | null;
    account_name: string | null;
    updated_at: string;
    agreement_confirmed_at: string | null;
    issues: number;
    steps: number;
    rounds: number;
  }[];
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    opportunityId: r.opportunity_id,
    opportunityName: r.opportunity_name,
    opportunityAccountName: r.account_name,
    issues: r.issues,
    steps: r.steps,
    rounds: r.rounds,
    agreed: r.agreement_confirmed_at !== null,
    updatedAt: r.updated_at,
  }));
}

// ---- Opportunities live in the pipeline's tables (migration 0003); this feature only reads them.

const OPPORTUNITY_PICK = `SELECT o.id, o.name, a.name AS accountName, o.status, o.amount_fen AS amount
  FROM opportunities o JOIN accounts a ON a.id = o.account_id`;

/**
 * Opportunities a worksheet can be linked to: every word typed in the opportunity's or its
 * account's name (many opportunities share a name such as "2026 MES 系统实施"; the account
 * tells them apart), open ones first, then by name. A page, never the whole pipeline.
 */
export function pickOpportunities(db: Db, input: { search: string; limit: number; ids?: string[] }): PickedOpportunities {
  if (input.ids) {
    const rows = db
      .prepare(`${OPPORTUNITY_PICK} WHERE o.id IN (SELECT value FROM json_each(?)) ORDER BY o.name, o.id`)
      .all(JSON.stringify(input.ids));
    return { opportunities: rows as PickedOpportunities['opportunities'], more: false };
  }
  const words = input.search.trim().split(/\s+/).filter(Boolean).slice(0, 10);
  const where = ['o.deleted_at IS NULL', ...words.map(() => `(o.name || ' ' || a.name) ${LIKE}`)];
  const rows = db
    .prepare(`${OPPORTUNITY_PICK} WHERE ${where.join(' AND ')} ORDER BY o.status <> 'open', o.name, a.name, o.id LIMIT ?`)
    .all(...words.map(containsPattern), input.limit + 1) as PickedOpportunities['opportunities'];
  return { opportunities: rows.slice(0, input.limit), more: rows.length > input.limit };
}

export function opportunityKnown(db: Db, id: string): boolean {
  return !!db.prepare('SELECT 1 FROM opportunities WHERE id = ? AND deleted_at IS NULL').get(id);
}

// ---- Writes. Each goes through insertRow/updateRow/softDelete so the change log follows.

export function insertWorksheet(w: ChangeWriter, cols: { name: string; opportunity_id: string | null; notes?: string }): string {
  return insertRow(w, 'negotiation_worksheets', { notes: '', ...cols, plan_saved_at: w.clock.now() });
}

export function liveIds(
  db: Db,
  table: 'negotiation_issues' | 'negotiation_steps' | 'negotiation_team_members' | 'negotiation_agreement_terms',
  worksheetId: string,
): Set<string> {
  const rows = db.prepare(`SELECT id FROM ${table} WHERE worksheet_id = ? AND deleted_at IS NULL`).all(worksheetId) as { id: string }[];
  return new Set(rows.map((r) => r.id));
}

/** Inserts or updates each row of a child list, soft-deleting the stored rows not in it. */
export function syncChildren(
  w: ChangeWriter,
  table: 'negotiation_issues' | 'negotiation_steps' | 'negotiation_team_members' | 'negotiation_agreement_terms',
  worksheetId: string,
  rows: { id: string; cols: Record<string, unknown> }[],
): void {
  const existing = liveIds(w.db, table, worksheetId);
  const keep = new Set<string>();
  for (const r of rows) {
    if (existing.has(r.id)) updateRow(w, table, r.id, r.cols);
    else insertRow(w, table, { id: r.id, worksheet_id: worksheetId, ...r.cols });
    keep.add(r.id);
  }
  for (const id of existing) if (!keep.has(id)) softDelete(w, table, id);
}

export function nextRoundNo(db: Db, worksheetId: string): number {
  const r = db
    .prepare('SELECT max(round_no) AS n FROM negotiation_rounds WHERE worksheet_id = ? AND deleted_at IS NULL')
    .get(worksheetId) as { n: number | null };
  return (r.n ?? 0) + 1;
}

export function roundBelongs(db: Db, worksheetId: string, roundId: string): boolean {
  return !!db
    .prepare('SELECT 1 FROM negotiation_rounds WHERE id = ? AND worksheet_id = ? AND deleted_at IS NULL')
    .get(roundId, worksheetId);
}

export function softDeleteWorksheet(w: ChangeWriter, id: string): void {
  for (const table of ['negotiation_steps', 'negotiation_team_members', 'negotiation_agreement_terms', 'negotiation_issues'] as const) {
    for (const childId of liveIds(w.db, table, id)) softDelete(w, table, childId);
  }
  const rounds = w.db.prepare('SELECT id FROM negotiation_rounds WHERE worksheet_id = ? AND deleted_at IS NULL').all(id) as {
    id: string;
  }[];
  for (const r of rounds) softDelete(w, 'negotiation_rounds', r.id);
  softDelete(w, 'negotiation_worksheets', id);
}
