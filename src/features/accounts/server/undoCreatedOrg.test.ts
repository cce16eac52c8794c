import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBook } from '../../../app/book';
import { createRegistry } from '../../../app/handlers';
import { insertRow } from '../../../platform/db/changeLog';
import type { ServerContext } from '../../../platform/context';
import { tempDir } from '../../../../test/db/helpers';

// Undoing an accounts import that created territories and reps (--create-missing) takes
// them back too — unless something made since still uses them.

let t: ReturnType<typeof tempDir>;
let ctx: ServerContext;
const registry = createRegistry();
const call = async <T>(channel: string, input: unknown): Promise<T> => registry.call(ctx, channel, input) as Promise<T>;
beforeEach(async () => {
  t = tempDir('sw-undo-org-');
  ctx = await openBook(path.join(t.dir, 'book.sqlite'), { dailyBackup: false });
  const north = insertRow(ctx, 'territories', { name_zh: '华北区', name_en: 'North' });
  insertRow(ctx, 'reps', { territory_id: north, name_zh: '张伟', name_en: 'Zhang Wei' });
});
afterEach(() => {
  ctx.db.close();
  t.cleanup();
});

const CUSTOMERS =
  'Customer,Region,Sales rep,Revenue\n东方电气,East,Li Na,1200.50\n北方重工,North,Zhang Wei,50\n西部矿业,West,Zhou Min,800\n';
async function importCustomers(): Promise<string> {
  const file = path.join(t.dir, 'customers.csv');
  fs.writeFileSync(file, CUSTOMERS);
  const token = ctx.files.register(file, 'read').token;
  const r = await call<{ batchId: string; created: { kind: string; name: string }[] }>('accounts:import', {
    file: token,
    mapping: { Customer: 'name', Region: 'territory', 'Sales rep': 'owner', Revenue: 'sales' },
    createMissing: true,
  });
  expect(r.created.map((c) => `${c.kind} ${c.name}`)).toEqual(['territory East', 'rep Li Na', 'territory West', 'rep Zhou Min']);
  return r.batchId;
}
const live = (table: string) => ctx.db.prepare(`SELECT name_en FROM ${table} WHERE deleted_at IS NULL ORDER BY name_en`).pluck().all();

describe('undoing an import that created territories and reps', () => {
  it('takes back what it created; the book is as before', async () => {
    const batchId = await importCustomers();
    expect(live('territories')).toEqual(['East', 'North', 'West']);
    const r = await call<{ removed: number }>('accounts:undoImport', { batchId });
    expect(r.removed).toBe(3 + 4); // three accounts, two territories, two reps
    expect(live('territories')).toEqual(['North']);
    expect(live('reps')).toEqual(['Zhang Wei']);
    expect(ctx.db.prepare('SELECT count(*) FROM accounts WHERE deleted_at IS NULL').pluck().get()).toBe(0);
    expect(ctx.db.pragma('foreign_key_check')).toEqual([]);
  });

  it('keeps a created territory or rep that something made since still uses', async () => {
    const batchId = await importCustomers();
    const west = ctx.db.prepare("SELECT id FROM territories WHERE name_en = 'West'").pluck().get() as string;
    const liNa = ctx.db.prepare("SELECT id, territory_id FROM reps WHERE name_en = 'Li Na'").get() as { id: string; territory_id: string };
    // Since the import: accounts typed by hand, one in West, one owned by Li Na in East.
    await call('accounts:create', { name: '手工客户甲', territoryId: west });
    await call('accounts:create', { name: '手工客户乙', territoryId: liNa.territory_id, ownerId: liNa.id });
    const r = await call<{ removed: number }>('accounts:undoImport', { batchId });
    expect(r.removed).toBe(3 + 1); // Zhou Min had only imported accounts
    expect(live('territories')).toEqual(['East', 'North', 'West']);
    expect(live('reps')).toEqual(['Li Na', 'Zhang Wei']);
  });
});
