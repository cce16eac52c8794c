import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type ExcelJSModule from 'exceljs';
import seedrandom from 'seedrandom';
import { v7 as uuidv7 } from 'uuid';
import { openBook } from '../../src/app/book';
import { createRegistry } from '../../src/app/handlers';
import { addDays, daysBetween, isoToExcelDate } from '../../src/shared/dates';
import { dateInZone, DEFAULT_TIME_ZONE } from '../../src/shared/bookTime';
import { exportAgingWorkbook } from '../../src/features/receivables/server/export';
import { extraTimings, type BenchCase } from '../harness';
import { makeAccountsBook } from '../data';

// Receivables aging on 1,000,000 invoices with 1,500,000 payments (one allocation each),
// 10,000 customers, invoices over three years.
// - receivables-aging: the real handler (receivables:aging — buckets, provision per invoice,
//   unapplied credit, names) against the floor: ONE SQL aggregate over the same tables, the
//   outstanding per customer at the as-of date, nothing else.
// - receivables-detail-export: the real export (Summary, Detail with the collection columns,
//   Rates) against the floor: the same open-invoice query streamed into a bare ExcelJS
//   streaming workbook writing the Detail sheet's cells (same values, same number formats).

const INVOICES = Number(process.env.SW_BENCH_INVOICES ?? 1_000_000);
const PAYMENTS = Number(process.env.SW_BENCH_PAYMENTS ?? 1_500_000);
const ACCOUNTS = 10_000;
const AS_OF = dateInZone(new Date(), DEFAULT_TIME_ZONE);
const size = `${INVOICES.toLocaleString('en-US')} invoices, ${PAYMENTS.toLocaleString('en-US')} payments`;
const file = (dir: string) => path.join(dir, 'receivables.sqlite');
// The floor's library, loaded (untimed) in reset for floor runs only.
let ExcelJS: typeof ExcelJSModule;

/** Builds the book once; SW_BENCH_RECEIVABLES_BOOK names a book built earlier to reuse (it takes minutes to build). */
async function prepareBook(dir: string): Promise<void> {
  if (fs.existsSync(file(dir))) return;
  const reuse = process.env.SW_BENCH_RECEIVABLES_BOOK;
  if (reuse && fs.existsSync(reuse)) return fs.symlinkSync(path.resolve(reuse), file(dir));
  await makeAccountsBook(file(dir), ACCOUNTS);
  fillReceivables(file(dir));
  if (reuse) fs.copyFileSync(file(dir), reuse);
}

