import type { Handlers } from '../../../platform/registry';
import type { ServerContext } from '../../../platform/context';
import type { Db } from '../../../platform/db/connection';
import { AppError } from '../../../shared/errors';
import type { Aging, receivablesContract } from '../contract';
import { agingByCustomerSql, agingOnBasis, detailLines } from './aging';
import { actionsOf, creditRows, insertAction, notice, saveCredit, territoryOfInvoice, toCollectionItem, worklist } from './collections';
import { getContract, insertContract, listContracts, setContractEvent } from './salesContracts';
import { exportAgingWorkbook, exportJournalWorkbook } from './export';
import { importInvoices } from './invoiceImport';
import { importPayments } from './paymentImport';
import { importCollections } from './collectionImport';
import { journalReport, listBookings, postBooking, undoBooking } from './journal';
import { rateVersions, readPolicies, savePolicies, type Policies } from './policy';
import * as repo from './repo';

type C = typeof receivablesContract;

/** Runs a write and keeps the touched customers' receivable balance in step, in one transaction. */
function write<T>(ctx: ServerContext, fn: () => { value: T; accounts: string[] }): T {
  return ctx.db.transaction(() => {
    const { value, accounts } = fn();
    repo.syncReceivableBalance(ctx, accounts);
    return value;
  })();
}

export function agingReport(db: Db, asOf: string): Aging {
  const p = readPolicies(db, asOf);
  const names = repo.accountNames(db);
  const { customers: rows, credit } = agingOnBasis(db, asOf, p.buckets, p.basis);
  const customers = rows.map(({ provisionByBucket: _p, ...c }) => ({
    ...c,
    customer: names.get(c.accountId) ?? '',
    maxDaysOverdue: Math.max(0, c.maxDaysOverdue),
    credit: Math.max(0, credit.get(c.accountId) ?? 0),
  }));
  // Customers with only credit are listed too, so unapplied money stays visible.
  const listed = new Set(rows.map((r) => r.accountId));
  for (const [accountId, amount] of credit) {
    if (amount > 0 && !listed.has(accountId)) {
      customers.push({
        accountId,
        customer: names.get(accountId) ?? '',
        byBucket: p.buckets.map(() => 0),
        total: 0,
        provision: 0,
        invoices: 0,
        maxDaysOverdue: 0,
        credit: amount,
      });
    }
  }
  const byBucket = p.buckets.map((_, i) => customers.reduce((s, c) => s + c.byBucket[i]!, 0));
  const provisionByBucket = p.buckets.map((_, i) => rows.reduce((s, c) => s + c.provisionByBucket[i]!, 0));
  const sum = (k: 'total' | 'provision' | 'credit') => customers.reduce((s, c) => s + c[k], 0);
  return {
    asOf,
    buckets: p.buckets,
    customers,
    totals: { byBucket, provisionByBucket, total: sum('total'), provision: sum('provision'), credit: sum('credit') },
    basis: p.basis,
  };
}

function policiesOut(db: Db, p: Policies) {
  return { settings: p.settings, buckets: p.buckets, effectiveFrom: p.effectiveFrom, versions: rateVersions(db) };
}

