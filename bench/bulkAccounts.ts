import fs from 'node:fs';
import Database from 'better-sqlite3';
import { openBook } from '../src/app/book';
import { accountRecords, REPS, seedOrg, TERRITORIES } from './data';

// A book of n accounts written straight into the migrated tables: the same records as
// makeAccountsBook (same seed, same names, values and grades), but one prepared statement
// with positional parameters in one transaction instead of insertRow per account. No
// change_log entries for the accounts (a bench book is never synced). At a million accounts
// this takes well under a minute where the change-logged path takes tens of minutes here.

/** A uuid v7-shaped id numbered by i: deterministic, increasing, so the primary key appends. */
export const bulkAccountId = (i: number): string => `01936b2a-0000-7000-8000-${i.toString(16).padStart(12, '0')}`;

export async function makeBulkAccountsBook(file: string, n: number, seed = 'bench'): Promise<void> {
  const tmp = `${file}.building`;
  for (const ext of ['', '-wal', '-shm']) fs.rmSync(tmp + ext, { force: true });
  const ctx = await openBook(tmp, { dailyBackup: false, platform: 'cli' });
  const { territoryIds, repIds } = seedOrg(ctx);
  ctx.db.close();
  const terr = new Map<string, string>(TERRITORIES.map(([zh], i) => [zh, territoryIds[i]!]));
  const reps = new Map<string, string>(REPS.map(([zh], i) => [zh, repIds[i]!]));
  const db = new Database(tmp);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  const insert = db.prepare(
    `INSERT INTO accounts (id, territory_id, owner_id, name, industry, city, sales_fen, sales_last_year_fen, profit_fen, grade, notes, created_at, updated_at)
     VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const at = '2026-01-05T09:00:00.000Z';
  db.transaction(() => {
    let i = 0;
    for (const r of accountRecords(n, seed)) {
      insert.run(
        bulkAccountId(i++),
        terr.get(r.territory)!,
        reps.get(r.owner)!,
        r.name,
        r.industry,
        r.city,
        Math.round(r.sales * 100),
        Math.round(r.salesLastYear * 100),
        Math.round(r.profit * 100),
        r.grade,
        r.notes || null,
        at,
        at,
      );
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  for (const ext of ['', '-wal', '-shm']) fs.rmSync(file + ext, { force: true });
  fs.renameSync(tmp, file);
}
