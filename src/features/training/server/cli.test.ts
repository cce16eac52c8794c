import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import XLSX from 'xlsx';
import { runCli } from '../../../app/cli/main';
import { openBook } from '../../../app/book';
import { tempDir } from '../../../../test/db/helpers';
import type { AppError } from '../../../shared/errors';
import { zImportError, type ImportError } from '../../../shared/contract/define';
import { importTraining } from './import';

// The CLI's exact forms (a contract): `import training IN.xlsx [--name NAME]` and
// `export training ID OUT.xlsx`. Input workbooks are written with SheetJS, an independent
// writer; output workbooks are read back with it.

let dir: string;
let cleanup: () => void;
let db: string;
beforeEach(() => {
  const t = tempDir('sw-training-cli-');
  dir = t.dir;
  cleanup = t.cleanup;
  db = path.join(dir, 'book.sqlite');
});
afterEach(() => cleanup());

type Rows = (string | number | null)[][];
function workbook(file: string, sheets: Record<string, Rows>): string {
  const wb = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), name);
  XLSX.writeFile(wb, file);
  return file;
}

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

const V = [
  ['Price', 2],
  ['Payment', 1],
  ['Service', 3],
  ['Delivery', 4],
] as const;
const C = [
  ['Price', 1],
  ['Payment', 4],
  ['Service', 3],
  ['Delivery', 2],
] as const;

/** Three vendors for one customer; A and B sign with the same levels (a tie), C breaks off. */
function goodClass(): Record<string, Rows> {
  return {
    Teams: [
      ['Team', 'Side'],
      ['Vendor A', 'vendor'],
      ['Vendor B', 'vendor'],
      ['Vendor C', 'vendor'],
      ['Customer', 'customer'],
    ],
    Priorities: [
      ['Team', 'Issue', 'Priority'],
      ...['Vendor A', 'Vendor B', 'Vendor C'].flatMap((t) => V.map(([i, p]) => [t, i, p])),
      ...C.map(([i, p]) => ['Customer', i, p]),
    ],
    Pairings: [
      ['Round', 'Pairing', 'Vendor team', 'Customer team', 'Signed'],
      [1, 'A', 'Vendor A', 'Customer', 'yes'],
      [1, 'B', 'Vendor B', 'Customer', 'yes'],
      [1, 'C', 'Vendor C', 'Customer', 'no'],
    ],
    Outcomes: [
      ['Round', 'Pairing', 'Issue', 'Vendor level', 'Customer level'],
      ...['A', 'B'].flatMap((p) => [
        [1, p, 'Price', 3, 3],
        [1, p, 'Payment', 5, 1],
        [1, p, 'Service', 3, 3],
        [1, p, 'Delivery', 1, 5],
      ]),
    ],
    Guesses: [
      ['Team', 'Issue', 'Guessed priority'],
      ['Vendor A', 'Price', 1],
      ['Vendor A', 'Payment', 4],
      ['Vendor A', 'Service', 2],
      ['Vendor A', 'Delivery', 3],
    ],
  };
}

const sheet = (file: string, name: string) =>
  XLSX.utils.sheet_to_json<unknown[]>(XLSX.readFile(file).Sheets[name]!, { header: 1, defval: null });

