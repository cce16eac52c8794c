import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import XLSX from 'xlsx';
import { runCli } from '../../../app/cli/main';
import { openBook } from '../../../app/book';
import { insertRow } from '../../../platform/db/changeLog';
import { fixedClock, tempDir } from '../../../../test/db/helpers';

// `import accounts|opportunities --create-missing`: the territories and reps a file names
// that the book lacks are created in the import's own transaction, each printed as
// `created territory East` / `created rep Li Na (East)`; without the flag the refusal
// says how to fix it. Inputs are plain CSV text and SheetJS workbooks.

let dir: string;
let cleanup: () => void;
let db: string;
beforeEach(async () => {
  const t = tempDir('sw-create-missing-');
  dir = t.dir;
  cleanup = t.cleanup;
  db = path.join(dir, 'book.sqlite');
  const ctx = await openBook(db, { dailyBackup: false });
  const north = insertRow(ctx, 'territories', { name_zh: '华北区', name_en: 'North' });
  insertRow(ctx, 'reps', { territory_id: north, name_zh: '张伟', name_en: 'Zhang Wei' });
  ctx.db.close();
});
afterEach(() => cleanup());

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
async function query<T>(sql: string): Promise<T[]> {
  const ctx = await openBook(db, { dailyBackup: false });
  try {
    return ctx.db.prepare(sql).all() as T[];
  } finally {
    ctx.db.close();
  }
}
const csv = (name: string, text: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
};
const orgCounts = () => query<{ t: number; r: number }>('SELECT (SELECT count(*) FROM territories) AS t, (SELECT count(*) FROM reps) AS r');

// Another system's customer list: its own headers, mapped with --map.
const CUSTOMERS =
  'Customer Name,Region,Sales Rep,Revenue\n东方电气,East,Li Na,1200.50\n西部矿业,West,Zhou Min,800\n华东纺织,East,Li Na,300\n北方重工,North,Zhang Wei,50\n西湖茶业,West,,10\n';
const MAP = ['--map', 'Customer Name=name', '--map', 'Region=territory', '--map', 'Sales Rep=owner', '--map', 'Revenue=sales'];

describe('import accounts --create-missing', () => {
  it('without the flag refuses the rows and names both fixes; nothing is written', async () => {
    const r = await cli('import', 'accounts', csv('customers.csv', CUSTOMERS), ...MAP);
    expect(r.code).toBe(1);
    expect(r.err.slice(0, 2)).toEqual([
      'row 2, column "Region", value "East": unknown territory (known: 华北区, North)',
      'row 2, column "Sales Rep", value "Li Na": unknown owner (known reps: 张伟)',
    ]);
    expect(r.err.at(-1)).toBe(
      '7 cells were rejected; nothing was written. The file names territories or reps the book does not have (East, Li Na, West, Zhou Min): import again with --create-missing to create them, or add them first with import org.',
    );
    expect(await orgCounts()).toEqual([{ t: 1, r: 1 }]);
  });

  it('creates the territories and reps, prints each, and the accounts land in them', async () => {
    const r = await cli('import', 'accounts', csv('customers.csv', CUSTOMERS), ...MAP, '--create-missing');
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out.slice(0, -1)).toEqual([
      'created territory East',
      'created rep Li Na (East)',
      'created territory West',
      'created rep Zhou Min (West)',
    ]);
    expect(r.out.at(-1)).toMatch(/^Imported 5 accounts: 5 new, 0 updated, 0 unchanged/);
    const rows = await query<{ name: string; territory: string; owner: string | null; role: string | null; sales_fen: number }>(
      `SELECT a.name, t.name_en AS territory, r.name_en AS owner, r.role, a.sales_fen FROM accounts a JOIN territories t ON t.id = a.territory_id
       LEFT JOIN reps r ON r.id = a.owner_id ORDER BY a.sales_fen DESC`,
    );
    expect(rows).toEqual([
      { name: '东方电气', territory: 'East', owner: 'Li Na', role: 'rep', sales_fen: 120050 },
      { name: '西部矿业', territory: 'West', owner: 'Zhou Min', role: 'rep', sales_fen: 80000 },
      { name: '华东纺织', territory: 'East', owner: 'Li Na', role: 'rep', sales_fen: 30000 },
      { name: '北方重工', territory: 'North', owner: 'Zhang Wei', role: 'rep', sales_fen: 5000 },
      { name: '西湖茶业', territory: 'West', owner: null, role: null, sales_fen: 1000 },
    ]);
    expect(await orgCounts()).toEqual([{ t: 3, r: 3 }]);
    // Created rows are logged like every write, in the import's batch.
    const log = await query<{ table_name: string; n: number }>(
      "SELECT table_name, count(*) AS n FROM change_log WHERE op = 'insert' AND batch_id IS NOT NULL AND table_name IN ('territories', 'reps') GROUP BY table_name ORDER BY table_name",
    );
    expect(log).toEqual([
      { table_name: 'reps', n: 2 },
      { table_name: 'territories', n: 2 },
    ]);
  });

  it('a created rep works the territory of the first row naming them; a later row elsewhere is refused, and nothing is created', async () => {
    const r = await cli('import', 'accounts', csv('c.csv', 'Name,Territory,Owner\nA,East,Li Na\nB,West,Li Na\n'), '--create-missing');
    expect(r.code).toBe(1);
    expect(r.out).toEqual([]);
    expect(r.err[0]).toBe('row 3, column "Owner", value "Li Na": does not work in territory West');
    expect(await orgCounts()).toEqual([{ t: 1, r: 1 }]);
  });
});

