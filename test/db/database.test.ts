import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openDatabase } from '../../src/platform/db/connection';
import { loadMigrations, migrate, schemaVersion } from '../../src/platform/db/migrate';
import { openBook, restoreBook } from '../../src/app/book';
import { createRegistry } from '../../src/app/handlers';
import { listBackups } from '../../src/platform/backup';
import { getSettings } from '../../src/platform/settings';
import { AppError } from '../../src/shared/errors';
import { fixedClock, tempDirPerTest } from './helpers';

const dir = tempDirPerTest();

describe('opening a database', () => {
  it('creates a new book with WAL, foreign keys and every migration', async () => {
    const d = dir();
    const ctx = await openBook(path.join(d, 'b.sqlite'), { demo: true, clock: fixedClock() });
    expect(ctx.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(ctx.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(ctx.db)).toBe(loadMigrations().length);
    expect((ctx.db.prepare('SELECT count(*) n FROM accounts').get() as { n: number }).n).toBe(400);
    expect(ctx.db.pragma('foreign_key_check')).toEqual([]);
    ctx.db.close();
  });

  it('refuses a database made by a newer app and leaves it unchanged', async () => {
    const d = dir();
    const file = path.join(d, 'newer.sqlite');
    const raw = new Database(file);
    raw.pragma('user_version = 999');
    raw.exec('CREATE TABLE future (x)');
    raw.close();
    const before = fs.readFileSync(file);
    await expect(openBook(file)).rejects.toMatchObject({ code: 'db-newer' });
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a garbage or truncated file with a clear message and never writes to it', async () => {
    const d = dir();
    const garbage = path.join(d, 'garbage.sqlite');
    fs.writeFileSync(garbage, 'this is not a database at all, just some text. '.repeat(100));
    const g0 = fs.readFileSync(garbage);
    await expect(openBook(garbage)).rejects.toMatchObject({ code: 'db-damaged' });
    expect(fs.readFileSync(garbage).equals(g0)).toBe(true);

    const good = path.join(d, 'good.sqlite');
    const ctx = await openBook(good, { demo: true });
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    ctx.db.close();
    const truncated = path.join(d, 'truncated.sqlite');
    const bytes = fs.readFileSync(good);
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const t0 = fs.readFileSync(truncated);
    const err = await openBook(truncated).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('db-damaged');
    expect((err as AppError).message).toMatch(/truncated/);
    expect(fs.readFileSync(truncated).equals(t0)).toBe(true);
    expect(fs.existsSync(truncated + '-wal')).toBe(false);
  });

  it('says a file is locked when another process holds it', async () => {
    const d = dir();
    const file = path.join(d, 'locked.sqlite');
    (await openBook(file)).db.close();
    // Another process takes an exclusive lock and keeps it until we end it.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `
      const D = require(${JSON.stringify(require.resolve('better-sqlite3'))});
      const db = new D(${JSON.stringify(file)});
      db.pragma('journal_mode = DELETE'); db.pragma('locking_mode = EXCLUSIVE');
      db.exec('BEGIN EXCLUSIVE'); db.exec('CREATE TABLE IF NOT EXISTS lock_probe (x)');
      process.stdout.write('locked\\n'); setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
      const err = await openBook(file).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('db-locked');
      expect((err as AppError).message).toMatch(/locked by another program/);
    } finally {
      holder.kill('SIGKILL');
    }
  });
});

