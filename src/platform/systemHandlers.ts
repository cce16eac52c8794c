import path from 'node:path';
import type { Handlers } from './registry';
import type { systemContract } from '../shared/contract/system';
import { AppError } from '../shared/errors';
import { createBackup, listBackups } from './backup';
import { getSettings, updateSettings } from './settings';
import { schemaVersion } from './db/migrate';
import { restoreBook } from './book';

type C = typeof systemContract;

/**
 * Channels each platform answers itself (Electron's dialogs; the web server's uploads and
 * downloads; the test bridge's registered files): no server handler.
 */
export const PLATFORM_CHANNELS = ['files:pickOpen', 'files:pickSave'] as const;

export const systemHandlers: Handlers<Omit<C, (typeof PLATFORM_CHANNELS)[number]>> = {
  'app:info': (_in, ctx) => ({ version: ctx.appVersion, schemaVersion: schemaVersion(ctx.db), dbPath: ctx.dbPath, platform: ctx.platform }),
  'jobs:status': ({ jobId }, ctx) => ctx.jobs.status(jobId),
  'jobs:cancel': ({ jobId }, ctx) => {
    ctx.jobs.cancel(jobId);
    return { ok: true as const };
  },
  'settings:get': (_in, ctx) => getSettings(ctx.db),
  'settings:update': (patch, ctx) => updateSettings(ctx, patch),
  'backup:list': (_in, ctx) => listBackups(ctx.backupDir),
  'backup:create': async (_in, ctx) => ({
    name: await createBackup(ctx.db, ctx.backupDir, 'manual', getSettings(ctx.db).backupKeep, new Date(ctx.clock.now())),
  }),
  'backup:restore': async ({ name }, ctx) => {
    if (!listBackups(ctx.backupDir).some((b) => b.name === name)) throw new AppError('not-found', 'No such backup.');
    await restoreBook(ctx, path.join(ctx.backupDir, name));
    return { ok: true as const };
  },
  'changes:forRow': ({ rowId, limit }, ctx) => {
    const rows = ctx.db
      .prepare('SELECT id, at, table_name, op, changes FROM change_log WHERE row_id = ? ORDER BY seq DESC LIMIT ?')
      .all(rowId, limit) as { id: string; at: string; table_name: string; op: string; changes: string }[];
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      table: r.table_name,
      op: r.op,
      changes: JSON.parse(r.changes) as Record<string, [unknown, unknown]>,
    }));
  },
};
