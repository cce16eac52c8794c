import path from 'node:path';
import type { Handlers } from '../../../platform/registry';
import type { Db } from '../../../platform/db/connection';
import { AppError } from '../../../shared/errors';
import type { teamContract } from '../contract';
import { TEAM_ROLES, type TeamRole } from '../protocol';
import { countPending } from './outbox';
import { readSyncState } from './state';
import { syncNow } from './sync';
import { isTeamErrorCode, withTeamErrors } from './teamError';
import { createTeam, joinTeam, openConflicts, resolveConflict, signInAgain, signOut, teamBookFileName } from './team';

type C = typeof teamContract;
const ok = { ok: true as const };

const LABEL_COLUMNS = ['name', 'title', 'name_zh', 'number'];

/** A row's name for the conflicts list (the first name-like column it has), or null. */
function labelOf(db: Db, table: string, rowId: string): string | null {
  if (!/^[a-z_]+$/.test(table)) return null;
  const cols = new Set((db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name));
  const col = LABEL_COLUMNS.find((c) => cols.has(c));
  if (!col || !cols.has('id')) return null;
  const v = db.prepare(`SELECT ${col} FROM ${table} WHERE id = ?`).pluck().get(rowId);
  return v === undefined || v === null ? null : String(v);
}

const asRole = (r: string | null): TeamRole | null => ((TEAM_ROLES as readonly string[]).includes(r ?? '') ? (r as TeamRole) : null);

export const teamHandlers: Handlers<C> = {
  'team:status': (_in, ctx) => {
    const s = readSyncState(ctx.db);
    // A code (older books may hold English text from before codes: shown as 'failed').
    const lastError = s.lastError === null ? null : isTeamErrorCode(s.lastError) ? s.lastError : 'failed';
    return {
      serverUrl: s.serverUrl,
      email: s.email,
      role: asRole(s.role),
      // A token the server refused at the last sync is no session: the panel asks to sign in again.
      signedIn: !!s.token && lastError !== 'signed-out',
      lastSyncAt: s.lastSyncAt,
      lastPosition: s.lastPosition,
      pending: s.serverUrl ? countPending(ctx.db) : 0,
      conflicts: ctx.db.prepare('SELECT count(*) FROM sync_conflicts WHERE resolved_at IS NULL').pluck().get() as number,
      lastError,
    };
  },
  'team:signIn': async (input, ctx) => {
    await withTeamErrors(() => signInAgain(ctx.db, input));
    return ok;
  },
  'team:createTeam': async ({ serverUrl, email, password }, ctx) => {
    const created = await withTeamErrors(() => createTeam(ctx, serverUrl, { email, password }));
    return { invites: created.invites };
  },
  'team:join': async (input, ctx) => {
    if (!ctx.shelf) throw new AppError('forbidden', 'A team is joined in the app (it makes a new book in the data folder).');
    const file = path.join(ctx.shelf.dataDir, teamBookFileName(ctx.clock.now()));
    const joined = await withTeamErrors(() => joinTeam(input.serverUrl, input, file));
    joined.db.close();
    await ctx.shelf.openPath(file);
    return ok;
  },
  'team:syncNow': (_in, ctx) => syncNow(ctx),
  'team:conflicts': (_in, ctx) => openConflicts(ctx.db).map((c) => ({ ...c, label: labelOf(ctx.db, c.table, c.rowId) })),
  'team:resolveConflict': async ({ id, useMine }, ctx) => {
    await withTeamErrors(() => resolveConflict(ctx, id, useMine));
    return ok;
  },
  'team:signOut': async (_in, ctx) => ({ ...ok, ...(await signOut(ctx.db)) }),
};
