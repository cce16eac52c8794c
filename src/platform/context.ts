import path from 'node:path';
import type { Db } from './db/connection';
import type { ChangeWriter, Clock } from './db/changeLog';
import { FileGateway } from './files';
import { JobRegistry } from './jobs';
import { uuidv7 } from './db/uuidv7';
import { dateInZone } from '../shared/bookTime';
import { bookTimeZone } from './settings';
import type { Settings } from '../shared/contract/system';

export type Platform = 'electron' | 'web' | 'cli' | 'test';

/** Everything a handler may touch. Built once per open database by each front door. */
export interface ServerContext extends ChangeWriter {
  db: Db;
  clock: Clock;
  newId(): string;
  dbPath: string;
  /** Folder for backups (beside the database in the user-data folder). */
  backupDir: string;
  files: FileGateway;
  jobs: JobRegistry;
  platform: Platform;
  appVersion: string;
  /** The data folder's books, where the front door lets the user switch (not the CLI). */
  shelf?: Shelf;
}

/**
 * The data folder's books as a handler switches them. BookShelf (./bookShelf.ts) implements
 * it; declared here so that the context and the shelf (which builds contexts) do not import
 * each other.
 */
export interface Shelf {
  /** The folder the shelf's books live in (a joined team book is made there). */
  readonly dataDir: string;
  isOpen(): boolean;
  list(): ShelfBook[];
  openDemo(): Promise<void>;
  createBook(input: NewBookInput): Promise<void>;
  openById(id: string): Promise<void>;
  openPath(file: string, opts?: { demo?: boolean; remember?: boolean }): Promise<void>;
  identityChanged(): void;
}

export interface ShelfBook {
  /** Opaque to the renderer: it never names a path. */
  id: string;
  fileName: string;
  companyName: string;
  demo: boolean;
  current: boolean;
}

export interface NewBookInput {
  companyName: string;
  timeZone: string;
  locale: Settings['locale'];
}

/**
 * The clock of a book: `now` is the instant (UTC), `today` the calendar date at that
 * instant in the book's time zone, never the machine's. `instant` is injectable so the
 * CLI (SW_NOW, --today) and tests can pin it.
 */
export function bookClock(db: Db, instant: () => Date = () => new Date()): Clock {
  return {
    now: () => instant().toISOString(),
    today: () => dateInZone(instant(), bookTimeZone(db)),
  };
}

export interface ClockOptions {
  /** The instant the book's clock reads (default: the system clock). */
  instant?: () => Date;
  /** A fixed "today" (the CLI's --today), overriding the date the instant gives. */
  today?: string;
}

export function createContext(db: Db, dbPath: string, opts: Partial<ServerContext> & ClockOptions = {}): ServerContext {
  const clock = opts.clock ?? bookClock(db, opts.instant);
  const fixedToday = opts.today;
  return {
    db,
    dbPath,
    clock: fixedToday ? { now: () => clock.now(), today: () => fixedToday } : clock,
    newId: opts.newId ?? (() => uuidv7()),
    backupDir: opts.backupDir ?? path.join(path.dirname(path.resolve(dbPath)), 'backups'),
    files: opts.files ?? new FileGateway(),
    jobs: opts.jobs ?? new JobRegistry(),
    platform: opts.platform ?? 'cli',
    appVersion: opts.appVersion ?? '0.1.0',
    ...(opts.shelf ? { shelf: opts.shelf } : {}),
  };
}
