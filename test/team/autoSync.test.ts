import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerContext } from '../../src/platform/context';
import type { Account } from '../../src/features/accounts/contract';
import type { TeamStatus } from '../../src/features/team/contract';
import { startAutoSync } from '../../src/features/team/server/autoSync';
import { call, EAST, startDesktopTeam, type DesktopTeam } from './desktopTeam';
import { LossyProxy } from './lossyProxy';

// Issue 21: "changes made offline are pushed when the server is reachable" — without anyone
// pressing Sync now. A rep edits on the road (the server unreachable), the timer's rounds fail
// and say why; when the server is back, the next round pushes, and the admin's book gets it.

let team: DesktopTeam;
let proxy: LossyProxy;
let wang: ServerContext;

beforeAll(async () => {
  team = await startDesktopTeam();
  proxy = new LossyProxy(Number(new URL(team.server.url).port), Math.random);
  wang = await team.join('wang', await proxy.start());
}, 180_000);
afterAll(async () => {
  await proxy?.stop();
  await team?.stop();
});

const until = async (what: () => Promise<boolean>, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('automatic sync', () => {
  it('pushes an offline edit once the server is reachable again, with no Sync now', async () => {
    const id = (await call<Account[]>(wang, 'accounts:list')).find((a) => a.territoryId === EAST)!.id;
    proxy.online = false;
    await call(wang, 'accounts:update', { id, patch: { city: '无锡' } });
    const stop = startAutoSync(() => wang, 100);
    try {
      // Offline: the rounds record why, the edit stays pending.
      await until(async () => (await call<TeamStatus>(wang, 'team:status')).lastError !== null);
      expect((await call<TeamStatus>(wang, 'team:status')).pending).toBe(1);
      proxy.online = true;
      // Pending reaches 0 when the push is answered; the error clears when the pull after it ends.
      await until(async () => {
        const s = await call<TeamStatus>(wang, 'team:status');
        return s.pending === 0 && s.lastError === null;
      });
    } finally {
      stop();
    }
    await call(team.admin, 'team:syncNow');
    expect((await call<Account[]>(team.admin, 'accounts:list')).find((a) => a.id === id)!.city).toBe('无锡');
  });
});
