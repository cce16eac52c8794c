import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../platform/db/connection';
import { loadMigrations, migrate } from '../../../platform/db/migrate';
import { createContext } from '../../../platform/context';
import { seedDemoCompany } from '../../../app/demo/seedDemo';
import { fixedClock, tempDir } from '../../../../test/db/helpers';

// Migration 0009 rebuilds `reps` (role, nullable territory, deactivated_at). A book made
// before it, with the whole demo company (accounts, opportunities and their events, grade
// scopes, invoices…), keeps every rep id, every reference to them and every value.

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir('sw-org-migration-')));
afterEach(() => cleanup());

describe('migration 0009 (the organisation)', () => {
  it('keeps every rep id and every reference to reps of a populated book, and makes each of them a rep', () => {
    const all = loadMigrations();
    const v9 = all.findIndex((m) => m.name === 'organisation');
    expect(v9).toBeGreaterThan(0);
    const db = openDatabase(path.join(dir, 'old.sqlite'));
    migrate(db, all.slice(0, v9));
    // The demo company as a book before 0009 held it (the reports demo needs 0010's tables).
    seedDemoCompany(createContext(db, path.join(dir, 'old.sqlite'), { clock: fixedClock() }));
    const reps = db
      .prepare('SELECT id, territory_id, name_zh, name_en, email, created_at, updated_at, version, deleted_at FROM reps ORDER BY id')
      .all();
    // Every column of every table that names a rep, before.
    const refs = db
      .prepare(
        'SELECT m.name AS t, f."from" AS c FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f WHERE m.type = \'table\' AND f."table" = \'reps\'',
      )
      .all() as { t: string; c: string }[];
    expect(refs.length).toBeGreaterThanOrEqual(5);
    const snapshot = () =>
      Object.fromEntries(refs.map((r) => [`${r.t}.${r.c}`, db.prepare(`SELECT id, ${r.c} FROM ${r.t} ORDER BY id`).all()]));
    const before = snapshot();
    expect(Object.values(before).filter((rows) => rows.some((x) => Object.values(x as object)[1] !== null)).length).toBeGreaterThanOrEqual(
      3,
    );

    migrate(db, all);
    expect(
      db
        .prepare('SELECT id, territory_id, name_zh, name_en, email, created_at, updated_at, version, deleted_at FROM reps ORDER BY id')
        .all(),
    ).toEqual(reps);
    expect(db.prepare('SELECT DISTINCT role FROM reps').pluck().all()).toEqual(['rep']);
    expect(db.prepare('SELECT count(*) FROM reps WHERE deactivated_at IS NOT NULL').pluck().get()).toBe(0);
    expect(snapshot()).toEqual(before);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The references still point at the table: a rep that does not exist is refused.
    expect(() => db.prepare("UPDATE accounts SET owner_id = 'nobody' WHERE rowid = 1").run()).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
