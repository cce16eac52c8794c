import { ladderOf, type PlanIssue } from './domain';
import { isMoneyUnit } from './units';

// The trade-off matrix (docs/en/negotiation.md, bargaining chips 谈判筹码): each side ranks the
// issues 1 (matters most) to 4. What is cheap for us and valuable to them is worth offering;
// what is valuable to us and cheap for them is what we ask for in exchange, never what we give.

/**
 * offer  — cheap for us (our 3–4), valuable to them (their 1–2): trade it away first.
 * ask    — valuable to us (our 1–2), cheap for them (their 3–4): demand it; avoid conceding it.
 * guard  — both care (1–2 on both sides): concede slowly and only for a large exchange.
 * filler — neither cares much (3–4 on both sides): small change to close gaps.
 */
export type TradeClass = 'offer' | 'ask' | 'guard' | 'filler';

export function tradeClass(ourPriority: number, theirPriority: number): TradeClass {
  const weCare = ourPriority <= 2;
  const theyCare = theirPriority <= 2;
  if (!weCare && theyCare) return 'offer';
  if (weCare && !theyCare) return 'ask';
  return weCare ? 'guard' : 'filler';
}

export interface MatrixCell {
  ourPriority: number;
  theirPriority: number;
  cls: TradeClass;
  issues: { id: string; name: string }[];
}

/**
 * Verdict on one planned trade (a concession step and what it is exchanged for):
 * worth  — we give an issue worth offering, or get an issue we rank above the one we give;
 * avoid  — we give an issue we should be asking for, or get one we rank below it;
 * neutral — neither.
 */
export type TradeVerdict = 'worth' | 'avoid' | 'neutral';
export type TradeReason = 'giveOffer' | 'giveAsk' | 'getMore' | 'getLess' | 'none';

export interface TradeRow {
  issueId: string;
  issueName: string;
  unit: string;
  stepNo: number;
  /** Size of the concession (hundredths of the issue's unit). */
  give: number | null;
  exchange: string;
  getIssueId: string | null;
  getIssueName: string | null;
  getUnit: string | null;
  getAmount: number | null;
  verdict: TradeVerdict;
  reason: TradeReason;
  /** The money side of the trade, in fen: price given, price received (null when none). */
  priceGiven: number | null;
  priceReceived: number | null;
  /** Planned price concession (every money issue) up to and including this trade, in fen. */
  priceConcededSoFar: number;
}

export interface Tradeoffs {
  cells: MatrixCell[];
  trades: TradeRow[];
  /** Total planned concession on money issues and total money asked in exchanges (fen). */
  priceConceded: number;
  priceReceived: number;
}

export function tradeVerdict(give: PlanIssue, get: PlanIssue | null): { verdict: TradeVerdict; reason: TradeReason } {
  const cls = tradeClass(give.ourPriority, give.theirPriority);
  if (cls === 'ask') return { verdict: 'avoid', reason: 'giveAsk' };
  if (get && get.ourPriority > give.ourPriority) return { verdict: 'avoid', reason: 'getLess' };
  if (cls === 'offer') return { verdict: 'worth', reason: 'giveOffer' };
  if (get && get.ourPriority < give.ourPriority) return { verdict: 'worth', reason: 'getMore' };
  return { verdict: 'neutral', reason: 'none' };
}

/** The 4×4 matrix (our priority rows × their priority columns) and every planned trade. */
export function tradeoffMatrix(worksheet: { issues: PlanIssue[] }): Tradeoffs {
  const cells: MatrixCell[] = [];
  for (let our = 1; our <= 4; our++) {
    for (let their = 1; their <= 4; their++) {
      cells.push({
        ourPriority: our,
        theirPriority: their,
        cls: tradeClass(our, their),
        issues: worksheet.issues.filter((i) => i.ourPriority === our && i.theirPriority === their).map((i) => ({ id: i.id, name: i.name })),
      });
    }
  }
  const byId = new Map(worksheet.issues.map((i) => [i.id, i]));
  const trades: TradeRow[] = [];
  let priceConceded = 0;
  let priceReceived = 0;
  // Price issues first so each later trade shows the price concession planned so far.
  const ordered = [...worksheet.issues].sort((a, b) => Number(isMoneyUnit(b.unit)) - Number(isMoneyUnit(a.unit)));
  for (const issue of ordered) {
    const ladder = ladderOf(issue);
    issue.steps.forEach((step, i) => {
      const size = ladder.steps[i]!.size;
      const get = step.tradedIssueId ? (byId.get(step.tradedIssueId) ?? null) : null;
      const { verdict, reason } = tradeVerdict(issue, get);
      const priceGiven = isMoneyUnit(issue.unit) && size !== null ? size : null;
      const priceBack = get && isMoneyUnit(get.unit) && step.tradedAmount !== null ? step.tradedAmount : null;
      if (priceGiven !== null) priceConceded += priceGiven;
      if (priceBack !== null) priceReceived += priceBack;
      trades.push({
        issueId: issue.id,
        issueName: issue.name,
        unit: issue.unit,
        stepNo: i + 1,
        give: size,
        exchange: step.exchange,
        getIssueId: get?.id ?? null,
        getIssueName: get?.name ?? null,
        getUnit: get?.unit ?? null,
        getAmount: get ? step.tradedAmount : null,
        verdict,
        reason,
        priceGiven,
        priceReceived: priceBack,
        priceConcededSoFar: priceConceded,
      });
    });
  }
  return { cells, trades, priceConceded, priceReceived };
}
