import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import XLSX from 'xlsx';
import { cliBundle } from './cliBundle';
import { openBook } from '../../src/app/book';
import { createRegistry } from '../../src/app/handlers';
import { seedExampleIssues } from '../../src/features/negotiation/seedExample';
import { tempDir } from '../db/helpers';

// Numbers that don't move: what an export contains is a function of the book and the
// command's arguments, nothing else. The same command on the same book gives cell-identical
// workbooks (every cell of every sheet, title blocks included, and the document dates)
// under any machine time zone and at any hour; "today" is an input (--today, or the
// book's own time zone), never the machine's wall clock.
const ZONES = ['Asia/Shanghai', 'UTC', 'America/Los_Angeles'];
// Either side of the book's midnight (Asia/Shanghai = UTC+8) and of UTC's.
const INSTANTS = ['2026-12-03T15:59:00Z', '2026-12-03T16:01:00Z', '2026-12-03T23:59:00Z', '2026-12-04T00:01:00Z'];
const BUILT_AT = '2026-12-03T04:00:00Z';
let t: { dir: string; cleanup(): void };
let cli: { file: string; env: Record<string, string> };
let book: string;
let ids: { negotiation: string; training: string };

function run(tz: string, args: string[], now = BUILT_AT) {
  const r = spawnSync(process.execPath, [cli.file, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...cli.env, TZ: tz, SW_NOW: now },
  });
  if (r.status !== 0) throw new Error(`${args.join(' ')} under ${tz} at ${now}: ${r.stderr}`);
  return r.stdout;
}

/** Every sheet's cells as SheetJS reads them (raw values and formulas), and the document dates. */
function cells(file: string): Record<string, unknown> {
  const wb = XLSX.readFile(file, { cellDates: false, cellFormula: true });
  const sheets = Object.fromEntries(
    wb.SheetNames.map((n) => {
      const ws = wb.Sheets[n]!;
      return [
        n,
        Object.keys(ws)
          .filter((k) => !k.startsWith('!'))
          .sort()
          .map((k) => [k, ws[k].t, ws[k].v, ws[k].f ?? null]),
      ];
    }),
  );
  return { sheets, created: wb.Props?.CreatedDate?.toISOString() ?? null, modified: wb.Props?.ModifiedDate?.toISOString() ?? null };
}

beforeAll(async () => {
  t = tempDir('sw-tz-');
  cli = await cliBundle();
  book = path.join(t.dir, 'base.sqlite');
  run('UTC', ['--db', book, 'init', '--demo']);
  // A provision booked at the end of October, so the journal shows an opening balance.
  run('UTC', ['--db', book, 'post', 'journal', '--to', '2026-10-31', '--by', 'finance']);
  // The demo has no negotiation worksheet: plan one with the seeds' four issues.
  const ctx = await openBook(book, { instant: () => new Date(BUILT_AT), platform: 'test', dailyBackup: false });
  const registry = createRegistry();
  const w = await registry.call<{ id: string; version: number; name: string }>(ctx, 'negotiation:create', {
    name: '华东医院项目',
    opportunityId: null,
    lang: 'zh-CN',
  });
  await registry.call(ctx, 'negotiation:savePlan', {
    id: w.id,
    version: w.version,
    name: w.name,
    opportunityId: null,
    notes: '',
    team: [],
    issues: seedExampleIssues,
  });
  ids = {
    negotiation: w.id,
    training: ctx.db.prepare('SELECT id FROM training_sessions WHERE deleted_at IS NULL ORDER BY id LIMIT 1').pluck().get() as string,
  };
  ctx.db.close();
}, 120_000);
afterAll(() => t.cleanup());

/** Every export command, each given its dates (as-of, from/to, week, or --today). */
const GIVEN: [string, (out: string) => string[]][] = [
  ['accounts', (out) => ['--today', '2026-12-01', 'export', 'accounts', out]],
  ['pareto', (out) => ['--today', '2026-12-01', 'export', 'pareto', out]],
  ['pipeline-review', (out) => ['export', 'pipeline-review', out, '--from', '2026-11-01', '--to', '2026-11-25']],
  ['negotiation', (out) => ['--today', '2026-12-01', 'export', 'negotiation', ids.negotiation, out]],
  ['training', (out) => ['export', 'training', ids.training, out]],
  ['aging', (out) => ['export', 'aging', out, '--as-of', '2026-11-30']],
  ['journal', (out) => ['export', 'journal', out, '--from', '2026-10-31', '--to', '2026-11-30']],
  ['meeting-pack', (out) => ['export', 'meeting-pack', out, '--week', '2026-11-23', '--today', '2026-11-27']],
];