describe('migrations', () => {
  it('migrates a first-version database with data in every table without losing any', async () => {
    const d = dir();
    const file = path.join(d, 'v1.sqlite');
    const db = openDatabase(file);
    const all = loadMigrations();
    migrate(db, all.slice(0, 1));
    const at = '2026-01-01T00:00:00.000Z';
    const meta = [at, at];
    db.prepare('INSERT INTO territories (id,name_zh,name_en,created_at,updated_at) VALUES (?,?,?,?,?)').run(
      't1',
      '华东区',
      'East',
      ...meta,
    );
    db.prepare('INSERT INTO reps (id,territory_id,name_zh,name_en,created_at,updated_at) VALUES (?,?,?,?,?,?)').run(
      'r1',
      't1',
      '王磊',
      'Wang Lei',
      ...meta,
    );
    db.prepare('INSERT INTO import_batches (id,kind,file_name,inserted,updated,created_at,updated_at) VALUES (?,?,?,?,?,?,?)').run(
      'b1',
      'accounts',
      'a.xlsx',
      1,
      0,
      ...meta,
    );
    db.prepare('INSERT INTO accounts (id,territory_id,owner_id,name,sales_fen,created_at,updated_at) VALUES (?,?,?,?,?,?,?)').run(
      'a1',
      't1',
      'r1',
      '上海"测试",公司 🚀',
      123456,
      ...meta,
    );
    db.prepare(
      'INSERT INTO contacts (id,account_id,territory_id,name,level,buying_role,created_at,updated_at) VALUES (?,?,?,?,?,?,?,?)',
    ).run('c1', 'a1', 't1', '张总', 'decision', 'decisionMaker', ...meta);
    db.prepare('INSERT INTO competitors (id,account_id,territory_id,name,created_at,updated_at) VALUES (?,?,?,?,?,?)').run(
      'k1',
      'a1',
      't1',
      'ABB',
      ...meta,
    );
    db.prepare('INSERT INTO settings (key,value,created_at,updated_at) VALUES (?,?,?,?)').run('app', '{"locale":"en"}', ...meta);
    db.prepare('INSERT INTO change_log (id,at,table_name,row_id,op,changes) VALUES (?,?,?,?,?,?)').run(
      'l1',
      at,
      'accounts',
      'a1',
      'insert',
      '{}',
    );
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]
    ).map((r) => r.name);
    const before = Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all()]));
    for (const t of tables) expect(before[t]!.length, `v1 table ${t} has data`).toBeGreaterThan(0);
    db.close();

    const ctx = await openBook(file);
    expect(schemaVersion(ctx.db)).toBe(all.length);
    // Migration 0015 moved the person's preferences out of the team's settings: the value is kept there.
    expect(getSettings(ctx.db).locale).toBe('en');
    for (const t of tables.filter((name) => name !== 'settings')) {
      const rows = ctx.db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all() as Record<string, unknown>[];
      // Later migrations may add columns; every v1 value must still be there.
      const projected = rows.map((r) =>
        Object.fromEntries(Object.keys((before[t] as Record<string, unknown>[])[0]!).map((k) => [k, r[k]])),
      );
      expect(projected, t).toEqual(before[t]);
    }
    expect(ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(ctx.db.pragma('foreign_key_check')).toEqual([]);
    // The old schema was backed up before migrating (when there was something to migrate).
    if (all.length > 1) expect(listBackups(ctx.backupDir).some((b) => b.name.includes('before-migration-1'))).toBe(true);
    ctx.db.close();
  });
});

describe('change log', () => {
  it('records every change in the same transaction and refuses edits to itself', async () => {
    const d = dir();
    const ctx = await openBook(path.join(d, 'b.sqlite'), { demo: true });
    const reg = createRegistry({ validateOutput: true });
    const [first] = await reg.call<{ id: string; version: number }[]>(ctx, 'accounts:list', {});
    await reg.call(ctx, 'accounts:update', { id: first!.id, patch: { city: '苏州', sales: 100 } });
    const log = ctx.db.prepare("SELECT op, changes FROM change_log WHERE row_id = ? AND op = 'update'").all(first!.id) as {
      op: string;
      changes: string;
    }[];
    expect(log).toHaveLength(1);
    expect(JSON.parse(log[0]!.changes)).toMatchObject({ city: [expect.any(String), '苏州'], sales_fen: [expect.any(Number), 100] });
    expect(() => ctx.db.prepare('DELETE FROM change_log').run()).toThrow(/append-only/);
    expect(() => ctx.db.prepare("UPDATE change_log SET op = 'x'").run()).toThrow(/append-only/);
    // A stale version is refused as a conflict, not silently overwritten.
    const stale = await reg.invoke(ctx, 'accounts:update', { id: first!.id, version: first!.version, patch: { city: '无锡' } });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
    ctx.db.close();
  });
});

