import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openBook } from '../book';
import { createRegistry } from '../handlers';
import { startWebServer } from './server';

// npm run web -- [--db FILE] [--port N]
const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const rendererDir = path.join(repo, 'out/renderer');
if (!fs.existsSync(path.join(rendererDir, 'index.html')) || process.env.SW_REBUILD === '1') {
  console.log('Building the renderer…');
  execFileSync(process.execPath, [path.join(repo, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: repo, stdio: 'inherit' });
}
const dbPath = arg('--db') ?? path.join(os.homedir(), '.sales-workstation', 'book.sqlite');
const port = Number(arg('--port') ?? '0');
const ctx = await openBook(dbPath, { demo: !arg('--db'), platform: 'web' });
const web = await startWebServer({ ctx, registry: createRegistry(), rendererDir, port });
console.log(`Sales Workstation on ${dbPath}`);
console.log(`Open: ${web.url}`);
console.log('(This address opens the app once, in one browser; restart for a new one.)');

let closing = false;
const stop = async () => {
  if (closing) return;
  closing = true;
  await web.close();
  ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  ctx.db.close();
  console.log('Stopped; database closed.');
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
