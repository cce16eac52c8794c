import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import seedrandom from 'seedrandom';
import XLSX from 'xlsx';
import { openBook } from '../../src/app/book';
import { createRegistry } from '../../src/app/handlers';
import type { ServerContext } from '../../src/platform/context';
import { tempDir } from '../db/helpers';
import { hostileFiles } from './hostileFiles';

// Fuzzing the accounts importer: valid .xlsx and .csv files, mutated 1,000 ways each
// (truncation, flipped bytes, broken zip entries, wrong XML, huge cells, formulas, merged
// cells, hidden sheets, dates and numbers as text, the 1904 date system). Each case ends in
// a clean import or a clear error — never an internal error, a hang over 10 s, or a
// partial write.
const CASES = Number(process.env.SW_FUZZ_CASES ?? 1000);
const CLEAN_CODES = new Set(['import-rejected', 'bad-file', 'invalid-input', 'validation']);

let t: { dir: string; cleanup(): void };
let ctx: ServerContext;
const registry = createRegistry();
// SW_FUZZ_SEED explores other mutations (a failure prints its seed and case; rerun with it).
const SEED = process.env.SW_FUZZ_SEED ?? 'fuzz-importers';
const rng = seedrandom(SEED);
const int = (n: number) => Math.floor(rng() * n);

beforeAll(async () => {
  t = tempDir('sw-fuzz-');
  ctx = await openBook(path.join(t.dir, 'b.sqlite'), { demo: true });
  await registry.call(ctx, 'settings:update', { backupKeep: 2 });
});
afterAll(() => {
  ctx.db.close();
  t.cleanup();
});

const HEADER = ['Name', 'Territory', 'Owner', 'Industry', 'City', 'Sales', 'Sales last year', 'Profit', 'Grade', 'Last visit', 'Notes'];
function baseRows(n = 6): unknown[][] {
  const rows: unknown[][] = [HEADER];
  for (let i = 0; i < n; i++)
    rows.push([
      `模糊测试 ${int(1e9)}`,
      '华东区',
      '王磊',
      '电子',
      '上海',
      1000.5 + i,
      900,
      -12.25,
      'B',
      '2026-10-01',
      i === 0 ? '备注, "引号" 🚀' : '',
    ]);
  return rows;
}

/** A structurally different but well-formed workbook (SheetJS as the "other program"). */
function structuredXlsx(kind: number): Buffer {
  const rows = baseRows();
  const ws = XLSX.utils.aoa_to_sheet(rows);
  const wb = XLSX.utils.book_new();
  switch (kind % 9) {
    case 0: // huge cell
      ws['K3'] = { t: 's', v: 'x'.repeat(20_000 + int(12_768)) }; // up to Excel's own cell limit, 32,767
      break;
    case 1: // a formula in a text and in a money column
      ws['A3'] = { t: 's', v: '=cmd|calc', f: 'HYPERLINK("http://x","y")' };
      ws['F4'] = { t: 'n', v: 3, f: 'SUM(1,2)' };
      break;
    case 2: // merged cells across data
      ws['!merges'] = [{ s: { r: 1, c: 0 }, e: { r: 2, c: 1 } }];
      break;
    case 3: // dates and numbers as text
      ws['J3'] = { t: 's', v: '2026/10/05' };
      ws['F3'] = { t: 's', v: '1,234.50' };
      ws['G3'] = { t: 's', v: 'twelve' };
      break;
    case 4: // real dates, maybe in the 1904 system
      ws['J2'] = { t: 'd', v: new Date(Date.UTC(2026, 0, 15)) };
      wb.Workbook = { WBProps: { date1904: rng() < 0.5 } };
      break;
    case 5: // a hidden first sheet before the data
      XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['secret']]), 'Hidden');
      wb.Workbook = { Sheets: [{ Hidden: 1 }, { Hidden: 0 }] };
      break;
    case 6: // empty rows and stray cells far away
      ws['Z200'] = { t: 's', v: 'stray' };
      ws['!ref'] = 'A1:Z200';
      break;
    case 7: // booleans, errors, numbers where text is expected
      ws['A4'] = { t: 'n', v: 12345 };
      ws['C3'] = { t: 'b', v: true };
      ws['E3'] = { t: 'e', v: 7 };
      break;
    default:
      break;
  }
  XLSX.utils.book_append_sheet(wb, ws, 'Accounts');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: rng() < 0.5 }) as Buffer;
}

