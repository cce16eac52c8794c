import type { Db } from '../../../platform/db/connection';
import { insertRow, updateRow, type ChangeWriter } from '../../../platform/db/changeLog';
import { AppError } from '../../../shared/errors';
import type { QuotaRow } from '../quotas';
import type { CallDeal, ForecastCategory, RepCall } from '../forecast';

// The reports' SQL: reps in scope, quotas, the forecast category of open deals, and the
// weekly calls. Every write goes through changeLog.

export interface Scope {
  territoryId?: string | undefined;
  ownerId?: string | undefined;
}

export interface RepRef {
  id: string;
  territoryId: string;
  nameZh: string;
  nameEn: string;
}

export function scopeSql(scope: Scope, alias: string): { sql: string; params: Record<string, string> } {
  const p = alias ? `${alias}.` : '';
  return {
    sql: `${scope.territoryId ? ` AND ${p}territory_id = @territory` : ''}${scope.ownerId ? ` AND ${p}owner_id = @owner` : ''}`,
    params: { ...(scope.territoryId ? { territory: scope.territoryId } : {}), ...(scope.ownerId ? { owner: scope.ownerId } : {}) },
  };
}

export function repsInScope(db: Db, scope: Scope): RepRef[] {
  // People of other roles (managers, finance, trainers) carry no quota and make no call.
  const sql = `SELECT id, territory_id AS territoryId, name_zh AS nameZh, name_en AS nameEn FROM reps WHERE deleted_at IS NULL AND role = 'rep'
    ${scope.territoryId ? 'AND territory_id = @territory' : ''} ${scope.ownerId ? 'AND id = @owner' : ''} ORDER BY name_zh, id`;
  return db.prepare(sql).all({
    ...(scope.territoryId ? { territory: scope.territoryId } : {}),
    ...(scope.ownerId ? { owner: scope.ownerId } : {}),
  }) as RepRef[];
}

export function territories(db: Db): { id: string; nameZh: string; nameEn: string }[] {
  return db
    .prepare('SELECT id, name_zh AS nameZh, name_en AS nameEn FROM territories WHERE deleted_at IS NULL ORDER BY name_zh, id')
    .all() as { id: string; nameZh: string; nameEn: string }[];
}

export function quotaRows(db: Db, fromMonth = '0000-00', toMonth = '9999-99'): QuotaRow[] {
  return db
    .prepare(
      'SELECT owner_id AS ownerId, month, amount_fen AS amount FROM quotas WHERE deleted_at IS NULL AND month >= ? AND month <= ? ORDER BY month, owner_id',
    )
    .all(fromMonth, toMonth) as QuotaRow[];
}

/** Sets one rep's quota for one month (0 keeps a row saying "no quota"); returns whether it changed. */
export function setQuota(
  w: ChangeWriter,
  ownerId: string,
  month: string,
  amount: number,
  batchId: string | null = null,
): 'inserted' | 'updated' | 'same' {
  const territoryId = w.db
    .prepare("SELECT territory_id FROM reps WHERE id = ? AND deleted_at IS NULL AND role = 'rep'")
    .pluck()
    .get(ownerId) as string | undefined;
  if (!territoryId) throw new AppError('validation', 'Unknown rep.', { field: 'ownerId' });
  const cur = w.db.prepare('SELECT id FROM quotas WHERE owner_id = ? AND month = ? AND deleted_at IS NULL').pluck().get(ownerId, month) as
    string | undefined;
  if (!cur) {
    insertRow(w, 'quotas', { territory_id: territoryId, owner_id: ownerId, month, amount_fen: amount }, batchId);
    return 'inserted';
  }
  return Object.keys(updateRow(w, 'quotas', cur, { amount_fen: amount }, { batchId })).length ? 'updated' : 'same';
}

export interface OpenDeal extends CallDeal {
  name: string;
  accountName: string;
  territoryId: string;
  stageId: string;
  override: ForecastCategory | null;
  stageProbabilityBp: number;
}

/** Open opportunities in scope with their stage's probability (through a switched model's mapping). */
export function openDeals(db: Db, scope: Scope): Omit<OpenDeal, 'category'>[] {
  const s = scopeSql(scope, 'o');
  return db
    .prepare(
      `SELECT o.id AS opportunityId, o.name, a.name AS accountName, o.owner_id AS ownerId, o.territory_id AS territoryId, o.stage_id AS stageId,
         o.amount_fen AS amount, o.expected_close AS expectedClose, o.forecast_category AS override,
         COALESCE(m.probability_bp, st.probability_bp) AS stageProbabilityBp
       FROM opportunities o JOIN accounts a ON a.id = o.account_id JOIN stages st ON st.id = o.stage_id LEFT JOIN stages m ON m.id = st.mapped_to_stage_id
       WHERE o.deleted_at IS NULL AND o.status = 'open'${s.sql}
       ORDER BY o.expected_close, o.name, o.id`,
    )
    .all(s.params) as Omit<OpenDeal, 'category'>[];
}

