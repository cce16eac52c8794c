import type { ServerContext } from '../../../platform/context';
import { insertRow } from '../../../platform/db/changeLog';
import type { Job } from '../../../platform/jobs';
import type { ImportField } from '../../../platform/excel/importTable';
import { date, money, text } from '../../../platform/excel/cellParsers';
import { AppError } from '../../../shared/errors';
import { insertInvoice, invoiceByNo, syncReceivableBalance, type NewInvoice } from './repo';
import { accountFields } from '../../accounts/fields';
import { createMissingHint, DEACTIVATED_REP, OrgNames, type Created } from '../../org/namePlan';
import { insertPlannedOrg, readOrgRows } from '../../../platform/db/orgRows';
import { newBatch, openTable } from './importCommon';

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

// `import invoices` (see importInvoices); payments and the collection columns have files of
// their own (./paymentImport, ./collectionImport), the shared steps are in ./importCommon.

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