function byteMutation(buf: Buffer): Buffer {
  const b = Buffer.from(buf);
  switch (int(5)) {
    case 0:
      return b.subarray(0, int(b.length)); // truncation
    case 1: {
      for (let k = 0, n = 1 + int(20); k < n; k++) b[int(b.length)] = int(256); // flipped bytes
      return b;
    }
    case 2: {
      const at = int(b.length);
      b.fill(0, at, Math.min(b.length, at + 1 + int(500))); // a zeroed range (broken zip entry)
      return b;
    }
    case 3: {
      // Wrong XML: in a stored (uncompressed) part, corrupt the markup itself.
      const s = b.toString('latin1').replace(/<row /, '<row<<').replace(/<\/c>/, '</x>');
      return Buffer.from(s, 'latin1');
    }
    default:
      return b; // unchanged: must import cleanly
  }
}

function csvMutation(): Buffer {
  const rows = baseRows();
  const q = (v: unknown) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  let text = rows.map((r) => r.map(q).join(',')).join('\n');
  switch (int(9)) {
    case 0:
      text = text.slice(0, int(text.length));
      break;
    case 1:
      text = text.replace('"', ''); // unbalanced quote
      break;
    case 2:
      text += `\n"${'y'.repeat(200_000)}",华东区`;
      break;
    case 3:
      text = text.replace('1000.5', '=1+2').replace('电子', '@SUM(A1)');
      break;
    case 4:
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 5: {
      const b = Buffer.from(text);
      for (let k = 0; k < 1 + int(30); k++) b[int(b.length)] = int(256);
      return b;
    }
    case 6:
      text = text.replace(/,/g, ';');
      break;
    case 7:
      text = text.replace('2026-10-01', '01/10/2026').replace('900', '９００');
      break;
    default:
      break;
  }
  return Buffer.from((rng() < 0.5 ? '\uFEFF' : '') + text);
}

function accountCount(): number {
  return ctx.db.prepare('SELECT count(*) FROM accounts WHERE deleted_at IS NULL').pluck().get() as number;
}

async function importOnce(file: string): Promise<{ ok: boolean; code?: string; message?: string; ms: number; inserted?: number }> {
  const token = ctx.files.register(file, 'read').token;
  const t0 = Date.now();
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`import of ${path.basename(file)} hung for 10 s`)), 10_000),
  );
  const r = await Promise.race([registry.invoke(ctx, 'accounts:import', { file: token }), timeout]);
  const ms = Date.now() - t0;
  return r.ok
    ? { ok: true, ms, inserted: (r.value as { inserted: number }).inserted }
    : { ok: false, code: r.error.code, message: r.error.message, ms };
}

