import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type ExcelJSModule from 'exceljs';
import { parse } from 'csv-parse';
import { v7 as uuidv7 } from 'uuid';
import { openBook } from '../../src/app/book';
import { createRegistry } from '../../src/app/handlers';
import { spawnSync } from 'node:child_process';
import { extraTimings, type BenchCase } from '../harness';
import { ACCOUNT_HEADERS, copyBook, makeAccountsBook, makeEmptyBook, writeAccountsCsv, writeAccountsXlsx } from '../data';

const N = Number(process.env.SW_BENCH_ACCOUNTS ?? 100_000);
const N_1M = Number(process.env.SW_BENCH_IMPORT_1M ?? 1_000_000);
const size = `${N.toLocaleString('en-US')} accounts`;
const f = (dir: string, name: string) => path.join(dir, name);
const root = path.resolve(import.meta.dirname, '../..');

// ExcelJS is the floors' library: loaded (untimed) in reset for floor runs only.
let ExcelJS: typeof ExcelJSModule;
async function resetFor(side: 'product' | 'floor') {
  if (side === 'floor') ExcelJS ??= (await import('exceljs')).default;
}

async function productImport(dir: string, file: string, n = N) {
  const ctx = await openBook(f(dir, 'work.sqlite'), { dailyBackup: false, platform: 'cli' });
  const reg = createRegistry();
  const r = await reg.call<{ inserted: number }>(ctx, 'accounts:import', { file: ctx.files.register(file, 'read').token });
  if (r.inserted !== n) throw new Error(`imported ${r.inserted}, expected ${n}`);
  ctx.db.close();
}

/**
 * The floor's insert: one prepared statement per table, positional parameters, one
 * transaction, producing the same database the product does — each account row and the
 * change_log entry that every write in this schema carries (the log is the field history,
 * the undo record and what a sync engine replays; a database without it is not the same
 * result). Nothing is validated, looked up beyond two name maps, or checked.
 */
function floorInsert(dir: string) {
  const db = new Database(f(dir, 'work.sqlite'));
  db.pragma('journal_mode = WAL');
  const terr = new Map(db.prepare('SELECT name_zh, id FROM territories').raw().all() as [string, string][]);
  const reps = new Map(db.prepare('SELECT name_zh, id FROM reps').raw().all() as [string, string][]);
  const cols = [
    'territory_id',
    'owner_id',
    'name',
    'industry',
    'city',
    'sales_fen',
    'sales_last_year_fen',
    'profit_fen',
    'grade',
    'notes',
    'grade_source',
  ];
  const stmt = db.prepare(
    `INSERT INTO accounts (id, ${cols.join(', ')}, created_at, updated_at) VALUES (?,${cols.map(() => '?').join(',')},?,?)`,
  );
  const log = db.prepare('INSERT INTO change_log (id, at, table_name, row_id, op, changes, batch_id) VALUES (?,?,?,?,?,?,?)');
  const at = new Date().toISOString();
  const batchId = uuidv7();
  const insert = (v: unknown[]) => {
    const id = uuidv7();
    const values = [
      terr.get(v[1] as string),
      reps.get(v[2] as string),
      v[0],
      v[3],
      v[4],
      Math.round(Number(v[5]) * 100),
      Math.round(Number(v[6]) * 100),
      Math.round(Number(v[7]) * 100),
      v[8] || null,
      v[9] || null,
      v[8] ? 'import' : null,
    ];
    stmt.run(id, ...values, at, at);
    const changes: Record<string, [null, unknown]> = {};
    values.forEach((x, i) => x !== null && (changes[cols[i]!] = [null, x]));
    log.run(uuidv7(), at, 'accounts', id, 'insert', JSON.stringify(changes), batchId);
  };
  return { db, insert };
}

/** A CSV import of n accounts into an empty book: the product's import against the floor's bare parse and insert. */
function csvImportCase(name: string, n: number, target: string): BenchCase {
  const csv = (dir: string) => f(dir, `accounts-${n}.csv`);
  return {
    name,
    size: `${n.toLocaleString('en-US')} accounts`,
    target,
    async prepare(dir) {
      if (!fs.existsSync(csv(dir))) writeAccountsCsv(csv(dir), n);
      if (!fs.existsSync(f(dir, 'empty.sqlite'))) await makeEmptyBook(f(dir, 'empty.sqlite'));
    },
    async reset(dir) {
      copyBook(f(dir, 'empty.sqlite'), f(dir, 'work.sqlite'));
    },
    product: (dir) => productImport(dir, csv(dir), n),
    async floor(dir) {
      const { db, insert } = floorInsert(dir);
      const rows: unknown[][] = [];
      const parser = fs.createReadStream(csv(dir)).pipe(parse({ bom: true, from_line: 2 }));
      for await (const rec of parser) rows.push(rec as unknown[]);
      db.transaction(() => rows.forEach(insert))();
      db.close();
    },
  };
}

