import type { Db } from '../../../platform/db/connection';

// The book's one sync_state row: which team server, who is signed in, how far it has pulled.

export interface SyncState {
  serverUrl: string | null;
  personId: string | null;
  role: string | null;
  email: string | null;
  token: string | null;
  lastPosition: number;
  lastSyncAt: string | null;
  lastError: string | null;
}

export function readSyncState(db: Db): SyncState {
  const row = db
    .prepare(
      `SELECT server_url AS serverUrl, person_id AS personId, role, email, token, last_position AS lastPosition,
              last_sync_at AS lastSyncAt, last_error AS lastError FROM sync_state WHERE id = 1`,
    )
    .get() as SyncState | undefined;
  return (
    row ?? {
      serverUrl: null,
      personId: null,
      role: null,
      email: null,
      token: null,
      lastPosition: 0,
      lastSyncAt: null,
      lastError: null,
    }
  );
}

const COLUMNS: Record<keyof SyncState, string> = {
  serverUrl: 'server_url',
  personId: 'person_id',
  role: 'role',
  email: 'email',
  token: 'token',
  lastPosition: 'last_position',
  lastSyncAt: 'last_sync_at',
  lastError: 'last_error',
};

export function writeSyncState(db: Db, patch: Partial<SyncState>): void {
  db.prepare('INSERT INTO sync_state (id) VALUES (1) ON CONFLICT(id) DO NOTHING').run();
  const keys = Object.keys(patch) as (keyof SyncState)[];
  if (keys.length === 0) return;
  db.prepare(`UPDATE sync_state SET ${keys.map((k) => `${COLUMNS[k]} = ?`).join(', ')} WHERE id = 1`).run(
    ...keys.map((k) => patch[k] ?? null),
  );
}
