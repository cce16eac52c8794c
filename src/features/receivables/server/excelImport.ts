import type { ServerContext } from '../../../server/context';
import { insertRow } from '../../../server/db/changeLog';
import type { Job } from '../../../server/jobs';
import { readRows, type CellRaw, type RawRow } from '../../../server/excel/tableReader';
import { cellToIsoDate } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import { yuanToFen } from '../../../shared/money';
import { collectionState } from '../domain';
import { actionsOf, insertAction } from './collections';
import { insertInvoice, invoiceByNo, recordPayment, syncReceivableBalance } from './repo';

// Imports of invoices and payments, and the re-import of an annotated aging workbook's
// collection columns. All-or-nothing: every rejected cell is reported as (row, column,
// value, reason) with the spreadsheet's own row numbers, and nothing is written if any is.

export interface ImportProblem {
  row: number;
  column: string;
  value: string;
  reason: string;
}

interface Field {
  key: string;
  /** Headers recognised without a mapping, the first being the one the CLI documents. */
  headers: string[];
  required: boolean;
}

const INVOICE_FIELDS: Field[] = [
  { key: 'invoice', headers: ['Invoice', 'Invoice no', 'Invoice no.', '发票号', '发票号码'], required: true },
  { key: 'customer', headers: ['Customer', '客户', '客户名称'], required: true },
  { key: 'contract', headers: ['Contract', 'Contract no', '合同号', '合同编号'], required: false },
  { key: 'invoiceDate', headers: ['Invoice date', '开票日期', '发票日期'], required: true },
  { key: 'dueDate', headers: ['Due date', '到期日', '到期日期'], required: true },
  { key: 'amount', headers: ['Amount', '金额', '发票金额'], required: true },
];

const PAYMENT_FIELDS: Field[] = [
  { key: 'invoice', headers: ['Invoice', 'Invoice no', '发票号', '发票号码'], required: true },
  { key: 'date', headers: ['Date', 'Payment date', '付款日期', '回款日期'], required: true },
  { key: 'amount', headers: ['Amount', '金额', '回款金额'], required: true },
];

const COLLECTION_FIELDS: Field[] = [
  { key: 'invoice', headers: ['Invoice'], required: true },
  { key: 'promiseDate', headers: ['Promise date'], required: true },
  { key: 'promiseAmount', headers: ['Promise amount'], required: true },
  { key: 'dispute', headers: ['Dispute'], required: true },
  { key: 'note', headers: ['Note'], required: true },
];

