import { performance } from 'node:perf_hooks';
import { cases } from './cases/index';
import { extraTimings, type Measurement } from './harness';

// One timed run in a fresh process, so peak memory belongs to this run alone.
const [name, side, dir] = process.argv.slice(2);
const c = cases.find((x) => x.name === name);
if (!c || !dir || (side !== 'product' && side !== 'floor')) {
  console.error('usage: worker.ts CASE product|floor DIR');
  process.exit(2);
}
await c.reset?.(dir, side);
const fn = side === 'product' ? c.product : c.floor;
if (!fn) process.exit(3);
const t0 = performance.now();
await fn.call(c, dir);
const ms = performance.now() - t0;
const out: Measurement = { ms, peakMB: process.resourceUsage().maxRSS / 1024, extra: { ...extraTimings } };
process.stdout.write(`\n@@RESULT ${JSON.stringify(out)}\n`);
process.exit(0);
