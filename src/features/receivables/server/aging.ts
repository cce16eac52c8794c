import type { Db } from '../../../platform/db/connection';
import { addDays, daysBetween, type IsoDate } from '../../../shared/dates';
import {
  agingLine,
  BASIS,
  collectionState,
  provisionByBucketOnBasis,
  type AgingLine,
  type ProvisionBasis,
  type Bucket,
  type CollectionAction,
  type CollectionState,
  type LadderPolicy,
} from '../domain';

// Aging straight from the event tables. The customer summary is one grouped SQL query:
// each invoice's outstanding at the as-of date (allocations applied on or before it),
// its bucket and its provision rounded per invoice, summed by customer and bucket. The
// rules are those of domain.ts, restated in SQL for speed; a test holds the two equal.
//
// - Bucket by comparing ISO date text with threshold dates computed here (due ≥ asOf − bound
//   ⟺ days overdue ≤ bound): no date function runs in SQLite, so no time zone can enter.
// - Provision per invoice: (outstanding × rateBp + 5000) / 10000 in integer arithmetic.
//   SQLite's integer division truncates; outstanding > 0 and rate ≥ 0 make that "half up",
//   which for positive amounts is domain.ts's "half away from zero".

const PAID_AS_OF = `IFNULL((SELECT SUM(a.amount_fen) FROM rcv_allocations a
  WHERE a.invoice_id = i.id AND a.deleted_at IS NULL AND a.applied_on <= ?), 0)`;

function bucketCase(buckets: readonly Bucket[], col: string): string {
  const parts = buckets.slice(0, -1).map((b) => `WHEN ${col} >= ? THEN ${b.index}`);
  return `CASE ${parts.join(' ')} ELSE ${buckets.length - 1} END`;
}

/** Threshold due dates: an invoice is in bucket i when due ≥ thresholds[i] (and not in an earlier one). */
function thresholdDates(buckets: readonly Bucket[], asOf: IsoDate): IsoDate[] {
  return buckets.slice(0, -1).map((b) => addDays(asOf, -(b.toDays ?? 0)));
}

export interface CustomerBucketTotals {
  accountId: string;
  byBucket: number[];
  provisionByBucket: number[];
  total: number;
  provision: number;
  invoices: number;
  maxDaysOverdue: number;
}

const sqlCache = new WeakMap<Db, Map<string, ReturnType<Db['prepare']>>>();
function prepared(db: Db, sql: string) {
  let m = sqlCache.get(db);
  if (!m) sqlCache.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.prepare(sql)));
  return s;
}

/**
 * Outstanding, provision, count and oldest due date by customer and bucket, in one query.
 * The inner query reads each invoice once, in table order (uuid v7 ids are in creation
 * order, so the allocation lookups walk their index forward); `LIMIT -1` keeps SQLite from
 * flattening it into the aggregate, which would run the paid-to-date subquery once per
 * reference of `outstanding` (filter, sum, provision) instead of once per invoice.
 */
