import http from 'node:http';
import path from 'node:path';
import seedrandom from 'seedrandom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerContext } from '../../src/platform/context';
import type { Account } from '../../src/features/accounts/contract';
import type { Opportunity, PipelineLookups } from '../../src/features/pipeline/contract';
import { joinTeam } from '../../src/features/team/server/team';
import { readSyncState, writeSyncState } from '../../src/features/team/server/state';
import { fixedClock } from '../db/helpers';
import { readWithSheetJS, sheetRows } from '../excel/helpers';
import { ADMIN_PASSWORD, call, PEOPLE, startDesktopTeam, type DesktopTeam, type Who } from './desktopTeam';

// Issue 21's convergence test: CLIENTS desktop books (real SQLite files, the product's sync
// client) make CHANGES random changes each through the product's handlers, syncing in rounds
// with random disconnects (the server unreachable for some rounds, or the reply of a push lost
// after the server applied it). After a final sync of everyone, each book's exports (accounts,
// pipeline review) are cell-identical to every other book of the same person's view and to a
// fresh book joined from the server's snapshot. The seed is in the test's name: a failure is
// reproducible with CONV_SEED.

const CLIENTS = Number(process.env.CONV_CLIENTS ?? 20);
const CHANGES = Number(process.env.CONV_CHANGES ?? 500);
const ROUNDS = Number(process.env.CONV_ROUNDS ?? 10);
const SEED = process.env.CONV_SEED ?? 'teamconv-1';

/** Who holds each client's book: reps of the demo's territories, the admin (who leads all), finance. */
const ROSTER: Exclude<Who, 'admin'>[] = ['wang', 'li', 'zhang', 'finance'];

interface Client {
  name: string;
  who: Who;
  ctx: ServerContext;
}

let team: DesktopTeam;
let proxy: LossyProxy;
const clients: Client[] = [];
const rng = seedrandom(SEED);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

/**
 * Between the books and the server: forwards every request; when `dropPushReply` says so, a
 * push reaches the server (and is applied) but its reply is cut, as when the network drops.
 */
