import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openBook } from '../../src/app/book';
import { createRegistry } from '../../src/app/handlers';
import { migrate } from '../../src/app/team/pg/migrate';
import { startTeamServer, type TeamServer } from '../../src/app/team/server';
import type { PgCluster } from '../../src/app/team/cluster';
import type { ServerContext } from '../../src/platform/context';
import { insertRow, updateRow } from '../../src/platform/db/changeLog';
import { joinTeam } from '../../src/features/team/server/team';
import { fixedClock } from '../db/helpers';
import { startTestCluster } from './pgCluster';

// Desktop books in a team, for the two-book tests: a real PostgreSQL cluster, the real team
// server on loopback, an admin's demo book uploaded through team:createTeam, and people who
// join with their invite codes (each a new book file made from the server's snapshot).

export const registry = createRegistry({ validateOutput: true });
export const call = <T>(ctx: ServerContext, channel: string, input: unknown = {}) => registry.call<T>(ctx, channel, input);
/** One sync of a book that must reach the server. */
export async function syncOk(ctx: ServerContext): Promise<void> {
  const r = await call<{ error: string | null }>(ctx, 'team:syncNow');
  if (r.error !== null) throw new Error(`sync failed: ${r.error}`);
}

/** The demo's first territory and its two reps. */
export const EAST = '019b76da-a800-724f-ac74-e1ff0bfba855';
export const PEOPLE = {
  admin: { id: '019b76da-aaaa-7000-8000-00000000a001', email: 'admin@demo.cn' },
  wang: { id: '019b76da-a806-71dd-95c0-11de5f507b69', email: 'wang@demo.cn' },
  li: { id: '019b76da-a808-719e-afdd-8a19d3a00083', email: 'li@demo.cn' },
  zhang: { id: '019b76da-a80a-73b2-be0a-b6930c372f30', email: 'zhang@demo.cn' },
  liu: { id: '019b76da-a80c-72f6-9071-cf00afd51f01', email: 'liu@demo.cn' },
  chen: { id: '019b76da-a80e-70bd-acf9-112478ff48ae', email: 'chen@demo.cn' },
  zhao: { id: '019b76da-a810-7376-afd4-f5b4536687f8', email: 'zhao@demo.cn' },
  finance: { id: '019b76da-aaaa-7000-8000-00000000f001', email: 'finance@demo.cn' },
} as const;
export type Who = keyof typeof PEOPLE;
export const ADMIN_PASSWORD = 'admin-password-1';

export interface DesktopTeam {
  dir: string;
  cluster: PgCluster;
  pool: pg.Pool;
  server: TeamServer;
  admin: ServerContext;
  invites: Map<string, string>;
  /**
   * Joins as this person (a new book in the temp folder): the invite code the first time, the
   * password after; through `serverUrl` (e.g. a proxy) when given.
   */
  join(who: Who, serverUrl?: string): Promise<ServerContext>;
  stop(): Promise<void>;
}

export async function startDesktopTeam(): Promise<DesktopTeam> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-team-books-'));
  const cluster = await startTestCluster();
  const pool = new pg.Pool({ connectionString: cluster.url, max: 8 });
  const books: ServerContext[] = [];
  await migrate(pool);
  const server = await startTeamServer(pool, { port: 0, host: '127.0.0.1' });
  const admin = await openBook(path.join(dir, 'admin.sqlite'), { demo: true, clock: fixedClock(), dailyBackup: false });
  books.push(admin);
  // The people of the demo get emails; the admin and finance are added (the product's write path).
  admin.db.transaction(() => {
    for (const who of ['wang', 'li', 'zhang', 'liu', 'chen', 'zhao'] as const)
      updateRow(admin, 'reps', PEOPLE[who].id, { email: PEOPLE[who].email });
    for (const [who, role] of [
      ['admin', 'admin'],
      ['finance', 'finance'],
    ] as const) {
      insertRow(admin, 'reps', { id: PEOPLE[who].id, territory_id: null, name_zh: who, name_en: who, email: PEOPLE[who].email, role });
    }
  })();
  const created = await call<{ invites: { personId: string; code: string }[] }>(admin, 'team:createTeam', {
    serverUrl: server.url,
    email: PEOPLE.admin.email,
    password: ADMIN_PASSWORD,
  });
  const invites = new Map(created.invites.map((i) => [i.personId, i.code]));
  let n = 0;
  return {
    dir,
    cluster,
    pool,
    server,
    admin,
    invites,
    join: async (who, serverUrl = server.url) => {
      const code = invites.get(PEOPLE[who].id);
      invites.delete(PEOPLE[who].id);
      const password = who === 'admin' ? ADMIN_PASSWORD : `pw-of-${who}-123`;
      const ctx = await joinTeam(
        serverUrl,
        { email: PEOPLE[who].email, password, ...(code ? { inviteCode: code } : {}) },
        path.join(dir, `${who}-${++n}.sqlite`),
        { clock: fixedClock(`2026-11-25T0${5 + (n % 4)}:00:00.000Z`) },
      );
      books.push(ctx);
      return ctx;
    },
    stop: async () => {
      for (const b of books) b.db.close();
      await server.close();
      await pool.end();
      await cluster.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
