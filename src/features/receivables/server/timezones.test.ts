import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import XLSX from 'xlsx';
import { createRegistry } from '../../../app/handlers';
import type { InvoiceRow } from '../contract';
import { tempDir } from '../../../../test/db/helpers';
import { randomReceivables, receivablesBook, TODAY } from './testBook';

// Calendar dates never move with the time zone: the same book exported by the CLI in a
// process running in Asia/Shanghai (UTC+8) and one in America/Los_Angeles (UTC−8/−7)
// gives the same aging, cell for cell.

const ZONES = ['Asia/Shanghai', 'America/Los_Angeles'];
const TSX = path.resolve('node_modules/.bin/tsx');
const CLI = path.resolve('src/app/cli/main.ts');
let dir: string;
let cleanup: () => void;
let db: string;

beforeAll(async () => {
  const t = tempDir('sw-rcv-tz-');
  dir = t.dir;
  cleanup = t.cleanup;
  const { ctx, accounts } = await receivablesBook(dir);
  db = ctx.dbPath;
  randomReceivables(ctx, accounts, 'tz', 300);
  // Invoices due exactly on bucket edges and a logged promise, so dates show in every column.
  const registry = createRegistry();
  const edge = await registry.call<InvoiceRow>(ctx, 'receivables:createInvoice', {
    accountId: accounts[0],
    invoiceNo: 'EDGE-30',
    invoiceDate: '2026-05-01',
    dueDate: '2026-05-31',
    amount: 1_00,
  });
  await registry.call(ctx, 'receivables:createInvoice', {
    accountId: accounts[0],
    invoiceNo: 'EDGE-0',
    invoiceDate: '2026-06-01',
    dueDate: TODAY,
    amount: 1_00,
  });
  await registry.call(ctx, 'receivables:logAction', {
    invoiceId: edge.id,
    date: '2026-06-20',
    kind: 'reminder',
    promiseDate: '2026-07-01',
    promiseAmount: 1_00,
  });
  ctx.db.close();
});
afterAll(() => cleanup());

function exportIn(tz: string, asOf: string): unknown[][][] {
  const out = path.join(dir, `aging-${tz.replace('/', '-')}-${asOf}.xlsx`);
  const r = spawnSync(TSX, [CLI, '--db', db, 'export', 'aging', out, '--as-of', asOf], {
    env: { ...process.env, TZ: tz },
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(r.status, r.stderr).toBe(0);
  const wb = XLSX.readFile(out, { cellDates: false });
  // Whole sheets, title blocks included: nothing in the workbook depends on where or when it runs.
  return wb.SheetNames.map((name) => XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[name]!, { header: 1, raw: true, blankrows: true }));
}

describe('aging under different time zones', () => {
  // One as-of date: each CLI start compiles the app with tsx, which is slow on a busy machine.
  it.each([TODAY])('as of %s is identical in Asia/Shanghai and America/Los_Angeles', (asOf) => {
    const [shanghai, losAngeles] = ZONES.map((tz) => exportIn(tz, asOf));
    expect(shanghai![1]!.length).toBeGreaterThan(50);
    expect(losAngeles).toEqual(shanghai);
    expect(shanghai![0]![3]).toEqual([expect.stringMatching(new RegExp(`Collection columns: the log as of ${asOf}\\.$`))]);
    if (asOf === TODAY) {
      const detail = shanghai![1]!;
      const header = detail[detail.findIndex((row) => row[0] === 'Customer')] as string[];
      const edge = detail.find((row) => row[1] === 'EDGE-30')!;
      expect(edge[header.indexOf('Days overdue')]).toBe(30);
      expect(edge[header.indexOf('Bucket')]).toBe('1-30');
      expect(edge[header.indexOf('Due date')]).toBe(46173); // 2026-05-31 as an Excel serial
      expect(edge[header.indexOf('Promise date')]).toBe(46204); // 2026-07-01
      expect(detail.find((row) => row[1] === 'EDGE-0')![header.indexOf('Bucket')]).toBe('Current');
    }
  });
});
