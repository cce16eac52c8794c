import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../../test/db/helpers';
import type { ServerContext } from '../../../platform/context';
import { insertRow, updateRow } from '../../../platform/db/changeLog';
import { createRegistry } from '../../../app/handlers';
import type { CollectionItem } from '../contract';
import { receivablesBook, TODAY } from './testBook';

// The collection worklist narrowed to a territory or a rep (the Reports tile opens it so):
// only that scope's customers' overdue invoices, and all of them.

let ctx: ServerContext;
let cleanup: () => void;
let east: string;
let west: string;
let rep: string;
const registry = createRegistry({ validateOutput: true });
const call = <T>(channel: string, input: unknown) => registry.call<T>(ctx, channel, input);

beforeAll(async () => {
  const t = tempDir('sw-rcv-scope-');
  cleanup = t.cleanup;
  const book = await receivablesBook(t.dir, ['东一', '东二']);
  ctx = book.ctx;
  east = ctx.db.prepare('SELECT territory_id FROM accounts WHERE id = ?').pluck().get(book.accounts[0]) as string;
  ({ west, rep } = ctx.db.transaction(() => {
    const w = insertRow(ctx, 'territories', { name_zh: '华西区', name_en: 'West China' });
    const r = insertRow(ctx, 'reps', { territory_id: east, name_zh: '王磊', name_en: 'Wang Lei' });
    return { west: w, rep: r };
  })());
  const westAccount = insertRow(ctx, 'accounts', { territory_id: west, name: '西一' });
  updateRow(ctx, 'accounts', book.accounts[1]!, { owner_id: rep });
  for (const [i, accountId] of [book.accounts[0], book.accounts[1], westAccount].entries()) {
    await call('receivables:createInvoice', {
      accountId,
      invoiceNo: `S-${i}`,
      invoiceDate: '2026-04-01',
      dueDate: '2026-05-01',
      amount: 10_000_00,
    });
  }
});
afterAll(() => {
  ctx.db.close();
  cleanup();
});

describe('the collection worklist by scope', () => {
  it('lists every overdue invoice, or only a territory’s, or only a rep’s', async () => {
    const nos = async (input: object) =>
      (await call<CollectionItem[]>('receivables:worklist', { today: TODAY, ...input })).map((i) => i.invoiceNo).sort();
    expect(await nos({})).toEqual(['S-0', 'S-1', 'S-2']);
    expect(await nos({ territoryId: east })).toEqual(['S-0', 'S-1']);
    expect(await nos({ territoryId: west })).toEqual(['S-2']);
    expect(await nos({ ownerId: rep })).toEqual(['S-1']);
    expect(await nos({ territoryId: west, ownerId: rep })).toEqual([]);
  });
});
