import type { Db } from '../../../platform/db/connection';
import { insertRow, softDelete, updateRow, type ChangeWriter } from '../../../platform/db/changeLog';
import { AppError } from '../../../shared/errors';
import type { InvoiceRow, PaymentRow } from '../contract';

// SQL for invoices, payments and allocations, and the accounts' receivable balance.

export interface AccountInfo {
  id: string;
  name: string;
  nameEn: string | null;
  city: string | null;
  territoryId: string;
}

export function accountInfo(db: Db, id: string): AccountInfo | null {
  const r = db
    .prepare('SELECT id, name, name_en AS nameEn, city, territory_id AS territoryId FROM accounts WHERE id = ? AND deleted_at IS NULL')
    .get(id) as AccountInfo | undefined;
  return r ?? null;
}

export function mustAccount(db: Db, id: string): AccountInfo {
  const a = accountInfo(db, id);
  if (!a) throw new AppError('not-found', 'This customer no longer exists (it may have been deleted).');
  return a;
}

/**
 * Account names by id (deleted accounts too: their old invoices still need a name), each read
 * when first asked for: a report names its few customers without loading every account's name
 * (2.4 s at a million accounts, for an aging of none).
 */
export function accountNames(db: Db): { get(id: string): string | undefined } {
  const read = db.prepare('SELECT name FROM accounts WHERE id = ?').pluck();
  const known = new Map<string, string | undefined>();
  return {
    get(id) {
      if (!known.has(id)) known.set(id, read.get(id) as string | undefined);
      return known.get(id);
    },
  };
}

const INVOICE_SELECT = `SELECT i.id, i.invoice_no AS invoiceNo, i.contract_no AS contractNo, i.account_id AS accountId,
  a.name AS customer, i.invoice_date AS invoiceDate, i.due_date AS dueDate, i.amount_fen AS amount,
  IFNULL((SELECT SUM(x.amount_fen) FROM rcv_allocations x WHERE x.invoice_id = i.id AND x.deleted_at IS NULL), 0) AS paid,
  m.label AS milestone, i.note
  FROM rcv_invoices i JOIN accounts a ON a.id = i.account_id LEFT JOIN rcv_milestones m ON m.id = i.milestone_id
  WHERE i.deleted_at IS NULL`;

type InvoiceSql = Omit<InvoiceRow, 'outstanding'>;
const withOutstanding = (r: InvoiceSql): InvoiceRow => ({ ...r, outstanding: r.amount - r.paid });

export function listInvoices(db: Db, accountId?: string): InvoiceRow[] {
  const rows = accountId
    ? db.prepare(`${INVOICE_SELECT} AND i.account_id = ? ORDER BY i.due_date DESC, i.invoice_no`).all(accountId)
    : db.prepare(`${INVOICE_SELECT} ORDER BY i.due_date DESC, i.invoice_no`).all();
  return (rows as InvoiceSql[]).map(withOutstanding);
}

export function getInvoice(db: Db, id: string): InvoiceRow | null {
  const r = db.prepare(`${INVOICE_SELECT} AND i.id = ?`).get(id) as InvoiceSql | undefined;
  return r ? withOutstanding(r) : null;
}

export function invoiceByNo(db: Db, invoiceNo: string): InvoiceRow | null {
  const r = db.prepare(`${INVOICE_SELECT} AND i.invoice_no = ?`).get(invoiceNo) as InvoiceSql | undefined;
  return r ? withOutstanding(r) : null;
}

export function mustInvoice(db: Db, id: string): InvoiceRow {
  const inv = getInvoice(db, id);
  if (!inv) throw new AppError('not-found', 'This invoice no longer exists.');
  return inv;
}

export interface NewInvoice {
  invoiceNo: string;
  accountId: string;
  territoryId: string;
  contractNo: string | null;
  contractId?: string | null;
  milestoneId?: string | null;
  invoiceDate: string;
  dueDate: string;
  amount: number;
  note?: string | null;
}

