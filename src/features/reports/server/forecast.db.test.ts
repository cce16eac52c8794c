import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRegistry } from '../../../app/handlers';
import type { ServerContext } from '../../../platform/context';
import { tempDir } from '../../../../test/db/helpers';
import { insertRow } from '../../../platform/db/changeLog';
import { addDays } from '../../../shared/dates';
import type { Deal, ForecastOut, OverviewOut } from '../contract';
import { recordDueCalls } from './forecastService';
import { buildOverview } from './overview';
import { overviewSources } from '../../../app/overviewSources';
import { reportsBook, YUAN } from './testBook';

// The weekly call on a real book: a call recorded one Monday, a deal moved from Best case
// to Commit by its owner (a field change in change_log), the next Monday's call taken at
// the first start of the week, and the review showing both calls and the move.

let t: { dir: string; cleanup(): void };
let book: Awaited<ReturnType<typeof reportsBook>>;
let ctx: ServerContext;
const reg = createRegistry({ validateOutput: true });
const call = <T>(channel: string, input: unknown) => reg.call<T>(ctx, channel, input);

beforeEach(async () => {
  t = tempDir('sw-reports-forecast-');
  book = await reportsBook(t.dir, '2026-11-23');
  ctx = book.ctx;
});
afterEach(() => {
  ctx.db.close();
  t.cleanup();
});

