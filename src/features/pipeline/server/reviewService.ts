import type { Db } from '../../../platform/db/connection';
import { readSetting, writeSetting } from '../../../platform/settings';
import type { ChangeWriter } from '../../../platform/db/changeLog';
import { addDays, type IsoDate } from '../../../shared/dates';
import { quarterEnd } from '../../../shared/dates';
import type { OppEvent, OppStatus } from '../domain';
import { buildReview } from '../review';
import { buildFunnel, type Transition } from '../funnel';
import { commitmentsByRep, evaluateCommitment, type Commitment } from '../commitments';
import type { CommitmentItem, FunnelOut, ReviewOut } from '../contract';
import { loadHistories, eventsOf, type HistoryScope } from './historyRepo';
import { stageIndex } from './stagesRepo';

// Builds the review and the funnel from the database: load histories in one scan, run the
// pure domain, attach names and commitments.

export interface PipelineSettings {
  stallDays: number;
}
const DEFAULTS: PipelineSettings = { stallDays: 30 };

export function pipelineSettings(db: Db): PipelineSettings {
  return { ...DEFAULTS, ...readSetting<Partial<PipelineSettings>>(db, 'pipeline', {}) };
}

export function savePipelineSettings(w: ChangeWriter, patch: Partial<PipelineSettings>): PipelineSettings {
  const next = { ...pipelineSettings(w.db), ...patch };
  writeSetting(w, 'pipeline', next);
  return next;
}

export interface ReviewRequest extends HistoryScope {
  from: IsoDate;
  to: IsoDate;
  stallDays?: number | undefined;
  periodEnd?: IsoDate | null | undefined;
}

type CommitmentRow = {
  id: string;
  opportunity_id: string;
  opportunity_name: string;
  owner_id: string;
  review_date: string;
  step: string;
  due_date: string;
  done_on: string | null;
};

const COMMITMENT_SELECT = `SELECT c.id, c.opportunity_id, o.name AS opportunity_name, c.owner_id, c.review_date, c.step, c.due_date, c.done_on
  FROM commitments c JOIN opportunities o ON o.id = c.opportunity_id
  WHERE c.deleted_at IS NULL AND o.deleted_at IS NULL`;

const toCommitment = (r: CommitmentRow): Commitment & { opportunityName: string } => ({
  id: r.id,
  opportunityId: r.opportunity_id,
  opportunityName: r.opportunity_name,
  ownerId: r.owner_id,
  reviewDate: r.review_date,
  step: r.step,
  dueDate: r.due_date,
  doneOn: r.done_on,
});

export function buildReviewFromDb(db: Db, req: ReviewRequest): ReviewOut {
  const t0 = performance.now();
  const { stages, index } = stageIndex(db);
  const scope = { territoryId: req.territoryId, ownerId: req.ownerId };
  const histories = loadHistories(db, req.from, scope);
  const review = buildReview(histories, {
    from: req.from,
    to: req.to,
    stallDays: req.stallDays ?? pipelineSettings(db).stallDays,
    periodEnd: req.periodEnd === undefined ? quarterEnd(req.to) : req.periodEnd,
    stages,
    index,
  });
  const byId = new Map(histories.map((h) => [h.id, h]));

  const eventsOfOpp = (id: string): readonly OppEvent[] => byId.get(id)?.events ?? eventsOf(db, id);
  const scoped = `${COMMITMENT_SELECT}${req.territoryId ? ' AND o.territory_id = @territory' : ''}${req.ownerId ? ' AND o.owner_id = @owner' : ''}`;
  const scopeParams = { ...(req.territoryId ? { territory: req.territoryId } : {}), ...(req.ownerId ? { owner: req.ownerId } : {}) };
  const earlier = (
    db
      .prepare(`${scoped} AND c.review_date >= @from AND c.review_date < @to ORDER BY c.review_date, c.due_date, c.id`)
      .all({ ...scopeParams, from: req.from, to: req.to }) as CommitmentRow[]
  ).map(toCommitment);
  const oppName = new Map(earlier.map((c) => [c.id, c.opportunityName]));
  const commitments = commitmentsByRep(earlier, eventsOfOpp, index, req.to).map((g) => ({
    ...g,
    items: g.items.map((i) => ({ ...i, opportunityName: oppName.get(i.id)! })),
  }));
  const recorded = (
    db.prepare(`${scoped} AND c.review_date = @to ORDER BY c.created_at, c.id`).all({ ...scopeParams, to: req.to }) as CommitmentRow[]
  )
    .map(toCommitment)
    .map((c) => ({ ...c, ...evaluateCommitment(c, eventsOfOpp(c.opportunityId), index, req.to) }));

  return { ...review, commitments, recorded, millis: Math.round(performance.now() - t0) };
}

