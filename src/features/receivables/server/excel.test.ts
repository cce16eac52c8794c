import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import XLSX from 'xlsx';
import { runCli } from '../../../app/cli/main';
import { createRegistry } from '../../../app/handlers';
import type { ServerContext } from '../../../platform/context';
import { tempDir } from '../../../../test/db/helpers';
import type { Aging, InvoiceRow } from '../contract';
import { receivablesBook, TODAY } from './testBook';

// The CLI's exact forms and the finance workbook (a contract): written by the app, read back
// with SheetJS (an independent reader); input workbooks are written with SheetJS too.

let dir: string;
let db: string;
let ctx: ServerContext;
let accounts: string[];
let cleanup: () => void;
const registry = createRegistry({ validateOutput: true });
const call = <T>(channel: string, input: unknown) => registry.call<T>(ctx, channel, input);

beforeEach(async () => {
  const t = tempDir('sw-rcv-xl-');
  dir = t.dir;
  cleanup = t.cleanup;
  db = path.join(dir, 'book.sqlite');
  ({ ctx, accounts } = await receivablesBook(dir));
});
afterEach(() => {
  ctx.db.close();
  cleanup();
});

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    ['--db', db, ...args],
    (s) => out.push(s),
    (s) => err.push(s),
  );
  return { code, out, err };
}

type Rows = (string | number | null)[][];
function workbook(name: string, sheets: Record<string, Rows>): string {
  const file = path.join(dir, name);
  const wb = XLSX.utils.book_new();
  for (const [sheet, rows] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), sheet);
  XLSX.writeFile(wb, file);
  return file;
}

function read(file: string) {
  return XLSX.read(fs.readFileSync(file), { cellStyles: true, cellNF: true, bookFiles: true } as XLSX.ParsingOptions);
}
const rowsOf = (wb: XLSX.WorkBook, sheet: string) =>
  XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[sheet]!, { header: 1, raw: true, blankrows: true });
const sheetXml = (wb: XLSX.WorkBook, n: number) =>
  Buffer.from((wb as unknown as { files: Record<string, { content: Uint8Array }> }).files[`xl/worksheets/sheet${n}.xml`]!.content).toString(
    'utf8',
  );

const INVOICE_HEADERS = ['Invoice', 'Customer', 'Contract', 'Invoice date', 'Due date', 'Amount'];

/** Three customers with invoices in several buckets, a partial payment and a payment after the as-of date. */
async function someReceivables() {
  const f = workbook('invoices.xlsx', {
    Invoices: [
      INVOICE_HEADERS,
      ['A-1', '甲公司', 'HT-1', '2026-01-05', '2026-02-04', 120_000],
      ['A-2', '甲公司', 'HT-1', '2026-06-01', '2026-07-01', 30_000.5],
      ['B-1', '乙公司', null, '2025-01-10', '2025-02-09', 8_000],
      ['B-2', 'Customer B', 'HT-7', '2026-04-01', '2026-05-31', 45_678.91],
      ['C-1', '丙公司', null, '2023-03-01', '2023-03-31', 2_500],
    ],
  });
  expect(await cli('import', 'invoices', f)).toMatchObject({ code: 0, out: ['Imported 5 invoices.'] });
  const p = workbook('payments.xlsx', {
    Payments: [
      ['Invoice', 'Date', 'Amount'],
      ['A-1', '2026-03-15', 20_000],
      ['B-2', '2026-07-02', 45_678.91],
    ],
  });
  expect(await cli('import', 'payments', p)).toMatchObject({ code: 0, out: ['Imported 2 payments.'] });
}

