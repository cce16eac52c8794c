/// <reference lib="dom" />
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { extraTimings, type BenchCase } from '../harness';
import { copyBook, makeAccountsBook } from '../data';
import { makeBulkAccountsBook } from '../bulkAccounts';
import { buildFloorOnce, buildRendererOnce, firstPaint, loadChromium, productRenderer, watchFirstPaint, withServedPage } from '../browser';

// The accounts grid in Debian's Chromium, through the real web server and handlers, cold
// profile: first rows painted (from the navigation's start) and the JavaScript downloaded
// by then, a sort by a money column, the territory scope, a column filter, a quick search.
// The floor is a bare page — React and ag-grid's infinite row model, nothing else — fed by
// the same book through the same server and handler (bench/floors/grid), timed the same way.
const f = (dir: string, name: string) => path.join(dir, name);
const FIRST_CELL = '[role="gridcell"][col-id="name"]';

/** The timed steps after the first rows; each from the user's input as the page receives it to the changed screen. */
async function timedSteps(page: Page, n: number): Promise<void> {
  // The grid pages its rows from the database; the count of the whole book comes with the
  // first page. Wait for it before the timed steps.
  const count = page.getByTestId('row-count');
  await page.waitForFunction(
    (total) => document.querySelector('[data-testid="row-count"]')?.textContent?.replace(/\D/g, '') === String(total),
    n,
    { timeout: 300_000 },
  );

  // Each step starts the clock at the input event (the pointer press, or the typed text;
  // Playwright's own checks before it acts are not counted) and reads the page's time at the
  // first frame where its condition holds (the condition returns that time; falsy until then).
  type W = { __t0?: number };
  const startClock = () =>
    page.evaluate(() => {
      const w = window as unknown as W;
      w.__t0 = undefined;
      const at = (e: Event) => (w.__t0 ??= e.timeStamp);
      for (const kind of ['pointerdown', 'keydown', 'input']) window.addEventListener(kind, at, { capture: true, once: true });
    });
  const elapsed = async (h: Promise<{ jsonValue(): Promise<unknown> }>) => (await (await h).jsonValue()) as number;
  const firstCellChanged = (before: string) =>
    page.waitForFunction(
      (b) =>
        document.querySelector('[role="gridcell"][col-id="name"]')?.textContent !== b && performance.now() - (window as unknown as W).__t0!,
      before,
      { polling: 'raf', timeout: 300_000 },
    );
  const rowCountChanged = (c: string | null) =>
    page.waitForFunction(
      (before) =>
        document.querySelector('[data-testid="row-count"]')?.textContent !== before && performance.now() - (window as unknown as W).__t0!,
      c,
      { polling: 'raf', timeout: 300_000 },
    );

  // Sort by sales (money): rows arrive in name order, so the first click (ascending by
  // sales) changes the first row.
  const nameText = await page.evaluate((sel) => document.querySelector(sel)?.textContent ?? '', FIRST_CELL);
  await startClock();
  await page.locator('.ag-header-cell[col-id="sales"] .ag-header-cell-label').click();
  extraTimings.sort = await elapsed(firstCellChanged(nameText));

  // The territory scope (a SQL condition beside the grid's own filters).
  const total = await count.textContent();
  await page.getByTestId('scope-territory').click();
  const option = page.locator('.ant-select-item-option').nth(1);
  await option.waitFor();
  await startClock();
  await option.click();
  extraTimings.filter = await elapsed(rowCountChanged(total));

  // A column filter: city contains 州 (typed into the column's filter).
  const scoped = await count.textContent();
  await page.locator('.ag-header-cell[col-id="city"] .ag-header-cell-filter-button').click();
  const input = page.locator('.ag-filter .ag-filter-body input').first();
  await input.waitFor();
  await startClock();
  await input.fill('州');
  extraTimings.columnFilter = await elapsed(rowCountChanged(scoped));
  await page.keyboard.press('Escape');

  // Quick search (including its typing pause).
  const filtered = await count.textContent();
  await startClock();
  await page.getByTestId('quick-search').locator('input').fill('00012');
  extraTimings.search = await elapsed(rowCountChanged(filtered));
}

function gridCase(opts: {
  name: string;
  n: number;
  target: string;
  met: BenchCase['met'];
  makeBook(file: string, n: number): Promise<void>;
}): BenchCase {
  const { name, n } = opts;
  const full = (dir: string) => f(dir, `${name}.sqlite`);
  const work = (dir: string) => f(dir, `${name}-work.sqlite`);
  let floorDir = '';
  return {
    name,
    size: `${n.toLocaleString('en-US')} accounts`,
    target: opts.target,
    met: opts.met,
    measure: 'firstRows',
    async prepare(dir) {
      if (!fs.existsSync(full(dir))) await opts.makeBook(full(dir), n);
      buildRendererOnce();
    },
    async reset(dir, side) {
      copyBook(full(dir), work(dir));
      await loadChromium();
      if (side === 'floor') floorDir = await buildFloorOnce('grid');
    },
    product: (dir) =>
      withServedPage(work(dir), productRenderer, async (page, url) => {
        await watchFirstPaint(page, FIRST_CELL);
        await page.goto(`${url}#/accounts`);
        const first = await firstPaint(page);
        extraTimings.firstRows = first.ms;
        extraTimings.scriptBytes = first.scriptBytes;
        await timedSteps(page, n);
      }),
    floor: (dir) =>
      withServedPage(work(dir), floorDir, async (page, url) => {
        await watchFirstPaint(page, FIRST_CELL);
        await page.goto(url);
        const first = await firstPaint(page);
        extraTimings.firstRows = first.ms;
        extraTimings.scriptBytes = first.scriptBytes;
      }),
  };
}

export const gridCases: BenchCase[] = [
  gridCase({
    name: 'grid-100k',
    n: Number(process.env.SW_BENCH_ACCOUNTS ?? 100_000),
    target: 'first rows ≤ 3× floor and < 600 ms; sort, filter < 300 ms',
    met: ({ ratio, extra: e = {} }) =>
      ratio !== null && ratio <= 3 && e.firstRows! < 600 && e.sort! < 300 && e.filter! < 300 && e.columnFilter! < 300,
    makeBook: makeAccountsBook,
  }),
  gridCase({
    name: 'grid-1m',
    n: Number(process.env.SW_BENCH_GRID_1M ?? 1_000_000),
    target: 'first rows ≤ 1,000 ms; sort by money ≤ 1,500 ms; column filter, search ≤ 800 ms',
    met: ({ extra: e = {} }) => e.firstRows! <= 1000 && e.sort! <= 1500 && e.columnFilter! <= 800 && e.search! <= 800,
    // Written straight into the tables (the same records as the 100k book): a million
    // change-logged inserts would take tens of minutes to prepare.
    makeBook: makeBulkAccountsBook,
  }),
];
