/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserType } from '@playwright/test';
import { openBook } from '../../src/app/book';
import { createRegistry } from '../../src/app/handlers';
import { startWebServer } from '../../src/app/web/server';
import { extraTimings, type BenchCase } from '../harness';
import { copyBook, makeAccountsBook } from '../data';

// The accounts grid with 100,000 accounts in Debian's Chromium, through the real web
// server and handlers: first rows painted (from the navigation's start), a sort, a filter by
// territory, a quick search.
const N = Number(process.env.SW_BENCH_ACCOUNTS ?? 100_000);
const f = (dir: string, name: string) => path.join(dir, name);
const root = path.resolve(import.meta.dirname, '../..');
// Playwright holds ~70 MB once loaded: loaded (untimed) by this case's reset only, so the
// other cases' peak memory is the product's.
let chromium: BrowserType;

let built = false;
/**
 * The bench measures the code in the checkout: the renderer is built from it once per run
 * (a fresh clone has no out/, and a stale out/ would measure old code).
 */
function buildRendererOnce(): void {
  if (built) return;
  execFileSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
  if (!fs.existsSync(path.join(root, 'out/renderer/index.html'))) throw new Error('electron-vite build did not produce out/renderer/index.html');
  built = true;
}

export const gridCases: BenchCase[] = [
  {
    name: 'grid-100k',
    size: `${N.toLocaleString('en-US')} accounts`,
    target: 'first rows < 1500 ms; sort, filter < 300 ms',
    async prepare(dir) {
      if (!fs.existsSync(f(dir, 'full.sqlite'))) await makeAccountsBook(f(dir, 'full.sqlite'), N);
      buildRendererOnce();
    },
    async reset(dir) {
      copyBook(f(dir, 'full.sqlite'), f(dir, 'grid.sqlite'));
      chromium ??= (await import('@playwright/test')).chromium;
    },
    async product(dir) {
      const ctx = await openBook(f(dir, 'grid.sqlite'), { dailyBackup: false, platform: 'web' });
      const web = await startWebServer({ ctx, registry: createRegistry(), rendererDir: path.join(root, 'out/renderer') });
      const browser = await chromium.launch({
        executablePath: process.env.SW_CHROMIUM ?? '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
      });
      try {
        const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
        // Every timing is taken inside the page (performance.now(), whose origin is the
        // navigation's start): this process also runs the web server, whose work on the
        // full list would otherwise delay Playwright's own messages and be counted.
        await page.addInitScript(() => {
          const w = window as unknown as { __firstRows?: number };
          const seen = new MutationObserver(() => {
            if (!document.querySelector('[role="gridcell"][col-id="name"]')) return;
            seen.disconnect();
            requestAnimationFrame(() => (w.__firstRows = performance.now())); // the frame that paints them
          });
          seen.observe(document, { subtree: true, childList: true });
        });
        await page.goto(`${web.url}#/accounts`);
        extraTimings.firstRows = (await (await page.waitForFunction(() => (window as unknown as { __firstRows?: number }).__firstRows, null, { timeout: 120_000 })).jsonValue()) as number;
        // The grid pages its rows from the database; the count of the whole book comes with
        // the first page. Wait for it before the timed steps.
        const count = page.getByTestId('row-count');
        await page.waitForFunction((n) => document.querySelector('[data-testid="row-count"]')?.textContent?.replace(/\D/g, '') === String(n), N, { timeout: 120_000 });

        // Each timed step starts the clock at the user's input as the page receives it (the
        // pointer press, or the typed text; Playwright's own checks before it acts are not
        // counted) and reads the page's time at the first frame where its condition holds
        // (the condition returns that time; NaN, falsy, until the input has arrived).
        type W = { __t0?: number };
        const startClock = () =>
          page.evaluate(() => {
            const w = window as unknown as W;
            w.__t0 = undefined;
            const at = (e: Event) => (w.__t0 ??= e.timeStamp);
            for (const kind of ['pointerdown', 'keydown', 'input']) window.addEventListener(kind, at, { capture: true, once: true });
          });
        const elapsed = async (h: Promise<{ jsonValue(): Promise<unknown> }>) => (await (await h).jsonValue()) as number;
        const nameText = await page.evaluate(() => document.querySelector('[role="gridcell"][col-id="name"]')?.textContent ?? '');

        // Rows arrive ordered by name, so the first click (ascending) changes nothing
        // visible; it is awaited by its header state, and the timed sort is the second
        // click (descending), which reorders all rows before the first cell changes.
        const nameHeader = page.locator('.ag-header-cell[col-id="name"] .ag-header-cell-label');
        await nameHeader.click();
        await page.waitForFunction(() => document.querySelector('.ag-header-cell[col-id="name"]')?.getAttribute('aria-sort') === 'ascending');
        await startClock();
        await nameHeader.click();
        extraTimings.sort = await elapsed(page.waitForFunction(
          (b) => document.querySelector('[role="gridcell"][col-id="name"]')?.textContent !== b && performance.now() - (window as unknown as W).__t0!,
          nameText, { polling: 'raf' },
        ));

        const rowCountChanged = (c: string | null) => page.waitForFunction(
          (before) => document.querySelector('[data-testid="row-count"]')?.textContent !== before && performance.now() - (window as unknown as W).__t0!,
          c, { polling: 'raf' },
        );
        const total = await count.textContent();
        await page.getByTestId('scope-territory').click();
        const option = page.locator('.ant-select-item-option').nth(1);
        await option.waitFor();
        await startClock();
        await option.click();
        extraTimings.filter = await elapsed(rowCountChanged(total));

        const scoped = await count.textContent();
        await startClock();
        await page.getByTestId('quick-search').locator('input').fill('000123');
        extraTimings.search = await elapsed(rowCountChanged(scoped));
      } finally {
        await browser.close();
        await web.close();
        ctx.db.close();
      }
    },
  },
];
