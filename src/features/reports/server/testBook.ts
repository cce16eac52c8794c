import path from 'node:path';
import { openBook } from '../../../app/book';
import type { ServerContext } from '../../../platform/context';
import { insertRow } from '../../../platform/db/changeLog';
import { createOpportunity } from '../../pipeline/server/service';
import { activeStages } from '../../pipeline/server/stagesRepo';
import { setQuota } from './repo';

// A small real book for the reports' tests: one territory, two reps, quotas for Q4 2026 and
// a handful of opportunities whose numbers are worked out by hand in the tests.
//   王磊 (Wang Lei): quota 100,000 yuan in each of Oct, Nov, Dec; won 50,000 on 11-10 and
//     30,000 on 10-05; open 100,000 Commit (stage 80 %) closing 12-15, 60,000 Best case
//     (40 %) closing 11-28, and 999,000 closing 2027-02-01 (outside the quarter).
//   李娜 (Li Na): quota 200,000 in Nov; open 400,000 Pipeline (5 %) closing 12-20.

/** A clock the test moves: today and now follow `set`. */
export function movableClock(today: string) {
  let day = today;
  let tick = 0;
  return {
    now: () => `${day}T04:00:00.${String(tick++ % 1000).padStart(3, '0')}Z`,
    today: () => day,
    set(d: string) {
      day = d;
    },
  };
}

export const YUAN = 100;

export async function reportsBook(
  dir: string,
  today = '2026-12-02',
): Promise<{ ctx: ServerContext; clock: ReturnType<typeof movableClock>; wang: string; li: string; opp: Record<string, string> }> {
  const clock = movableClock(today);
  const ctx = await openBook(path.join(dir, 'book.sqlite'), { clock, platform: 'test', dailyBackup: false });
  const stages = activeStages(ctx.db);
  const stage = (bp: number) => stages.find((s) => s.probabilityBp === bp)!.id;
  const ids = ctx.db.transaction(() => {
    const east = insertRow(ctx, 'territories', { name_zh: '华东区', name_en: 'East China' });
    const wang = insertRow(ctx, 'reps', { territory_id: east, name_zh: '王磊', name_en: 'Wang Lei' });
    const li = insertRow(ctx, 'reps', { territory_id: east, name_zh: '李娜', name_en: 'Li Na' });
    const accW = insertRow(ctx, 'accounts', { territory_id: east, owner_id: wang, name: '甲公司', grade: 'A', last_visit: '2026-11-25' });
    const accL = insertRow(ctx, 'accounts', { territory_id: east, owner_id: li, name: '乙公司', grade: 'B', last_visit: '2026-10-01' });
    for (const m of ['2026-10', '2026-11', '2026-12']) setQuota(ctx, wang, m, 100_000 * YUAN);
    setQuota(ctx, li, '2026-11', 200_000 * YUAN);
    const mk = (name: string, accountId: string, amount: number, expectedClose: string, bp: number, createdOn: string, status?: 'won') =>
      createOpportunity(ctx, {
        name,
        accountId,
        amount: amount * YUAN,
        expectedClose,
        stageId: stage(bp),
        createdOn,
        ...(status ? { status } : {}),
      });
    const opp = {
      wonNov: mk('赢单十一月', accW, 50_000, '2026-11-10', 8000, '2026-11-10', 'won'),
      wonOct: mk('赢单十月', accW, 30_000, '2026-10-05', 8000, '2026-10-05', 'won'),
      commit: mk('承诺单', accW, 100_000, '2026-12-15', 8000, '2026-09-01'),
      best: mk('最佳单', accW, 60_000, '2026-11-28', 4000, '2026-09-01'),
      later: mk('明年单', accW, 999_000, '2027-02-01', 500, '2026-09-01'),
      pipe: mk('漏斗单', accL, 400_000, '2026-12-20', 500, '2026-09-01'),
    };
    return { wang, li, opp };
  })();
  return { ctx, clock, ...ids };
}