interface LossyProxy {
  url: string;
  dropped: number;
  close(): Promise<void>;
}
async function startLossyProxy(target: string, dropPushReply: () => boolean): Promise<LossyProxy> {
  const to = new URL(target);
  const state = { dropped: 0 };
  const server = http.createServer((req, res) => {
    const up = http.request({ host: to.hostname, port: to.port, path: req.url, method: req.method, headers: req.headers }, (upRes) => {
      if (req.url?.startsWith('/v1/push') && dropPushReply()) {
        state.dropped++;
        upRes.resume();
        upRes.on('end', () => res.socket?.destroy());
        return;
      }
      res.writeHead(upRes.statusCode ?? 502, upRes.headers);
      upRes.pipe(res);
    });
    up.on('error', () => res.socket?.destroy());
    req.pipe(up);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    get dropped() {
      return state.dropped;
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

let books = 0;
async function joinAs(who: Exclude<Who, 'admin'>, first: boolean): Promise<ServerContext> {
  const ctx = await joinTeam(
    proxy.url,
    { email: PEOPLE[who].email, password: `pw-of-${who}-123`, ...(first ? { inviteCode: team.invites.get(PEOPLE[who].id)! } : {}) },
    path.join(team.dir, `conv-${who}-${++books}.sqlite`),
    { clock: fixedClock() },
  );
  return ctx;
}

beforeAll(async () => {
  team = await startDesktopTeam();
  let dropping = false;
  proxy = await startLossyProxy(team.server.url, () => dropping && rng() < 0.3);
  writeSyncState(team.admin.db, { serverUrl: proxy.url });
  clients.push({ name: 'admin', who: 'admin', ctx: team.admin });
  const joined = new Set<Who>();
  for (let i = 1; i < CLIENTS; i++) {
    const who = ROSTER[(i - 1) % ROSTER.length]!;
    clients.push({ name: `${who}#${i}`, who, ctx: await joinAs(who, !joined.has(who)) });
    joined.add(who);
  }
  dropping = true;
}, 300_000);
afterAll(async () => {
  for (const c of clients) if (c.ctx !== team.admin) c.ctx.db.close();
  await proxy?.close();
  await team?.stop();
});

const FIELDS = ['city', 'notes', 'industry', 'size', 'productsInUse'] as const;

/** One random change through the handlers the app calls, as this person may make it. */
async function randomChange(c: Client, serial: number): Promise<void> {
  const tag = `${c.name}-${serial}`;
  if (c.who === 'finance') {
    const accounts = await call<Account[]>(c.ctx, 'accounts:list');
    await call(c.ctx, 'receivables:recordPayment', {
      accountId: pick(accounts).id,
      paidOn: '2026-11-20',
      amount: 100 + Math.floor(rng() * 100_000),
      reference: tag,
      allocations: [],
    });
    return;
  }
  const accounts = await call<Account[]>(c.ctx, 'accounts:list');
  const r = rng();
  if (r < 0.55 && accounts.length > 0) {
    const field = pick(FIELDS);
    await call(c.ctx, 'accounts:update', { id: pick(accounts).id, patch: { [field]: tag } });
  } else if (r < 0.65) {
    const territoryId = pick(accounts).territoryId;
    await call(c.ctx, 'accounts:create', { name: `新客户 ${tag}`, territoryId, city: '上海' });
  } else if (r < 0.7 && accounts.length > 5) {
    await call(c.ctx, 'accounts:delete', { ids: [pick(accounts).id] });
  } else {
    const opps = (await call<Opportunity[]>(c.ctx, 'pipeline:list', {})).filter((o) => o.status === 'open');
    if (opps.length === 0) return randomChange(c, serial);
    const { stages } = await call<PipelineLookups>(c.ctx, 'pipeline:lookups', {});
    const o = pick(opps);
    if (rng() < 0.6) await call(c.ctx, 'pipeline:update', { id: o.id, patch: { stageId: pick(stages).id } });
    else await call(c.ctx, 'pipeline:update', { id: o.id, patch: { nextStep: tag, amount: Math.floor(rng() * 10_000_000) } });
  }
}

async function sync(c: Client, reachable: boolean): Promise<string | null> {
  if (!reachable) {
    // The server's address unreachable for this round (a closed loopback port).
    writeSyncState(c.ctx.db, { serverUrl: 'http://127.0.0.1:9' });
    const r = await call<{ error: string | null }>(c.ctx, 'team:syncNow');
    writeSyncState(c.ctx.db, { serverUrl: proxy.url });
    expect(r.error).not.toBeNull();
    return r.error;
  }
  const r = await call<{ error: string | null }>(c.ctx, 'team:syncNow');
  return r.error;
}

/** The workbook's cells of every sheet. */
const cells = (file: string) => {
  const wb = readWithSheetJS(file);
  return Object.fromEntries(wb.SheetNames.map((s) => [s, sheetRows(wb, s)]));
};
async function exportsOf(ctx: ServerContext, who: Who, name: string) {
  const accountsFile = path.join(team.dir, `${name}-accounts.xlsx`);
  await call(ctx, 'accounts:export', { file: ctx.files.register(accountsFile, 'write').token, lang: 'zh-CN' });
  const out: Record<string, unknown> = { accounts: cells(accountsFile) };
  if (who !== 'finance') {
    const reviewFile = path.join(team.dir, `${name}-review.xlsx`);
    await call(ctx, 'pipeline:exportReview', {
      file: ctx.files.register(reviewFile, 'write').token,
      from: '2026-11-01',
      to: '2026-11-30',
      lang: 'zh-CN',
    });
    out.review = cells(reviewFile);
  }
  return out;
}

describe(`convergence: ${CLIENTS} books × ${CHANGES} random changes, random disconnects (seed ${SEED})`, () => {
  it('after a final sync every book exports what a fresh book joined from the server exports', async () => {
    const started = Date.now();
    const perRound = Math.ceil(CHANGES / ROUNDS);
    let offlineRounds = 0;
    let failedSyncs = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (const c of clients) {
        for (let k = 0; k < perRound && round * perRound + k < CHANGES; k++) await randomChange(c, round * perRound + k);
      }
      for (const c of clients) {
        const reachable = rng() >= 0.15;
        if (!reachable) offlineRounds++;
        if ((await sync(c, reachable)) !== null) failedSyncs++;
      }
    }
    // Final sync of everyone, no more losses: twice round, so each sees the others' last pushes.
    const dropped = proxy.dropped;
    for (let pass = 0; pass < 2; pass++) {
      for (const c of clients) {
        let error: string | null = 'not yet';
        for (let attempt = 0; attempt < 5 && error !== null; attempt++) error = await sync(c, true);
        expect(error, c.name).toBeNull();
      }
    }
    for (const c of clients) {
      expect(readSyncState(c.ctx.db).lastPosition, c.name).toBeGreaterThan(0);
      const s = await call<{ pending: number }>(c.ctx, 'team:status');
      expect(s.pending, c.name).toBe(0);
    }
    const worked = Date.now() - started;

    // Each person's view: one fresh book joined from the server's snapshot; every book of theirs equals it.
    const fresh = new Map<Who, Record<string, unknown>>();
    for (const c of clients) {
      if (!fresh.has(c.who)) {
        const who = c.who === 'admin' ? null : c.who;
        const ctx = who ? await joinAs(who, false) : null;
        if (ctx) {
          fresh.set(c.who, await exportsOf(ctx, c.who, `fresh-${c.who}`));
          ctx.db.close();
        }
      }
      const mine = await exportsOf(c.ctx, c.who, c.name);
      if (fresh.has(c.who)) expect(mine, `${c.name} vs a fresh book of ${c.who} (seed ${SEED})`).toEqual(fresh.get(c.who));
    }
    // The admin sees every territory: their book equals the union the server holds, checked by a
    // second admin book signed in with the admin's password.
    const adminFresh = await joinTeam(
      proxy.url,
      { email: PEOPLE.admin.email, password: ADMIN_PASSWORD },
      path.join(team.dir, 'conv-admin-fresh.sqlite'),
      { clock: fixedClock() },
    );
    expect(await exportsOf(team.admin, 'admin', 'admin-book'), `admin (seed ${SEED})`).toEqual(
      await exportsOf(adminFresh, 'admin', 'admin-fresh'),
    );
    adminFresh.db.close();
    console.log(
      `convergence ${CLIENTS}×${CHANGES} seed ${SEED}: ${worked} ms of changes and syncs, ${offlineRounds} offline rounds, ` +
        `${failedSyncs} failed syncs, ${dropped} push replies dropped, ${Date.now() - started} ms in all`,
    );
    expect(offlineRounds).toBeGreaterThan(0);
    expect(dropped).toBeGreaterThan(0);
  }, 600_000);
});
