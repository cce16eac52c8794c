import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';

/** Beside this file; SW_TEAM_MIGRATIONS_DIR when the code runs bundled elsewhere (the benchmark's worker). */
const migrationsDir = () => process.env.SW_TEAM_MIGRATIONS_DIR ?? path.join(import.meta.dirname, 'migrations');
const FILE = /^(\d{4})_[a-z0-9_]+\.sql$/;
// Any constant: two servers starting on one database migrate one after the other.
const MIGRATION_LOCK = 72_021;

/**
 * Applies the forward-only migrations in pg/migrations not yet in schema_version, each in its
 * own transaction, in file order. Runs as the connection's user (a superuser, or a role that
 * may create roles): the files create the roles they need.
 */
export async function migrate(pool: pg.Pool): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
    );
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_version')).rows.map((r) => r.version));
    const applied: number[] = [];
    for (const name of fs
      .readdirSync(migrationsDir())
      .filter((f) => FILE.test(f))
      .sort()) {
      const version = Number(FILE.exec(name)![1]);
      if (done.has(version)) continue;
      const sql = fs.readFileSync(path.join(migrationsDir(), name), 'utf8');
      await client.query('BEGIN');
      try {
        await client.query(sql);
        await client.query('RESET ROLE');
        await client.query('INSERT INTO schema_version (version, name) VALUES ($1, $2)', [version, name]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw new Error(`team migration ${name} failed: ${(e as Error).message}`);
      }
      applied.push(version);
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
