import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import XLSX from 'xlsx';
import type { Booking, InvoiceRow, Journal } from '../contract';
import { bookPerTest } from './testBook';

// Booking the provision and the journal that follows what was booked, through the CLI's exact
// forms (`post journal`, `export journal`) on a real book, read back with SheetJS. The
// expected figures are worked out here by hand from the invoice amounts and docs/en/receivables.md's
// default rates, never by asking the product.

const M1 = '2026-04-30';
const M2 = '2026-05-31';
const TODAY = '2026-06-30';
const RATE_61_90 = 0.3;
const RATE_91_180 = 0.5;
const RATE_1_30 = 0.1;

const { book, call, cli } = bookPerTest('sw-rcv-journal-', ['甲公司', '乙公司'], TODAY);

const rowsOf = (file: string, sheet: string) =>
  XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(fs.readFileSync(file)).Sheets[sheet]!, { header: 1, raw: true, blankrows: false });
const fen = (yuan: unknown) => Math.round((yuan as number) * 100);

/** The Movements row of a customer as fen: [opening, adjustment, movement, closing, total movement]. */
function movementOf(file: string, customer: string): number[] {
  const rows = rowsOf(file, 'Movements');
  const header = rows.findIndex((r) => r[0] === 'Customer');
  expect(rows[header]).toEqual([
    'Customer',
    'Opening balance',
    'Prior-period adjustment',
    'Period movement',
    'Closing balance',
    'Total movement',
  ]);
  const row = rows.slice(header + 1).find((r) => r[0] === customer);
  return row ? row.slice(1).map(fen) : [];
}

async function invoice(accountId: string, invoiceNo: string, dueDate: string, amount: number): Promise<InvoiceRow> {
  return call<InvoiceRow>('receivables:createInvoice', { invoiceNo, accountId, invoiceDate: '2026-01-01', dueDate, amount });
}

/**
 * 甲: 600,000 due 2026-02-15 → 74 days overdue at M1 (61-90), 105 at M2 (91-180).
 * 乙: 10,000 due 2026-04-20 → 10 days at M1 (1-30), 41 at M2 (31-60): untouched by the payment.
 */
async function bookMonthOneThenBackDatedPayment() {
  const a = await invoice(book.accounts[0]!, 'JA-1', '2026-02-15', 600_000_00);
  await invoice(book.accounts[1]!, 'JB-1', '2026-04-20', 10_000_00);
  const booked = await cli('post', 'journal', '--to', M1, '--by', '张会计');
  expect(booked).toMatchObject({ code: 0 });
  expect(booked.out).toContain(`Booked the provision to ${M1}`);
  // Entered after the booking, dated before it: the booking's figure for 甲 was too high.
  await call('receivables:recordPayment', {
    accountId: book.accounts[0],
    paidOn: '2026-04-15',
    amount: 200_000_00,
    allocations: [{ invoiceId: a.id, amount: 200_000_00 }],
  });
  return a;
}

