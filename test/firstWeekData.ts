import fs from 'node:fs';
import XLSX from 'xlsx';

// "The first week with your own data" (issue #17): the input files a new team brings and the
// figures the product must show for them, computed here from those inputs alone. The CLI test
// (test/excel/firstWeek.test.ts) and the browser test (test/e2e/firstWeek.spec.ts) share them.
// Every file is written here, with SheetJS or as plain CSV text, never by the product.

export type Cell = string | number | null;

export const yuan = (fen: number) => Math.round(fen) / 100;
export const fen = (yuanText: string | number) => Math.round(Number(yuanText) * 100);
export const days = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

/** Writes a workbook of the given sheets (rows of cells) with SheetJS. */
export function writeXlsx(file: string, sheets: Record<string, Cell[][]>): string {
  const wb = XLSX.utils.book_new();
  for (const [s, rows] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), s);
  XLSX.writeFile(wb, file);
  return file;
}

/** A sheet's rows from its header row (the first row whose first cell is `first`). */
export function sheetTable(file: string, sheet: string, first: string): Cell[][] {
  const rows = XLSX.utils.sheet_to_json<Cell[]>(XLSX.read(fs.readFileSync(file)).Sheets[sheet]!, { header: 1, raw: true, defval: null });
  return rows.slice(rows.findIndex((r) => r[0] === first));
}

// ---- 1. The organisation: one territory and its people; the other regions come with the customers.

export const ORG: Record<'Territories' | 'People', Cell[][]> = {
  Territories: [
    ['ID', 'Name', 'Name (zh)'],
    [null, 'East', '华东区'],
  ],
  People: [
    ['ID', 'Name', 'Name (zh)', 'Email', 'Role', 'Territory'],
    [null, 'Li Na', '李娜', 'li.na@team.cn', 'rep', 'East'],
    [null, 'Wang Lei', '王磊', 'wang.lei@team.cn', 'rep', 'East'],
    [null, 'Zhou Min', '周敏', 'zhou.min@team.cn', 'manager', 'East'],
    [null, 'Qian Fang', '钱芳', 'qian.fang@team.cn', 'finance', null],
  ],
};

// ---- 2. The customer list another system exported (its own headers; Revenue in yuan).

export const CUSTOMER_HEADERS = ['Customer Name', 'Region', 'Sales Rep', 'Revenue 2026', 'City'] as const;
export const CUSTOMERS: [string, string, string, string, string][] = [
  ['东方电气', 'East', 'Li Na', '520000.00', '上海'],
  ['西部矿业', 'West', 'Sun Hao', '210000.00', '成都'],
  ['中原机械', 'Central', 'Ma Lin', '120000.00', '郑州'],
  ['华东纺织', 'East', 'Wang Lei', '80000.00', '杭州'],
  ['蜀道物流', 'West', 'Sun Hao', '45000.50', '重庆'],
  ['江汉化工', 'Central', '', '24999.50', '武汉'],
];
/** Their headers mapped onto the product's account fields (the CLI's --map, the dialog's mapping step). */
export const CUSTOMER_MAP: Record<(typeof CUSTOMER_HEADERS)[number], string> = {
  'Customer Name': 'name',
  Region: 'territory',
  'Sales Rep': 'owner',
  'Revenue 2026': 'sales',
  City: 'city',
};
export const customersCsv = () => [CUSTOMER_HEADERS.join(','), ...CUSTOMERS.map((c) => c.join(','))].join('\n');
/** The territories and reps the customer list names that the organisation file did not: created in order of first mention. */
export const MISSING_ORG = {
  territories: ['West', 'Central'],
  reps: [
    ['Sun Hao', 'West'],
    ['Ma Lin', 'Central'],
  ] as const,
};

// ---- 3. Opportunities with history (stages by position).

export const OPPS: [string, string, string, string, number, number, string, string, string][] = [
  // Id, Account, Name, Owner, Amount, Stage, Expected close, Created, Status
  ['T-1', '东方电气', 'Turbines', 'Li Na', 300000, 4, '2026-12-20', '2026-10-05', 'open'],
  ['T-2', '西部矿业', 'Conveyors', 'Sun Hao', 160000, 3, '2026-12-31', '2026-10-12', 'open'],
  ['T-3', '中原机械', 'Spare parts', 'Ma Lin', 40000, 1, '2027-01-15', '2026-11-10', 'open'],
  ['T-4', '华东纺织', 'Looms', 'Wang Lei', 90000, 6, '2026-12-10', '2026-09-20', 'won'],
];
export const HISTORY: [string, string, number, string, number, string][] = [
  // Id, Date, Stage, Status, Amount, Expected close
  ['T-1', '2026-10-05', 2, 'open', 250000, '2026-12-20'],
  ['T-1', '2026-11-16', 4, 'open', 300000, '2026-12-20'],
  ['T-2', '2026-10-12', 2, 'open', 150000, '2026-12-31'],
  ['T-2', '2026-11-25', 3, 'open', 160000, '2026-12-31'],
  ['T-3', '2026-11-10', 1, 'open', 40000, '2027-01-15'],
  ['T-4', '2026-09-20', 3, 'open', 90000, '2026-12-10'],
  ['T-4', '2026-11-26', 6, 'won', 90000, '2026-12-10'],
];
export const opportunitySheets = (): Record<string, Cell[][]> => ({
  Opportunities: [['Id', 'Account', 'Name', 'Owner', 'Amount', 'Stage', 'Expected close', 'Created', 'Status'], ...OPPS],
  History: [['Id', 'Date', 'Stage', 'Status', 'Amount', 'Expected close'], ...HISTORY],
});