describe('import opportunities --create-missing', () => {
  function workbook(rows: (string | number)[][]): string {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet([['Id', 'Account', 'Name', 'Owner', 'Amount', 'Stage', 'Expected close', 'Created'], ...rows]),
      'Opportunities',
    );
    const file = path.join(dir, 'opps.xlsx');
    XLSX.writeFile(wb, file);
    return file;
  }

  it('creates a rep the file names in the territory of their first account, or refuses with the fix', async () => {
    const ctx = await openBook(db, { dailyBackup: false, clock: fixedClock() });
    const north = ctx.db.prepare("SELECT id FROM territories WHERE name_en = 'North'").pluck().get() as string;
    insertRow(ctx, 'accounts', { territory_id: north, name: '北方重工' });
    ctx.db.close();
    const file = workbook([
      ['OPP-1', '北方重工', 'Boilers', 'Sun Hao', 12000, 1, '2026-12-20', '2026-11-01'],
      ['OPP-2', '北方重工', 'Pumps', 'Sun Hao', 3000, 1, '2026-12-31', '2026-11-02'],
    ]);
    const refused = await cli('import', 'opportunities', file);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('  Opportunities row 2, column Owner, value "Sun Hao": unknown rep');
    expect(refused.err[0]).toMatch(/import again with --create-missing to create them, or add them first with import org\.$/);

    const r = await cli('import', 'opportunities', file, '--create-missing');
    expect(r.err).toEqual([]);
    expect(r.out[0]).toBe('created rep Sun Hao (North)');
    expect(r.out).toHaveLength(2);
    const owners = await query<{ ref: string; owner: string; territory: string }>(
      'SELECT o.ref, r.name_en AS owner, t.name_en AS territory FROM opportunities o JOIN reps r ON r.id = o.owner_id JOIN territories t ON t.id = r.territory_id ORDER BY o.ref',
    );
    expect(owners).toEqual([
      { ref: 'OPP-1', owner: 'Sun Hao', territory: 'North' },
      { ref: 'OPP-2', owner: 'Sun Hao', territory: 'North' },
    ]);
  });
});

describe('what --create-missing will not create', () => {
  it('a territory name the organisation could not hold is refused on its row', async () => {
    const r = await cli('import', 'accounts', csv('c.csv', 'Name,Territory\nA,East;West\n'), '--create-missing');
    expect(r.code).toBe(1);
    expect(r.err[0]).toBe(
      'row 2, column "Territory", value "East;West": cannot contain ";" (it separates the territories a manager leads)',
    );
    expect(await orgCounts()).toEqual([{ t: 1, r: 1 }]);
  });
});
