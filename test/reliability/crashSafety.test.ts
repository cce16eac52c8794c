import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import seedrandom from 'seedrandom';
import XLSX from 'xlsx';
import { cliBundle } from './cliBundle';
import { tempDir } from '../db/helpers';

// Kill -9 the CLI at random points of an import, an export and a grade apply: the book
// must always pass integrity and foreign-key checks and hold exactly the state before or
// the state after — never a mix. Exports appear complete or not at all.

let t: { dir: string; cleanup(): void };
let cli: { file: string; env: Record<string, string> };
const rng = seedrandom('crash-trials');
const TRIALS = 20;

function runCli(args: string[]) {
  return spawnSync(process.execPath, [cli.file, ...args], { encoding: 'utf8', env: { ...process.env, ...cli.env } });
}

/** Starts the CLI, kills it with SIGKILL after `ms`, resolves when it is gone. */
function killAfter(args: string[], ms: number): Promise<{ finished: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli.file, ...args], { env: { ...process.env, ...cli.env }, stdio: 'ignore' });
    let finished = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      finished = signal === null && code === 0;
      resolve({ finished });
    });
  });
}

function copyBook(from: string, to: string) {
  for (const ext of ['', '-wal', '-shm']) fs.rmSync(to + ext, { force: true });
  fs.copyFileSync(from, to);
}

/** Content of the book that an import/grade apply changes, independent of generated ids and times. */
function accountState(file: string): { hash: string; log: number; live: number; integrity: string; fk: unknown[] } {
  const db = new Database(file);
  try {
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    const fk = db.pragma('foreign_key_check') as unknown[];
    const rows = db
      .prepare(
        'SELECT name, territory_id, owner_id, industry, city, sales_fen, sales_last_year_fen, profit_fen, grade, grade_source, notes, deleted_at IS NULL FROM accounts ORDER BY name, sales_fen',
      )
      .raw()
      .all();
    const log = (db.prepare('SELECT count(*) FROM change_log').pluck().get() as number) ?? 0;
    const live = db.prepare('SELECT count(*) FROM accounts WHERE deleted_at IS NULL').pluck().get() as number;
    return { hash: crypto.createHash('sha256').update(JSON.stringify(rows)).digest('hex'), log, live, integrity, fk };
  } finally {
    db.close();
  }
}

function timed(args: string[]): number {
  const t0 = Date.now();
  const r = runCli(args);
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return Date.now() - t0;
}

beforeAll(async () => {
  t = tempDir('sw-crash-');
  cli = await cliBundle();
  const base = path.join(t.dir, 'base.sqlite');
  expect(runCli(['--db', base, 'init', '--demo']).status).toBe(0);
  // 3,000 new accounts to import, in the demo's territories.
  const rows: unknown[][] = [['Name', 'Territory', 'Owner', 'Industry', 'City', 'Sales', 'Profit', 'Notes']];
  for (let i = 0; i < 3000; i++)
    rows.push([`崩溃测试客户 ${i}`, '华东区', '王磊', '制造业', '上海', 1000 + i, -5 + i, i % 5 ? '' : 'note, "quoted"']);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Accounts');
  XLSX.writeFile(wb, path.join(t.dir, 'import.xlsx'));
}, 120_000);
afterAll(() => t.cleanup());

