import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBook } from '../../../app/book';
import { createRegistry } from '../../../app/handlers';
import type { ServerContext } from '../../../platform/context';
import { fixedClock, tempDir } from '../../../../test/db/helpers';
import type { Account } from '../../accounts/contract';
import type { PulledChange, PushChange } from '../protocol';
import { applyPulledChange, loadSnapshot, readBookTables, revertLocalChange, withoutForeignKeys } from './applyRemote';
import { countPending, markAllAsSnapshot, readOutbox, recordPushResults } from './outbox';
import { settlePush } from './sync';

// The desktop half of sync without a server: two real books, the second made from the first's
// tables as a joining book is, then changes read from one book's outbox applied to the other by
// the pull path. (The same paths against the real team server: test/team/twoBooks.test.ts.)

let t: { dir: string; cleanup(): void };
let a: ServerContext;
let b: ServerContext;
const registry = createRegistry({ validateOutput: true });
const call = <T>(ctx: ServerContext, channel: string, input: unknown) => registry.call<T>(ctx, channel, input);
const list = (ctx: ServerContext) => call<Account[]>(ctx, 'accounts:list', {});
let position = 0;
const asPulled = (c: PushChange): PulledChange => ({ ...c, position: ++position, personId: 'someone' });

beforeAll(async () => {
  t = tempDir('sw-team-local-');
  a = await openBook(path.join(t.dir, 'a.sqlite'), { demo: true, clock: fixedClock(), dailyBackup: false });
  b = await openBook(path.join(t.dir, 'b.sqlite'), { clock: fixedClock('2026-11-25T05:00:00.000Z'), dailyBackup: false });
  markAllAsSnapshot(a.db);
  loadSnapshot(b.db, readBookTables(a.db));
});
afterAll(() => {
  a.db.close();
  b.db.close();
  t.cleanup();
});

describe('a book made from a snapshot', () => {
  it('holds the same accounts and has nothing to push', async () => {
    expect((await list(b)).length).toBeGreaterThan(10);
    expect(await list(b)).toEqual(await list(a));
    expect(countPending(a.db)).toBe(0);
    expect(countPending(b.db)).toBe(0);
  });
});

describe('pulled changes', () => {
  it('apply edits, inserts and deletes; are logged for history but never pushed', async () => {
    const [first, second] = await list(a);
    await call(a, 'accounts:update', { id: first!.id, patch: { city: '苏州' } });
    await call(a, 'accounts:delete', { ids: [second!.id] });
    const created = await call<Account>(a, 'accounts:create', { name: '新客户有限公司', territoryId: first!.territoryId, sales: 123456 });
    const out = readOutbox(a.db);
    expect(out.map((c) => c.op)).toEqual(['update', 'delete', 'insert']);
    expect(countPending(a.db)).toBe(3);

    withoutForeignKeys(b.db, () => out.forEach((c) => expect(applyPulledChange(b.db, asPulled(c))).toBe('applied')));
    expect(await list(b)).toEqual(await list(a));
    expect((await list(b)).find((x) => x.id === created.id)?.sales).toBe(123456);
    expect(countPending(b.db)).toBe(0);
    const history = await call<{ field: string; after: unknown }[]>(b, 'accounts:history', { id: first!.id });
    expect(history.some((h) => h.field === 'city' && h.after === '苏州')).toBe(true);

    // Pulled again (a retried page): seen, nothing doubled. In the book that made them: its own.
    withoutForeignKeys(b.db, () => expect(applyPulledChange(b.db, { ...asPulled(out[0]!), position: 1 })).toBe('seen'));
    expect(applyPulledChange(a.db, { ...asPulled(out[0]!), position: 1 })).toBe('own');
    recordPushResults(
      a.db,
      out.map((c, i) => ({ id: c.id, position: i + 1, outcome: 'applied' as const })),
    );
    expect(countPending(a.db)).toBe(0);
  });

  it('keep a field this book changed later, and apply the other fields of the same change', async () => {
    const [acc] = await list(b);
    await call(b, 'accounts:update', { id: acc!.id, patch: { industry: '我的行业' } }); // pending in b
    await call(a, 'accounts:update', { id: acc!.id, patch: { industry: '他们的行业', city: '无锡' } });
    const [theirs] = readOutbox(a.db);
    withoutForeignKeys(b.db, () => applyPulledChange(b.db, asPulled(theirs!)));
    const after = (await list(b)).find((x) => x.id === acc!.id)!;
    expect(after.industry).toBe('我的行业');
    expect(after.city).toBe('无锡');
    expect(countPending(b.db)).toBe(1);
  });

  it('a change the server refused is taken back where the book still holds it', async () => {
    const [acc] = await list(b);
    const before = acc!.notes ?? null;
    await call(b, 'accounts:update', { id: acc!.id, patch: { notes: '被拒绝的备注' } });
    const change = readOutbox(b.db).find((c) => 'notes' in c.changes)!;
    recordPushResults(b.db, [{ id: change.id, position: null, outcome: 'rejected', reason: 'forbidden' }]);
    revertLocalChange(b.db, change, b.newId(), b.clock.now());
    expect((await list(b)).find((x) => x.id === acc!.id)!.notes ?? null).toBe(before);
    expect(readOutbox(b.db).some((c) => c.id === change.id)).toBe(false);
    expect(countPending(b.db)).toBe(1); // the industry edit of the test before, not the revert
  });

  it('a refusal heard only on the retry ("duplicate", no position) is taken back too; an applied duplicate stays', async () => {
    const [first, second] = await list(b);
    await call(b, 'accounts:update', { id: first!.id, patch: { notes: '第一次被拒绝，回复丢了' } });
    await call(b, 'accounts:update', { id: second!.id, patch: { notes: '第一次已生效，回复丢了' } });
    const batch = readOutbox(b.db).filter((c) => (c.rowId === first!.id || c.rowId === second!.id) && 'notes' in c.changes);
    expect(batch).toHaveLength(2);
    const [refused, applied] = batch[0]!.rowId === first!.id ? batch : [batch[1]!, batch[0]!];
    withoutForeignKeys(b.db, () =>
      settlePush(b, batch, [
        { id: refused!.id, position: null, outcome: 'duplicate' },
        { id: applied!.id, position: 4242, outcome: 'duplicate' },
      ]),
    );
    const now = await list(b);
    expect(now.find((x) => x.id === first!.id)!.notes ?? null).toBe(first!.notes ?? null);
    expect(now.find((x) => x.id === second!.id)!.notes).toBe('第一次已生效，回复丢了');
    expect(readOutbox(b.db).some((c) => batch.some((x) => x.id === c.id))).toBe(false);
  });
});
