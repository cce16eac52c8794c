import type { ServerContext } from '../../../platform/context';
import { insertRow } from '../../../platform/db/changeLog';
import type { Job } from '../../../platform/jobs';
import { ImportTable, type ImportErrors, type ImportField } from '../../../platform/excel/importTable';
import { date, money, text, type CellParser } from '../../../platform/excel/cellParsers';
import type { ImportError } from '../../../shared/contract/define';
import { AppError } from '../../../shared/errors';
import type { InvoiceRow } from '../contract';
import { collectionState } from '../domain';
import { actionsOf, insertAction } from './collections';
import { insertInvoice, invoiceByNo, recordPayment, syncReceivableBalance, type NewInvoice } from './repo';
import { accountFields } from '../../accounts/fields';
import { createMissingHint, DEACTIVATED_REP, OrgNames, type Created } from '../../org/namePlan';
import { insertPlannedOrg, readOrgRows } from '../../../platform/db/orgRows';

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

// Imports of invoices and payments, and the re-import of an annotated aging workbook's
// collection columns. All-or-nothing: every rejected cell is reported as (row, column,
// value, reason) with the spreadsheet's own row numbers, and nothing is written if any is.

export type ImportProblem = ImportError;

const PAYMENT_FIELDS: ImportField[] = [
  {
    key: 'invoice',
    label: 'Invoice',
    headers: ['Invoice no', 'Invoice no.', '发票号', '发票号码'],
    parse: text({ max: 60 }),
    required: true,
  },
  { key: 'date', label: 'Date', headers: ['Payment date', '付款日期', '回款日期'], parse: date(), required: true },
  { key: 'amount', label: 'Amount', headers: ['金额', '回款金额'], parse: money(), required: true },
];

const YES = new Set(['yes', 'y', 'true', '1', '是', 'x', '✓']);
const NO = new Set(['no', 'n', 'false', '0', '否']);
const yesNo: CellParser<boolean> = (raw) => {
  const t = String(raw).trim().toLowerCase();
  return YES.has(t) ? { ok: true, value: true } : NO.has(t) ? { ok: true, value: false } : { ok: false, reason: 'expected Yes or blank' };
};

/** The aging workbook's Detail columns a chasing workbook carries back (its other columns are ignored). */
const COLLECTION_FIELDS: ImportField[] = [
  { key: 'invoice', label: 'Invoice', headers: [], parse: text({ max: 60 }), required: true },
  { key: 'promiseDate', label: 'Promise date', headers: [], parse: date(), required: true },
  { key: 'promiseAmount', label: 'Promise amount', headers: [], parse: money() },
  { key: 'dispute', label: 'Dispute', headers: [], parse: yesNo, required: true },
  { key: 'note', label: 'Note', headers: [], parse: text({ max: 2000 }), required: true },
];

/**
 * Opens the table through the shared import helper. With `cellsMayBeEmpty`, `required`
 * means only that the column must be in the file (the chasing workbook's columns are
 * mostly blank); otherwise it also refuses empty cells.
 */
async function openTable(
  file: { path: string; name: string },
  fields: ImportField[],
  job: Job,
  opts: { mapping?: Record<string, string>; sheet?: string; cellsMayBeEmpty?: boolean } = {},
) {
  const open = opts.cellsMayBeEmpty ? fields.map((f) => ({ ...f, required: false })) : fields;
  const table = await ImportTable.open(file.path, open, {
    job,
    name: file.name,
    ...(opts.mapping ? { mapping: opts.mapping } : {}),
    ...(opts.sheet ? { sheet: opts.sheet } : {}),
  });
  if (opts.cellsMayBeEmpty) {
    for (const f of fields)
      if (f.required && !table.present.has(f.key)) table.errors.add(table.headerRow, f.label, '', 'required column is missing');
  }
  return table;
}

function rejectIfAny(errors: ImportErrors, what: string): void {
  if (errors.count === 0) return;
  throw new AppError('import-rejected', `${errors.count} problem(s) in the ${what}; nothing was imported.`, {
    errors: errors.list,
    errorCount: errors.count,
  });
}

function newBatch(ctx: ServerContext, kind: string, fileName: string, inserted: number): string {
  return insertRow(ctx, 'import_batches', { kind, file_name: fileName, inserted, updated: 0 });
}

/** The invoice file's Territory and Rep columns take the headers the accounts import takes for its Territory and Owner. */
const headersOf = (key: 'territory' | 'owner') => {
  const f = accountFields.find((a) => a.key === key)!;
  return [f.en, f.zh, ...f.synonyms];
};

