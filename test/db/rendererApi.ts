import path from 'node:path';
import { afterAll, beforeAll, vi } from 'vitest';
import { openBook } from '../../src/app/book';
import { createRegistry } from '../../src/app/handlers';
import type { ServerContext } from '../../src/platform/context';
import { fixedClock, tempDir } from './helpers';

/**
 * For tests of the renderer's data code (src/renderer/api/client and its users): a demo book
 * and a `window.api` like the preload's, each channel calling the real handlers on it. The
 * channels asked, in order, are in `asked`.
 */
export function rendererApiOnDemoBook() {
  const registry = createRegistry({ validateOutput: true });
  const env = { ctx: null as unknown as ServerContext, asked: [] as string[], registry };
  let t: { dir: string; cleanup(): void };
  beforeAll(async () => {
    t = tempDir('sw-renderer-api-');
    env.ctx = await openBook(path.join(t.dir, 'book.sqlite'), { demo: true, clock: fixedClock(), dailyBackup: false });
    const api = new Proxy(
      {},
      {
        get: (_, channel: string) => (input: unknown) => {
          env.asked.push(channel);
          return registry.invoke(env.ctx, channel, input);
        },
      },
    );
    vi.stubGlobal('window', { api });
  });
  afterAll(() => {
    vi.unstubAllGlobals();
    env.ctx.db.close();
    t.cleanup();
  });
  return env;
}

/** Lets answers already on their way arrive. */
export const settled = () => new Promise((resolve) => setTimeout(resolve, 20));
