import type { Db } from '../../../platform/db/connection';
import { insertRow, updateRow, type ChangeWriter } from '../../../platform/db/changeLog';
import { addDays, type IsoDate } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import { creditFlags, type ReviewState } from '../domain';
import type { ActionRow, CollectionItem, CreditRow, InvoiceRow, Notice } from '../contract';
import { agingByCustomerSql, detailLines, type DetailLine } from './aging';
import type { Policies } from './policy';
import { accountNames, mustAccount } from './repo';

// The collection ladder's log and worklist, the overdue notice and credit control.

export function toCollectionItem(l: DetailLine, customer: string): CollectionItem {
  const s = l.collection;
  return {
    invoiceId: l.id,
    invoiceNo: l.invoiceNo,
    accountId: l.accountId,
    customer,
    dueDate: l.dueDate,
    outstanding: l.outstanding,
    daysOverdue: l.daysOverdue,
    suggested: s.suggested,
    reached: s.reached,
    lastDate: s.last?.date ?? null,
    lastKind: s.last?.kind ?? null,
    promiseDate: s.promise?.date ?? null,
    promiseAmount: s.promise?.amount ?? null,
    dispute: s.dispute,
    nextActionDue: s.nextActionDue,
    dueNow: s.dueNow,
    why: s.why,
  };
}

/** Every overdue open invoice on `today` with its place on the ladder; what is due first comes first. */
export function worklist(
  db: Db,
  today: IsoDate,
  p: Policies,
  opts: { dueOnly?: boolean; accountId?: string; territoryId?: string; ownerId?: string } = {},
): CollectionItem[] {
  const names = accountNames(db);
  let ids = opts.accountId ? [opts.accountId] : agingByCustomerSql(db, today, p.buckets).map((c) => c.accountId);
  if (opts.territoryId || opts.ownerId) {
    // The customers of a territory and/or a rep: the account's current territory and owner.
    const inScope = new Set(
      db
        .prepare(
          `SELECT id FROM accounts WHERE deleted_at IS NULL${opts.territoryId ? ' AND territory_id = ?' : ''}${opts.ownerId ? ' AND owner_id = ?' : ''}`,
        )
        .pluck()
        .all(...[opts.territoryId, opts.ownerId].filter((x): x is string => !!x)) as string[],
    );
    ids = ids.filter((id) => inScope.has(id));
  }
  const items: CollectionItem[] = [];
  for (const l of detailLines(db, ids, today, p.buckets, p.ladder)) {
    if (l.daysOverdue <= 0) continue;
    if (opts.dueOnly && !l.collection.dueNow) continue;
    items.push(toCollectionItem(l, names.get(l.accountId) ?? ''));
  }
  return items.sort(
    (a, b) =>
      Number(b.dueNow) - Number(a.dueNow) ||
      (a.nextActionDue ?? '9999').localeCompare(b.nextActionDue ?? '9999') ||
      b.daysOverdue - a.daysOverdue,
  );
}

export function actionsOf(db: Db, invoiceId: string): ActionRow[] {
  const rows = db
    .prepare(
      `SELECT id, action_date AS date, kind, who, note, promise_date AS promiseDate, promise_fen AS promiseAmount, dispute,
       next_action_date AS nextActionDate, source FROM rcv_collection_actions WHERE invoice_id = ? AND deleted_at IS NULL
       ORDER BY action_date, created_at, id`,
    )
    .all(invoiceId) as (Omit<ActionRow, 'dispute'> & { dispute: number })[];
  return rows.map((r) => ({ ...r, dispute: r.dispute === 1 }));
}

export interface NewAction {
  date: string;
  kind: ActionRow['kind'];
  who?: string | null;
  note?: string | null;
  promiseDate?: string | null;
  promiseAmount?: number | null;
  dispute: boolean;
  nextActionDate?: string | null;
  source?: 'app' | 'workbook' | 'demo';
}

export function insertAction(
  w: ChangeWriter,
  invoice: Pick<InvoiceRow, 'id' | 'accountId'>,
  territoryId: string,
  a: NewAction,
  batchId: string | null = null,
): string {
  if (a.promiseAmount && !a.promiseDate)
    throw new AppError('validation', 'A promised amount needs the promised date.', { field: 'promiseDate' });
  if (a.nextActionDate && a.nextActionDate < a.date)
    throw new AppError('validation', 'The next action cannot be before this one.', { field: 'nextActionDate' });
  return insertRow(
    w,
    'rcv_collection_actions',
    {
      invoice_id: invoice.id,
      account_id: invoice.accountId,
      territory_id: territoryId,
      action_date: a.date,
      kind: a.kind,
      who: a.who ?? null,
      note: a.note ?? null,
      promise_date: a.promiseDate ?? null,
      promise_fen: a.promiseAmount ?? null,
      dispute: a.dispute ? 1 : 0,
      next_action_date: a.nextActionDate ?? null,
      source: a.source ?? 'app',
    },
    batchId,
  );
}