export const receivablesHandlers: Handlers<C> = {
  'receivables:settings': ({ asOf }, ctx) => policiesOut(ctx.db, readPolicies(ctx.db, asOf ?? ctx.clock.today())),
  'receivables:saveSettings': ({ effectiveFrom, ...settings }, ctx) =>
    policiesOut(ctx.db, savePolicies(ctx, settings, effectiveFrom ?? ctx.clock.today())),

  'receivables:aging': ({ asOf }, ctx) => agingReport(ctx.db, asOf),

  'receivables:agingDetail': ({ asOf, accountId, bucket }, ctx) => {
    const p = readPolicies(ctx.db, asOf);
    const names = repo.accountNames(ctx.db);
    const ids = accountId ? [accountId] : agingByCustomerSql(ctx.db, asOf, p.buckets).map((c) => c.accountId);
    const out = [];
    // The collection columns are the log as of the as-of date, like the workbook's.
    for (const l of detailLines(ctx.db, ids, asOf, p.buckets, p.ladder)) {
      if (bucket !== undefined && l.bucket !== bucket) continue;
      out.push({
        invoiceId: l.id,
        invoiceNo: l.invoiceNo,
        accountId: l.accountId,
        customer: names.get(l.accountId) ?? '',
        contractNo: l.contractNo,
        invoiceDate: l.invoiceDate,
        dueDate: l.dueDate,
        amount: l.amount,
        paid: l.paid,
        outstanding: l.outstanding,
        daysOverdue: l.daysOverdue,
        bucket: l.bucket,
        rateBp: l.rateBp,
        provision: l.provision,
        reached: l.collection.reached,
        suggested: l.collection.suggested,
      });
    }
    return out;
  },

  'receivables:invoices': ({ accountId }, ctx) => repo.listInvoices(ctx.db, accountId),

  'receivables:createInvoice': (input, ctx) => {
    const id = write(ctx, () => {
      const account = repo.mustAccount(ctx.db, input.accountId);
      const id = repo.insertInvoice(ctx, { ...input, contractNo: input.contractNo ?? null, territoryId: account.territoryId });
      return { value: id, accounts: [account.id] };
    });
    return repo.mustInvoice(ctx.db, id);
  },

  'receivables:payments': ({ accountId }, ctx) => repo.listPayments(ctx.db, accountId),

  'receivables:recordPayment': (input, ctx) => {
    const id = write(ctx, () => {
      const account = repo.mustAccount(ctx.db, input.accountId);
      const id = repo.recordPayment(ctx, { ...input, territoryId: account.territoryId }, input.allocations);
      return { value: id, accounts: [account.id] };
    });
    return repo.getPayment(ctx.db, id)!;
  },

  'receivables:allocate': ({ paymentId, allocations }, ctx) => {
    write(ctx, () => {
      const p = repo.getPayment(ctx.db, paymentId);
      if (!p) throw new AppError('not-found', 'This payment no longer exists.');
      const account = repo.mustAccount(ctx.db, p.accountId);
      // Credit applied today counts from today (or from the payment date if that is later).
      const today = ctx.clock.today();
      repo.applyCredit(ctx, { ...p, territoryId: account.territoryId }, allocations, p.paidOn > today ? p.paidOn : today);
      return { value: null, accounts: [p.accountId] };
    });
    return repo.getPayment(ctx.db, paymentId)!;
  },

  'receivables:voidPayment': ({ paymentId }, ctx) => {
    write(ctx, () => ({ value: null, accounts: [repo.voidPayment(ctx, paymentId)] }));
    return { ok: true as const };
  },

  'receivables:contracts': ({ accountId }, ctx) => listContracts(ctx.db, accountId),

  'receivables:createContract': (input, ctx) => {
    const id = write(ctx, () => ({ value: insertContract(ctx, input), accounts: [input.accountId] }));
    return getContract(ctx.db, id);
  },

  'receivables:setContractEvent': ({ contractId, event, date }, ctx) => {
    write(ctx, () => ({ value: null, accounts: [setContractEvent(ctx, contractId, event, date)] }));
    return getContract(ctx.db, contractId);
  },

  'receivables:worklist': ({ today, dueOnly, territoryId, ownerId }, ctx) =>
    worklist(ctx.db, today, readPolicies(ctx.db, today), {
      dueOnly,
      ...(territoryId ? { territoryId } : {}),
      ...(ownerId ? { ownerId } : {}),
    }),

  'receivables:ladder': ({ invoiceId, today }, ctx) => {
    const inv = repo.mustInvoice(ctx.db, invoiceId);
    const p = readPolicies(ctx.db, today);
    const line = [...detailLines(ctx.db, [inv.accountId], today, p.buckets, p.ladder)].find((l) => l.id === invoiceId);
    if (!line) throw new AppError('validation', `Invoice ${inv.invoiceNo} has nothing outstanding on ${today}.`);
    return { item: toCollectionItem(line, inv.customer), actions: actionsOf(ctx.db, invoiceId) };
  },

  'receivables:logAction': (input, ctx) => {
    const inv = repo.mustInvoice(ctx.db, input.invoiceId);
    const id = ctx.db.transaction(() => insertAction(ctx, inv, territoryOfInvoice(ctx.db, inv.id), input))();
    return actionsOf(ctx.db, inv.id).find((a) => a.id === id)!;
  },

  'receivables:notice': ({ accountId, asOf }, ctx) => notice(ctx.db, accountId, asOf, readPolicies(ctx.db, asOf)),

  'receivables:journal': ({ from, to }, ctx) => journalReport(ctx.db, from, to),

  'receivables:exportJournal': async ({ file, from, to }, ctx, job) => {
    const target = ctx.files.resolve(file, 'write');
    return exportJournalWorkbook(target.path, journalReport(ctx.db, from, to), job);
  },
  'receivables:postJournal': ({ to, by }, ctx) => postBooking(ctx, to, by),
  'receivables:undoBooking': ({ id }, ctx) => {
    undoBooking(ctx, id);
    return { ok: true as const };
  },
  'receivables:bookings': (_in, ctx) => listBookings(ctx.db),

  'receivables:credit': ({ asOf }, ctx) => creditRows(ctx.db, asOf, readPolicies(ctx.db, asOf)),

  'receivables:saveCredit': (input, ctx) => {
    ctx.db.transaction(() => saveCredit(ctx, input))();
    const today = ctx.clock.today();
    return creditRows(ctx.db, today, readPolicies(ctx.db, today), input.accountId)[0]!;
  },

  'receivables:exportAging': async ({ file, asOf, lang }, ctx, job) => {
    const target = ctx.files.resolve(file, 'write');
    return exportAgingWorkbook(ctx.db, target.path, asOf, lang, job);
  },

  'receivables:importInvoices': async ({ file, mapping, createMissing }, ctx, job) =>
    importInvoices(ctx, ctx.files.resolve(file, 'read'), { mapping, createMissing }, job),
  'receivables:importPayments': async ({ file, mapping }, ctx, job) => importPayments(ctx, ctx.files.resolve(file, 'read'), mapping, job),
  'receivables:importCollections': async ({ file, mapping }, ctx, job) =>
    importCollections(ctx, ctx.files.resolve(file, 'read'), mapping, job),
};
