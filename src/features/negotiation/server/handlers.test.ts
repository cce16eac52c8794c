import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openBook } from '../../../app/book';
import type { ServerContext } from '../../../platform/context';
import { createRegistry } from '../../../app/handlers';
import { fixedClock, tempDir } from '../../../../test/db/helpers';
import type { PlanInput, Worksheet } from '../contract';
import { concessionChecks } from '../domain';
import { seedExampleIssues } from '../seedExample';
import * as repo from './repo';
import { insertRow } from '../../../platform/db/changeLog';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

async function book(): Promise<{ ctx: ServerContext; call: <T = Worksheet>(channel: string, input: unknown) => Promise<T> }> {
  const t = tempDir('sw-neg-');
  const ctx = await openBook(path.join(t.dir, 'book.sqlite'), { clock: fixedClock(), platform: 'test' });
  cleanup = () => {
    ctx.db.close();
    t.cleanup();
  };
  const registry = createRegistry({ validateOutput: true });
  return { ctx, call: (channel, input) => registry.call(ctx, channel, input) };
}

const seedPlan = (w: Worksheet, over: Partial<PlanInput> = {}): PlanInput => ({
  id: w.id,
  version: w.version,
  name: w.name,
  opportunityId: null,
  notes: '',
  team: [
    { name: '王磊', title: '大区经理', role: 'coordinator', topicIssueId: null },
    { name: '李娜', title: '销售总监', role: 'decisionMaker', topicIssueId: null },
    { name: '张伟', title: null, role: 'negotiator', topicIssueId: 'price' },
  ],
  issues: seedExampleIssues,
  ...over,
});

/** The plan as the editor would send it back unchanged (stored ids as keys). */
const asInput = (w: Worksheet): PlanInput => ({
  id: w.id,
  version: w.version,
  name: w.name,
  opportunityId: w.opportunityId,
  notes: w.notes,
  team: w.team.map(({ id, name, title, role, topicIssueId }) => ({ id, name, title, role, topicIssueId })),
  issues: w.issues.map((i) => ({ ...i, steps: i.steps.map((s) => ({ ...s })) })),
});