export const accountCases: BenchCase[] = [
  {
    name: 'import-xlsx',
    size,
    target: 'ratio ≤ 1.5, peak < 400 MB',
    async prepare(dir) {
      await writeAccountsXlsx(f(dir, 'accounts.xlsx'), N);
      await makeEmptyBook(f(dir, 'empty.sqlite'));
    },
    async reset(dir, side) {
      copyBook(f(dir, 'empty.sqlite'), f(dir, 'work.sqlite'));
      await resetFor(side);
    },
    product: (dir) => productImport(dir, f(dir, 'accounts.xlsx')),
    async floor(dir) {
      const { db, insert } = floorInsert(dir);
      const rows: unknown[][] = [];
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(f(dir, 'accounts.xlsx'), {
        worksheets: 'emit',
        sharedStrings: 'cache',
        styles: 'cache',
        hyperlinks: 'ignore',
        entries: 'emit',
      });
      for await (const ws of reader) {
        for await (const row of ws) {
          if (row.number === 1) continue;
          rows.push((row.values as unknown[]).slice(1));
        }
      }
      db.transaction(() => rows.forEach(insert))();
      db.close();
    },
  },
  csvImportCase('import-csv', N, 'ratio ≤ 1.5, peak < 400 MB'),
  // Issue #20: one million accounts from CSV through the same path (progress, cancel, one
  // transaction), its checked rows parked outside the heap until written.
  csvImportCase('import-csv-1m', N_1M, 'ratio ≤ 1.5, peak < 1 GB'),
  {
    name: 'export-xlsx',
    size,
    target: 'ratio ≤ 1.3, peak < 400 MB',
    async prepare(dir) {
      await makeAccountsBook(f(dir, 'full.sqlite'), N);
    },
    async reset(dir, side) {
      copyBook(f(dir, 'full.sqlite'), f(dir, 'export.sqlite'));
      fs.rmSync(f(dir, 'out.xlsx'), { force: true });
      await resetFor(side);
    },
    async product(dir) {
      const ctx = await openBook(f(dir, 'export.sqlite'), { dailyBackup: false, platform: 'cli' });
      const reg = createRegistry();
      const r = await reg.call<{ rows: number }>(ctx, 'accounts:export', { file: ctx.files.register(f(dir, 'out.xlsx'), 'write').token });
      if (r.rows !== N) throw new Error(`exported ${r.rows}`);
      ctx.db.close();
    },
    async floor(dir) {
      // The same cells (ID, Name, Territory, Owner, Industry, City, Sales, Sales last year, Profit, Grade + the rest), bare streaming write.
      const db = new Database(f(dir, 'export.sqlite'), { readonly: true });
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: f(dir, 'out.xlsx'), useStyles: true });
      const ws = wb.addWorksheet('Accounts');
      ws.addRow(['ID', ...ACCOUNT_HEADERS]).commit();
      const it = db
        .prepare(
          `SELECT a.id, a.name, t.name_en, r.name_en, a.industry, a.city, a.sales_fen / 100.0, a.sales_last_year_fen / 100.0, a.profit_fen / 100.0, a.grade,
                  a.name_en, a.receivable_fen / 100.0, a.size, a.nature, a.relationship_stage, a.relationship_type, a.communication_style, a.value_type,
                  a.loyalty_type, a.products_in_use, a.last_visit, a.next_visit, a.notes
           FROM accounts a JOIN territories t ON t.id = a.territory_id LEFT JOIN reps r ON r.id = a.owner_id WHERE a.deleted_at IS NULL ORDER BY a.name, a.id`,
        )
        .raw()
        .iterate();
      for (const row of it) ws.addRow(row as unknown[]).commit();
      ws.commit();
      await wb.commit();
      db.close();
    },
  },
  {
    name: 'cold-start',
    size,
    target: '< 500 ms',
    async prepare(dir) {
      if (!fs.existsSync(f(dir, 'full.sqlite'))) await makeAccountsBook(f(dir, 'full.sqlite'), N);
      // Bundle the server code as the app ships it (one file), so module loading is measured
      // as in the packaged main process, not through a TypeScript loader.
      const { build } = await import('esbuild');
      await build({
        entryPoints: [path.join(root, 'bench/coldStart.ts')],
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        outfile: path.join(root, 'bench/.build/coldStart.mjs'),
        external: ['better-sqlite3'],
        banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
      });
      fs.cpSync(path.join(root, 'src/platform/db/migrations'), f(dir, 'migrations'), { recursive: true });
    },
    async reset(dir) {
      copyBook(f(dir, 'full.sqlite'), f(dir, 'start.sqlite'));
    },
    async product(dir) {
      const r = spawnSync(process.execPath, [path.join(root, 'bench/.build/coldStart.mjs'), f(dir, 'start.sqlite')], {
        encoding: 'utf8',
        env: { ...process.env, SW_MIGRATIONS_DIR: f(dir, 'migrations') },
        cwd: root,
      });
      const m = /ready ([\d.]+)/.exec(r.stdout);
      if (!m) throw new Error(`cold start failed: ${r.stderr}`);
      extraTimings.sinceProcessStart = Number(m[1]);
    },
    async floor(dir) {
      // A fresh Node process that opens the file with the bare library and reads it.
      const r = spawnSync(
        process.execPath,
        [
          '-e',
          `const D=require('better-sqlite3');const db=new D(process.argv[1]);db.prepare('SELECT count(*) FROM accounts').get();db.close()`,
          f(dir, 'start.sqlite'),
        ],
        { encoding: 'utf8', cwd: root },
      );
      if (r.status !== 0) throw new Error(r.stderr);
    },
  },
];
