// Receivables aging, bad-debt provisions, milestone receivables, the provision journal and
// the collection ladder (docs/en/receivables.md). Pure functions of plain data: no I/O, no clock,
// no time zone. Dates are ISO 'YYYY-MM-DD' strings and day arithmetic goes through
// src/shared/dates (UTC day numbers), so the same inputs give the same aging anywhere.
//
// Rounding rule: a provision is the outstanding amount × the bucket's rate, computed per
// invoice in integer fen and rounded half away from zero once (mulDivRound); customer and
// report totals are sums of those rounded lines. The SQL aggregate in server/aging.ts
// applies the same rule and a test holds the two equal.
import { mulDivRound, type Fen } from '../../shared/money';
import { addDays, daysBetween, type IsoDate } from '../../shared/dates';

export const BASIS = 10_000; // rates are integer basis points: 10 000 bp = 100 %

// ---------------------------------------------------------------------------------------
// Buckets and rates

export interface AgingPolicy {
  /** Inclusive upper bounds (days overdue) of the bounded overdue buckets, ascending. */
  bounds: number[];
  /** Provision rate per bucket in basis points: Current, each bounded bucket, then "over". */
  ratesBp: number[];
}

export const defaultAgingPolicy: AgingPolicy = {
  bounds: [30, 60, 90, 180, 365, 730],
  ratesBp: [0, 1000, 2000, 3000, 5000, 10_000, 10_000, 10_000],
};

export interface Bucket {
  index: number;
  /** Stable label, also the workbook header: 'Current', '1-30', …, 'Over 730'. */
  label: string;
  /** Days overdue covered, inclusive; null = unbounded (Current has no lower bound). */
  fromDays: number | null;
  toDays: number | null;
  rateBp: number;
}

/** Problems with a policy, empty when it can be used. */
export function agingPolicyProblems(p: AgingPolicy): string[] {
  const out: string[] = [];
  if (p.bounds.length < 1) out.push('at least one bounded bucket is needed');
  p.bounds.forEach((b, i) => {
    if (!Number.isInteger(b) || b < 1) out.push(`bound ${b} must be a whole number of days ≥ 1`);
    if (i > 0 && b <= p.bounds[i - 1]!) out.push('bounds must increase');
  });
  if (p.ratesBp.length !== p.bounds.length + 2)
    out.push(`expected ${p.bounds.length + 2} rates (Current, each bucket, over), got ${p.ratesBp.length}`);
  for (const r of p.ratesBp) if (!Number.isInteger(r) || r < 0 || r > BASIS) out.push(`rate ${r} bp must be between 0 and 10000`);
  return out;
}

export function agingBuckets(p: AgingPolicy = defaultAgingPolicy): Bucket[] {
  const buckets: Bucket[] = [{ index: 0, label: 'Current', fromDays: null, toDays: 0, rateBp: p.ratesBp[0]! }];
  let from = 1;
  p.bounds.forEach((to, i) => {
    buckets.push({ index: i + 1, label: `${from}-${to}`, fromDays: from, toDays: to, rateBp: p.ratesBp[i + 1]! });
    from = to + 1;
  });
  const last = p.bounds[p.bounds.length - 1]!;
  buckets.push({
    index: p.bounds.length + 1,
    label: `Over ${last}`,
    fromDays: last + 1,
    toDays: null,
    rateBp: p.ratesBp[p.bounds.length + 1]!,
  });
  return buckets;
}

/** Calendar days from the due date to the as-of date; ≤ 0 means not yet overdue. */
export function daysOverdue(dueDate: IsoDate, asOf: IsoDate): number {
  return daysBetween(dueDate, asOf);
}

/** Index of the bucket holding `days` overdue (0 = Current). */
export function bucketIndex(days: number, bounds: number[]): number {
  if (days <= 0) return 0;
  for (let i = 0; i < bounds.length; i++) if (days <= bounds[i]!) return i + 1;
  return bounds.length + 1;
}

