import type { Db } from '../../../server/db/connection';
import type { IsoDate } from '../../../shared/dates';
import type { OppEvent, OppHistory, OppStatus } from '../domain';
import { stmt } from './sql';

// Loading opportunity histories for the review and the funnel. One sequential scan of the
// events table (no per-row index lookups), grouped by opportunity in memory; each
// opportunity's events are put in (date, seq) order. Deleted opportunities are left out.

export interface HistoryScope {
  territoryId?: string | undefined;
  ownerId?: string | undefined;
}

type EventTuple = [opportunityId: string, date: string, seq: number, stageId: string, status: OppStatus, amount: number, expectedClose: string, probabilityBp: number | null, ownerId: string];

export function loadHistories(db: Db, upTo: IsoDate, scope: HistoryScope = {}): OppHistory[] {
  const where = ['deleted_at IS NULL'];
  const params: string[] = [];
  if (scope.territoryId) { where.push('territory_id = ?'); params.push(scope.territoryId); }
  if (scope.ownerId) { where.push('owner_id = ?'); params.push(scope.ownerId); }
  const opps = db.prepare(`SELECT id, account_id, territory_id FROM opportunities WHERE ${where.join(' AND ')}`).raw().all(...params) as [string, string, string][];
  const byId = new Map<string, OppHistory & { seqs: number[] }>();
  for (const [id, accountId, territoryId] of opps) byId.set(id, { id, accountId, territoryId, events: [], seqs: [] });

  const rows = db
    .prepare('SELECT opportunity_id, date, seq, stage_id, status, amount_fen, expected_close, probability_bp, owner_id FROM opportunity_events WHERE date <= ?')
    .raw()
    .iterate(upTo) as IterableIterator<EventTuple>;
  let sorted = true;
  for (const [oppId, date, seq, stageId, status, amount, expectedClose, probabilityBp, ownerId] of rows) {
    const h = byId.get(oppId);
    if (!h) continue;
    const last = h.events[h.events.length - 1];
    if (last && (last.date > date || (last.date === date && h.seqs[h.seqs.length - 1]! > seq))) sorted = false;
    h.events.push({ date, stageId, status, amount, expectedClose, probabilityBp, ownerId });
    h.seqs.push(seq);
  }
  const out: OppHistory[] = [];
  for (const h of byId.values()) {
    if (h.events.length === 0) continue;
    if (!sorted) sortEvents(h);
    out.push({ id: h.id, accountId: h.accountId, territoryId: h.territoryId, events: h.events });
  }
  return out;
}

function sortEvents(h: { events: OppEvent[]; seqs: number[] }): void {
  const order = h.events.map((_, i) => i).sort((a, b) => (h.events[a]!.date < h.events[b]!.date ? -1 : h.events[a]!.date > h.events[b]!.date ? 1 : h.seqs[a]! - h.seqs[b]!));
  h.events = order.map((i) => h.events[i]!);
  h.seqs = order.map((i) => h.seqs[i]!);
}

type EventRow = { date: string; kind: string; stage_id: string; status: OppStatus; amount_fen: number; expected_close: string; probability_bp: number | null; owner_id: string };

/** One opportunity's events in order (for its detail and for commitments). */
export function eventsOf(db: Db, opportunityId: string): (OppEvent & { kind: string })[] {
  const rows = stmt(db, 'SELECT date, kind, stage_id, status, amount_fen, expected_close, probability_bp, owner_id FROM opportunity_events WHERE opportunity_id = ? ORDER BY date, seq')
    .all(opportunityId) as EventRow[];
  return rows.map((r) => ({
    date: r.date, kind: r.kind, stageId: r.stage_id, status: r.status, amount: r.amount_fen,
    expectedClose: r.expected_close, probabilityBp: r.probability_bp, ownerId: r.owner_id,
  }));
}
