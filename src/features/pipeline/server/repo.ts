import type { Db } from '../../../platform/db/connection';
import type { ChangeWriter } from '../../../platform/db/changeLog';
import { insertRow, softDelete, updateRow } from '../../../platform/db/changeLog';
import { mulDivRound } from '../../../shared/money';
import { AppError } from '../../../shared/errors';
import type { StageIndex } from '../domain';
import { CHECKLIST_KEYS, IMPACT_KEYS, INFO_KEYS, type Opportunity, type OpportunityDetail, type Pain, type Point } from '../contract';
import { eventsOf } from './historyRepo';
import { stmt } from './sql';

// SQL for opportunities, their points and pains, and their events. Every write of a
// tracked field (stage, amount, close date, probability, owner, status) goes with an
// inserted opportunity_events row carrying the new state and its effective date.

export type OppRow = {
  id: string;
  ref: string | null;
  territory_id: string;
  account_id: string;
  account_name: string;
  owner_id: string;
  name: string;
  amount_fen: number;
  expected_close: string;
  stage_id: string;
  probability_bp: number | null;
  status: 'open' | 'won' | 'lost';
  close_reason: string | null;
  closed_on: string | null;
  created_on: string;
  stage_since: string;
  next_step: string | null;
  next_step_date: string | null;
  version: number;
} & Record<string, unknown>;

export const OPP_SELECT = 'SELECT o.*, a.name AS account_name FROM opportunities o JOIN accounts a ON a.id = o.account_id';

export function toOpportunity(r: OppRow, index: StageIndex): Opportunity {
  const probability = r.probability_bp ?? index.get(r.stage_id)?.probabilityBp ?? 0;
  return {
    id: r.id,
    ref: r.ref,
    name: r.name,
    accountId: r.account_id,
    accountName: r.account_name,
    territoryId: r.territory_id,
    ownerId: r.owner_id,
    amount: r.amount_fen,
    expectedClose: r.expected_close,
    stageId: r.stage_id,
    probabilityBp: r.probability_bp,
    probability,
    weighted: r.status === 'open' ? mulDivRound(r.amount_fen, probability, 10_000) : 0,
    status: r.status,
    closeReason: r.close_reason,
    closedOn: r.closed_on,
    createdOn: r.created_on,
    nextStep: r.next_step,
    nextStepDate: r.next_step_date,
    stageSince: r.stage_since,
    version: r.version,
  };
}

export function listOpportunities(
  db: Db,
  index: StageIndex,
  scope: { territoryId?: string | undefined; ownerId?: string | undefined; includeClosed?: boolean },
): Opportunity[] {
  const where = ['o.deleted_at IS NULL'];
  const params: string[] = [];
  if (scope.territoryId) {
    where.push('o.territory_id = ?');
    params.push(scope.territoryId);
  }
  if (scope.ownerId) {
    where.push('o.owner_id = ?');
    params.push(scope.ownerId);
  }
  if (scope.includeClosed === false) where.push("o.status = 'open'");
  const rows = stmt(db, `${OPP_SELECT} WHERE ${where.join(' AND ')} ORDER BY o.expected_close, o.id`).all(...params) as OppRow[];
  return rows.map((r) => toOpportunity(r, index));
}

export function getRow(db: Db, id: string): OppRow | null {
  return (stmt(db, `${OPP_SELECT} WHERE o.id = ? AND o.deleted_at IS NULL`).get(id) as OppRow | undefined) ?? null;
}

const CHECK_COL: Record<(typeof CHECKLIST_KEYS)[number], string> = {
  budget: 'q_budget',
  fit: 'q_fit',
  canWin: 'q_can_win',
  worth: 'q_worth',
  strength: 'q_strength',
  near: 'q_near',
  money: 'man_money',
  authority: 'man_authority',
  need: 'man_need',
};
const INFO_COL: Record<(typeof INFO_KEYS)[number], string> = {
  schedule: 'info_schedule',
  budget: 'info_budget',
  requirement: 'info_requirement',
  decision: 'info_decision',
  competition: 'info_competition',
  evaluation: 'info_evaluation',
};

export function checklistColumns(c: Partial<Record<(typeof CHECKLIST_KEYS)[number], boolean | null>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c)) if (v !== undefined) out[CHECK_COL[k as keyof typeof CHECK_COL]] = v === null ? null : v ? 1 : 0;
  return out;
}

export function infoColumns(c: Partial<Record<(typeof INFO_KEYS)[number], string | null>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c)) if (v !== undefined) out[INFO_COL[k as keyof typeof INFO_COL]] = v === '' ? null : v;
  return out;
}

type PointRow = { id: string; kind: Point['kind']; text: string };
type PainRow = {
  id: string;
  text: string;
  severity: number;
  impact_personal: number;
  impact_interpersonal: number;
  impact_present: number;
  impact_future: number;
};

