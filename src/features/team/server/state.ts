import crypto from 'node:crypto';
import type { Db } from '../../../platform/db/connection';
import { secretStore } from '../../../platform/secrets';

// The book's one sync_state row: which team server, who is signed in, how far it has pulled.
// The session token is NOT in the book (a book file is copied, backed up, mailed): it is kept in
// the machine's secret store under the server's address and the book's session_ref, a random
// reference that is no credential. SyncState.token reads and writes it there.

export interface SyncState {
  serverUrl: string | null;
  personId: string | null;
  role: string | null;
  email: string | null;
  /** From the secret store, never the book. */
  token: string | null;
  lastPosition: number;
  lastSyncAt: string | null;
  lastError: string | null;
}

type Row = Omit<SyncState, 'token'> & { sessionRef: string | null; legacyToken: string | null };

const sessionKey = (serverUrl: string, ref: string) => `team-session ${serverUrl} ${ref}`;

function readRow(db: Db): Row | undefined {
  return db
    .prepare(
      `SELECT server_url AS serverUrl, person_id AS personId, role, email, last_position AS lastPosition,
              last_sync_at AS lastSyncAt, last_error AS lastError, session_ref AS sessionRef, token AS legacyToken
       FROM sync_state WHERE id = 1`,
    )
    .get() as Row | undefined;
}

export function readSyncState(db: Db): SyncState {
  moveTokenOutOfBook(db);
  const row = readRow(db);
  if (!row) {
    return {
      serverUrl: null,
      personId: null,
      role: null,
      email: null,
      token: null,
      lastPosition: 0,
      lastSyncAt: null,
      lastError: null,
    };
  }
  const { sessionRef, legacyToken, ...rest } = row;
  const stored = row.serverUrl && sessionRef ? secretStore().get(sessionKey(row.serverUrl, sessionRef)) : null;
  // An older book's token stays in the book only where no lasting store exists to move it to.
  return { ...rest, token: stored ?? legacyToken };
}

const COLUMNS: Record<Exclude<keyof SyncState, 'token'>, string> = {
  serverUrl: 'server_url',
  personId: 'person_id',
  role: 'role',
  email: 'email',
  lastPosition: 'last_position',
  lastSyncAt: 'last_sync_at',
  lastError: 'last_error',
};

export function writeSyncState(db: Db, patch: Partial<SyncState>): void {
  db.prepare('INSERT INTO sync_state (id) VALUES (1) ON CONFLICT(id) DO NOTHING').run();
  const { token, ...columns } = patch;
  const keys = Object.keys(columns) as (keyof typeof COLUMNS)[];
  if (keys.length > 0) {
    db.prepare(`UPDATE sync_state SET ${keys.map((k) => `${COLUMNS[k]} = ?`).join(', ')} WHERE id = 1`).run(
      ...keys.map((k) => columns[k] ?? null),
    );
  }
  if ('token' in patch) {
    storeToken(db, token ?? null);
    // A new token (or none) makes an older book's stored one stale: it leaves the book.
    if (readRow(db)?.legacyToken) eraseLegacyToken(db);
  }
}

/** Puts the token in the secret store (null: deletes it), under this book's server and reference. */
function storeToken(db: Db, token: string | null): void {
  const row = readRow(db)!;
  if (!row.serverUrl) return;
  let ref = row.sessionRef;
  if (!ref) {
    if (token === null) return;
    ref = crypto.randomBytes(16).toString('hex');
    db.prepare('UPDATE sync_state SET session_ref = ? WHERE id = 1').run(ref);
  }
  const key = sessionKey(row.serverUrl, ref);
  if (token === null) secretStore().delete(key);
  else secretStore().set(key, token);
}

/**
 * A book from before the secret store kept its token in sync_state.token: it moves to the store
 * when the store lasts (Electron's, `npm run web`'s; moving it into a process's memory, e.g. the
 * CLI's, would sign the book out). Runs on open and before every read of the state; a no-op once
 * the column is empty.
 */
export function moveTokenOutOfBook(db: Db): void {
  if (!secretStore().persistent) return;
  const legacy = db.prepare('SELECT token FROM sync_state WHERE id = 1 AND token IS NOT NULL').pluck().get() as string | undefined;
  if (legacy === undefined) return;
  storeToken(db, legacy);
  eraseLegacyToken(db);
}

/**
 * Empties sync_state.token with secure_delete on (SQLite zeroes the old bytes instead of leaving
 * them in the page), then checkpoints and truncates the write-ahead log, so the file keeps no copy.
 */
function eraseLegacyToken(db: Db): void {
  const secure = db.pragma('secure_delete', { simple: true }) as number;
  db.pragma('secure_delete = ON');
  try {
    db.prepare('UPDATE sync_state SET token = NULL WHERE id = 1').run();
  } finally {
    db.pragma(`secure_delete = ${secure}`);
  }
  if (!db.inTransaction) db.pragma('wal_checkpoint(TRUNCATE)');
}