async function fuzz(ext: 'xlsx' | 'csv', make: (i: number) => Buffer) {
  const outcomes = { imported: 0, refused: 0 };
  for (let i = 0; i < CASES; i++) {
    const file = path.join(t.dir, `case-${ext}-${i}.${ext}`);
    fs.writeFileSync(file, make(i));
    const before = accountCount();
    const r = await importOnce(file);
    const after = accountCount();
    if (r.ok) {
      outcomes.imported++;
      expect(after, `seed ${SEED}, case ${i}`).toBe(before + (r.inserted ?? 0));
    } else {
      outcomes.refused++;
      if (!CLEAN_CODES.has(r.code ?? '')) fs.copyFileSync(file, path.join('test-results', `fuzz-failure-${ext}-${i}.${ext}`));
      expect(CLEAN_CODES.has(r.code ?? ''), `seed ${SEED}, case ${ext} ${i}: ${r.code}: ${r.message}`).toBe(true);
      expect(after, `seed ${SEED}, case ${ext} ${i} wrote partially`).toBe(before);
    }
    fs.rmSync(file, { force: true });
  }
  expect(ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
  // Both kinds of outcome happened: the mutations are neither all harmless nor all fatal.
  expect(outcomes.imported).toBeGreaterThan(0);
  expect(outcomes.refused).toBeGreaterThan(0);
  return outcomes;
}

describe('fuzzing the importers', () => {
  it(`${CASES} mutated .xlsx files: a clean import or a clear error, never a crash, hang or partial write`, async () => {
    await fuzz('xlsx', (i) => byteMutation(structuredXlsx(i)));
  }, 1_800_000);
  it(`${CASES} mutated .csv files: a clean import or a clear error`, async () => {
    await fuzz('csv', () => csvMutation());
  }, 1_800_000);
});

// Hostile files, each beyond one of the readers' limits, through every importer's own
// channel in a child process (so an out-of-memory death is seen, not suffered): each must
// be refused with its limit named, within 10 s, under 400 MB at the child's peak (the
// import's target), and leave the book as it was.
const IMPORT_CHANNELS = [
  'accounts:import',
  'pipeline:import',
  'receivables:importInvoices',
  'receivables:importPayments',
  'receivables:importCollections',
  'negotiation:import',
  'training:import',
];
/** Multi-sheet workbooks: a CSV (one sheet) is refused for its missing sheets before any row is read. */
const WORKBOOK_ONLY = new Set(['negotiation:import', 'training:import']);

interface ChildReport {
  results: { channel: string; ms: number; ok: boolean; code?: string; message?: string; unchanged: boolean }[];
  peakMB: number;
}

describe('hostile files: every importer refuses them, naming the limit, fast and within memory', () => {
  const root = path.resolve(import.meta.dirname, '../..');
  const child = path.join(root, 'test-results/hostile-child/child.mjs');
  let h: { dir: string; cleanup(): void };
  let template: string;

  beforeAll(async () => {
    h = tempDir('sw-hostile-');
    await build({
      entryPoints: [path.join(root, 'test/reliability/hostileImport.child.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile: child,
      logLevel: 'silent',
    });
    template = path.join(h.dir, 'template.sqlite');
    const book = await openBook(template, { demo: true });
    book.db.close();
  });
  afterAll(() => h.cleanup());

  for (const hostile of hostileFiles) {
    it(
      `${hostile.name} (.${hostile.ext})`,
      () => {
        const file = path.join(h.dir, `hostile.${hostile.ext}`);
        hostile.write(file);
        const book = path.join(h.dir, `book-${hostileFiles.indexOf(hostile)}.sqlite`);
        fs.copyFileSync(template, book);
        const run = spawnSync(process.execPath, [child, JSON.stringify({ book, file, channels: IMPORT_CHANNELS })], {
          encoding: 'utf8',
          timeout: IMPORT_CHANNELS.length * 10_000 + 5_000,
          env: { ...process.env, SW_MIGRATIONS_DIR: path.join(root, 'src/platform/db/migrations') },
        });
        fs.rmSync(file, { force: true });
        expect(run.status, `the child died (signal ${run.signal}): ${run.stderr.slice(-2000)}`).toBe(0);
        const report = JSON.parse(run.stdout.trim().split('\n').pop()!) as ChildReport;
        expect(report.peakMB, 'peak memory of the importing process').toBeLessThan(400);
        expect(report.results.map((r) => r.channel)).toEqual(IMPORT_CHANNELS);
        for (const r of report.results) {
          const label = `${r.channel}: ${r.code}: ${r.message}`;
          expect(r.ok, label).toBe(false);
          expect(r.unchanged, `${r.channel} changed the book`).toBe(true);
          expect(r.ms, `${r.channel} took ${r.ms} ms`).toBeLessThan(10_000);
          if (hostile.ext === 'csv' && WORKBOOK_ONLY.has(r.channel)) {
            // Refused for the sheets it lacks (listed in the error's details), not as damaged.
            expect(['bad-file', 'import-rejected'], label).toContain(r.code);
            expect(r.message, label).not.toMatch(/damaged/);
            continue;
          }
          expect(r.code, label).toBe('bad-file');
          expect(r.message, label).toMatch(hostile.message);
          expect(r.message, label).not.toMatch(/damaged(?! or hostile)/);
        }
      },
      IMPORT_CHANNELS.length * 10_000 + 15_000,
    );
  }
});
