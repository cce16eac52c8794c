import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cases } from './cases/index';
import type { CaseResult, Measurement } from './harness';
import { updateReadmeTable, type MeasuredCase } from './readmeTable';

// npm run bench [-- --only NAME[,NAME] --runs N]
const args = process.argv.slice(2);
const opt = (n: string) => {
  const i = args.indexOf(n);
  return i >= 0 ? args[i + 1] : undefined;
};
// Figures are medians of 3 or more runs; --runs 1 (or 2) only proves that cases work.
const runs = Math.max(1, Number(opt('--runs') ?? 3));
const only = opt('--only')?.split(',');
const selected = cases.filter((c) => !only || only.includes(c.name));
const root = path.resolve(import.meta.dirname, '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-bench-'));
const worker = path.join(root, 'bench/.build/worker.mjs');

// Timed runs execute the worker bundled into one file, as the app ships its main process,
// rather than through a TypeScript loader: tsx's on-the-fly transpiling holds ~100 MB of
// its own, which would be counted in every case's peak memory. Libraries stay external
// (loaded from node_modules as the packaged app loads its native and large modules).
await build({
  entryPoints: [path.join(root, 'bench/worker.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outfile: worker,
  logLevel: 'warning',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});

function once(name: string, side: 'product' | 'floor'): Measurement {
  const r = spawnSync(
    process.execPath,
    ['--max-old-space-size=4096', '--require', path.join(root, 'bench/exceljsUtf8.cjs'), worker, name, side, dataDir],
    {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, SW_QUIET: '1', SW_MIGRATIONS_DIR: path.join(root, 'src/platform/db/migrations') },
    },
  );
  const line = r.stdout.split('\n').find((l) => l.startsWith('@@RESULT '));
  if (r.status !== 0 || !line) throw new Error(`${name}/${side} failed (exit ${r.status}):\n${r.stderr.slice(-4000)}`);
  return JSON.parse(line.slice('@@RESULT '.length)) as Measurement;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const rows: CaseResult[] = [];
/** The highest 1-minute load average seen around each case's runs (the README shows it). */
const loads = new Map<string, number>();
const sampleLoad = (name: string) => loads.set(name, Math.max(loads.get(name) ?? 0, os.loadavg()[0]!));
try {
  for (const c of selected) {
    process.stderr.write(`\n${c.name} (${c.size}): preparing… `);
    await c.prepare(dataDir);
    sampleLoad(c.name);
    const product: Measurement[] = [];
    const floor: Measurement[] = [];
    for (let i = 0; i < runs; i++) {
      process.stderr.write(`run ${i + 1} `);
      product.push(once(c.name, 'product'));
      if (c.floor) floor.push(once(c.name, 'floor'));
      sampleLoad(c.name);
    }
    // A case may compare one named timing (e.g. first rows) instead of its whole run.
    const msOf = (m: Measurement) => (c.measure ? (m.extra?.[c.measure] ?? NaN) : m.ms);
    const p = median(product.map(msOf));
    const f = floor.length ? median(floor.map(msOf)) : null;
    const medians = (ms: Measurement[]) => {
      const out: Record<string, number> = {};
      for (const k of Object.keys(ms[0]?.extra ?? {})) out[k] = Math.round(median(ms.map((m) => m.extra?.[k] ?? 0)));
      return out;
    };
    const extra = medians(product);
    const floorExtra = medians(floor);
    rows.push({
      case: c.name,
      size: c.size,
      productMs: Math.round(p),
      floorMs: f === null ? null : Math.round(f),
      ratio: f === null ? null : Number((p / f).toFixed(2)),
      peakMB: Math.round(Math.max(...product.map((m) => m.peakMB))),
      floorPeakMB: floor.length ? Math.round(Math.max(...floor.map((m) => m.peakMB))) : null,
      target: c.target,
      ...(c.measure ? { measure: c.measure } : {}),
      ...(Object.keys(extra).length ? { extra } : {}),
      ...(Object.keys(floorExtra).length ? { floorExtra } : {}),
    });
  }
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}

const extras = (e: unknown) =>
  Object.entries(e as Record<string, number>)
    .map(([k, v]) => (k.endsWith('Count') ? `${k} ${v}` : k.endsWith('Bytes') ? `${k} ${(v / 1e6).toFixed(2)} MB` : `${k} ${v} ms`))
    .join(', ');
const header = ['case', 'size', 'product ms', 'floor ms', 'ratio', 'peak MB', 'target'];
const table = rows.map((r) => [
  r.case,
  String(r.size),
  String(r.productMs),
  r.floorMs === null ? '—' : String(r.floorMs),
  r.ratio === null ? '—' : `${String(r.ratio)}×`,
  String(r.peakMB),
  String(r.target) +
    (r.measure ? `  (compared: ${String(r.measure)})` : '') +
    (r.extra ? `  ${extras(r.extra)}` : '') +
    (r.floorExtra ? `  · floor: ${extras(r.floorExtra)}` : ''),
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
console.log('\n' + fmt(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of table) console.log(fmt(r));

/** The browser the Chromium cases ran in (its version is part of the machine's description). */
function chromiumVersion(): string | null {
  try {
    const out = spawnSync(process.env.SW_CHROMIUM ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8', timeout: 20_000 });
    return /[\d.]{5,}/.exec(out.stdout)?.[0] ?? null;
  } catch {
    return null;
  }
}
const chromium = chromiumVersion();
const machine = {
  cpus: os.cpus().length,
  cpu: os.cpus()[0]?.model.trim(),
  memGB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.platform()} ${os.arch()}`,
  chromium,
};
// latest.json keeps the newest result of every case: a run of some cases (--only)
// replaces those and leaves the others' earlier results, each with its own date.
const latest = path.join(root, 'bench/results/latest.json');
const at = new Date().toISOString();
let kept: Record<string, unknown>[] = [];
try {
  kept = (JSON.parse(fs.readFileSync(latest, 'utf8')) as { cases: Record<string, unknown>[] }).cases.filter(
    (c) => !rows.some((r) => r.case === c.case),
  );
} catch {
  // no earlier results
}
const order = (c: Record<string, unknown>) => cases.findIndex((x) => x.name === c.case);
const all = [...kept, ...rows.map((r) => ({ ...r, at, runs, machine, load: loads.get(r.case) }))].sort((a, b) => order(a) - order(b));
fs.mkdirSync(path.dirname(latest), { recursive: true });
fs.writeFileSync(latest, JSON.stringify({ at, machine, cases: all }, null, 2));
console.log(`\nWritten bench/results/latest.json (${runs} runs per case, medians; ${kept.length} earlier case results kept).`);

// The README's Benchmarks table: the rows of the cases run now are rewritten, each saying
// how many runs its medians are of (one run proves a case works; figures want 3 or more).
if (rows.length > 0) {
  const readmeFile = path.join(root, 'README.md');
  const run = (r: CaseResult): MeasuredCase => {
    const c = cases.find((x) => x.name === r.case)!;
    return {
      ...r,
      ...(c.met ? { met: c.met(r) } : {}),
      run: {
        date: at.slice(0, 10),
        machine: `${machine.cpu ?? 'unknown CPU'} ×${machine.cpus}, ${machine.memGB} GiB, ${machine.platform}, Node ${machine.node}${chromium ? `, Chromium ${chromium}` : ''}`,
        load: loads.get(r.case) ?? 0,
        runs,
      },
    };
  };
  fs.writeFileSync(
    readmeFile,
    updateReadmeTable(
      fs.readFileSync(readmeFile, 'utf8'),
      rows.map(run),
      cases.map((c) => c.name),
    ),
  );
  console.log(`README.md's Benchmarks table: rows of ${rows.map((r) => r.case).join(', ')} rewritten.`);
}
