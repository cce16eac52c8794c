import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import XLSX from 'xlsx';
import { openBook } from '../../../app/book';
import { createRegistry } from '../../../app/handlers';
import type { ServerContext } from '../../../platform/context';
import { AppError } from '../../../shared/errors';
import { fixedClock, tempDir } from '../../../../test/db/helpers';
import type { TrainingDetail, TrainingResults, TrainingSummary } from '../contract';
import { seedTrainingDemo } from './demo';

// The handlers through the registry (as every front door calls them), on a real SQLite file.

let ctx: ServerContext;
let cleanup: () => void;
let dir: string;
const registry = createRegistry({ validateOutput: true });
const call = <T = TrainingDetail>(channel: string, input: unknown) => registry.call<T>(ctx, channel, input);
const count = (table: string) => (ctx.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE deleted_at IS NULL`).get() as { n: number }).n;

beforeEach(async () => {
  const t = tempDir('sw-training-');
  cleanup = t.cleanup;
  dir = t.dir;
  ctx = await openBook(path.join(dir, 'book.sqlite'), { clock: fixedClock(), platform: 'test' });
});
afterEach(() => {
  ctx.db.close();
  cleanup();
});

/** Two vendor teams facing one customer team, the seeds' orders, one signed table and one broken off. */
async function classOfThree(): Promise<TrainingDetail> {
  let d = await call('training:create', { name: '第三期', date: '2026-11-20', lang: 'zh-CN' });
  const sessionId = d.session.id;
  d = await call('training:saveTeam', { sessionId, name: '厂家一组', side: 'vendor' });
  d = await call('training:saveTeam', { sessionId, name: '厂家二组', side: 'vendor' });
  d = await call('training:saveTeam', { sessionId, name: '客户组', side: 'customer' });
  const team = (n: string) => d.teams.find((t) => t.name === n)!.id;
  const issue = (k: string) => d.issues.find((i) => i.issueKey === k)!.id;
  const order = (o: Record<string, number>) => Object.entries(o).map(([k, priority]) => ({ issueId: issue(k), priority }));
  for (const v of ['厂家一组', '厂家二组'])
    d = await call('training:setOrder', {
      teamId: team(v),
      kind: 'priorities',
      order: order({ price: 2, payment: 1, service: 3, delivery: 4 }),
    });
  d = await call('training:setOrder', {
    teamId: team('客户组'),
    kind: 'priorities',
    order: order({ price: 1, payment: 4, service: 3, delivery: 2 }),
  });
  d = await call('training:setOrder', {
    teamId: team('厂家一组'),
    kind: 'guesses',
    order: order({ price: 1, payment: 3, service: 4, delivery: 2 }),
  });
  d = await call('training:savePairing', {
    sessionId,
    roundNo: 1,
    label: 'A',
    vendorTeamId: team('厂家一组'),
    customerTeamId: team('客户组'),
    signed: true,
  });
  d = await call('training:savePairing', {
    sessionId,
    roundNo: 1,
    label: 'B',
    vendorTeamId: team('厂家二组'),
    customerTeamId: team('客户组'),
    signed: false,
  });
  const a = d.pairings.find((p) => p.label === 'A')!.id;
  // Price agreed as a term: 250万元 is level 3 for both sides in the default case.
  d = await call('training:setOutcome', { pairingId: a, issueId: issue('price'), term: '250万元' });
  d = await call('training:setOutcome', { pairingId: a, issueId: issue('payment'), vendorLevel: 5, customerLevel: 1 });
  d = await call('training:setOutcome', { pairingId: a, issueId: issue('service'), vendorLevel: 3, customerLevel: 3 });
  d = await call('training:setOutcome', { pairingId: a, issueId: issue('delivery'), vendorLevel: 1, customerLevel: 5 });
  return d;
}

describe('training sessions in the database', () => {
  it('a new session has the default case: four issues, five levels per side, 30 minutes, 0 for a broken-off table', async () => {
    const d = await call('training:create', { name: 'x', date: '2026-11-20', lang: 'en' });
    expect(d.issues.map((i) => [i.issueKey, i.name])).toEqual([
      ['price', 'Price'],
      ['payment', 'Payment'],
      ['service', 'Service'],
      ['delivery', 'Delivery'],
    ]);
    expect(d.issues[0]!.vendorTerms[4]).toBe('¥3,100,000');
    expect(d.issues[0]!.customerTerms[4]).toBe('¥1,880,000');
    expect(d.session).toMatchObject({ timeLimitMinutes: 30, brokenOffRule: 'zero', debriefOpen: false });
  });

  it('scores a class: leaderboard by side, joint scores, guess accuracy, broken off = 0', async () => {
    const d = await classOfThree();
    expect(d.outcomes.find((o) => o.term === '250万元')).toMatchObject({ vendorLevel: 3, customerLevel: 3 });
    const r = await call<TrainingResults>('training:results', { id: d.session.id });
    expect(r.matrix[0]).toEqual([4, 8, 12, 16, 20]);
    expect(r.maxScore).toBe(50);
    const a = r.pairings.find((p) => p.label === 'A')!;
    expect([a.status, a.vendor.total, a.customer.total, a.joint]).toEqual(['signed', 36, 34, 70]);
    const b = r.pairings.find((p) => p.label === 'B')!;
    expect([b.status, b.vendor.total, b.customer.total, b.joint]).toEqual(['brokenOff', 0, 0, 0]);
    expect(r.leaderboard.vendor.map((x) => [x.rank, x.name, x.total, x.joint, x.guessAccuracy])).toEqual([
      [1, '厂家一组', 36, 70, 0.5],
      [2, '厂家二组', 0, 0, null],
    ]);
    expect(r.leaderboard.customer).toEqual([expect.objectContaining({ rank: 1, name: '客户组', total: 34, joint: 70, pairings: 2 })]);
    expect(r.groups).toHaveLength(1);
    expect(r.groups[0]).toMatchObject({ combinations: 625, bestJoint: 72 });
    expect(b.possible).toMatchObject({ leftOnTable: 72 });

    // The trainer's other rule: a broken-off table scores what was written down.
    await call('training:update', { id: d.session.id, patch: { brokenOffRule: 'fixedLevel', brokenOffLevel: 2 } });
    const r2 = await call<TrainingResults>('training:results', { id: d.session.id });
    expect(r2.pairings.find((p) => p.label === 'B')!.vendor.total).toBe(20);
  });

  it('writes every change through the change log', async () => {
    const d = await classOfThree();
    const logged = ctx.db
      .prepare("SELECT table_name, op, count(*) AS n FROM change_log WHERE table_name LIKE 'training_%' GROUP BY 1, 2 ORDER BY 1, 2")
      .all();
    expect(logged).toContainEqual({ table_name: 'training_outcomes', op: 'insert', n: 4 });
    expect(logged).toContainEqual({ table_name: 'training_priorities', op: 'insert', n: 12 });
    await call('training:setOutcome', { pairingId: d.pairings[0]!.id, issueId: d.issues[0]!.id, vendorLevel: 4, customerLevel: 2 });
    const last = ctx.db
      .prepare("SELECT op, changes FROM change_log WHERE table_name = 'training_outcomes' ORDER BY seq DESC LIMIT 1")
      .get() as { op: string; changes: string };
    expect(last.op).toBe('update');
    expect(JSON.parse(last.changes)).toMatchObject({ vendor_level: [3, 4], customer_level: [3, 2], term: ['250万元', null] });
  });

  it('refuses orders that are not 1..n once each, wrong sides, unknown terms and half-entered levels', async () => {
    const d = await classOfThree();
    const v1 = d.teams.find((t) => t.name === '厂家一组')!.id;
    const c = d.teams.find((t) => t.side === 'customer')!.id;
    const ids = d.issues.map((i) => i.id);
    const reject = async (channel: string, input: unknown, msg: RegExp) => {
      await expect(call(channel, input)).rejects.toSatisfy((e: unknown) => e instanceof AppError && msg.test(e.message));
    };
    await reject(
      'training:setOrder',
      { teamId: v1, kind: 'priorities', order: ids.map((issueId) => ({ issueId, priority: 1 })) },
      /Priority 1 is given to two issues/,
    );
    await reject('training:setOrder', { teamId: v1, kind: 'priorities', order: [{ issueId: ids[0], priority: 1 }] }, /ranks all 4 issues/);
    await reject(
      'training:setOrder',
      { teamId: v1, kind: 'priorities', order: ids.map((issueId, i) => ({ issueId, priority: i + 2 })) },
      /from 1 to 4/,
    );
    await reject(
      'training:savePairing',
      { sessionId: d.session.id, roundNo: 2, label: 'A', vendorTeamId: c, customerTeamId: c, signed: false },
      /vendor team/,
    );
    await reject(
      'training:savePairing',
      { sessionId: d.session.id, roundNo: 1, label: 'C', vendorTeamId: v1, customerTeamId: c, signed: false },
      /already negotiates in round 1/,
    );
    await reject('training:setOutcome', { pairingId: d.pairings[0]!.id, issueId: ids[0], term: '999万元' }, /not one of the terms/);
    await reject('training:setOutcome', { pairingId: d.pairings[0]!.id, issueId: ids[0], vendorLevel: 3 }, /both sides/);
    await reject('training:update', { id: d.session.id, patch: { brokenOffRule: 'fixedLevel' } }, /Choose the level/);
    // Guesses may be partial.
    const g = await call('training:setOrder', { teamId: c, kind: 'guesses', order: [{ issueId: ids[1], priority: 1 }] });
    expect(g.guesses.filter((x) => x.teamId === c)).toHaveLength(1);
  });

  it('deleting a team removes its tables, outcomes and orders; the rest stays', async () => {
    const d = await classOfThree();
    const v1 = d.teams.find((t) => t.name === '厂家一组')!.id;
    const after = await call('training:deleteTeam', { id: v1 });
    expect(after.teams.map((t) => t.name)).toEqual(['厂家二组', '客户组']);
    expect(after.pairings.map((p) => p.label)).toEqual(['B']);
    expect(after.outcomes).toEqual([]);
    expect(after.priorities.some((p) => p.teamId === v1)).toBe(false);
    expect(count('training_outcomes')).toBe(0);
  });

  it('the sessions list gives each class its totals to compare over time', async () => {
    const d = await classOfThree();
    const list = await call<TrainingSummary[]>('training:list', {});
    expect(list).toEqual([
      expect.objectContaining({
        id: d.session.id,
        vendorTeams: 2,
        customerTeams: 1,
        pairings: 2,
        signed: 1,
        vendorAverage: 18,
        customerAverage: 17,
        jointAverage: 35,
        bestJoint: 70,
      }),
    ]);
    await call('training:delete', { id: d.session.id });
    expect(await call<TrainingSummary[]>('training:list', {})).toEqual([]);
  });

  it('the demo classes are deterministic and fully scored', async () => {
    seedTrainingDemo(ctx);
    const list = await call<TrainingSummary[]>('training:list', {});
    expect(list.map((s) => [s.name, s.pairings, s.signed])).toEqual([
      ['大客户销售训练营 · 第二期', 8, 7],
      ['大客户销售训练营 · 第一期', 3, 2],
    ]);
    const r = await call<TrainingResults>('training:results', { id: list[0]!.id });
    expect(r.pairings.every((p) => p.status !== 'incomplete')).toBe(true);
    const ids = (ctx.db.prepare('SELECT id FROM training_sessions ORDER BY id').all() as { id: string }[]).map((x) => x.id);
    const other = await openBook(path.join(dir, 'other.sqlite'), { clock: fixedClock(), platform: 'test' });
    seedTrainingDemo(other);
    expect((other.db.prepare('SELECT id FROM training_sessions ORDER BY id').all() as { id: string }[]).map((x) => x.id)).toEqual(ids);
    other.db.close();
  });
});

describe('training workbooks', () => {
  const read = (file: string) => XLSX.readFile(file);
  const sheetRows = (wb: XLSX.WorkBook, name: string) => XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[name]!, { header: 1, defval: null });

  it('exports Scores and Leaderboard (the CLI layout) with the exact headers', async () => {
    const d = await classOfThree();
    const file = path.join(dir, 'out.xlsx');
    const r = await call<{ sheets: string[] }>('training:export', {
      id: d.session.id,
      file: ctx.files.register(file, 'write').token,
      lang: 'en',
      layout: 'scores',
    });
    expect(r.sheets).toEqual(['Scores', 'Leaderboard']);
    const wb = read(file);
    expect(wb.SheetNames).toEqual(['Scores', 'Leaderboard']);
    const scores = sheetRows(wb, 'Scores');
    expect(scores[0]).toEqual(['Round', 'Pairing', 'Team', 'Side', 'Issue', 'Priority', 'Weight', 'Level', 'Score']);
    expect(scores).toHaveLength(1 + 2 * 2 * 4);
    expect(scores[1]).toEqual([1, 'A', '厂家一组', 'vendor', '价位', 2, 3, 3, 9]);
    expect(scores[2]).toEqual([1, 'A', '厂家一组', 'vendor', '付款', 1, 4, 5, 20]);
    // Broken off: no level counted, 0 points.
    expect(scores.find((x) => x[1] === 'B' && x[3] === 'customer')).toEqual([1, 'B', '客户组', 'customer', '价位', 1, 4, null, 0]);
    const board = sheetRows(wb, 'Leaderboard');
    expect(board).toEqual([
      ['Rank', 'Team', 'Side', 'Total', 'Joint score', 'Guess accuracy'],
      [1, '厂家一组', 'vendor', 36, 70, 0.5],
      [2, '厂家二组', 'vendor', 0, 0, null],
      [1, '客户组', 'customer', 34, 70, null],
    ]);
  });

  it('exports one sheet per round plus a summary (the app layout)', async () => {
    const d = await classOfThree();
    const file = path.join(dir, 'rounds.xlsx');
    await call('training:export', { id: d.session.id, file: ctx.files.register(file, 'write').token, lang: 'zh-CN', layout: 'rounds' });
    const wb = read(file);
    expect(wb.SheetNames).toEqual(['汇总', '谈判结果', '第1轮']);
    const round = sheetRows(wb, '第1轮');
    const header = round.findIndex((x) => x[0] === '谈判桌');
    expect(round[header]).toEqual([
      '谈判桌',
      '厂家组',
      '客户组',
      '结果',
      '谈判内容',
      '约定条款',
      '厂家优先级',
      '厂家等级',
      '厂家得分',
      '客户优先级',
      '客户等级',
      '客户得分',
    ]);
    expect(round[header + 1]).toEqual(['A', '厂家一组', '客户组', '已签约', '价位', '250万元', 2, 3, 9, 1, 3, 12]);
    expect(round[round.length - 1]).toEqual(['Total', null, null, null, null, null, null, null, 36, null, null, 34]);
  });
});
