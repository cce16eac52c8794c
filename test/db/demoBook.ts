import path from 'node:path';
import { openBook } from '../../src/app/book';
import { seedDemo } from '../../src/app/demo/seedDemo';
import type { ServerContext } from '../../src/platform/context';
import { fixedClock } from './helpers';

/**
 * A new demo book in `dir` (a small company: `accounts` accounts), seeded on a fixed day,
 * 2026-06-30, with a fixed clock: two such books hold the same rows and ids.
 */
export async function openDemoBook(dir: string, name: string, accounts = 60): Promise<ServerContext> {
  const ctx = await openBook(path.join(dir, name), {
    clock: fixedClock('2026-06-30T04:00:00.000Z', '2026-06-30'),
    platform: 'test',
    dailyBackup: false,
  });
  seedDemo(ctx, accounts);
  return ctx;
}