export function insertInvoice(w: ChangeWriter, inv: NewInvoice, batchId: string | null = null): string {
  if (inv.dueDate < inv.invoiceDate) throw new AppError('validation', 'The due date is before the invoice date.', { field: 'dueDate' });
  if (invoiceByNo(w.db, inv.invoiceNo)) throw new AppError('conflict', `Invoice ${inv.invoiceNo} already exists.`, { field: 'invoiceNo' });
  return insertRow(
    w,
    'rcv_invoices',
    {
      invoice_no: inv.invoiceNo,
      contract_no: inv.contractNo,
      contract_id: inv.contractId ?? null,
      milestone_id: inv.milestoneId ?? null,
      account_id: inv.accountId,
      territory_id: inv.territoryId,
      invoice_date: inv.invoiceDate,
      due_date: inv.dueDate,
      amount_fen: inv.amount,
      note: inv.note ?? null,
    },
    batchId,
  );
}

// --- payments and allocations -------------------------------------------------------------

interface PaymentSql {
  id: string;
  accountId: string;
  customer: string;
  paidOn: string;
  amount: number;
  reference: string | null;
  note: string | null;
}

const PAYMENT_SELECT = `SELECT p.id, p.account_id AS accountId, a.name AS customer, p.paid_on AS paidOn, p.amount_fen AS amount,
  p.reference, p.note FROM rcv_payments p JOIN accounts a ON a.id = p.account_id WHERE p.deleted_at IS NULL`;

function withAllocations(db: Db, rows: PaymentSql[]): PaymentRow[] {
  const stmt = db.prepare(
    `SELECT x.invoice_id AS invoiceId, i.invoice_no AS invoiceNo, x.amount_fen AS amount FROM rcv_allocations x
     JOIN rcv_invoices i ON i.id = x.invoice_id WHERE x.payment_id = ? AND x.deleted_at IS NULL ORDER BY x.applied_on, i.invoice_no`,
  );
  return rows.map((p) => {
    const allocations = stmt.all(p.id) as PaymentRow['allocations'];
    const allocated = allocations.reduce((s, x) => s + x.amount, 0);
    return { ...p, allocations, allocated, credit: p.amount - allocated };
  });
}

export function listPayments(db: Db, accountId?: string): PaymentRow[] {
  const rows = accountId
    ? db.prepare(`${PAYMENT_SELECT} AND p.account_id = ? ORDER BY p.paid_on DESC, p.id`).all(accountId)
    : db.prepare(`${PAYMENT_SELECT} ORDER BY p.paid_on DESC, p.id`).all();
  return withAllocations(db, rows as PaymentSql[]);
}

export function getPayment(db: Db, id: string): PaymentRow | null {
  const r = db.prepare(`${PAYMENT_SELECT} AND p.id = ?`).get(id) as PaymentSql | undefined;
  return r ? withAllocations(db, [r])[0]! : null;
}

interface PlannedAllocation {
  invoiceId: string;
  amount: number;
  appliedOn: string;
}

/**
 * Checks allocations of a payment's money to invoices of the same customer: no invoice paid
 * beyond what is outstanding on it, no more applied than the payment has left. The money
 * counts against each invoice from `appliedOn`, or from the invoice date if that is later.
 */
function planAllocations(
  db: Db,
  accountId: string,
  left: number,
  allocations: { invoiceId: string; amount: number }[],
  appliedOn: string,
): PlannedAllocation[] {
  return allocations.map((a) => {
    const inv = getInvoice(db, a.invoiceId);
    if (!inv) throw new AppError('not-found', 'An invoice to settle no longer exists.', { invoiceId: a.invoiceId });
    if (inv.accountId !== accountId)
      throw new AppError('validation', `Invoice ${inv.invoiceNo} belongs to another customer.`, { invoiceId: a.invoiceId });
    const earlier = allocations
      .slice(0, allocations.indexOf(a))
      .filter((x) => x.invoiceId === a.invoiceId)
      .reduce((s, x) => s + x.amount, 0);
    if (a.amount > inv.outstanding - earlier) {
      throw new AppError(
        'validation',
        `Invoice ${inv.invoiceNo} has ${((inv.outstanding - earlier) / 100).toFixed(2)} outstanding; ${(a.amount / 100).toFixed(2)} would overpay it.`,
        { invoiceId: a.invoiceId },
      );
    }
    if (a.amount > left) throw new AppError('validation', 'The allocations add up to more than the payment.', { invoiceId: a.invoiceId });
    left -= a.amount;
    return { invoiceId: a.invoiceId, amount: a.amount, appliedOn: inv.invoiceDate > appliedOn ? inv.invoiceDate : appliedOn };
  });
}

