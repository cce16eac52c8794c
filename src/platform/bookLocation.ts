import fs from 'node:fs';
import path from 'node:path';
import { listBackups, restoreInto, verifyBackup } from './backup';
import { loadMigrations } from './db/migrate';

// Which file is "the book" in a user-data folder. After a damaged or locked file the user
// may restore a backup or start afresh: both go to a NEW file (the damaged one is never
// written to), and current-book.json remembers which file is current.

const POINTER = 'current-book.json';

export function currentBookPath(userData: string): string {
  try {
    const p = JSON.parse(fs.readFileSync(path.join(userData, POINTER), 'utf8')) as { file?: string; path?: string };
    if (p.file && /^[\w.-]+\.sqlite$/.test(p.file)) return path.join(userData, p.file);
    // A book opened from elsewhere ("Open a book…") is remembered by its full path.
    if (p.path && path.isAbsolute(p.path) && p.path.endsWith('.sqlite')) return p.path;
  } catch {
    // no pointer yet: the default book
  }
  return path.join(userData, 'book.sqlite');
}

function setCurrent(userData: string, file: string): string {
  fs.writeFileSync(path.join(userData, POINTER), JSON.stringify({ file: path.basename(file) }));
  return file;
}

/** Makes a book current: by name when it is in the data folder, else by its full path. */
export function setCurrentBook(userData: string, file: string): void {
  const abs = path.resolve(file);
  if (path.dirname(abs) === path.resolve(userData) && /^[\w.-]+\.sqlite$/.test(path.basename(abs))) setCurrent(userData, abs);
  else fs.writeFileSync(path.join(userData, POINTER), JSON.stringify({ path: abs }));
}

// New file names only need to be unique and sortable: the instant in UTC.
const stamp = () => new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);

/** Copies a verified backup into a new book file and makes it current. */
export async function recoverFromBackup(userData: string, backupFile: string): Promise<string> {
  verifyBackup(backupFile, loadMigrations());
  const target = path.join(userData, `book-restored-${stamp()}.sqlite`);
  await restoreInto(target, backupFile);
  return setCurrent(userData, target);
}

/** A new, empty book file made current; the old file stays where it is. */
export function startNewBook(userData: string): string {
  return setCurrent(userData, path.join(userData, `book-${stamp()}.sqlite`));
}

export function backupsFor(userData: string) {
  return listBackups(path.join(userData, 'backups'));
}
