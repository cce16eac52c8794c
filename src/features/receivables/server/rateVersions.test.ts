import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import XLSX from 'xlsx';
import { createRegistry } from '../../../app/handlers';
import type { ServerContext } from '../../../platform/context';
import { tempDir } from '../../../../test/db/helpers';
import type { Aging } from '../contract';
import { receivablesBook } from './testBook';

// Provision rates change from a date the user gives: an aging as of a date before the change
// keeps the old rates (the same workbook next month), one on or after it uses the new ones,
// and the Rates sheet says which rates were in force and since when. A stored policy that is
// not valid is an error, never a silent fall-back to the defaults.

let dir: string;
let ctx: ServerContext;
let accounts: string[];
let cleanup: () => void;
const registry = createRegistry({ validateOutput: true });
const call = <T>(channel: string, input: unknown) => registry.call<T>(ctx, channel, input);

beforeEach(async () => {
  const t = tempDir('sw-rcv-rates-');
  dir = t.dir;
  cleanup = t.cleanup;
  ({ ctx, accounts } = await receivablesBook(dir));
  // 100,000.00 due 2026-05-31: 30 days overdue on 2026-06-30 (1-30), 31 on 2026-07-01 (31-60).
  await call('receivables:createInvoice', {
    accountId: accounts[0],
    invoiceNo: 'R-1',
    invoiceDate: '2026-05-01',
    dueDate: '2026-05-31',
    amount: 100_000_00,
  });
  // 50,000.00 due 2026-01-31: 150 / 151 days overdue (91-180) on those dates.
  await call('receivables:createInvoice', {
    accountId: accounts[1],
    invoiceNo: 'R-2',
    invoiceDate: '2026-01-01',
    dueDate: '2026-01-31',
    amount: 50_000_00,
  });
});
afterEach(() => {
  ctx.db.close();
  cleanup();
});

const DEFAULTS = { bounds: [30, 60, 90, 180, 365, 730], ladderFromDays: [1, 15, 31, 61, 121] };
// 1-30 goes from 10 % to 15 %, 91-180 from 50 % to 40 %; the other buckets stay.
const NEW_RATES = [0, 1500, 2000, 3000, 4000, 10_000, 10_000, 10_000];

function ratesSheet(file: string): { title: string[]; header: unknown[]; rows: unknown[][] } {
  const rows = XLSX.utils.sheet_to_json<unknown[]>(XLSX.readFile(file).Sheets.Rates!, { header: 1, raw: true, defval: null });
  const h = rows.findIndex((r) => r[0] === 'Bucket');
  return { title: rows.slice(0, h).map((r) => String(r[0] ?? '')), header: rows[h]!, rows: rows.slice(h + 1) };
}