describe('accounts list', () => {
  it('lists accounts in name order, with the contract keys', async () => {
    const ctx = await openBook(path.join(dir(), 'b.sqlite'), { demo: true });
    const reg = createRegistry({ validateOutput: true });
    const all = await reg.call<{ id: string; name: string; sales: number; territoryId: string }[]>(ctx, 'accounts:list', {});
    expect(all).toHaveLength(400);
    expect(all.map((a) => a.name)).toEqual([...all.map((a) => a.name)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    // Keys are the contract's (money in fen), not column names.
    expect(all[0]).toMatchObject({ id: expect.any(String), sales: expect.any(Number), territoryId: expect.any(String) });
    expect(await reg.invoke(ctx, 'accounts:list', { first: 25 })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    ctx.db.close();
  });
});

describe('backups', () => {
  it('takes the first backup of the day on open, and restores one exactly', async () => {
    const d = dir();
    const file = path.join(d, 'b.sqlite');
    (await openBook(file, { demo: true })).db.close();
    const ctx = await openBook(file);
    expect(listBackups(ctx.backupDir).filter((b) => b.name.includes('daily'))).toHaveLength(1);
    const reg = createRegistry();
    const snapshot = await reg.call<unknown[]>(ctx, 'accounts:list', {});
    const { name } = await reg.call<{ name: string }>(ctx, 'backup:create', {});
    const all = await reg.call<{ id: string }[]>(ctx, 'accounts:list', {});
    await reg.call(ctx, 'accounts:delete', { ids: all.slice(0, 50).map((a) => a.id) });
    expect(await reg.call<unknown[]>(ctx, 'accounts:list', {})).toHaveLength(350);
    await reg.call(ctx, 'backup:restore', { name });
    expect(await reg.call<unknown[]>(ctx, 'accounts:list', {})).toEqual(snapshot);
    // Restoring took a backup of the state it replaced.
    expect(listBackups(ctx.backupDir).some((b) => b.name.includes('before-restore'))).toBe(true);
    ctx.db.close();
  });

  it('names backups and checks "first start of the day" in the book zone, so an early start in China takes one daily backup', async () => {
    const d = dir();
    const file = path.join(d, 'b.sqlite');
    (await openBook(file, { demo: true })).db.close();
    // 01:00 on 4 December in Shanghai is still 3 December in UTC (and in the machine's zone, whatever it is).
    const early = () => new Date('2026-12-03T17:00:00.000Z');
    (await openBook(file, { instant: early })).db.close();
    const ctx = await openBook(file, { instant: () => new Date('2026-12-03T23:30:00.000Z') });
    const daily = listBackups(ctx.backupDir).filter((b) => b.name.includes('daily'));
    expect(daily.map((b) => b.name)).toEqual(['backup-20261204-010000000-daily.sqlite']);
    expect(ctx.clock.today()).toBe('2026-12-04');
    ctx.db.close();
  });

  it('keeps only the last N backups', async () => {
    const d = dir();
    const ctx = await openBook(path.join(d, 'b.sqlite'));
    const reg = createRegistry();
    await reg.call(ctx, 'settings:update', { backupKeep: 3 });
    for (let i = 0; i < 5; i++) await reg.call(ctx, 'backup:create', {});
    expect(listBackups(ctx.backupDir)).toHaveLength(3);
    ctx.db.close();
  });

  it('refuses to restore a damaged backup and keeps the current data', async () => {
    const d = dir();
    const ctx = await openBook(path.join(d, 'b.sqlite'), { demo: true });
    const bad = path.join(d, 'bad.sqlite');
    fs.writeFileSync(bad, 'garbage');
    await expect(restoreBook(ctx, bad)).rejects.toMatchObject({ code: 'bad-file' });
    expect((ctx.db.prepare('SELECT count(*) n FROM accounts').get() as { n: number }).n).toBe(400);
    ctx.db.close();
  });
});

describe('recovering from a damaged book', () => {
  it('restores a backup into a new file and leaves the damaged one untouched', async () => {
    const { currentBookPath, recoverFromBackup, startNewBook, backupsFor } = await import('../../src/platform/bookLocation');
    const d = dir();
    const first = currentBookPath(d);
    const ctx = await openBook(first, { demo: true });
    await createRegistry().call(ctx, 'backup:create', {});
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    ctx.db.close();
    fs.writeFileSync(first, Buffer.alloc(8192, 7)); // the book is now garbage
    const damaged = fs.readFileSync(first);
    await expect(openBook(first)).rejects.toMatchObject({ code: 'db-damaged' });
    const [backup] = backupsFor(d);
    const restored = await recoverFromBackup(d, path.join(d, 'backups', backup!.name));
    expect(currentBookPath(d)).toBe(restored);
    expect(restored).not.toBe(first);
    const back = await openBook(currentBookPath(d));
    expect((back.db.prepare('SELECT count(*) n FROM accounts').get() as { n: number }).n).toBe(400);
    back.db.close();
    expect(fs.readFileSync(first).equals(damaged)).toBe(true);
    const fresh = startNewBook(d);
    expect(currentBookPath(d)).toBe(fresh);
    expect(fs.readFileSync(first).equals(damaged)).toBe(true);
  });
});
