// The role-play's domain in one import: scoring, leaderboard and debrief (scoring.ts), what
// was possible (possibleAgreements.ts), and a whole session scored at once. Pure functions.
import {
  debrief,
  leaderboard,
  scorePairing,
  type LeaderRow,
  type PairingDebrief,
  type PairingScore,
  type Side,
  type TrainingCase,
} from './scoring';
import { whatWasPossible, type IssueTerms, type SessionPossible } from './possibleAgreements';

export * from './scoring';
export * from './possibleAgreements';

export interface SessionResults {
  pairings: PairingScore[];
  leaderboard: Record<Side, LeaderRow[]>;
  debriefs: PairingDebrief[];
  possible: SessionPossible;
}

export function scoreSession(c: TrainingCase, terms: Readonly<Record<string, IssueTerms>> = {}): SessionResults {
  const pairings = [...c.pairings]
    .sort((a, b) => a.round - b.round || a.label.localeCompare(b.label, 'zh-CN', { numeric: true }))
    .map((p) => scorePairing(c, p));
  return {
    pairings,
    leaderboard: leaderboard(c, pairings),
    debriefs: pairings.map(debrief),
    possible: whatWasPossible(c, terms, pairings),
  };
}
