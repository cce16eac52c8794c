import type { Db } from './connection';

// Validated import rows parked in a TEMP table (SQLite's temporary file, not the book)
// between reading the file and writing the book. An import is all-or-nothing, so nothing
// is written until every row has been read and checked; holding a million checked rows as
// JavaScript objects until then took about 1.5 KB each (over 1 GB at 1,000,000 accounts).
// Parked, they cost a few MB of page cache whatever the file's size. Rows are parked in
// batches, each one short synchronous transaction on the temp schema only, so the book is
// untouched and other work on the connection between batches is not drawn into it.

const BATCH = 5000;

export class ImportStage<T> {
  private readonly table: string;
  private readonly insert;
  private pending: T[] = [];
  private count = 0;

  /** `unique` (hex, e.g. an id without dashes) names the temp table, so two imports never share one. */
  constructor(
    private readonly db: Db,
    unique: string,
  ) {
    if (!/^[0-9a-f]+$/i.test(unique)) throw new Error(`import stage name must be hex: ${unique}`);
    this.table = `temp.import_stage_${unique}`;
    db.exec(`CREATE TABLE ${this.table} (seq INTEGER PRIMARY KEY, data TEXT NOT NULL)`);
    this.insert = db.prepare(`INSERT INTO ${this.table} (seq, data) VALUES (?, ?)`);
  }

  get size(): number {
    return this.count + this.pending.length;
  }

  add(row: T): void {
    this.pending.push(row);
    if (this.pending.length >= BATCH) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const rows = this.pending;
    this.pending = [];
    this.db.transaction(() => {
      for (const r of rows) this.insert.run(++this.count, JSON.stringify(r));
    })();
  }

  /**
   * The parked rows in the order they were added, a batch at a time (a statement may not
   * stay open while the caller writes on the same connection). Usable inside a transaction.
   */
  *rows(): Generator<T> {
    this.flush();
    const next = this.db.prepare(`SELECT seq, data FROM ${this.table} WHERE seq > ? ORDER BY seq LIMIT ${BATCH}`).raw();
    for (let after = 0; after < this.count;) {
      const batch = next.all(after) as [number, string][];
      if (batch.length === 0) break;
      for (const [seq, data] of batch) {
        after = seq;
        yield JSON.parse(data) as T;
      }
    }
  }

  /** Drops the table (always call, in a finally). */
  dispose(): void {
    this.pending = [];
    this.db.exec(`DROP TABLE IF EXISTS ${this.table}`);
  }
}
