/// <reference lib="dom" />
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserType } from '@playwright/test';
import { openBook } from '../../src/server/book';
import { createRegistry } from '../../src/server/handlers';
import { startWebServer } from '../../src/server/web/server';
import { extraTimings, type BenchCase } from '../harness';
import { copyBook, makeAccountsBook } from '../data';

// The accounts grid with 100,000 accounts in Debian's Chromium, through the real web
// server and handlers: first rows painted, a sort, a filter by territory, a quick search.
const N = Number(process.env.SW_BENCH_ACCOUNTS ?? 100_000);
const f = (dir: string, name: string) => path.join(dir, name);
const root = path.resolve(import.meta.dirname, '../..');
// Playwright holds ~70 MB once loaded: loaded (untimed) by this case's reset only, so the
// other cases' peak memory is the product's.
let chromium: BrowserType;

export const gridCases: BenchCase[] = [
  {
    name: 'grid-100k',
    size: `${N.toLocaleString('en-US')} accounts`,
    target: 'first rows < 1500 ms; sort, filter < 300 ms',
    async prepare(dir) {
      if (!fs.existsSync(f(dir, 'full.sqlite'))) await makeAccountsBook(f(dir, 'full.sqlite'), N);
      if (!fs.existsSync(path.join(root, 'out/renderer/index.html'))) throw new Error('build the renderer first: npx electron-vite build');
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
        const firstName = page.locator('[role="gridcell"][col-id="name"]').first();
        let t = Date.now();
        await page.goto(`${web.url}#/accounts`);
        await firstName.waitFor();
        extraTimings.firstRows = Date.now() - t;

        const before = await firstName.textContent();
        t = Date.now();
        await page.locator('.ag-header-cell[col-id="name"] .ag-header-cell-label').click();
        await page.waitForFunction((b) => document.querySelector('[role="gridcell"][col-id="name"]')?.textContent !== b, before);
        await page.locator('.ag-header-cell[col-id="name"] .ag-header-cell-label').click();
        await page.waitForFunction((b) => document.querySelector('[role="gridcell"][col-id="name"]')?.textContent === b, before);
        extraTimings.sort = (Date.now() - t) / 2;

        const count = page.getByTestId('row-count');
        const total = await count.textContent();
        t = Date.now();
        await page.getByTestId('scope-territory').click();
        await page.locator('.ant-select-item-option').nth(1).click();
        await page.waitForFunction((c) => document.querySelector('[data-testid="row-count"]')?.textContent !== c, total);
        extraTimings.filter = Date.now() - t;

        const scoped = await count.textContent();
        t = Date.now();
        await page.getByTestId('quick-search').locator('input').fill('000123');
        await page.waitForFunction((c) => document.querySelector('[data-testid="row-count"]')?.textContent !== c, scoped);
        extraTimings.search = Date.now() - t;
      } finally {
        await browser.close();
        await web.close();
        ctx.db.close();
      }
    },
  },
];
