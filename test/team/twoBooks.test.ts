import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerContext } from '../../src/platform/context';
import type { Account } from '../../src/features/accounts/contract';
import type { TeamConflict, TeamStatus } from '../../src/features/team/contract';
import { call, EAST, syncOk, startDesktopTeam, type DesktopTeam } from './desktopTeam';

// Issue 21's two-book tests: desktop books of one territory edit offline, then sync through the
// real team server (real PostgreSQL). The server's order decides; nothing is lost.

let team: DesktopTeam;
let wang: ServerContext;
let li: ServerContext;
let finance: ServerContext;
let eastAccounts: Account[];

beforeAll(async () => {
  team = await startDesktopTeam();
  wang = await team.join('wang');
  li = await team.join('li');
  finance = await team.join('finance');
  eastAccounts = (await call<Account[]>(wang, 'accounts:list')).filter((a) => a.territoryId === EAST);
}, 180_000);
afterAll(async () => {
  await team?.stop();
});

const sync = syncOk;
const account = async (ctx: ServerContext, id: string) => (await call<Account[]>(ctx, 'accounts:list')).find((a) => a.id === id);
const edit = (ctx: ServerContext, id: string, patch: Record<string, unknown>) => call(ctx, 'accounts:update', { id, patch });

describe('joining', () => {
  it("a rep's new book holds their territory only; the admin's book is the synced one", async () => {
    expect(eastAccounts.length).toBeGreaterThan(2);
    const all = await call<Account[]>(team.admin, 'accounts:list');
    expect(all.some((a) => a.territoryId !== EAST)).toBe(true);
    expect((await call<Account[]>(wang, 'accounts:list')).every((a) => a.territoryId === EAST)).toBe(true);
    const s = await call<TeamStatus>(wang, 'team:status');
    expect(s).toMatchObject({ serverUrl: team.server.url, email: 'wang@demo.cn', role: 'rep', signedIn: true, pending: 0, conflicts: 0 });
    expect((await call<TeamStatus>(team.admin, 'team:status')).role).toBe('admin');
  });
});

describe('two books offline', () => {
  it('different fields of one account: both kept, in both books and the admin’s', async () => {
    const id = eastAccounts[0]!.id;
    await edit(wang, id, { city: '苏州' });
    await edit(li, id, { industry: '机床' });
    expect((await call<TeamStatus>(wang, 'team:status')).pending).toBe(1);
    await sync(wang);
    await sync(li);
    await sync(wang);
    await sync(team.admin);
    for (const ctx of [wang, li, team.admin]) expect(await account(ctx, id)).toMatchObject({ city: '苏州', industry: '机床' });
    expect((await call<TeamStatus>(wang, 'team:status')).pending).toBe(0);
  });

  it('the same field: the later in server order wins and the loser sees the conflict; "use mine" puts it back', async () => {
    const id = eastAccounts[1]!.id;
    await edit(wang, id, { notes: '王的备注' });
    await edit(li, id, { notes: '李的备注' });
    await sync(wang); // first in the server's order
    await sync(li); // later: wins
    await sync(wang);
    expect((await account(wang, id))!.notes).toBe('李的备注');
    expect((await account(li, id))!.notes).toBe('李的备注');
    const conflicts = await call<TeamConflict[]>(wang, 'team:conflicts');
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({
      kind: 'same-field',
      table: 'accounts',
      rowId: id,
      field: 'notes',
      mine: '王的备注',
      theirs: '李的备注',
    });
    expect(conflicts[0]!.label).toBe(eastAccounts[1]!.name);
    expect(await call<TeamConflict[]>(li, 'team:conflicts')).toEqual([]);
    // The lost value stays in the field history.
    const history = await call<{ field: string; after: unknown }[]>(wang, 'accounts:history', { id });
    expect(history.filter((h) => h.field === 'notes').map((h) => h.after)).toEqual(['李的备注', '王的备注']);

    await call(wang, 'team:resolveConflict', { id: conflicts[0]!.id, useMine: true });
    expect((await call<TeamStatus>(wang, 'team:status')).conflicts).toBe(0);
    await sync(wang);
    await sync(li);
    expect((await account(li, id))!.notes).toBe('王的备注');
    expect((await account(wang, id))!.notes).toBe('王的备注');
  });

  it('delete versus edit: the account stays deleted and the edit is listed for its author', async () => {
    const id = eastAccounts[2]!.id;
    await call(wang, 'accounts:delete', { ids: [id] });
    await edit(li, id, { city: '被删之后' });
    await sync(wang);
    await sync(li);
    await sync(wang);
    expect(await account(li, id)).toBeUndefined();
    expect(await account(wang, id)).toBeUndefined();
    const listed = await call<TeamConflict[]>(li, 'team:conflicts');
    expect(listed.find((c) => c.rowId === id)).toMatchObject({ kind: 'edit-on-deleted', table: 'accounts' });
    // Keep theirs: resolved on the server too (the next pull does not bring it back).
    await call(li, 'team:resolveConflict', { id: listed.find((c) => c.rowId === id)!.id, useMine: false });
    await sync(li);
    expect((await call<TeamConflict[]>(li, 'team:conflicts')).find((c) => c.rowId === id)).toBeUndefined();
    expect((await call<TeamStatus>(li, 'team:status')).pending).toBe(0);
  });

  it('a payment by finance while a rep edits the account: both land', async () => {
    const acc = eastAccounts[3]!;
    const invoice = await call<{ id: string }>(finance, 'receivables:createInvoice', {
      invoiceNo: 'INV-TEAM-1',
      accountId: acc.id,
      invoiceDate: '2026-11-01',
      dueDate: '2026-12-01',
      amount: 1_000_00,
    });
    await call(finance, 'receivables:recordPayment', {
      accountId: acc.id,
      paidOn: '2026-11-20',
      amount: 400_00,
      allocations: [{ invoiceId: invoice.id, amount: 400_00 }],
    });
    await edit(wang, acc.id, { city: '付款时的城市' });
    await sync(finance);
    await sync(wang);
    await sync(finance);
    const payments = await call<{ amount: number; allocated: number }[]>(wang, 'receivables:payments', { accountId: acc.id });
    expect(payments.map((p) => [p.amount, p.allocated])).toContainEqual([400_00, 400_00]);
    const invoices = await call<{ invoiceNo: string; outstanding: number }[]>(wang, 'receivables:invoices', { accountId: acc.id });
    expect(invoices.find((i) => i.invoiceNo === 'INV-TEAM-1')!.outstanding).toBe(600_00);
    expect((await account(finance, acc.id))!.city).toBe('付款时的城市');
    expect((await call<TeamStatus>(finance, 'team:status')).pending).toBe(0);
  });
});
