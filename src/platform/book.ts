import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type Db, type OpenOptions } from './db/connection';
import { assertIsBook } from './db/bookIdentity';
import { loadMigrations, migrate, schemaVersion } from './db/migrate';
import { createContext, type ClockOptions, type ServerContext } from './context';
import { createBackup, hasBackupOn, restoreInto, verifyBackup } from './backup';
import { getSettings } from './settings';
import { AppError } from '../shared/errors';

// A "book" is one database file: opening it applies migrations (after a backup), takes
// the first backup of the day, and optionally seeds the demo company into a new file.

/**
 * What the app adds to opening a book: the demo company in a new demo file, and the work due at
 * each start of an existing book (the weekly forecast call). Platform code names no feature, so
 * the composition root installs these (src/app/book.ts, imported by src/app/handlers.ts).
 */
export interface BookLifecycle {
  seedDemo(ctx: ServerContext): void;
  onStart(ctx: ServerContext): void;
  /** At every open, after the migrations (e.g. moving a credential out of an older book). */
  onOpen?(ctx: ServerContext): void;
}

let lifecycle: BookLifecycle | null = null;

export function installBookLifecycle(l: BookLifecycle): void {
  lifecycle = l;
}

function installed(): BookLifecycle {
  if (!lifecycle)
    throw new AppError('internal', 'the book lifecycle is not installed: import src/app/book (the app does) before opening a book');
  return lifecycle;
}

export interface OpenBookOptions extends Partial<Omit<ServerContext, 'db' | 'dbPath'>>, ClockOptions {
  native?: OpenOptions['nativeBinding'];
  demo?: boolean;
  /** Skip the daily backup (CLI batch runs and benchmarks take their own). */
  dailyBackup?: boolean;
}

export async function openBook(dbPath: string, opts: OpenBookOptions = {}): Promise<ServerContext> {
  fs.mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true });
  const isNew = !fs.existsSync(dbPath) || fs.statSync(dbPath).size === 0;
  const migrations = loadMigrations();
  const identify = (db: Db) => assertIsBook(db, migrations, dbPath);
  const db = openDatabase(dbPath, { identify, ...(opts.native ? { nativeBinding: opts.native } : {}) });
  const ctx = createContext(db, dbPath, opts);
  try {
    // Back up the old schema before migrating an existing book (the backup API is async,
    // so this happens before migrate() rather than inside its callback).
    const version = schemaVersion(db);
    if (!isNew && version > 0 && version < migrations.length) {
      await createBackup(db, ctx.backupDir, `before-migration-${version}`, getSettings(db).backupKeep + 1, new Date(ctx.clock.now()));
    }
    migrate(db, migrations);
    lifecycle?.onOpen?.(ctx);
    if (isNew && opts.demo) installed().seedDemo(ctx);
    if (!isNew && (opts.dailyBackup ?? true) && !hasBackupOn(ctx.backupDir, ctx.clock.today())) {
      await createBackup(db, ctx.backupDir, 'daily', getSettings(db).backupKeep, new Date(ctx.clock.now()));
    }
    // The weekly forecast call is taken at the first start of each week (after its backup).
    if (!isNew && (opts.dailyBackup ?? true)) installed().onStart(ctx);
  } catch (err) {
    db.close();
    throw err;
  }
  return ctx;
}

/** Replaces the open book's content by a backup: verified first, current state backed up. */
export async function restoreBook(ctx: ServerContext, backupFile: string): Promise<void> {
  verifyBackup(backupFile, loadMigrations());
  await createBackup(ctx.db, ctx.backupDir, 'before-restore', getSettings(ctx.db).backupKeep + 1, new Date(ctx.clock.now()));
  ctx.db.close();
  try {
    await restoreInto(ctx.dbPath, backupFile);
  } finally {
    ctx.db = openDatabase(ctx.dbPath);
  }
  migrate(ctx.db);
}