const INVOICE_FIELDS: ImportField[] = [
  {
    key: 'invoice',
    label: 'Invoice',
    headers: ['Invoice no', 'Invoice no.', 'Invoice number', '发票号', '发票号码'],
    parse: text({ max: 60 }),
    required: true,
  },
  { key: 'customer', label: 'Customer', headers: ['客户', '客户名称'], parse: text({ max: 200 }), required: true },
  { key: 'contract', label: 'Contract', headers: ['Contract no', '合同号', '合同编号'], parse: text({ max: 60 }) },
  { key: 'invoiceDate', label: 'Invoice date', headers: ['开票日期', '发票日期'], parse: date(), required: true },
  { key: 'dueDate', label: 'Due date', headers: ['到期日', '到期日期'], parse: date(), required: true },
  { key: 'amount', label: 'Amount', headers: ['金额', '发票金额'], parse: money(), required: true },
  // Read only for a customer the book does not have (created with createMissing).
  { key: 'territory', label: 'Territory', headers: headersOf('territory'), parse: text({ max: 200 }) },
  { key: 'rep', label: 'Rep', headers: headersOf('owner'), parse: text({ max: 200 }) },
];

export interface InvoiceImportOptions {
  mapping?: Record<string, string> | undefined;
  /** Create the customers, territories and reps the file names that the book lacks. */
  createMissing?: boolean | undefined;
}

interface PlannedAccount {
  id: string;
  name: string;
  /** Null only in a plan made to be listed (no createMissing), never written. */
  territoryId: string | null;
  ownerId: string | null;
}

/**
 * `import invoices`: Invoice, Customer, Contract, Invoice date, Due date, Amount, and for a
 * customer the book lacks, Territory and Rep. The Customer names an account; with
 * createMissing a name no account has becomes a new account in the Territory of the first
 * row naming it (owned by its Rep, if given), and the territories and reps named for new
 * customers that the book lacks are created too — all in the invoices' own transaction.
 */
