import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

// The CLI bundled once into one file (packages stay external), so the crash tests can
// start many short-lived CLI processes quickly. It is the same code `npm run cli` runs.
// Each test process builds its own copy: Vitest runs test files side by side, and one
// file rebuilding a shared bundle while another's CLI processes were loading it made
// those fail at random (a truncated main.mjs). The file keeps the name cli/main.mjs that the CLI looks for to know it was started.
const root = path.resolve(import.meta.dirname, '../..');
const out = path.join(root, `test-results/cli-bundle/p${process.pid}/cli/main.mjs`);
let built: Promise<unknown> | null = null;

export async function cliBundle(): Promise<{ file: string; env: Record<string, string> }> {
  built ??= build({
    entryPoints: [path.join(root, 'src/app/cli/main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: out,
    logLevel: 'silent',
  });
  await built;
  return { file: out, env: { SW_MIGRATIONS_DIR: path.join(root, 'src/platform/db/migrations') } };
}

export function exists(p: string): boolean {
  return fs.existsSync(p);
}
