import type { TrainingDetail, TrainingResults, TrainingSummary } from './contract';
import { maxTeamScore, scoreSession, scoringMatrix, sum, type IssueTerms, type Order, type TrainingCase } from './domain';

// A stored session (the contract's TrainingDetail) → the domain's results, shaped for the
// wire, the workbook and the sessions list. Pure.

export function caseOf(d: TrainingDetail): { trainingCase: TrainingCase; terms: Record<string, IssueTerms> } {
  const orders = (rows: TrainingDetail['priorities']) => {
    const out: Record<string, Record<string, number>> = {};
    for (const r of rows) (out[r.teamId] ??= {})[r.issueId] = r.priority;
    return out as Record<string, Order>;
  };
  const outcomes: Record<string, Record<string, { vendorLevel: number; customerLevel: number }>> = {};
  for (const o of d.outcomes) (outcomes[o.pairingId] ??= {})[o.issueId] = { vendorLevel: o.vendorLevel, customerLevel: o.customerLevel };
  const s = d.session;
  return {
    trainingCase: {
      issueIds: d.issues.map((i) => i.id),
      teams: d.teams.map((t) => ({ id: t.id, name: t.name, side: t.side })),
      priorities: orders(d.priorities),
      guesses: orders(d.guesses),
      pairings: d.pairings.map((p) => ({
        id: p.id,
        round: p.roundNo,
        label: p.label,
        vendorTeamId: p.vendorTeamId,
        customerTeamId: p.customerTeamId,
        signed: p.signed,
      })),
      outcomes,
      brokenOff:
        s.brokenOffRule === 'fixedLevel' && s.brokenOffLevel
          ? { rule: 'fixedLevel', level: s.brokenOffLevel }
          : s.brokenOffRule === 'asEntered'
            ? { rule: 'asEntered' }
            : { rule: 'zero' },
    },
    terms: Object.fromEntries(d.issues.map((i) => [i.id, { vendorTerms: i.vendorTerms, customerTerms: i.customerTerms }])),
  };
}

export function sessionResults(d: TrainingDetail): TrainingResults {
  const { trainingCase, terms } = caseOf(d);
  const n = d.issues.length;
  const r = scoreSession(trainingCase, terms);
  return {
    issueCount: n,
    maxScore: maxTeamScore(n),
    matrix: n > 0 ? scoringMatrix(n) : [],
    pairings: r.pairings.map((s) => ({
      pairingId: s.pairing.id,
      roundNo: s.pairing.round,
      label: s.pairing.label,
      signed: s.pairing.signed,
      status: s.status,
      missing: s.missing,
      vendor: s.vendor,
      customer: s.customer,
      joint: s.joint,
      possible: r.possible.byPairing[s.pairing.id] ?? null,
    })),
    leaderboard: r.leaderboard,
    debriefs: r.debriefs,
    groups: r.possible.groups.map((g) => ({
      pairingIds: g.pairingIds,
      combinations: g.possible.combinations,
      bestJoint: g.possible.bestJoint,
      points: g.possible.points,
      frontier: g.possible.frontier,
    })),
  };
}

const average = (xs: number[]) => (xs.length ? Math.round((sum(xs) / xs.length) * 10) / 10 : null);

/** One line of the sessions list, to compare classes over time. Averages to one decimal. */
export function sessionSummary(d: TrainingDetail, r: TrainingResults = sessionResults(d)): TrainingSummary {
  const scored = r.pairings.filter((p) => p.status !== 'incomplete');
  const left = scored.map((p) => p.possible?.leftOnTable).filter((x): x is number => x !== undefined);
  return {
    id: d.session.id,
    name: d.session.name,
    date: d.session.date,
    vendorTeams: d.teams.filter((t) => t.side === 'vendor').length,
    customerTeams: d.teams.filter((t) => t.side === 'customer').length,
    pairings: d.pairings.length,
    signed: d.pairings.filter((p) => p.signed).length,
    vendorAverage: average(scored.map((p) => p.vendor.total)),
    customerAverage: average(scored.map((p) => p.customer.total)),
    jointAverage: average(scored.map((p) => p.joint)),
    bestJoint: scored.length ? Math.max(...scored.map((p) => p.joint)) : null,
    leftOnTableAverage: average(left),
  };
}
