import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BookShelf } from './bookShelf';
import { readBookIdentity } from './bookIdentity';
import { getSettings } from './settings';
import { tempDir } from '../../test/db/helpers';
// The app's book lifecycle (demo company, start-of-week work): the shelf opens books as the app does.
import '../app/book';

describe('BookShelf', () => {
  it('switches books on the one context every front door holds', async () => {
    const t = tempDir();
    const shelf = new BookShelf(t.dir, { platform: 'test' });
    try {
      const ctx = await shelf.start();
      expect(shelf.isOpen()).toBe(false);
      expect(() => ctx.db).toThrow(/No book is open yet/);

      await shelf.createBook({ companyName: 'Team', timeZone: 'Europe/Berlin', locale: 'en' });
      expect(shelf.ctx).toBe(ctx);
      const own = ctx.dbPath;
      expect(getSettings(ctx.db)).toMatchObject({ timeZone: 'Europe/Berlin', locale: 'en' });
      expect(readBookIdentity(ctx.db)).toEqual({ companyName: 'Team', demo: false });
      // The clock follows the book: its zone is the one just chosen.
      expect(ctx.clock.today()).toMatch(/^\d{4}-\d{2}-\d{2}$/);

      await shelf.openDemo();
      expect(path.basename(ctx.dbPath)).toBe('demo.sqlite');
      expect(readBookIdentity(ctx.db).demo).toBe(true);
      expect(ctx.db.prepare('SELECT count(*) FROM accounts').pluck().get()).toBe(400);

      // Back by id from the list; the demo file stays as it is.
      const entry = shelf.list().find((b) => path.join(t.dir, b.fileName) === own)!;
      expect(entry).toMatchObject({ companyName: 'Team', demo: false, current: false });
      await shelf.openById(entry.id);
      expect(ctx.dbPath).toBe(own);
      expect(ctx.db.prepare('SELECT count(*) FROM accounts').pluck().get()).toBe(0);

      // A long task still running in the open book blocks a switch.
      ctx.jobs.start('0190a000-0000-7000-8000-000000000001');
      await expect(shelf.openDemo()).rejects.toThrow(/still running/);
      expect(ctx.dbPath).toBe(own);
    } finally {
      shelf.close();
      t.cleanup();
    }
  });

  it('a later start opens the current book; a book named on the command line is not remembered', async () => {
    const t = tempDir();
    try {
      const first = new BookShelf(t.dir, { platform: 'test' });
      await first.start();
      await first.openDemo();
      first.close();

      const second = new BookShelf(t.dir, { platform: 'test' });
      await second.start();
      expect(path.basename(second.ctx.dbPath)).toBe('demo.sqlite');
      second.close();

      const elsewhere = path.join(t.dir, 'other', 'x.sqlite');
      const third = new BookShelf(t.dir, { platform: 'test' });
      await third.start(elsewhere);
      expect(third.ctx.dbPath).toBe(elsewhere);
      expect(readBookIdentity(third.ctx.db).demo).toBe(false);
      third.close();
      expect(JSON.parse(fs.readFileSync(path.join(t.dir, 'current-book.json'), 'utf8'))).toEqual({ file: 'demo.sqlite' });
    } finally {
      t.cleanup();
    }
  });
});