describe('forecast categories and the weekly call', () => {
  it('defaults from the stage; the owner overrides it and the change is history', async () => {
    const deals = await call<Deal[]>('reports:deals', {});
    const best = deals.find((d) => d.opportunityId === book.opp.best)!;
    expect(best).toMatchObject({ category: 'bestCase', override: null });
    expect(deals.find((d) => d.opportunityId === book.opp.commit)!.category).toBe('commit');
    expect(deals.find((d) => d.opportunityId === book.opp.pipe)!.category).toBe('pipeline');
    expect(deals.some((d) => d.opportunityId === book.opp.wonNov)).toBe(false); // closed deals have none

    await call('reports:setCategory', { opportunityId: book.opp.best, category: 'commit' });
    expect((await call<Deal[]>('reports:deals', {})).find((d) => d.opportunityId === book.opp.best)).toMatchObject({
      category: 'commit',
      override: 'commit',
    });
    const log = ctx.db
      .prepare("SELECT changes FROM change_log WHERE table_name = 'opportunities' AND row_id = ? AND op = 'update'")
      .pluck()
      .all(book.opp.best) as string[];
    expect(log.map((c) => JSON.parse(c))).toContainEqual({ forecast_category: [null, 'commit'] });
    await expect(call('reports:setCategory', { opportunityId: book.opp.wonNov, category: 'commit' })).rejects.toThrow(/open opportunity/);
  });

  it('records a call, a deal moves Best case → Commit, and next week shows the move and both calls', async () => {
    // Monday 2026-11-23: the week's call.
    const r = await call<{ recorded: number; weekStart: string }>('reports:recordCall', {});
    expect(r).toEqual({ recorded: 2, weekStart: '2026-11-23' });
    const first = await call<ForecastOut>('reports:forecast', { week: '2026-11-25' });
    const wang1 = first.reps.find((x) => x.ownerId === book.wang)!;
    expect(wang1.recorded).toBe(true);
    // November: the 60,000 best case closing 11-28; the quarter adds the 100,000 commit.
    expect(wang1.thisWeek.month).toEqual({ commit: 0, bestCase: 60_000 * YUAN, pipeline: 0 });
    expect(wang1.thisWeek.quarter).toEqual({ commit: 100_000 * YUAN, bestCase: 60_000 * YUAN, pipeline: 0 });

    // Thursday: the owner moves the deal to Commit.
    book.clock.set('2026-11-26');
    await call('reports:setCategory', { opportunityId: book.opp.best, category: 'commit' });

    // Next Monday: the first start of the week takes the call; a second start does not.
    book.clock.set('2026-11-30');
    expect(recordDueCalls(ctx)).toBe(true);
    expect(recordDueCalls(ctx)).toBe(false);
    const review = await call<ForecastOut>('reports:forecast', { week: '2026-11-30' });
    const wang = review.reps.find((x) => x.ownerId === book.wang)!;
    expect(wang.recorded).toBe(true);
    expect(wang.lastWeek!.quarter).toEqual({ commit: 100_000 * YUAN, bestCase: 60_000 * YUAN, pipeline: 0 });
    expect(wang.thisWeek.quarter).toEqual({ commit: 160_000 * YUAN, bestCase: 0, pipeline: 0 });
    expect(review.moves).toEqual([
      { opportunityId: book.opp.best, name: '最佳单', ownerId: book.wang, from: 'bestCase', to: 'commit', amount: 60_000 * YUAN },
    ]);

    // The overview carries the same review.
    const o = await call<OverviewOut>('reports:overview', { week: '2026-11-30', today: '2026-11-30' });
    expect(o.forecast.moves.map((m) => m.opportunityId)).toEqual([book.opp.best]);
  });

  it('the overview lists negotiations under way with their next round; a confirmed agreement is not under way', async () => {
    ctx.db.transaction(() => {
      const open = insertRow(ctx, 'negotiation_worksheets', { name: '甲公司 年度框架', opportunity_id: book.opp.commit });
      insertRow(ctx, 'negotiation_rounds', { worksheet_id: open, round_no: 1, held_on: '2026-11-10' });
      insertRow(ctx, 'negotiation_rounds', { worksheet_id: open, round_no: 2, held_on: '2026-11-20' });
      insertRow(ctx, 'negotiation_worksheets', {
        name: '已签约',
        opportunity_id: book.opp.best,
        agreement_confirmed_at: '2026-11-21T00:00:00.000Z',
      });
    })();
    const o = await call<OverviewOut>('reports:overview', { week: '2026-11-23', ownerId: book.wang });
    expect(o.negotiations.map((n) => [n.name, n.rounds, n.lastHeld, n.nextRound])).toEqual([['甲公司 年度框架', 2, '2026-11-20', 3]]);
    // Li Na has no negotiation.
    expect((await call<OverviewOut>('reports:overview', { week: '2026-11-23', ownerId: book.li })).negotiations).toEqual([]);
  });

  it('overdue visits on the book: for each class, a last visit just inside the cadence is not overdue, just outside is', async () => {
    const asOf = '2026-11-25';
    const territory = ctx.db.prepare('SELECT territory_id FROM reps WHERE id = ?').pluck().get(book.li) as string;
    const cases: [string, number][] = [
      ['A', 10],
      ['B', 15],
      ['C', 30],
    ];
    ctx.db.transaction(() => {
      for (const [grade, days] of cases) {
        insertRow(ctx, 'accounts', {
          territory_id: territory,
          owner_id: book.li,
          name: `${grade}-inside`,
          grade,
          last_visit: addDays(asOf, -days),
        });
        insertRow(ctx, 'accounts', {
          territory_id: territory,
          owner_id: book.li,
          name: `${grade}-outside`,
          grade,
          last_visit: addDays(asOf, -days - 1),
        });
      }
      // Class D is never due; an ungraded account is held to C's 30 days; a visit dated after
      // the day asked does not count.
      const more: [string, string | null, string | null][] = [
        ['D-never', 'D', null],
        ['ungraded-31', null, addDays(asOf, -31)],
        ['ungraded-30', null, addDays(asOf, -30)],
        ['A-future', 'A', addDays(asOf, 3)],
      ];
      for (const [name, grade, last] of more)
        insertRow(ctx, 'accounts', { territory_id: territory, owner_id: book.li, name, grade, last_visit: last });
    })();
    // The accounts are the meeting pack's list (the screen gets only the counts).
    const o = buildOverview(ctx, { week: '2026-11-23', today: asOf, ownerId: book.li }, overviewSources);
    const overdue = new Map(o.visits.accounts.map((a) => [a.name, a.overdue]));
    for (const [grade] of cases) {
      expect(overdue.get(`${grade}-inside`) ?? false, `${grade} inside`).toBe(false);
      expect(overdue.get(`${grade}-outside`), `${grade} outside`).toBe(true);
    }
    expect(overdue.get('D-never') ?? false).toBe(false);
    expect(overdue.get('ungraded-31')).toBe(true);
    expect(overdue.get('ungraded-30') ?? false).toBe(false);
    expect(overdue.get('A-future')).toBe(true);
    // The screen's tile counts them in SQL, at the same boundaries.
    const tile = await call<{ overdue: number }>('reports:overviewVisits', { week: '2026-11-23', today: asOf, ownerId: book.li });
    expect(tile.overdue).toBe(o.visits.accounts.filter((a) => a.overdue).length);
    expect(tile.overdue).toBe(o.visits.overdue);
  });
});
