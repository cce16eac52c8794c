import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import XLSX from 'xlsx';
import { runCli } from '../../src/server/cli/main';
import { tempDir } from './helpers';

// The first week with your own data, from the CLI: an empty book; `import org`; a customer
// list in another system's shape (its own headers, mapped with --map, regions created with
// --create-missing); opportunities with history; invoices and payments; then the weekly
// review, grades applied and the aging workbook. Every input is written here with SheetJS
// or as plain CSV text, and every expected value is computed here from those inputs.

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
  const code = await runCli(['--db', db, ...argv], (s) => out.push(s), (s) => err.push(s));
  return { code, out, err };
}
function xlsx(name: string, sheets: Record<string, (string | number | null)[][]>): string {
  const wb = XLSX.utils.book_new();
  for (const [s, rows] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), s);
  const file = t.file(name);
  XLSX.writeFile(wb, file);
  return file;
}
/** A sheet's rows from its header row (the first row whose first cell is `first`). */
function table(file: string, sheet: string, first: string): (string | number | null)[][] {
  const rows = XLSX.utils.sheet_to_json<(string | number | null)[]>(XLSX.readFile(file).Sheets[sheet]!, { header: 1, raw: true, defval: null });
  return rows.slice(rows.findIndex((r) => r[0] === first));
}
const yuan = (fen: number) => Math.round(fen) / 100;
const fen = (yuanText: string | number) => Math.round(Number(yuanText) * 100);
const days = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

// The customer list another system exported (its own headers; Revenue in yuan).
const CUSTOMERS: [string, string, string, string, string][] = [
  // Customer Name, Region, Sales Rep, Revenue 2026, City
  ['东方电气', 'East', 'Li Na', '520000.00', '上海'],
  ['西部矿业', 'West', 'Sun Hao', '210000.00', '成都'],
  ['中原机械', 'Central', 'Ma Lin', '120000.00', '郑州'],
  ['华东纺织', 'East', 'Wang Lei', '80000.00', '杭州'],
  ['蜀道物流', 'West', 'Sun Hao', '45000.50', '重庆'],
  ['江汉化工', 'Central', '', '24999.50', '武汉'],
];

