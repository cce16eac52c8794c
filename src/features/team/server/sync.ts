import type { ChangeWriter } from '../../../platform/db/changeLog';
import type { Db } from '../../../platform/db/connection';
import { AppError } from '../../../shared/errors';
import { PUSH_MAX, type Conflict, type PushChange, type PushResult, type SignInResponse } from '../protocol';
import { applyPulledChange, revertLocalChange, withoutForeignKeys } from './applyRemote';
import { TeamClient, TeamOffline } from './client';
import { countPending, readOutbox, recordPushResults } from './outbox';
import { readSyncState, writeSyncState } from './state';
import { teamErrorCode, type TeamErrorCode } from './teamError';

// One sync: push the outbox (batches of at most PUSH_MAX, basePosition = the last pulled
// position), then pull pages until the server has no more, applying each page in one SQLite
// transaction, then store this person's open conflicts. The server's order is the one order.
// A server that cannot be reached leaves everything pending and records why (last_error).

export const PULL_PAGE = 1000;

export interface SyncReport {
  pushed: number;
  pulled: number;
  pending: number;
  lastPosition: number;
  /** A code the UI translates (teamError.ts). */
  error: TeamErrorCode | null;
}

const running = new WeakMap<Db, Promise<SyncReport>>();

export function clientFor(db: Db): TeamClient {
  const s = readSyncState(db);
  if (!s.serverUrl || !s.token)
    throw new AppError('forbidden', 'Sign in to a team server first (Settings → Team).', { teamError: 'signed-out' });
  return new TeamClient(s.serverUrl, s.token);
}

/** Runs one sync; a second call while one runs waits for it instead of pushing the same changes twice. */
export function syncNow(w: ChangeWriter, client = clientFor(w.db)): Promise<SyncReport> {
  const current = running.get(w.db);
  if (current) return current;
  const p = syncOnce(w, client).finally(() => running.delete(w.db));
  running.set(w.db, p);
  return p;
}

async function syncOnce(w: ChangeWriter, client: TeamClient): Promise<SyncReport> {
  const { db } = w;
  let pushed = 0;
  let pulled = 0;
  try {
    pushed = await pushOutbox(w, client);
    pulled = await pullAll(w, client);
    writeSyncState(db, { lastSyncAt: w.clock.now(), lastError: null });
  } catch (err) {
    if (!(err instanceof TeamOffline) && !(err instanceof AppError)) throw err;
    const error = teamErrorCode(err);
    writeSyncState(db, { lastError: error });
    return { pushed, pulled, pending: countPending(db), lastPosition: readSyncState(db).lastPosition, error };
  }
  return { pushed, pulled, pending: countPending(db), lastPosition: readSyncState(db).lastPosition, error: null };
}

async function pushOutbox(w: ChangeWriter, client: TeamClient): Promise<number> {
  let n = 0;
  for (;;) {
    const batch = readOutbox(w.db, PUSH_MAX);
    if (batch.length === 0) return n;
    const { results } = await client.push({ basePosition: readSyncState(w.db).lastPosition, changes: batch });
    w.db.transaction(() => settlePush(w, batch, results))();
    n += batch.length;
  }
}

/**
 * Records the server's answers; a change the server did not apply is taken back here. A
 * duplicate without a position is a retried change the server refused the first time (that
 * answer was lost on the way): it is taken back like the refusal. (A change the server applied
 * answers a retry with its position.)
 */
export function settlePush(w: ChangeWriter, batch: PushChange[], results: PushResult[]): void {
  const byId = new Map(results.map((r) => [r.id, r]));
  const missing = batch.filter((c) => !byId.has(c.id));
  if (missing.length > 0) throw new AppError('internal', `The team server did not answer for ${missing.length} pushed change(s).`);
  recordPushResults(w.db, results);
  const at = w.clock.now();
  for (const change of batch) {
    const r = byId.get(change.id)!;
    if (r.position === null && (r.outcome === 'rejected' || r.outcome === 'conflict' || r.outcome === 'duplicate'))
      revertLocalChange(w.db, change, w.newId(), at);
  }
}

async function pullAll(w: ChangeWriter, client: TeamClient): Promise<number> {
  let n = 0;
  for (;;) {
    const after = readSyncState(w.db).lastPosition;
    const page = await client.pull(after, PULL_PAGE);
    const cache = new Map<string, Set<string>>();
    withoutForeignKeys(w.db, () => {
      for (const change of [...page.changes].sort((a, b) => a.position - b.position)) applyPulledChange(w.db, change, cache);
      storeConflicts(w, page.conflicts);
      writeSyncState(w.db, { lastPosition: Math.max(after, page.last) });
    });
    n += page.changes.length;
    if (!page.more) return n;
  }
}

/** The server's list of this person's open conflicts replaces the local one. */
function storeConflicts(w: ChangeWriter, conflicts: Conflict[]): void {
  const now = w.clock.now();
  const upsert = w.db.prepare(
    `INSERT INTO sync_conflicts (id, position, table_name, row_id, field, kind, mine, theirs, reason, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`,
  );
  for (const c of conflicts) {
    upsert.run(
      c.id,
      c.position,
      c.table,
      c.rowId,
      c.field,
      c.kind,
      JSON.stringify(c.mine ?? null),
      JSON.stringify(c.theirs ?? null),
      c.reason,
      now,
    );
  }
  const open = new Set(conflicts.map((c) => c.id));
  const local = w.db.prepare('SELECT id FROM sync_conflicts WHERE resolved_at IS NULL').pluck().all() as string[];
  const close = w.db.prepare('UPDATE sync_conflicts SET resolved_at = ? WHERE id = ?');
  for (const id of local) if (!open.has(id)) close.run(now, id);
}

/** Remembers a signed-in person on this book. */
export function rememberSignIn(db: Db, serverUrl: string, email: string, signedIn: SignInResponse): void {
  writeSyncState(db, {
    serverUrl,
    email,
    token: signedIn.token,
    personId: signedIn.person.id,
    role: signedIn.person.role,
    lastError: null,
  });
}
