import path from 'node:path';
import type { Db } from './db/connection';
import type { ChangeWriter, Clock } from './db/changeLog';
import { FileGateway } from './files';
import { JobRegistry } from './jobs';
import { uuidv7 } from './db/uuidv7';
import { localToday } from '../shared/dates';

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
}

export const systemClock: Clock = {
  now: () => new Date().toISOString(),
  today: () => localToday(),
};

export function createContext(db: Db, dbPath: string, opts: Partial<ServerContext> = {}): ServerContext {
  return {
    db,
    dbPath,
    clock: opts.clock ?? systemClock,
    newId: opts.newId ?? (() => uuidv7()),
    backupDir: opts.backupDir ?? path.join(path.dirname(path.resolve(dbPath)), 'backups'),
    files: opts.files ?? new FileGateway(),
    jobs: opts.jobs ?? new JobRegistry(),
    platform: opts.platform ?? 'cli',
    appVersion: opts.appVersion ?? '0.1.0',
  };
}
