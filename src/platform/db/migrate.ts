import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { markAsBook } from './bookIdentity';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** Where the .sql files live: beside this module in source, copied beside the bundle in builds. */
export function defaultMigrationsDir(): string {
  if (process.env.SW_MIGRATIONS_DIR) return process.env.SW_MIGRATIONS_DIR;
  return fileURLToPath(new URL('./migrations/', import.meta.url));
}

export function loadMigrations(dir = defaultMigrationsDir()): Migration[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const out: Migration[] = [];
  files.forEach((file, i) => {
    const m = FILE.exec(file);
    if (!m) throw new Error(`migration file name not NNNN_name.sql: ${file}`);
    const version = Number(m[1]);
    if (version !== i + 1) throw new Error(`migrations must be numbered 0001.. without gaps; found ${file}`);
    out.push({ version, name: m[2]!, sql: fs.readFileSync(path.join(dir, file), 'utf8') });
  });
  return out;
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies pending migrations, each in one transaction with its version bump. A database
 * made by a newer app is refused before anything is touched. `beforeMigrate` runs once
 * when something is pending (the caller takes a backup there).
 */
export function migrate(
  db: Database.Database,
  migrations: Migration[] = loadMigrations(),
  beforeMigrate?: (from: number, to: number) => void,
): { from: number; to: number } {
  const from = schemaVersion(db);
  const latest = migrations.length;
  if (from > latest) {
    throw new AppError(
      'db-newer',
      `This database was made by a newer version of the app (schema ${from}; this app knows up to ${latest}). Open it with the newer version; it was not changed.`,
      { schema: from, known: latest },
    );
  }
  if (from < latest) beforeMigrate?.(from, latest);
  for (const m of migrations.slice(from)) {
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  // New books, and books from before the id existed (the caller identified them), say what they are.
  markAsBook(db);
  return { from, to: latest };
}
