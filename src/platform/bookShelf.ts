import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openBook, type OpenBookOptions } from './book';
import { createContext, type NewBookInput, type ServerContext, type Shelf, type ShelfBook } from './context';
import { readBookIdentity, writeBookIdentity, type BookIdentity } from './bookIdentity';
import { updateSettings } from './settings';
import { currentBookPath, setCurrentBook } from './bookLocation';
import { AppError } from '../shared/errors';

// The books of one data folder (Electron's user-data folder, or ~/.sales-workstation for
// `npm run web`) and the one that is open. The demo company lives in its own file,
// demo.sqlite, and is only ever opened when the user asks for it; a team's book is a new
// empty file named by the instant it was made.
//
// The front doors (Electron's IPC, the web server, the test harness) hold ONE context
// object for the life of the process. Switching books swaps that object's database, path,
// clock and backup folder in place, so every holder of it keeps working unchanged. Before
// any book is open (the first start) the context has no database: a handler that reaches
// for one gets a clear "no book is open" error instead.

const RECENT = 'recent-books.json';
const RECENT_MAX = 10;
export const DEMO_FILE = 'demo.sqlite';

interface RecentEntry {
  path: string;
  companyName: string;
  demo: boolean;
}

const idOf = (file: string) => crypto.createHash('sha256').update(path.resolve(file)).digest('hex').slice(0, 16);

// New file names only need to be unique and sortable: the instant in UTC and a random tail.
const newFileName = () =>
  `book-${new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14)}-${crypto.randomBytes(2).toString('hex')}.sqlite`;

function noBook(): never {
  throw new AppError('not-found', "No book is open yet: explore the demo or start your team's book first.");
}

export class BookShelf implements Shelf {
  /** The one context the front door hands to every handler. */
  readonly ctx: ServerContext;
  private open = false;

  constructor(
    readonly dataDir: string,
    private readonly openOpts: OpenBookOptions = {},
  ) {
    this.ctx = createContext(null as never, '', { ...openOpts, shelf: this });
    this.detach();
  }

  /**
   * Opens the book to start with: the one named (--db, SW_DB), else the data folder's
   * current book if there is one. With neither, nothing is open and the first start asks.
   */
  async start(explicitPath?: string): Promise<ServerContext> {
    // A book named on the command line is opened as asked, and not made the folder's current one.
    if (explicitPath) await this.openPath(explicitPath, { remember: false });
    else {
      const current = currentBookPath(this.dataDir);
      if (fs.existsSync(current)) await this.openPath(current);
    }
    return this.ctx;
  }

  isOpen(): boolean {
    return this.open;
  }

  identity(): BookIdentity | null {
    return this.open ? readBookIdentity(this.ctx.db) : null;
  }

  /** The demo company, in its own file (created and seeded the first time). */
  async openDemo(): Promise<void> {
    await this.openPath(path.join(this.dataDir, DEMO_FILE), { demo: true });
  }

  /** A new, empty book for the user's team, with its name, time zone and language. */
  async createBook(input: NewBookInput): Promise<void> {
    const file = path.join(this.dataDir, newFileName());
    const next = await openBook(file, { ...this.openOpts, shelf: this });
    try {
      updateSettings(next, { timeZone: input.timeZone, locale: input.locale });
      writeBookIdentity(next.db, next.clock, { companyName: input.companyName, demo: false });
    } catch (err) {
      next.db.close();
      throw err;
    }
    this.swapIn(next);
  }

  /** Opens a book from the list (recent books and the data folder's books). */
  async openById(id: string): Promise<void> {
    const entry = this.candidates().find((f) => idOf(f) === id);
    if (!entry) throw new AppError('not-found', 'That book is no longer there.');
    await this.openPath(entry);
  }

  async openPath(file: string, opts: { demo?: boolean; remember?: boolean } = {}): Promise<void> {
    const target = path.resolve(file);
    if (this.open && path.resolve(this.ctx.dbPath) === target) return;
    this.swapIn(await openBook(target, { ...this.openOpts, shelf: this, demo: opts.demo ?? false }), opts.remember ?? true);
  }

  /** The open book's name or demo mark changed: the recent list says it too. */
  identityChanged(): void {
    if (!this.open) return;
    const entry = path.resolve(this.ctx.dbPath);
    if (!this.readRecent().some((r) => path.resolve(r.path) === entry)) return; // a book named with --db is not listed
    const identity = readBookIdentity(this.ctx.db);
    this.remember({ path: entry, companyName: identity.companyName, demo: identity.demo });
  }

  /** Recent books first, then the other books in the data folder. */
  list(): ShelfBook[] {
    const recent = this.readRecent();
    const known = new Map(recent.map((r) => [path.resolve(r.path), r]));
    const currentPath = this.open ? path.resolve(this.ctx.dbPath) : '';
    return this.candidates().map((file) => {
      const r = known.get(file);
      return {
        id: idOf(file),
        fileName: path.basename(file),
        companyName: r?.companyName ?? '',
        demo: r?.demo ?? path.basename(file) === DEMO_FILE,
        current: file === currentPath,
      };
    });
  }

  /** Closes the open book (WAL checkpointed) and leaves the context without one. */
  close(): void {
    if (!this.open) return;
    const db = this.ctx.db;
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    this.detach();
  }

  private candidates(): string[] {
    const recent = this.readRecent()
      .map((r) => path.resolve(r.path))
      .filter((p) => fs.existsSync(p));
    const inFolder = (fs.existsSync(this.dataDir) ? fs.readdirSync(this.dataDir) : [])
      .filter((f) => f.endsWith('.sqlite'))
      .map((f) => path.join(this.dataDir, f))
      .sort();
    return [...new Set([...recent, ...inFolder])];
  }

  private swapIn(next: ServerContext, remember = true): void {
    if (this.open && this.ctx.jobs.anyRunning()) {
      next.db.close();
      throw new AppError('conflict', 'A long task is still running in this book; wait for it or cancel it, then switch.');
    }
    this.close();
    const live = this.ctx;
    Object.defineProperty(live, 'db', { value: next.db, writable: true, configurable: true, enumerable: true });
    live.dbPath = next.dbPath;
    live.clock = next.clock;
    live.backupDir = next.backupDir;
    this.open = true;
    if (!remember) return;
    const identity = readBookIdentity(next.db);
    this.remember({ path: path.resolve(next.dbPath), companyName: identity.companyName, demo: identity.demo });
    setCurrentBook(this.dataDir, next.dbPath);
  }

  /** No book: the database is a getter that explains, the clock too. */
  private detach(): void {
    const live = this.ctx;
    Object.defineProperty(live, 'db', { get: noBook, configurable: true, enumerable: true });
    live.dbPath = '';
    live.clock = { now: () => new Date().toISOString(), today: noBook };
    this.open = false;
  }

  private readRecent(): RecentEntry[] {
    try {
      const v = JSON.parse(fs.readFileSync(path.join(this.dataDir, RECENT), 'utf8')) as unknown;
      return Array.isArray(v) ? (v as RecentEntry[]).filter((e) => typeof e?.path === 'string') : [];
    } catch {
      return [];
    }
  }

  private remember(entry: RecentEntry): void {
    fs.mkdirSync(this.dataDir, { recursive: true });
    const rest = this.readRecent().filter((e) => path.resolve(e.path) !== entry.path);
    fs.writeFileSync(path.join(this.dataDir, RECENT), JSON.stringify([entry, ...rest].slice(0, RECENT_MAX), null, 1));
  }
}
