import { describe, expect, it } from 'vitest';
import { metFromTarget, TABLE_END, TABLE_START, updateReadmeTable, type MeasuredCase } from '../../bench/readmeTable';

// `npm run bench` rewrites the rows of the cases it ran in the README's Benchmarks table
// (bench/readmeTable.ts): old README + results → new README.

const run = { date: '2026-12-04', machine: 'AMD EPYC 7B13 ×2, 24 GiB, Node v20.20.2, Chromium 131.0.6778.85', load: 0.83, runs: 3 };
const readme = [
  '# Sales Workstation',
  '## Benchmarks',
  'Intro text.',
  TABLE_START,
  '| case | size | product | floor | ratio | peak | target | met | measured |',
  '|---|---|---|---|---|---|---|---|---|',
  '| import-xlsx | 100k accounts | 7.31 s | 7.88 s | 0.93× | 275 MB | ratio ≤ 1.5, peak < 400 MB | yes | 2026-11-25, load 0.9; old machine |',
  '| grid-100k (Chromium) | 100k accounts | first rows 1,196 ms | — | — | — | first rows < 1,500 ms | yes | 2026-11-25 |',
  '| pareto-apply | 1M accounts | 28.8 s | 19.5 s | 1.48× | 166 MB | ≤ 1.5× | yes | 2026-11-25 |',
  TABLE_END,
  '',
  'After the table.',
  '## Architecture',
].join('\n');

const csv1m: MeasuredCase = {
  case: 'import-csv-1m',
  size: '1,000,000 accounts',
  productMs: 61_234,
  floorMs: 50_100,
  ratio: 1.22,
  peakMB: 612.4,
  floorPeakMB: 900,
  target: 'ratio ≤ 1.5, peak < 1 GB',
  run,
};
const xlsx: MeasuredCase = {
  case: 'import-xlsx',
  size: '100,000 accounts',
  productMs: 9_000,
  floorMs: 5_000,
  ratio: 1.8,
  peakMB: 280,
  floorPeakMB: 200,
  target: 'ratio ≤ 1.5, peak < 400 MB',
  run,
};
const order = ['import-xlsx', 'import-csv', 'import-csv-1m', 'grid-100k', 'pareto-apply'];
const tableLines = (s: string) =>
  s
    .slice(s.indexOf(TABLE_START), s.indexOf(TABLE_END))
    .split('\n')
    .filter((l) => l.startsWith('| '));

describe('the README benchmark table', () => {
  it('replaces the rows of the cases run, adds new ones in the cases’ order, keeps the rest and the text around', () => {
    const out = updateReadmeTable(readme, [csv1m, xlsx], order);
    const rows = tableLines(out);
    expect(rows.map((r) => r.split('|')[1]!.trim())).toEqual([
      'case',
      'import-xlsx',
      'import-csv-1m',
      'grid-100k (Chromium)',
      'pareto-apply',
    ]);
    expect(rows[1]).toBe(
      '| import-xlsx | 100,000 accounts | 9.00 s | 5.00 s | 1.80× | 280 MB | ratio ≤ 1.5, peak < 400 MB | **no** | 2026-12-04, median of 3, load 0.8; AMD EPYC 7B13 ×2, 24 GiB, Node v20.20.2, Chromium 131.0.6778.85 |',
    );
    expect(rows[2]).toContain('| import-csv-1m | 1,000,000 accounts | 61.2 s | 50.1 s | 1.22× | 612 MB | ratio ≤ 1.5, peak < 1 GB | yes |');
    // Rows not run are untouched, and so is everything outside the markers.
    expect(rows[3]).toBe(readme.split('\n')[7]);
    expect(out.startsWith(readme.slice(0, readme.indexOf(TABLE_START)))).toBe(true);
    expect(out.endsWith(readme.slice(readme.indexOf(TABLE_END)))).toBe(true);
  });

  it('is the same after a second run with the same results (no rows pile up)', () => {
    const once = updateReadmeTable(readme, [csv1m], order);
    expect(updateReadmeTable(once, [csv1m], order)).toBe(once);
  });

  it('shows a named timing first, its other timings beside it, and the floor’s same timing', () => {
    const out = updateReadmeTable(
      readme,
      [
        {
          case: 'grid-100k',
          size: '100,000 accounts',
          productMs: 4_000,
          floorMs: 95,
          ratio: 5.05,
          peakMB: 150,
          floorPeakMB: 140,
          target: 'first rows ≤ 3× floor and < 600 ms; sort, filter < 300 ms',
          measure: 'firstRows',
          extra: { firstRows: 480, scriptBytes: 1_930_000, sort: 58, rowCount: 410_481 },
          met: false,
          run,
        },
      ],
      order,
    );
    const row = tableLines(out).find((r) => r.startsWith('| grid-100k'))!;
    expect(row).toContain('| firstRows 480 ms · script 1.93 MB · sort 58 ms · 410,481 rows | firstRows 95 ms | 5.05× | 150 MB |');
    expect(row).toContain('| **no** |');
  });

  it('refuses a README without the markers', () => {
    expect(() => updateReadmeTable('# README\n| case |', [csv1m], order)).toThrow(/markers/);
  });

  it('reads ratio, peak and one time from a target’s text, and no more', () => {
    const r = { ...csv1m, target: '', measure: undefined };
    expect(metFromTarget({ ...r, target: 'ratio ≤ 1.5, peak < 1 GB' })).toBe(true);
    expect(metFromTarget({ ...r, target: 'ratio ≤ 1.5, peak < 400 MB' })).toBe(false);
    expect(metFromTarget({ ...r, target: '≤ 1.2× floor' })).toBe(false);
    expect(metFromTarget({ ...r, productMs: 480, target: '< 500 ms' })).toBe(true);
    expect(metFromTarget({ ...r, productMs: 1_200, target: '< 1,000 ms' })).toBe(false);
    expect(metFromTarget({ ...r, measure: 'chart', extra: { chart: 300 }, target: '≤ 300 ms' })).toBe(true);
    expect(metFromTarget({ ...r, target: 'first rows ≤ 1,000 ms; sort by money ≤ 1,500 ms' })).toBeNull();
    expect(metFromTarget({ ...r, target: 'time only (floor: plain sort)' })).toBeNull();
  });
});