export function agingByCustomerSql(db: Db, asOf: IsoDate, buckets: readonly Bucket[]): CustomerBucketTotals[] {
  const rateCase = `CASE bucket ${buckets.map((b) => `WHEN ${b.index} THEN ${b.rateBp}`).join(' ')} END`;
  const sql = `SELECT account_id, bucket, SUM(outstanding), SUM((outstanding * ${rateCase} + ${BASIS / 2}) / ${BASIS}), COUNT(*), MIN(due_date)
    FROM (SELECT i.account_id, i.due_date, i.amount_fen - ${PAID_AS_OF} AS outstanding, ${bucketCase(buckets, 'i.due_date')} AS bucket
          FROM rcv_invoices i WHERE i.deleted_at IS NULL AND i.invoice_date <= ? LIMIT -1)
    WHERE outstanding > 0 GROUP BY account_id, bucket`;
  // Rates are integers from validated settings, inlined so the plan is the same for any as-of date.
  const rows = prepared(db, sql)
    .raw()
    .all(asOf, ...thresholdDates(buckets, asOf), asOf) as [string, number, number, number, number, string][];
  const by = new Map<string, CustomerBucketTotals>();
  for (const [accountId, bucket, outstanding, provision, n, oldestDue] of rows) {
    let c = by.get(accountId);
    if (!c)
      by.set(
        accountId,
        (c = {
          accountId,
          byBucket: new Array<number>(buckets.length).fill(0),
          provisionByBucket: new Array<number>(buckets.length).fill(0),
          total: 0,
          provision: 0,
          invoices: 0,
          maxDaysOverdue: -Infinity,
        }),
      );
    c.byBucket[bucket] = outstanding;
    c.provisionByBucket[bucket] = provision;
    c.total += outstanding;
    c.provision += provision;
    c.invoices += n;
    c.maxDaysOverdue = Math.max(c.maxDaysOverdue, daysBetween(oldestDue, asOf));
  }
  return [...by.values()].sort((a, b) => b.total - a.total || (a.accountId < b.accountId ? -1 : 1));
}

/**
 * Payments received up to the as-of date that no allocation applied by then: the customers'
 * credit. Only payments that could ever hold credit are read (credit_possible, set when a
 * payment is entered); one wholly allocated on its own date contributes nothing at any date.
 */
export function creditByCustomer(db: Db, asOf: IsoDate, accountId?: string): Map<string, number> {
  const rows = prepared(
    db,
    `SELECT p.account_id, SUM(p.amount_fen - IFNULL((SELECT SUM(a.amount_fen) FROM rcv_allocations a
       WHERE a.payment_id = p.id AND a.deleted_at IS NULL AND a.applied_on <= ?), 0))
     FROM rcv_payments p WHERE p.credit_possible = 1 AND p.deleted_at IS NULL AND p.paid_on <= ? ${accountId ? 'AND p.account_id = ?' : ''}
     GROUP BY p.account_id`,
  )
    .raw()
    .all(...(accountId ? [asOf, asOf, accountId] : [asOf, asOf])) as [string, number][];
  return new Map(rows.filter(([, v]) => v !== 0));
}

export type InvoiceRowRaw = [
  accountId: string,
  id: string,
  invoiceNo: string,
  contractNo: string | null,
  invoiceDate: string,
  dueDate: string,
  amount: number,
  paid: number,
];

/**
 * Some customers' invoices issued by the as-of date with what was paid by then, by customer
 * (in account id order) and oldest due first: one statement for a batch of customers, its
 * order given by the (account_id, due_date) index, so nothing is sorted.
 */
export function invoicesOfCustomers(db: Db, accountIds: readonly string[], asOf: IsoDate): IterableIterator<InvoiceRowRaw> {
  return prepared(
    db,
    `SELECT i.account_id, i.id, i.invoice_no, i.contract_no, i.invoice_date, i.due_date, i.amount_fen, ${PAID_AS_OF}
     FROM rcv_invoices i WHERE i.account_id IN (SELECT value FROM json_each(?)) AND i.deleted_at IS NULL AND i.invoice_date <= ?
     ORDER BY i.account_id, i.due_date, i.rowid`,
  )
    .raw()
    .iterate(asOf, JSON.stringify(accountIds), asOf) as IterableIterator<InvoiceRowRaw>;
}

