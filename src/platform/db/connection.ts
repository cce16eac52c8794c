import fs from 'node:fs';
import Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';

export type Db = Database.Database;

const SQLITE_HEADER = 'SQLite format 3\0';

export interface OpenOptions {
  /** Path to the native module built for the running runtime (Electron passes its own). */
  nativeBinding?: string;
  readonly?: boolean;
  /** Refuse to create the file when it does not exist. */
  mustExist?: boolean;
  /**
   * Runs on the open file before any write (even the switch to WAL); throws to refuse it.
   * openBook passes assertIsBook: not a book, or a book from a newer version.
   */
  identify?: (db: Db) => void;
}

/**
 * Opens a database file with WAL and foreign keys on. A file that is not a SQLite
 * database, is truncated, or is locked by another process is refused with a clear
 * error and is never written to.
 */
export function openDatabase(file: string, opts: OpenOptions = {}): Db {
  const exists = fs.existsSync(file);
  if (!exists && opts.mustExist) throw new AppError('not-found', `Database file not found: ${file}`);
  if (exists) checkHeader(file);
  let db: Db;
  try {
    db = new Database(file, {
      readonly: opts.readonly ?? false,
      fileMustExist: opts.mustExist ?? false,
      ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    });
  } catch (err) {
    throw explainOpenError(err, file);
  }
  try {
    db.pragma('busy_timeout = 2000');
    // A cheap read of the schema proves the file is a readable database before any write.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    opts.identify?.(db);
    if (!opts.readonly) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    // FULL: a committed change survives a power cut, not only a crash (one fsync per commit).
    db.pragma('synchronous = FULL');
  } catch (err) {
    db.close();
    throw explainOpenError(err, file);
  }
  return db;
}

function checkHeader(file: string): void {
  const size = fs.statSync(file).size;
  if (size === 0) return; // an empty file is a new database to SQLite
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(100);
    const n = fs.readSync(fd, buf, 0, 100, 0);
    if (n < 100 || buf.toString('latin1', 0, 16) !== SQLITE_HEADER) {
      throw new AppError(
        'db-damaged',
        `${file} is not a readable SQLite database (damaged or another kind of file). It was left untouched; restore a backup or start a new file.`,
      );
    }
    const pageSize = buf.readUInt16BE(16) === 1 ? 65536 : buf.readUInt16BE(16);
    const pageCount = buf.readUInt32BE(28);
    if (pageSize > 0 && pageCount > 0 && size < pageSize * pageCount) {
      throw new AppError(
        'db-damaged',
        `${file} is truncated (${size} bytes, header says ${pageSize * pageCount}). It was left untouched; restore a backup or start a new file.`,
      );
    }
  } finally {
    fs.closeSync(fd);
  }
}

function explainOpenError(err: unknown, file: string): AppError {
  if (err instanceof AppError) return err;
  const msg = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: string }).code ?? '';
  if (/NODE_MODULE_VERSION|was compiled against a different Node\.js version/.test(msg)) {
    return new AppError('internal', `The SQLite native module was built for another runtime: ${msg}`);
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || /database is locked/i.test(msg)) {
    return new AppError('db-locked', `${file} is locked by another program. Close it there and try again, or open another file.`);
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || /not a database|malformed/i.test(msg)) {
    return new AppError('db-damaged', `${file} is damaged (${msg}). It was left untouched; restore a backup or start a new file.`);
  }
  return new AppError('internal', `Could not open ${file}: ${msg}`);
}
