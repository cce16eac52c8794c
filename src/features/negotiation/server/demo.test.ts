import { afterAll, describe, expect, it } from 'vitest';
import { createRegistry } from '../../../app/handlers';
import type { ServerContext } from '../../../platform/context';
import { tempDir } from '../../../../test/db/helpers';
import { openDemoBook } from '../../../../test/db/demoBook';
import type { Worksheet, WorksheetSummary } from '../contract';
import { planVsActual } from '../actuals';
import { concessionChecks } from '../domain';

// The demo company's negotiation: the seeds' worked example planned for one of its deals,
// two rounds held as planned, the same in every new demo book.

const t = tempDir('sw-neg-demo-');
afterAll(() => t.cleanup());
const registry = createRegistry({ validateOutput: true });

const demoBook = (name: string) => openDemoBook(t.dir, name);

describe('negotiation demo data', () => {
  it('plans the seed example for an open deal at the commitment stage, passing every check, with two rounds as planned', async () => {
    const ctx = await demoBook('a.sqlite');
    const list = (await registry.call(ctx, 'negotiation:list', {})) as WorksheetSummary[];
    expect(list).toHaveLength(1);
    const w = (await registry.call(ctx, 'negotiation:get', { id: list[0]!.id })) as Worksheet;
    const deal = ctx.db
      .prepare('SELECT o.status, s.position FROM opportunities o JOIN stages s ON s.id = o.stage_id WHERE o.id = ?')
      .get(w.opportunityId) as { status: string; position: number };
    expect(deal).toMatchObject({ status: 'open', position: expect.any(Number) });
    expect(deal.position).toBeGreaterThanOrEqual(4);
    // The list names the deal and its account (deals of one name are many in a book).
    const names = ctx.db
      .prepare('SELECT o.name AS deal, a.name AS account FROM opportunities o JOIN accounts a ON a.id = o.account_id WHERE o.id = ?')
      .get(w.opportunityId) as { deal: string; account: string };
    expect(list[0]).toMatchObject({ opportunityName: names.deal, opportunityAccountName: names.account });

    const price = w.issues.find((i) => i.kind === 'price')!;
    expect([price.quote, price.target, price.floor]).toEqual([310_000_000, 250_000_000, 188_000_000]);
    expect(concessionChecks(w)).toEqual([]);
    expect(w.team.find((m) => m.role === 'negotiator')!.topicIssueId).toBe(price.id);

    expect(w.rounds.map((r) => [r.roundNo, r.heldOn])).toEqual([
      [1, '2026-06-21'],
      [2, '2026-06-28'],
    ]);
    // Plan against actual: 480,000 of the 600,000 planned on price, 39.34% of the margin, within plan.
    const actual = planVsActual(w).find((a) => a.issueId === price.id)!;
    expect(actual).toMatchObject({
      conceded: 48_000_000,
      planned: 60_000_000,
      position: 262_000_000,
      percentBp: 3934,
      status: 'withinPlan',
    });

    // The Monday overview lists it as under way, the third round next.
    const overview = (await registry.call(ctx, 'reports:overview', { week: '2026-06-29', today: '2026-06-30' })) as {
      negotiations: { id: string; rounds: number; nextRound: number }[];
    };
    expect(overview.negotiations).toEqual([expect.objectContaining({ id: w.id, rounds: 2, nextRound: 3 })]);
    ctx.db.close();
  });

  it('is the same worksheet, ids included, in every new demo book', async () => {
    const [a, b] = [await demoBook('b.sqlite'), await demoBook('c.sqlite')];
    const read = async (ctx: ServerContext) => {
      const [s] = (await registry.call(ctx, 'negotiation:list', {})) as WorksheetSummary[];
      return (await registry.call(ctx, 'negotiation:get', { id: s!.id })) as Worksheet;
    };
    expect(await read(a)).toEqual(await read(b));
    a.db.close();
    b.db.close();
  });
});