export function territoryOfInvoice(db: Db, invoiceId: string): string {
  return db.prepare('SELECT territory_id FROM rcv_invoices WHERE id = ?').pluck().get(invoiceId) as string;
}

/** The data of an overdue notice (逾期通知书): the customer's overdue invoices at the date, payable within 7 days. */
export function notice(db: Db, accountId: string, asOf: IsoDate, p: Policies): Notice {
  const account = mustAccount(db, accountId);
  const lines = [...detailLines(db, [accountId], asOf, p.buckets, p.ladder)]
    .filter((l) => l.daysOverdue > 0)
    .map((l) => ({
      invoiceNo: l.invoiceNo,
      contractNo: l.contractNo,
      invoiceDate: l.invoiceDate,
      dueDate: l.dueDate,
      outstanding: l.outstanding,
      daysOverdue: l.daysOverdue,
    }));
  return {
    noticeNo: `OD-${asOf.replace(/-/g, '')}-${accountId.replace(/-/g, '').slice(-6).toUpperCase()}`,
    asOf,
    customer: { name: account.name, nameEn: account.nameEn, city: account.city },
    lines,
    total: lines.reduce((s, l) => s + l.outstanding, 0),
    payBy: addDays(asOf, 7),
  };
}

// --- credit control ----------------------------------------------------------------------

interface CreditSql {
  accountId: string;
  creditLimit: number | null;
  licence: ReviewState;
  contract: ReviewState;
  bank: ReviewState;
  reviewedOn: string | null;
  note: string | null;
}

const CREDIT_SELECT = `SELECT account_id AS accountId, credit_limit_fen AS creditLimit, licence_status AS licence, contract_status AS contract,
  bank_status AS bank, reviewed_on AS reviewedOn, note FROM rcv_credit_control WHERE deleted_at IS NULL`;

/** Credit control for every customer with a balance or a credit record, with its flags at the date. */
export function creditRows(db: Db, asOf: IsoDate, p: Policies, onlyAccountId?: string): CreditRow[] {
  const names = accountNames(db);
  const exposure = new Map(agingByCustomerSql(db, asOf, p.buckets).map((c) => [c.accountId, c]));
  const records = new Map((db.prepare(CREDIT_SELECT).all() as CreditSql[]).map((r) => [r.accountId, r]));
  const ids = onlyAccountId ? [onlyAccountId] : [...new Set([...exposure.keys(), ...records.keys()])];
  return ids
    .map((accountId) => {
      const r = records.get(accountId) ?? {
        accountId,
        creditLimit: null,
        licence: 'pending',
        contract: 'pending',
        bank: 'pending',
        reviewedOn: null,
        note: null,
      };
      const e = exposure.get(accountId);
      const outstanding = e?.total ?? 0;
      const maxDaysOverdue = e ? Math.max(0, e.maxDaysOverdue) : 0;
      return {
        ...r,
        customer: names.get(accountId) ?? '',
        outstanding,
        maxDaysOverdue,
        ...creditFlags(r, { outstanding, maxDaysOverdue }),
      };
    })
    .sort((a, b) => b.outstanding - a.outstanding || a.customer.localeCompare(b.customer));
}

export function saveCredit(w: ChangeWriter, input: Omit<CreditSql, 'note'> & { note?: string | null }): void {
  const account = mustAccount(w.db, input.accountId);
  const cols = {
    credit_limit_fen: input.creditLimit,
    licence_status: input.licence,
    contract_status: input.contract,
    bank_status: input.bank,
    reviewed_on: input.reviewedOn,
    note: input.note ?? null,
  };
  const id = w.db.prepare('SELECT id FROM rcv_credit_control WHERE account_id = ?').pluck().get(input.accountId) as string | undefined;
  if (id) updateRow(w, 'rcv_credit_control', id, { ...cols, deleted_at: null });
  else insertRow(w, 'rcv_credit_control', { account_id: account.id, territory_id: account.territoryId, ...cols });
}
