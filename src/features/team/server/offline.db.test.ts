import http from 'node:http';
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
    await expect(call('team:syncNow', {})).rejects.toMatchObject({ code: 'forbidden', details: { teamError: 'signed-out' } });
  });

  it('keeps every change pending, records the reason, and the book keeps working', async () => {
    markAllAsSnapshot(ctx.db);
    writeSyncState(ctx.db, { serverUrl: `http://127.0.0.1:${await closedPort()}`, token: 'x', email: 'me@example.com', role: 'rep' });
    const [acc] = await call<Account[]>('accounts:list', {});
    await call('accounts:update', { id: acc!.id, patch: { city: '离线城市' } });
    await call('accounts:update', { id: acc!.id, patch: { industry: '离线行业' } });
    const report = await call<{ error: string | null; pending: number }>('team:syncNow', {});
    // A code the UI translates, not Node's English text.
    expect(report.error).toBe('offline');
    const s = await call<TeamStatus>('team:status', {});
    expect(s).toMatchObject({ signedIn: true, pending: 2, lastSyncAt: null, role: 'rep' });
    expect(s.lastError).toBe('offline');
    expect((await call<Account[]>('accounts:list', {})).find((a) => a.id === acc!.id)).toMatchObject({
      city: '离线城市',
      industry: '离线行业',
    });
  });

  it('a gateway in front of the server that answers 401 or 403 is told apart: signed out, or not allowed', async () => {
    // A reverse proxy's access rule, on loopback: it answers every request with this status.
    for (const [status, code, signedIn] of [
      [401, 'signed-out', false],
      [403, 'forbidden', true],
    ] as const) {
      const gateway = http.createServer((_req, res) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'denied', message: 'Access denied by the gateway.' }));
      });
      await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
      try {
        writeSyncState(ctx.db, { serverUrl: `http://127.0.0.1:${(gateway.address() as net.AddressInfo).port}`, token: 'x' });
        expect((await call<{ error: string | null }>('team:syncNow', {})).error).toBe(code);
        expect(await call<TeamStatus>('team:status', {})).toMatchObject({ lastError: code, signedIn });
      } finally {
        await new Promise<void>((r) => gateway.close(() => r()));
      }
    }
  });
});
