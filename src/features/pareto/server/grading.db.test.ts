import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openBook } from '../../../app/book';
import { createRegistry } from '../../../app/handlers';
import type { ServerContext } from '../../../platform/context';
import { insertRow, updateRow } from '../../../platform/db/changeLog';
import { fixedClock, tempDir } from '../../../../test/db/helpers';
import { classifyPareto } from '../domain';
import { clearRankings } from './ranking';

// Apply / preview / undo / history on a real SQLite file with the demo company.

type Analysis = {
  count: number;
  lastA: number;
  lastB: number;
  cached: boolean;
  composition: { cls: string; accounts: number; value: number }[];
  chart: { bars: { id: string; to: number }[] };
};
type AccountRow = {
  id: string;
  name: string;
  sales: number;
  profit: number;
  territoryId: string;
  ownerId: string | null;
  grade: string | null;
  gradeSource: string | null;
  version: number;
};

let ctx: ServerContext;
let cleanup: () => void;
const registry = createRegistry({ validateOutput: true });
const call = <T>(channel: string, input: unknown) => registry.call<T>(ctx, channel, input);
const params = (p: Record<string, unknown> = {}) => ({ measure: 'sales', a: 55, b: 85, ...p });

// The demo book is seeded once and copied for each test.
let template: { dir: string; cleanup(): void };
beforeAll(async () => {
  template = tempDir('sw-pareto-template-');
  const c = await openBook(path.join(template.dir, 'book.sqlite'), { demo: true, clock: fixedClock() });
  c.db.close();
});
afterAll(() => template.cleanup());
beforeEach(async () => {
  const t = tempDir('sw-pareto-');
  cleanup = t.cleanup;
  fs.copyFileSync(path.join(template.dir, 'book.sqlite'), path.join(t.dir, 'book.sqlite'));
  ctx = await openBook(path.join(t.dir, 'book.sqlite'), { clock: fixedClock(), dailyBackup: false });
});
afterEach(() => {
  clearRankings(ctx.db);
  ctx.db.close();
  cleanup();
});

const accounts = () => call<AccountRow[]>('accounts:list', {});
const expected = (list: AccountRow[], field: 'sales' | 'profit', a = 55, b = 85) =>
  new Map(
    classifyPareto(
      list.map((x) => ({ id: x.id, name: x.name, value: x[field] })),
      { a, b },
    ).rows.map((r) => [r.id, r.cls]),
  );

describe('the Pareto analysis', () => {
  it('matches the pure rule, serves threshold changes from the cache, and re-ranks after a sales edit', async () => {
    const list = await accounts();
    const want = expected(list, 'sales');
    const first = await call<Analysis>('pareto:analyze', { params: params() });
    expect(first.cached).toBe(false);
    expect(first.count).toBe(400);
    expect(first.chart.bars.length).toBe(400); // fewer accounts than maxBars: one bar each
    const ranks = await call<{ total: number; rows: { id: string; cls: string }[] }>('pareto:ranks', { params: params(), limit: 1000 });
    expect(ranks.total).toBe(400);
    expect(ranks.rows).toHaveLength(400);
    for (const r of ranks.rows) expect(r.cls).toBe(want.get(r.id));
    expect(first.composition.map((c) => c.accounts)).toEqual(
      ['A', 'B', 'C'].map((cls) => [...want.values()].filter((x) => x === cls).length),
    );

    const moved = await call<Analysis>('pareto:analyze', { params: params({ a: 80, b: 95 }) });
    expect(moved.cached).toBe(true);
    expect(moved.lastA).toBeGreaterThan(first.lastA);

    // A page of one class only.
    const bPage = await call<{ total: number; rows: { rank: number; cls: string }[] }>('pareto:ranks', {
      params: params(),
      cls: 'B',
      offset: 2,
      limit: 5,
    });
    expect(bPage.total).toBe(first.lastB - first.lastA);
    expect(bPage.rows.map((r) => r.rank)).toEqual([3, 4, 5, 6, 7].map((k) => first.lastA + k));
    expect(bPage.rows.every((r) => r.cls === 'B')).toBe(true);

    // Editing an account's sales moves the ranking: the cache notices through the change log.
    const last = ranks.rows.at(-1)!;
    await call('accounts:update', { id: last.id, patch: { sales: 999_999_999_00 } });
    const after = await call<Analysis>('pareto:analyze', { params: params() });
    expect(after.cached).toBe(false);
    expect(after.chart.bars[0]!.id).toBe(last.id);
    // A note edit does not.
    await call('accounts:update', { id: last.id, patch: { notes: 'a note' } });
    expect((await call<Analysis>('pareto:analyze', { params: params() })).cached).toBe(true);
  });

  it('buckets the bars when there are more accounts than bars, keeping exact numbers', async () => {
    const a = await call<Omit<Analysis, 'chart'> & { chart: { bucket: number; bars: { from: number; to: number }[] } }>('pareto:analyze', {
      params: params(),
      maxBars: 30,
    });
    expect(a.chart.bucket).toBe(14);
    expect(a.chart.bars.length).toBe(29);
    expect(a.chart.bars.at(-1)!.to).toBe(400);
    expect(a.composition.reduce((s, c) => s + c.accounts, 0)).toBe(400);
  });
});