function insertAllocations(
  w: ChangeWriter,
  payment: { id: string; accountId: string; territoryId: string },
  planned: PlannedAllocation[],
  batchId: string | null,
): void {
  for (const a of planned) {
    insertRow(
      w,
      'rcv_allocations',
      {
        payment_id: payment.id,
        invoice_id: a.invoiceId,
        account_id: payment.accountId,
        territory_id: payment.territoryId,
        applied_on: a.appliedOn,
        amount_fen: a.amount,
      },
      batchId,
    );
  }
}

/** Records a payment (an event) and the invoices it settles; what is not allocated is the customer's credit. */
export function recordPayment(
  w: ChangeWriter,
  p: { accountId: string; territoryId: string; paidOn: string; amount: number; reference?: string | null; note?: string | null },
  allocations: { invoiceId: string; amount: number }[],
  batchId: string | null = null,
): string {
  const planned = planAllocations(w.db, p.accountId, p.amount, allocations, p.paidOn);
  const whollyAllocatedThatDay = planned.reduce((s, a) => s + a.amount, 0) === p.amount && planned.every((a) => a.appliedOn === p.paidOn);
  const id = insertRow(
    w,
    'rcv_payments',
    {
      account_id: p.accountId,
      territory_id: p.territoryId,
      paid_on: p.paidOn,
      amount_fen: p.amount,
      reference: p.reference ?? null,
      note: p.note ?? null,
      credit_possible: whollyAllocatedThatDay ? 0 : 1,
    },
    batchId,
  );
  insertAllocations(w, { id, accountId: p.accountId, territoryId: p.territoryId }, planned, batchId);
  return id;
}

/** Applies the credit left on an earlier payment to invoices, counting from `appliedOn`. */
export function applyCredit(
  w: ChangeWriter,
  payment: PaymentRow & { territoryId: string },
  allocations: { invoiceId: string; amount: number }[],
  appliedOn: string,
): void {
  const planned = planAllocations(w.db, payment.accountId, payment.credit, allocations, appliedOn);
  insertAllocations(w, payment, planned, null);
}

/** Voids a payment and its allocations (events are not edited: they are cancelled and re-entered). */
export function voidPayment(w: ChangeWriter, paymentId: string): string {
  const p = getPayment(w.db, paymentId);
  if (!p) throw new AppError('not-found', 'This payment no longer exists.');
  const ids = w.db.prepare('SELECT id FROM rcv_allocations WHERE payment_id = ? AND deleted_at IS NULL').pluck().all(paymentId) as string[];
  for (const id of ids) softDelete(w, 'rcv_allocations', id);
  softDelete(w, 'rcv_payments', paymentId);
  return p.accountId;
}

/**
 * Keeps accounts.receivable_fen equal to what the customer owes on its invoices: invoiced
 * minus allocated, all dates (unallocated credit is shown beside it, not netted).
 */
export function syncReceivableBalance(w: ChangeWriter, accountIds: Iterable<string>): void {
  const owed = w.db.prepare(
    `SELECT IFNULL((SELECT SUM(amount_fen) FROM rcv_invoices WHERE account_id = ? AND deleted_at IS NULL), 0)
          - IFNULL((SELECT SUM(amount_fen) FROM rcv_allocations WHERE account_id = ? AND deleted_at IS NULL), 0)`,
  );
  for (const id of new Set(accountIds)) {
    const balance = owed.pluck().get(id, id) as number;
    updateRow(w, 'accounts', id, { receivable_fen: balance });
  }
}