const norm = (s: unknown) => String(s ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
const show = (v: CellRaw | undefined) => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

interface Table {
  headerRow: number;
  headers: string[];
  col: Map<string, number>;
  rows: RawRow[];
}

/**
 * Reads a sheet and finds its header row: the first row naming every required field
 * (title rows above it, as in the app's own exports, are skipped). `mapping` maps a
 * header of the file to a field key or to a field's documented header.
 */
async function readTable(file: { path: string; name: string }, fields: Field[], job: Job, mapping?: Record<string, string>, sheet?: string): Promise<Table> {
  const byHeader = new Map<string, string>();
  for (const f of fields) for (const h of f.headers) byHeader.set(norm(h), f.key);
  for (const [from, to] of Object.entries(mapping ?? {})) {
    const field = fields.find((f) => f.key === to || norm(f.headers[0]) === norm(to));
    if (!field) throw new AppError('invalid-input', `--map: unknown field "${to}"; fields are ${fields.map((f) => f.headers[0]).join(', ')}`);
    byHeader.set(norm(from), field.key);
  }
  let header: RawRow | null = null;
  let col = new Map<string, number>();
  const rows: RawRow[] = [];
  for await (const r of readRows(file.path, { job, name: file.name, sheet })) {
    if (header) {
      if (r.values.some((v) => v !== null && v !== '')) rows.push(r);
      continue;
    }
    const found = new Map<string, number>();
    r.values.forEach((v, i) => {
      const key = byHeader.get(norm(v));
      if (key && !found.has(key)) found.set(key, i);
    });
    if (fields.every((f) => !f.required || found.has(f.key))) {
      header = r;
      col = found;
    } else if (r.row >= 30 || found.size >= 2) {
      const missing = fields.filter((f) => f.required && !found.has(f.key)).map((f) => f.headers[0]);
      throw new AppError('import-rejected', `${file.name}: the header row lacks ${missing.join(', ')} (row ${r.row}). Expected headers: ${fields.map((f) => f.headers[0]).join(', ')}.`, {
        errors: missing.map((m) => ({ row: r.row, column: m!, value: '', reason: 'missing column' })),
      });
    }
  }
  if (!header) throw new AppError('import-rejected', `${file.name} has no header row (${fields.map((f) => f.headers[0]).join(', ')}).`, { errors: [] });
  return { headerRow: header.row, headers: header.values.map(show), col, rows };
}

function rejectIfAny(problems: ImportProblem[], what: string): void {
  if (problems.length === 0) return;
  throw new AppError('import-rejected', `${problems.length} problem(s) in the ${what}; nothing was imported.`, { errors: problems.slice(0, 10_000), errorCount: problems.length });
}

/** Cell accessors for one row, each recording a problem instead of throwing. */
function cells(t: Table, r: RawRow, problems: ImportProblem[]) {
  const raw = (key: string) => (t.col.has(key) ? r.values[t.col.get(key)!] ?? null : null);
  const column = (key: string) => t.headers[t.col.get(key)!] ?? key;
  const fail = (key: string, reason: string) => problems.push({ row: r.row, column: column(key), value: show(raw(key)), reason });
  return {
    raw,
    fail,
    text(key: string, required: boolean, max = 200): string | null {
      const v = raw(key);
      const s = v === null ? '' : v instanceof Date ? show(v) : String(v).trim();
      if (!s) return required ? (fail(key, 'required'), null) : null;
      if (s.length > max) return fail(key, `longer than ${max} characters`), null;
      return s;
    },
    date(key: string, required: boolean): string | null {
      const v = raw(key);
      if (v === null || v === '') return required ? (fail(key, 'required'), null) : null;
      const d = cellToIsoDate(v);
      if (!d) fail(key, 'not a date (expected YYYY-MM-DD)');
      return d;
    },
    money(key: string, required: boolean): number | null {
      const v = raw(key);
      if (v === null || v === '') return required ? (fail(key, 'required'), null) : null;
      const fen = typeof v === 'number' || typeof v === 'string' ? yuanToFen(v) : null;
      if (fen === null) return fail(key, 'not an amount in yuan with at most two decimals'), null;
      if (fen <= 0) return fail(key, 'must be positive'), null;
      return fen;
    },
  };
}

function newBatch(ctx: ServerContext, kind: string, fileName: string, inserted: number): string {
  return insertRow(ctx, 'import_batches', { kind, file_name: fileName, inserted, updated: 0 });
}

/** `import invoices`: Invoice, Customer, Contract, Invoice date, Due date, Amount. */
export async function importInvoices(ctx: ServerContext, file: { path: string; name: string }, mapping: Record<string, string> | undefined, job: Job): Promise<{ inserted: number }> {
  const t = await readTable(file, INVOICE_FIELDS, job, mapping);
  const accounts = ctx.db.prepare('SELECT id, name, name_en, territory_id FROM accounts WHERE deleted_at IS NULL').all() as { id: string; name: string; name_en: string | null; territory_id: string }[];
  const byName = new Map<string, { id: string; territoryId: string }[]>();
  for (const a of accounts) {
    for (const n of new Set([norm(a.name), a.name_en ? norm(a.name_en) : ''])) {
      if (!n) continue;
      byName.set(n, [...(byName.get(n) ?? []), { id: a.id, territoryId: a.territory_id }]);
    }
  }
  const problems: ImportProblem[] = [];
  const seen = new Map<string, number>();
  const good: Parameters<typeof insertInvoice>[1][] = [];
  for (const r of t.rows) {
    const c = cells(t, r, problems);
    const before = problems.length;
    const invoiceNo = c.text('invoice', true, 60);
    const customer = c.text('customer', true);
    const contractNo = c.text('contract', false, 60);
    const invoiceDate = c.date('invoiceDate', true);
    const dueDate = c.date('dueDate', true);
    const amount = c.money('amount', true);
    if (invoiceNo) {
      if (seen.has(invoiceNo)) c.fail('invoice', `appears twice in the file (first on row ${seen.get(invoiceNo)})`);
      else if (invoiceByNo(ctx.db, invoiceNo)) c.fail('invoice', 'already exists');
      seen.set(invoiceNo, seen.get(invoiceNo) ?? r.row);
    }
    const matches = customer ? byName.get(norm(customer)) ?? [] : [];
    if (customer && matches.length === 0) c.fail('customer', 'no account has this name');
    if (customer && matches.length > 1) c.fail('customer', 'several accounts have this name');
    if (invoiceDate && dueDate && dueDate < invoiceDate) c.fail('dueDate', 'before the invoice date');
    if (problems.length === before) {
      const acc = matches[0]!;
      good.push({ invoiceNo: invoiceNo!, accountId: acc.id, territoryId: acc.territoryId, contractNo, invoiceDate: invoiceDate!, dueDate: dueDate!, amount: amount! });
    }
  }
  rejectIfAny(problems, 'invoices');
  job.throwIfCancelled();
  ctx.db.transaction(() => {
    const batch = newBatch(ctx, 'receivables.invoices', file.name, good.length);
    for (const g of good) insertInvoice(ctx, g, batch);
    syncReceivableBalance(ctx, good.map((g) => g.accountId));
  })();
  return { inserted: good.length };
}

/** `import payments`: Invoice, Date, Amount — each row one payment settling that invoice. */
export async function importPayments(ctx: ServerContext, file: { path: string; name: string }, mapping: Record<string, string> | undefined, job: Job): Promise<{ inserted: number }> {
  const t = await readTable(file, PAYMENT_FIELDS, job, mapping);
  const problems: ImportProblem[] = [];
  const left = new Map<string, number>();
  const good: { invoice: NonNullable<ReturnType<typeof invoiceByNo>>; territoryId: string; date: string; amount: number }[] = [];
  const territoryOf = ctx.db.prepare('SELECT territory_id FROM rcv_invoices WHERE id = ?').pluck();
  for (const r of t.rows) {
    const c = cells(t, r, problems);
    const before = problems.length;
    const invoiceNo = c.text('invoice', true, 60);
    const date = c.date('date', true);
    const amount = c.money('amount', true);
    const invoice = invoiceNo ? invoiceByNo(ctx.db, invoiceNo) : null;
    if (invoiceNo && !invoice) c.fail('invoice', 'no such invoice');
    if (invoice && amount !== null) {
      // Earlier rows of the same file count against the invoice too.
      const outstanding = left.get(invoice.id) ?? invoice.outstanding;
      if (amount > outstanding) c.fail('amount', `more than the ${(outstanding / 100).toFixed(2)} outstanding on ${invoice.invoiceNo}`);
      else left.set(invoice.id, outstanding - amount);
    }
    if (problems.length === before) good.push({ invoice: invoice!, territoryId: territoryOf.get(invoice!.id) as string, date: date!, amount: amount! });
  }
  rejectIfAny(problems, 'payments');
  job.throwIfCancelled();
  ctx.db.transaction(() => {
    const batch = newBatch(ctx, 'receivables.payments', file.name, good.length);
    for (const g of good) {
      const p = { accountId: g.invoice.accountId, territoryId: g.territoryId, paidOn: g.date, amount: g.amount, reference: `import ${file.name}` };
      recordPayment(ctx, p, [{ invoiceId: g.invoice.id, amount: g.amount }], batch);
    }
    syncReceivableBalance(ctx, good.map((g) => g.invoice.accountId));
  })();
  return { inserted: good.length };
}

const YES = new Set(['yes', 'y', 'true', '1', '是', 'x', '✓']);
const NO = new Set(['', 'no', 'n', 'false', '0', '否']);

/**
 * Re-import of the collection columns of an aging workbook's Detail sheet, matched by
 * invoice number. A row whose promise, dispute or note differs from the log adds one
 * 'note' action dated today (source 'workbook') carrying the row's values, so the next
 * export shows what finance wrote. A blank promise leaves an earlier promise standing.
 */
export async function importCollections(ctx: ServerContext, file: { path: string; name: string }, mapping: Record<string, string> | undefined, job: Job): Promise<{ rows: number; recorded: number }> {
  const t = await readTable(file, COLLECTION_FIELDS, job, mapping, 'Detail');
  const today = ctx.clock.today();
  const problems: ImportProblem[] = [];
  const changes: { invoiceId: string; accountId: string; territoryId: string; promiseDate: string | null; promiseAmount: number | null; dispute: boolean; note: string | null }[] = [];
  const territoryOf = ctx.db.prepare('SELECT territory_id FROM rcv_invoices WHERE id = ?').pluck();
  let rows = 0;
  for (const r of t.rows) {
    const c = cells(t, r, problems);
    const invoiceNo = c.text('invoice', false, 60);
    if (!invoiceNo) {
      if (norm(r.values[0]) === 'total') continue;
      c.fail('invoice', 'required');
      continue;
    }
    rows++;
    const before = problems.length;
    const invoice = invoiceByNo(ctx.db, invoiceNo);
    if (!invoice) c.fail('invoice', 'no such invoice');
    const promiseDate = c.date('promiseDate', false);
    const promiseAmount = c.money('promiseAmount', false);
    if (promiseAmount !== null && !promiseDate) c.fail('promiseAmount', 'a promised amount needs the promised date');
    const disputeText = norm(c.raw('dispute'));
    if (!YES.has(disputeText) && !NO.has(disputeText)) c.fail('dispute', 'expected Yes or blank');
    const note = c.text('note', false, 2000);
    if (problems.length > before || !invoice) continue;
    const state = collectionState({ dueDate: invoice.dueDate, daysOverdue: 0 }, actionsOf(ctx.db, invoice.id), today);
    const dispute = YES.has(disputeText);
    const samePromise = !promiseDate || (state.promise?.date === promiseDate && (promiseAmount === null || state.promise.amount === promiseAmount));
    if (samePromise && dispute === state.dispute && (note ?? null) === (state.last?.note ?? null)) continue;
    changes.push({ invoiceId: invoice.id, accountId: invoice.accountId, territoryId: territoryOf.get(invoice.id) as string, promiseDate, promiseAmount, dispute, note });
  }
  rejectIfAny(problems, 'Detail sheet');
  ctx.db.transaction(() => {
    const batch = newBatch(ctx, 'receivables.collections', file.name, changes.length);
    for (const ch of changes) {
      insertAction(
        ctx,
        { id: ch.invoiceId, accountId: ch.accountId },
        ch.territoryId,
        { date: today, kind: 'note', who: `workbook ${file.name}`.slice(0, 100), note: ch.note, promiseDate: ch.promiseDate, promiseAmount: ch.promiseAmount, dispute: ch.dispute, source: 'workbook' },
        batch,
      );
    }
  })();
  return { rows, recorded: changes.length };
}
