// Scoring of the negotiation role-play (docs/en/training.md). Pure functions of plain data.
//
// - Each team ranks the issues 1..n (1 = most important). Weight of priority p is n+1−p,
//   i.e. 4, 3, 2, 1 for the seeds' four issues.
// - An issue scores weight × level, levels 1..5 (5 = the side's best outcome). A team's
//   score in a pairing is the sum over the issues: at most 50 with four issues.
// - A pairing not signed when time runs out is broken off: 0 for both sides, unless the
//   trainer chose another rule ('asEntered': score what was written down; 'fixedLevel':
//   every issue at one level for both sides).
// - Ranking is by side, competition style: equal totals share a rank (1, 1, 3).

export type Side = 'vendor' | 'customer';
export const SIDES: readonly Side[] = ['vendor', 'customer'];
export const LEVELS = [1, 2, 3, 4, 5] as const;
export const TOP_LEVEL = 5;
export const MIN_ISSUES = 2;
export const MAX_ISSUES = 6;

/** issueId → priority (1 = most important). */
export type Order = Readonly<Record<string, number>>;

export type BrokenOffRule = { rule: 'zero' } | { rule: 'asEntered' } | { rule: 'fixedLevel'; level: number };

/** Weight of a priority: 4, 3, 2, 1 for priorities 1–4 of four issues. */
export function priorityWeight(priority: number, issueCount = 4): number {
  if (!Number.isInteger(priority) || priority < 1 || priority > issueCount)
    throw new RangeError(`priority ${priority} is not 1..${issueCount}`);
  return issueCount + 1 - priority;
}

export function issueScore(priority: number, level: number, issueCount = 4): number {
  if (!Number.isInteger(level) || level < 1 || level > TOP_LEVEL) throw new RangeError(`level ${level} is not 1..${TOP_LEVEL}`);
  return priorityWeight(priority, issueCount) * level;
}

/** Rows = priorities 1..n, columns = levels 1..5: 4 8 12 16 20 / 3 6 9 12 15 / 2 4 6 8 10 / 1 2 3 4 5. */
export function scoringMatrix(issueCount = 4): number[][] {
  return Array.from({ length: issueCount }, (_, i) => LEVELS.map((level) => issueScore(i + 1, level, issueCount)));
}

export function maxTeamScore(issueCount = 4): number {
  return (TOP_LEVEL * issueCount * (issueCount + 1)) / 2;
}

/** True when the order ranks every issue exactly once with 1..n. */
export function isCompleteOrder(order: Order | undefined, issueIds: readonly string[]): boolean {
  if (!order) return false;
  const seen = new Set<number>();
  for (const id of issueIds) {
    const p = order[id];
    if (p === undefined || !Number.isInteger(p) || p < 1 || p > issueIds.length || seen.has(p)) return false;
    seen.add(p);
  }
  return Object.keys(order).length === issueIds.length;
}

// ---------------------------------------------------------------------------------------
// A session's data as the scoring needs it.

export interface TrainingTeam {
  id: string;
  name: string;
  side: Side;
}

export interface TrainingPairing {
  id: string;
  round: number;
  label: string;
  vendorTeamId: string;
  customerTeamId: string;
  signed: boolean;
}

export interface OutcomeLevels {
  vendorLevel: number;
  customerLevel: number;
}

export interface TrainingCase {
  /** Issue ids in the case's order. */
  issueIds: readonly string[];
  teams: readonly TrainingTeam[];
  priorities: Readonly<Record<string, Order>>;
  guesses: Readonly<Record<string, Order>>;
  pairings: readonly TrainingPairing[];
  /** pairingId → issueId → levels. */
  outcomes: Readonly<Record<string, Readonly<Record<string, OutcomeLevels>>>>;
  brokenOff: BrokenOffRule;
}

export interface ScoreLine {
  issueId: string;
  priority: number | null;
  weight: number | null;
  /** The level that counted (null: nothing counted, e.g. broken off under the zero rule). */
  level: number | null;
  score: number;
  /** Points given up against the side's best outcome: weight × (5 − level). */
  conceded: number | null;
}