describe('export aging OUT.xlsx --as-of', () => {
  it('writes Summary, Detail and Rates with the contract headers, live totals with cached values, and print setup', async () => {
    await someReceivables();
    const out = path.join(dir, 'aging.xlsx');
    const r = await cli('export', 'aging', out, '--as-of', TODAY);
    expect(r.code).toBe(0);
    const aging = await call<Aging>('receivables:aging', { asOf: TODAY });
    const wb = read(out);
    expect(wb.SheetNames).toEqual(['Summary', 'Detail', 'Rates']);

    const summary = rowsOf(wb, 'Summary');
    expect(summary[0]).toEqual([`Accounts receivable aging 应收账款账龄分析 — Summary by customer — as of ${TODAY}`]);
    expect(summary[1]).toEqual([
      'Provision rates: Current 0% · 1-30 10% · 31-60 20% · 61-90 30% · 91-180 50% · 181-365 100% · 366-730 100% · Over 730 100%',
    ]);
    const h = summary.findIndex((row) => row[0] === 'Customer');
    expect(summary[h]).toEqual([
      'Customer',
      'Current',
      '1-30',
      '31-60',
      '61-90',
      '91-180',
      '181-365',
      '366-730',
      'Over 730',
      'Total',
      'Provision',
    ]);
    const body = summary.slice(h + 1, -1);
    expect(body.map((row) => row[0])).toEqual(['甲公司', '乙公司', '丙公司']); // Total descending
    expect(body.map((row) => row[9])).toEqual([130_000.5, 53_678.91, 2_500]);
    const totalRow = summary[summary.length - 1]!;
    expect(totalRow[0]).toBe('Total');
    expect(totalRow[9]).toBeCloseTo(aging.totals.total / 100, 6);
    expect(totalRow[10]).toBeCloseTo(aging.totals.provision / 100, 6);

    const ws = wb.Sheets.Summary!;
    const first = h + 2; // spreadsheet row of the first customer
    const last = first + 2;
    const totalsAt = last + 1;
    expect(ws[`J${totalsAt}`]).toMatchObject({ f: `SUM(J${first}:J${last})`, t: 'n', z: '#,##0.00' });
    expect(ws[`K${totalsAt}`]).toMatchObject({ f: `SUM(K${first}:K${last})` });
    expect(ws[`J${first}`]).toMatchObject({ f: `SUM(B${first}:I${first})`, v: 130_000.5 });
    expect(ws[`E${first}`]!.z).toBe('#,##0.00');
    const xml = sheetXml(wb, 1);
    expect(xml).toMatch(new RegExp(`<pane ySplit="${h + 1}"[^>]*state="frozen"`));
    expect(xml).toMatch(/<pageSetUpPr fitToPage="1"\/>/);
    expect(xml).toMatch(/<pageSetup[^>]*orientation="landscape"/);
    expect(xml).toMatch(/<pageSetup[^>]*fitToWidth="1"/);
    expect(ws['!autofilter']).toEqual({ ref: `A${h + 1}:K${last}` });

    const detail = rowsOf(wb, 'Detail');
    const dh = detail.findIndex((row) => row[0] === 'Customer');
    expect(detail[dh]!.slice(0, 13)).toEqual([
      'Customer',
      'Invoice',
      'Contract',
      'Invoice date',
      'Due date',
      'Amount',
      'Paid',
      'Outstanding',
      'Days overdue',
      'Bucket',
      'Rate',
      'Provision',
      'Collection stage',
    ]);
    expect(detail[dh]!.slice(13)).toEqual(['Suggested stage', 'Last action', 'Promise date', 'Promise amount', 'Dispute', 'Note']);
    const dRows = detail.slice(dh + 1, -1);
    expect(dRows.map((row) => row[1])).toEqual(['A-1', 'A-2', 'B-1', 'B-2', 'C-1']);
    const a1 = dRows[0]!;
    // 2026-02-04 → 2026-06-30 is 146 days: 91-180 at 50 %; 120,000 − 20,000 paid.
    expect(a1.slice(5, 12)).toEqual([120_000, 20_000, 100_000, 146, '91-180', 0.5, 50_000]);
    const b2 = dRows[3]!;
    expect(b2.slice(6, 9)).toEqual([0, 45_678.91, 30]); // the 07-02 payment is after the as-of date
    expect(dRows[4]!.slice(8, 12)).toEqual([1187, 'Over 730', 1, 2_500]);
    const dws = wb.Sheets.Detail!;
    expect(dws[`D${dh + 2}`]).toMatchObject({ t: 'n', z: 'yyyy-mm-dd', w: '2026-01-05' });
    expect(dws[`K${dh + 2}`]!.z).toBe('0.00%');
    const dTotal = detail[detail.length - 1]!;
    expect(dTotal[0]).toBe('Total');
    expect(dTotal[7]).toBeCloseTo(aging.totals.total / 100, 6);
    expect(dTotal[11]).toBeCloseTo(aging.totals.provision / 100, 6);
    expect(dws[`H${dh + 7}`]).toMatchObject({ f: `SUM(H${dh + 2}:H${dh + 6})` });

    const rates = rowsOf(wb, 'Rates');
    const rh = rates.findIndex((row) => row[0] === 'Bucket');
    // The contract's four headers, then the date each rate took effect (never changed here).
    expect(rates[rh]).toEqual(['Bucket', 'From days', 'To days', 'Rate', 'In force from']);
    expect(rates.slice(rh + 1)).toEqual(
      [
        ['Current', undefined, 0, 0],
        ['1-30', 1, 30, 0.1],
        ['31-60', 31, 60, 0.2],
        ['61-90', 61, 90, 0.3],
        ['91-180', 91, 180, 0.5],
        ['181-365', 181, 365, 1],
        ['366-730', 366, 730, 1],
        ['Over 730', 731, undefined, 1],
      ].map((row) => [...row.map((v) => v ?? undefined), 'from the start']),
    );
  });

  it('refuses a missing or malformed --as-of', async () => {
    expect((await cli('export', 'aging', path.join(dir, 'x.xlsx'))).code).toBe(2);
    expect((await cli('export', 'aging', path.join(dir, 'x.xlsx'), '--as-of', '2026-02-30')).code).toBe(2);
    expect(fs.existsSync(path.join(dir, 'x.xlsx'))).toBe(false);
  });
});