export function getDetail(db: Db, id: string, index: StageIndex): OpportunityDetail | null {
  const r = getRow(db, id);
  if (!r) return null;
  const checklist = Object.fromEntries(
    CHECKLIST_KEYS.map((k) => [k, r[CHECK_COL[k]] === null ? null : r[CHECK_COL[k]] === 1]),
  ) as OpportunityDetail['checklist'];
  const info = Object.fromEntries(INFO_KEYS.map((k) => [k, (r[INFO_COL[k]] as string | null) ?? null])) as OpportunityDetail['info'];
  const points = stmt(
    db,
    'SELECT id, kind, text FROM opportunity_points WHERE opportunity_id = ? AND deleted_at IS NULL ORDER BY kind, created_at, id',
  ).all(id) as PointRow[];
  const pains = (
    stmt(db, 'SELECT * FROM opportunity_pains WHERE opportunity_id = ? AND deleted_at IS NULL ORDER BY severity DESC, created_at, id').all(
      id,
    ) as PainRow[]
  ).map((p) => ({
    id: p.id,
    text: p.text,
    severity: p.severity,
    impacts: {
      personal: p.impact_personal === 1,
      interpersonal: p.impact_interpersonal === 1,
      present: p.impact_present === 1,
      future: p.impact_future === 1,
    },
  }));
  return { opportunity: toOpportunity(r, index), checklist, info, points, pains, events: eventsOf(db, id) };
}

/** Replaces an opportunity's competitive points by the given list (by id; new ones inserted). */
export function replacePoints(w: ChangeWriter, oppId: string, territoryId: string, list: Point[]): void {
  const current = stmt(w.db, 'SELECT id FROM opportunity_points WHERE opportunity_id = ? AND deleted_at IS NULL').all(oppId) as {
    id: string;
  }[];
  const keep = new Set(list.map((p) => p.id).filter(Boolean));
  for (const c of current) if (!keep.has(c.id)) softDelete(w, 'opportunity_points', c.id);
  const known = new Set(current.map((c) => c.id));
  for (const p of list) {
    if (p.id && known.has(p.id)) updateRow(w, 'opportunity_points', p.id, { kind: p.kind, text: p.text });
    else insertRow(w, 'opportunity_points', { opportunity_id: oppId, territory_id: territoryId, kind: p.kind, text: p.text });
  }
}

export function replacePains(w: ChangeWriter, oppId: string, territoryId: string, list: Pain[]): void {
  const current = stmt(w.db, 'SELECT id FROM opportunity_pains WHERE opportunity_id = ? AND deleted_at IS NULL').all(oppId) as {
    id: string;
  }[];
  const keep = new Set(list.map((p) => p.id).filter(Boolean));
  for (const c of current) if (!keep.has(c.id)) softDelete(w, 'opportunity_pains', c.id);
  const known = new Set(current.map((c) => c.id));
  for (const p of list) {
    const cols = {
      text: p.text,
      severity: p.severity,
      ...Object.fromEntries(IMPACT_KEYS.map((k) => [`impact_${k}`, p.impacts[k] ? 1 : 0])),
    };
    if (p.id && known.has(p.id)) updateRow(w, 'opportunity_pains', p.id, cols);
    else insertRow(w, 'opportunity_pains', { opportunity_id: oppId, territory_id: territoryId, ...cols });
  }
}

/** The columns an event copies: the tracked state. */
export const TRACKED = ['stage_id', 'status', 'amount_fen', 'expected_close', 'probability_bp', 'owner_id'] as const;

export function lastEvent(
  db: Db,
  oppId: string,
): ({ date: string; seq: number; stage_since: string } & Record<(typeof TRACKED)[number], unknown>) | null {
  return (
    (stmt(
      db,
      `SELECT date, seq, stage_since, ${TRACKED.join(', ')} FROM opportunity_events WHERE opportunity_id = ? ORDER BY seq DESC LIMIT 1`,
    ).get(oppId) as ({ date: string; seq: number; stage_since: string } & Record<(typeof TRACKED)[number], unknown>) | undefined) ?? null
  );
}

/**
 * Records the opportunity's current tracked state as an event effective `date`. Events are
 * kept in date order: a change dated before the latest recorded one is refused.
 */
export function recordEvent(
  w: ChangeWriter,
  oppId: string,
  date: string,
  kind: 'create' | 'change' | 'remap' | 'import',
  batchId: string | null = null,
): void {
  const last = lastEvent(w.db, oppId);
  if (last && date < last.date) {
    throw new AppError('validation', `A later change is already recorded on ${last.date}; record this change on or after that date.`, {
      field: 'effectiveDate',
    });
  }
  const o = stmt(w.db, `SELECT territory_id, stage_since, ${TRACKED.join(', ')} FROM opportunities WHERE id = ?`).get(oppId) as Record<
    string,
    unknown
  >;
  insertRow(
    w,
    'opportunity_events',
    {
      opportunity_id: oppId,
      territory_id: o.territory_id,
      seq: (last?.seq ?? 0) + 1,
      date,
      kind,
      ...Object.fromEntries(TRACKED.map((c) => [c, o[c]])),
      stage_since: o.stage_since,
      // The state before this change: the previous event's (none for the first).
      ...Object.fromEntries(TRACKED.map((c) => [`prev_${c}`, last ? last[c] : null])),
      prev_stage_since: last?.stage_since ?? null,
    },
    batchId,
  );
}

export function accountRef(db: Db, id: string): { id: string; territory_id: string; owner_id: string | null } | null {
  return (
    (stmt(db, 'SELECT id, territory_id, owner_id FROM accounts WHERE id = ? AND deleted_at IS NULL').get(id) as
      { id: string; territory_id: string; owner_id: string | null } | undefined) ?? null
  );
}

export function repTerritory(db: Db, repId: string): string | null {
  return (
    (stmt(db, 'SELECT territory_id FROM reps WHERE id = ? AND deleted_at IS NULL').get(repId) as { territory_id: string } | undefined)
      ?.territory_id ?? null
  );
}
