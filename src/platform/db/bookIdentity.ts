import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';

/**
 * SQLite's `application_id` (a 32-bit integer in the file header, offset 68) marks a file
 * as ours: 0x5357424B, the ASCII bytes "SWBK" (Sales Workstation BooK). `file(1)` and other
 * tools can tell a book from any other SQLite file by it. Every book gets it when created
 * or migrated; books made before it existed (id 0) get it on their next open, if they are
 * recognised by their tables.
 */
export const BOOK_APPLICATION_ID = 0x5357424b;

/** A migration as far as telling a book goes: its SQL (migrate.ts's Migration; not imported, as migrate imports this file). */
interface MigrationSql {
  sql: string;
}

const hex = (n: number) => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;

/** The tables the migrations up to `version` create (none of them drops a table). */
export function tablesOfSchema(migrations: readonly MigrationSql[], version: number): string[] {
  const out: string[] = [];
  for (const m of migrations.slice(0, version)) {
    for (const match of m.sql.matchAll(/CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?["`]?(\w+)/gi)) out.push(match[1]!);
  }
  return out;
}

/**
 * Refuses, before anything is written, a file this app must not treat as a book: another
 * program's SQLite file (a different application_id, or tables but no book schema), or a
 * book from a newer version. An empty database (new file) passes. Read-only: works on a
 * connection opened read-only (backups) as well.
 */
export function assertIsBook(db: Database.Database, migrations: readonly MigrationSql[], file: string): void {
  const appId = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  const known = migrations.length;
  const untouched = 'It was left untouched.';
  if (appId !== BOOK_APPLICATION_ID && appId !== 0) {
    throw new AppError(
      'bad-file',
      `${file} is not a Sales Workstation book: it is another program's SQLite file (application_id ${hex(appId)}, a book has ${hex(BOOK_APPLICATION_ID)}). ${untouched}`,
    );
  }
  if (version > known) {
    throw new AppError(
      'db-newer',
      `This database was made by a newer version of the app (schema ${version}; this app knows up to ${known}). Open it with the newer version; it was not changed.`,
      { schema: version, known },
    );
  }
  if (appId === BOOK_APPLICATION_ID) return;
  // application_id 0: a new empty file, a book from before the id existed, or someone else's.
  const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
  if (version === 0) {
    const objects = db.prepare('SELECT count(*) FROM sqlite_master').pluck().get() as number;
    if (objects === 0) return;
    throw new AppError(
      'bad-file',
      `${file} is not a Sales Workstation book: it is a SQLite database with other tables (${[...tables].slice(0, 5).join(', ')}). ${untouched}`,
    );
  }
  const missing = tablesOfSchema(migrations, version).filter((t) => !tables.has(t));
  if (missing.length) {
    throw new AppError(
      'bad-file',
      `${file} is not a Sales Workstation book: its schema version is ${version} but it lacks the book's tables ${missing.slice(0, 5).join(', ')}. ${untouched}`,
    );
  }
}

/** Marks an open, writable book as ours (idempotent; a header write, no transaction needed). */
export function markAsBook(db: Database.Database): void {
  if ((db.pragma('application_id', { simple: true }) as number) !== BOOK_APPLICATION_ID)
    db.pragma(`application_id = ${BOOK_APPLICATION_ID}`);
}
