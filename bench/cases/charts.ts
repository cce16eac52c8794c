/// <reference lib="dom" />
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { extraTimings, type BenchCase } from '../harness';
import { copyBook } from '../data';
import { makeBulkAccountsBook } from '../bulkAccounts';
import { buildFloorOnce, buildRendererOnce, loadChromium, productRenderer, withServedPage } from '../browser';

// The Pareto chart at 100,000 accounts in Debian's Chromium (issue #20, item 4): from the
// analysis's answer parsed in the page to the chart's 'finished' (drawn, no animation). The
// floor is a bare ECharts page drawing the same bars from the same handler on the same book
// (bench/floors/chart), timed the same way.
const N = Number(process.env.SW_BENCH_CHART_ACCOUNTS ?? 100_000);
const f = (dir: string, name: string) => path.join(dir, name);
const full = (dir: string) => f(dir, `chart-${N}.sqlite`);
const work = (dir: string) => f(dir, 'chart-work.sqlite');

/**
 * Before navigating: notes in the page when each answer of `channel` has been read
 * (window.__answers: times since the navigation's start).
 */
async function watchAnswers(page: Page, channel: string): Promise<void> {
  await page.addInitScript((ch) => {
    const w = window as unknown as { __answers?: number[] };
    w.__answers = [];
    const json = Response.prototype.json;
    Response.prototype.json = async function (this: Response) {
      const body: unknown = await json.call(this);
      if (decodeURIComponent(new URL(this.url).pathname) === `/api/${ch}`) w.__answers!.push(performance.now());
      return body;
    };
  }, channel);
}

/** Waits for a chart in `selector` to have drawn; the draw's time and the last answer read before it. */
async function chartDrawn(page: Page, selector: string): Promise<{ drawnAt: number; answeredAt: number }> {
  const h = await page.waitForFunction(
    (sel) => {
      const drawn = Number(document.querySelector(sel)?.getAttribute('data-drawn-at') ?? NaN);
      if (Number.isNaN(drawn)) return false;
      const before = (window as unknown as { __answers: number[] }).__answers.filter((t) => t <= drawn);
      return before.length > 0 && { drawnAt: drawn, answeredAt: before[before.length - 1]! };
    },
    selector,
    { timeout: 300_000 },
  );
  return (await h.jsonValue()) as { drawnAt: number; answeredAt: number };
}

let floorDir = '';
export const chartCases: BenchCase[] = [
  {
    name: 'pareto-chart',
    size: `${N.toLocaleString('en-US')} accounts (2,000 bars)`,
    target: 'chart drawn ≤ 300 ms after its data',
    measure: 'chart',
    async prepare(dir) {
      if (!fs.existsSync(full(dir))) await makeBulkAccountsBook(full(dir), N);
      buildRendererOnce();
    },
    async reset(dir, side) {
      copyBook(full(dir), work(dir));
      await loadChromium();
      if (side === 'floor') floorDir = await buildFloorOnce('chart');
    },
    product: (dir) =>
      withServedPage(work(dir), productRenderer, async (page, url) => {
        await watchAnswers(page, 'pareto:analyze');
        await page.goto(`${url}#/pareto`);
        const t = await chartDrawn(page, '[data-testid="pareto-chart"] [data-drawn-at]');
        extraTimings.chart = t.drawnAt - t.answeredAt;
        extraTimings.shown = t.drawnAt;
      }),
    floor: (dir) =>
      withServedPage(work(dir), floorDir, async (page, url) => {
        await watchAnswers(page, 'pareto:analyze');
        await page.goto(url);
        const t = await chartDrawn(page, '#chart[data-drawn-at]');
        extraTimings.chart = t.drawnAt - t.answeredAt;
        extraTimings.shown = t.drawnAt;
      }),
  },
];
