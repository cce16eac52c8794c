import type { Db } from '../../../platform/db/connection';
import { insertRow, softDelete, updateRow, type ChangeWriter } from '../../../platform/db/changeLog';
import { AppError } from '../../../shared/errors';
import {
  milestoneAmounts,
  milestoneProblems,
  milestoneReceivables,
  type ContractEvents,
  type MilestoneTerm,
  type Trigger,
} from '../domain';
import type { ContractInput, ContractRow } from '../contract';
import { getInvoice, insertInvoice, mustAccount } from './repo';

// Contracts with payment milestones. A milestone becomes a receivable (an invoice row
// linked to it) when its trigger event gets a date; moving the date moves the receivable's
// dates; clearing it withdraws a receivable nothing has been paid on yet.

interface ContractSql {
  id: string;
  contractNo: string;
  accountId: string;
  customer: string;
  territoryId: string;
  title: string | null;
  amount: number;
  signedOn: string | null;
  deliveredOn: string | null;
  acceptedOn: string | null;
  version: number;
}

const CONTRACT_SELECT = `SELECT c.id, c.contract_no AS contractNo, c.account_id AS accountId, a.name AS customer, c.territory_id AS territoryId,
  c.title, c.amount_fen AS amount, c.signed_on AS signedOn, c.delivered_on AS deliveredOn, c.accepted_on AS acceptedOn, c.version
  FROM rcv_contracts c JOIN accounts a ON a.id = c.account_id WHERE c.deleted_at IS NULL`;

const EVENT_COLUMN: Record<Trigger, string> = { signing: 'signed_on', delivery: 'delivered_on', acceptance: 'accepted_on' };

function termsOf(db: Db, contractId: string): MilestoneTerm[] {
  return db
    .prepare(
      `SELECT id, seq, label, percent_bp AS percentBp, trigger_event AS "trigger", offset_days AS offsetDays
       FROM rcv_milestones WHERE contract_id = ? AND deleted_at IS NULL ORDER BY seq`,
    )
    .all(contractId) as MilestoneTerm[];
}

const eventsOf = (c: ContractSql): ContractEvents => ({ signing: c.signedOn, delivery: c.deliveredOn, acceptance: c.acceptedOn });

function linkedInvoices(db: Db, contractId: string): Map<string, { id: string; invoiceNo: string; dueDate: string; invoiceDate: string }> {
  const rows = db
    .prepare(
      `SELECT milestone_id AS milestoneId, id, invoice_no AS invoiceNo, due_date AS dueDate, invoice_date AS invoiceDate
       FROM rcv_invoices WHERE contract_id = ? AND milestone_id IS NOT NULL AND deleted_at IS NULL`,
    )
    .all(contractId) as { milestoneId: string; id: string; invoiceNo: string; dueDate: string; invoiceDate: string }[];
  return new Map(rows.map((r) => [r.milestoneId, r]));
}

function toContract(db: Db, c: ContractSql): ContractRow {
  const terms = termsOf(db, c.id);
  const amounts = milestoneAmounts(c.amount, terms);
  const linked = linkedInvoices(db, c.id);
  const outstanding = db
    .prepare(
      `SELECT IFNULL(SUM(i.amount_fen - IFNULL((SELECT SUM(x.amount_fen) FROM rcv_allocations x WHERE x.invoice_id = i.id AND x.deleted_at IS NULL), 0)), 0)
       FROM rcv_invoices i WHERE i.contract_id = ? AND i.deleted_at IS NULL`,
    )
    .pluck()
    .get(c.id) as number;
  const { territoryId: _t, ...rest } = c;
  return {
    ...rest,
    outstanding,
    milestones: terms.map((t) => {
      const inv = linked.get(t.id);
      return {
        ...t,
        amount: amounts.get(t.id)!,
        invoiceId: inv?.id ?? null,
        invoiceNo: inv?.invoiceNo ?? null,
        dueDate: inv?.dueDate ?? null,
      };
    }),
  };
}

