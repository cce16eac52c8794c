import fs from 'node:fs';
import { openBook } from '../../src/app/book';
import { createRegistry } from '../../src/app/handlers';

// Run in a child process (bundled into one file, as the app ships its main process) by
// fuzzImport.test.ts: imports one file through each named import channel — the same
// registry the app, the web server and the CLI call — and prints one JSON line: each
// import's outcome, its time, whether the book changed, and the process's peak memory.
// A crash (out of memory, a native abort) shows as a child that printed nothing.

interface Args {
  book: string;
  file: string;
  channels: string[];
}

const args = JSON.parse(process.argv[2]!) as Args;
const ctx = await openBook(args.book, { dailyBackup: false });
const registry = createRegistry();
// Every write goes through the change log in the same transaction; import batches too.
const fingerprint = () =>
  ctx.db.prepare("SELECT (SELECT count(*) FROM change_log) || ':' || (SELECT count(*) FROM import_batches)").pluck().get() as string;

const results = [];
for (const channel of args.channels) {
  const token = ctx.files.register(args.file, 'read').token;
  const before = fingerprint();
  const t0 = performance.now();
  const r = await registry.invoke(ctx, channel as never, { file: token } as never);
  const ms = Math.round(performance.now() - t0);
  results.push(
    r.ok
      ? { channel, ms, ok: true, unchanged: fingerprint() === before }
      : { channel, ms, ok: false, code: r.error.code, message: r.error.message, unchanged: fingerprint() === before },
  );
}
ctx.db.close();

/** Peak resident memory in MB: the kernel's high-water mark, else Node's maxRSS. */
function peakMB(): number {
  const status = fs.existsSync('/proc/self/status') ? fs.readFileSync('/proc/self/status', 'utf8') : '';
  const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
  return Math.round((hwm ? Number(hwm[1]) : process.resourceUsage().maxRSS) / 1024);
}
process.stdout.write(`${JSON.stringify({ results, peakMB: peakMB() })}\n`);
