import { mulDivRound } from '../../shared/money';
import { ladderOf, type PlanIssue } from './domain';

// Plan against actual (docs/en/negotiation.md, "during and after"): what the round log says we have
// conceded and received on each issue, next to what the ladder planned.

export interface RoundMoves {
  concededIssueId: string | null;
  concededAmount: number | null;
  receivedIssueId: string | null;
  receivedAmount: number | null;
}

export type ActualStatus = 'notStarted' | 'withinPlan' | 'beyondPlan' | 'pastFloor';

export interface IssueActual {
  issueId: string;
  /** Planned total concession and where the ladder ends. */
  planned: number | null;
  plannedEnd: number | null;
  plannedPercentBp: number | null;
  /** Sum of the rounds' concessions on this issue, and the position they leave us at. */
  conceded: number;
  position: number | null;
  percentBp: number | null;
  /** Sum of what the other side gave on this issue. */
  received: number;
  agreed: number | null;
  status: ActualStatus;
}

export function planVsActual(w: {
  issues: PlanIssue[];
  rounds: RoundMoves[];
  agreement: { issueId: string | null; agreedValue: number | null }[];
}): IssueActual[] {
  return w.issues.map((issue) => {
    const d = issue.direction === 'higher' ? 1 : -1;
    const ladder = ladderOf(issue);
    const conceded = w.rounds.reduce((s, r) => s + (r.concededIssueId === issue.id ? (r.concededAmount ?? 0) : 0), 0);
    const received = w.rounds.reduce((s, r) => s + (r.receivedIssueId === issue.id ? (r.receivedAmount ?? 0) : 0), 0);
    const moved = w.rounds.some((r) => r.concededIssueId === issue.id);
    const position = issue.quote === null ? null : issue.quote - d * conceded;
    const margin = ladder.margin;
    const planned = issue.steps.length ? ladder.totalConcession : 0;
    let status: ActualStatus = 'withinPlan';
    if (!moved) status = 'notStarted';
    else if (position !== null && issue.floor !== null && d * position < d * issue.floor) status = 'pastFloor';
    else if (conceded > (planned ?? 0)) status = 'beyondPlan';
    return {
      issueId: issue.id,
      planned,
      plannedEnd: ladder.finalPosition,
      plannedPercentBp: ladder.percentOfMarginBp,
      conceded,
      position,
      percentBp: margin !== null && margin > 0 ? mulDivRound(conceded, 10_000, margin) : null,
      received,
      agreed: w.agreement.find((t) => t.issueId === issue.id)?.agreedValue ?? null,
      status,
    };
  });
}