export function setForecastCategory(w: ChangeWriter, opportunityId: string, category: ForecastCategory | null): void {
  const o = w.db.prepare('SELECT status FROM opportunities WHERE id = ? AND deleted_at IS NULL').pluck().get(opportunityId) as
    string | undefined;
  if (!o) throw new AppError('not-found', 'This opportunity no longer exists.');
  if (o !== 'open') throw new AppError('validation', 'Only an open opportunity has a forecast category.', { field: 'category' });
  updateRow(w, 'opportunities', opportunityId, { forecast_category: category });
}

export interface StoredCall extends RepCall {
  id: string;
  weekStart: string;
  recordedOn: string;
  deals: CallDeal[];
}

type CallSql = {
  id: string;
  owner_id: string;
  week_start: string;
  recorded_on: string;
  mc: number;
  mb: number;
  mp: number;
  qc: number;
  qb: number;
  qp: number;
};

/** The calls recorded for a week, by owner, with their deals. */
export function callsOfWeek(db: Db, weekStart: string, scope: Scope): Map<string, StoredCall> {
  const s = scopeSql(scope, '');
  const rows = db
    .prepare(
      `SELECT id, owner_id, week_start, recorded_on, month_commit_fen AS mc, month_best_case_fen AS mb, month_pipeline_fen AS mp,
         quarter_commit_fen AS qc, quarter_best_case_fen AS qb, quarter_pipeline_fen AS qp
       FROM forecast_calls WHERE deleted_at IS NULL AND week_start = @week${s.sql}`,
    )
    .all({ ...s.params, week: weekStart }) as CallSql[];
  const items = db.prepare(
    `SELECT opportunity_id AS opportunityId, category, amount_fen AS amount, expected_close AS expectedClose FROM forecast_call_items
     WHERE call_id = ? AND deleted_at IS NULL ORDER BY opportunity_id`,
  );
  const out = new Map<string, StoredCall>();
  for (const r of rows) {
    out.set(r.owner_id, {
      id: r.id,
      ownerId: r.owner_id,
      weekStart: r.week_start,
      recordedOn: r.recorded_on,
      month: { commit: r.mc, bestCase: r.mb, pipeline: r.mp },
      quarter: { commit: r.qc, bestCase: r.qb, pipeline: r.qp },
      deals: (items.all(r.id) as Omit<CallDeal, 'ownerId'>[]).map((d) => ({ ...d, ownerId: r.owner_id })),
    });
  }
  return out;
}

/** Writes (or rewrites) one rep's call for a week with its deals. */
export function saveCall(
  w: ChangeWriter,
  rep: { id: string; territoryId: string },
  weekStart: string,
  recordedOn: string,
  call: RepCall,
  deals: readonly CallDeal[],
): void {
  const old = w.db
    .prepare('SELECT id FROM forecast_calls WHERE owner_id = ? AND week_start = ? AND deleted_at IS NULL')
    .pluck()
    .get(rep.id, weekStart) as string | undefined;
  const cols = {
    recorded_on: recordedOn,
    month_commit_fen: call.month.commit,
    month_best_case_fen: call.month.bestCase,
    month_pipeline_fen: call.month.pipeline,
    quarter_commit_fen: call.quarter.commit,
    quarter_best_case_fen: call.quarter.bestCase,
    quarter_pipeline_fen: call.quarter.pipeline,
  };
  let callId: string;
  if (old) {
    callId = old;
    updateRow(w, 'forecast_calls', old, cols);
    const ids = w.db.prepare('SELECT id FROM forecast_call_items WHERE call_id = ? AND deleted_at IS NULL').pluck().all(old) as string[];
    for (const id of ids) updateRow(w, 'forecast_call_items', id, { deleted_at: w.clock.now() });
  } else {
    callId = insertRow(w, 'forecast_calls', { territory_id: rep.territoryId, owner_id: rep.id, week_start: weekStart, ...cols });
  }
  for (const d of deals) {
    insertRow(w, 'forecast_call_items', {
      territory_id: rep.territoryId,
      call_id: callId,
      opportunity_id: d.opportunityId,
      category: d.category,
      amount_fen: d.amount,
      expected_close: d.expectedClose,
    });
  }
}