describe('applying grades', () => {
  it('previews, applies in one batch with change-log entries, and keeps the ranking cached', async () => {
    const list = await accounts();
    const want = expected(list, 'sales');
    const preview = await call<{ changes: number; unchanged: number; moves: { from: string; to: string; count: number }[] }>(
      'pareto:previewGrades',
      { params: params() },
    );
    expect(preview.changes).toBe(400);
    expect(preview.moves.map((m) => m.from)).toEqual(['', '', '']);
    const r = await call<{ batchId: string; changed: number }>('pareto:applyGrades', { params: params() });
    expect(r.changed).toBe(400);
    const now = await accounts();
    for (const a of now) {
      expect(a.grade).toBe(want.get(a.id));
      expect(a.gradeSource).toBe('pareto');
    }
    expect(now[0]!.version).toBe(list.find((x) => x.id === now[0]!.id)!.version + 1);
    // One change_log entry per account, tagged with the batch, holding the diff as updateRow writes it.
    const entries = ctx.db
      .prepare("SELECT row_id, op, changes, id FROM change_log WHERE batch_id = ? AND table_name = 'accounts'")
      .all(r.batchId) as { row_id: string; op: string; changes: string; id: string }[];
    expect(entries.length).toBe(400);
    const sample = entries.find((e) => e.row_id === now[0]!.id)!;
    expect(sample.op).toBe('update');
    expect(sample.changes).toBe(JSON.stringify({ grade: [null, want.get(now[0]!.id)], grade_source: [null, 'pareto'] }));
    expect(sample.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(entries.map((e) => e.id)).size).toBe(400);
    // The field history of the accounts screen shows it.
    const hist = await call<{ field: string; after: unknown }[]>('accounts:history', { id: now[0]!.id });
    expect(hist.some((h) => h.field === 'grade' && h.after === want.get(now[0]!.id))).toBe(true);
    // Grades are not ranking inputs: the cached ranking survives the write.
    expect((await call<Analysis>('pareto:analyze', { params: params() })).cached).toBe(true);
    // Nothing left to do.
    expect((await call<{ changes: number }>('pareto:previewGrades', { params: params() })).changes).toBe(0);
    expect(await call('pareto:applyGrades', { params: params() })).toEqual({ batchId: null, changed: 0 });
  });

  it('writes the same change-log diff as updateRow would', async () => {
    const [one] = await accounts();
    // Reference: updateRow on a copy of the same change.
    const diff = ctx.db.transaction(() => updateRow(ctx, 'accounts', one!.id, { grade: 'B', grade_source: 'pareto' }))();
    const ref = ctx.db.prepare('SELECT changes FROM change_log WHERE row_id = ? ORDER BY seq DESC LIMIT 1').pluck().get(one!.id);
    expect(ref).toBe(JSON.stringify(diff));
    // The set-based writer, moving the same account from B to its class.
    const r = await call<{ batchId: string }>('pareto:applyGrades', { params: params({ a: 0, b: 0 }) }); // everything C
    const mine = ctx.db.prepare('SELECT changes FROM change_log WHERE row_id = ? AND batch_id = ?').pluck().get(one!.id, r.batchId);
    expect(mine).toBe(JSON.stringify({ grade: ['B', 'C'] }));
  });

  it('keeps manual grades on request, records every grade change in the history, and undoes a batch', async () => {
    const first = await call<{ batchId: string; changed: number }>('pareto:applyGrades', { params: params() });
    const [manual, other] = await accounts();
    const firstClass = manual!.grade;
    // A manual grade (by readiness, docs/en/abc.md) through the grid's edit.
    await call('accounts:update', { id: manual!.id, patch: { grade: 'D' } });
    const preview = await call<{ changes: number; manualOverwritten: number }>('pareto:previewGrades', {
      params: params({ a: 80, b: 95 }),
    });
    const kept = await call<{ changes: number; manualOverwritten: number }>('pareto:previewGrades', {
      params: params({ a: 80, b: 95 }),
      keepManual: true,
    });
    expect(preview.manualOverwritten).toBe(1);
    expect(kept.manualOverwritten).toBe(0);
    expect(kept.changes).toBe(preview.changes - 1);
    const second = await call<{ batchId: string; changed: number }>('pareto:applyGrades', {
      params: params({ a: 80, b: 95 }),
      keepManual: true,
    });
    expect(second.changed).toBe(kept.changes);
    const afterSecond = await accounts();
    expect(afterSecond.find((a) => a.id === manual!.id)).toMatchObject({ grade: 'D', gradeSource: 'manual' });

    const history = await call<{ source: string; before: string | null; after: string | null; rule: string | null; date: string }[]>(
      'pareto:gradeHistory',
      { accountId: manual!.id },
    );
    expect(history.map((h) => [h.source, h.after, h.rule])).toEqual([
      ['manual', 'D', null],
      ['pareto', firstClass, 'sales 55/85'],
    ]);
    expect(history[0]!.date).toBe('2026-11-25');

    // Undo the second batch: everything it changed goes back to the first batch's grades.
    const undo = await call<{ reverted: number; skipped: number }>('pareto:undoGrades', { batchId: second.batchId });
    expect(undo).toMatchObject({ reverted: second.changed, skipped: 0 });
    const want = expected(await accounts(), 'sales');
    for (const a of await accounts()) if (a.id !== manual!.id) expect(a.grade).toBe(want.get(a.id));
    await expect(call('pareto:undoGrades', { batchId: second.batchId })).rejects.toMatchObject({ code: 'conflict' });

    // Undo the first batch: the manually regraded account is skipped, the others lose their grade.
    const undoFirst = await call<{ reverted: number; skipped: number }>('pareto:undoGrades', { batchId: first.batchId });
    expect(undoFirst).toEqual({ batchId: expect.any(String), reverted: 399, skipped: 1 });
    const final = await accounts();
    expect(final.find((a) => a.id === other!.id)).toMatchObject({ grade: null, gradeSource: null });
    expect(final.find((a) => a.id === manual!.id)).toMatchObject({ grade: 'D', gradeSource: 'manual' });
    const undoHistory = await call<{ source: string; rule: string | null }[]>('pareto:gradeHistory', { accountId: other!.id });
    expect(undoHistory[0]).toMatchObject({ source: 'undo', rule: 'undo: sales 55/85' });

    const batches = await call<{ id: string; kind: string; undoneBy: string | null; changed: number }[]>('pareto:gradeBatches', {});
    expect(batches.map((b) => b.kind)).toEqual(['undo', 'undo', 'pareto', 'pareto']);
    expect(batches.find((b) => b.id === first.batchId)!.undoneBy).toBe(batches[0]!.id);
  });

  it('grades one territory within itself and leaves the others untouched', async () => {
    const { territories } = await call<{ territories: { id: string }[] }>('accounts:lookups', {});
    const t = territories[0]!.id;
    const list = await accounts();
    const inT = list.filter((a) => a.territoryId === t);
    const want = expected(inT, 'profit', 70, 90);
    const r = await call<{ changed: number }>('pareto:applyGrades', {
      params: params({ measure: 'profit', territoryId: t, a: 70, b: 90 }),
    });
    expect(r.changed).toBe(inT.length);
    for (const a of await accounts()) {
      if (a.territoryId === t) expect(a.grade).toBe(want.get(a.id));
      else expect(a.grade).toBeNull();
    }
  });

  it('refuses bad thresholds as invalid input', async () => {
    await expect(call('pareto:analyze', { params: params({ a: 90, b: 80 }) })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(call('pareto:analyze', { params: params({ a: 55.555 }) })).rejects.toMatchObject({ code: 'validation' });
  });
});

describe('visit plan and scorecard', () => {
  it("plans a rep's month by grade (ungraded accounts by their class) and exports it", async () => {
    const { reps } = await call<{ reps: { id: string }[] }>('accounts:lookups', {});
    const plan = await call<{
      workingDays: number;
      visits: number;
      calls: number;
      ungradedPlannedByClass: number;
      byGrade: { grade: string; accounts: number }[];
    }>('pareto:visitPlan', { month: '2026-11', ownerId: reps[0]!.id });
    const mine = (await accounts()).filter((a) => a.ownerId === reps[0]!.id);
    expect(plan.workingDays).toBe(21);
    expect(plan.ungradedPlannedByClass).toBe(mine.length);
    expect(plan.byGrade.reduce((s, g) => s + g.accounts, 0)).toBe(mine.length);
    expect(plan.visits).toBeGreaterThan(0);
    const out = path.join(path.dirname(ctx.dbPath), 'plan.xlsx');
    const file = ctx.files.register(out, 'write').token;
    const r = await call<{ rows: number }>('pareto:exportVisitPlan', { month: '2026-11', ownerId: reps[0]!.id, file, lang: 'en' });
    expect(r.rows).toBe(plan.visits + plan.calls);
    const wb = XLSX.readFile(out);
    expect(wb.SheetNames).toEqual(['Plan', 'Workload']);
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets.Plan!, { header: 1 });
    expect(rows[0]).toEqual([expect.stringMatching(/^Visit plan — .+ — 2026-11$/)]);
    expect(rows[3]).toEqual(['Date', 'Week', 'City', 'Account', 'Grade', 'Contact', 'Visit no.']);
    expect(rows.length - 4).toBe(r.rows);
  });

  it('scores accounts and lists disagreements with the ABC class', async () => {
    const s = await call<{
      count: number;
      byGrade: Record<'A' | 'B' | 'C', number>;
      matrix: Record<string, Record<string, number>>;
      disagreementCount: number;
      disagreements: { abc: string; scorecard: string }[];
    }>('pareto:scorecard', { params: params() });
    expect(s.count).toBe(400);
    expect(s.byGrade.A + s.byGrade.B + s.byGrade.C).toBe(400);
    const offDiagonal = ['A', 'B', 'C']
      .flatMap((x) => ['A', 'B', 'C'].filter((y) => y !== x).map((y) => s.matrix[x]![y]!))
      .reduce((a, b) => a + b, 0);
    expect(s.disagreementCount).toBe(offDiagonal);
    // The demo book has disagreements; the list holds them all (fewer than the default page of 200), each a real one.
    expect(s.disagreementCount).toBeGreaterThan(0);
    expect(s.disagreements).toHaveLength(Math.min(s.disagreementCount, 200));
    for (const d of s.disagreements) expect(d.abc).not.toBe(d.scorecard);
  });
});

