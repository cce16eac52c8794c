import type Database from 'better-sqlite3';
import type { Db } from '../../../platform/db/connection';

// Prepared statements kept per connection: compiling SQL costs more than running these
// small statements, and the demo, the import and the board call them many times.
const cache = new WeakMap<Db, Map<string, Database.Statement>>();

export function stmt(db: Db, sql: string): Database.Statement {
  let m = cache.get(db);
  if (!m) cache.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.prepare(sql)));
  return s;
}