export function listContracts(db: Db, accountId?: string): ContractRow[] {
  const rows = (
    accountId
      ? db.prepare(`${CONTRACT_SELECT} AND c.account_id = ? ORDER BY c.contract_no`).all(accountId)
      : db.prepare(`${CONTRACT_SELECT} ORDER BY c.contract_no`).all()
  ) as ContractSql[];
  return rows.map((r) => toContract(db, r));
}

function contractSql(db: Db, id: string): ContractSql {
  const c = db.prepare(`${CONTRACT_SELECT} AND c.id = ?`).get(id) as ContractSql | undefined;
  if (!c) throw new AppError('not-found', 'This contract no longer exists.');
  return c;
}

export function getContract(db: Db, id: string): ContractRow {
  return toContract(db, contractSql(db, id));
}

/** Brings the contract's milestone receivables in line with its event dates. */
export function syncMilestoneReceivables(w: ChangeWriter, contractId: string): void {
  const c = contractSql(w.db, contractId);
  const terms = termsOf(w.db, contractId);
  const expected = new Map(milestoneReceivables(c.amount, terms, eventsOf(c)).map((r) => [r.milestoneId, r]));
  const linked = linkedInvoices(w.db, contractId);
  for (const t of terms) {
    const want = expected.get(t.id);
    const have = linked.get(t.id);
    if (want && !have) {
      insertInvoice(w, {
        invoiceNo: `${c.contractNo}-M${t.seq}`,
        accountId: c.accountId,
        territoryId: c.territoryId,
        contractNo: c.contractNo,
        contractId,
        milestoneId: t.id,
        invoiceDate: want.invoiceDate,
        dueDate: want.dueDate,
        amount: want.amount,
        note: t.label,
      });
    } else if (want && have && (have.dueDate !== want.dueDate || have.invoiceDate !== want.invoiceDate)) {
      updateRow(w, 'rcv_invoices', have.id, { invoice_date: want.invoiceDate, due_date: want.dueDate });
    } else if (!want && have) {
      if (getInvoice(w.db, have.id)!.paid > 0) {
        throw new AppError(
          'conflict',
          `Receivable ${have.invoiceNo} has payments; its event date cannot be cleared. Void the payments first.`,
        );
      }
      softDelete(w, 'rcv_invoices', have.id);
    }
  }
}

export function insertContract(w: ChangeWriter, input: ContractInput): string {
  const account = mustAccount(w.db, input.accountId);
  const terms: MilestoneTerm[] = input.milestones.map((m, i) => ({ id: `new-${i}`, seq: i + 1, ...m }));
  const bad = milestoneProblems(terms);
  if (bad.length) throw new AppError('validation', bad.join('; '), { field: 'milestones' });
  const exists = w.db.prepare('SELECT 1 FROM rcv_contracts WHERE contract_no = ? AND deleted_at IS NULL').get(input.contractNo);
  if (exists) throw new AppError('conflict', `Contract ${input.contractNo} already exists.`, { field: 'contractNo' });
  const id = insertRow(w, 'rcv_contracts', {
    contract_no: input.contractNo,
    account_id: account.id,
    territory_id: account.territoryId,
    title: input.title ?? null,
    amount_fen: input.amount,
    signed_on: input.signedOn ?? null,
    delivered_on: input.deliveredOn ?? null,
    accepted_on: input.acceptedOn ?? null,
  });
  for (const t of terms) {
    insertRow(w, 'rcv_milestones', {
      contract_id: id,
      territory_id: account.territoryId,
      seq: t.seq,
      label: t.label,
      percent_bp: t.percentBp,
      trigger_event: t.trigger,
      offset_days: t.offsetDays,
    });
  }
  syncMilestoneReceivables(w, id);
  return id;
}

/** Enters (or corrects, or clears) the date of a contract event and updates its receivables. */
export function setContractEvent(w: ChangeWriter, contractId: string, event: Trigger, date: string | null): string {
  const c = contractSql(w.db, contractId);
  updateRow(w, 'rcv_contracts', contractId, { [EVENT_COLUMN[event]]: date });
  syncMilestoneReceivables(w, contractId);
  return c.accountId;
}
