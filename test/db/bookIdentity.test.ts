import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openBook, restoreBook } from '../../src/app/book';
import { recoverFromBackup } from '../../src/platform/bookLocation';
import { runCli } from '../../src/app/cli/main';
import { BOOK_APPLICATION_ID, tablesOfSchema } from '../../src/platform/db/bookIdentity';
import { loadMigrations } from '../../src/platform/db/migrate';
import { fixedClock, tempDirPerTest } from './helpers';

// A book knows it is a book: SQLite's application_id (header offset 68) says "SWBK". Files
// that are not books are refused with a message that says so, and stay byte-identical.
const dir = tempDirPerTest();

const FOSSIL_APPLICATION_ID = 0x0f055112; // another program's registered id (Fossil SCM)

/** Application id straight from the file header, as `file(1)` reads it. */
const headerAppId = (file: string) => fs.readFileSync(file).readUInt32BE(68);

function sqliteFile(file: string, setup: (db: Database.Database) => void): Buffer {
  const db = new Database(file);
  setup(db);
  db.close();
  return fs.readFileSync(file);
}

function expectUntouched(file: string, before: Buffer) {
  expect(fs.readFileSync(file).equals(before)).toBe(true);
  for (const ext of ['-wal', '-shm', '-journal']) expect(fs.existsSync(file + ext), ext).toBe(false);
}

async function newBook(file: string, territory = '华东区') {
  const ctx = await openBook(file, { clock: fixedClock() });
  ctx.db
    .prepare("INSERT INTO territories (id,name_zh,name_en,created_at,updated_at) VALUES ('t1',?,'East','2026-01-01','2026-01-01')")
    .run(territory);
  return ctx;
}

describe('application_id', () => {
  it('is "SWBK" on a new book and on its backups', async () => {
    expect(BOOK_APPLICATION_ID.toString(16)).toBe(Buffer.from('SWBK').toString('hex'));
    const d = dir();
    const file = path.join(d, 'b.sqlite');
    const ctx = await newBook(file);
    expect(ctx.db.pragma('application_id', { simple: true })).toBe(BOOK_APPLICATION_ID);
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(headerAppId(file)).toBe(BOOK_APPLICATION_ID);
    expect(fs.readFileSync(file).subarray(68, 72).toString('latin1')).toBe('SWBK');
    const out = path.join(d, 'copy.sqlite');
    expect(
      await runCli(
        ['--db', file, 'backup', out],
        () => {},
        () => {},
      ),
    ).toBe(0);
    expect(headerAppId(out)).toBe(BOOK_APPLICATION_ID);
    ctx.db.close();
  });

  it('is set on a book made before it existed (id 0, recognised by its tables), keeping its data', async () => {
    const d = dir();
    const file = path.join(d, 'old.sqlite');
    const ctx = await newBook(file, '旧账本');
    ctx.db.pragma('application_id = 0');
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    ctx.db.close();
    expect(headerAppId(file)).toBe(0);
    const again = await openBook(file, { clock: fixedClock() });
    expect(again.db.pragma('application_id', { simple: true })).toBe(BOOK_APPLICATION_ID);
    expect(again.db.prepare('SELECT name_zh FROM territories').pluck().all()).toEqual(['旧账本']);
    again.db.close();
  });

  it('recognises old books by every table their schema version promises', () => {
    const all = loadMigrations();
    expect(tablesOfSchema(all, 1)).toEqual(expect.arrayContaining(['territories', 'accounts', 'settings', 'change_log']));
    expect(tablesOfSchema(all, all.length).length).toBeGreaterThan(tablesOfSchema(all, 1).length);
  });
});

