import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import XLSX from 'xlsx';
import { addDays } from '../../../shared/dates';
import type { Aging, Journal } from '../contract';
import { defaultRcvSettings } from './policy';
import { bookPerTest, TODAY } from './testBook';

// Provisions on gross outstanding (the default) or net of a customer's unapplied credit, with
// the seeds' worked example (docs/en/receivables.md): contract 1,000,000, 60 % due within a week of
// acceptance, accepted 80 days ago and unpaid → 600,000 overdue 73 days → 61-90 at 30 % →
// 180,000. With 100,000 of unapplied credit, net of credit: (600,000 − 100,000) × 30 % =
// 150,000. The aging screen, the aging workbook and the journal give the same figure.

const { book, call, cli } = bookPerTest('sw-rcv-basis-');

beforeEach(async () => {
  await call('receivables:createContract', {
    contractNo: 'HT-2026-001',
    accountId: book.accounts[0],
    amount: 1_000_000_00,
    acceptedOn: addDays(TODAY, -80),
    milestones: [{ label: '验收后 7 天内 60%', percentBp: 6000, trigger: 'acceptance', offsetDays: 7 }],
  });
  // 100,000 received and not applied to any invoice: the customer's credit.
  await call('receivables:recordPayment', {
    accountId: book.accounts[0],
    paidOn: addDays(TODAY, -10),
    amount: 100_000_00,
    allocations: [],
  });
});

async function figures() {
  const aging = await call<Aging>('receivables:aging', { asOf: TODAY });
  const out = path.join(book.dir, `aging-${aging.basis}.xlsx`);
  expect((await cli('export', 'aging', out, '--as-of', TODAY)).code).toBe(0);
  const summary = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(fs.readFileSync(out)).Sheets.Summary!, {
    header: 1,
    raw: true,
    blankrows: false,
  });
  const header = summary.findIndex((r) => r[0] === 'Customer');
  const row = summary.find((r) => r[0] === '甲公司')!;
  const journal = await call<Journal>('receivables:journal', { from: addDays(TODAY, -30), to: TODAY });
  return {
    screen: aging.customers.find((c) => c.customer === '甲公司')!,
    basis: aging.basis,
    workbookProvision: Math.round((row[summary[header]!.indexOf('Provision')] as number) * 100),
    workbookTitle: summary.slice(0, header).map((r) => String(r[0])),
    journalClosing: journal.movements.find((m) => m.customer === '甲公司')!.closing,
  };
}

describe('provision basis', () => {
  it('gross (the default): the unapplied credit does not reduce the provision, and the Summary says so', async () => {
    const f = await figures();
    expect(f.basis).toBe('gross');
    expect(f.screen).toMatchObject({ total: 600_000_00, credit: 100_000_00, maxDaysOverdue: 73, provision: 180_000_00 });
    expect(f.screen.byBucket[3]).toBe(600_000_00); // 61-90
    expect([f.workbookProvision, f.journalClosing]).toEqual([600_000_00 * 0.3, 600_000_00 * 0.3]);
    expect(f.workbookTitle).toContain(
      'Provision basis: gross outstanding. Unapplied customer credit is not netted: it has settled no invoice and may still be refunded.',
    );
  });

  it('net of credit: (600,000 − 100,000) × 30 % = 150,000 on the screen, in the workbook and in the journal', async () => {
    await call('receivables:saveSettings', { ...defaultRcvSettings, provisionBasis: 'netOfCredit', effectiveFrom: '0000-01-01' });
    const f = await figures();
    expect(f.basis).toBe('netOfCredit');
    const net = (600_000_00 - 100_000_00) * 0.3;
    expect(f.screen).toMatchObject({ total: 600_000_00, credit: 100_000_00, provision: net });
    expect([f.workbookProvision, f.journalClosing]).toEqual([net, net]);
    expect(
      f.workbookTitle.some((l) => l.startsWith('Provision basis: net of unapplied credit') && l.includes('oldest buckets first')),
    ).toBe(true);
    // Saving the rates again without naming the basis keeps it.
    await call('receivables:saveSettings', {
      bounds: defaultRcvSettings.bounds,
      ratesBp: defaultRcvSettings.ratesBp,
      ladderFromDays: defaultRcvSettings.ladderFromDays,
      effectiveFrom: '0000-01-01',
    });
    expect((await call<Aging>('receivables:aging', { asOf: TODAY })).basis).toBe('netOfCredit');
  });

  it('a stored basis that is not one of the two is an error naming it, never a silent default', async () => {
    // A basis other than the default, so the setting is stored (saving the defaults writes nothing).
    await call('receivables:saveSettings', { ...defaultRcvSettings, provisionBasis: 'netOfCredit', effectiveFrom: '0000-01-01' });
    book.ctx.db.prepare("UPDATE settings SET value = json_set(value, '$.provisionBasis', 'half') WHERE key = 'receivables'").run();
    await expect(call('receivables:aging', { asOf: TODAY })).rejects.toThrow(
      'The stored provision basis "half" is not one of gross, netOfCredit',
    );
  });
});