// The bounded buckets' upper bounds, computed once per bucket list (agingLine runs per invoice).
const boundsCache = new WeakMap<readonly Bucket[], number[]>();
function boundsOf(buckets: readonly Bucket[]): number[] {
  let b = boundsCache.get(buckets);
  if (!b) boundsCache.set(buckets, (b = buckets.slice(1, -1).map((x) => x.toDays!)));
  return b;
}

/** Outstanding × rate, rounded half away from zero to whole fen (the rounding rule above). */
export function provisionFor(outstanding: Fen, rateBp: number): Fen {
  return mulDivRound(outstanding, rateBp, BASIS);
}

// ---------------------------------------------------------------------------------------
// Aging of invoices

export interface InvoiceFacts {
  id: string;
  invoiceNo: string;
  accountId: string;
  contractNo: string | null;
  invoiceDate: IsoDate;
  dueDate: IsoDate;
  amount: Fen;
}

export interface AllocationFact {
  invoiceId: string;
  /** The day the money counts against the invoice (the payment date, or when a credit was applied). */
  appliedOn: IsoDate;
  amount: Fen;
}

export interface AgingLine extends InvoiceFacts {
  paid: Fen;
  outstanding: Fen;
  daysOverdue: number;
  bucket: number;
  rateBp: number;
  provision: Fen;
}

/** What was paid on an invoice up to and including the as-of date; later payments do not count. */
export function paidAsOf(allocations: readonly AllocationFact[], asOf: IsoDate): Fen {
  let paid = 0;
  for (const a of allocations) if (a.appliedOn <= asOf) paid += a.amount;
  return paid;
}

/**
 * One invoice at the as-of date, or null when it is not a receivable then: issued after
 * the as-of date, or settled in full by payments made on or before it.
 */
export function agingLine(inv: InvoiceFacts, paid: Fen, asOf: IsoDate, buckets: readonly Bucket[]): AgingLine | null {
  if (inv.invoiceDate > asOf) return null;
  const outstanding = inv.amount - paid;
  if (outstanding <= 0) return null;
  const days = daysOverdue(inv.dueDate, asOf);
  const bucket = bucketIndex(days, boundsOf(buckets));
  const rateBp = buckets[bucket]!.rateBp;
  return { ...inv, paid, outstanding, daysOverdue: days, bucket, rateBp, provision: provisionFor(outstanding, rateBp) };
}

export interface CustomerAging {
  accountId: string;
  byBucket: Fen[];
  total: Fen;
  provision: Fen;
  invoices: number;
  maxDaysOverdue: number;
}

/** Aging lines summed by customer, largest total first (ties by account id for a stable order). */
export function agingByCustomer(lines: Iterable<AgingLine>, bucketCount: number): CustomerAging[] {
  const by = new Map<string, CustomerAging>();
  for (const l of lines) {
    let c = by.get(l.accountId);
    if (!c) {
      c = {
        accountId: l.accountId,
        byBucket: new Array<number>(bucketCount).fill(0),
        total: 0,
        provision: 0,
        invoices: 0,
        maxDaysOverdue: 0,
      };
      by.set(l.accountId, c);
    }
    c.byBucket[l.bucket]! += l.outstanding;
    c.total += l.outstanding;
    c.provision += l.provision;
    c.invoices += 1;
    c.maxDaysOverdue = Math.max(c.maxDaysOverdue, l.daysOverdue);
  }
  return [...by.values()].sort((a, b) => b.total - a.total || (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0));
}

export function agingTotals(customers: readonly CustomerAging[], bucketCount: number): { byBucket: Fen[]; total: Fen; provision: Fen } {
  const byBucket = new Array<number>(bucketCount).fill(0);
  let total = 0;
  let provision = 0;
  for (const c of customers) {
    c.byBucket.forEach((v, i) => (byBucket[i]! += v));
    total += c.total;
    provision += c.provision;
  }
  return { byBucket, total, provision };
}

// ---------------------------------------------------------------------------------------
// Contract milestones → receivables

export const TRIGGERS = ['signing', 'delivery', 'acceptance'] as const;
export type Trigger = (typeof TRIGGERS)[number];