describe('the first week with your own data', () => {
  it('an empty book takes the org, a foreign customer list, opportunities, invoices and payments, and the reports agree with the inputs', async () => {
    expect((await cli('init')).code).toBe(0);
    expect((await cli('export', 'org', t.file('empty-org.xlsx'))).out[0]).toMatch(/^Exported 0 territories and 0 people/);

    // 1. The organisation: one territory and its people; the other regions come with the customers.
    const org = await cli('import', 'org', xlsx('org.xlsx', {
      Territories: [['ID', 'Name', 'Name (zh)'], [null, 'East', '华东区']],
      People: [
        ['ID', 'Name', 'Name (zh)', 'Email', 'Role', 'Territory'],
        [null, 'Li Na', '李娜', 'li.na@team.cn', 'rep', 'East'],
        [null, 'Wang Lei', '王磊', 'wang.lei@team.cn', 'rep', 'East'],
        [null, 'Zhou Min', '周敏', 'zhou.min@team.cn', 'manager', 'East'],
        [null, 'Qian Fang', '钱芳', 'qian.fang@team.cn', 'finance', null],
      ],
    }));
    expect(org.err).toEqual([]);
    expect(org.out).toEqual(['Imported org.xlsx: territories 1 new, 0 updated, 0 unchanged; people 4 new, 0 updated, 0 unchanged.']);

    // 2. Customers: a CSV in the other system's shape, refused until --create-missing.
    const csv = t.file('customers.csv');
    fs.writeFileSync(csv, ['Customer Name,Region,Sales Rep,Revenue 2026,City', ...CUSTOMERS.map((c) => c.join(','))].join('\n'));
    const map = ['--map', 'Customer Name=name', '--map', 'Region=territory', '--map', 'Sales Rep=owner', '--map', 'Revenue 2026=sales', '--map', 'City=city'];
    const refused = await cli('import', 'accounts', csv, ...map);
    expect(refused.code).toBe(1);
    expect(refused.err.at(-1)).toContain('import again with --create-missing to create them, or add them first with import org.');
    const accepted = await cli('import', 'accounts', csv, ...map, '--create-missing');
    expect(accepted.err).toEqual([]);
    expect(accepted.out.slice(0, -1)).toEqual(['created territory West', 'created rep Sun Hao (West)', 'created territory Central', 'created rep Ma Lin (Central)']);
    expect(accepted.out.at(-1)).toMatch(/^Imported 6 accounts: 6 new/);

    // 3. Opportunities with history (stages by position), reviewed for 2026-11-02 → 2026-11-29.
    const OPPS: [string, string, string, string, number, number, string, string][] = [
      // Id, Account, Name, Owner, Amount, Stage, Expected close, Created
      ['T-1', '东方电气', 'Turbines', 'Li Na', 300000, 4, '2026-12-20', '2026-10-05'],
      ['T-2', '西部矿业', 'Conveyors', 'Sun Hao', 150000, 2, '2026-12-31', '2026-10-12'],
      ['T-3', '中原机械', 'Spare parts', 'Ma Lin', 40000, 1, '2027-01-15', '2026-11-10'],
      ['T-4', '华东纺织', 'Looms', 'Wang Lei', 90000, 3, '2026-12-10', '2026-09-20'],
    ];
    const HISTORY: [string, string, number, string, number, string][] = [
      // Id, Date, Stage, Status, Amount, Expected close
      ['T-1', '2026-10-05', 2, 'open', 250000, '2026-12-20'],
      ['T-1', '2026-11-16', 4, 'open', 300000, '2026-12-20'],
      ['T-2', '2026-10-12', 2, 'open', 150000, '2026-12-31'],
      ['T-3', '2026-11-10', 1, 'open', 40000, '2027-01-15'],
      ['T-4', '2026-09-20', 3, 'open', 90000, '2026-12-10'],
    ];
    const opps = await cli('import', 'opportunities', xlsx('opps.xlsx', {
      Opportunities: [['Id', 'Account', 'Name', 'Owner', 'Amount', 'Stage', 'Expected close', 'Created'], ...OPPS],
      History: [['Id', 'Date', 'Stage', 'Status', 'Amount', 'Expected close'], ...HISTORY],
    }));
    expect(opps.err).toEqual([]);
    expect(opps.out[0]).toMatch(/4 new, 0 updated opportunities, 5 history events/);
    const review = t.file('review.xlsx');
    expect((await cli('export', 'pipeline-review', review, '--from', '2026-11-02', '--to', '2026-11-29')).code).toBe(0);
    const asOfTo = (id: string) => HISTORY.filter((h) => h[0] === id && h[1] <= '2026-11-29').at(-1)!;
    const open = OPPS.map((o) => asOfTo(o[0])).filter((h) => h[3] === 'open');
    const funnelTotal = table(review, 'Funnel', 'Stage').find((r) => r[0] === 'Total')!;
    expect(open).toHaveLength(4);
    expect(funnelTotal.slice(0, 3)).toEqual(['Total', open.length, open.reduce((s, h) => s + h[4], 0)]);
    const movement = table(review, 'Movement', 'Id');
    const head = movement[0]!;
    for (const o of OPPS) {
      const row = movement.find((r) => r[0] === o[0])!;
      expect(row[head.indexOf('Owner')]).toBe(o[3]);
      expect(row[head.indexOf('Amount at to')]).toBe(asOfTo(o[0])[4]);
    }

    // 4. Grades from this year's sales, 55/85 (the account crossing a threshold stays in the higher class).
    expect((await cli('grade', 'apply')).code).toBe(0);
    const sales = CUSTOMERS.map((c) => ({ name: c[0], fen: fen(c[3]) })).sort((a, b) => b.fen - a.fen);
    const total = sales.reduce((s, c) => s + c.fen, 0);
    let before = 0;
    const expectedGrade = new Map<string, string>();
    for (const c of sales) {
      expectedGrade.set(c.name, before * 100 < 55 * total ? 'A' : before * 100 < 85 * total ? 'B' : 'C');
      before += c.fen;
    }
    expect([...expectedGrade.values()]).toEqual(['A', 'A', 'B', 'C', 'C', 'C']);
    const accounts = t.file('accounts.xlsx');
    expect((await cli('export', 'accounts', accounts)).code).toBe(0);
    const acc = table(accounts, Object.keys(XLSX.readFile(accounts).Sheets)[0]!, 'ID');
    const col = (h: string) => acc[0]!.indexOf(h);
    expect(new Map(acc.slice(1).map((r) => [r[col('Name')], r[col('Grade')]]))).toEqual(expectedGrade);
    expect(new Map(acc.slice(1).map((r) => [r[col('Name')], r[col('Territory')]]))).toEqual(new Map(CUSTOMERS.map((c) => [c[0], c[1]])));

    // 5. Invoices and payments, then the aging workbook as of 2026-11-30.
    const INVOICES: [string, string, string, string, number][] = [
      // Invoice, Customer, Invoice date, Due date, Amount
      ['INV-001', '东方电气', '2026-06-01', '2026-07-01', 100000],
      ['INV-002', '东方电气', '2026-10-15', '2026-11-14', 50000.5],
      ['INV-003', '西部矿业', '2026-03-01', '2026-04-30', 80000],
      ['INV-004', '中原机械', '2026-11-20', '2026-12-20', 12345.67],
      ['INV-005', '江汉化工', '2025-08-01', '2025-09-30', 3000],
    ];
    const PAYMENTS: [string, string, number][] = [
      ['INV-001', '2026-08-10', 40000],
      ['INV-003', '2026-05-15', 80000],
      ['INV-002', '2026-12-02', 50000.5], // after the as-of date: not counted
    ];
    const inv = await cli('import', 'invoices', xlsx('invoices.xlsx', { Invoices: [['Invoice', 'Customer', 'Invoice date', 'Due date', 'Amount'], ...INVOICES] }));
    expect(inv.err).toEqual([]);
    const pay = await cli('import', 'payments', xlsx('payments.xlsx', { Payments: [['Invoice', 'Date', 'Amount'], ...PAYMENTS] }));
    expect(pay.err).toEqual([]);
    const aging = t.file('aging.xlsx');
    expect((await cli('export', 'aging', aging, '--as-of', '2026-11-30')).code).toBe(0);

    const asOf = '2026-11-30';
    const bounds = [30, 60, 90, 180, 365, 730];
    const ratesBp = [0, 1000, 2000, 3000, 5000, 10_000, 10_000, 10_000];
    const perCustomer = new Map<string, { total: number; provision: number }>();
    for (const [no, customer, , due, amount] of INVOICES) {
      const paid = PAYMENTS.filter((p) => p[0] === no && p[1] <= asOf).reduce((s, p) => s + fen(p[2]), 0);
      const outstanding = fen(amount) - paid;
      if (outstanding === 0) continue;
      const overdue = Math.max(0, days(due, asOf));
      const bucket = overdue === 0 ? 0 : bounds.findIndex((b) => overdue <= b) + 1 || bounds.length + 1;
      const provision = Math.sign(outstanding) * Math.round(Math.abs(outstanding * ratesBp[bucket]!) / 10_000);
      const c = perCustomer.get(customer) ?? { total: 0, provision: 0 };
      perCustomer.set(customer, { total: c.total + outstanding, provision: c.provision + provision });
    }
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
    const sum = (f: 'total' | 'provision') => [...perCustomer.values()].reduce((s, v) => s + v[f], 0);
    expect([totals[sh.indexOf('Total')], totals[sh.indexOf('Provision')]]).toEqual([yuan(sum('total')), yuan(sum('provision'))]);
  });
});
