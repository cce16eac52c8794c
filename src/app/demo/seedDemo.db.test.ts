import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/db/helpers';
import { openDemoBook } from '../../../test/db/demoBook';

// "Seeded random, so every new demo book holds the same data (ids included)": two demo books
// made on the same day hold the same rows with the same ids in every table, so a row named
// in a bug report or a training handout is the same row in anyone's demo.

const t = tempDir('sw-demo-');
afterAll(() => t.cleanup());

describe('the demo company', () => {
  it('is the same in every new demo book, ids included, in every table', async () => {
    const [a, b] = [await openDemoBook(t.dir, 'a.sqlite'), await openDemoBook(t.dir, 'b.sqlite')];
    const tables = (
      a.db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .pluck()
        .all() as string[]
    ).filter((name) => (a.db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(name) as string[]).includes('id'));
    const differing = tables.filter((name) => {
      const ids = (ctx: typeof a) => ctx.db.prepare(`SELECT id FROM "${name}" ORDER BY id`).pluck().all().join(',');
      return ids(a) !== ids(b);
    });
    expect(tables.length).toBeGreaterThan(20);
    expect(differing).toEqual([]);
    a.db.close();
    b.db.close();
  });
});
