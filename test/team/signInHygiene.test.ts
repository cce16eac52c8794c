import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBook } from '../../src/app/book';
import type { ServerContext } from '../../src/platform/context';
import { FileSecretStore, installSecretStore, MemorySecretStore } from '../../src/platform/secrets';
import type { Account } from '../../src/features/accounts/contract';
import type { TeamStatus } from '../../src/features/team/contract';
import { readSyncState } from '../../src/features/team/server/state';
import { endSession } from '../../src/app/team/people';
import { fixedClock } from '../db/helpers';
import { call, EAST, startDesktopTeam, type DesktopTeam } from './desktopTeam';
import { LossyProxy } from './lossyProxy';

// Issue 21's sign-in, made safe to copy: a book file is copied, backed up and mailed, so it
// holds no session token (the machine's secret store does, a 0600 file here), and signing out
// ends the session on the server, so a token that leaked earlier is refused from then on.

let team: DesktopTeam;
let secretsDir: string;
let secretsFile: string;

beforeAll(async () => {
  secretsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-secrets-'));
  secretsFile = path.join(secretsDir, 'data', 'secrets.json');
  installSecretStore(new FileSecretStore(secretsFile));
  team = await startDesktopTeam();
}, 180_000);
afterAll(async () => {
  await team?.stop();
  fs.rmSync(secretsDir, { recursive: true, force: true });
});

/** Every byte SQLite keeps of the book: the file, its write-ahead log and shared memory. */
const bookBytes = (ctx: ServerContext) =>
  Buffer.concat(['', '-wal', '-shm'].map((s) => (fs.existsSync(ctx.dbPath + s) ? fs.readFileSync(ctx.dbPath + s) : Buffer.alloc(0))));
const fileBytes = (file: string) =>
  Buffer.concat(['', '-wal'].map((s) => (fs.existsSync(file + s) ? fs.readFileSync(file + s) : Buffer.alloc(0))));

/** The server's answer to a pull with this token (200 signed in, 401 not). */
const pullStatus = async (token: string) =>
  (await fetch(`${team.server.url}/v1/pull?after=0&limit=1`, { headers: { authorization: `Bearer ${token}` } })).status;

/** Closes a joined book and leaves it as the previous version did: the token in the book, none in the store. */
function asBookFromBefore(ctx: ServerContext): { file: string; token: string } {
  const token = readSyncState(ctx.db).token!;
  ctx.db.close();
  const raw = new Database(ctx.dbPath);
  raw.prepare('UPDATE sync_state SET token = ?, session_ref = NULL WHERE id = 1').run(token);
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
  return { file: ctx.dbPath, token };
}

const eastAccount = async (ctx: ServerContext) => (await call<Account[]>(ctx, 'accounts:list')).find((a) => a.territoryId === EAST)!;

describe('the session token stays out of the book', () => {
  it('after joining, the book file holds no token; the secret store (0600) does, and sync works', async () => {
    const wang = await team.join('wang');
    const token = readSyncState(wang.db).token!;
    expect(token.length).toBeGreaterThan(20);
    expect(await pullStatus(token)).toBe(200);
    expect(bookBytes(wang).includes(token)).toBe(false);
    expect(fs.readFileSync(secretsFile, 'utf8')).toContain(token);
    expect(fs.statSync(secretsFile).mode & 0o777).toBe(0o600);

    const acc = await eastAccount(wang);
    await call(wang, 'accounts:update', { id: acc.id, patch: { city: '扬州' } });
    expect(await call(wang, 'team:syncNow')).toMatchObject({ pushed: 1, error: null });
    await call(team.admin, 'team:syncNow');
    expect((await call<Account[]>(team.admin, 'accounts:list')).find((a) => a.id === acc.id)!.city).toBe('扬州');
    expect(bookBytes(wang).includes(token)).toBe(false);
    // A copy of the book is not signed in anywhere: its token is on this machine only.
    installSecretStore(new FileSecretStore(path.join(secretsDir, 'other-machine', 'secrets.json')));
    try {
      expect((await call<TeamStatus>(wang, 'team:status')).signedIn).toBe(false);
    } finally {
      installSecretStore(new FileSecretStore(secretsFile));
    }
    expect((await call<TeamStatus>(wang, 'team:status')).signedIn).toBe(true);
  });

  it('a book from before, with its token in sync_state, has it moved out on open: file clean, still signed in', async () => {
    const { file, token } = asBookFromBefore(await team.join('li'));
    installSecretStore(new FileSecretStore(path.join(secretsDir, 'upgraded', 'secrets.json')));
    try {
      expect(fileBytes(file).includes(token)).toBe(true);
      const reopened = await openBook(file, { dailyBackup: false, clock: fixedClock('2026-11-26T05:00:00.000Z') });
      try {
        expect(fileBytes(file).includes(token)).toBe(false);
        expect(readSyncState(reopened.db).token).toBe(token);
        expect(await call(reopened, 'team:syncNow')).toMatchObject({ error: null });
      } finally {
        reopened.db.close();
      }
      expect(fileBytes(file).includes(token)).toBe(false);
    } finally {
      installSecretStore(new FileSecretStore(secretsFile));
    }
  });
});

