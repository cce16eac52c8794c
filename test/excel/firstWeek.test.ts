import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import XLSX from 'xlsx';
import { runCli } from '../../src/app/cli/main';
import { tempDir } from './helpers';
import {
  CUSTOMER_MAP,
  CUSTOMERS,
  customersCsv,
  expectedAging,
  expectedGrades,
  expectedReview,
  HISTORY,
  invoiceSheets,
  OPPS,
  opportunitySheets,
  ORG,
  paymentSheets,
  sheetTable as table,
  stateAt,
  writeXlsx,
  yuan,
} from '../firstWeekData';

// The first week with your own data, from the CLI: an empty book; `import org`; a customer
// list in another system's shape (its own headers, mapped with --map, regions created with
// --create-missing); opportunities with history; invoices and payments; then the weekly
// review, grades applied and the aging workbook. Every input is written (test/firstWeekData.ts)
// with SheetJS or as plain CSV text, and every expected value is computed there from those inputs.
// The browser half is test/e2e/firstWeek.spec.ts.

let t: ReturnType<typeof tempDir>;
let db: string;
beforeEach(() => {
  t = tempDir('sw-first-week-');
  db = t.file('team.sqlite');
});
afterEach(() => t.cleanup());

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    ['--db', db, ...argv],
    (s) => out.push(s),
    (s) => err.push(s),
  );
  return { code, out, err };
}
const xlsx = (name: string, sheets: Parameters<typeof writeXlsx>[1]) => writeXlsx(t.file(name), sheets);

describe('the first week with your own data', () => {
  it('an empty book takes the org, a foreign customer list, opportunities, invoices and payments, and the reports agree with the inputs', async () => {
    expect((await cli('init')).code).toBe(0);
    expect((await cli('export', 'org', t.file('empty-org.xlsx'))).out[0]).toMatch(/^Exported 0 territories and 0 people/);

    // 1. The organisation: one territory and its people; the other regions come with the customers.
    const org = await cli('import', 'org', xlsx('org.xlsx', ORG));
    expect(org.err).toEqual([]);
    expect(org.out).toEqual(['Imported org.xlsx: territories 1 new, 0 updated, 0 unchanged; people 4 new, 0 updated, 0 unchanged.']);

    // 2. Customers: a CSV in the other system's shape, refused until --create-missing.
    const csv = t.file('customers.csv');
    fs.writeFileSync(csv, customersCsv());
    const map = Object.entries(CUSTOMER_MAP).flatMap(([header, field]) => ['--map', `${header}=${field}`]);
    const refused = await cli('import', 'accounts', csv, ...map);
    expect(refused.code).toBe(1);
    expect(refused.err.at(-1)).toContain('import again with --create-missing to create them, or add them first with import org.');
    const accepted = await cli('import', 'accounts', csv, ...map, '--create-missing');
    expect(accepted.err).toEqual([]);
    expect(accepted.out.slice(0, -1)).toEqual([
      'created territory West',
      'created rep Sun Hao (West)',
      'created territory Central',
      'created rep Ma Lin (Central)',
    ]);
    expect(accepted.out.at(-1)).toMatch(/^Imported 6 accounts: 6 new/);

    // 3. Opportunities with history (stages by position), reviewed for 2026-11-02 → 2026-11-29.
    const opps = await cli('import', 'opportunities', xlsx('opps.xlsx', opportunitySheets()));
    expect(opps.err).toEqual([]);
    expect(opps.out[0]).toContain(`${OPPS.length} new, 0 updated opportunities, ${HISTORY.length} history events`);
    const review = t.file('review.xlsx');
    expect((await cli('export', 'pipeline-review', review, '--from', '2026-11-02', '--to', '2026-11-29')).code).toBe(0);
    const expected = expectedReview('2026-11-02', '2026-11-29');
    const funnelTotal = table(review, 'Funnel', 'Stage').find((r) => r[0] === 'Total')!;
    expect(expected.to.count).toBe(3); // T-4 was won on 2026-11-26
    expect(funnelTotal.slice(0, 3)).toEqual(['Total', expected.to.count, yuan(expected.to.amountFen)]);
    const movement = table(review, 'Movement', 'Id');
    const head = movement[0]!;
    for (const o of OPPS) {
      const row = movement.find((r) => r[0] === o[0])!;
      expect(row[head.indexOf('Owner')]).toBe(o[3]);
      expect(row[head.indexOf('Amount at to')]).toBe(stateAt(o[0], '2026-11-29')![4]);
    }

    // 4. Grades from this year's sales, 55/85 (the account crossing a threshold stays in the higher class).
    expect((await cli('grade', 'apply')).code).toBe(0);
    const expectedGrade = expectedGrades(55, 85);
    expect([...expectedGrade.values()]).toEqual(['A', 'A', 'B', 'C', 'C', 'C']);
    const accounts = t.file('accounts.xlsx');
    expect((await cli('export', 'accounts', accounts)).code).toBe(0);
    const acc = table(accounts, Object.keys(XLSX.readFile(accounts).Sheets)[0]!, 'ID');
    const col = (h: string) => acc[0]!.indexOf(h);
    expect(new Map(acc.slice(1).map((r) => [r[col('Name')], r[col('Grade')]]))).toEqual(expectedGrade);
    expect(new Map(acc.slice(1).map((r) => [r[col('Name')], r[col('Territory')]]))).toEqual(new Map(CUSTOMERS.map((c) => [c[0], c[1]])));

    // 5. Invoices and payments, then the aging workbook as of 2026-11-30.
    const inv = await cli('import', 'invoices', xlsx('invoices.xlsx', invoiceSheets()));
    expect(inv.err).toEqual([]);
    const pay = await cli('import', 'payments', xlsx('payments.xlsx', paymentSheets()));
    expect(pay.err).toEqual([]);
    const aging = t.file('aging.xlsx');
    expect((await cli('export', 'aging', aging, '--as-of', '2026-11-30')).code).toBe(0);

    const { perCustomer, total, provision } = expectedAging('2026-11-30');
    // INV-003 is paid off; INV-002's payment comes after the as-of date; INV-005 is over 365 days late.
    expect([...perCustomer.keys()]).toEqual(['东方电气', '中原机械', '江汉化工']);
    expect(perCustomer.get('江汉化工')).toEqual({ total: 300_000, provision: 300_000 });
    const summary = table(aging, 'Summary', 'Customer');
    const sh = summary[0]!;
    const rows = summary.slice(1).filter((r) => r[0] && r[0] !== 'Total');
    expect(new Map(rows.map((r) => [r[0], { total: r[sh.indexOf('Total')], provision: r[sh.indexOf('Provision')] }]))).toEqual(
      new Map([...perCustomer].map(([k, v]) => [k, { total: yuan(v.total), provision: yuan(v.provision) }])),
    );
    const totals = summary.find((r) => r[0] === 'Total')!;
    expect([totals[sh.indexOf('Total')], totals[sh.indexOf('Provision')]]).toEqual([yuan(total), yuan(provision)]);
  });
});