describe('npm run cli -- --db FILE import/export training', () => {
  it('imports a class, prints its id, and exports Scores and Leaderboard with ties ranked alike', async () => {
    const input = workbook(path.join(dir, 'class.xlsx'), goodClass());
    const imported = await cli('import', 'training', input, '--name', 'Class 7');
    expect(imported.err).toEqual([]);
    expect(imported.code).toBe(0);
    expect(imported.out).toHaveLength(1);
    const id = imported.out[0]!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const out = path.join(dir, 'scores.xlsx');
    const exported = await cli('export', 'training', id, out);
    expect(exported.code).toBe(0);
    expect(XLSX.readFile(out).SheetNames).toEqual(['Scores', 'Leaderboard']);
    const scores = sheet(out, 'Scores');
    expect(scores[0]).toEqual(['Round', 'Pairing', 'Team', 'Side', 'Issue', 'Priority', 'Weight', 'Level', 'Score']);
    expect(scores.slice(1, 5)).toEqual([
      [1, 'A', 'Vendor A', 'vendor', 'Price', 2, 3, 3, 9],
      [1, 'A', 'Vendor A', 'vendor', 'Payment', 1, 4, 5, 20],
      [1, 'A', 'Vendor A', 'vendor', 'Service', 3, 2, 3, 6],
      [1, 'A', 'Vendor A', 'vendor', 'Delivery', 4, 1, 1, 1],
    ]);
    expect(sheet(out, 'Leaderboard')).toEqual([
      ['Rank', 'Team', 'Side', 'Total', 'Joint score', 'Guess accuracy'],
      [1, 'Vendor A', 'vendor', 36, 70, 0.5],
      [1, 'Vendor B', 'vendor', 36, 70, null],
      [3, 'Vendor C', 'vendor', 0, 0, null],
      // The customer sat at all three tables: 34 + 34 + 0; joint = both sides over those tables.
      [1, 'Customer', 'customer', 68, 140, null],
    ]);

    const ctx = await openBook(db, { dailyBackup: false });
    const s = ctx.db.prepare('SELECT name FROM training_sessions WHERE id = ?').get(id) as { name: string };
    ctx.db.close();
    expect(s.name).toBe('Class 7');
  });

  it('names the session after the file without --name; issues may be named in Chinese', async () => {
    const sheets = goodClass();
    const zh: Record<string, string> = { Price: '价位', Payment: '付款', Service: '服务', Delivery: '到货时间' };
    for (const name of ['Priorities', 'Outcomes', 'Guesses'])
      for (const row of sheets[name]!.slice(1)) row[name === 'Outcomes' ? 2 : 1] = zh[row[name === 'Outcomes' ? 2 : 1] as string]!;
    const r = await cli('import', 'training', workbook(path.join(dir, '二期.xlsx'), sheets));
    expect(r.code).toBe(0);
    const ctx = await openBook(db, { dailyBackup: false });
    const s = ctx.db.prepare('SELECT name FROM training_sessions').get() as { name: string };
    const issues = ctx.db.prepare('SELECT issue_key AS k, name, vendor_term_five AS v5 FROM training_issues ORDER BY position').all();
    ctx.db.close();
    expect(s.name).toBe('二期');
    expect(issues[0]).toEqual({ k: 'price', name: '价位', v5: '310万元' });
  });

  it('refuses a malformed workbook cell by cell (sheet, row, column, value, reason) and writes nothing', async () => {
    const sheets = goodClass();
    sheets.Teams![2] = ['Vendor B', 'seller'];
    sheets.Priorities![3] = ['Vendor A', 'Service', 1]; // priority 1 twice for Vendor A
    sheets.Pairings![2] = [1, 'B', 'Customer', 'Customer', 'yes'];
    sheets.Pairings![3] = [1, 'C', 'Vendor C', 'Customer', 'maybe'];
    sheets.Outcomes![1] = [1, 'A', 'Price', 6, 3];
    sheets.Outcomes!.push([2, 'Z', 'Price', 1, 1]);
    const input = workbook(path.join(dir, 'bad.xlsx'), sheets);
    const before = await openBook(db, { dailyBackup: false });
    const logBefore = (before.db.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
    before.db.close();

    const r = await cli('import', 'training', input);
    expect(r.code).toBe(1);
    expect(r.out).toEqual([]);
    const text = r.err.join('\n');
    expect(text).toContain('Error (import-rejected)');
    expect(text).toContain('Teams row 3, column Side, value "seller": Side must be vendor or customer');
    expect(text).toContain('Priorities row 4, column Priority, value "1": Vendor A already gives 1 to Payment; each priority is used once');
    expect(text).toContain('Pairings row 3, column Vendor team, value "Customer": Customer is a customer team, not a vendor team');
    expect(text).toContain('Pairings row 4, column Signed, value "maybe": Signed must be yes or no');
    expect(text).toContain('Outcomes row 2, column Vendor level, value "6": a level is a whole number from 1 to 5');
    expect(text).toContain('Outcomes row 10, column Pairing, value "Z": the Pairings sheet has no pairing “Z” in round 2');
    // One mistake is reported once: Vendor B's rows and table B's outcomes are not listed again.
    expect(text).not.toContain('Priorities row 6');
    expect(text).not.toContain('Outcomes row 6');
    expect(r.err).toHaveLength(1 + 6);

    const after = await openBook(db, { dailyBackup: false });
    expect((after.db.prepare('SELECT count(*) AS n FROM training_sessions').get() as { n: number }).n).toBe(0);
    expect((after.db.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n).toBe(logBefore);
    after.db.close();
  });

  it('names a missing sheet or column, a signed table without outcomes, and an unranked issue', async () => {
    const sheets = goodClass();
    delete sheets.Outcomes;
    sheets.Teams![0] = ['Team', 'Role'];
    let r = await cli('import', 'training', workbook(path.join(dir, 'missing.xlsx'), sheets));
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toContain('Teams row 1, column Side, value "": required column is missing (headers recognised: Side)');
    expect(r.err.join('\n')).toContain('Outcomes row 1, column -, value "": the workbook has no sheet “Outcomes”');

    const s2 = goodClass();
    s2.Outcomes = s2.Outcomes!.filter((x) => !(x[1] === 'B' && x[2] === 'Delivery'));
    s2.Priorities = s2.Priorities!.filter((x) => !(x[0] === 'Customer' && x[1] === 'Service'));
    r = await cli('import', 'training', workbook(path.join(dir, 'gaps.xlsx'), s2));
    const text = r.err.join('\n');
    expect(text).toContain(
      'Pairings row 3, column Signed, value "yes": pairing B of round 1 signed, but the Outcomes sheet has no level for Delivery',
    );
    expect(text).toContain(
      'Priorities row 14, column Issue, value "Customer": Customer gives no priority to Service; a team ranks every issue',
    );
  });

  it('reports a bad row and a doubled column in the common import error form (sheet, row, column, value, reason)', async () => {
    const refusal = async (sheets: Record<string, Rows>, name: string) => {
      const ctx = await openBook(db, { dailyBackup: false });
      try {
        const err = (await importTraining(ctx, workbook(path.join(dir, name), sheets), { name, lang: 'en' }).catch(
          (e: unknown) => e,
        )) as AppError;
        expect(err).toMatchObject({ code: 'import-rejected' });
        const { errors, errorCount } = err.details as { errors: ImportError[]; errorCount: number };
        // The shape every spreadsheet import reports (accounts, pipeline, receivables too).
        for (const e of errors) expect(zImportError.parse(e)).toEqual(e);
        expect(errorCount).toBe(errors.length);
        expect(ctx.db.prepare('SELECT count(*) FROM training_sessions').pluck().get()).toBe(0);
        return errors;
      } finally {
        ctx.db.close();
      }
    };
    const bad = goodClass();
    bad.Teams![1] = ['Vendor A', 'buyer'];
    expect(await refusal(bad, 'row.xlsx')).toContainEqual({
      sheet: 'Teams',
      row: 2,
      column: 'Side',
      value: 'buyer',
      reason: 'Side must be vendor or customer',
    });
    // A header the shared table path refuses, in the words the accounts import uses for it.
    const doubled = goodClass();
    doubled.Teams![0] = ['Team', 'Side', 'Team'];
    expect(await refusal(doubled, 'header.xlsx')).toEqual([
      { sheet: 'Teams', row: 1, column: 'Team', value: 'Team', reason: 'duplicate column: "Team" (column A) already gives Team' },
    ]);
  });

  it('refuses a file that is not a workbook with a clear message', async () => {
    const bogus = path.join(dir, 'notes.xlsx');
    fs.writeFileSync(bogus, 'just some text');
    const r = await cli('import', 'training', bogus);
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toMatch(/notes\.xlsx is not an Excel workbook/);
  });

  it('works as typed: npm run cli -- --db FILE import training IN.xlsx --name NAME, then export training ID OUT.xlsx', async () => {
    const input = workbook(path.join(dir, 'class.xlsx'), goodClass());
    const run = promisify(execFile);
    const opts = { cwd: path.resolve(import.meta.dirname, '../../../..'), env: { ...process.env, SW_QUIET: '1' } };
    const imp = await run('npm', ['run', '-s', 'cli', '--', '--db', db, 'import', 'training', input, '--name', 'Typed'], opts);
    const id = imp.stdout.trim();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const out = path.join(dir, 'typed.xlsx');
    await run('npm', ['run', '-s', 'cli', '--', '--db', db, 'export', 'training', id, out], opts);
    expect(sheet(out, 'Leaderboard')[1]).toEqual([1, 'Vendor A', 'vendor', 36, 70, 0.5]);
  }, 60_000);
});
