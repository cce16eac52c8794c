/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserType, Page } from '@playwright/test';
import { openBook } from '../src/app/book';
import { createRegistry } from '../src/app/handlers';
import { startWebServer } from '../src/app/web/server';

// What the browser cases share: the product's renderer and the bare floor pages built from
// the checkout, served with a book by the real web server and handlers, opened in Debian's
// Chromium with a cold profile. Every timing is read inside the page (performance.now(),
// whose origin is the navigation's start): this process also runs the web server, whose work
// would otherwise delay Playwright's own messages and be counted.

/** The checkout: found upwards from here (this file runs from bench/ and bundled from bench/.build/). */
function findRoot(from: string): string {
  for (let d = from; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'package.json')) && fs.existsSync(path.join(d, 'electron.vite.config.ts'))) return d;
    if (path.dirname(d) === d) throw new Error(`no checkout above ${from}`);
  }
}
export const root = findRoot(import.meta.dirname);
export const productRenderer = path.join(root, 'out/renderer');

let built = false;
/**
 * The bench measures the code in the checkout: the renderer is built from it once per run
 * (a fresh clone has no out/, and a stale out/ would measure old code).
 */
export function buildRendererOnce(): void {
  if (built) return;
  execFileSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (!fs.existsSync(path.join(productRenderer, 'index.html')))
    throw new Error('electron-vite build did not produce out/renderer/index.html');
  built = true;
}

const floorsBuilt = new Set<string>();
/** Builds a bare floor page (bench/floors/NAME, minified like the product) once per run; returns its folder. */
export async function buildFloorOnce(name: string): Promise<string> {
  const outDir = path.join(root, 'bench/.build/floors', name);
  if (floorsBuilt.has(name)) return outDir;
  const { build } = await import('vite');
  const react = (await import('@vitejs/plugin-react')).default;
  await build({
    root: path.join(root, 'bench/floors', name),
    base: './',
    configFile: false,
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, minify: true, chunkSizeWarningLimit: 4000 },
  });
  floorsBuilt.add(name);
  return outDir;
}

// Playwright holds ~70 MB once loaded: loaded (untimed) by the browser cases' reset only,
// so the other cases' peak memory is the product's.
let chromium: BrowserType;
export async function loadChromium(): Promise<void> {
  chromium ??= (await import('@playwright/test')).chromium;
}

/** Serves `rendererDir` with the book in `bookFile` and opens a cold browser page on it. */
export async function withServedPage<T>(bookFile: string, rendererDir: string, fn: (page: Page, url: string) => Promise<T>): Promise<T> {
  const ctx = await openBook(bookFile, { dailyBackup: false, platform: 'web' });
  const web = await startWebServer({ ctx, registry: createRegistry(), rendererDir });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: process.env.SW_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    return await fn(page, web.url);
  } finally {
    await browser?.close();
    await web.close();
    ctx.db.close();
  }
}

type Shown = { ms: number; scriptBytes: number };
const shownOn = new WeakMap<Page, Promise<Shown>>();

/**
 * Before navigating: records in the page the time of the frame that first paints an
 * element matching `selector`, and the bytes of script the page had downloaded by then
 * (decoded sizes of the .js resources, i.e. what was parsed or waits to be), and reports
 * both to this process through a binding.
 *
 * Not read with page.waitForFunction: that makes Playwright compile and run its own injected
 * script (a few hundred kB) in the page, on the page's main thread, as soon as `goto` returns
 * at the load event. A bare page has run its one script by then; a page that loads its code
 * in chunks after the load event had that compile (measured 80–250 ms) land in the middle
 * of its start, counted as its own. A binding adds nothing to the page's work.
 */
export async function watchFirstPaint(page: Page, selector: string): Promise<void> {
  let report!: (shown: Shown) => void;
  shownOn.set(page, new Promise<Shown>((resolve) => (report = resolve)));
  await page.exposeBinding('__swShown', (_source, shown: Shown) => report(shown));
  await page.addInitScript((sel) => {
    const w = window as unknown as { __swShown(shown: { ms: number; scriptBytes: number }): void };
    const seen = new MutationObserver(() => {
      if (!document.querySelector(sel)) return;
      seen.disconnect();
      requestAnimationFrame(() => {
        const ms = performance.now(); // the frame that paints it
        const scriptBytes = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
          .filter((r) => new URL(r.name).pathname.endsWith('.js'))
          .reduce((n, r) => n + r.decodedBodySize, 0);
        w.__swShown({ ms, scriptBytes });
      });
    });
    seen.observe(document, { subtree: true, childList: true });
  }, selector);
}

/** After navigating: waits for the watched paint; its time (ms from navigation start) and the script bytes. */
export async function firstPaint(page: Page): Promise<Shown> {
  const shown = shownOn.get(page);
  if (!shown) throw new Error('firstPaint without watchFirstPaint before the navigation');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the watched element was not painted within 120 s')), 120_000);
  });
  try {
    return await Promise.race([shown, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
