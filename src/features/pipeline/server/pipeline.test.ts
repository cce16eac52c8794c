import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBook } from '../../../app/book';
import { createRegistry } from '../../../app/handlers';
import type { ServerContext } from '../../../platform/context';
import { insertRow } from '../../../platform/db/changeLog';
import { AppError } from '../../../shared/errors';
import { fixedClock, tempDir } from '../../../../test/db/helpers';
import type { Opportunity, OpportunityDetail, ReviewOut, StageModel, Stage, FunnelOut } from '../contract';
import { seedDemo } from '../../../app/demo/seedDemo';
import { buildReview } from '../review';
import { buildFunnel, funnelData } from '../funnel';
import { buildFunnelFromDb } from './reviewService';
import type { OppHistory } from '../domain';
import { eventsOf, loadHistories } from './historyRepo';
import { stageIndex } from './stagesRepo';

// The pipeline's handlers on a real SQLite file: every tracked change is an inserted event,
// the review reads them back, stage models switch with an explicit mapping, commitments are
// judged at the next review.

let ctx: ServerContext;
let cleanup: () => void;
const reg = createRegistry({ validateOutput: true });
const call = <T>(channel: string, input: unknown) => reg.call<T>(ctx, channel, input);
let account: string;
let rep2: string;
let stages: Stage[];

beforeEach(async () => {
  const t = tempDir('sw-pipeline-db-');
  cleanup = t.cleanup;
  ctx = await openBook(path.join(t.dir, 'book.sqlite'), {
    clock: fixedClock('2026-03-09T02:00:00.000Z', '2026-03-09'),
    dailyBackup: false,
  });
  ctx.db.transaction(() => {
    const east = insertRow(ctx, 'territories', { name_zh: '华东区', name_en: 'East' });
    const rep1 = insertRow(ctx, 'reps', { territory_id: east, name_zh: '王磊', name_en: 'Wang Lei' });
    rep2 = insertRow(ctx, 'reps', { territory_id: east, name_zh: '李娜', name_en: 'Li Na' });
    account = insertRow(ctx, 'accounts', { territory_id: east, owner_id: rep1, name: 'Acme' });
  })();
  stages = (await call<{ stages: Stage[] }>('pipeline:lookups', {})).stages;
});
afterEach(() => {
  ctx.db.close();
  cleanup();
});

async function create(name: string, createdOn: string, stage = 1, amount = 100_000_00): Promise<Opportunity> {
  return call<Opportunity>('pipeline:create', {
    name,
    accountId: account,
    amount,
    expectedClose: '2026-03-31',
    stageId: stages[stage]!.id,
    createdOn,
  });
}
const update = (id: string, effectiveDate: string, patch: object) => call<Opportunity>('pipeline:update', { id, effectiveDate, patch });
const events = (id: string) =>
  ctx.db
    .prepare('SELECT date, kind, seq, stage_id, amount_fen, status FROM opportunity_events WHERE opportunity_id = ? ORDER BY seq')
    .all(id) as { date: string; kind: string; seq: number; stage_id: string; amount_fen: number; status: string }[];

describe('pipeline:lookups', () => {
  it('stays the same size however many accounts the book holds (the editor searches accounts as the user types)', async () => {
    const size = async () => JSON.stringify(await call('pipeline:lookups', {})).length;
    const before = await size();
    const territory = ctx.db.prepare('SELECT territory_id FROM accounts WHERE id = ?').pluck().get(account) as string;
    ctx.db.transaction(() => {
      for (let i = 0; i < 500; i++) insertRow(ctx, 'accounts', { territory_id: territory, name: `客户 ${i}` });
    })();
    expect(await size()).toBe(before);
  });
});