describe('at scale, with ties and non-positive values', () => {
  it('ranks 100,000 accounts exactly like the pure rule, with at most 2,000 chart bars', async () => {
    const { territories, reps } = await call<{ territories: { id: string }[]; reps: { id: string; territoryId: string }[] }>(
      'accounts:lookups',
      {},
    );
    const t = territories[0]!.id;
    const rep = reps.find((r) => r.territoryId === t)!.id;
    // Few distinct names and values: many ties on value, then on name, decided by id.
    const insert = ctx.db.prepare(
      'INSERT INTO accounts (id, territory_id, owner_id, name, sales_fen, profit_fen, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    ctx.db.transaction(() => {
      for (let i = 0; i < 100_000; i++) {
        const id = `01936b2a-0000-7000-8000-${((i * 7919) % 100_000).toString(16).padStart(12, '0')}`;
        insert.run(id, t, rep, `Name ${i % 37}`, (i % 101) * 1000, ((i % 13) - 4) * 500, 'x', 'x');
      }
    })();
    clearRankings(ctx.db);
    const all = ctx.db
      .prepare('SELECT id, name, profit_fen AS value FROM accounts WHERE territory_id = ? AND deleted_at IS NULL')
      .all(t) as { id: string; name: string; value: number }[];
    const want = classifyPareto(all, { a: 70, b: 90 });
    const p = params({ measure: 'profit', territoryId: t, a: 70, b: 90 });
    const a = await call<Analysis>('pareto:analyze', { params: p });
    expect(a.count).toBe(all.length);
    expect(a.chart.bars.length).toBeLessThanOrEqual(2000);
    expect(a.chart.bars.at(-1)!.to).toBe(all.length);
    expect(a.composition.map((c) => c.accounts)).toEqual(want.composition.classes.map((c) => c.accounts));
    expect(a.composition.map((c) => c.value)).toEqual(want.composition.classes.map((c) => c.value));
    // Every rank, page by page, in the rule's order and class.
    const got: { id: string; cls: string }[] = [];
    for (let offset = 0; offset < all.length; offset += 1000) {
      got.push(...(await call<{ rows: { id: string; cls: string }[] }>('pareto:ranks', { params: p, offset, limit: 1000 })).rows);
    }
    expect(got.map((r) => r.id)).toEqual(want.rows.map((r) => r.id));
    expect(got.map((r) => r.cls).join('')).toBe(want.rows.map((r) => r.cls).join(''));
    // Applying writes exactly those classes.
    const r = await call<{ changed: number }>('pareto:applyGrades', { params: p });
    expect(r.changed).toBe(all.length);
    const graded = new Map(
      (ctx.db.prepare('SELECT id, grade FROM accounts WHERE territory_id = ?').all(t) as { id: string; grade: string }[]).map((x) => [
        x.id,
        x.grade,
      ]),
    );
    expect(want.rows.every((w) => graded.get(w.id) === w.cls)).toBe(true);
  }, 300_000);

  it('answers an empty scope', async () => {
    const tid = ctx.db.transaction(() => insertRow(ctx, 'territories', { name_zh: '空', name_en: 'Empty' }))();
    const a = await call<Analysis & { reading: { en: string }; chart: { zones: unknown[] } }>('pareto:analyze', {
      params: params({ territoryId: tid }),
    });
    expect(a.count).toBe(0);
    expect(a.chart.bars).toEqual([]);
    expect(a.chart.zones).toEqual([null, null, null]);
    expect(a.reading.en).toBe('There are no accounts in this scope.');
    expect(await call('pareto:applyGrades', { params: params({ territoryId: tid }) })).toEqual({ batchId: null, changed: 0 });
  });
});
