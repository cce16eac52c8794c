import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AREA_TEXTS } from '../../src/renderer/app/areaPages';
import { chunkNamed, entryKey, keyOf, readRendererBuild, screenDownload, SHELL, staticClosure, type RendererBuild } from './firstDownload';

// The script each screen downloads first, read from the production build's manifest: it
// keeps the split by area from eroding (one stray static import of a heavy module into the
// shell puts it in every screen's first download).
//
// ACCOUNTS_BUDGET is issue #20's target: at most 1.5 MB of script before the accounts
// screen's first rows. What it needs today (from the build's source maps), about 1.34 MB:
// ag-grid 0.96 MB — its core with the infinite row model and the Quartz theme (what the
// bench's bare grid page loads too), the text and number filters and the cell editors (ag-grid
// ships as one module file, so every part any screen registers lands in this one chunk),
// ag-grid-react; React DOM 0.21 MB; i18next 0.05 MB; the Chinese grid texts 0.02 MB; the
// app's frame and grid page 0.06 MB. Ant Design (0.78 MB with the parts every other screen
// uses) loads after the first rows (src/renderer/components/firstScreen.ts).
const ACCOUNTS_BUDGET = 1_500_000;

const root = path.resolve(import.meta.dirname, '../..');
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-first-download-'));
let build: RendererBuild;

beforeAll(() => {
  execFileSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: root,
    env: { ...process.env, SW_OUT_DIR: out },
    stdio: 'pipe',
  });
  build = readRendererBuild(path.join(out, 'renderer'));
}, 180_000);

afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

/** The areas (src/renderer/app/areaPages.ts), each cut into a file of its own by scripts/screenChunks.ts. */
const AREAS = Object.keys(AREA_TEXTS);

const has = (b: RendererBuild, chunks: Set<string>, suffix: string) =>
  [...chunks].some((k) => k.endsWith(suffix) || b.manifest[k]!.src?.endsWith(suffix));

describe('first download per screen', () => {
  it('every area is a chunk of its own, loaded when opened', () => {
    const shell = staticClosure(build, [entryKey(build), chunkNamed(build, SHELL)]);
    for (const area of AREAS) expect(shell.has(chunkNamed(build, area)), `${area} in the shell's download`).toBe(false);
    // The entry asks for the shell and the opening area's page; it waits on neither.
    expect(build.manifest[entryKey(build)]!.imports ?? []).toEqual([]);
  });

  it('the accounts screen opens on six files; no area on dozens', () => {
    // A browser opens at most six connections to a server; each further file queues (the
    // entry comes first, then the rest together). The other areas' shared code is cut by the
    // set of areas using it, so that no area downloads another's (scripts/screenChunks.ts):
    // 13–26 files each, from 41–53 (Ant Design as every screen uses it is one file, `antd`).
    for (const area of AREAS) expect(screenDownload(build, area).chunks.size, area).toBeLessThanOrEqual(30);
    expect([...screenDownload(build, 'accounts').chunks].map((k) => build.manifest[k]!.name).sort()).toEqual(
      ['accounts', 'grid', 'index', 'rolldown-runtime', 'shared', 'shell'].sort(),
    );
    // Ant Design is one file that the other screens load with their page.
    const antd = chunkNamed(build, 'antd');
    for (const area of AREAS.filter((a) => a !== 'accounts')) expect(screenDownload(build, area).chunks.has(antd), area).toBe(true);
    // Nor does an area download another's page.
    for (const area of AREAS)
      for (const other of AREAS.filter((a) => a !== area))
        expect(screenDownload(build, area).chunks.has(chunkNamed(build, other)), `${other} with ${area}`).toBe(false);
  });

  it(`the accounts screen downloads at most ${ACCOUNTS_BUDGET.toLocaleString('en-US')} bytes of script, without ECharts or the help`, () => {
    const accounts = screenDownload(build, 'accounts');
    expect(accounts.bytes).toBeLessThanOrEqual(ACCOUNTS_BUDGET);
    expect(accounts.chunks.has(chunkNamed(build, 'charts'))).toBe(false);
    expect(has(build, accounts.chunks, 'features/help/ui/HelpDrawer.tsx')).toBe(false);
    expect([...accounts.chunks].some((k) => k.endsWith('.md?raw'))).toBe(false);
    // The dialogs load when opened, not with the grid; the toolbar and Ant Design after the
    // first rows (src/renderer/components/firstScreen.ts; test/e2e/firstScreen.spec.ts sees it happen).
    for (const later of ['ImportDialog.tsx', 'AccountDetail.tsx', 'NewAccountDialog.tsx', 'AccountsTools.tsx'])
      expect(has(build, accounts.chunks, `accounts/ui/${later}`), later).toBe(false);
    expect(accounts.chunks.has(chunkNamed(build, 'antd'))).toBe(false);
    expect([...accounts.chunks].some((k) => /node_modules\/(antd|@rc-component|@ant-design\/cssinjs)\//.test(k))).toBe(false);
  });

  it('charts load only with the screens that draw one', () => {
    const chart = chunkNamed(build, 'charts');
    for (const area of ['pareto', 'reports', 'receivables', 'training', 'negotiation'])
      expect(screenDownload(build, area).chunks.has(chart), area).toBe(true);
    for (const area of ['accounts', 'settings']) expect(screenDownload(build, area).chunks.has(chart), area).toBe(false);
    // ECharts is bundled from echarts/core with the charts in use, not whole.
    expect(fs.statSync(path.join(build.dir, build.manifest[chart]!.file)).size).toBeLessThan(800_000);
  });

  it('ag-grid loads only with a view that shows a grid', () => {
    // 0.94 MB of script: the pipeline board and weekly review and the Monday overview open
    // without it; the pipeline's list, the review's drill and the quotas tab load it with
    // their own code.
    const grid = chunkNamed(build, 'grid');
    const review = keyOf(build, 'pipeline/ui/ReviewView.tsx');
    const without = {
      pipeline: screenDownload(build, 'pipeline').chunks,
      review: staticClosure(build, [...screenDownload(build, 'pipeline').chunks, review]),
      reports: screenDownload(build, 'reports').chunks,
      pareto: screenDownload(build, 'pareto').chunks,
      training: screenDownload(build, 'training').chunks,
    };
    for (const [screen, chunks] of Object.entries(without)) expect(chunks.has(grid), screen).toBe(false);
    for (const view of ['pipeline/ui/GridView.tsx', 'pipeline/ui/ReviewDrill.tsx', 'reports/ui/QuotasTab.tsx'])
      expect(staticClosure(build, [keyOf(build, view)]).has(grid), view).toBe(true);
    expect(screenDownload(build, 'accounts').chunks.has(grid)).toBe(true);
  });
});