export interface MilestoneTerm {
  id: string;
  seq: number;
  label: string;
  /** Share of the contract amount in basis points (3000 = 30 %). */
  percentBp: number;
  trigger: Trigger;
  /** Days after the trigger event the money is due (0 = on the event, 365 = retention). */
  offsetDays: number;
}

export type ContractEvents = Record<Trigger, IsoDate | null>;

export interface MilestoneReceivable {
  milestoneId: string;
  seq: number;
  amount: Fen;
  invoiceDate: IsoDate;
  dueDate: IsoDate;
}

export function milestoneProblems(terms: readonly MilestoneTerm[]): string[] {
  const out: string[] = [];
  let sum = 0;
  for (const t of terms) {
    if (!Number.isInteger(t.percentBp) || t.percentBp <= 0 || t.percentBp > BASIS)
      out.push(`milestone ${t.seq}: percent must be between 0.01 % and 100 %`);
    if (!Number.isInteger(t.offsetDays) || t.offsetDays < 0 || t.offsetDays > 3650)
      out.push(`milestone ${t.seq}: offset must be 0–3650 days`);
    sum += t.percentBp;
  }
  if (sum > BASIS) out.push(`milestones add up to ${(sum / 100).toFixed(2)} %, more than the contract`);
  return out;
}

/** Each term's share of the contract in fen. When the terms cover 100 %, the last one takes the remainder so they add up to the contract exactly. */
export function milestoneAmounts(contractAmount: Fen, terms: readonly MilestoneTerm[]): Map<string, Fen> {
  const sorted = [...terms].sort((a, b) => a.seq - b.seq);
  const out = new Map<string, Fen>();
  const full = sorted.reduce((s, t) => s + t.percentBp, 0) === BASIS;
  let given = 0;
  sorted.forEach((t, i) => {
    const amount = full && i === sorted.length - 1 ? contractAmount - given : mulDivRound(contractAmount, t.percentBp, BASIS);
    given += amount;
    out.set(t.id, amount);
  });
  return out;
}

/**
 * The receivables a contract has produced so far: one per milestone whose trigger event
 * has a date, invoiced on that date and due `offsetDays` later.
 */
