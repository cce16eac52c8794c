import type { CaseResult } from './harness';

// The README's Benchmarks table, kept current by `npm run bench`: the rows of the cases a
// run measured are replaced (or added, in the cases' order), the others kept as they are,
// each row saying when, on what machine and under what load it was measured. Pure: old
// README + results → new README (bench/run.ts reads and writes the file).

export const TABLE_START = '<!-- bench:table:start (rows rewritten by npm run bench) -->';
export const TABLE_END = '<!-- bench:table:end -->';
export const HEADER = [
  '| case | size | product | floor | ratio | peak | target | met | measured |',
  '|---|---|---|---|---|---|---|---|---|',
];

export interface RunInfo {
  /** YYYY-MM-DD (UTC) */
  date: string;
  /** e.g. "AMD EPYC 7B13 ×2, 24 GiB, Node v20.20.2, Chromium 131.0.6778.85" */
  machine: string;
  /** The highest 1-minute load average seen between the case's runs. */
  load: number;
  /** Runs per side (figures are their medians). */
  runs: number;
}

export interface MeasuredCase extends CaseResult {
  run: RunInfo;
  /** The case's own verdict (BenchCase.met), when it has one. */
  met?: boolean;
}

/** 850 → "850 ms", 7310 → "7.31 s", 28800 → "28.8 s". */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  return `${s < 10 ? s.toFixed(2) : s < 100 ? s.toFixed(1) : Math.round(s).toLocaleString('en-US')} s`;
}

function formatExtra(key: string, v: number): string {
  // rowCount 410481 → "410,481 rows"
  if (key.endsWith('Count')) return `${v.toLocaleString('en-US')} ${key.slice(0, -5)}s`;
  if (key.endsWith('Bytes')) return `${key.slice(0, -5)} ${(v / 1e6).toFixed(2)} MB`;
  return `${key} ${formatMs(v)}`;
}

/** The figure a case is judged by: its named timing, or the whole run. */
const figure = (r: CaseResult) => (r.measure ? (r.extra?.[r.measure] ?? NaN) : r.productMs);

/**
 * Met, from the target's text where it says only: a ratio ("ratio ≤ 1.5", "≤ 2× floor"),
 * a peak ("peak < 400 MB", "< 1 GB") and one time ("< 500 ms", "≤ 300 ms"). Anything else
 * needs the case's own `met`; without it the cell says "—".
 */
export function metFromTarget(r: CaseResult): boolean | null {
  const t = r.target.replace(/,(?=\d{3})/g, '');
  const checks: boolean[] = [];
  let rest = t;
  const ratio = /(?:ratio\s*≤\s*([\d.]+)|≤\s*([\d.]+)×\s*floor)/.exec(t);
  if (ratio) {
    if (r.ratio === null) return null;
    checks.push(r.ratio <= Number(ratio[1] ?? ratio[2]));
    rest = rest.replace(ratio[0], '');
  }
  const peak = /peak\s*<\s*([\d.]+)\s*(MB|GB)/.exec(t);
  if (peak) {
    checks.push(r.peakMB < Number(peak[1]) * (peak[2] === 'GB' ? 1024 : 1));
    rest = rest.replace(peak[0], '');
  }
  const time = /^\s*(<|≤)\s*([\d.]+)\s*ms\s*$/.exec(rest.replace(/^[\s,]+|[\s,]+$/g, ''));
  if (time) checks.push(time[1] === '<' ? figure(r) < Number(time[2]) : figure(r) <= Number(time[2]));
  else if (rest.replace(/[\s,]/g, '') !== '') return null;
  return checks.length ? checks.every(Boolean) : null;
}

/** The case's table key: the first word of the row's first cell ("grid-100k (Chromium)" → "grid-100k"). */
const keyOfRow = (line: string) => line.split('|')[1]?.trim().split(/\s+/)[0] ?? '';
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function tableRow(m: MeasuredCase): string {
  const extras = Object.entries(m.extra ?? {}).filter(([k]) => k !== m.measure);
  const main = m.measure ? `${m.measure} ${formatMs(figure(m))}` : formatMs(m.productMs);
  const product = [main, ...extras.map(([k, v]) => formatExtra(k, v))].join(' · ');
  const floor = m.floorMs === null ? '—' : m.measure ? `${m.measure} ${formatMs(m.floorMs)}` : formatMs(m.floorMs);
  const met = m.met ?? metFromTarget(m);
  return `| ${[
    m.case,
    m.size,
    product,
    floor,
    m.ratio === null ? '—' : `${m.ratio.toFixed(2)}×`,
    `${Math.round(m.peakMB)} MB`,
    m.target,
    met === null ? '—' : met ? 'yes' : '**no**',
    `${m.run.date}, ${m.run.runs === 1 ? '1 run' : `median of ${m.run.runs}`}, load ${m.run.load.toFixed(1)}; ${m.run.machine}`,
  ]
    .map(cell)
    .join(' | ')} |`;
}

/**
 * Replaces the measured cases' rows between the markers (adding the table if the markers
 * hold none), keeping other rows; new rows go in `order` (the cases' order) among the rest.
 * Throws when the README has no markers: the table's place is the README's to say.
 */
export function updateReadmeTable(readme: string, measured: MeasuredCase[], order: string[]): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md has no benchmark table markers (${TABLE_START} … ${TABLE_END})`);
  const inner = readme.slice(start + TABLE_START.length, end);
  const rows = inner.split('\n').filter((l) => l.startsWith('|') && !HEADER.includes(l.trim()) && !/^\|[-|\s]+\|$/.test(l.trim()));
  const byKey = new Map(rows.map((l) => [keyOfRow(l), l] as const));
  for (const m of measured) byKey.set(m.case, tableRow(m));
  const rank = (k: string) => {
    const i = order.indexOf(k);
    return i < 0 ? order.length : i;
  };
  // A stable sort: rows of unknown cases (written by hand) keep their place at the end.
  const keys = [...byKey.keys()].map((k, i) => ({ k, i })).sort((a, b) => rank(a.k) - rank(b.k) || a.i - b.i);
  const table = [...HEADER, ...keys.map(({ k }) => byKey.get(k)!)].join('\n');
  return `${readme.slice(0, start + TABLE_START.length)}\n${table}\n${readme.slice(end)}`;
}
