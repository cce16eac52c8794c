// What was possible in a role-play (docs/en/training.md): every agreement the issues' terms allow,
// the efficient frontier, and the value a deal left on the table. Pure functions, like domain.ts.
import {
  isCompleteOrder,
  type TrainingCase,
  type PairingScore,
  type OutcomeLevels,
  priorityWeight,
  TOP_LEVEL,
  LEVELS,
  type Order,
} from './scoring';

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
export function possibleAgreements(
  issues: readonly { options: readonly AgreementOption[]; vendorWeight: number; customerWeight: number }[],
): PossibleAgreements {
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

export function whatWasPossible(
  c: TrainingCase,
  terms: Readonly<Record<string, IssueTerms>>,
  scores: readonly PairingScore[],
): SessionPossible {
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
      const possible = possibleAgreements(
        c.issueIds.map((id, i) => ({
          options: options[i]!,
          vendorWeight: priorityWeight(vo[id]!, n),
          customerWeight: priorityWeight(co[id]!, n),
        })),
      );
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
