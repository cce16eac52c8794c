import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from './db/connection';
import { openDatabase } from './db/connection';
import { AppError } from '../shared/errors';
import { stampInZone } from '../shared/bookTime';
import { bookTimeZone } from './settings';
import { assertIsBook } from './db/bookIdentity';
import type { Migration } from './db/migrate';

// Backups go through SQLite's online backup API, so a copy taken while the app writes is
// still a consistent database. They live in one folder, newest kept, oldest pruned.

export interface BackupInfo {
  name: string;
  size: number;
  createdAt: string;
}

export async function backupTo(db: Db, dest: string): Promise<void> {
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const tmp = `${dest}.partial`;
  fs.rmSync(tmp, { force: true });
  await db.backup(tmp);
  fs.renameSync(tmp, dest);
}

/**
 * Backup names carry the wall-clock time in the book's time zone (`backup-YYYYMMDD-HHMMSSmmm-reason`),
 * the same convention as "today", so the first-start-of-the-day check compares like with like.
 * `now` is the book clock's instant (required: a pinned clock must name backups too).
 */
export async function createBackup(db: Db, dir: string, reason: string, keep: number, now: Date): Promise<string> {
  const base = `backup-${stampInZone(now, bookTimeZone(db))}-${reason.replace(/[^a-z0-9-]/gi, '')}`;
  // A pinned clock (SW_NOW) can name two backups alike: never overwrite one.
  let name = `${base}.sqlite`;
  for (let n = 2; fs.existsSync(path.join(dir, name)); n++) name = `${base}-${n}.sqlite`;
  await backupTo(db, path.join(dir, name));
  pruneBackups(dir, keep);
  return name;
}

export function listBackups(dir: string): BackupInfo[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /^backup-.*\.sqlite$/.test(f))
    .map((name) => {
      const st = fs.statSync(path.join(dir, name));
      return { name, size: st.size, createdAt: st.mtime.toISOString() };
    })
    .sort((a, b) => b.name.localeCompare(a.name));
}

export function pruneBackups(dir: string, keep: number): void {
  for (const b of listBackups(dir).slice(keep)) fs.rmSync(path.join(dir, b.name), { force: true });
}

/** True when a backup of `day` (the book's today) already exists (the first start of each day takes one). */
export function hasBackupOn(dir: string, day: string): boolean {
  const compact = day.replace(/-/g, '');
  return listBackups(dir).some((b) => b.name.startsWith(`backup-${compact}`));
}

/**
 * Checks a backup file is a sound book this app can open, before anything is replaced:
 * another program's database or a newer book is refused, and the file is only read.
 */
export function verifyBackup(file: string, migrations: Migration[]): void {
  let src: Db;
  try {
    src = openDatabase(file, { readonly: true, mustExist: true });
  } catch (err) {
    if (err instanceof AppError) throw new AppError('bad-file', `The backup cannot be used: ${err.message}`);
    throw err;
  }
  try {
    const ok = src.pragma('integrity_check', { simple: true });
    if (ok !== 'ok') throw new AppError('bad-file', `The backup is damaged: ${String(ok)}`);
    try {
      assertIsBook(src, migrations, file);
    } catch (err) {
      if (err instanceof AppError) throw new AppError(err.code, `The backup cannot be used: ${err.message}`, err.details);
      throw err;
    }
  } finally {
    src.close();
  }
}

/**
 * Replaces the database at `target` (which must be closed) by the backup's content, via
 * the backup API into a temp file and an atomic rename; stale WAL files are removed.
 */
export async function restoreInto(target: string, backupFile: string): Promise<void> {
  const src = new Database(backupFile, { readonly: true, fileMustExist: true });
  const tmp = `${target}.restoring`;
  try {
    fs.rmSync(tmp, { force: true });
    await src.backup(tmp);
  } finally {
    src.close();
  }
  for (const ext of ['-wal', '-shm']) fs.rmSync(target + ext, { force: true });
  fs.renameSync(tmp, target);
}
