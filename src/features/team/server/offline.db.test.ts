import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBook } from '../../../app/book';
import { createRegistry } from '../../../app/handlers';
import type { ServerContext } from '../../../platform/context';
import { fixedClock, tempDir } from '../../../../test/db/helpers';
import type { Account } from '../../accounts/contract';
import type { TeamStatus } from '../contract';
import { markAllAsSnapshot } from './outbox';
import { writeSyncState } from './state';

// Offline first: a team server that cannot be reached (a loopback port nothing listens on)
// leaves every change pending and says why; the book keeps working.

let t: { dir: string; cleanup(): void };
let ctx: ServerContext;
const registry = createRegistry({ validateOutput: true });
const call = <T>(channel: string, input: unknown) => registry.call<T>(ctx, channel, input);

async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

beforeAll(async () => {
  t = tempDir('sw-team-offline-');
  ctx = await openBook(path.join(t.dir, 'book.sqlite'), { demo: true, clock: fixedClock(), dailyBackup: false });
});
afterAll(() => {
  ctx.db.close();
  t.cleanup();
});

describe('sync while the team server cannot be reached', () => {
  it('a book that syncs with no team says so', async () => {
    const s = await call<TeamStatus>('team:status', {});
    expect(s).toMatchObject({ serverUrl: null, signedIn: false, pending: 0, conflicts: 0 });
    await expect(call('team:syncNow', {})).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('keeps every change pending, records the reason, and the book keeps working', async () => {
    markAllAsSnapshot(ctx.db);
    writeSyncState(ctx.db, { serverUrl: `http://127.0.0.1:${await closedPort()}`, token: 'x', email: 'me@example.com', role: 'rep' });
    const [acc] = await call<Account[]>('accounts:list', {});
    await call('accounts:update', { id: acc!.id, patch: { city: '离线城市' } });
    await call('accounts:update', { id: acc!.id, patch: { industry: '离线行业' } });
    const report = await call<{ error: string | null; pending: number }>('team:syncNow', {});
    expect(report.error).toMatch(/cannot be reached/);
    const s = await call<TeamStatus>('team:status', {});
    expect(s).toMatchObject({ signedIn: true, pending: 2, lastSyncAt: null, role: 'rep' });
    expect(s.lastError).toMatch(/cannot be reached/);
    expect((await call<Account[]>('accounts:list', {})).find((a) => a.id === acc!.id)).toMatchObject({
      city: '离线城市',
      industry: '离线行业',
    });
  });
});