describe('a file that is not a book is refused and left byte-identical', () => {
  it("another program's SQLite file (its own application_id)", async () => {
    const file = path.join(dir(), 'fossil.sqlite');
    const before = sqliteFile(file, (db) => {
      db.pragma(`application_id = ${FOSSIL_APPLICATION_ID}`);
      db.exec("CREATE TABLE blob (rid INTEGER PRIMARY KEY, content BLOB); INSERT INTO blob (content) VALUES ('x')");
    });
    await expect(openBook(file)).rejects.toMatchObject({
      code: 'bad-file',
      message: expect.stringMatching(/is not a Sales Workstation book: it is another program's SQLite file \(application_id 0x0f055112/),
    });
    expectUntouched(file, before);
  });

  it('a SQLite file with other tables and no application_id', async () => {
    const file = path.join(dir(), 'notes.sqlite');
    const before = sqliteFile(file, (db) =>
      db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('hello')"),
    );
    await expect(openBook(file)).rejects.toMatchObject({
      code: 'bad-file',
      message: expect.stringContaining('a SQLite database with other tables (notes)'),
    });
    expectUntouched(file, before);
  });

  it('a SQLite file that uses user_version for its own schema but has none of the book tables', async () => {
    const file = path.join(dir(), 'other.sqlite');
    const before = sqliteFile(file, (db) => {
      db.exec('CREATE TABLE accounts (id INTEGER PRIMARY KEY, iban TEXT)');
      db.pragma('user_version = 3');
    });
    await expect(openBook(file)).rejects.toMatchObject({
      code: 'bad-file',
      message: expect.stringMatching(/schema version is 3 but it lacks the book's tables territories/),
    });
    expectUntouched(file, before);
  });

  it('a book from a newer version of the app', async () => {
    const d = dir();
    const file = path.join(d, 'newer.sqlite');
    const ctx = await newBook(file);
    ctx.db.pragma('user_version = 999');
    ctx.db.pragma('journal_mode = DELETE');
    ctx.db.close();
    const before = fs.readFileSync(file);
    await expect(openBook(file)).rejects.toMatchObject({
      code: 'db-newer',
      message: expect.stringContaining('newer version of the app (schema 999'),
    });
    expectUntouched(file, before);
  });
});

describe('restoring a file that is not a book', () => {
  it('is refused by restore (CLI and Settings) and by recovery; the current book and the file are unchanged', async () => {
    const d = dir();
    const bookFile = path.join(d, 'book.sqlite');
    const ctx = await newBook(bookFile, '当前账本');
    ctx.db.close();
    const foreign = path.join(d, 'foreign.sqlite');
    const foreignBefore = sqliteFile(foreign, (db) => {
      db.pragma(`application_id = ${FOSSIL_APPLICATION_ID}`);
      db.exec('CREATE TABLE territories (id TEXT)'); // even a table of the same name
    });
    const notes = path.join(d, 'notes.sqlite');
    const notesBefore = sqliteFile(notes, (db) => db.exec('CREATE TABLE notes (t TEXT)'));

    // The restore CLI
    const err: string[] = [];
    expect(
      await runCli(
        ['--db', bookFile, 'restore', foreign],
        () => {},
        (s) => err.push(s),
      ),
    ).not.toBe(0);
    expect(err.join('\n')).toMatch(/The backup cannot be used: .*foreign\.sqlite is not a Sales Workstation book/);
    expectUntouched(foreign, foreignBefore);

    // restoreBook, as Settings calls it
    const open = await openBook(bookFile, { clock: fixedClock() });
    await expect(restoreBook(open, notes)).rejects.toMatchObject({
      code: 'bad-file',
      message: expect.stringContaining('not a Sales Workstation book'),
    });
    expect(open.db.prepare('SELECT name_zh FROM territories').pluck().all()).toEqual(['当前账本']);
    open.db.close();
    expectUntouched(notes, notesBefore);

    // Recovery after a damaged book: no new book file is made from it
    const userData = path.join(d, 'user');
    fs.mkdirSync(userData);
    await expect(recoverFromBackup(userData, foreign)).rejects.toMatchObject({ code: 'bad-file' });
    expect(fs.readdirSync(userData)).toEqual([]);
    expectUntouched(foreign, foreignBefore);
  });

  it('a backup from a newer version is refused', async () => {
    const d = dir();
    const bookFile = path.join(d, 'book.sqlite');
    const ctx = await newBook(bookFile);
    const newer = path.join(d, 'newer.sqlite');
    await ctx.db.backup(newer);
    const raw = new Database(newer);
    raw.pragma('user_version = 999');
    raw.pragma('journal_mode = DELETE'); // as a file copied from another machine would be
    raw.close();
    const before = fs.readFileSync(newer);
    await expect(restoreBook(ctx, newer)).rejects.toMatchObject({ code: 'db-newer' });
    expectUntouched(newer, before);
    ctx.db.close();
  });
});