describe('opportunities and their events', () => {
  it('the default model is the seven stages of docs/en/pipeline.md with zh/en names', () => {
    expect(stages.map((s) => `${s.position} ${s.nameZh} ${s.nameEn} ${s.probabilityBp}`)).toEqual([
      '0 收集资料 Gather information 500',
      '1 建立信任 Build trust 1000',
      '2 挖掘需求 Uncover needs 2500',
      '3 呈现价值 Present value 4000',
      '4 赢取承诺 Win commitment 6000',
      '5 跟进任务 Follow-up / contract 8000',
      '6 收款 Collect payment 9500',
    ]);
  });

  it('records an event for each change of a tracked field, none for other fields', async () => {
    const o = await create('A', '2026-01-05');
    expect(o).toMatchObject({ ownerId: expect.any(String), probability: 1000, weighted: 10_000_00, stageSince: '2026-01-05' });
    await update(o.id, '2026-03-03', { stageId: stages[2]!.id });
    await update(o.id, '2026-03-03', { amount: 120_000_00, nextStep: 'Demo' });
    await update(o.id, '2026-03-05', { nextStep: 'Quote', checklist: { budget: true, money: false }, info: { budget: '120万' } });
    const moved = await update(o.id, '2026-03-06', { probabilityBp: 5000, ownerId: rep2 });
    expect(moved).toMatchObject({ probability: 5000, weighted: 60_000_00, stageSince: '2026-03-03', nextStep: 'Quote' });
    expect(events(o.id).map((e) => [e.seq, e.date, e.kind, e.amount_fen])).toEqual([
      [1, '2026-01-05', 'create', 100_000_00],
      [2, '2026-03-03', 'change', 100_000_00],
      [3, '2026-03-03', 'change', 120_000_00],
      [4, '2026-03-06', 'change', 120_000_00],
    ]);
    const d = await call<OpportunityDetail>('pipeline:get', { id: o.id });
    expect(d.checklist).toMatchObject({ budget: true, money: false, fit: null });
    expect(d.info.budget).toBe('120万');
    expect(d.events).toHaveLength(4);
  });

  it('events are never updated in place', async () => {
    const o = await create('A', '2026-01-05');
    expect(() => ctx.db.prepare('UPDATE opportunity_events SET amount_fen = 1 WHERE opportunity_id = ?').run(o.id)).toThrow(
      /never updated/,
    );
  });

  it('refuses a change dated before the last recorded one or in the future, and writes nothing', async () => {
    const o = await create('A', '2026-02-01');
    await update(o.id, '2026-03-05', { stageId: stages[2]!.id });
    await expect(update(o.id, '2026-03-04', { amount: 5 })).rejects.toThrow(/later change is already recorded on 2026-03-05/);
    await expect(update(o.id, '2026-03-10', { amount: 5 })).rejects.toThrow(/future/);
    expect((await call<OpportunityDetail>('pipeline:get', { id: o.id })).opportunity.amount).toBe(100_000_00);
    expect(events(o.id)).toHaveLength(2);
  });

  it('won and lost set the close date and reason; reopening clears them and restarts the stage clock', async () => {
    const o = await create('A', '2026-01-10', 2);
    const lost = await update(o.id, '2026-02-20', { status: 'lost', closeReason: '价格偏高' });
    expect(lost).toMatchObject({ status: 'lost', closedOn: '2026-02-20', closeReason: '价格偏高', weighted: 0 });
    const reopened = await update(o.id, '2026-03-04', { status: 'open' });
    expect(reopened).toMatchObject({ status: 'open', closedOn: null, closeReason: null, stageSince: '2026-03-04' });
  });

  it('keeps competitive points and pain points as child rows', async () => {
    const o = await create('A', '2026-01-10');
    await update(o.id, '2026-03-01', {
      points: [
        { kind: 'winning', text: '本地服务' },
        { kind: 'threat', text: '对手低价' },
      ],
      pains: [{ text: '停机频繁', severity: 4, impacts: { personal: false, interpersonal: true, present: true, future: false } }],
    });
    let d = await call<OpportunityDetail>('pipeline:get', { id: o.id });
    expect(d.points.map((p) => p.kind)).toEqual(['threat', 'winning']);
    expect(d.pains[0]).toMatchObject({ severity: 4, impacts: { interpersonal: true, present: true } });
    await update(o.id, '2026-03-01', { points: [{ id: d.points[1]!.id, kind: 'winning', text: '本地服务 2 小时响应' }] });
    d = await call<OpportunityDetail>('pipeline:get', { id: o.id });
    expect(d.points).toEqual([{ id: expect.any(String), kind: 'winning', text: '本地服务 2 小时响应' }]);
    expect(events(o.id)).toHaveLength(1); // points are not tracked fields
  });
});

