import type { Handlers } from '../../../platform/registry';
import type { ServerContext } from '../../../platform/context';
import { softDelete, updateRow } from '../../../platform/db/changeLog';
import { AppError } from '../../../shared/errors';
import type { pipelineContract } from '../contract';
import * as repo from './repo';
import { activeStages, listModels, saveStages, stageIndex, switchModel } from './stagesRepo';
import { addCommitment, createOpportunity, updateOpportunity } from './service';
import { buildFunnelFromDb, buildReviewFromDb, commitmentItem, pipelineSettings, savePipelineSettings } from './reviewService';
import { exportReview } from './export';
import { importOpportunities } from './import';
import { mayWriteTeamSettings, TEAM_SETTINGS_ADMIN_ONLY } from '../../../platform/settings';

/** The stages are the team's (the server lets only its admin write them): refused up front, not taken back later. */
function refuseUnlessTeamAdmin(ctx: ServerContext): void {
  if (!mayWriteTeamSettings(ctx.db)) throw new AppError('forbidden', TEAM_SETTINGS_ADMIN_ONLY);
}

type C = typeof pipelineContract;

function mustGet(ctx: ServerContext, id: string) {
  const { index } = stageIndex(ctx.db);
  const r = repo.getRow(ctx.db, id);
  if (!r) throw new AppError('not-found', 'This opportunity no longer exists (it may have been deleted).');
  return repo.toOpportunity(r, index);
}

export const pipelineHandlers: Handlers<C> = {
  'pipeline:lookups': (_in, ctx) => ({
    stages: activeStages(ctx.db),
    stallDays: pipelineSettings(ctx.db).stallDays,
    today: ctx.clock.today(),
  }),

  'pipeline:list': (input, ctx) => repo.listOpportunities(ctx.db, stageIndex(ctx.db).index, input),

  'pipeline:get': ({ id }, ctx) => {
    const d = repo.getDetail(ctx.db, id, stageIndex(ctx.db).index);
    if (!d) throw new AppError('not-found', 'This opportunity no longer exists (it may have been deleted).');
    return d;
  },

  'pipeline:create': (input, ctx) => mustGet(ctx, ctx.db.transaction(() => createOpportunity(ctx, input))()),

  'pipeline:update': ({ id, version, effectiveDate, patch }, ctx) => {
    const { index } = stageIndex(ctx.db);
    ctx.db.transaction(() => updateOpportunity(ctx, id, patch, effectiveDate ?? ctx.clock.today(), index, { expectVersion: version }))();
    return mustGet(ctx, id);
  },

  'pipeline:delete': ({ ids }, ctx) => ({
    deleted: ctx.db.transaction(() => {
      let n = 0;
      for (const id of ids) {
        if (repo.getRow(ctx.db, id)) {
          softDelete(ctx, 'opportunities', id);
          n++;
        }
      }
      return n;
    })(),
  }),

  'pipeline:stageModels': (_in, ctx) => listModels(ctx.db),

  'pipeline:saveStages': ({ modelId, stages, removed }, ctx) => {
    refuseUnlessTeamAdmin(ctx);
    ctx.db.transaction(() => saveStages(ctx, modelId, stages, removed))();
    return listModels(ctx.db);
  },

  'pipeline:switchModel': ({ modelId, mapping }, ctx) => {
    refuseUnlessTeamAdmin(ctx);
    return { moved: ctx.db.transaction(() => switchModel(ctx, modelId, mapping))() };
  },

  'pipeline:settings': (patch, ctx) => (patch.stallDays === undefined ? pipelineSettings(ctx.db) : savePipelineSettings(ctx, patch)),

  'pipeline:funnel': (input, ctx) => buildFunnelFromDb(ctx.db, input, ctx.clock.today()),

  'pipeline:review': (input, ctx) => buildReviewFromDb(ctx.db, input),

  'pipeline:commit': (input, ctx) => {
    const id = ctx.db.transaction(() => addCommitment(ctx, input))();
    return commitmentItem(ctx.db, id, input.reviewDate);
  },

  'pipeline:commitmentDone': ({ id, doneOn }, ctx) => {
    ctx.db.transaction(() => updateRow(ctx, 'commitments', id, { done_on: doneOn }))();
    return { ok: true as const };
  },

  'pipeline:commitmentDelete': ({ id }, ctx) => {
    ctx.db.transaction(() => softDelete(ctx, 'commitments', id))();
    return { ok: true as const };
  },

  'pipeline:exportReview': async ({ file, jobId: _job, ...req }, ctx, job) => {
    const target = ctx.files.resolve(file, 'write');
    return exportReview(ctx, target.path, req, job);
  },

  'pipeline:import': async ({ file, mapping, dryRun, createMissing }, ctx, job) => {
    const source = ctx.files.resolve(file, 'read');
    return importOpportunities(ctx, source.path, { mapping, dryRun, createMissing, job, name: source.name });
  },
};
