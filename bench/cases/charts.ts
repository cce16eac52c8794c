/// <reference lib="dom" />
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { extraTimings, type BenchCase } from '../harness';
import { copyBook } from '../data';
import { makeBulkAccountsBook } from '../bulkAccounts';
import { makePipelineBook, pipelineBookFile, pipelineSize } from './pipeline';
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
 * Before navigating: notes in the page when each answer of the `channels` has been read
 * (window.__answers[channel]: times since the navigation's start).
 */
async function watchAnswers(page: Page, channels: string[]): Promise<void> {
  await page.addInitScript((chs) => {
    const w = window as unknown as { __answers?: Record<string, number[]> };
    w.__answers = Object.fromEntries(chs.map((c) => [c, []]));
    const json = Response.prototype.json;
    Response.prototype.json = async function (this: Response) {
      const body: unknown = await json.call(this);
      const ch = decodeURIComponent(new URL(this.url).pathname).replace(/^\/api\//, '');
      w.__answers![ch]?.push(performance.now());
      return body;
    };
  }, channels);
}

/** Waits for a chart in `selector` to have drawn; the draw's time and the last answer of `channel` read before it. */
async function chartDrawn(page: Page, selector: string, channel: string): Promise<{ drawnAt: number; answeredAt: number }> {
  const h = await page.waitForFunction(
    ([sel, ch]) => {
      const drawn = Number(document.querySelector(sel)?.getAttribute('data-drawn-at') ?? NaN);
      if (Number.isNaN(drawn)) return false;
      const before = (window as unknown as { __answers: Record<string, number[]> }).__answers[ch]!.filter((t) => t <= drawn);
      return before.length > 0 && { drawnAt: drawn, answeredAt: before[before.length - 1]! };
    },
    [selector, channel] as const,
    { timeout: 300_000 },
  );
  return (await h.jsonValue()) as { drawnAt: number; answeredAt: number };
}

/** Records a chart's time from its data's answer to drawn (the named timing) and from the navigation's start. */
async function timeChart(page: Page, name: string, selector: string, channel: string): Promise<void> {
  const t = await chartDrawn(page, selector, channel);
  extraTimings[name] = t.drawnAt - t.answeredAt;
  extraTimings[`${name}Shown`] = t.drawnAt;
}

// The pipeline's charts (issue #20, item 4): the funnel screen's funnel and forecast, then the
// weekly review's bridge, on the pipeline-review case's book; the floor page draws the same
// charts with bare ECharts from the same handlers (bench/floors/chart?chart=pipeline).
const PIPELINE_CHARTS: [name: string, product: string, floor: string, channel: string][] = [
  ['funnel', '[data-testid="funnel-chart"][data-drawn-at]', '#chart[data-drawn-at]', 'pipeline:funnel'],
  ['forecast', '[data-testid="forecast-chart"][data-drawn-at]', '#chart2[data-drawn-at]', 'pipeline:funnel'],
  ['bridge', '[data-testid="bridge-chart"][data-drawn-at]', '#chart3[data-drawn-at]', 'pipeline:review'],
];
const pipelineWork = (dir: string) => f(dir, 'funnel-work.sqlite');

let floorDir = '';
export const chartCases: BenchCase[] = [
  {
    name: 'pareto-chart',
    size: `${N.toLocaleString('en-US')} accounts (2,000 bars)`,
    target: 'chart drawn ≤ 300 ms after its data',
    met: (r) => r.extra!.chart! <= 300,
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
        await watchAnswers(page, ['pareto:analyze']);
        await page.goto(`${url}#/pareto`);
        await timeChart(page, 'chart', '[data-testid="pareto-chart"] [data-drawn-at]', 'pareto:analyze');
      }),
    floor: (dir) =>
      withServedPage(work(dir), floorDir, async (page, url) => {
        await watchAnswers(page, ['pareto:analyze']);
        await page.goto(url);
        await timeChart(page, 'chart', '#chart[data-drawn-at]', 'pareto:analyze');
      }),
  },
  {
    name: 'funnel-chart',
    size: `${pipelineSize} (funnel, forecast, review bridge)`,
    target: 'each chart drawn ≤ 300 ms after its data, no entry animation',
    met: (r) => PIPELINE_CHARTS.every(([name]) => r.extra![name]! <= 300),
    measure: 'funnel',
    async prepare(dir) {
      if (!fs.existsSync(pipelineBookFile(dir))) await makePipelineBook(pipelineBookFile(dir));
      buildRendererOnce();
    },
    async reset(dir, side) {
      copyBook(pipelineBookFile(dir), pipelineWork(dir));
      await loadChromium();
      if (side === 'floor') floorDir = await buildFloorOnce('chart');
    },
    product: (dir) =>
      withServedPage(pipelineWork(dir), productRenderer, async (page, url) => {
        await watchAnswers(page, ['pipeline:funnel', 'pipeline:review']);
        await page.goto(`${url}#/pipeline?tab=funnel`);
        for (const [name, sel, , channel] of PIPELINE_CHARTS.slice(0, 2)) await timeChart(page, name, sel, channel);
        // The weekly review in the same page, as a user moves from one tab to the next.
        await page.evaluate(() => (location.hash = '#/pipeline?tab=review'));
        const [name, sel, , channel] = PIPELINE_CHARTS[2]!;
        await timeChart(page, name, sel, channel);
      }),
    floor: (dir) =>
      withServedPage(pipelineWork(dir), floorDir, async (page, url) => {
        await watchAnswers(page, ['pipeline:funnel', 'pipeline:review']);
        await page.goto(`${url}${url.includes('?') ? '&' : '?'}chart=pipeline`);
        for (const [name, , sel, channel] of PIPELINE_CHARTS) await timeChart(page, name, sel, channel);
      }),
  },
];
