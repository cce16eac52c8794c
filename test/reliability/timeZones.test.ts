import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import XLSX from 'xlsx';
import { cliBundle } from './cliBundle';
import { tempDir } from '../db/helpers';

// Calendar dates never move with the machine's time zone: every export, import and the
// aging come out identical under Asia/Shanghai, UTC and America/Los_Angeles.
const ZONES = ['Asia/Shanghai', 'UTC', 'America/Los_Angeles'];
let t: { dir: string; cleanup(): void };
let cli: { file: string; env: Record<string, string> };

function run(tz: string, args: string[]) {
  const r = spawnSync(process.execPath, [cli.file, ...args], { encoding: 'utf8', env: { ...process.env, ...cli.env, TZ: tz } });
  if (r.status !== 0) throw new Error(`${args.join(' ')} under ${tz}: ${r.stderr}`);
  return r.stdout;
}

/** Every sheet's cells as SheetJS reads them (raw values, dates as serial numbers). */
function cells(file: string): Record<string, unknown[][]> {
  const wb = XLSX.readFile(file, { cellDates: false });
  return Object.fromEntries(wb.SheetNames.map((n) => [n, XLSX.utils.sheet_to_json(wb.Sheets[n]!, { header: 1, raw: true, defval: null })]));
}

beforeAll(async () => {
  t = tempDir('sw-tz-');
  cli = await cliBundle();
  run('UTC', ['--db', path.join(t.dir, 'base.sqlite'), 'init', '--demo']);
}, 120_000);
afterAll(() => t.cleanup());

describe('identical under three time zones', () => {
  const exports: [string, (out: string) => string[]][] = [
    ['accounts', (out) => ['export', 'accounts', out]],
    ['pareto', (out) => ['export', 'pareto', out]],
    ['aging', (out) => ['export', 'aging', out, '--as-of', '2026-11-30']],
    ['pipeline-review', (out) => ['export', 'pipeline-review', out, '--from', '2026-11-01', '--to', '2026-11-25']],
  ];
  it.each(exports)('export %s', (name, args) => {
    const results = ZONES.map((tz) => {
      const out = path.join(t.dir, `${name}-${tz.replace('/', '_')}.xlsx`);
      run(tz, ['--db', path.join(t.dir, 'base.sqlite'), ...args(out)]);
      return cells(out);
    });
    expect(Object.keys(results[0]!).length).toBeGreaterThan(0);
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });

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