describe('export journal OUT.xlsx --from --to', () => {
  it('writes balanced journal lines and the movements by customer, with live totals', async () => {
    await someReceivables();
    const out = path.join(dir, 'journal.xlsx');
    const r = await cli('export', 'journal', out, '--from', '2026-03-31', '--to', TODAY);
    expect(r.code).toBe(0);
    const wb = read(out);
    expect(wb.SheetNames).toEqual(['Journal', 'Movements']);
    const lines = rowsOf(wb, 'Journal');
    const h = lines.findIndex((row) => row[0] === 'Customer');
    expect(lines[h]).toEqual(['Customer', 'Ledger account', 'Debit', 'Credit']);
    const total = lines[lines.length - 1]!;
    expect(total[0]).toBe('Total');
    expect(total[2]).toBeCloseTo(total[3] as number, 6); // debits equal credits
    expect(wb.Sheets.Journal![`C${lines.length}`]).toMatchObject({ f: `SUM(C${h + 2}:C${lines.length - 1})` });
    const moves = rowsOf(wb, 'Movements');
    const mh = moves.findIndex((row) => row[0] === 'Customer');
    expect(moves[mh]).toEqual([
      'Customer',
      'Opening balance',
      'Prior-period adjustment',
      'Period movement',
      'Closing balance',
      'Total movement',
    ]);
    const journal = await call<{ totals: { change: number; closing: number } }>('receivables:journal', { from: '2026-03-31', to: TODAY });
    expect(journal.totals.change).not.toBe(0);
    expect(Math.round((moves[moves.length - 1]![5] as number) * 100)).toBe(journal.totals.change);
    expect(Math.round((moves[moves.length - 1]![4] as number) * 100)).toBe(journal.totals.closing);
  });
});

describe('import invoices / payments', () => {
  it('rejects the whole file, reporting each bad cell with its spreadsheet row', async () => {
    const f = workbook('bad.xlsx', {
      Sheet1: [
        INVOICE_HEADERS,
        ['X-1', '甲公司', null, '2026-01-01', '2026-01-31', 100],
        ['X-2', '不存在公司', null, '2026-01-01', '2026-01-31', 100],
        ['X-1', '乙公司', null, '2026-13-01', '2025-12-31', -5],
        ['X-4', '丙公司', null, '2026-02-01', '2026-01-01', '12.345'],
      ],
    });
    const r = await cli('import', 'invoices', f);
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toContain('row 3, Customer: no account has this name (不存在公司)');
    expect(r.err.join('\n')).toContain('row 4, Invoice: appears twice in the file (first on row 2) (X-1)');
    expect(r.err.join('\n')).toContain('row 4, Invoice date: not a date');
    expect(r.err.join('\n')).toContain('row 4, Amount: cannot be negative (-5)');
    expect(r.err.join('\n')).toContain('row 5, Due date: before the invoice date');
    expect(r.err.join('\n')).toContain('row 5, Amount: more than two decimals (money is in yuan with at most 2 decimals) (12.345)');
    expect(ctx.db.prepare('SELECT count(*) FROM rcv_invoices').pluck().get()).toBe(0);
  });

  it('maps other headers with --map "Header=field" (field keys: invoice, customer, contract, invoiceDate, dueDate, amount)', async () => {
    const f = workbook('mapped.xlsx', {
      S: [
        ['No.', '客户', 'Issued', 'Due', 'Sum'],
        ['M-1', '甲公司', '2026-05-01', '2026-05-31', 99.99],
      ],
    });
    const r = await cli(
      'import',
      'invoices',
      f,
      '--map',
      'No.=Invoice',
      '--map',
      'Issued=invoiceDate',
      '--map',
      'Due=dueDate',
      '--map',
      'Sum=amount',
    );
    expect(r).toMatchObject({ code: 0 });
    const inv = (await call<InvoiceRow[]>('receivables:invoices', {}))[0]!;
    expect(inv).toMatchObject({ invoiceNo: 'M-1', customer: '甲公司', amount: 99_99, contractNo: null });
    expect(ctx.db.prepare('SELECT receivable_fen FROM accounts WHERE id = ?').pluck().get(accounts[0])).toBe(99_99);
  });

  it('a payment larger than what is outstanding is an error (counting earlier rows of the same file)', async () => {
    await someReceivables();
    const f = workbook('over.xlsx', {
      P: [
        ['Invoice', 'Date', 'Amount'],
        ['C-1', '2026-06-01', 2_000],
        ['C-1', '2026-06-02', 600],
        ['NOPE', '2026-06-02', 1],
      ],
    });
    const r = await cli('import', 'payments', f);
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toContain('row 3, Amount: more than the 500.00 outstanding on C-1 (600)');
    expect(r.err.join('\n')).toContain('row 4, Invoice: no such invoice (NOPE)');
    expect(ctx.db.prepare('SELECT count(*) FROM rcv_payments').pluck().get()).toBe(2);
  });
});

