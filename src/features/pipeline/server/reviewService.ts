import type { Db } from '../../../server/db/connection';
import { readSetting, writeSetting } from '../../../server/settings';
import type { Clock } from '../../../server/db/changeLog';
import { addDays, type IsoDate } from '../../../shared/dates';
import { quarterEnd, type OppEvent } from '../domain';
import { buildReview } from '../review';
import { buildFunnel } from '../funnel';
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

export function savePipelineSettings(db: Db, clock: Clock, patch: Partial<PipelineSettings>): PipelineSettings {
  const next = { ...pipelineSettings(db), ...patch };
  writeSetting(db, clock, 'pipeline', next);
  return next;
}

export interface ReviewRequest extends HistoryScope {
  from: IsoDate;
  to: IsoDate;
  stallDays?: number | undefined;
  periodEnd?: IsoDate | null | undefined;
}

type CommitmentRow = { id: string; opportunity_id: string; opportunity_name: string; owner_id: string; review_date: string; step: string; due_date: string; done_on: string | null };

const COMMITMENT_SELECT = `SELECT c.id, c.opportunity_id, o.name AS opportunity_name, c.owner_id, c.review_date, c.step, c.due_date, c.done_on
  FROM commitments c JOIN opportunities o ON o.id = c.opportunity_id
  WHERE c.deleted_at IS NULL AND o.deleted_at IS NULL`;

const toCommitment = (r: CommitmentRow): Commitment & { opportunityName: string } => ({
  id: r.id, opportunityId: r.opportunity_id, opportunityName: r.opportunity_name, ownerId: r.owner_id,
  reviewDate: r.review_date, step: r.step, dueDate: r.due_date, doneOn: r.done_on,
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
  const earlier = (db.prepare(`${scoped} AND c.review_date >= @from AND c.review_date < @to ORDER BY c.review_date, c.due_date, c.id`).all({ ...scopeParams, from: req.from, to: req.to }) as CommitmentRow[]).map(toCommitment);
  const oppName = new Map(earlier.map((c) => [c.id, c.opportunityName]));
  const commitments = commitmentsByRep(earlier, eventsOfOpp, index, req.to).map((g) => ({
    ...g,
    items: g.items.map((i) => ({ ...i, opportunityName: oppName.get(i.id)! })),
  }));
  const recorded = (db.prepare(`${scoped} AND c.review_date = @to ORDER BY c.created_at, c.id`).all({ ...scopeParams, to: req.to }) as CommitmentRow[])
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

export function buildFunnelFromDb(db: Db, req: HistoryScope & { asOf: IsoDate; periodFrom: IsoDate; periodTo: IsoDate }): FunnelOut {
  const { stages, index } = stageIndex(db);
  // Cut where the earliest thing the funnel looks at begins: the period, the year's wins, the as-of state.
  const since = [req.periodFrom, addDays(`${req.asOf.slice(0, 4)}-01-01`, -1), req.asOf].sort()[0]!;
  return buildFunnel(loadHistories(db, since, req), { asOf: req.asOf, periodFrom: req.periodFrom, periodTo: req.periodTo, stages, index });
}

/** The review's default dates: a week ago and today. */
export function defaultReviewDates(today: IsoDate): { from: IsoDate; to: IsoDate } {
  return { from: addDays(today, -7), to: today };
}