function exportWith(name: string, args: (out: string) => string[], tz: string, now: string): Record<string, unknown> {
  const out = path.join(t.dir, `${name}-${tz.replace('/', '_')}-${now.replace(/:/g, '')}.xlsx`);
  run(tz, ['--db', book, ...args(out)], now);
  return cells(out);
}

describe('every export is a function of the book and its arguments', () => {
  it.each(GIVEN)(
    'export %s: identical under three machine zones at one instant',
    (name, args) => {
      const [first, ...others] = ZONES.map((tz) => exportWith(name, args, tz, INSTANTS[1]!));
      expect(Object.keys((first as { sheets: object }).sheets).length).toBeGreaterThan(0);
      for (const other of others) expect(other).toEqual(first);
    },
    300_000,
  );

  it.each(GIVEN)(
    'export %s: identical at four instants either side of midnight when given its dates',
    (name, args) => {
      const [first, ...others] = INSTANTS.map((now) => exportWith(name, args, 'America/Los_Angeles', now));
      for (const other of others) expect(other).toEqual(first);
    },
    300_000,
  );

  it("a command left to default to today differs only by that date, the book's today", () => {
    const neg = (out: string) => ['export', 'negotiation', ids.negotiation, out, '--lang', 'en'];
    // 15:59Z is 23:59 on 3 December in Shanghai; 16:01Z is 00:01 on the 4th — whatever the machine's zone.
    const [dec3, ...dec4] = INSTANTS.map((now, i) => exportWith('negotiation-default', neg, ZONES[i % ZONES.length]!, now));
    for (const other of dec4.slice(1)) expect(other).toEqual(dec4[0]);
    const flat = (x: Record<string, unknown>) => JSON.stringify(x);
    expect(flat(dec3!)).toContain('Exported 2026-12-03');
    expect(flat(dec4[0]!)).toContain('Exported 2026-12-04');
    // Replace that one date and the workbooks are the same, cell for cell.
    expect(flat(dec4[0]!).replaceAll('2026-12-04', '2026-12-03')).toBe(flat(dec3!));
  }, 300_000);

  it('import accounts with dates (real Excel dates and text) lands on the same calendar days', () => {
    const rows = [
      ['Name', 'Territory', 'Last visit', 'Next visit', 'Sales'],
      ['时区测试一', '华东区', { t: 'd', v: new Date(Date.UTC(2026, 0, 1)) }, '2026-12-31', 1],
      ['时区测试二', '华南区', { t: 'n', v: 46023 }, '2026/3/5', 2],
    ];
    const ws = XLSX.utils.aoa_to_sheet(rows.map((r) => r.map((c) => (typeof c === 'object' && c && 't' in c ? null : c))));
    ws['C2'] = { t: 'd', v: new Date(Date.UTC(2026, 0, 1)), z: 'yyyy-mm-dd' };
    ws['C3'] = { t: 'n', v: 46023, z: 'yyyy-mm-dd' };
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'Accounts');
    const file = path.join(t.dir, 'dates.xlsx');
    XLSX.writeFile(wb, file, { cellDates: true });
    const got = ZONES.map((tz) => {
      const db = path.join(t.dir, `imp-${tz.replace('/', '_')}.sqlite`);
      fs.copyFileSync(path.join(t.dir, 'base.sqlite'), db);
      run(tz, ['--db', db, 'import', 'accounts', file]);
      const d = new Database(db, { readonly: true });
      const r = d.prepare("SELECT name, last_visit, next_visit FROM accounts WHERE name LIKE '时区测试%' ORDER BY name").all();
      d.close();
      return r;
    });
    expect(got[0]).toEqual([
      { name: '时区测试一', last_visit: '2026-01-01', next_visit: '2026-12-31' },
      { name: '时区测试二', last_visit: '2026-01-01', next_visit: '2026-03-05' },
    ]);
    expect(got[1]).toEqual(got[0]);
    expect(got[2]).toEqual(got[0]);
  });
});