export function commitmentItem(db: Db, id: string, asOf: IsoDate): CommitmentItem {
  const r = db.prepare(`${COMMITMENT_SELECT} AND c.id = ?`).get(id) as CommitmentRow;
  const c = toCommitment(r);
  const { index } = stageIndex(db);
  return { ...c, ...evaluateCommitment(c, eventsOf(db, c.opportunityId), index, asOf) };
}

/**
 * The funnel from three reads: the states as of asOf (histories cut there), the
 * transitions in the period (each event with the one before it), and this year's wins
 * still standing at asOf — so a year of history is never loaded to count this year's wins.
 */
export function buildFunnelFromDb(
  db: Db,
  req: HistoryScope & { asOf: IsoDate; periodFrom: IsoDate; periodTo: IsoDate },
  today: IsoDate,
): FunnelOut {
  const { stages, index } = stageIndex(db);
  const scopeSql = `${req.territoryId ? ' AND o.territory_id = @territory' : ''}${req.ownerId ? ' AND o.owner_id = @owner' : ''}`;
  const scope = { ...(req.territoryId ? { territory: req.territoryId } : {}), ...(req.ownerId ? { owner: req.ownerId } : {}) };
  // Which opportunities count: those in scope, or (no scope) all but the deleted few.
  const scoped = !!(req.territoryId || req.ownerId);
  const ids = new Set(
    (
      db
        .prepare(`SELECT o.id FROM opportunities o WHERE ${scoped ? `o.deleted_at IS NULL${scopeSql}` : 'o.deleted_at IS NOT NULL'}`)
        .raw()
        .all(scope) as [string][]
    ).map((r) => r[0]),
  );
  const counts = (id: string) => ids.has(id) === scoped;
  // Over a partial index holding only the events where an open opportunity left its stage.
  const transitions: Transition[] = [];
  const exits = db.prepare(
    `SELECT opportunity_id, prev_stage_id, prev_status, prev_stage_since, date, stage_id, status FROM opportunity_events INDEXED BY opportunity_events_exits
     WHERE date > @from AND date <= @to AND prev_status = 'open' AND (status <> 'open' OR stage_id <> prev_stage_id)`,
  );
  for (const [id, prevStageId, prevStatus, prevSince, date, stageId, status] of exits
    .raw()
    .iterate({ from: req.periodFrom, to: req.periodTo }) as IterableIterator<
    [string, string, OppStatus, string, string, string, OppStatus]
  >) {
    if (counts(id)) transitions.push({ prevStageId, prevStatus, prevSince, date, stageId, status });
  }
  const yearStart = `${req.asOf.slice(0, 4)}-01-01`;
  const wins: { date: string; amount: number }[] = [];
  if (req.asOf >= today) {
    // As of today the current rows say it: won, and since when (closed_on, set when it was won).
    for (const [id, date, amount] of db
      .prepare("SELECT id, closed_on, amount_fen FROM opportunities WHERE status = 'won' AND closed_on >= ? AND deleted_at IS NULL")
      .raw()
      .iterate(yearStart) as IterableIterator<[string, string, number]>) {
      if (counts(id)) wins.push({ date, amount });
    }
  } else {
    // As of an earlier date: each win this year not undone by asOf, with the amount as of asOf.
    const q = db.prepare(
      `SELECT e.opportunity_id, e.date,
         (SELECT x.amount_fen FROM opportunity_events x WHERE x.opportunity_id = e.opportunity_id AND x.date <= @asOf ORDER BY x.date DESC, x.seq DESC LIMIT 1)
       FROM opportunity_events e INDEXED BY opportunity_events_wins
       WHERE e.status = 'won' AND (e.prev_status IS NULL OR e.prev_status <> 'won') AND e.date >= @yearStart AND e.date <= @asOf
         AND NOT EXISTS (SELECT 1 FROM opportunity_events x WHERE x.opportunity_id = e.opportunity_id AND x.seq > e.seq AND x.date <= @asOf AND x.status <> 'won')`,
    );
    for (const [id, date, amount] of q.raw().iterate({ asOf: req.asOf, yearStart }) as IterableIterator<[string, string, number]>) {
      if (counts(id)) wins.push({ date, amount });
    }
  }
  const input = { asOf: req.asOf, periodFrom: req.periodFrom, periodTo: req.periodTo, stages, index };
  return buildFunnel({ current: loadHistories(db, req.asOf, req), transitions, wins }, input);
}

/** The review's default dates: a week ago and today. */
export function defaultReviewDates(today: IsoDate): { from: IsoDate; to: IsoDate } {
  return { from: addDays(today, -7), to: today };
}
