import crypto from 'node:crypto';
import path from 'node:path';
import fs from 'node:fs';
import { openBook, type OpenBookOptions } from '../../../platform/book';
import { updateRow, type ChangeWriter } from '../../../platform/db/changeLog';
import type { Db } from '../../../platform/db/connection';
import type { ServerContext } from '../../../platform/context';
import { AppError } from '../../../shared/errors';
import type { CreateTeamResponse, SignInResponse } from '../protocol';
import { loadSnapshot, readBookTables } from './applyRemote';
import { normaliseServerUrl, TeamClient, TeamOffline } from './client';
import { markAllAsSnapshot } from './outbox';
import { readSyncState, writeSyncState } from './state';
import { clientFor, rememberSignIn } from './sync';

// Joining and creating a team. Joining makes a NEW book file from the server's snapshot (never
// merging into an unrelated local book); creating uploads this book and keeps it as the synced one.

export interface Credentials {
  email: string;
  password: string;
  /** An invite code: the first sign-in sets the password. */
  inviteCode?: string;
}

async function signInWith(client: TeamClient, c: Credentials) {
  return c.inviteCode ? client.acceptInvite(c.email, c.inviteCode, c.password) : client.signIn(c.email, c.password);
}

/** An admin makes the team from this book: the server gets every synced row; this book stays the synced one. */
export async function createTeam(
  w: ChangeWriter,
  serverUrl: string,
  admin: { email: string; password: string },
): Promise<CreateTeamResponse> {
  const url = normaliseServerUrl(serverUrl);
  if (readSyncState(w.db).serverUrl)
    throw new AppError('conflict', 'This book already syncs with a team server.', { teamError: 'already-team' });
  const people = (
    w.db.prepare("SELECT id, email FROM reps WHERE email IS NOT NULL AND email <> '' AND deleted_at IS NULL").all() as {
      id: string;
      email: string;
    }[]
  ).map((p) => ({ id: p.id, email: p.email }));
  if (!people.some((p) => p.email.toLowerCase() === admin.email.toLowerCase())) {
    throw new AppError(
      'invalid-input',
      `No person of this book has the email ${admin.email}: add yourself in Settings → Organisation first.`,
      { teamError: 'admin-not-in-book' },
    );
  }
  const client = new TeamClient(url);
  // Everything logged until now is in the upload: marked before reading, in one transaction with the
  // read, so a change made while the upload travels stays pending and is pushed by the next sync.
  const tables = w.db.transaction(() => {
    markAllAsSnapshot(w.db);
    return readBookTables(w.db);
  })();
  const created = await client.createTeam({ admin, snapshot: { tables }, people });
  const signedIn = await client.signIn(admin.email, admin.password);
  rememberSignIn(w.db, url, admin.email, signedIn);
  writeSyncState(w.db, { lastPosition: created.position, lastSyncAt: w.clock.now() });
  return created;
}

/** A person joins: sign in (or accept an invite), download the snapshot into a new book file. */
export async function joinTeam(serverUrl: string, c: Credentials, file: string, opts: OpenBookOptions = {}): Promise<ServerContext> {
  const url = normaliseServerUrl(serverUrl);
  if (fs.existsSync(file) && fs.statSync(file).size > 0) throw new AppError('conflict', `${path.basename(file)} exists already.`);
  const signedIn = await signInWith(new TeamClient(url), c);
  return joinSignedIn(url, c.email, signedIn, file, opts);
}

/** The join after sign-in (the team server's browser sign-in has its session already). */
export async function joinSignedIn(
  url: string,
  email: string,
  signedIn: SignInResponse,
  file: string,
  opts: OpenBookOptions = {},
): Promise<ServerContext> {
  const snapshot = await new TeamClient(url, signedIn.token).snapshot();
  const ctx = await openBook(file, { dailyBackup: false, ...opts });
  try {
    loadSnapshot(ctx.db, snapshot.tables);
    rememberSignIn(ctx.db, url, email, signedIn);
    writeSyncState(ctx.db, { lastPosition: snapshot.position, lastSyncAt: ctx.clock.now() });
  } catch (err) {
    ctx.db.close();
    throw err;
  }
  return ctx;
}

/** A fresh file name for a joined book in the data folder. */
export function teamBookFileName(now: string): string {
  return `team-${now.replace(/[-:T]/g, '').slice(0, 14)}-${crypto.randomBytes(2).toString('hex')}.sqlite`;
}

/** Signs in again (an expired session) on a book that already syncs with this server. */
export async function signInAgain(db: Db, c: Credentials): Promise<void> {
  const s = readSyncState(db);
  if (!s.serverUrl) throw new AppError('invalid-input', 'This book does not sync with a team yet: join a team or create one.');
  const signedIn = await signInWith(new TeamClient(s.serverUrl), c);
  if (s.personId && signedIn.person.id !== s.personId) {
    throw new AppError('forbidden', 'This book belongs to another person of the team: join the team as yourself (a new book).', {
      teamError: 'other-person',
    });
  }
  rememberSignIn(db, s.serverUrl, c.email, signedIn);
}

/**
 * Signs out: the server ends the session (its token is refused from then on), then the token is
 * forgotten here whatever the server said. serverEnded false: the server could not be reached or
 * refused, so the session stays valid there until it expires (the person is told).
 */
export async function signOut(db: Db): Promise<{ serverEnded: boolean }> {
  const s = readSyncState(db);
  // No token here: no session of this book left to end.
  let serverEnded = !s.serverUrl || !s.token;
  try {
    if (s.serverUrl && s.token) {
      await new TeamClient(s.serverUrl, s.token).signOut();
      serverEnded = true;
    }
  } catch (err) {
    if (!(err instanceof TeamOffline) && !(err instanceof AppError)) throw err;
  } finally {
    writeSyncState(db, { token: null });
  }
  return { serverEnded };
}

export interface StoredConflict {
  id: string;
  position: number | null;
  table: string;
  rowId: string;
  field: string | null;
  kind: 'same-field' | 'edit-on-deleted' | 'rejected';
  mine: unknown;
  theirs: unknown;
  reason: string | null;
}

export function openConflicts(db: Db): StoredConflict[] {
  const rows = db
    .prepare(
      `SELECT id, position, table_name AS "table", row_id AS rowId, field, kind, mine, theirs, reason
       FROM sync_conflicts WHERE resolved_at IS NULL ORDER BY position, id`,
    )
    .all() as (Omit<StoredConflict, 'mine' | 'theirs'> & { mine: string | null; theirs: string | null })[];
  return rows.map((r) => ({
    ...r,
    mine: r.mine === null ? null : JSON.parse(r.mine),
    theirs: r.theirs === null ? null : JSON.parse(r.theirs),
  }));
}

/**
 * "Keep theirs" resolves the conflict; "use mine" first makes a new local edit putting the lost
 * value back (pushed by the next sync, later in the server's order, so it wins), then resolves.
 */
export async function resolveConflict(w: ChangeWriter, id: string, useMine: boolean, client = clientFor(w.db)): Promise<void> {
  const c = openConflicts(w.db).find((x) => x.id === id);
  if (!c) throw new AppError('not-found', 'That conflict is no longer open.');
  if (useMine) {
    if (c.kind !== 'same-field' || !c.field)
      throw new AppError('invalid-input', 'Only a value overwritten by someone else can be put back.');
    w.db.transaction(() => updateRow(w, c.table, c.rowId, { [c.field!]: c.mine }))();
  }
  await client.resolveConflict(id);
  w.db.prepare('UPDATE sync_conflicts SET resolved_at = ? WHERE id = ?').run(w.clock.now(), id);
}