describe('a chasing workbook re-imported after finance annotated it', () => {
  it('keeps the promise, dispute and note on the next export', async () => {
    await someReceivables();
    const first = path.join(dir, 'chase.xlsx');
    expect((await cli('export', 'aging', first, '--as-of', TODAY)).code).toBe(0);
    // Finance writes in the Detail sheet's collection columns (with SheetJS: another program).
    const wb = XLSX.read(fs.readFileSync(first));
    const ws = wb.Sheets.Detail!;
    const rows = rowsOf(wb, 'Detail');
    const h = rows.findIndex((row) => row[0] === 'Customer');
    const at = (invoiceNo: string) => h + 1 + rows.slice(h).findIndex((row) => row[1] === invoiceNo);
    const col = (name: string) => XLSX.utils.encode_col((rows[h] as string[]).indexOf(name));
    ws[`${col('Promise date')}${at('A-1')}`] = { t: 's', v: '2026-07-15' };
    ws[`${col('Promise amount')}${at('A-1')}`] = { t: 'n', v: 50_000 };
    ws[`${col('Note')}${at('A-1')}`] = { t: 's', v: '王总答应7月中旬先付一半' };
    ws[`${col('Dispute')}${at('B-1')}`] = { t: 's', v: 'Yes' };
    ws[`${col('Note')}${at('B-1')}`] = { t: 's', v: '=客户称质量问题' };
    const annotated = path.join(dir, 'chase-annotated.xlsx');
    XLSX.writeFile(wb, annotated);
    // Finance re-imports it the same day: the notes are dated then, so the aging as of that
    // day shows them (an aging as of a date reads the log as of that date, never later).
    const r = await cli('--today', TODAY, 'import', 'collections', annotated);
    expect(r).toMatchObject({ code: 0, out: ['Read 5 rows; recorded 2 collection notes.'] });
    // Re-importing the same file changes nothing.
    expect((await cli('--today', TODAY, 'import', 'collections', annotated)).out).toEqual(['Read 5 rows; recorded 0 collection notes.']);

    const second = path.join(dir, 'chase-2.xlsx');
    expect((await cli('export', 'aging', second, '--as-of', TODAY)).code).toBe(0);
    const again = rowsOf(read(second), 'Detail');
    const header = again[h] as string[];
    const row = (no: string) => again.find((x) => x[1] === no)!;
    const val = (no: string, name: string) => row(no)[header.indexOf(name)];
    expect(val('A-1', 'Promise date')).toBe(46218); // 2026-07-15 as an Excel date serial
    expect(val('A-1', 'Promise amount')).toBe(50_000);
    expect(val('A-1', 'Note')).toBe('王总答应7月中旬先付一半');
    expect(val('B-1', 'Dispute')).toBe('Yes');
    expect(val('B-1', 'Note')).toBe('=客户称质量问题'); // text that looks like a formula stays text
    expect(String(val('A-1', 'Last action'))).toMatch(/Note \(workbook chase-annotated\.xlsx\)$/);
    expect(val('B-2', 'Note')).toBeUndefined();
  });
});
