import seedrandom from 'seedrandom';
import type { ServerContext } from '../../../platform/context';
import { seededIds } from '../../../platform/seededIds';
import { addDays } from '../../../shared/dates';
import { dealsWithCategory, recordCalls } from './forecastService';
import { repsInScope, setForecastCategory, setQuota } from './repo';

// The demo company's quotas (each rep a monthly quota for this year, 3.2–5.2 million yuan),
// last week's forecast call, and two deals their owners moved from Best case to Commit
// since, so the Monday overview has something to show on a new book. Seeded ids, after the
// pipeline's (its events follow the pipeline's), so every demo book holds the same rows.
export function seedReportsDemo(base: ServerContext): void {
  const ctx: ServerContext = { ...base, newId: seededIds(seedrandom('sales-workstation-reports-demo'), Date.UTC(2026, 2, 1)) };
  const year = ctx.clock.today().slice(0, 4);
  ctx.db.transaction(() => {
    repsInScope(ctx.db, {}).forEach((rep, i) => {
      for (let m = 1; m <= 12; m++) setQuota(ctx, rep.id, `${year}-${String(m).padStart(2, '0')}`, (3_200_000 + (i % 5) * 500_000) * 100);
    });
  })();
  recordCalls(ctx, addDays(ctx.clock.today(), -7));
  const best = dealsWithCategory(ctx.db, {})
    .filter((d) => d.category === 'bestCase')
    .sort((a, b) => b.amount - a.amount || (a.opportunityId < b.opportunityId ? -1 : 1));
  ctx.db.transaction(() => {
    for (const d of best.slice(0, 2)) setForecastCategory(ctx, d.opportunityId, 'commit');
  })();
}
