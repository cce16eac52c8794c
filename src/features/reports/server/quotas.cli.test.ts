import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBook } from '../../../app/book';
import { insertRow } from '../../../platform/db/changeLog';
import { runCli } from '../../../app/cli/main';
import { fixedClock, tempDir } from '../../../../test/db/helpers';

// `import quotas` / `export quotas` through the CLI on real files, read back with SheetJS.

let t: { dir: string; cleanup(): void };
const books = { a: '', b: '' };

async function newBook(file: string) {
  const ctx = await openBook(file, { clock: fixedClock(), dailyBackup: false });
  ctx.db.transaction(() => {
    const east = insertRow(ctx, 'territories', { name_zh: '华东区', name_en: 'East China' });
    insertRow(ctx, 'reps', { territory_id: east, name_zh: '王磊', name_en: 'Wang Lei' });
    insertRow(ctx, 'reps', { territory_id: east, name_zh: '李娜', name_en: 'Li Na' });
  })();
  ctx.db.close();
}

async function quotas(db: string) {
  const ctx = await openBook(db, { dailyBackup: false });
  try {
    return ctx.db
      .prepare(
        'SELECT r.name_zh AS owner, q.month, q.amount_fen AS fen FROM quotas q JOIN reps r ON r.id = q.owner_id WHERE q.deleted_at IS NULL ORDER BY owner, month',
      )
      .all();
  } finally {
    ctx.db.close();
  }
}

async function cli(db: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    ['--db', db, ...args],
    (s) => out.push(s),
    (s) => err.push(s),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function sheet(file: string, rows: unknown[][], edit?: (ws: XLSX.WorkSheet) => void) {
  const ws = XLSX.utils.aoa_to_sheet(rows);
  edit?.(ws);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, 'Quotas');
  XLSX.writeFile(wb, file);
  return file;
}

beforeAll(async () => {
  t = tempDir('sw-quotas-cli-');
  books.a = path.join(t.dir, 'a.sqlite');
  books.b = path.join(t.dir, 'b.sqlite');
  await newBook(books.a);
  await newBook(books.b);
});
afterAll(() => t.cleanup());

describe('npm run cli -- import quotas / export quotas', () => {
  it('round trip: import, export (Owner, Month, Quota), import the export into another book', async () => {
    const input = sheet(
      path.join(t.dir, 'in.xlsx'),
      [
        ['Owner', 'Month', 'Quota'],
        ['王磊', '2026-10', 100000.5],
        ['Wang Lei', '2026-11', '120,000'],
        ['李娜', null, 88000],
      ],
      (ws) => {
        // A month typed into Excel becomes a date cell: 2026-12-01.
        ws.B4 = { t: 'd', v: new Date(Date.UTC(2026, 11, 1)), z: 'yyyy-mm' };
      },
    );
    const imp = await cli(books.a, 'import', 'quotas', input);
    expect(imp.err).toBe('');
    expect(imp).toMatchObject({ code: 0 });
    expect(imp.out).toMatch(/3 new, 0 changed, 0 unchanged/);
    expect(await quotas(books.a)).toEqual([
      { owner: '李娜', month: '2026-12', fen: 8_800_000 },
      { owner: '王磊', month: '2026-10', fen: 10_000_050 },
      { owner: '王磊', month: '2026-11', fen: 12_000_000 },
    ]);

    const out = path.join(t.dir, 'out.xlsx');
    expect((await cli(books.a, 'export', 'quotas', out)).code).toBe(0);
    const wb = XLSX.readFile(out);
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1, raw: true });
    expect(rows).toEqual([
      ['Owner', 'Month', 'Quota'],
      ['李娜', '2026-12', 88000],
      ['王磊', '2026-10', 100000.5],
      ['王磊', '2026-11', 120000],
      expect.anything(),
    ]);
    expect(rows[4]![0]).toBe('Total');
    expect(rows[4]![2]).toBe(308000.5);

    const back = await cli(books.b, 'import', 'quotas', out);
    expect(back.code).toBe(0);
    expect(await quotas(books.b)).toEqual(await quotas(books.a));
    // Importing the same file again changes nothing.
    expect((await cli(books.b, 'import', 'quotas', out)).out).toMatch(/0 new, 0 changed, 3 unchanged/);
  });

  it('bad input: every problem as row, column, value, reason; nothing written', async () => {
    const before = await quotas(books.a);
    const bad = sheet(path.join(t.dir, 'bad.xlsx'), [
      ['Owner', 'Month', 'Quota'],
      ['王磊', '2026-13', 1000],
      ['张三', '2026-01', 1000],
      ['李娜', '2026-01', -5],
      ['李娜', '2026-02', 10.123],
      ['王磊', '2026-03', 1],
      ['Wang Lei', '2026-03', 2],
      ['李娜', '2026-04', null],
      ['王磊', '2026-05', 500],
    ]);
    const r = await cli(books.a, 'import', 'quotas', bad);
    expect(r.code).toBe(1);
    const lines = r.err.split('\n');
    expect(lines[0]).toMatch(/6 problem\(s\) in the quotas; nothing was imported/);
    expect(lines).toContain('  row 2, column Month, value "2026-13": not a month (expected YYYY-MM, e.g. 2026-01)');
    expect(lines).toContain('  row 3, column Owner, value "张三": no rep has this name');
    expect(lines).toContain('  row 4, column Quota, value "-5": cannot be negative');
    expect(lines).toContain('  row 5, column Quota, value "10.123": more than two decimals (money is in yuan with at most 2 decimals)');
    expect(lines).toContain('  row 7, column Month, value "2026-03": this rep\'s quota for this month is already on row 6');
    expect(lines).toContain('  row 8, column Quota, value "": required: this cell is empty');
    expect(await quotas(books.a)).toEqual(before);

    const noColumn = sheet(path.join(t.dir, 'nocol.xlsx'), [
      ['Owner', 'Month'],
      ['王磊', '2026-01'],
    ]);
    const m = await cli(books.a, 'import', 'quotas', noColumn);
    expect(m.code).toBe(1);
    expect(m.err).toMatch(/row 1, column Quota, value "": required column is missing/);
    expect(await quotas(books.a)).toEqual(before);
  });
});
