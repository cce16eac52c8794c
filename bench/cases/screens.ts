/// <reference lib="dom" />
import fs from 'node:fs';
import path from 'node:path';
import { openBook } from '../../src/app/book';
import { extraTimings, type BenchCase } from '../harness';
import { copyBook } from '../data';
import { buildRendererOnce, firstPaint, loadChromium, productRenderer, watchFirstPaint, withServedPage } from '../browser';

// Every area opened cold on the demo book (issue #20, item 3): for each, a fresh browser
// profile navigates straight to the area and the time is the frame that first paints its
// main content (from the navigation's start) — the grid's first rows, or a chart drawn with
// its data (ECharts' 'finished', marked data-drawn-at), or the list the area opens on.
const f = (dir: string, name: string) => path.join(dir, name);
const drawn = (testId: string) => `[data-testid="${testId}"][data-drawn-at]`;

export const SCREENS: { key: string; hash: string; content: string }[] = [
  { key: 'accounts', hash: '#/accounts', content: '[role="gridcell"][col-id="name"]' },
  { key: 'pareto', hash: '#/pareto', content: '[data-testid="pareto-chart"] [data-drawn-at]' },
  { key: 'pipelineBoard', hash: '#/pipeline?tab=board', content: '[data-testid="pipeline-board"] .ant-card' },
  { key: 'pipelineReview', hash: '#/pipeline?tab=review', content: drawn('bridge-chart') },
  { key: 'negotiation', hash: '#/negotiation', content: '[data-testid="worksheet-list"], [data-testid="negotiation-empty"]' },
  { key: 'training', hash: '#/training', content: `${drawn('training-over-time')}, [data-testid="training-empty"]` },
  { key: 'receivablesAging', hash: '#/receivables?tab=aging', content: drawn('aging-chart') },
  { key: 'reports', hash: '#/reports', content: drawn('forecast-chart') },
];

export const screensCases: BenchCase[] = [
  {
    name: 'screens',
    size: `${SCREENS.length} areas, demo book`,
    target: 'each area’s main content ≤ 800 ms',
    met: (r) => SCREENS.every((x) => r.extra![x.key]! <= 800),
    async prepare(dir) {
      if (!fs.existsSync(f(dir, 'demo.sqlite')))
        (await openBook(f(dir, 'demo.sqlite'), { dailyBackup: false, platform: 'cli', demo: true })).db.close();
      buildRendererOnce();
    },
    async reset(dir) {
      copyBook(f(dir, 'demo.sqlite'), f(dir, 'screens.sqlite'));
      await loadChromium();
    },
    async product(dir) {
      for (const s of SCREENS) {
        // A server and browser per area: each opens cold, as after a start.
        await withServedPage(f(dir, 'screens.sqlite'), productRenderer, async (page, url) => {
          await watchFirstPaint(page, s.content);
          await page.goto(url + s.hash);
          extraTimings[s.key] = (await firstPaint(page)).ms;
        });
      }
    },
  },
];
