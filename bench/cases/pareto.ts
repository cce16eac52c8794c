import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openBook } from '../../src/app/book';
import { createRegistry } from '../../src/app/handlers';
import { extraTimings, type BenchCase } from '../harness';
import { copyBook } from '../data';
import { makeBulkAccountsBook } from '../bulkAccounts';

// The Pareto screen on 1,000,000 accounts (issue 3's benchmark).
// (a) Classification through the real path — the 'pareto:analyze' handler on a fresh
//     process (no cache): ranking, composition, reading and chart bars — against one bare
//     window query `sum() over (order by … rows between unbounded preceding and current row)`
//     read to the end, over the same table.
// (b) Applying grades through the real path — 'pareto:applyGrades': ranking, the set-based
//     write of accounts.grade/grade_source/updated_at/version plus one change_log entry per
//     changed account and the grade batch row, in one transaction — against one bare
//     `UPDATE … FROM` that window (grade only, no change log).

const N = Number(process.env.SW_BENCH_PARETO ?? 1_000_000);
export const paretoSize = `${N.toLocaleString('en-US')} accounts`;
const size = paretoSize;
export const paretoBook = (dir: string) => path.join(dir, `pareto-${N}.sqlite`);
const book = paretoBook;
const work = (dir: string) => path.join(dir, 'pareto-work.sqlite');
const params = { measure: 'sales', a: 55, b: 85 };

export const WINDOW = `SELECT id, sales_fen,
  sum(max(sales_fen, 0)) OVER (ORDER BY sales_fen DESC, name, id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum
  FROM accounts WHERE deleted_at IS NULL`;

const UPDATE_FROM_WINDOW = `UPDATE accounts SET grade = w.cls FROM (
  SELECT id, CASE WHEN sales_fen <= 0 THEN 'C' WHEN (cum - max(sales_fen, 0)) * 100 < 55 * total THEN 'A'
                  WHEN (cum - max(sales_fen, 0)) * 100 < 85 * total THEN 'B' ELSE 'C' END AS cls
  FROM (SELECT id, sales_fen,
          sum(max(sales_fen, 0)) OVER (ORDER BY sales_fen DESC, name, id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum,
          sum(max(sales_fen, 0)) OVER () AS total
        FROM accounts WHERE deleted_at IS NULL)) w
  WHERE accounts.id = w.id`;

/** The bench book (bulk-written; both cases share it). SW_BENCH_PARETO_BOOK reuses a book made earlier. */
export async function prepareParetoBook(dir: string): Promise<void> {
  const reuse = process.env.SW_BENCH_PARETO_BOOK;
  if (reuse && fs.existsSync(reuse)) copyBook(reuse, book(dir));
  else if (!fs.existsSync(book(dir))) await makeBulkAccountsBook(book(dir), N);
}

export const paretoCases: BenchCase[] = [
  {
    name: 'pareto-classify',
    size,
    target: 'ratio ≤ 1.5',
    prepare: prepareParetoBook,
    async product(dir) {
      const ctx = await openBook(book(dir), { dailyBackup: false, platform: 'cli' });
      const r = await createRegistry().call<{ count: number; rankedMs: number; cached: boolean }>(ctx, 'pareto:analyze', { params });
      if (r.count !== N || r.cached) throw new Error(`analyzed ${r.count} accounts (cached: ${r.cached})`);
      extraTimings.rankedMs = r.rankedMs;
      ctx.db.close();
    },
    async floor(dir) {
      const db = new Database(book(dir), { readonly: true });
      let n = 0;
      for (const _row of db.prepare(WINDOW).raw().iterate()) n++;
      if (n !== N) throw new Error(`window read ${n} rows`);
      db.close();
    },
  },
  {
    name: 'pareto-apply',
    size,
    target: 'ratio ≤ 1.5',
    prepare: prepareParetoBook,
    async reset(dir) {
      copyBook(book(dir), work(dir));
    },
    async product(dir) {
      const ctx = await openBook(work(dir), { dailyBackup: false, platform: 'cli' });
      const r = await createRegistry().call<{ changed: number }>(ctx, 'pareto:applyGrades', { params });
      extraTimings.changedCount = r.changed;
      ctx.db.close();
    },
    async floor(dir) {
      const db = new Database(work(dir));
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      extraTimings.changedCount = db.prepare(UPDATE_FROM_WINDOW).run().changes;
      db.close();
    },
  },
];
