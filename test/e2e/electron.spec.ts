import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { test, expect, _electron as electron } from '@playwright/test';

// The real desktop app, where an Electron binary and its better-sqlite3 build exist (a
// user's or packager's machine after `npm start`). On machines without them it skips
// and says why; everything else is covered through the web server and the test bridge.
const require = createRequire(import.meta.url);
// Read electron's path.txt directly: require('electron') would start a download.
function electronBinary(): string | null {
  const dir = path.dirname(require.resolve('electron/package.json'));
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const p = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(p) ? p : null;
}
const root = path.resolve(import.meta.dirname, '../..');
const version = (require('electron/package.json') as { version: string }).version;
const native = path.join(root, '.native', `electron-${version}`, 'better_sqlite3.node');
const binary = electronBinary();
const why = !binary
  ? 'no Electron binary on this machine (it downloads on first `npm start`; this machine has no network for it)'
  : !fs.existsSync(native)
    ? 'no better-sqlite3 build for Electron yet (`npm start` or `node scripts/start.mjs --native-only` makes it)'
    : !fs.existsSync(path.join(root, 'out/main/index.js'))
      ? 'the app is not built (run `npx electron-vite build`)'
      : null;

test('the desktop app starts hardened on a demo book', async () => {
  test.skip(why !== null, why ?? '');
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-electron-'));
  const app = await electron.launch({
    executablePath: binary!,
    args: [root, `--user-data-dir=${userData}`],
    env: { ...process.env, SW_NATIVE_BINDING: native },
  });
  try {
    const page = await app.firstWindow();
    // A first start: the choice, then the demo company in its own file.
    await page.getByTestId('first-start-demo').click();
    await expect(page.getByTestId('app-title')).toBeVisible();
    await expect(page.getByTestId('demo-badge')).toBeVisible();
    expect(fs.existsSync(path.join(userData, 'demo.sqlite'))).toBe(true);
    expect(fs.existsSync(path.join(userData, 'book.sqlite'))).toBe(false);
    expect(page.url()).toMatch(/^app:\/\/bundle\//);
    // contextIsolation + sandbox + no nodeIntegration: the page sees no Node at all, and
    // window.api is the frozen contract object from the preload.
    const page_ = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      apiFrozen: Object.isFrozen((globalThis as { api?: object }).api),
    }));
    expect(page_).toEqual({ require: 'undefined', process: 'undefined', apiFrozen: true });
    await page.evaluate(() => window.open('https://example.com'));
    expect(app.windows()).toHaveLength(1);
    await page.evaluate(() => (location.href = 'https://example.com'));
    await expect(page.getByTestId('app-title')).toBeVisible();
    expect(page.url()).toMatch(/^app:\/\/bundle\//);
    await expect(page.locator('[role="gridcell"][col-id="name"]').first()).toBeVisible();
  } finally {
    await app.close();
    fs.rmSync(userData, { recursive: true, force: true });
  }
});