/** Some customers' collection logs up to a date, by invoice, in log order. */
export function actionsOfCustomers(db: Db, accountIds: readonly string[], upTo: IsoDate): Map<string, CollectionAction[]> {
  const rows = prepared(
    db,
    `SELECT invoice_id, action_date, kind, who, note, promise_date, promise_fen, dispute, next_action_date
     FROM rcv_collection_actions WHERE account_id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL AND action_date <= ?
     ORDER BY invoice_id, action_date, created_at, id`,
  )
    .raw()
    .all(JSON.stringify(accountIds), upTo) as [
    string,
    string,
    CollectionAction['kind'],
    string | null,
    string | null,
    string | null,
    number | null,
    number,
    string | null,
  ][];
  const out = new Map<string, CollectionAction[]>();
  for (const [invoiceId, date, kind, who, note, promiseDate, promiseAmount, dispute, nextActionDate] of rows) {
    let list = out.get(invoiceId);
    if (!list) out.set(invoiceId, (list = []));
    list.push({ date, kind, who, note, promiseDate, promiseAmount, dispute: dispute === 1, nextActionDate });
  }
  return out;
}

const NO_ACTIONS: CollectionAction[] = [];
/** Customers read per statement: few enough to hold one batch's invoices, many enough to amortise a statement. */
const CUSTOMERS_PER_BATCH = 200;

export interface DetailLine extends AgingLine {
  collection: CollectionState;
  actions: CollectionAction[];
}

/**
 * The open invoices of the given customers at the as-of date, in the customers' order and
 * oldest due first within each, with their place on the collection ladder. The ladder reads
 * the log up to `logUpTo` (default the as-of date): a month-end workbook made later shows the
 * chasing done since, so notes finance re-imports travel with the next export of that date.
 * Customers are read in batches (one statement each) and put back in the given order.
 */
export function* detailLines(
  db: Db,
  accountIds: readonly string[],
  asOf: IsoDate,
  buckets: readonly Bucket[],
  ladder: LadderPolicy,
  logUpTo: IsoDate = asOf,
): Generator<DetailLine> {
  const today = logUpTo > asOf ? logUpTo : asOf;
  for (let at = 0; at < accountIds.length; at += CUSTOMERS_PER_BATCH) {
    const batch = accountIds.slice(at, at + CUSTOMERS_PER_BATCH);
    const actions = actionsOfCustomers(db, batch, today);
    const byCustomer = new Map<string, DetailLine[]>();
    for (const [accountId, id, invoiceNo, contractNo, invoiceDate, dueDate, amount, paid] of invoicesOfCustomers(db, batch, asOf)) {
      // Settled by the as-of date (most invoices of a book): agingLine would say null, so
      // no invoice object is built for it.
      if (amount <= paid) continue;
      const line = agingLine(
        { id, invoiceNo, accountId, contractNo, invoiceDate, dueDate, amount },
        paid,
        asOf,
        buckets,
      ) as DetailLine | null;
      if (!line) continue;
      line.actions = actions.get(id) ?? NO_ACTIONS;
      line.collection = collectionState(line, line.actions, today, ladder);
      let list = byCustomer.get(accountId);
      if (!list) byCustomer.set(accountId, (list = []));
      list.push(line);
    }
    for (const accountId of batch) yield* byCustomer.get(accountId) ?? [];
  }
}

/**
 * The customer summary with provisions on the book's provision basis (domain.ts): on gross
 * outstanding, or net of each customer's unapplied credit as of the date, netted against its
 * oldest buckets first. The aging screen, the aging workbook and the journal all read this,
 * so one rule gives one figure everywhere.
 */
export function agingOnBasis(
  db: Db,
  asOf: IsoDate,
  buckets: readonly Bucket[],
  basis: ProvisionBasis,
): { customers: CustomerBucketTotals[]; credit: Map<string, number> } {
  const credit = creditByCustomer(db, asOf);
  const customers = agingByCustomerSql(db, asOf, buckets);
  if (basis === 'gross') return { customers, credit };
  for (const c of customers) {
    c.provisionByBucket = provisionByBucketOnBasis(
      basis,
      c.byBucket,
      c.provisionByBucket,
      buckets,
      Math.max(0, credit.get(c.accountId) ?? 0),
    );
    c.provision = c.provisionByBucket.reduce((s, v) => s + v, 0);
  }
  return { customers, credit };
}
