import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { openBook, type OpenBookOptions } from '../../platform/book';
import type { ServerContext } from '../../platform/context';
import type { WebSessions } from '../web/server';
import { countPending } from '../../features/team/server/outbox';
import { readSyncState, writeSyncState } from '../../features/team/server/state';
import { rememberSignIn, syncNow } from '../../features/team/server/sync';
import { joinSignedIn } from '../../features/team/server/team';
import type { FailureLimiter } from './auth';
import { AuthError, endSession, personOfToken, signIn } from './people';
import { sha256 } from './auth';

// Managers in a browser: the team server keeps, in its data folder, one desktop-style SQLite
// book per person who signed in there, joined from that person's snapshot and synced by the
// desktop's own client (so row-level security decides what it holds). The web API's handlers
// run against it: a pull before answering when the last sync is older than FRESH_MS, a push
// (and pull) right after a call that wrote something.

export const FRESH_MS = 3000;

/**
 * Channels a browser session may not call: the server's book is not the person's to switch or
 * re-wire. (team:signOut is answered by the web server itself: it ends the browser's session.)
 */
const FORBIDDEN = new Set([
  'books:open',
  'books:openDemo',
  'books:create',
  'backup:restore',
  'team:signIn',
  'team:createTeam',
  'team:join',
]);

export interface WebBooksOptions {
  pool: pg.Pool;
  limiter: FailureLimiter;
  /** Where the books live (created if missing). */
  dir: string;
  /** How this server reaches its own API (the books sync through it, as a desktop does). */
  selfUrl: () => string;
  /** Host headers the deployer serves the app under (e.g. team.example.cn), besides loopback. */
  hosts: string[];
  secureCookie: boolean;
  /** For tests: a pinned clock. */
  bookOptions?: OpenBookOptions;
}

export function webBooks(o: WebBooksOptions): WebSessions & { closeAll(): void } {
  fs.mkdirSync(o.dir, { recursive: true });
  const open = new Map<string, Promise<ServerContext>>();
  // The file name is a hash of the person id: ids come from the uploaded book, not a path.
  const fileOf = (personId: string) => path.join(o.dir, `person-${sha256(personId).slice(0, 24)}.sqlite`);

  function bookOf(personId: string, join: () => Promise<ServerContext>): Promise<ServerContext> {
    let p = open.get(personId);
    if (!p) {
      const file = fileOf(personId);
      p = fs.existsSync(file) ? openBook(file, { dailyBackup: false, platform: 'web', ...o.bookOptions }) : join();
      open.set(personId, p);
      p.catch(() => open.delete(personId));
    }
    return p;
  }

  return {
    async signIn(email, password) {
      let signedIn;
      try {
        signedIn = await signIn(o.pool, o.limiter, email, password);
      } catch (e) {
        if (e instanceof AuthError) return { ok: false, status: e.status, message: e.message };
        throw e;
      }
      const file = fileOf(signedIn.person.id);
      const ctx = await bookOf(signedIn.person.id, () =>
        joinSignedIn(o.selfUrl(), email, signedIn, file, { platform: 'web', ...o.bookOptions }),
      );
      rememberSignIn(ctx.db, o.selfUrl(), email, signedIn);
      return { ok: true, session: signedIn.token };
    },
    async contextOf(session) {
      const personId = await personOfToken(o.pool, session);
      if (!personId || !fs.existsSync(fileOf(personId))) return null;
      const ctx = await bookOf(personId, () => Promise.reject(new Error('no book')));
      // The book syncs with the session that is using it (a live token of this very person).
      if (readSyncState(ctx.db).token !== session) writeSyncState(ctx.db, { token: session });
      return ctx;
    },
    async beforeCall(ctx) {
      const last = readSyncState(ctx.db).lastSyncAt;
      if (!last || Date.now() - Date.parse(last) > FRESH_MS) await syncNow(ctx);
    },
    async afterCall(ctx) {
      if (countPending(ctx.db) > 0) await syncNow(ctx);
    },
    async signOut(session) {
      const personId = await personOfToken(o.pool, session);
      const ctx = personId ? await open.get(personId) : undefined;
      if (ctx && readSyncState(ctx.db).token === session) writeSyncState(ctx.db, { token: null });
      // The browser's session ends on the server too: the cookie's token is refused from now on.
      await endSession(o.pool, session);
    },
    hostAllowed: (host) => host !== undefined && o.hosts.includes(host),
    secureCookie: o.secureCookie,
    forbidden: FORBIDDEN,
    closeAll() {
      for (const p of open.values()) void p.then((ctx) => ctx.db.close()).catch(() => {});
      open.clear();
    },
  };
}
