import { spawnSync } from 'node:child_process';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../app/cli/main';
import { createRegistry } from '../../../app/handlers';
import { tempDir } from '../../../../test/db/helpers';
import { cliBundle } from '../../../../test/reliability/cliBundle';
import type { OverviewScreen, OverviewVisits } from '../contract';
import { buildOverview, type Overview } from './overview';
import { overviewSources } from '../../../app/overviewSources';
import { reportsBook } from './testBook';

// The meeting pack through the CLI: sheet names and headers exactly as issue 18 gives them,
// every Total the sum of its rows, attainment and coverage as worked out by hand for the
// small book (and equal to the overview the screen shows), and cell-identical workbooks
// under three machine time zones.

let t: { dir: string; cleanup(): void };
let db: string;
let overview: Overview;
let screen: OverviewScreen;
let screenVisits: OverviewVisits;

beforeAll(async () => {
  t = tempDir('sw-pack-');
  const book = await reportsBook(t.dir, '2026-12-02');
  db = book.ctx.dbPath;
  // The pack's lists are the whole overview's; the screen is sent their counts.
  overview = buildOverview(book.ctx, { week: '2026-11-30', today: '2026-12-02' }, overviewSources);
  const registry = createRegistry({ validateOutput: true });
  const input = { week: '2026-11-30', today: '2026-12-02' };
  screen = await registry.call<OverviewScreen>(book.ctx, 'reports:overview', input);
  screenVisits = await registry.call<OverviewVisits>(book.ctx, 'reports:overviewVisits', input);
  book.ctx.db.close();
});
afterAll(() => t.cleanup());

type Sheet = { title: unknown[][]; header: string[]; rows: unknown[][]; total: unknown[] };
function read(file: string): Record<string, Sheet> {
  const wb = XLSX.readFile(file);
  const out: Record<string, Sheet> = {};
  for (const name of wb.SheetNames) {
    const all = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[name]!, { header: 1, raw: true, blankrows: true, defval: null });
    const h = all.findIndex((r, i) => i > 0 && r.length > 0 && r[0] === null) + 1; // the row after the blank one
    const end = all.findIndex((r) => r[0] === 'Total');
    out[name] = { title: all.slice(0, h - 1), header: all[h] as string[], rows: all.slice(h + 1, end), total: all[end]! };
  }
  return out;
}

const MONEY: Record<string, string[]> = {
  Summary: ['Quota', 'Won', 'Commit', 'Best case', 'Pipeline', 'Open in quarter'],
  Forecast: [
    'Quota',
    'Won',
    'Commit',
    'Best case',
    'Pipeline',
    'Open in quarter',
    'Last week commit',
    'Last week best case',
    'Last week pipeline',
    'Month quota',
    'Month won',
  ],
  Movement: ['Amount'],
  Stalled: ['Amount'],
  Visits: ['Planned this week'],
  Receivables: ['Outstanding'],
};

