import fs from 'node:fs';
import path from 'node:path';
import { openBook } from '../../src/app/book';
import { createRegistry } from '../../src/app/handlers';
import type { ServerContext } from '../../src/platform/context';
import { startWebServer, type WebServer } from '../../src/app/web/server';
import { tempDir } from '../db/helpers';

export interface WebFixture {
  web: WebServer;
  ctx: ServerContext;
  dir: string;
  close(): Promise<void>;
}

/** A web server on a fresh book in a temp folder, serving a one-line page as the renderer. */
export async function startTestWeb(opts: { demo?: boolean } = {}): Promise<WebFixture> {
  const t = tempDir();
  fs.mkdirSync(path.join(t.dir, 'renderer'));
  fs.writeFileSync(path.join(t.dir, 'renderer', 'index.html'), '<!doctype html><title>app</title>');
  const ctx = await openBook(path.join(t.dir, 'b.sqlite'), { demo: opts.demo ?? false });
  const web = await startWebServer({ ctx, registry: createRegistry(), rendererDir: path.join(t.dir, 'renderer') });
  return {
    web,
    ctx,
    dir: t.dir,
    close: async () => {
      await web.close();
      ctx.db.close();
      t.cleanup();
    },
  };
}