/** An opportunity's last History row on or before `date` (undefined before it existed). */
export const stateAt = (id: string, date: string) => HISTORY.filter((h) => h[0] === id && h[1] <= date).at(-1);

/** The weekly review between two dates, by the method: how each opportunity moved, and the open pipeline at each end. */
export function expectedReview(from: string, to: string) {
  const counts = { new: 0, advanced: 0, movedBack: 0, won: 0, lost: 0, unchanged: 0 };
  let increases = 0;
  for (const [id] of OPPS) {
    const a = stateAt(id, from);
    const b = stateAt(id, to);
    if (!b) continue;
    if (!a) counts[b[3] === 'open' ? 'new' : (b[3] as 'won' | 'lost')]++;
    else if (b[3] !== 'open') {
      if (a[3] !== b[3]) counts[b[3] as 'won' | 'lost']++;
    } else counts[b[2] > a[2] ? 'advanced' : b[2] < a[2] ? 'movedBack' : 'unchanged']++;
    if (a && a[3] === 'open' && b[3] === 'open' && b[4] > a[4]) increases += b[4] - a[4];
  }
  const openAt = (d: string) => OPPS.map((o) => stateAt(o[0], d)).filter((h) => h?.[3] === 'open') as typeof HISTORY;
  const pipeline = (d: string) => ({ count: openAt(d).length, amountFen: openAt(d).reduce((s, h) => s + fen(h[4]), 0) });
  /** Open opportunities at `to` by stage position: count and amount (fen). */
  const byStage = new Map<number, { count: number; amountFen: number }>();
  for (const h of openAt(to)) {
    const s = byStage.get(h[2]) ?? { count: 0, amountFen: 0 };
    byStage.set(h[2], { count: s.count + 1, amountFen: s.amountFen + fen(h[4]) });
  }
  return { counts, increasesFen: fen(increases), from: pipeline(from), to: pipeline(to), byStage };
}

// ---- 4. Grades from this year's sales, 55/85 (the account crossing a threshold stays in the higher class).

export function expectedGrades(aPct = 55, bPct = 85): Map<string, 'A' | 'B' | 'C'> {
  const sales = CUSTOMERS.map((c) => ({ name: c[0], fen: fen(c[3]) })).sort((x, y) => y.fen - x.fen);
  const total = sales.reduce((s, c) => s + c.fen, 0);
  let before = 0;
  const grades = new Map<string, 'A' | 'B' | 'C'>();
  for (const c of sales) {
    grades.set(c.name, before * 100 < aPct * total ? 'A' : before * 100 < bPct * total ? 'B' : 'C');
    before += c.fen;
  }
  return grades;
}

// ---- 5. Invoices and payments, and the aging as of a date.

export const INVOICES: [string, string, string, string, number][] = [
  // Invoice, Customer, Invoice date, Due date, Amount
  ['INV-001', '东方电气', '2026-06-01', '2026-07-01', 100000],
  ['INV-002', '东方电气', '2026-10-15', '2026-11-14', 50000.5],
  ['INV-003', '西部矿业', '2026-03-01', '2026-04-30', 80000],
  ['INV-004', '中原机械', '2026-11-20', '2026-12-20', 12345.67],
  ['INV-005', '江汉化工', '2025-08-01', '2025-09-30', 3000],
];
export const PAYMENTS: [string, string, number][] = [
  // Invoice, Date, Amount
  ['INV-001', '2026-08-10', 40000],
  ['INV-003', '2026-05-15', 80000],
  ['INV-002', '2026-12-02', 50000.5], // after 2026-11-30: not counted in an aging as of that date
];
export const invoiceSheets = (): Record<string, Cell[][]> => ({
  Invoices: [['Invoice', 'Customer', 'Invoice date', 'Due date', 'Amount'], ...INVOICES],
});
export const paymentSheets = (): Record<string, Cell[][]> => ({ Payments: [['Invoice', 'Date', 'Amount'], ...PAYMENTS] });

/** The default buckets: Current (not yet due), then days overdue up to each bound, then over the last. */
export const BUCKET_BOUNDS = [30, 60, 90, 180, 365, 730];
export const BUCKET_LABELS = ['Current', '1-30', '31-60', '61-90', '91-180', '181-365', '366-730', 'Over 730'];
const RATES_BP = [0, 1000, 2000, 3000, 5000, 10_000, 10_000, 10_000];

/** Outstanding and provision (fen) per customer and per bucket as of a date, from the invoices and payments. */
export function expectedAging(asOf: string) {
  const perCustomer = new Map<string, { total: number; provision: number }>();
  const byBucket = BUCKET_LABELS.map(() => 0);
  for (const [no, customer, , due, amount] of INVOICES) {
    const paid = PAYMENTS.filter((p) => p[0] === no && p[1] <= asOf).reduce((s, p) => s + fen(p[2]), 0);
    const outstanding = fen(amount) - paid;
    if (outstanding === 0) continue;
    const overdue = Math.max(0, days(due, asOf));
    const bucket = overdue === 0 ? 0 : BUCKET_BOUNDS.findIndex((b) => overdue <= b) + 1 || BUCKET_BOUNDS.length + 1;
    const provision = Math.sign(outstanding) * Math.round(Math.abs(outstanding * RATES_BP[bucket]!) / 10_000);
    const c = perCustomer.get(customer) ?? { total: 0, provision: 0 };
    perCustomer.set(customer, { total: c.total + outstanding, provision: c.provision + provision });
    byBucket[bucket] = byBucket[bucket]! + outstanding;
  }
  const sum = (f: 'total' | 'provision') => [...perCustomer.values()].reduce((s, v) => s + v[f], 0);
  return { perCustomer, byBucket, total: sum('total'), provision: sum('provision') };
}