export async function importInvoices(
  ctx: ServerContext,
  file: { path: string; name: string },
  opts: InvoiceImportOptions,
  job: Job,
): Promise<{ inserted: number; created: Created[] }> {
  const table = await openTable(file, INVOICE_FIELDS, job, { mapping: opts.mapping });
  const accounts = ctx.db.prepare('SELECT id, name, name_en, territory_id FROM accounts WHERE deleted_at IS NULL').all() as {
    id: string;
    name: string;
    name_en: string | null;
    territory_id: string;
  }[];
  const byName = new Map<string, { id: string; territoryId: string }[]>();
  for (const a of accounts) {
    for (const n of new Set([norm(a.name), a.name_en ? norm(a.name_en) : ''])) {
      if (n) byName.set(n, [...(byName.get(n) ?? []), { id: a.id, territoryId: a.territory_id }]);
    }
  }
  const names = new OrgNames(readOrgRows(ctx.db), ctx.newId);
  const newAccounts = new Map<string, PlannedAccount>();
  // What would be created, in the order the file first names it (territory, rep, then the customer).
  const created: Created[] = [];
  const errors = table.errors;
  const fail = (row: number, key: string, value: unknown, reason: string) => errors.add(row, table.columnName(key), value, reason);
  /**
   * Plans the account for a customer the book lacks, first named on `row` (later rows naming
   * it share it: their Territory and Rep are not read). Without createMissing the plan only
   * lists what the refusal should name; with it, a row that cannot say where the customer
   * belongs is refused.
   */
  function planCustomer(row: number, name: string, territory: string | null, rep: string | null): PlannedAccount | null {
    const strict = !!opts.createMissing;
    const before = names.missing().length;
    const territoryId = territory ? names.territory(territory) : null;
    let ok = true;
    const refuse = (key: string, value: unknown, reason: string) => {
      ok = false;
      if (strict) fail(row, key, value, reason);
    };
    if (!territoryId) refuse('territory', '', 'a new customer needs a Territory');
    const territoryProblem = territoryId ? names.plannedTerritoryProblem(territoryId) : undefined;
    if (territoryProblem) refuse('territory', territory, territoryProblem);
    let ownerId: string | null = null;
    if (rep && territoryId) {
      const owner = names.repIn(rep, territoryId);
      if ('reason' in owner) refuse('rep', rep, owner.reason);
      else if (!owner.active) refuse('rep', rep, DEACTIVATED_REP);
      else ownerId = owner.id;
    }
    created.push(...names.missing().slice(before));
    // Refused on its row: a later row naming the customer is checked again.
    if (strict && !ok) return null;
    const account = { id: ctx.newId(), name, territoryId, ownerId };
    newAccounts.set(norm(name), account);
    created.push({ kind: 'account', name, territory: territoryId ? names.territoryNameEn(territoryId) : null });
    return account;
  }

  const seen = new Map<string, number>();
  const good: NewInvoice[] = [];
  for await (const r of table.records()) {
    const v = r.values as {
      invoice: string | null;
      customer: string | null;
      contract: string | null;
      invoiceDate: string | null;
      dueDate: string | null;
      amount: number | null;
      territory?: string | null;
      rep?: string | null;
    };
    let ok = r.ok;
    if (v.invoice) {
      if (seen.has(v.invoice)) {
        ok = false;
        fail(r.row, 'invoice', v.invoice, `appears twice in the file (first on row ${seen.get(v.invoice)})`);
      } else if (invoiceByNo(ctx.db, v.invoice)) {
        ok = false;
        fail(r.row, 'invoice', v.invoice, 'already exists');
      }
      if (!seen.has(v.invoice)) seen.set(v.invoice, r.row);
    }
    const matches = v.customer ? (byName.get(norm(v.customer)) ?? []) : [];
    let customer: { id: string; territoryId: string } | undefined = matches.length === 1 ? matches[0] : undefined;
    if (matches.length > 1) {
      ok = false;
      fail(r.row, 'customer', v.customer, 'several accounts have this name');
    } else if (v.customer && matches.length === 0) {
      const planned = newAccounts.get(norm(v.customer)) ?? planCustomer(r.row, v.customer, v.territory ?? null, v.rep ?? null);
      if (!opts.createMissing) {
        ok = false;
        fail(r.row, 'customer', v.customer, 'no account has this name');
      } else if (planned) customer = { id: planned.id, territoryId: planned.territoryId! };
      else ok = false;
    }
    if (v.amount === 0) {
      ok = false;
      fail(r.row, 'amount', 0, 'must be more than zero');
    }
    if (v.invoiceDate && v.dueDate && v.dueDate < v.invoiceDate) {
      ok = false;
      fail(r.row, 'dueDate', v.dueDate, 'before the invoice date');
    }
    if (ok)
      good.push({
        invoiceNo: v.invoice!,
        accountId: customer!.id,
        territoryId: customer!.territoryId,
        contractNo: v.contract,
        invoiceDate: v.invoiceDate!,
        dueDate: v.dueDate!,
        amount: v.amount!,
      });
  }

  if (errors.count > 0) {
    const hint = opts.createMissing ? '' : createMissingHint(created);
    throw new AppError('import-rejected', `${errors.count} problem(s) in the invoices; nothing was imported.${hint}`, {
      errors: errors.list,
      errorCount: errors.count,
      missing: created,
    });
  }
  job.throwIfCancelled();
  ctx.db.transaction(() => {
    const batch = newBatch(ctx, 'receivables.invoices', file.name, good.length);
    insertPlannedOrg(ctx, names.plannedRows(), batch);
    for (const a of newAccounts.values())
      // The customers the file names that the book lacks (--create-missing): a plain accounts row.
      insertRow(ctx, 'accounts', { id: a.id, name: a.name, territory_id: a.territoryId, owner_id: a.ownerId }, batch);
    for (const g of good) insertInvoice(ctx, g, batch);
    syncReceivableBalance(
      ctx,
      good.map((g) => g.accountId),
    );
  })();
  return { inserted: good.length, created };
}

