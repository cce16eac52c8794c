import type { Handlers } from '../../../platform/registry';
import type { ServerContext } from '../../../platform/context';
import { AppError } from '../../../shared/errors';
import { DAY_LISTED, type paretoContract, type ParetoParams } from '../contract';
import { checkThresholds, type ParetoClass } from '../domain';
import { listFirstContacts, planVisits, type PlanAccount, type PlanGrade } from '../visitPlan';
import { disagreements, scorecard } from '../scorecard';
import { analyze } from './analysis';
import { applyGrades, previewGrades, undoGrades } from './grading';
import { boundaries, getRanking, scopeWhere } from './ranking';
import * as repo from './repo';
import { writeParetoWorkbook, writeVisitPlanWorkbook } from './export';

type C = typeof paretoContract;

/** Thresholds are checked here too, so a bad value is a validation error, not a crash. */
function checked(p: ParetoParams): ParetoParams {
  try {
    checkThresholds(p);
  } catch (e) {
    throw new AppError('validation', (e as Error).message, { field: 'a' });
  }
  return p;
}

/** A rep's monthly visit plan (the `pareto:visitPlan` channel; the reports overview reads it too). */
export function visitPlanOf(ctx: ServerContext, month: string, ownerId: string) {
  if (!repo.repName(ctx.db, ownerId)) throw new AppError('not-found', 'Unknown rep.');
  const settings = repo.getParetoSettings(ctx.db);
  const accounts = repo.repAccounts(ctx.db, ownerId);
  // Accounts not graded yet are planned by their ABC class in the rep's own book today.
  let byClass: Map<number, ParetoClass> | null = null;
  let ungraded = 0;
  const planned: PlanAccount[] = accounts.map((a) => {
    let grade = a.grade as PlanGrade | null;
    if (!grade) {
      if (!byClass) {
        const { ranking } = getRanking(ctx.db, { measure: settings.measure, ownerId });
        byClass = repo.classByRowid(ranking, boundaries(ranking, settings));
      }
      grade = byClass.get(a.rid) ?? 'C';
      ungraded++;
    }
    return { id: a.id, name: a.name, city: a.city, grade, value: a.value };
  });
  return { ...planVisits(month, planned, settings.visits), ungradedPlannedByClass: ungraded };
}

export const paretoHandlers: Handlers<C> = {
  'pareto:settings': (_in, ctx) => repo.getParetoSettings(ctx.db),

  'pareto:saveSettings': (patch, ctx) => repo.saveParetoSettings(ctx, patch),

  'pareto:analyze': ({ params, maxBars }, ctx) => analyze(ctx.db, params, checked(params), maxBars),

  'pareto:ranks': ({ params, cls, offset, limit }, ctx) => {
    const { ranking } = getRanking(ctx.db, params);
    const b = boundaries(ranking, checked(params));
    const range = { A: [0, b.aEnd], B: [b.aEnd, b.bEnd], C: [b.bEnd, ranking.n] }[cls ?? 'A'];
    const [from, to] = cls ? (range as [number, number]) : [0, ranking.n];
    return { total: to - from, rows: repo.rankRows(ctx.db, ranking, b, from + offset, Math.min(to, from + offset + limit)) };
  },

  'pareto:previewGrades': ({ params, keepManual }, ctx) => previewGrades(ctx.db, checked(params), keepManual),

  'pareto:applyGrades': ({ params, keepManual }, ctx, job) =>
    applyGrades(ctx, checked(params), keepManual, (step, label) => job.report(step, 4, label)),

  'pareto:undoGrades': ({ batchId }, ctx) => undoGrades(ctx, batchId),

  'pareto:gradeBatches': ({ limit }, ctx) => repo.gradeBatches(ctx.db, limit),

  'pareto:gradeHistory': ({ accountId }, ctx) => repo.gradeHistory(ctx.db, accountId),

  'pareto:export': async ({ params, file, lang }, ctx, job) => {
    const target = ctx.files.resolve(file, 'write');
    return writeParetoWorkbook(ctx.db, target.path, params, checked(params), lang, ctx.clock.today(), job);
  },

  'pareto:visitPlan': ({ month, ownerId }, ctx) => listFirstContacts(visitPlanOf(ctx, month, ownerId), DAY_LISTED),

  'pareto:exportVisitPlan': async ({ month, ownerId, file, lang }, ctx) => {
    const target = ctx.files.resolve(file, 'write');
    const plan = visitPlanOf(ctx, month, ownerId);
    const rep = repo.repName(ctx.db, ownerId)!;
    return writeVisitPlanWorkbook(target.path, plan, lang === 'zh-CN' ? rep.zh : rep.en, lang);
  },

  'pareto:scorecard': ({ params, settings, limit }, ctx) => {
    const s = settings ?? repo.getParetoSettings(ctx.db).scorecard;
    const { ranking } = getRanking(ctx.db, params);
    const byRowid = repo.classByRowid(ranking, boundaries(ranking, checked(params)));
    const accounts = repo.scorecardAccounts(ctx.db, scopeWhere(params));
    const scored = scorecard(accounts, s);
    const abc = new Map<string, ParetoClass>();
    accounts.forEach((a) => {
      const cls = byRowid.get(a.rid);
      if (cls) abc.set(a.id, cls);
    });
    const d = disagreements(scored, abc);
    const byGrade = { A: 0, B: 0, C: 0 };
    for (const x of scored) byGrade[x.grade]++;
    return {
      settings: s,
      count: scored.length,
      byGrade,
      matrix: d.matrix,
      disagreementCount: d.list.length,
      disagreements: d.list.slice(0, limit),
    };
  },
};
