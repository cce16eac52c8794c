import Database from 'better-sqlite3';
import { openBook } from '../../src/app/book';
import { createRegistry } from '../../src/app/handlers';
import { dateInZone, DEFAULT_TIME_ZONE } from '../../src/shared/bookTime';
import { extraTimings, type BenchCase } from '../harness';
import { paretoBook, paretoSize, prepareParetoBook, WINDOW } from './pareto';

// The Reports screen on the Pareto bench's book of 1,000,000 accounts (six reps, 166,667
// accounts each). Before these figures were kept, the overview took 379 s on such a book.
// - reports-overview-1m: 'reports:overview' (what the Monday screen waits on: quotas, the
//   pipeline review, commitments, overdue receivables, the ABC composition, negotiations)
//   against the floor: the bare ranking window the composition needs, read to the end.
//   Its `visitsMs` is 'reports:overviewVisits', the visits tile that fills in after: every
//   rep's visit plan for the week's months, and the overdue count (no floor: printed only).
// - Beside them, the account picker's search for a word that matches nothing (a full read of
//   the names) as `pickMissMs`, and receivables:aging of a book with no invoice as `agingMs`.

const WEEK = dateInZone(new Date(), DEFAULT_TIME_ZONE);

export const reportsCases: BenchCase[] = [
  {
    name: 'reports-overview-1m',
    size: paretoSize,
    target: 'ratio ≤ 2',
    prepare: prepareParetoBook,
    async product(dir) {
      const ctx = await openBook(paretoBook(dir), { dailyBackup: false, platform: 'cli' });
      const registry = createRegistry();
      const timed = async <T>(key: string, run: () => Promise<T>): Promise<T> => {
        const t0 = performance.now();
        const out = await run();
        extraTimings[key] = Math.round(performance.now() - t0);
        return out;
      };
      const o = await timed('overviewMs', () =>
        registry.call<{ composition: { accounts: number }[] }>(ctx, 'reports:overview', { week: WEEK }),
      );
      if (o.composition.reduce((n, c) => n + c.accounts, 0) === 0) throw new Error('the overview saw no accounts');
      await timed('visitsMs', () => registry.call(ctx, 'reports:overviewVisits', { week: WEEK }));
      await timed('pickMissMs', () => registry.call(ctx, 'accounts:pick', { search: 'no such account' }));
      await timed('agingMs', () => registry.call(ctx, 'receivables:aging', { asOf: WEEK }));
      ctx.db.close();
    },
    measure: 'overviewMs',
    async floor(dir) {
      const db = new Database(paretoBook(dir), { readonly: true });
      const t0 = performance.now();
      for (const _row of db.prepare(WINDOW).raw().iterate());
      extraTimings.overviewMs = Math.round(performance.now() - t0);
      db.close();
    },
  },
];
