import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerContext } from '../../src/platform/context';
import type { Account } from '../../src/features/accounts/contract';
import type { TeamStatus } from '../../src/features/team/contract';
import { readWithSheetJS, sheetRows } from '../excel/helpers';
import { call, startDesktopTeam, type DesktopTeam, type Who } from './desktopTeam';
import { LossyProxy } from './lossyProxy';

// Convergence under load (issue 21): 20 desktop books (reps of three territories, some with
// several books, finance and the admin), each making 500 random changes to the accounts it sees,
// syncing at random moments through a proxy that goes offline or loses replies. Afterwards every
// book's accounts workbook (the product's export) is cell-identical to that of a book freshly
// joined by the same person, i.e. to what the server holds for what that role may see.

const CLIENTS: Who[] = [
  'admin',
  'admin',
  'wang',
  'wang',
  'wang',
  'li',
  'li',
  'li',
  'zhang',
  'zhang',
  'zhang',
  'liu',
  'liu',
  'liu',
  'chen',
  'chen',
  'chen',
  'zhao',
  'zhao',
  'finance',
];
const CHANGES = 500;
const ROUNDS = 10;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Client {
  who: Who;
  ctx: ServerContext;
  proxy: LossyProxy;
}

let team: DesktopTeam;
const clients: Client[] = [];
const random = rng(Number(process.env.SW_SEED ?? 20261204));
const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;

beforeAll(async () => {
  team = await startDesktopTeam();
  const port = Number(new URL(team.server.url).port);
  for (const [i, who] of CLIENTS.entries()) {
    const proxy = new LossyProxy(port, random);
    const url = await proxy.start();
    // The admin's first client is the book that created the team (it syncs through its proxy too).
    const ctx = i === 0 ? team.admin : await team.join(who, url);
    if (i === 0) ctx.db.prepare('UPDATE sync_state SET server_url = ? WHERE id = 1').run(url);
    clients.push({ who, ctx, proxy });
  }
}, 180_000);
afterAll(async () => {
  for (const c of clients) await c.proxy.stop();
  await team?.stop();
});

const FIELDS = ['city', 'industry', 'notes', 'size'] as const;

async function randomChange(c: Client, live: Account[], n: number): Promise<void> {
  const r = random();
  const acc = pick(live);
  if (r < 0.04 && live.length > 5) {
    await call(c.ctx, 'accounts:delete', { ids: [acc.id] });
    live.splice(live.indexOf(acc), 1);
  } else if (r < 0.07) {
    await call(c.ctx, 'accounts:create', { name: `${c.who}-${n}-${Math.floor(random() * 1e6)}`, territoryId: acc.territoryId });
  } else if (r < 0.15) {
    await call(c.ctx, 'accounts:update', { id: acc.id, patch: { sales: Math.floor(random() * 1e8) } });
  } else {
    await call(c.ctx, 'accounts:update', { id: acc.id, patch: { [pick([...FIELDS])]: `${c.who}${n}` } });
  }
}

const exportRows = async (ctx: ServerContext, file: string): Promise<unknown[][]> => {
  await call(ctx, 'accounts:export', { file: ctx.files.register(file, 'write').token });
  return sheetRows(readWithSheetJS(file));
};

describe('convergence under load', () => {
  it('20 books × 500 random changes with disconnects and lost replies end cell-identical to the server', async () => {
    const started = Date.now();
    const perRound = CHANGES / ROUNDS;
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, c] of clients.entries()) {
        const live = await call<Account[]>(c.ctx, 'accounts:list');
        for (let k = 0; k < perRound; k++)
          await randomChange(c, live.length ? live : await call<Account[]>(c.ctx, 'accounts:list'), round * perRound + k + i);
      }
      // Everyone syncs at once, some offline, some losing replies.
      await Promise.all(
        clients.map((c) => {
          c.proxy.online = random() > 0.2;
          c.proxy.dropReplies = random() < 0.3 ? 0.3 : 0;
          return random() < 0.7 ? call(c.ctx, 'team:syncNow') : Promise.resolve();
        }),
      );
    }
    for (const c of clients) {
      c.proxy.online = true;
      c.proxy.dropReplies = 0;
    }
    // All online: push everything, then pull everything (twice round: the last pushes reach the first books).
    for (let pass = 0; pass < 3; pass++)
      for (const c of clients) expect((await call<{ error: string | null }>(c.ctx, 'team:syncNow')).error).toBeNull();
    for (const c of clients) expect((await call<TeamStatus>(c.ctx, 'team:status')).pending).toBe(0);
    const dropped = clients.reduce((n, c) => n + c.proxy.dropped, 0);
    expect(dropped).toBeGreaterThan(0);

    const reference = new Map<Who, unknown[][]>();
    for (const who of new Set(CLIENTS)) {
      const fresh = await team.join(who);
      reference.set(who, await exportRows(fresh, path.join(team.dir, `fresh-${who}.xlsx`)));
    }
    for (const [i, c] of clients.entries()) {
      const rows = await exportRows(c.ctx, path.join(team.dir, `client-${i}.xlsx`));
      expect(rows.length, `${c.who} #${i}`).toBeGreaterThan(1);
      expect(rows, `${c.who} #${i}`).toEqual(reference.get(c.who));
    }
    // Two books of one rep agree; a rep's workbook has only their territory's accounts.
    expect(reference.get('wang')!.length).toBeLessThan(reference.get('admin')!.length);
    expect(Date.now() - started).toBeLessThan(120_000);
  }, 300_000);
});
