import type { Db } from './db/connection';
import type { Clock } from './db/changeLog';
import { zSettings, type Settings } from '../shared/contract/system';
import { DEFAULT_TIME_ZONE } from '../shared/bookTime';

export const defaultSettings: Settings = { locale: 'zh-CN', moneyWan: false, backupKeep: 14, timeZone: DEFAULT_TIME_ZONE };

/** App-wide settings, one JSON value per key. Features keep their own keys here too. */
export function readSetting<T>(db: Db, key: string, fallback: T): T {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  if (!row) return fallback;
  try {
    return JSON.parse(row.value) as T;
  } catch {
    return fallback;
  }
}

export function writeSetting(db: Db, clock: Clock, key: string, value: unknown): void {
  const at = clock.now();
  db.prepare(
    `INSERT INTO settings (key, value, created_at, updated_at, version) VALUES (?, ?, ?, ?, 1)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, version = version + 1`,
  ).run(key, JSON.stringify(value), at, at);
}

export function getSettings(db: Db): Settings {
  const stored = readSetting<Partial<Settings>>(db, 'app', {});
  const merged = zSettings.safeParse({ ...defaultSettings, ...stored });
  return merged.success ? merged.data : defaultSettings;
}

export function updateSettings(db: Db, clock: Clock, patch: Partial<Settings>): Settings {
  const next = zSettings.parse({ ...getSettings(db), ...patch });
  writeSetting(db, clock, 'app', next);
  return next;
}

/**
 * The book's time zone. Read on every "today" so a change in Settings takes effect at
 * once; a book not yet migrated (no settings table) is in the default zone.
 */
export function bookTimeZone(db: Db): string {
  try {
    return getSettings(db).timeZone;
  } catch {
    return defaultSettings.timeZone;
  }
}
