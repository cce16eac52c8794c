import type { Db } from './db/connection';
import { logChange, type ChangeWriter, type Clock } from './db/changeLog';
import { zSettings, type Settings } from '../shared/contract/system';
import { DEFAULT_TIME_ZONE } from '../shared/bookTime';
import { AppError } from '../shared/errors';

// A book's settings, one JSON value per key, of two kinds (migration 0015):
// - the team's, table `settings` (a synced table): the method's configuration every member
//   works by — 'app' (the book's time zone), 'pareto', 'pipeline', the receivables policy.
//   Written through the change log, so a team book pushes them; only the team's admin may.
// - this book's own, table `local_settings` (never synced): the person's preferences ('prefs':
//   language, money in 万, backups kept) and the book's identity ('book').
// A feature keeping a key of its own chooses by that question: must every member have it?

export const defaultSettings: Settings = { locale: 'zh-CN', moneyWan: false, backupKeep: 14, timeZone: DEFAULT_TIME_ZONE };

type Prefs = Omit<Settings, 'timeZone'>;
const PREFS_KEY = 'prefs';
/** The team key holding the time zone ('app' since before the split, so earlier teams keep their row). */
const ZONE_KEY = 'app';

function parsed<T>(row: { value: string } | undefined, fallback: T): T {
  if (!row) return fallback;
  try {
    return JSON.parse(row.value) as T;
  } catch {
    return fallback;
  }
}

/** A team setting (synced). */
export function readSetting<T>(db: Db, key: string, fallback: T): T {
  return parsed(db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined, fallback);
}

/**
 * False in a book not yet migrated to 0015 (read before its migration, e.g. for the backup
 * taken before it): its own settings are still in `settings`, where they are then read and written.
 */
export function hasLocalSettings(db: Db): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'local_settings'").get() !== undefined;
}
const localTable = (db: Db) => (hasLocalSettings(db) ? 'local_settings' : 'settings');

/** One of this book's own settings (never synced); `legacyKey`: its key before 0015. */
export function readLocalSetting<T>(db: Db, key: string, fallback: T, legacyKey = key): T {
  const table = localTable(db);
  const row = db.prepare(`SELECT value FROM ${table} WHERE key = ?`).get(table === 'settings' ? legacyKey : key);
  return parsed(row as { value: string } | undefined, fallback);
}

export function writeLocalSetting(db: Db, clock: Clock, key: string, value: unknown): void {
  upsert(db, localTable(db), key, JSON.stringify(value), clock.now());
}

function upsert(db: Db, table: 'settings' | 'local_settings', key: string, value: string, at: string): void {
  db.prepare(
    `INSERT INTO ${table} (key, value, created_at, updated_at, version) VALUES (?, ?, ?, ?, 1)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, version = version + 1`,
  ).run(key, value, at, at);
}

export const TEAM_SETTINGS_ADMIN_ONLY =
  "Only the team's admin changes the team's settings (time zone, Pareto thresholds and visits, sales stages and pipeline review, receivables policy): this book syncs with a team and you are not its admin.";

/**
 * Whether this book may change the team's settings: any book that does not sync, and a synced
 * book only when its person is the team's admin (the server's row-level security refuses
 * anyone else, so the change would be taken back at the next sync). Reads sync_state, the
 * book's record of its team (migration 0013), directly: the platform does not import features.
 */
export function mayWriteTeamSettings(db: Db): boolean {
  const role = teamBookRole(db);
  return role === null || role === 'admin';
}

/** The role of the person a team book syncs as; null for a book that does not sync. */
export function teamBookRole(db: Db): string | null {
  const s = db.prepare('SELECT server_url AS url, role FROM sync_state WHERE id = 1').get() as
    { url: string | null; role: string | null } | undefined;
  return s?.url ? (s.role ?? '') : null;
}

/**
 * Writes a team setting and its change_log entry (the key is the row id: settings are keyed by
 * `key`), in one transaction. Nothing is written when the value is the same. In a team book of
 * someone who is not the admin it is refused before anything is written.
 */
export function writeSetting(w: ChangeWriter, key: string, value: unknown): void {
  const after = JSON.stringify(value);
  w.db.transaction(() => {
    const before = w.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
    if (before === after) return;
    if (!mayWriteTeamSettings(w.db)) throw new AppError('forbidden', TEAM_SETTINGS_ADMIN_ONLY);
    const at = w.clock.now();
    upsert(w.db, 'settings', key, after, at);
    logChange(w, 'settings', key, before === undefined ? 'insert' : 'update', { value: [before ?? null, after] }, null, at);
  })();
}

const zPrefs = zSettings.omit({ timeZone: true });

/** The person's preferences and the team's time zone; each falls back to its default on its own. */
export function getSettings(db: Db): Settings {
  const { timeZone: defaultZone, ...defaultPrefs } = defaultSettings;
  const prefs = zPrefs.safeParse({ ...defaultPrefs, ...readLocalSetting<Partial<Prefs>>(db, PREFS_KEY, {}, 'app') });
  const zone = zSettings.shape.timeZone.safeParse(readSetting<Partial<Settings>>(db, ZONE_KEY, {}).timeZone);
  return { ...(prefs.success ? prefs.data : defaultPrefs), timeZone: zone.success ? zone.data : defaultZone };
}

/** Preferences are this book's; the time zone is the team's (a change of it is pushed). */
export function updateSettings(w: ChangeWriter, patch: Partial<Settings>): Settings {
  const current = getSettings(w.db);
  const next = zSettings.parse({ ...current, ...patch });
  const prefs = zPrefs.parse(next);
  w.db.transaction(() => {
    if (next.timeZone !== current.timeZone) writeSetting(w, ZONE_KEY, { timeZone: next.timeZone });
    if (JSON.stringify(prefs) !== JSON.stringify(zPrefs.parse(current))) writeLocalSetting(w.db, w.clock, PREFS_KEY, prefs);
  })();
  return next;
}

/**
 * The book's time zone. Read on every "today" so a change in Settings (or pulled from the
 * team) takes effect at once; a book not yet migrated (no settings table) is in the default zone.
 */
export function bookTimeZone(db: Db): string {
  try {
    return getSettings(db).timeZone;
  } catch {
    return defaultSettings.timeZone;
  }
}
