import type { Handlers } from '../../../platform/registry';
import type { ServerContext } from '../../../platform/context';
import { AppError } from '../../../shared/errors';
import type { reportsContract } from '../contract';
import { quotaYear } from '../quotas';
import { buildOverview, buildOverviewCore, overviewScreen, type OverviewInput, type OverviewSources } from './overview';
import { overviewVisits } from './overviewVisits';
import { dealsWithCategory, forecastReview, recordCalls } from './forecastService';
import { writeMeetingPack, type PackNames } from './pack';
import { exportQuotas, importQuotas } from './quotasExcel';
import * as repo from './repo';
import { weekStartOf } from '../periods';

type C = typeof reportsContract;

/** How the pack names reps, territories and stages: in the language asked for. */
export function packNames(
  ctx: ServerContext,
  input: OverviewInput,
  lang: 'zh-CN' | 'en',
  stages: { id: string; nameZh: string; nameEn: string }[],
): PackNames {
  const pick = (r: { nameZh: string; nameEn: string }) => (lang === 'en' ? r.nameEn : r.nameZh);
  const reps = new Map(repo.repsInScope(ctx.db, {}).map((r) => [r.id, pick(r)]));
  const territories = new Map(repo.territories(ctx.db).map((t) => [t.id, pick(t)]));
  const stageNames = new Map(stages.map((s) => [s.id, pick(s)]));
  const scope = input.ownerId
    ? `rep ${reps.get(input.ownerId) ?? ''}`
    : input.territoryId
      ? `territory ${territories.get(input.territoryId) ?? ''}`
      : 'all territories';
  return {
    rep: (id) => reps.get(id) ?? id,
    territory: (id) => territories.get(id) ?? id,
    stage: (id) => (id ? (stageNames.get(id) ?? id) : ''),
    scope,
  };
}

export async function exportPack(
  ctx: ServerContext,
  sources: OverviewSources,
  file: string,
  input: OverviewInput,
  lang: 'zh-CN' | 'en',
  job?: Parameters<typeof writeMeetingPack>[3],
) {
  const o = buildOverview(ctx, input, sources);
  return writeMeetingPack(file, o, packNames(ctx, input, lang, o.stages), job);
}

/** Reports' channels; the overview's figures from other features come in as `sources` (supplied by src/app). */
export const reportsHandlers = (sources: OverviewSources): Handlers<C> => ({
  'reports:lookups': (_in, ctx) => ({
    today: ctx.clock.today(),
    reps: repo.repsInScope(ctx.db, {}),
    territories: repo.territories(ctx.db),
  }),

  'reports:quotas': ({ year }, ctx) => {
    const reps = repo.repsInScope(ctx.db, {});
    const territoryOf = new Map(reps.map((r) => [r.id, r.territoryId]));
    return {
      year,
      ...quotaYear(
        repo.quotaRows(ctx.db, `${year}-01`, `${year}-12`),
        year,
        (id) => territoryOf.get(id) ?? '',
        reps.map((r) => r.id),
      ),
    };
  },

  'reports:setQuota': ({ ownerId, month, amount }, ctx) => {
    ctx.db.transaction(() => repo.setQuota(ctx, ownerId, month, amount))();
    return { ok: true as const };
  },

  'reports:exportQuotas': ({ file }, ctx, job) => exportQuotas(ctx, ctx.files.resolve(file, 'write').path, job),

  'reports:importQuotas': ({ file }, ctx, job) => importQuotas(ctx, ctx.files.resolve(file, 'read'), job),

  'reports:deals': (scope, ctx) => dealsWithCategory(ctx.db, scope),

  'reports:setCategory': ({ opportunityId, category }, ctx) => {
    ctx.db.transaction(() => repo.setForecastCategory(ctx, opportunityId, category))();
    return { ok: true as const };
  },

  'reports:recordCall': ({ week, territoryId, ownerId }, ctx) => {
    const today = ctx.clock.today();
    if (week && weekStartOf(week) > today)
      throw new AppError('validation', 'A call cannot be recorded for a week that has not started.', { field: 'week' });
    return recordCalls(ctx, week ?? today, { territoryId, ownerId });
  },

  'reports:forecast': ({ week, territoryId, ownerId }, ctx) => forecastReview(ctx.db, week, { territoryId, ownerId }),

  'reports:overview': (input, ctx) => overviewScreen(buildOverviewCore(ctx, input, sources)),
  'reports:overviewVisits': (input, ctx) => overviewVisits(ctx, input, sources),

  'reports:exportPack': ({ file, lang, jobId: _j, ...input }, ctx, job) =>
    exportPack(ctx, sources, ctx.files.resolve(file, 'write').path, input, lang, job),
});
