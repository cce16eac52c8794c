import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from './connection';
import { loadMigrations, migrate } from './migrate';
import { readBookIdentity } from '../bookIdentity';
import { getSettings, readSetting, updateSettings } from '../settings';
import { openBook } from '../../app/book';
import { createRegistry } from '../../app/handlers';
import { fixedClock, tempDir } from '../../../test/db/helpers';

// Migration 0015 and the two kinds of settings: the team's (synced, written through the change
// log) and this book's own (the person's preferences, the book's identity: never synced).

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir('sw-local-settings-')));
afterEach(() => cleanup());

const at = '2026-11-01T00:00:00.000Z';

function bookBefore0015(file: string, rows: Record<string, string>) {
  const all = loadMigrations();
  const before = all.findIndex((m) => m.name === 'local_settings');
  expect(before).toBeGreaterThan(0);
  const db = openDatabase(path.join(dir, file));
  migrate(db, all.slice(0, before));
  const insert = db.prepare('INSERT INTO settings (key, value, created_at, updated_at, version) VALUES (?, ?, ?, ?, 3)');
  for (const [key, value] of Object.entries(rows)) insert.run(key, value, at, at);
  return { db, all };
}

const rowsOf = (db: ReturnType<typeof openDatabase>, table: string) =>
  Object.fromEntries(
    (db.prepare(`SELECT key, value FROM ${table} ORDER BY key`).all() as { key: string; value: string }[]).map((r) => [r.key, r.value]),
  );

describe('migration 0015 (settings split into the team’s and the book’s own)', () => {
  it('keeps every value: the time zone stays a team setting, preferences and identity become the book’s own', () => {
    const pareto = '{"measure":"profit","a":70,"b":90}';
    const { db, all } = bookBefore0015('older.sqlite', {
      app: '{"locale":"en","moneyWan":true,"backupKeep":7,"timeZone":"Europe/Berlin"}',
      book: '{"companyName":"Acme 华东","demo":false}',
      pareto,
    });
    // Read before the migration (the backup taken before it does): still where it was.
    expect(getSettings(db)).toEqual({ locale: 'en', moneyWan: true, backupKeep: 7, timeZone: 'Europe/Berlin' });
    expect(readBookIdentity(db)).toEqual({ companyName: 'Acme 华东', demo: false });

    migrate(db, all);
    expect(getSettings(db)).toEqual({ locale: 'en', moneyWan: true, backupKeep: 7, timeZone: 'Europe/Berlin' });
    expect(readBookIdentity(db)).toEqual({ companyName: 'Acme 华东', demo: false });
    expect(rowsOf(db, 'settings')).toEqual({ app: '{"timeZone":"Europe/Berlin"}', pareto });
    expect(JSON.parse(rowsOf(db, 'local_settings').prefs!)).toEqual({ locale: 'en', moneyWan: true, backupKeep: 7 });
    expect(db.prepare('SELECT count(*) FROM change_log').pluck().get()).toBe(0);
    db.close();
  });

  it('a damaged stored value does not stop the migration; the defaults apply', () => {
    const { db, all } = bookBefore0015('damaged.sqlite', { app: '{"locale":' });
    migrate(db, all);
    expect(rowsOf(db, 'settings')).toEqual({ app: '{}' });
    expect(rowsOf(db, 'local_settings')).toEqual({});
    expect(getSettings(db)).toEqual({ locale: 'zh-CN', moneyWan: false, backupKeep: 14, timeZone: 'Asia/Shanghai' });
    db.close();
  });
});

describe('writing settings', () => {
  it('a team setting is written with its change_log entry (so a team book pushes it); a preference is not', async () => {
    const ctx = await openBook(path.join(dir, 'b.sqlite'), { clock: fixedClock(), dailyBackup: false });
    const registry = createRegistry({ validateOutput: true });
    const log = () =>
      ctx.db.prepare("SELECT table_name, row_id, op, changes FROM change_log WHERE table_name = 'settings' ORDER BY seq").all() as {
        row_id: string;
        op: string;
        changes: string;
      }[];

    await registry.call(ctx, 'settings:update', { locale: 'en', moneyWan: true, backupKeep: 30 });
    expect(log()).toEqual([]);

    updateSettings(ctx, { timeZone: 'Asia/Tokyo' });
    await registry.call(ctx, 'pareto:saveSettings', { a: 80, b: 95 });
    await registry.call(ctx, 'pareto:saveSettings', { a: 80, b: 95 }); // the same values: nothing written
    await registry.call(ctx, 'pipeline:settings', { stallDays: 21 });
    await registry.call(ctx, 'settings:update', { timeZone: 'Asia/Shanghai' });
    expect(log().map((e) => [e.row_id, e.op])).toEqual([
      ['app', 'insert'],
      ['pareto', 'insert'],
      ['pipeline', 'insert'],
      ['app', 'update'],
    ]);
    expect(JSON.parse(log()[3]!.changes)).toEqual({ value: ['{"timeZone":"Asia/Tokyo"}', '{"timeZone":"Asia/Shanghai"}'] });
    expect(readSetting(ctx.db, 'pareto', {})).toMatchObject({ a: 80, b: 95 });
    expect(getSettings(ctx.db)).toEqual({ locale: 'en', moneyWan: true, backupKeep: 30, timeZone: 'Asia/Shanghai' });
    ctx.db.close();
  });

  it('in a team book of someone who is not the admin, a team setting is refused and nothing is written', async () => {
    const ctx = await openBook(path.join(dir, 'rep.sqlite'), { clock: fixedClock(), dailyBackup: false });
    ctx.db.prepare("INSERT INTO sync_state (id, server_url, role) VALUES (1, 'http://127.0.0.1:1', 'rep')").run();
    const registry = createRegistry({ validateOutput: true });
    await expect(registry.call(ctx, 'pareto:saveSettings', { a: 80 })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(registry.call(ctx, 'settings:update', { timeZone: 'Asia/Tokyo', locale: 'en' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    // All or nothing: the language asked for with the time zone was not changed either.
    expect(getSettings(ctx.db)).toMatchObject({ locale: 'zh-CN', timeZone: 'Asia/Shanghai' });
    await registry.call(ctx, 'settings:update', { locale: 'en' });
    expect(getSettings(ctx.db).locale).toBe('en');
    expect(ctx.db.prepare("SELECT count(*) FROM change_log WHERE table_name = 'settings'").pluck().get()).toBe(0);

    ctx.db.prepare("UPDATE sync_state SET role = 'admin'").run();
    await registry.call(ctx, 'pareto:saveSettings', { a: 80 });
    expect(readSetting(ctx.db, 'pareto', {})).toMatchObject({ a: 80 });
    ctx.db.close();
  });
});