export interface SideScore {
  teamId: string;
  total: number;
  conceded: number;
  lines: ScoreLine[];
}

export type PairingStatus = 'signed' | 'brokenOff' | 'incomplete';

export interface PairingScore {
  pairing: TrainingPairing;
  status: PairingStatus;
  /** What is missing for a complete score: 'vendorPriorities', 'customerPriorities', 'outcome:<issueId>'. */
  missing: string[];
  vendor: SideScore;
  customer: SideScore;
  /** Both sides' totals: who created value, not only who split it. */
  joint: number;
}

/** The levels that count for a pairing, after the broken-off rule. Null: nothing counts. */
function countedLevels(
  p: TrainingPairing,
  entered: Readonly<Record<string, OutcomeLevels>> | undefined,
  rule: BrokenOffRule,
  issueId: string,
): OutcomeLevels | null {
  if (!p.signed) {
    if (rule.rule === 'zero') return null;
    if (rule.rule === 'fixedLevel') return { vendorLevel: rule.level, customerLevel: rule.level };
  }
  return entered?.[issueId] ?? null;
}

export function scorePairing(c: TrainingCase, p: TrainingPairing): PairingScore {
  const n = c.issueIds.length;
  const entered = c.outcomes[p.id];
  const missing: string[] = [];
  const vOrder = c.priorities[p.vendorTeamId];
  const cOrder = c.priorities[p.customerTeamId];
  const brokenOffZero = !p.signed && c.brokenOff.rule === 'zero';
  if (!brokenOffZero) {
    if (!isCompleteOrder(vOrder, c.issueIds)) missing.push('vendorPriorities');
    if (!isCompleteOrder(cOrder, c.issueIds)) missing.push('customerPriorities');
  }
  const side = (teamId: string, order: Order | undefined, pick: (l: OutcomeLevels) => number): SideScore => {
    const lines = c.issueIds.map((issueId): ScoreLine => {
      const priority = order?.[issueId] ?? null;
      const weight = priority !== null && priority >= 1 && priority <= n ? priorityWeight(priority, n) : null;
      const levels = countedLevels(p, entered, c.brokenOff, issueId);
      const level = levels ? pick(levels) : null;
      const score = weight !== null && level !== null ? weight * level : 0;
      const conceded = weight !== null && level !== null ? weight * (TOP_LEVEL - level) : null;
      return { issueId, priority, weight, level, score, conceded };
    });
    return { teamId, total: sum(lines.map((l) => l.score)), conceded: sum(lines.map((l) => l.conceded ?? 0)), lines };
  };
  if (!brokenOffZero) {
    for (const issueId of c.issueIds) if (!countedLevels(p, entered, c.brokenOff, issueId)) missing.push(`outcome:${issueId}`);
  }
  const vendor = side(p.vendorTeamId, vOrder, (l) => l.vendorLevel);
  const customer = side(p.customerTeamId, cOrder, (l) => l.customerLevel);
  const status: PairingStatus = missing.length > 0 ? 'incomplete' : p.signed ? 'signed' : 'brokenOff';
  return { pairing: p, status, missing, vendor, customer, joint: vendor.total + customer.total };
}

// ---------------------------------------------------------------------------------------
// Leaderboard.

/** Competition ranking ("1224"): a row's rank is 1 + the number of rows with a higher total. */
export function competitionRanks(totals: readonly number[]): number[] {
  return totals.map((t) => 1 + totals.filter((o) => o > t).length);
}

/**
 * Share of issues whose priority the team guessed exactly, over every team it faced (each
 * counterpart once, only those whose own order is complete). Null when the team made no
 * guess or faced no counterpart with a complete order.
 */
export function guessAccuracy(guess: Order | undefined, counterparts: readonly Order[], issueIds: readonly string[]): number | null {
  if (!guess || Object.keys(guess).length === 0) return null;
  const known = counterparts.filter((o) => isCompleteOrder(o, issueIds));
  if (known.length === 0 || issueIds.length === 0) return null;
  let hits = 0;
  for (const order of known) for (const id of issueIds) if (guess[id] !== undefined && guess[id] === order[id]) hits++;
  return hits / (known.length * issueIds.length);
}

