import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from './connection';
import { loadMigrations, migrate } from './migrate';
import { createContext } from '../context';
import { seedDemoCompany } from '../../app/demo/seedDemo';
import { readBookIdentity, writeBookIdentity } from '../bookIdentity';
import { openBook } from '../../app/book';
import { fixedClock, tempDir } from '../../../test/db/helpers';

// Migration 0011: a book from an earlier version that holds the demo company (the first
// start used to seed it into the user's first book) is marked as the demo when opened;
// a team's own book, and a book that already says what it is, are left alone.

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir('sw-demo-mark-')));
afterEach(() => cleanup());

function olderBook(file: string, withDemo: boolean, identity?: { companyName: string; demo: boolean }) {
  const all = loadMigrations();
  const before = all.findIndex((m) => m.name === 'demo_mark');
  expect(before).toBeGreaterThan(0);
  const db = openDatabase(path.join(dir, file));
  migrate(db, all.slice(0, before));
  const ctx = createContext(db, path.join(dir, file), { clock: fixedClock() });
  if (withDemo) seedDemoCompany(ctx);
  if (identity) writeBookIdentity(db, ctx.clock, identity);
  expect(readBookIdentity(db).demo).toBe(identity?.demo ?? false);
  return { db, all };
}

describe('migration 0011 (the demo mark on older books)', () => {
  it('marks an older book holding the demo company as the demo', () => {
    const { db, all } = olderBook('old-demo.sqlite', true);
    migrate(db, all);
    expect(readBookIdentity(db)).toEqual({ companyName: '', demo: true });
    db.close();
  });

  it("leaves a team's own older book, and a book that already names itself, unmarked", () => {
    const own = olderBook('own.sqlite', false);
    own.db
      .prepare(
        "INSERT INTO territories (id, name_zh, name_en, created_at, updated_at) VALUES ('019c0000-0000-7000-8000-000000000001', '华东', 'East', '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z')",
      )
      .run();
    migrate(own.db, own.all);
    expect(readBookIdentity(own.db).demo).toBe(false);
    own.db.close();

    const named = olderBook('named.sqlite', true, { companyName: 'Training copy', demo: false });
    migrate(named.db, named.all);
    expect(readBookIdentity(named.db)).toEqual({ companyName: 'Training copy', demo: false });
    named.db.close();
  });

  it('a new demo book and a new empty book are what they were made as', async () => {
    const demo = await openBook(path.join(dir, 'demo.sqlite'), { demo: true });
    expect(readBookIdentity(demo.db).demo).toBe(true);
    demo.db.close();
    const empty = await openBook(path.join(dir, 'empty.sqlite'));
    expect(readBookIdentity(empty.db).demo).toBe(false);
    empty.db.close();
  });
});