describe('signing out', () => {
  it('ends the session on the server (the old token gets 401) and removes the token from the store', async () => {
    const zhang = await team.join('zhang');
    const token = readSyncState(zhang.db).token!;
    expect(await pullStatus(token)).toBe(200);
    expect(await call(zhang, 'team:signOut')).toEqual({ ok: true, serverEnded: true });
    expect(await pullStatus(token)).toBe(401);
    expect(fs.readFileSync(secretsFile, 'utf8')).not.toContain(token);
    expect((await call<TeamStatus>(zhang, 'team:status')).signedIn).toBe(false);
    // Signing out again has nothing left to end: not reported as a server that could not be reached.
    expect(await call(zhang, 'team:signOut')).toEqual({ ok: true, serverEnded: true });
    // Signing in again works: a new session.
    await call(zhang, 'team:signIn', { email: 'zhang@demo.cn', password: 'pw-of-zhang-123' });
    const again = readSyncState(zhang.db).token!;
    expect(again).not.toBe(token);
    expect(await pullStatus(again)).toBe(200);
  });

  it('with the server unreachable, forgets the token here and says the server did not end the session', async () => {
    const proxy = new LossyProxy(Number(new URL(team.server.url).port), Math.random);
    try {
      const liu = await team.join('liu', await proxy.start());
      const token = readSyncState(liu.db).token!;
      proxy.cutOff();
      expect(await call(liu, 'team:signOut')).toEqual({ ok: true, serverEnded: false });
      expect(readSyncState(liu.db).token).toBeNull();
      expect(fs.readFileSync(secretsFile, 'utf8')).not.toContain(token);
      // The server never heard of it: the session is still valid there until it expires.
      expect(await pullStatus(token)).toBe(200);
    } finally {
      await proxy.stop();
    }
  });

  it('a session ended elsewhere: the next sync reports the code signed-out and the panel asks to sign in again', async () => {
    const chen = await team.join('chen');
    await endSession(team.pool, readSyncState(chen.db).token!);
    expect(await call(chen, 'team:syncNow')).toMatchObject({ error: 'signed-out' });
    expect(await call<TeamStatus>(chen, 'team:status')).toMatchObject({ lastError: 'signed-out', signedIn: false });
    await call(chen, 'team:signIn', { email: 'chen@demo.cn', password: 'pw-of-chen-123' });
    expect(await call<TeamStatus>(chen, 'team:status')).toMatchObject({ lastError: null, signedIn: true });
    expect(await call(chen, 'team:syncNow')).toMatchObject({ error: null });
  });

  it('a wrong password when signing in again is told apart from an ended session, and from signing in as someone else', async () => {
    const zhao = await team.join('zhao');
    await expect(call(zhao, 'team:signIn', { email: 'zhao@demo.cn', password: 'not-the-password' })).rejects.toMatchObject({
      details: { teamError: 'wrong-credentials' },
    });
    // The actions' own refusals carry codes too (the UI says them in its language).
    await expect(call(zhao, 'team:signIn', { email: 'li@demo.cn', password: 'pw-of-li-123' })).rejects.toMatchObject({
      details: { teamError: 'other-person' },
    });
    await expect(
      call(zhao, 'team:createTeam', { serverUrl: team.server.url, email: 'zhao@demo.cn', password: 'pw-of-zhao-123' }),
    ).rejects.toMatchObject({ details: { teamError: 'already-team' } });
  });
});

describe('a process with no lasting store (the CLI, the team server)', () => {
  it('leaves an older book signed in rather than moving its token into memory; a new sign-in empties the column', async () => {
    const { file, token } = asBookFromBefore(await team.join('liu'));
    installSecretStore(new MemorySecretStore());
    try {
      const reopened = await openBook(file, { dailyBackup: false, clock: fixedClock('2026-11-26T05:00:00.000Z') });
      try {
        expect(readSyncState(reopened.db).token).toBe(token);
        expect(fileBytes(file).includes(token)).toBe(true);
        await call(reopened, 'team:signIn', { email: 'liu@demo.cn', password: 'pw-of-liu-123' });
        const fresh = readSyncState(reopened.db).token!;
        expect(fresh).not.toBe(token);
        expect(fileBytes(file).includes(token)).toBe(false);
        expect(fileBytes(file).includes(fresh)).toBe(false);
      } finally {
        reopened.db.close();
      }
    } finally {
      installSecretStore(new FileSecretStore(secretsFile));
    }
  });
});