export interface LeaderRow {
  rank: number;
  teamId: string;
  name: string;
  side: Side;
  /** The team's score summed over all rounds. */
  total: number;
  /** Both sides' totals summed over the pairings the team took part in. */
  joint: number;
  guessAccuracy: number | null;
  pairings: number;
}

export function leaderboard(c: TrainingCase, scores: readonly PairingScore[]): Record<Side, LeaderRow[]> {
  const out: Record<Side, LeaderRow[]> = { vendor: [], customer: [] };
  for (const s of SIDES) {
    const teams = c.teams.filter((t) => t.side === s);
    const rows = teams.map((t) => {
      const mine = scores.filter((x) => (s === 'vendor' ? x.pairing.vendorTeamId : x.pairing.customerTeamId) === t.id);
      const counterpartIds = [...new Set(mine.map((x) => (s === 'vendor' ? x.pairing.customerTeamId : x.pairing.vendorTeamId)))];
      const counterparts = counterpartIds.map((id) => c.priorities[id]).filter((o): o is Order => !!o);
      return {
        teamId: t.id,
        name: t.name,
        side: s,
        total: sum(mine.map((x) => x[s].total)),
        joint: sum(mine.map((x) => x.joint)),
        guessAccuracy: guessAccuracy(c.guesses[t.id], counterparts, c.issueIds),
        pairings: mine.length,
      };
    });
    const ranks = competitionRanks(rows.map((r) => r.total));
    // Equal ranks keep the teams' own order, so the projected list does not jump around.
    out[s] = rows
      .map((r, i) => ({ rank: ranks[i]!, ...r, i }))
      .sort((a, b) => a.rank - b.rank || a.i - b.i)
      .map(({ i: _i, ...r }) => r);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Debrief: what each side received and conceded, issue by issue, against its priorities.

export interface DebriefIssue {
  issueId: string;
  vendor: ScoreLine;
  customer: ScoreLine;
  /** The side to which the issue matters more (higher weight); 'both' on equal weights. */
  mattersMoreTo: Side | 'both' | null;
  /** The side that got the better level of the two; 'split' when levels are equal. */
  wentTo: Side | 'split' | null;
  /** The issue went to the side it matters more to: value created by trading, not split. */
  wellTraded: boolean | null;
}

export interface PairingDebrief {
  pairingId: string;
  issues: DebriefIssue[];
  vendor: { received: number; conceded: number; gaveUpTopPriority: boolean };
  customer: { received: number; conceded: number; gaveUpTopPriority: boolean };
}

export function debrief(s: PairingScore): PairingDebrief {
  const issues = s.vendor.lines.map((v, i): DebriefIssue => {
    const cu = s.customer.lines[i]!;
    const mattersMoreTo =
      v.weight === null || cu.weight === null ? null : v.weight === cu.weight ? 'both' : v.weight > cu.weight ? 'vendor' : 'customer';
    const wentTo =
      v.level === null || cu.level === null ? null : v.level === cu.level ? 'split' : v.level > cu.level ? 'vendor' : 'customer';
    const wellTraded =
      mattersMoreTo === null || wentTo === null || mattersMoreTo === 'both' || wentTo === 'split' ? null : mattersMoreTo === wentTo;
    return { issueId: v.issueId, vendor: v, customer: cu, mattersMoreTo, wentTo, wellTraded };
  });
  // Giving up the top priority: level 1 or 2 on the issue ranked 1.
  const gaveUp = (side: SideScore) => side.lines.some((l) => l.priority === 1 && l.level !== null && l.level <= 2);
  return {
    pairingId: s.pairing.id,
    issues,
    vendor: { received: s.vendor.total, conceded: s.vendor.conceded, gaveUpTopPriority: gaveUp(s.vendor) },
    customer: { received: s.customer.total, conceded: s.customer.conceded, gaveUpTopPriority: gaveUp(s.customer) },
  };
}

export function sum(xs: readonly number[]): number {
  let t = 0;
  for (const x of xs) t += x;
  return t;
}
