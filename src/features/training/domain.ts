// Scoring of the negotiation role-play (DOMAIN.md §5). Pure functions of plain data.
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
  if (!Number.isInteger(priority) || priority < 1 || priority > issueCount) throw new RangeError(`priority ${priority} is not 1..${issueCount}`);
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
function countedLevels(p: TrainingPairing, entered: Readonly<Record<string, OutcomeLevels>> | undefined, rule: BrokenOffRule, issueId: string): OutcomeLevels | null {
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
    const mattersMoreTo = v.weight === null || cu.weight === null ? null : v.weight === cu.weight ? 'both' : v.weight > cu.weight ? 'vendor' : 'customer';
    const wentTo = v.level === null || cu.level === null ? null : v.level === cu.level ? 'split' : v.level > cu.level ? 'vendor' : 'customer';
    const wellTraded = mattersMoreTo === null || wentTo === null || mattersMoreTo === 'both' || wentTo === 'split' ? null : mattersMoreTo === wentTo;
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

// ---------------------------------------------------------------------------------------
// What was possible: every agreement, the efficient frontier, value left on the table.

/** One way to settle an issue: the level it means for each side. */
export type AgreementOption = readonly [vendorLevel: number, customerLevel: number];

export interface IssueTerms {
  /** vendorTerms[k] is what level k+1 means for the vendor (level 5 = the vendor's best). */
  vendorTerms: readonly (string | null)[];
  customerTerms: readonly (string | null)[];
}

const MIRRORED: AgreementOption[] = LEVELS.map((v) => [v, TOP_LEVEL + 1 - v] as const);

export function normalizeTerm(term: string): string {
  return term.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}

function termIndex(terms: readonly (string | null)[], key: string): number {
  return terms.findIndex((t) => !!t && normalizeTerm(t) === key) + 1;
}

/**
 * The five ways to settle an issue. Each vendor level is paired with the customer level
 * whose definition names the same term; when the definitions do not name the same five
 * terms on both sides, the levels are taken as mirrored (customer level = 6 − vendor level).
 */
export function agreementOptions(terms: IssueTerms): AgreementOption[] {
  const out: AgreementOption[] = [];
  for (const v of LEVELS) {
    const t = terms.vendorTerms[v - 1];
    const c = t ? termIndex(terms.customerTerms, normalizeTerm(t)) : 0;
    if (c === 0) return MIRRORED;
    out.push([v, c]);
  }
  return out;
}

/** Both sides' levels for an agreed term; a term defined for one side only is mirrored. */
export function levelsForTerm(terms: IssueTerms, term: string): OutcomeLevels | null {
  const key = normalizeTerm(term);
  if (!key) return null;
  const v = termIndex(terms.vendorTerms, key);
  const c = termIndex(terms.customerTerms, key);
  if (v && c) return { vendorLevel: v, customerLevel: c };
  if (v) return { vendorLevel: v, customerLevel: TOP_LEVEL + 1 - v };
  if (c) return { vendorLevel: TOP_LEVEL + 1 - c, customerLevel: c };
  return null;
}

export interface ScorePoint {
  vendor: number;
  customer: number;
}

export interface PossibleAgreements {
  /** Every combination of options: optionsPerIssue ^ issues (5^4 = 625 for the seeds). */
  combinations: number;
  /** Distinct score pairs with how many agreements reach each, sorted by vendor then customer. */
  points: (ScorePoint & { count: number })[];
  /** The agreements no other beats for both sides, vendor score ascending. */
  frontier: ScorePoint[];
  bestJoint: number;
}

/** Enumerates every agreement as score pairs (a running set of distinct pairs, exact counts). */
export function possibleAgreements(issues: readonly { options: readonly AgreementOption[]; vendorWeight: number; customerWeight: number }[]): PossibleAgreements {
  let acc = new Map<string, { vendor: number; customer: number; count: number }>([['0,0', { vendor: 0, customer: 0, count: 1 }]]);
  let combinations = 1;
  for (const issue of issues) {
    combinations *= issue.options.length;
    const next = new Map<string, { vendor: number; customer: number; count: number }>();
    for (const p of acc.values()) {
      for (const [v, c] of issue.options) {
        const vendor = p.vendor + issue.vendorWeight * v;
        const customer = p.customer + issue.customerWeight * c;
        const key = `${vendor},${customer}`;
        const e = next.get(key);
        if (e) e.count += p.count;
        else next.set(key, { vendor, customer, count: p.count });
      }
    }
    acc = next;
  }
  const points = [...acc.values()].sort((a, b) => a.vendor - b.vendor || a.customer - b.customer);
  const frontier = paretoFrontier(points);
  return { combinations, points, frontier, bestJoint: Math.max(...frontier.map((f) => f.vendor + f.customer)) };
}

/** Points not beaten by another for both sides (no other is ≥ on both and > on one). */
export function paretoFrontier(points: readonly ScorePoint[]): ScorePoint[] {
  const byVendorDesc = [...points].sort((a, b) => b.vendor - a.vendor || b.customer - a.customer);
  const out: ScorePoint[] = [];
  let bestCustomer = -Infinity;
  for (const p of byVendorDesc) {
    if (p.customer > bestCustomer) {
      out.push({ vendor: p.vendor, customer: p.customer });
      bestCustomer = p.customer;
    }
  }
  return out.reverse();
}

export interface DealValue {
  /**
   * Joint value left on the table: the most joint score an agreement on the frontier that
   * is at least as good for BOTH sides would have added (max over frontier points F with
   * F.vendor ≥ deal.vendor and F.customer ≥ deal.customer of F.joint − deal.joint). 0 for
   * a deal on the frontier.
   */
  leftOnTable: number;
  /** The best joint score of any agreement minus the deal's (can be > 0 on the frontier). */
  gapToBestJoint: number;
  onFrontier: boolean;
  /** No agreement of the case reaches this deal: its levels contradict the definitions. */
  beyondFrontier: boolean;
}

export function dealValue(possible: Pick<PossibleAgreements, 'frontier' | 'bestJoint'>, deal: ScorePoint): DealValue {
  const joint = deal.vendor + deal.customer;
  const dominating = possible.frontier.filter((f) => f.vendor >= deal.vendor && f.customer >= deal.customer);
  const onFrontier = possible.frontier.some((f) => f.vendor === deal.vendor && f.customer === deal.customer);
  return {
    leftOnTable: dominating.length ? Math.max(...dominating.map((f) => f.vendor + f.customer)) - joint : 0,
    gapToBestJoint: Math.max(0, possible.bestJoint - joint),
    onFrontier,
    beyondFrontier: dominating.length === 0,
  };
}

export interface PossibleGroup {
  /** Pairings whose two teams hold these same two orders share one set of possible agreements. */
  vendorOrder: Order;
  customerOrder: Order;
  pairingIds: string[];
  possible: PossibleAgreements;
}

export interface SessionPossible {
  groups: PossibleGroup[];
  /** Per pairing with complete priorities: its group and how far its deal lies from the frontier. */
  byPairing: Record<string, DealValue & { group: number; deal: ScorePoint }>;
}

export function whatWasPossible(c: TrainingCase, terms: Readonly<Record<string, IssueTerms>>, scores: readonly PairingScore[]): SessionPossible {
  const n = c.issueIds.length;
  const options = c.issueIds.map((id) => (terms[id] ? agreementOptions(terms[id]) : MIRRORED));
  const groups: PossibleGroup[] = [];
  const keys: string[] = [];
  const byPairing: SessionPossible['byPairing'] = {};
  for (const s of scores) {
    const vo = c.priorities[s.pairing.vendorTeamId];
    const co = c.priorities[s.pairing.customerTeamId];
    if (!vo || !co || !isCompleteOrder(vo, c.issueIds) || !isCompleteOrder(co, c.issueIds) || s.status === 'incomplete') continue;
    const key = c.issueIds.map((id) => `${vo[id]}${co[id]}`).join('|');
    let g = keys.indexOf(key);
    if (g < 0) {
      const possible = possibleAgreements(c.issueIds.map((id, i) => ({ options: options[i]!, vendorWeight: priorityWeight(vo[id]!, n), customerWeight: priorityWeight(co[id]!, n) })));
      groups.push({ vendorOrder: vo, customerOrder: co, pairingIds: [], possible });
      keys.push(key);
      g = groups.length - 1;
    }
    groups[g]!.pairingIds.push(s.pairing.id);
    const deal = { vendor: s.vendor.total, customer: s.customer.total };
    byPairing[s.pairing.id] = { group: g, deal, ...dealValue(groups[g]!.possible, deal) };
  }
  return { groups, byPairing };
}

// ---------------------------------------------------------------------------------------

export interface SessionResults {
  pairings: PairingScore[];
  leaderboard: Record<Side, LeaderRow[]>;
  debriefs: PairingDebrief[];
  possible: SessionPossible;
}

export function scoreSession(c: TrainingCase, terms: Readonly<Record<string, IssueTerms>> = {}): SessionResults {
  const pairings = [...c.pairings].sort((a, b) => a.round - b.round || a.label.localeCompare(b.label, 'zh-CN', { numeric: true })).map((p) => scorePairing(c, p));
  return { pairings, leaderboard: leaderboard(c, pairings), debriefs: pairings.map(debrief), possible: whatWasPossible(c, terms, pairings) };
}

export function sum(xs: readonly number[]): number {
  let t = 0;
  for (const x of xs) t += x;
  return t;
}