/** Invoices and payments written straight into the tables (the bench measures reading them). */
function fillReceivables(dbFile: string): void {
  const db = new Database(dbFile);
  db.pragma('journal_mode = WAL');
  const rng = seedrandom('bench-receivables');
  const int = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
  const id = () => uuidv7({ random: Uint8Array.from({ length: 16 }, () => Math.floor(rng() * 256)) });
  const accounts = db.prepare('SELECT id, territory_id FROM accounts').raw().all() as [string, string][];
  const at = new Date().toISOString();
  const insInv = db.prepare(
    `INSERT INTO rcv_invoices (id, invoice_no, contract_no, account_id, territory_id, invoice_date, due_date, amount_fen, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)`,
  );
  const insPay = db.prepare(
    `INSERT INTO rcv_payments (id, account_id, territory_id, paid_on, amount_fen, credit_possible, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)`,
  );
  const insAlloc = db.prepare(
    `INSERT INTO rcv_allocations (id, payment_id, invoice_id, account_id, territory_id, applied_on, amount_fen, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)`,
  );
  // Every invoice gets one payment; every other invoice a second one (1.5 payments per invoice).
  const secondEvery = Math.max(1, Math.round(INVOICES / Math.max(1, PAYMENTS - INVOICES)));
  let payments = 0;
  db.transaction(() => {
    for (let i = 0; i < INVOICES; i++) {
      const [accountId, territoryId] = accounts[i % accounts.length]!;
      const invoiceId = id();
      const invoiceDate = addDays(AS_OF, -int(0, 1100));
      const due = addDays(invoiceDate, [30, 45, 60, 90][int(0, 3)]!);
      const amount = int(1_000, 5_000_000) * 100 + int(0, 99);
      insInv.run(
        invoiceId,
        `INV${String(i).padStart(8, '0')}`,
        rng() < 0.5 ? `HT-${i % 5000}` : null,
        accountId,
        territoryId,
        invoiceDate,
        due,
        amount,
        at,
        at,
      );
      const parts = payments < PAYMENTS && (i % secondEvery === 0 || PAYMENTS - payments > 2 * (INVOICES - i)) ? 2 : 1;
      let left = amount;
      for (let k = 0; k < parts && payments < PAYMENTS; k++) {
        // Most money arrives, some late, some after the as-of date, some never in full.
        const pay = k === parts - 1 ? (rng() < 0.75 ? left : Math.floor(left * rng())) : Math.floor(left * (0.2 + 0.6 * rng()));
        if (pay <= 0) continue;
        const paidOn = addDays(invoiceDate, int(5, 400));
        const paymentId = id();
        // One payment in a hundred carries money beyond the invoice: the customer's credit.
        const extra = rng() < 0.01 ? int(1, 1_000) * 100 : 0;
        insPay.run(paymentId, accountId, territoryId, paidOn, pay + extra, extra ? 1 : 0, at, at);
        insAlloc.run(id(), paymentId, invoiceId, accountId, territoryId, paidOn, pay, at, at);
        payments++;
        left -= pay;
      }
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('ANALYZE');
  db.close();
}

const floorSql = `SELECT account_id, SUM(outstanding) FROM (
  SELECT i.account_id, i.amount_fen - IFNULL((SELECT SUM(a.amount_fen) FROM rcv_allocations a
    WHERE a.invoice_id = i.id AND a.deleted_at IS NULL AND a.applied_on <= ?), 0) AS outstanding
  FROM rcv_invoices i WHERE i.deleted_at IS NULL AND i.invoice_date <= ?)
WHERE outstanding > 0 GROUP BY account_id`;

export const receivablesCases: BenchCase[] = [
  {
    name: 'receivables-aging',
    size,
    target: '≤ 2× floor',
    prepare: prepareBook,
    async product(dir) {
      const ctx = await openBook(file(dir), { dailyBackup: false, platform: 'cli' });
      const t0 = performance.now();
      const r = await createRegistry().call<{ customers: unknown[]; totals: { total: number } }>(ctx, 'receivables:aging', { asOf: AS_OF });
      extraTimings.handlerMs = performance.now() - t0;
      extraTimings.customerCount = r.customers.length;
      ctx.db.close();
    },
    async floor(dir) {
      const db = new Database(file(dir), { readonly: true });
      const rows = db.prepare(floorSql).raw().all(AS_OF, AS_OF);
      extraTimings.customerCount = rows.length;
      db.close();
    },
  },
  {
    name: 'receivables-detail-export',
    size,
    target: '≤ 1.5× floor',
    prepare: prepareBook,
    async reset(_dir, side) {
      if (side === 'floor') ExcelJS ??= (await import('exceljs')).default;
    },
    async product(dir) {
      const ctx = await openBook(file(dir), { dailyBackup: false, platform: 'cli' });
      const r = await exportAgingWorkbook(ctx.db, path.join(dir, 'aging.xlsx'), AS_OF, 'en');
      extraTimings.rowCount = r.invoices;
      ctx.db.close();
    },
    async floor(dir) {
      const db = new Database(file(dir), { readonly: true });
      const names = new Map(db.prepare('SELECT id, name FROM accounts').raw().all() as [string, string][]);
      const rows = db
        .prepare(
          `SELECT i.account_id, i.invoice_no, i.contract_no, i.invoice_date, i.due_date, i.amount_fen,
             IFNULL((SELECT SUM(a.amount_fen) FROM rcv_allocations a WHERE a.invoice_id = i.id AND a.deleted_at IS NULL AND a.applied_on <= ?), 0)
           FROM rcv_invoices i WHERE i.deleted_at IS NULL AND i.invoice_date <= ? ORDER BY i.account_id, i.due_date`,
        )
        .raw()
        .iterate(AS_OF, AS_OF) as IterableIterator<[string, string, string | null, string, string, number, number]>;
      const out = fs.createWriteStream(path.join(dir, 'floor.xlsx'));
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
      const ws = wb.addWorksheet('Detail');
      const money = { numFmt: '#,##0.00' };
      const date = { numFmt: 'yyyy-mm-dd' };
      const pct = { numFmt: '0.00%' };
      const bounds = [0, 30, 60, 90, 180, 365, 730];
      const labels = ['Current', '1-30', '31-60', '61-90', '91-180', '181-365', '366-730', 'Over 730'];
      const rates = [0, 0.1, 0.2, 0.3, 0.5, 1, 1, 1];
      // The suggested collection stage is a cell of the Detail sheet too (no action log in this data).
      const ladder: [number, string][] = [
        [121, 'Lawyer'],
        [61, 'Sales-team collection'],
        [31, 'Finance collection'],
        [15, 'Overdue notice'],
        [1, 'Reminder'],
      ];
      ws.addRow([
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
        'Suggested stage',
        'Last action',
        'Promise date',
        'Promise amount',
        'Dispute',
        'Note',
      ]).commit();
      let n = 0;
      for (const [accountId, no, contract, invDate, due, amount, paid] of rows) {
        const outstanding = amount - paid;
        if (outstanding <= 0) continue;
        const days = daysBetween(due, AS_OF);
        let b = bounds.findIndex((x) => days <= x);
        if (b < 0) b = 7;
        const row = ws.addRow([
          names.get(accountId),
          no,
          contract,
          isoToExcelDate(invDate),
          isoToExcelDate(due),
          amount / 100,
          paid / 100,
          outstanding / 100,
          days,
          labels[b],
          rates[b],
          Math.round(outstanding * rates[b]!) / 100,
          null,
          ladder.find(([d]) => days >= d)?.[1] ?? null,
          null,
          null,
          null,
          null,
          null,
        ]);
        for (const c of [6, 7, 8, 12]) row.getCell(c).style = money;
        row.getCell(4).style = date;
        row.getCell(5).style = date;
        row.getCell(11).style = pct;
        row.commit();
        n++;
      }
      ws.commit();
      await wb.commit();
      extraTimings.rowCount = n;
      db.close();
    },
  },
];