describe('crash safety (SIGKILL at random points)', () => {
  it(`import: ${TRIALS} kills, always the before or the after state`, async () => {
    const base = path.join(t.dir, 'base.sqlite');
    const before = accountState(base);
    const ref = path.join(t.dir, 'ref.sqlite');
    copyBook(base, ref);
    const full = timed(['--db', ref, 'import', 'accounts', path.join(t.dir, 'import.xlsx')]);
    const after = accountState(ref);
    expect(after.hash).not.toBe(before.hash);
    const seen = { before: 0, after: 0 };
    let trials = 0;
    const trial = async (ms: number) => {
      const work = path.join(t.dir, `imp-${trials++}.sqlite`);
      copyBook(base, work);
      await killAfter(['--db', work, 'import', 'accounts', path.join(t.dir, 'import.xlsx')], ms);
      const s = accountState(work);
      expect(s.integrity).toBe('ok');
      expect(s.fk).toEqual([]);
      expect([before.hash, after.hash]).toContain(s.hash);
      // The change log lands with the change or not at all.
      if (s.hash === before.hash) {
        seen.before++;
        expect(s.log).toBe(before.log);
      } else {
        seen.after++;
        expect(s.log).toBe(after.log);
      }
      fs.rmSync(work, { force: true });
    };
    for (let i = 0; i < TRIALS; i++) await trial(Math.floor(rng() * full * 1.5));
    // On a machine busier than when the reference run was timed (other test files run
    // beside this one), every random kill can land before the commit: a few more kills,
    // later each time, then reach the other side.
    for (let i = 0; seen.after === 0 && i < 5; i++) await trial(Math.floor(full * (1.5 + i)));
    expect(seen.before + seen.after).toBe(trials);
    // Kills landed on both sides of the commit (times spread over the whole run).
    expect(seen.before).toBeGreaterThan(0);
    expect(seen.after).toBeGreaterThan(0);
  }, 600_000);

  it(`export: ${TRIALS} kills, the file is complete or absent and the book intact`, async () => {
    const base = path.join(t.dir, 'base.sqlite');
    const big = path.join(t.dir, 'big.sqlite');
    copyBook(base, big);
    expect(runCli(['--db', big, 'import', 'accounts', path.join(t.dir, 'import.xlsx')]).status).toBe(0);
    const state = accountState(big);
    const full = timed(['--db', big, 'export', 'accounts', path.join(t.dir, 'full.xlsx')]);
    // An export's content is a function of the book (and --today, not given here, is only
    // the document date): a complete file is the full file, cell for cell.
    const cellsOf = (file: string) => {
      const wb = XLSX.readFile(file);
      return XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1, raw: true });
    };
    const expected = cellsOf(path.join(t.dir, 'full.xlsx'));
    expect(expected.length).toBe(state.live + 1);
    const seen = { absent: 0, complete: 0 };
    let trials = 0;
    const trial = async (ms: number) => {
      const out = path.join(t.dir, `exp-${trials++}.xlsx`);
      const { finished } = await killAfter(['--db', big, 'export', 'accounts', out], ms);
      if (fs.existsSync(out)) {
        expect(cellsOf(out)).toEqual(expected);
        seen.complete++;
      } else {
        // A run that exited normally must have left its file.
        expect(finished).toBe(false);
        seen.absent++;
      }
      const s = accountState(big);
      expect(s.integrity).toBe('ok');
      expect(s.hash).toBe(state.hash);
    };
    for (let i = 0; i < TRIALS; i++) await trial(Math.floor(rng() * full * 1.5));
    // On a busy machine every random kill can land before the rename: later kills until one doesn't.
    for (let i = 0; seen.complete === 0 && i < 5; i++) await trial(Math.floor(full * (1.5 + i)));
    expect(seen.absent + seen.complete).toBe(trials);
    // Kills landed on both sides of the rename, so both outcomes were checked.
    expect(seen.absent).toBeGreaterThan(0);
    expect(seen.complete).toBeGreaterThan(0);
    // Nothing but complete workbooks under the final names (a killed run leaves at most its temp file).
    const finals = fs.readdirSync(t.dir).filter((f) => /^exp-\d+\.xlsx$/.test(f));
    expect(finals).toHaveLength(seen.complete);
  }, 600_000);

  it(`grade apply: ${TRIALS} kills, all grades old or all new`, async () => {
    const base = path.join(t.dir, 'grades.sqlite');
    copyBook(path.join(t.dir, 'base.sqlite'), base);
    expect(runCli(['--db', base, 'import', 'accounts', path.join(t.dir, 'import.xlsx')]).status).toBe(0);
    const before = accountState(base);
    const ref = path.join(t.dir, 'grades-ref.sqlite');
    copyBook(base, ref);
    const full = timed(['--db', ref, 'grade', 'apply', '--a', '70', '--b', '90']);
    const after = accountState(ref);
    expect(after.hash).not.toBe(before.hash);
    for (let i = 0; i < TRIALS; i++) {
      const work = path.join(t.dir, `grade-${i}.sqlite`);
      copyBook(base, work);
      await killAfter(['--db', work, 'grade', 'apply', '--a', '70', '--b', '90'], Math.floor(rng() * full * 1.5));
      const s = accountState(work);
      expect(s.integrity).toBe('ok');
      expect(s.fk).toEqual([]);
      expect([before.hash, after.hash]).toContain(s.hash);
      fs.rmSync(work, { force: true });
    }
  }, 600_000);
});
