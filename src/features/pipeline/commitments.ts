import type { IsoDate } from '../../shared/dates';
import { stageOf, type OppEvent, type StageIndex } from './domain';

// Commitments made in a weekly review (a rep promises an opportunity's next step by a
// date). At a later review each is kept (marked done, or the opportunity's stage moved or
// it was won after the review), not kept (due before the review date and neither
// happened), or still pending.

export interface Commitment {
  id: string;
  opportunityId: string;
  ownerId: string;
  reviewDate: IsoDate;
  step: string;
  dueDate: IsoDate;
  doneOn: IsoDate | null;
}

export type CommitmentOutcome = 'kept' | 'notKept' | 'pending';

export interface CommitmentResult {
  outcome: CommitmentOutcome;
  /** What made it kept: marked done, the stage moved, or won. */
  keptBy: 'done' | 'stageMoved' | 'won' | null;
  /** The date that made it kept. */
  keptOn: IsoDate | null;
}

export function evaluateCommitment(c: Commitment, events: readonly OppEvent[], index: StageIndex, asOf: IsoDate): CommitmentResult {
  if (c.doneOn !== null && c.doneOn <= asOf) return { outcome: 'kept', keptBy: 'done', keptOn: c.doneOn };
  let atReview: OppEvent | null = null;
  for (const e of events) {
    if (e.date <= c.reviewDate) {
      atReview = e;
      continue;
    }
    if (e.date > asOf) break;
    if (e.status === 'won' && atReview?.status !== 'won') return { outcome: 'kept', keptBy: 'won', keptOn: e.date };
    if (atReview && e.status === 'open' && stageOf(index, e.stageId).id !== stageOf(index, atReview.stageId).id) {
      return { outcome: 'kept', keptBy: 'stageMoved', keptOn: e.date };
    }
  }
  return { outcome: c.dueDate < asOf ? 'notKept' : 'pending', keptBy: null, keptOn: null };
}

export interface RepCommitments {
  ownerId: string;
  kept: number;
  notKept: number;
  pending: number;
  items: (Commitment & CommitmentResult)[];
}

/** Commitments grouped by rep, each evaluated as of `asOf`. */
export function commitmentsByRep(
  list: readonly Commitment[],
  eventsOf: (opportunityId: string) => readonly OppEvent[],
  index: StageIndex,
  asOf: IsoDate,
): RepCommitments[] {
  const byRep = new Map<string, RepCommitments>();
  for (const c of list) {
    const r = evaluateCommitment(c, eventsOf(c.opportunityId), index, asOf);
    let g = byRep.get(c.ownerId);
    if (!g) byRep.set(c.ownerId, (g = { ownerId: c.ownerId, kept: 0, notKept: 0, pending: 0, items: [] }));
    g[r.outcome]++;
    g.items.push({ ...c, ...r });
  }
  return [...byRep.values()];
}
