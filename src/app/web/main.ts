import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BookShelf } from '../../platform/bookShelf';
import { FileSecretStore, installSecretStore, secretsFileIn } from '../../platform/secrets';
import { createRegistry } from '../handlers';
import { startWebServer } from './server';
import { startAutoSync } from '../../features/team/server/autoSync';

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
  execFileSync(process.execPath, [path.join(repo, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: repo,
    stdio: 'inherit',
  });
}
// The books live in the data folder; the demo company only ever in its own file there,
// opened when the user asks for it on the first start (or later from the book menu).
const dataDir = path.join(os.homedir(), '.sales-workstation');
const port = Number(arg('--port') ?? '0');
// A team book's session token is kept here, outside the book (0600 in the data folder).
installSecretStore(new FileSecretStore(secretsFileIn(dataDir)));
const shelf = new BookShelf(dataDir, { platform: 'web' });
const ctx = await shelf.start(arg('--db'));
const web = await startWebServer({ ctx, registry: createRegistry(), rendererDir, port });
// A team book pushes what was changed offline once its server is reachable (issue 21).
const stopAutoSync = startAutoSync(() => (shelf.isOpen() ? ctx : null));
console.log(
  shelf.isOpen()
    ? `Sales Workstation on ${ctx.dbPath}`
    : `Sales Workstation: no book open yet; the browser asks for the demo or your team's book (kept in ${dataDir})`,
);
console.log(`Open: ${web.url}`);
console.log('(This address opens the app once, in one browser; restart for a new one.)');

let closing = false;
const stop = async () => {
  if (closing) return;
  closing = true;
  stopAutoSync();
  await web.close();
  shelf.close();
  console.log('Stopped; database closed.');
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