describe('negotiation worksheets', () => {
  it("creates a worksheet with the four default issues and the seeds' ranks", async () => {
    const { call } = await book();
    const w = await call('negotiation:create', { name: '华东医院项目', opportunityId: null, lang: 'zh-CN' });
    expect(w.issues.map((i) => [i.kind, i.name, i.unit, i.direction, i.ourPriority, i.theirPriority])).toEqual([
      ['price', '价格', 'yuan', 'higher', 2, 1],
      ['payment', '付款条件', 'days', 'lower', 1, 4],
      ['service', '服务', 'days', 'lower', 3, 3],
      ['delivery', '到货时间', 'days', 'higher', 4, 2],
    ]);
    const en = await call('negotiation:create', { name: 'Case', opportunityId: null, lang: 'en' });
    expect(en.issues.map((i) => i.name)).toEqual(['Price', 'Payment terms', 'Service', 'Delivery time']);
    const list = await call<{ name: string; issues: number }[]>('negotiation:list', {});
    expect(list.map((x) => [x.name, x.issues]).sort()).toEqual([
      ['Case', 4],
      ['华东医院项目', 4],
    ]);
  });

  it('saves the seed example plan: ids for client keys, only typed numbers stored, change log written', async () => {
    const { ctx, call } = await book();
    const created = await call('negotiation:create', { name: 'Seed', opportunityId: null, lang: 'zh-CN' });
    const w = await call('negotiation:savePlan', seedPlan(created));
    const price = w.issues[0]!;
    expect(price.quote).toBe(310_000_000);
    expect(price.steps.map((s) => [s.entered, s.position, s.size])).toEqual([
      ['position', 280_000_000, null],
      ['position', 262_000_000, null],
      ['size', null, 12_000_000],
    ]);
    const payment = w.issues.find((i) => i.kind === 'payment')!;
    expect(price.steps[0]!.tradedIssueId).toBe(payment.id);
    expect(w.team.find((m) => m.role === 'negotiator')!.topicIssueId).toBe(price.id);
    expect(concessionChecks(w)).toEqual([]);
    // The default issues of the new worksheet were replaced by the plan's (deleted softly).
    expect(w.issues).toHaveLength(4);
    const logged = ctx.db.prepare("SELECT count(*) AS n FROM change_log WHERE table_name = 'negotiation_steps'").get() as { n: number };
    expect(logged.n).toBe(5);

    // Saving it back unchanged writes nothing but the worksheet's own save stamp.
    const before = (ctx.db.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
    const again = await call('negotiation:savePlan', asInput(w));
    const after = (ctx.db.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
    expect(after - before).toBe(1);
    expect(again.issues).toEqual(w.issues);
    expect(again.version).toBe(w.version + 1);
  });

  it("refuses a save over someone else's change, duplicate issue names and dangling references", async () => {
    const { call } = await book();
    const w = await call('negotiation:create', { name: 'X', opportunityId: null, lang: 'en' });
    await call('negotiation:savePlan', asInput(w));
    await expect(call('negotiation:savePlan', asInput(w))).rejects.toMatchObject({ code: 'conflict' });
    const fresh = await call('negotiation:get', { id: w.id });
    const dup = asInput(fresh);
    dup.issues[1] = { ...dup.issues[1]!, name: ' price ' };
    await expect(call('negotiation:savePlan', dup)).rejects.toMatchObject({
      code: 'validation',
      message: expect.stringContaining('Two issues are named "price"'),
    });
    const dangling = asInput(fresh);
    dangling.issues[0]!.steps = [
      { entered: 'position', position: 1, size: null, exchange: '', tradedIssueId: 'nope', tradedAmount: null, reason: '' },
    ];
    await expect(call('negotiation:savePlan', dangling)).rejects.toMatchObject({ code: 'validation' });
    await expect(call('negotiation:savePlan', { ...asInput(fresh), issues: [] })).rejects.toMatchObject({ code: 'invalid-input' });
  });

  it('links to an opportunity only when it exists', async () => {
    const { call } = await book();
    await expect(
      call('negotiation:create', { name: 'X', opportunityId: '0190a0b0-0000-7000-8000-000000000000', lang: 'en' }),
    ).rejects.toMatchObject({ code: 'validation' });
    expect(await call('negotiation:opportunities', {})).toEqual({ opportunities: [], more: false });
  });

  it("finds opportunities to link by their name or their account's, open ones first, a page at a time", async () => {
    const { ctx, call } = await book();
    const stage = ctx.db
      .prepare('SELECT s.id FROM stages s JOIN stage_models m ON m.id = s.model_id WHERE m.active = 1 LIMIT 1')
      .pluck()
      .get();
    const ids = ctx.db.transaction(() => {
      const east = insertRow(ctx, 'territories', { name_zh: '华东区', name_en: 'East' });
      const rep = insertRow(ctx, 'reps', { territory_id: east, name_zh: '王磊', name_en: 'Wang Lei' });
      const acme = insertRow(ctx, 'accounts', { territory_id: east, owner_id: rep, name: '上海宏远机械' });
      const bolt = insertRow(ctx, 'accounts', { territory_id: east, owner_id: rep, name: '苏州 100% 紧固件' });
      const opp = (account: string, name: string, status = 'open') =>
        insertRow(ctx, 'opportunities', {
          account_id: account,
          territory_id: east,
          owner_id: rep,
          name,
          amount_fen: 100_000_00,
          expected_close: '2026-06-30',
          stage_id: stage,
          status,
          created_on: '2026-01-05',
          stage_since: '2026-01-05',
        });
      return { mesAcme: opp(acme, '2026 MES 系统实施'), mesBolt: opp(bolt, '2026 MES 系统实施', 'won'), crm: opp(acme, 'CRM 升级') };
    })();
    type Out = { opportunities: { id: string; name: string; accountName: string; status: string }[]; more: boolean };
    const pick = (input: object) => call<Out>('negotiation:opportunities', input);

    // Two opportunities share a name: each says whose it is; the open one comes first.
    const mes = await pick({ search: 'mes' });
    expect(mes.opportunities.map((o) => [o.id, o.accountName, o.status])).toEqual([
      [ids.mesAcme, '上海宏远机械', 'open'],
      [ids.mesBolt, '苏州 100% 紧固件', 'won'],
    ]);
    // Words may come from the opportunity and its account; % is a character, not a wildcard.
    expect((await pick({ search: '宏远 MES' })).opportunities.map((o) => o.id)).toEqual([ids.mesAcme]);
    expect((await pick({ search: '100%' })).opportunities.map((o) => o.id)).toEqual([ids.mesBolt]);
    expect((await pick({ search: '10_' })).opportunities).toEqual([]);
    // A page, and whether there are more.
    const page = await pick({ limit: 2 });
    expect(page.opportunities).toHaveLength(2);
    expect(page.more).toBe(true);
    // By id: the name of a link a form holds, deleted or not.
    ctx.db.prepare('UPDATE opportunities SET deleted_at = ? WHERE id = ?').run('2026-03-01T00:00:00.000Z', ids.crm);
    expect((await pick({ search: 'CRM' })).opportunities).toEqual([]);
    expect((await pick({ ids: [ids.crm] })).opportunities.map((o) => o.name)).toEqual(['CRM 升级']);
    expect(repo.opportunityKnown(ctx.db, ids.mesAcme)).toBe(true);
    expect(repo.opportunityKnown(ctx.db, ids.crm)).toBe(false);
  });

  it('logs rounds with time-outs, strikes one out, and records a confirmed agreement', async () => {
    const { call } = await book();
    const w0 = await call('negotiation:create', { name: 'Rounds', opportunityId: null, lang: 'zh-CN' });
    const w = await call('negotiation:savePlan', seedPlan(w0));
    const price = w.issues[0]!;
    const payment = w.issues[1]!;
    const round = {
      worksheetId: w.id,
      heldOn: '2026-11-20',
      theirDemand: '降价 20%',
      ourResponse: '要求预付 30%',
      concededText: '降价 30 万',
      concededIssueId: price.id,
      concededAmount: 30_000_000,
      receivedText: '预付 30%',
      receivedIssueId: payment.id,
      receivedAmount: 3000,
      timeoutReason: 'authority',
      timeoutNote: '对方超出授权',
      confirmed: true,
    };
    await call('negotiation:addRound', round);
    const r2 = await call('negotiation:addRound', {
      ...round,
      timeoutReason: null,
      concededIssueId: null,
      concededAmount: 5,
      confirmed: false,
    });
    expect(r2.rounds.map((r) => [r.roundNo, r.timeoutReason, r.concededAmount, r.confirmed])).toEqual([
      [1, 'authority', 30_000_000, true],
      [2, null, null, false],
    ]);
    await expect(call('negotiation:addRound', { ...round, timeoutReason: 'lunch' })).rejects.toMatchObject({ code: 'invalid-input' });
    const r3 = await call('negotiation:deleteRound', { worksheetId: w.id, roundId: r2.rounds[1]!.id });
    expect(r3.rounds).toHaveLength(1);

    const a = await call('negotiation:saveAgreement', {
      worksheetId: w.id,
      terms: [
        { issueId: price.id, term: '合同总价', agreedValue: 250_000_000, confirmed: false },
        { issueId: null, term: '三年服务合同', agreedValue: null, confirmed: true },
      ],
    });
    expect(a.agreement.map((t) => [t.term, t.agreedValue, t.confirmed])).toEqual([
      ['合同总价', 250_000_000, false],
      ['三年服务合同', null, true],
    ]);
    expect(a.agreementConfirmedAt).toBeNull();
    const confirmed = await call('negotiation:saveAgreement', {
      worksheetId: w.id,
      terms: a.agreement.map(({ id, issueId, term, agreedValue, confirmed }) => ({ id, issueId, term, agreedValue, confirmed })),
      confirmAll: true,
    });
    expect(confirmed.agreementConfirmedAt).not.toBeNull();
    expect(confirmed.agreement.every((t) => t.confirmed)).toBe(true);
    expect(confirmed.agreement.map((t) => t.id)).toEqual(a.agreement.map((t) => t.id));
    const list = await call<{ agreed: boolean; rounds: number }[]>('negotiation:list', {});
    expect(list[0]).toMatchObject({ agreed: true, rounds: 1 });
  });

  it('deletes a worksheet softly', async () => {
    const { ctx, call } = await book();
    const w = await call('negotiation:create', { name: 'Gone', opportunityId: null, lang: 'en' });
    await call('negotiation:delete', { id: w.id });
    await expect(call('negotiation:get', { id: w.id })).rejects.toMatchObject({ code: 'not-found' });
    expect(await call('negotiation:list', {})).toEqual([]);
    expect((ctx.db.prepare('SELECT count(*) AS n FROM negotiation_issues WHERE deleted_at IS NULL').get() as { n: number }).n).toBe(0);
  });
});