export function milestoneReceivables(contractAmount: Fen, terms: readonly MilestoneTerm[], events: ContractEvents): MilestoneReceivable[] {
  const amounts = milestoneAmounts(contractAmount, terms);
  const out: MilestoneReceivable[] = [];
  for (const t of [...terms].sort((a, b) => a.seq - b.seq)) {
    const on = events[t.trigger];
    if (!on) continue;
    out.push({ milestoneId: t.id, seq: t.seq, amount: amounts.get(t.id)!, invoiceDate: on, dueDate: addDays(on, t.offsetDays) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Provision basis: gross outstanding, or net of the customer's unapplied credit

/**
 * Whether provisions are taken on gross outstanding or net of a customer's unapplied credit
 * (money received and not yet allocated to an invoice). The default is gross: credit not yet
 * applied has settled no invoice (CAS 22 / IFRS 9 assess the receivable itself, and the
 * unapplied amount is a liability to the customer that may still be refunded or applied
 * elsewhere), so netting it would understate the allowance on the invoices still owed.
 */
export const PROVISION_BASES = ['gross', 'netOfCredit'] as const;
export type ProvisionBasis = (typeof PROVISION_BASES)[number];
export const DEFAULT_PROVISION_BASIS: ProvisionBasis = 'gross';

/**
 * A customer's provision per bucket on the given basis. Net of credit: the credit is netted
 * against the oldest buckets first (the way a payment is normally applied, to the oldest
 * invoice first), never beyond what a bucket holds; a bucket's provision falls by the credit
 * netted against it × the bucket's rate, rounded half away from zero to the fen (a bucket
 * netted to nothing carries no provision). Credit beyond the outstanding total stays credit.
 */
export function provisionByBucketOnBasis(
  basis: ProvisionBasis,
  byBucket: readonly Fen[],
  provisionByBucket: readonly Fen[],
  buckets: readonly Bucket[],
  credit: Fen,
): Fen[] {
  const out = [...provisionByBucket];
  if (basis === 'gross' || credit <= 0) return out;
  let left = credit;
  for (let i = byBucket.length - 1; i >= 0 && left > 0; i--) {
    const netted = Math.min(left, byBucket[i]!);
    if (netted <= 0) continue;
    out[i] = netted === byBucket[i] ? 0 : Math.max(0, out[i]! - provisionFor(netted, buckets[i]!.rateBp));
    left -= netted;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Provision journal: from the provision as booked to the requirement (or the next booking)

export const LEDGER = { expense: 'badDebtExpense', allowance: 'allowanceForDoubtfulAccounts' } as const;
export type LedgerAccount = (typeof LEDGER)[keyof typeof LEDGER];

export interface JournalLine {
  accountId: string;
  ledger: LedgerAccount;
  debit: Fen;
  credit: Fen;
}

export interface ProvisionMovement {
  accountId: string;
  /** The provision booked at the opening date (0 when nothing was booked). */
  opening: Fen;
  /** Prior-period adjustment: the requirement at the opening date recomputed now − the booked figure (back-dated changes). */
  adjustment: Fen;
  /** The period's movement: closing − the recomputed opening. */
  movement: Fen;
  closing: Fen;
  /** What is posted: adjustment + movement = closing − opening. */
  change: Fen;
}

/**
 * The provision movement per customer for a period and its journal lines. `opening` is what
 * was booked at the period's start, `restated` the requirement at that same date as the book
 * now gives it (a payment dated before the booking but entered after it lowers it), `closing`
 * the requirement (or the booking) at the period's end. The posted change is closing −
 * opening, split into the prior-period adjustment (restated − opening) and the period's
 * movement (closing − restated). An increase debits bad-debt expense and credits the
 * allowance for doubtful accounts; a decrease reverses the entry. Customers with nothing in
 * any of the three are left out; customers whose change is 0 give no journal lines.
 */
export function provisionJournal(
  opening: ReadonlyMap<string, Fen>,
  restated: ReadonlyMap<string, Fen>,
  closing: ReadonlyMap<string, Fen>,
): { movements: ProvisionMovement[]; lines: JournalLine[] } {
  const ids = [...new Set([...opening.keys(), ...restated.keys(), ...closing.keys()])].sort();
  const movements: ProvisionMovement[] = [];
  const lines: JournalLine[] = [];
  for (const accountId of ids) {
    const open = opening.get(accountId) ?? 0;
    const again = restated.get(accountId) ?? 0;
    const close = closing.get(accountId) ?? 0;
    if (open === 0 && again === 0 && close === 0) continue;
    const change = close - open;
    movements.push({ accountId, opening: open, adjustment: again - open, movement: close - again, closing: close, change });
    const amount = Math.abs(change);
    if (change > 0) {
      lines.push(
        { accountId, ledger: LEDGER.expense, debit: amount, credit: 0 },
        { accountId, ledger: LEDGER.allowance, debit: 0, credit: amount },
      );
    } else if (change < 0) {
      lines.push(
        { accountId, ledger: LEDGER.allowance, debit: amount, credit: 0 },
        { accountId, ledger: LEDGER.expense, debit: 0, credit: amount },
      );
    }
  }
  return { movements, lines };
}

/** Why a booking to `to` cannot be made, or null: bookings go forward, one date after another. */
export function bookingProblem(to: IsoDate, latestBooked: IsoDate | null, today: IsoDate): string | null {
  if (latestBooked !== null && to <= latestBooked) {
    return `The provision is already booked to ${latestBooked}; a new booking must be dated after it (undo that booking first to re-book it).`;
  }
  if (to > today) return `${to} is after today (${today}); a provision can only be booked to a date that has passed.`;
  return null;
}

// The collection ladder lives beside this file; re-exported so callers keep one import.
export * from './collectionLadder';
