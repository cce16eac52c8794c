import type { Db } from '../../../platform/db/connection';
import type { ChangeWriter } from '../../../platform/db/changeLog';
import { insertRow, softDelete, updateRow } from '../../../platform/db/changeLog';
import type { TrainingDetail, TrainingIssue, TrainingSession } from '../contract';

// SQL for the training tables. Reads return live rows only (deleted_at IS NULL).

type SessionRow = {
  id: string;
  name: string;
  session_date: string;
  case_description: string | null;
  time_limit_minutes: number;
  trainer_notes: string | null;
  broken_off_rule: 'zero' | 'asEntered' | 'fixedLevel';
  broken_off_level: number | null;
  debrief_open: number;
  version: number;
  updated_at: string;
};

// Level 1..5 → column suffix (the change log accepts column names of letters and _ only).
const TERM_COLS = (side: 'vendor' | 'customer') => ['one', 'two', 'three', 'four', 'five'].map((n) => `${side}_term_${n}`);
export const VENDOR_TERM_COLS = TERM_COLS('vendor');
export const CUSTOMER_TERM_COLS = TERM_COLS('customer');

function toSession(r: SessionRow): TrainingSession {
  return {
    id: r.id,
    name: r.name,
    date: r.session_date,
    caseDescription: r.case_description,
    timeLimitMinutes: r.time_limit_minutes,
    trainerNotes: r.trainer_notes,
    brokenOffRule: r.broken_off_rule,
    brokenOffLevel: r.broken_off_level,
    debriefOpen: r.debrief_open === 1,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

export function getSession(db: Db, id: string): TrainingSession | null {
  const r = db.prepare('SELECT * FROM training_sessions WHERE id = ? AND deleted_at IS NULL').get(id) as SessionRow | undefined;
  return r ? toSession(r) : null;
}

export function listSessionIds(db: Db): string[] {
  return (
    db.prepare('SELECT id FROM training_sessions WHERE deleted_at IS NULL ORDER BY session_date DESC, created_at DESC, id').all() as {
      id: string;
    }[]
  ).map((r) => r.id);
}

export function getDetail(db: Db, id: string): TrainingDetail | null {
  const session = getSession(db, id);
  if (!session) return null;
  const issues = (
    db.prepare('SELECT * FROM training_issues WHERE session_id = ? AND deleted_at IS NULL ORDER BY position, id').all(id) as Record<
      string,
      string | number | null
    >[]
  ).map((r): TrainingIssue => ({
    id: r.id as string,
    issueKey: r.issue_key as string | null,
    name: r.name as string,
    position: r.position as number,
    vendorTerms: VENDOR_TERM_COLS.map((c) => r[c] as string | null),
    customerTerms: CUSTOMER_TERM_COLS.map((c) => r[c] as string | null),
  }));
  const teams = db
    .prepare(
      'SELECT id, name, side, position FROM training_teams WHERE session_id = ? AND deleted_at IS NULL ORDER BY side DESC, position, id',
    )
    .all(id) as TrainingDetail['teams'];
  const rounds = db
    .prepare(
      'SELECT id, round_no AS roundNo, time_limit_minutes AS timeLimitMinutes FROM training_rounds WHERE session_id = ? AND deleted_at IS NULL ORDER BY round_no',
    )
    .all(id) as TrainingDetail['rounds'];
  const pairings = (
    db
      .prepare(
        `SELECT p.id, r.round_no AS roundNo, p.label, p.vendor_team_id AS vendorTeamId, p.customer_team_id AS customerTeamId, p.signed
         FROM training_pairings p JOIN training_rounds r ON r.id = p.round_id
         WHERE p.session_id = ? AND p.deleted_at IS NULL ORDER BY r.round_no, p.created_at, p.id`,
      )
      .all(id) as (Omit<TrainingDetail['pairings'][number], 'signed'> & { signed: number })[]
  ).map((p) => ({ ...p, signed: p.signed === 1 }));
  const outcomes = db
    .prepare(
      `SELECT o.pairing_id AS pairingId, o.issue_id AS issueId, o.term, o.vendor_level AS vendorLevel, o.customer_level AS customerLevel
       FROM training_outcomes o JOIN training_pairings p ON p.id = o.pairing_id AND p.deleted_at IS NULL
       JOIN training_issues i ON i.id = o.issue_id AND i.deleted_at IS NULL
       WHERE o.session_id = ? AND o.deleted_at IS NULL ORDER BY o.created_at, o.id`,
    )
    .all(id) as TrainingDetail['outcomes'];
  const ranks = (table: 'training_priorities' | 'training_guesses', col: string) =>
    db
      .prepare(
        `SELECT x.team_id AS teamId, x.issue_id AS issueId, x.${col} AS priority FROM ${table} x
         JOIN training_teams t ON t.id = x.team_id AND t.deleted_at IS NULL
         JOIN training_issues i ON i.id = x.issue_id AND i.deleted_at IS NULL
         WHERE x.session_id = ? AND x.deleted_at IS NULL ORDER BY t.position, i.position`,
      )
      .all(id) as TrainingDetail['priorities'];
  return {
    session,
    issues,
    teams,
    rounds,
    pairings,
    outcomes,
    priorities: ranks('training_priorities', 'priority'),
    guesses: ranks('training_guesses', 'guessed_priority'),
  };
}

/** The session a child row belongs to (null when the row does not exist or is deleted). */
export function sessionOf(db: Db, table: 'training_issues' | 'training_teams' | 'training_pairings', id: string): string | null {
  const r = db.prepare(`SELECT session_id FROM ${table} WHERE id = ? AND deleted_at IS NULL`).get(id) as { session_id: string } | undefined;
  return r?.session_id ?? null;
}

export function issueTermColumns(
  vendorTerms: readonly (string | null)[],
  customerTerms: readonly (string | null)[],
): Record<string, string | null> {
  const clean = (t: string | null | undefined) => (t && t.trim() ? t.trim() : null);
  const cols: Record<string, string | null> = {};
  VENDOR_TERM_COLS.forEach((c, i) => (cols[c] = clean(vendorTerms[i])));
  CUSTOMER_TERM_COLS.forEach((c, i) => (cols[c] = clean(customerTerms[i])));
  return cols;
}

export function insertIssue(
  w: ChangeWriter,
  sessionId: string,
  issue: { issueKey: string | null; name: string; vendorTerms: readonly (string | null)[]; customerTerms: readonly (string | null)[] },
  position: number,
  batchId: string | null = null,
): string {
  return insertRow(
    w,
    'training_issues',
    {
      session_id: sessionId,
      issue_key: issue.issueKey,
      name: issue.name,
      position,
      ...issueTermColumns(issue.vendorTerms, issue.customerTerms),
    },
    batchId,
  );
}

/** The round's id, creating the round when it does not exist yet. */
export function roundId(w: ChangeWriter, sessionId: string, roundNo: number, batchId: string | null = null): string {
  const r = w.db
    .prepare('SELECT id FROM training_rounds WHERE session_id = ? AND round_no = ? AND deleted_at IS NULL')
    .get(sessionId, roundNo) as { id: string } | undefined;
  return r?.id ?? insertRow(w, 'training_rounds', { session_id: sessionId, round_no: roundNo, time_limit_minutes: null }, batchId);
}

/** Writes a team's order: updates changed rows, inserts new ones, deletes issues left out. */
export function writeOrder(
  w: ChangeWriter,
  kind: 'priorities' | 'guesses',
  sessionId: string,
  teamId: string,
  order: readonly { issueId: string; priority: number }[],
): void {
  const table = kind === 'priorities' ? 'training_priorities' : 'training_guesses';
  const col = kind === 'priorities' ? 'priority' : 'guessed_priority';
  const existing = w.db.prepare(`SELECT id, issue_id FROM ${table} WHERE team_id = ? AND deleted_at IS NULL`).all(teamId) as {
    id: string;
    issue_id: string;
  }[];
  const byIssue = new Map(existing.map((e) => [e.issue_id, e.id]));
  for (const { issueId, priority } of order) {
    const id = byIssue.get(issueId);
    if (id) updateRow(w, table, id, { [col]: priority });
    else insertRow(w, table, { session_id: sessionId, team_id: teamId, issue_id: issueId, [col]: priority });
    byIssue.delete(issueId);
  }
  for (const id of byIssue.values()) softDelete(w, table, id);
}

export function writeOutcome(
  w: ChangeWriter,
  sessionId: string,
  pairingId: string,
  issueId: string,
  value: { term: string | null; vendorLevel: number; customerLevel: number } | null,
): void {
  const r = w.db
    .prepare('SELECT id FROM training_outcomes WHERE pairing_id = ? AND issue_id = ? AND deleted_at IS NULL')
    .get(pairingId, issueId) as { id: string } | undefined;
  if (!value) {
    if (r) softDelete(w, 'training_outcomes', r.id);
    return;
  }
  const cols = { term: value.term, vendor_level: value.vendorLevel, customer_level: value.customerLevel };
  if (r) updateRow(w, 'training_outcomes', r.id, cols);
  else insertRow(w, 'training_outcomes', { session_id: sessionId, pairing_id: pairingId, issue_id: issueId, ...cols });
}

/** Soft-deletes the live rows of `table` where `column` = value. */
export function deleteWhere(
  w: ChangeWriter,
  table: string,
  column: 'team_id' | 'issue_id' | 'pairing_id' | 'vendor_team_id' | 'customer_team_id',
  value: string,
): string[] {
  const ids = (w.db.prepare(`SELECT id FROM ${table} WHERE ${column} = ? AND deleted_at IS NULL`).all(value) as { id: string }[]).map(
    (r) => r.id,
  );
  for (const id of ids) softDelete(w, table, id);
  return ids;
}

export function nextPosition(db: Db, table: 'training_issues' | 'training_teams', sessionId: string): number {
  const r = db
    .prepare(`SELECT COALESCE(MAX(position), 0) + 1 AS n FROM ${table} WHERE session_id = ? AND deleted_at IS NULL`)
    .get(sessionId) as { n: number };
  return r.n;
}
