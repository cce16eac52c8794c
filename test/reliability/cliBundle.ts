import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

// The CLI bundled once into one file (packages stay external), so the crash tests can
// start many short-lived CLI processes quickly. It is the same code `npm run cli` runs.
const root = path.resolve(import.meta.dirname, '../..');
const out = path.join(root, 'test-results/cli-bundle/cli/main.mjs');

export async function cliBundle(): Promise<{ file: string; env: Record<string, string> }> {
  await build({
    entryPoints: [path.join(root, 'src/server/cli/main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: out,
    logLevel: 'silent',
  });
  return { file: out, env: { SW_MIGRATIONS_DIR: path.join(root, 'src/server/db/migrations') } };
}

export function exists(p: string): boolean {
  return fs.existsSync(p);
}