describe('the review, the funnel and commitments through the handlers', () => {
  it('moving a card to the next stage shows in the funnel and in the review', async () => {
    const a = await create('A', '2026-01-05', 1);
    const b = await create('B', '2026-01-05', 1);
    const before = await call<FunnelOut>('pipeline:funnel', { asOf: '2026-03-09', periodFrom: '2026-01-01', periodTo: '2026-03-09' });
    expect(before.stages.map((s) => s.count)).toEqual([0, 2, 0, 0, 0, 0, 0]);
    await update(a.id, '2026-03-09', { stageId: stages[2]!.id });
    const after = await call<FunnelOut>('pipeline:funnel', { asOf: '2026-03-09', periodFrom: '2026-01-01', periodTo: '2026-03-09' });
    expect(after.stages.map((s) => s.count)).toEqual([0, 1, 1, 0, 0, 0, 0]);
    expect(after.stages[1]).toMatchObject({ left: 1, converted: 1, conversionBp: 10_000, avgDays: 63 });
    const review = await call<ReviewOut>('pipeline:review', { from: '2026-03-02', to: '2026-03-09' });
    expect(review.counts).toMatchObject({ advanced: 1, unchanged: 1 });
    expect(review.rows.find((r) => r.id === a.id)).toMatchObject({ change: 'advanced', stageFrom: stages[1]!.id, stageTo: stages[2]!.id });
    expect(review.rows.find((r) => r.id === b.id)).toMatchObject({ stalled: true, daysInStage: 63 });
    expect(review.periodEnd).toBe('2026-03-31');
  });

  it('commitments made at one review are judged at the next, per rep', async () => {
    const a = await create('A', '2026-01-05', 1);
    const b = await create('B', '2026-01-05', 1);
    const c = await create('C', '2026-01-05', 1);
    await call('pipeline:commit', { opportunityId: a.id, reviewDate: '2026-03-02', step: '演示', dueDate: '2026-03-06' });
    await call('pipeline:commit', { opportunityId: b.id, reviewDate: '2026-03-02', step: '报价', dueDate: '2026-03-05' });
    const cc = await call<{ id: string }>('pipeline:commit', {
      opportunityId: c.id,
      reviewDate: '2026-03-02',
      step: '拜访',
      dueDate: '2026-03-05',
    });
    await expect(
      call('pipeline:commit', { opportunityId: c.id, reviewDate: '2026-03-09', step: 'x', dueDate: '2026-03-01' }),
    ).rejects.toThrow(/before the review/);
    await update(a.id, '2026-03-04', { stageId: stages[2]!.id });
    await call('pipeline:commitmentDone', { id: cc.id, doneOn: '2026-03-05' });
    await call('pipeline:commit', { opportunityId: b.id, reviewDate: '2026-03-09', step: '再次报价', dueDate: '2026-03-13' });
    const review = await call<ReviewOut>('pipeline:review', { from: '2026-03-02', to: '2026-03-09' });
    expect(review.commitments).toHaveLength(1);
    const g = review.commitments[0]!;
    expect([g.kept, g.notKept, g.pending]).toEqual([2, 1, 0]);
    expect(g.items.map((i) => [i.opportunityName, i.outcome, i.keptBy])).toEqual([
      ['B', 'notKept', null],
      ['C', 'kept', 'done'],
      ['A', 'kept', 'stageMoved'],
    ]);
    expect(review.recorded.map((i) => [i.opportunityName, i.step, i.outcome])).toEqual([['B', '再次报价', 'pending']]);
  });

  it('switching the stage model maps opportunities explicitly and keeps history comparable', async () => {
    const a = await create('A', '2026-01-05', 1);
    const models = await call<StageModel[]>('pipeline:stageModels', {});
    const erp = models.find((m) => m.builtin === 'erp')!;
    expect(erp.stages.map((s) => s.nameZh)).toEqual([
      '名单',
      '初访',
      '交流',
      '系统演示 Demo',
      '正式书面报价',
      '疑虑排除',
      '商务谈判',
      '签约',
    ]);
    expect(models.find((m) => m.builtin === 'project')!.stages).toHaveLength(8);
    await expect(call('pipeline:switchModel', { modelId: erp.id, mapping: {} })).rejects.toThrow(/Choose the new stage/);
    const mapping = Object.fromEntries(stages.map((s, i) => [s.id, erp.stages[Math.min(i, 7)]!.id]));
    expect(await call('pipeline:switchModel', { modelId: erp.id, mapping })).toEqual({ moved: 1 });
    const now = (await call<OpportunityDetail>('pipeline:get', { id: a.id })).opportunity;
    expect(now.stageId).toBe(erp.stages[1]!.id);
    expect(now.stageSince).toBe('2026-01-05');
    const review = await call<ReviewOut>('pipeline:review', { from: '2026-03-02', to: '2026-03-09' });
    // The old stage maps to the new one: a remap is not a movement.
    expect(review.rows[0]).toMatchObject({
      change: 'unchanged',
      stageFrom: erp.stages[1]!.id,
      stageTo: erp.stages[1]!.id,
      daysInStage: 63,
    });
    expect(review.perStage).toHaveLength(8);
  });

  it('renames, reorders and re-weights stages; a removed stage needs a mapping and no live opportunities', async () => {
    const models = await call<StageModel[]>('pipeline:stageModels', {});
    const def = models.find((m) => m.active)!;
    const list = def.stages.map((s) => ({
      id: s.id,
      nameZh: s.nameZh,
      nameEn: s.nameEn,
      probabilityBp: s.probabilityBp,
      milestone: s.milestone,
      exitCriterion: s.exitCriterion,
    }));
    list[0]!.nameEn = 'Research';
    list[6]!.probabilityBp = 9900;
    [list[4], list[5]] = [list[5]!, list[4]!];
    const saved = await call<StageModel[]>('pipeline:saveStages', { modelId: def.id, stages: list, removed: [] });
    const st = saved.find((m) => m.active)!.stages;
    expect(st.map((s) => s.nameEn).slice(0, 1)).toEqual(['Research']);
    expect(st[4]!.nameEn).toBe('Follow-up / contract');
    expect(st[6]!.probabilityBp).toBe(9900);
    const o = await create('A', '2026-01-05', 2);
    const withoutNeeds = list.filter((s) => s.id !== stages[2]!.id);
    await expect(call('pipeline:saveStages', { modelId: def.id, stages: withoutNeeds, removed: [] })).rejects.toThrow(
      /counts as in history/,
    );
    await expect(
      call('pipeline:saveStages', { modelId: def.id, stages: withoutNeeds, removed: [{ id: stages[2]!.id, mapTo: stages[1]!.id }] }),
    ).rejects.toThrow(/still holds 1/);
    await update(o.id, '2026-03-01', { stageId: stages[3]!.id });
    await call('pipeline:saveStages', { modelId: def.id, stages: withoutNeeds, removed: [{ id: stages[2]!.id, mapTo: stages[1]!.id }] });
    // History in the removed stage now counts as stage 1: the move 2 → 3 reads as 1 → 3.
    const review = await call<ReviewOut>('pipeline:review', { from: '2026-02-01', to: '2026-03-09' });
    expect(review.rows[0]).toMatchObject({ stageFrom: stages[1]!.id, change: 'advanced' });
  });

  it('validates references: unknown account, owner from another territory', async () => {
    const north = insertRow(ctx, 'territories', { name_zh: '华北区', name_en: 'North' });
    const far = insertRow(ctx, 'reps', { territory_id: north, name_zh: '张伟', name_en: 'Zhang Wei' });
    await expect(call('pipeline:create', { name: 'X', accountId: far, amount: 1, expectedClose: '2026-04-01' })).rejects.toThrow(
      /Unknown account/,
    );
    const err = await call('pipeline:create', {
      name: 'X',
      accountId: account,
      ownerId: far,
      amount: 1,
      expectedClose: '2026-04-01',
    }).catch((e: AppError) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toMatch(/territory/);
  });
});

describe('loading histories', () => {
  it('the cut load (current rows + later events) gives what the full histories give, on the demo book', async () => {
    seedDemo(ctx);
    const { stages: refs, index } = stageIndex(ctx.db);
    const full: OppHistory[] = (
      ctx.db.prepare('SELECT id, account_id, territory_id FROM opportunities WHERE deleted_at IS NULL').all() as {
        id: string;
        account_id: string;
        territory_id: string;
      }[]
    )
      .map((o) => ({ id: o.id, accountId: o.account_id, territoryId: o.territory_id, events: eventsOf(ctx.db, o.id) }))
      .filter((h) => h.events.length > 0);
    expect(full.length).toBeGreaterThanOrEqual(300);
    // The demo's clock says 2026-03-09; its histories run back five months.
    for (const [from, to] of [
      ['2026-03-02', '2026-03-09'],
      ['2026-01-01', '2026-02-01'],
      ['2025-12-01', '2026-03-09'],
    ] as const) {
      const input = { from, to, stallDays: 30, periodEnd: '2026-03-31', stages: refs, index };
      const expected = buildReview(full, input);
      const loaded = buildReview(loadHistories(ctx.db, from), input);
      expect(loaded.rows.length, `${from} → ${to}`).toBeGreaterThan(10);
      const byId = (r: { rows: { id: string }[] }) => new Map(r.rows.map((x) => [x.id, x]));
      expect(byId(loaded)).toEqual(byId(expected));
      expect({ ...loaded, rows: [] }).toEqual({ ...expected, rows: [] });
      const f = { asOf: to, periodFrom: from, periodTo: to, stages: refs, index };
      const funnel = buildFunnel(funnelData(full, f), f);
      // As of the book's today the wins come from the current rows; for an earlier date from events.
      expect(buildFunnelFromDb(ctx.db, f, ctx.clock.today())).toEqual(funnel);
      expect(buildFunnelFromDb(ctx.db, f, '2099-01-01')).toEqual(funnel);
    }
    const week = buildReview(full, { from: '2026-03-02', to: '2026-03-09', stallDays: 30, periodEnd: '2026-03-31', stages: refs, index });
    // The demo shows real movement for "a week ago → today".
    expect(week.counts.new).toBeGreaterThan(5);
    expect(week.counts.advanced).toBeGreaterThan(5);
    expect(week.counts.won + week.counts.lost).toBeGreaterThan(0);
    expect(week.stalled).toBeGreaterThan(5);
  });
});