describe('provision rates with effective dates', () => {
  it('an aging before the change uses the old rates, on and after it the new ones; the Rates sheet says so', async () => {
    const before = await call<Aging>('receivables:aging', { asOf: '2026-06-30' });
    expect(before.totals.provision).toBe(10_000_00 + 25_000_00); // 10 % of 100,000 + 50 % of 50,000

    await call('receivables:saveSettings', { ...DEFAULTS, ratesBp: NEW_RATES, effectiveFrom: '2026-07-01' });

    // As of 06-30 nothing moved: the change takes effect later.
    expect((await call<Aging>('receivables:aging', { asOf: '2026-06-30' })).totals.provision).toBe(before.totals.provision);
    // As of 07-01: R-1 is now 31 days overdue (31-60, 20 %, unchanged rate), R-2 151 days (91-180, now 40 %).
    const after = await call<Aging>('receivables:aging', { asOf: '2026-07-01' });
    expect(after.totals.provision).toBe(20_000_00 + 20_000_00);
    expect(after.buckets.map((b) => b.rateBp)).toEqual(NEW_RATES);

    const june = path.join(dir, 'june.xlsx');
    const july = path.join(dir, 'july.xlsx');
    await call('receivables:exportAging', { file: ctx.files.register(june, 'write').token, asOf: '2026-06-30', lang: 'en' });
    await call('receivables:exportAging', { file: ctx.files.register(july, 'write').token, asOf: '2026-07-01', lang: 'en' });

    const j = ratesSheet(june);
    expect(j.header).toEqual(['Bucket', 'From days', 'To days', 'Rate', 'In force from']);
    expect(j.title[0]).toBe('Provision rates in force on 2026-06-30: the rates effective from the start');
    expect(j.title[2]).toContain('Later changes not applied here: 2026-07-01.');
    expect(j.rows.map((r) => [r[0], r[3], r[4]])).toEqual([
      ['Current', 0, 'from the start'],
      ['1-30', 0.1, 'from the start'],
      ['31-60', 0.2, 'from the start'],
      ['61-90', 0.3, 'from the start'],
      ['91-180', 0.5, 'from the start'],
      ['181-365', 1, 'from the start'],
      ['366-730', 1, 'from the start'],
      ['Over 730', 1, 'from the start'],
    ]);

    const k = ratesSheet(july);
    expect(k.title[0]).toBe('Provision rates in force on 2026-07-01: the rates effective 2026-07-01');
    expect(k.title[2]).toContain('Earlier rates: from the start.');
    expect(k.rows.map((r) => [r[0], r[3], r[4]])).toEqual([
      ['Current', 0, 'from the start'],
      ['1-30', 0.15, '2026-07-01'],
      ['31-60', 0.2, 'from the start'],
      ['61-90', 0.3, 'from the start'],
      ['91-180', 0.4, '2026-07-01'],
      ['181-365', 1, 'from the start'],
      ['366-730', 1, 'from the start'],
      ['Over 730', 1, 'from the start'],
    ]);
    // The June workbook's own provision column used the June rates.
    const summary = XLSX.utils.sheet_to_json<unknown[]>(XLSX.readFile(june).Sheets.Summary!, { header: 1, raw: true, defval: null });
    expect(summary[summary.length - 1]![summary[summary.length - 1]!.length - 1]).toBeCloseTo(35_000, 6);
  });

  it('saving again on the same date replaces that version; the versions are listed with their dates', async () => {
    await call('receivables:saveSettings', { ...DEFAULTS, ratesBp: NEW_RATES, effectiveFrom: '2026-07-01' });
    await call('receivables:saveSettings', {
      ...DEFAULTS,
      ratesBp: [0, 1200, 2000, 3000, 4000, 10_000, 10_000, 10_000],
      effectiveFrom: '2026-07-01',
    });
    const r = await call<{ effectiveFrom: string; versions: { effectiveFrom: string; ratesBp: number[] }[] }>('receivables:settings', {
      asOf: '2026-08-01',
    });
    expect(r.effectiveFrom).toBe('2026-07-01');
    expect(r.versions.map((v) => [v.effectiveFrom, v.ratesBp[1]])).toEqual([
      ['0000-01-01', 1000],
      ['2026-07-01', 1200],
    ]);
    // Every version is a row written through the change log.
    const logged = ctx.db.prepare("SELECT op FROM change_log WHERE table_name = 'rcv_rate_versions' ORDER BY at, id").pluck().all();
    expect(logged).toEqual(['insert', 'insert', 'delete', 'insert']);
  });

  it('a stored policy that is not valid is an error naming it, not the defaults', async () => {
    await call('receivables:saveSettings', { ...DEFAULTS, ratesBp: NEW_RATES, effectiveFrom: '2026-07-01' });
    // A damaged row (e.g. written by another program): rates that no longer match the buckets.
    ctx.db.prepare("UPDATE rcv_rate_versions SET rates_bp = '[0, 1000]' WHERE effective_from = '2026-07-01'").run();
    await expect(call('receivables:aging', { asOf: '2026-07-15' })).rejects.toMatchObject({
      code: 'bad-setting',
      message: expect.stringContaining('The stored provision rates effective from 2026-07-01 are not valid'),
    });
    // Dates before that version still have valid rates.
    expect((await call<Aging>('receivables:aging', { asOf: '2026-06-30' })).totals.provision).toBe(35_000_00);
    // An invalid save is refused before anything is written.
    await expect(call('receivables:saveSettings', { ...DEFAULTS, ratesBp: [0, 1, 2], effectiveFrom: '2026-08-01' })).rejects.toMatchObject({
      code: 'validation',
    });
    expect(ctx.db.prepare("SELECT count(*) FROM rcv_rate_versions WHERE effective_from = '2026-08-01'").pluck().get()).toBe(0);
  });
});