/** `import payments`: Invoice, Date, Amount — each row one payment settling that invoice. */
export async function importPayments(
  ctx: ServerContext,
  file: { path: string; name: string },
  mapping: Record<string, string> | undefined,
  job: Job,
): Promise<{ inserted: number }> {
  const table = await openTable(file, PAYMENT_FIELDS, job, { mapping });
  const errors = table.errors;
  const left = new Map<string, number>();
  const good: { invoice: InvoiceRow; territoryId: string; date: string; amount: number }[] = [];
  const territoryOf = ctx.db.prepare('SELECT territory_id FROM rcv_invoices WHERE id = ?').pluck();
  for await (const r of table.records()) {
    const v = r.values as { invoice: string | null; date: string | null; amount: number | null };
    let ok = r.ok;
    const invoice = v.invoice ? invoiceByNo(ctx.db, v.invoice) : null;
    if (v.invoice && !invoice) {
      ok = false;
      errors.add(r.row, table.columnName('invoice'), v.invoice, 'no such invoice');
    }
    if (v.amount === 0) {
      ok = false;
      errors.add(r.row, table.columnName('amount'), 0, 'must be more than zero');
    }
    if (invoice && v.amount) {
      // Earlier rows of the same file count against the invoice too.
      const outstanding = left.get(invoice.id) ?? invoice.outstanding;
      if (v.amount > outstanding) {
        ok = false;
        errors.add(
          r.row,
          table.columnName('amount'),
          v.amount / 100,
          `more than the ${(outstanding / 100).toFixed(2)} outstanding on ${invoice.invoiceNo}`,
        );
      } else left.set(invoice.id, outstanding - v.amount);
    }
    if (ok) good.push({ invoice: invoice!, territoryId: territoryOf.get(invoice!.id) as string, date: v.date!, amount: v.amount! });
  }
  rejectIfAny(errors, 'payments');
  job.throwIfCancelled();
  ctx.db.transaction(() => {
    const batch = newBatch(ctx, 'receivables.payments', file.name, good.length);
    for (const g of good) {
      const p = {
        accountId: g.invoice.accountId,
        territoryId: g.territoryId,
        paidOn: g.date,
        amount: g.amount,
        reference: `import ${file.name}`,
      };
      recordPayment(ctx, p, [{ invoiceId: g.invoice.id, amount: g.amount }], batch);
    }
    syncReceivableBalance(
      ctx,
      good.map((g) => g.invoice.accountId),
    );
  })();
  return { inserted: good.length };
}

/**
 * Re-import of the collection columns of an aging workbook's Detail sheet, matched by
 * invoice number. A row whose promise, dispute or note differs from the log adds one
 * 'note' action dated today (source 'workbook') carrying the row's values, so the next
 * export shows what finance wrote. A blank promise leaves an earlier promise standing.
 */
export async function importCollections(
  ctx: ServerContext,
  file: { path: string; name: string },
  mapping: Record<string, string> | undefined,
  job: Job,
): Promise<{ rows: number; recorded: number }> {
  const table = await openTable(file, COLLECTION_FIELDS, job, { mapping, sheet: 'Detail', cellsMayBeEmpty: true });
  const today = ctx.clock.today();
  const errors = table.errors;
  const changes: {
    invoiceId: string;
    accountId: string;
    territoryId: string;
    promiseDate: string | null;
    promiseAmount: number | null;
    dispute: boolean;
    note: string | null;
  }[] = [];
  const territoryOf = ctx.db.prepare('SELECT territory_id FROM rcv_invoices WHERE id = ?').pluck();
  let rows = 0;
  for await (const r of table.records()) {
    const v = r.values as {
      invoice: string | null;
      promiseDate: string | null;
      promiseAmount: number | null;
      dispute: boolean | null;
      note: string | null;
    };
    if (!v.invoice) continue; // the totals row and blank lines
    rows++;
    let ok = r.ok;
    const invoice = invoiceByNo(ctx.db, v.invoice);
    if (!invoice) {
      ok = false;
      errors.add(r.row, table.columnName('invoice'), v.invoice, 'no such invoice');
    }
    if (v.promiseAmount !== null && !v.promiseDate) {
      ok = false;
      errors.add(r.row, table.columnName('promiseAmount'), v.promiseAmount / 100, 'a promised amount needs the promised date');
    }
    if (!ok || !invoice) continue;
    const state = collectionState({ dueDate: invoice.dueDate, daysOverdue: 0 }, actionsOf(ctx.db, invoice.id), today);
    const dispute = v.dispute ?? false;
    const samePromise =
      !v.promiseDate || (state.promise?.date === v.promiseDate && (v.promiseAmount === null || state.promise.amount === v.promiseAmount));
    if (samePromise && dispute === state.dispute && (v.note ?? null) === (state.last?.note ?? null)) continue;
    changes.push({
      invoiceId: invoice.id,
      accountId: invoice.accountId,
      territoryId: territoryOf.get(invoice.id) as string,
      promiseDate: v.promiseDate,
      promiseAmount: v.promiseAmount,
      dispute,
      note: v.note,
    });
  }
  rejectIfAny(errors, 'Detail sheet');
  ctx.db.transaction(() => {
    const batch = newBatch(ctx, 'receivables.collections', file.name, changes.length);
    for (const ch of changes) {
      insertAction(
        ctx,
        { id: ch.invoiceId, accountId: ch.accountId },
        ch.territoryId,
        {
          date: today,
          kind: 'note',
          who: `workbook ${file.name}`.slice(0, 100),
          note: ch.note,
          promiseDate: ch.promiseDate,
          promiseAmount: ch.promiseAmount,
          dispute: ch.dispute,
          source: 'workbook',
        },
        batch,
      );
    }
  })();
  return { rows, recorded: changes.length };
}