describe('post journal --to, then export journal --from --to', () => {
  it('a back-dated payment after a booking appears as the next period’s prior-period adjustment, equal to the hand-computed difference', async () => {
    await bookMonthOneThenBackDatedPayment();
    expect((await cli('post', 'journal', '--to', M2, '--by', '张会计')).code).toBe(0);
    const out = path.join(book.dir, 'm2.xlsx');
    expect((await cli('export', 'journal', out, '--from', M1, '--to', M2)).code).toBe(0);

    const bookedM1 = 600_000_00 * RATE_61_90; // 180,000 booked at M1
    const restatedM1 = (600_000_00 - 200_000_00) * RATE_61_90; // 120,000: the same date, with the payment
    const closingM2 = (600_000_00 - 200_000_00) * RATE_91_180; // 200,000 booked at M2
    expect(movementOf(out, '甲公司')).toEqual([bookedM1, restatedM1 - bookedM1, closingM2 - restatedM1, closingM2, closingM2 - bookedM1]);
    expect(movementOf(out, '甲公司')[1]).toBe(-60_000_00);
    const b = 10_000_00 * RATE_1_30;
    expect(movementOf(out, '乙公司')).toEqual([b, 0, 10_000_00 * 0.2 - b, 10_000_00 * 0.2, 10_000_00 * 0.2 - b]);

    // The journal lines post the total movement per customer, balanced.
    const lines = rowsOf(out, 'Journal');
    const h = lines.findIndex((r) => r[0] === 'Customer');
    expect(lines[h]).toEqual(['Customer', 'Ledger account', 'Debit', 'Credit']);
    const jia = lines.slice(h + 1).filter((r) => r[0] === '甲公司');
    expect(jia.map((r) => [String(r[1]).split(' ')[0], fen(r[2] ?? 0), fen(r[3] ?? 0)])).toEqual([
      ['Bad-debt', closingM2 - bookedM1, 0],
      ['Allowance', 0, closingM2 - bookedM1],
    ]);
    const total = lines[lines.length - 1]!;
    expect([total[0], fen(total[2])]).toEqual(['Total', fen(total[3])]);
    const title = lines
      .slice(0, h)
      .map((r) => String(r[0]))
      .join('\n');
    expect(title).toContain(`Opening balance: the provision booked to ${M1} by 张会计`);
    expect(title).toContain(`Closing balance: the provision booked to ${M2} by 张会计`);
    expect(title).toContain('Provision basis: gross outstanding');
  });

  it('refuses a booking on or before the latest one, naming the booked date; a date still to come too', async () => {
    await bookMonthOneThenBackDatedPayment();
    for (const to of [M1, '2026-03-31']) {
      const again = await cli('post', 'journal', '--to', to);
      expect(again.code).toBe(1);
      expect(again.err).toContain(`already booked to ${M1}`);
    }
    const future = await cli('post', 'journal', '--to', '2026-07-31');
    expect(future.code).toBe(1);
    expect(future.err).toContain('after today (2026-06-30)');
    expect((await cli('post', 'journal')).code).toBe(2);
    expect(book.ctx.db.prepare('SELECT count(*) FROM rcv_provision_bookings').pluck().get()).toBe(1);
  });

  it('records who (default: the OS user) and when, with the change log written; undo the latest, then re-book; an earlier booking stays', async () => {
    await bookMonthOneThenBackDatedPayment();
    expect((await cli('post', 'journal', '--to', M2)).code).toBe(0);
    let list = await call<Booking[]>('receivables:bookings', {});
    expect(list.map((b) => [b.bookedTo, b.bookedBy])).toEqual([
      [M2, os.userInfo().username],
      [M1, '张会计'],
    ]);
    expect(list[0]!.total).toBe((600_000_00 - 200_000_00) * RATE_91_180 + 10_000_00 * 0.2);
    expect(list[0]!.bookedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const logged = (table: string, op: string) =>
      book.ctx.db.prepare('SELECT count(*) FROM change_log WHERE table_name = ? AND op = ?').pluck().get(table, op) as number;
    expect(logged('rcv_provision_bookings', 'insert')).toBe(2);
    // M1: one line per customer (1 bucket each); M2: the same, plus M1 restated for both.
    expect(logged('rcv_provision_booking_lines', 'insert')).toBe(2 + 2 + 2);

    await expect(call('receivables:undoBooking', { id: list[1]!.id })).rejects.toThrow(`booked to ${M2} after this one`);
    await call('receivables:undoBooking', { id: list[0]!.id });
    expect(logged('rcv_provision_bookings', 'delete')).toBe(1);
    expect(logged('rcv_provision_booking_lines', 'delete')).toBe(4);
    list = await call<Booking[]>('receivables:bookings', {});
    expect(list.map((b) => b.bookedTo)).toEqual([M1]);
    // Not booked any more: the closing is the requirement at M2 again, and M2 can be booked again.
    const open = await call<Journal>('receivables:journal', { from: M1, to: M2 });
    expect(open.closingBooking).toBeNull();
    const rebooked = await call<Booking>('receivables:postJournal', { to: M2, by: '李会计' });
    expect(rebooked).toMatchObject({ bookedTo: M2, bookedBy: '李会计', customers: 2 });
  });

  it('a booked period keeps its booked figures after a later back-dated change; the change shows in the next period', async () => {
    const a = await bookMonthOneThenBackDatedPayment();
    expect((await cli('post', 'journal', '--to', M2)).code).toBe(0);
    const before = path.join(book.dir, 'before.xlsx');
    expect((await cli('export', 'journal', before, '--from', M1, '--to', M2)).code).toBe(0);

    // Another payment entered now, dated before both bookings.
    await call('receivables:recordPayment', {
      accountId: book.accounts[0],
      paidOn: '2026-04-20',
      amount: 100_000_00,
      allocations: [{ invoiceId: a.id, amount: 100_000_00 }],
    });
    const after = path.join(book.dir, 'after.xlsx');
    expect((await cli('export', 'journal', after, '--from', M1, '--to', M2)).code).toBe(0);
    expect(rowsOf(after, 'Movements')).toEqual(rowsOf(before, 'Movements'));
    expect(rowsOf(after, 'Journal')).toEqual(rowsOf(before, 'Journal'));

    // The next period opens on M2 as booked; the recomputed M2 figure gives the adjustment.
    const next = path.join(book.dir, 'next.xlsx');
    expect((await cli('export', 'journal', next, '--from', M2, '--to', TODAY)).code).toBe(0);
    const bookedM2 = (600_000_00 - 200_000_00) * RATE_91_180;
    const restatedM2 = (600_000_00 - 300_000_00) * RATE_91_180;
    const closing = (600_000_00 - 300_000_00) * RATE_91_180; // 06-30 is 135 days after 02-15: still 91-180
    expect(movementOf(next, '甲公司')).toEqual([bookedM2, restatedM2 - bookedM2, closing - restatedM2, closing, closing - bookedM2]);
    expect(restatedM2 - bookedM2).toBe(-50_000_00);
  });
});
