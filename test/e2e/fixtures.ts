import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { openBook } from '../../src/app/book';
import { BookShelf } from '../../src/platform/bookShelf';
import { createRegistry } from '../../src/app/handlers';
import type { ServerContext } from '../../src/platform/context';
import type { HandlerRegistry } from '../../src/platform/registry';
import { startWebServer, type WebServer } from '../../src/app/web/server';

export const RENDERER_DIR = process.env.SW_OUT_DIR
  ? path.join(process.env.SW_OUT_DIR, 'renderer')
  : path.resolve(import.meta.dirname, '../../out/renderer');

export type TransportKind = 'web' | 'bridge';

/**
 * The app under test: a fresh data folder with the demo book, the real handlers, and the
 * built renderer served over loopback. In 'bridge' mode window.api is defined before the
 * app loads, forwarding each channel to the same registry in this process (as Electron's
 * preload + ipcMain would); file dialogs are answered by `nextOpenFile` / `savedFiles`.
 */
export interface AppHarness {
  ctx: ServerContext;
  /** The data folder's books, when the test starts with no book ('nothing'); else null. */
  shelf: BookShelf | null;
  registry: HandlerRegistry;
  web: WebServer;
  dir: string;
  transport: TransportKind;
  /** Opens the app at an area, e.g. 'accounts'. */
  open(area?: string): Promise<void>;
  /** The file the next "choose a file" will return (bridge: a dialog; web: the upload input). */
  chooseFile(filePath: string, action: () => Promise<void>): Promise<void>;
  /** Runs an action that saves a file and returns the path where it landed. */
  saveFile(action: () => Promise<void>): Promise<string>;
  call<T = unknown>(channel: string, input: unknown): Promise<T>;
  screenshot(name: string): Promise<void>;
}

/** 'demo': a demo book is open. 'nothing': a data folder with no book, as on a first start. */
export type StartWith = 'demo' | 'nothing';

export const test = base.extend<{ transport: TransportKind; startWith: StartWith; now: string | null; app: AppHarness }>({
  transport: ['web', { option: true }],
  startWith: ['demo', { option: true }],
  // An ISO instant to pin the clocks to: the server's (every book opened reads it; "today" is
  // its date in the book's zone) and the browser's (Date starts there and runs on, so timers
  // and animations behave). Null: the real clock.
  now: [null, { option: true }],
  app: async ({ page, transport, startWith, now }, use, testInfo) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-e2e-'));
    const clock = now ? { instant: () => new Date(now) } : {};
    if (now) await page.clock.install({ time: new Date(now) });
    const shelf = startWith === 'nothing' ? new BookShelf(path.join(dir, 'data'), { platform: 'test', ...clock }) : null;
    const ctx = shelf ? await shelf.start() : await openBook(path.join(dir, 'book.sqlite'), { demo: true, platform: 'test', ...clock });
    const registry = createRegistry({ validateOutput: true });
    const web = await startWebServer({ ctx, registry, rendererDir: RENDERER_DIR });
    const pendingOpen: string[] = [];
    const saved: string[] = [];
    // ag-grid reports a feature used without its module (and other misuse) as a console
    // error and carries on without it: any such error fails the test.
    const gridErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /AG Grid/i.test(m.text())) gridErrors.push(m.text());
    });

    // The browser's file picker is answered from the same queue. The listener is on from the
    // start: Playwright turns interception on asynchronously when a listener is added, so a
    // listener added just before the click could lose the race to it (the chooser then opens
    // natively, unseen, and the test waits out its timeout).
    let filesSet: Promise<void> = Promise.resolve();
    if (transport === 'web') {
      page.on('filechooser', (chooser) => {
        const next = pendingOpen.shift();
        filesSet = chooser.setFiles(next ?? []);
      });
    }

    if (transport === 'bridge') {
      await page.exposeFunction('__invoke', async (channel: string, input: unknown) => {
        if (channel === 'files:pickOpen') {
          const check = await registry.invokeValidateOnly(channel, input);
          if (!check.ok) return check;
          const next = pendingOpen.shift();
          return { ok: true, value: next ? ctx.files.register(next, 'read') : null };
        }
        if (channel === 'files:pickSave') {
          const check = await registry.invokeValidateOnly(channel, input);
          if (!check.ok) return check;
          const target = path.join(dir, `saved-${saved.length}-${(input as { suggestedName: string }).suggestedName}`);
          saved.push(target);
          return { ok: true, value: ctx.files.register(target, 'write') };
        }
        return registry.invoke(ctx, channel, input);
      });
      await page.addInitScript((channels: string[]) => {
        const api: Record<string, (input: unknown) => Promise<unknown>> = {};
        const g = globalThis as unknown as { __invoke: (c: string, i: unknown) => Promise<unknown> };
        for (const name of channels) api[name] = (input: unknown) => g.__invoke(name, input);
        Object.defineProperty(globalThis, 'api', { value: Object.freeze(api), writable: false });
      }, registry.channels());
    }

    const harness: AppHarness = {
      ctx,
      shelf,
      registry,
      web,
      dir,
      transport,
      async open(area = 'accounts') {
        const base = transport === 'web' ? web.url : `${web.url}`;
        await page.goto(`${base}#/${area}`);
        await expect(page.getByTestId('app-title')).toBeVisible();
      },
      async chooseFile(filePath, action) {
        pendingOpen.push(filePath);
        await action();
        // The picker took the file (the bridge's pickOpen or the browser's chooser).
        await expect.poll(() => pendingOpen.includes(filePath)).toBe(false);
        await filesSet;
      },
      async saveFile(action) {
        if (transport === 'bridge') {
          const before = saved.length;
          await action();
          await expect.poll(() => saved.length > before && fs.existsSync(saved[saved.length - 1]!)).toBe(true);
          return saved[saved.length - 1]!;
        }
        const download = page.waitForEvent('download');
        await action();
        const d = await download;
        const target = path.join(dir, `download-${Date.now()}-${d.suggestedFilename()}`);
        await d.saveAs(target);
        return target;
      },
      call: (channel, input) => registry.call(ctx, channel, input),
      async screenshot(name) {
        fs.mkdirSync('test-results/screenshots', { recursive: true });
        // Let opening and closing animations (a dialog zooming out) finish: the picture is
        // of the screen as the user reads it. Endless ones (loading shimmer) are not waited for.
        await page
          .waitForFunction(
            () => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
            null,
            { timeout: 3000 },
          )
          .catch(() => {});
        await page.screenshot({ path: `test-results/screenshots/${testInfo.project.name}-${name}.png` });
      },
    };
    await use(harness);
    expect(gridErrors, 'ag-grid errors in the console').toEqual([]);
    await web.close();
    if (shelf) shelf.close();
    else ctx.db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  },
});

export { expect };
export type { Page };