describe('npm run cli -- export meeting-pack', () => {
  it('sheets, headers, totals, and attainment and coverage computed by hand', async () => {
    const file = path.join(t.dir, 'pack.xlsx');
    const err: string[] = [];
    const code = await runCli(
      ['--db', db, 'export', 'meeting-pack', file, '--week', '2026-11-30', '--today', '2026-12-02'],
      () => {},
      (s) => err.push(s),
    );
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(XLSX.readFile(file).SheetNames).toEqual(['Summary', 'Forecast', 'Movement', 'Stalled', 'Commitments', 'Visits', 'Receivables']);
    const pack = read(file);
    expect(pack.Forecast!.header.slice(0, 7)).toEqual(['Owner', 'Quota', 'Won', 'Commit', 'Best case', 'Pipeline', 'Coverage']);
    for (const [name, cols] of Object.entries(MONEY)) {
      const s = pack[name]!;
      for (const c of cols) {
        const i = s.header.indexOf(c);
        expect(i, `${name} has ${c}`).toBeGreaterThan(0);
        const sum = s.rows.reduce((x: number, r) => x + ((r[i] as number | null) ?? 0), 0);
        expect(s.total[i] as number, `${name} ${c} total`).toBeCloseTo(sum, 2);
      }
    }

    // By hand (week of Monday 2026-11-30, so November and Q4; as of 12-02):
    // 王磊: quota Q4 300,000, won 50,000 + 30,000 = 80,000; open closing in Q4 100,000 + 60,000.
    //   attainment 80,000 / 300,000; coverage 160,000 / (300,000 − 80,000); November 50,000 / 100,000.
    // 李娜: quota 200,000, won 0, open 400,000: coverage 400,000 / 200,000 = 2.
    const f = pack.Forecast!;
    const col = (h: string) => f.header.indexOf(h);
    const wang = f.rows.find((r) => r[0] === 'Wang Lei')!;
    const li = f.rows.find((r) => r[0] === 'Li Na')!;
    expect([wang[col('Quota')], wang[col('Won')], wang[col('Commit')], wang[col('Best case')], wang[col('Pipeline')]]).toEqual([
      300000, 80000, 100000, 60000, 0,
    ]);
    expect(wang[col('Attainment')] as number).toBeCloseTo(80_000 / 300_000, 4);
    expect(wang[col('Coverage')] as number).toBeCloseTo(160_000 / 220_000, 4);
    expect(wang[col('Month attainment')] as number).toBeCloseTo(0.5, 4);
    expect(li[col('Coverage')]).toBe(2);
    expect(li[col('Pipeline')]).toBe(400000);
    expect(f.total[col('Coverage')] as number).toBeCloseTo(560_000 / 420_000, 4);
    expect(f.total[col('Attainment')] as number).toBeCloseTo(80_000 / 500_000, 4);
    // The screen's numbers are the pack's; its lists are the pack's counted, and its first stalled deals.
    const screenWang = screen.reps.find((r) => r.nameEn === 'Wang Lei')!;
    expect(screenWang.coverage).toBeCloseTo(wang[col('Coverage')] as number, 4);
    expect(screenWang.attainmentQuarter).toBeCloseTo(wang[col('Attainment')] as number, 4);
    expect(screen.total.coverage).toBeCloseTo(f.total[col('Coverage')] as number, 4);
    expect(screen.total.wonQuarter).toBe(80_000_00);
    expect(screen.stalledCount).toBe(pack.Stalled!.rows.length);
    expect(screen.stalled).toEqual(overview.stalled.slice(0, 5));
    expect(screenVisits.overdue).toBe(pack.Visits!.rows.filter((r) => r[7] === 'Yes').length);
    expect(screenVisits.overdue).toBe(overview.visits.overdue);
    expect(screenVisits.dueByClass).toEqual(overview.visits.dueByClass);
    expect(Object.values(screen.movement.counts).reduce((a, b) => a + b, 0)).toBe(pack.Movement!.rows.length);
    expect(screen).not.toHaveProperty('visits.accounts');

    // Summary: one territory; its row is the team's.
    expect(pack.Summary!.rows).toEqual([['East China', 500000, 80000, 0.16, 100000, 60000, 400000, 560000, 1.3333]]);
    // Visits: 乙公司 (B, last visit 10-01, 62 days) is overdue; 甲公司 (A, 11-25, 7 days) is not.
    const v = pack.Visits!;
    expect(v.rows.find((r) => r[0] === '乙公司')!.slice(2)).toEqual(['B', expect.any(Number), expect.any(Number), 62, 15, 'Yes']);
    expect(v.rows.some((r) => r[0] === '甲公司' && r[7] === 'Yes')).toBe(false);
  });

  it('on the demo company: cell-identical under Asia/Shanghai, UTC and America/Los_Angeles, every Total the sum of its rows', async () => {
    const cli = await cliBundle();
    const demo = path.join(t.dir, 'demo.sqlite');
    const run = (tz: string, args: string[]) => {
      const r = spawnSync(process.execPath, [cli.file, '--db', demo, ...args], {
        encoding: 'utf8',
        env: { ...process.env, ...cli.env, TZ: tz },
      });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    };
    // The demo is seeded around its today: the same day the export is asked about.
    run('UTC', ['--today', '2026-12-02', 'init', '--demo']);
    const files = ['Asia/Shanghai', 'UTC', 'America/Los_Angeles'].map((tz) => {
      const out = path.join(t.dir, `pack-${tz.replace('/', '_')}.xlsx`);
      run(tz, ['export', 'meeting-pack', out, '--week', '2026-11-30', '--today', '2026-12-02', '--territory', 'East China']);
      return out;
    });
    const cells = files.map((f) => {
      const wb = XLSX.readFile(f);
      return Object.fromEntries(
        wb.SheetNames.map((n) => [n, XLSX.utils.sheet_to_json(wb.Sheets[n]!, { header: 1, raw: true, defval: null })]),
      );
    });
    expect(Object.keys(cells[0]!)).toHaveLength(7);
    expect(cells[1]).toEqual(cells[0]);
    expect(cells[2]).toEqual(cells[0]);
    const pack = read(files[0]!);
    let checked = 0;
    for (const [name, cols] of Object.entries(MONEY)) {
      const s = pack[name]!;
      for (const c of cols) {
        const i = s.header.indexOf(c);
        const sum = s.rows.reduce((x: number, r) => x + ((r[i] as number | null) ?? 0), 0);
        expect(s.total[i] as number, `${name} ${c} total`).toBeCloseTo(sum, 2);
        if (s.rows.length > 1 && sum !== 0) checked++;
      }
    }
    // The demo fills every sheet: the sums are over real rows, not empty sheets.
    expect(checked).toBeGreaterThanOrEqual(15);
  }, 180_000);
});
