import { createBackup } from '../../../platform/backup';
import type { Handlers } from '../../../platform/registry';
import { getSettings } from '../../../platform/settings';
import type { orgContract } from '../contract';
import { exportOrg, importOrg } from './excel';
import { listPeople, listTerritories } from './repo';
import { savePerson, saveTerritory, setPersonActive } from './service';

export const orgHandlers: Handlers<typeof orgContract> = {
  'org:get': (_in, ctx) => ({ territories: listTerritories(ctx.db), people: listPeople(ctx.db) }),
  'org:saveTerritory': (input, ctx) => saveTerritory(ctx, input),
  'org:savePerson': (input, ctx) => savePerson(ctx, input),
  'org:setActive': ({ id, active }, ctx) => setPersonActive(ctx, id, active),
  'org:import': async ({ file }, ctx, job) =>
    importOrg(ctx, ctx.files.resolve(file, 'read'), job, async () => {
      await createBackup(ctx.db, ctx.backupDir, 'before-import', getSettings(ctx.db).backupKeep, new Date(ctx.clock.now()));
    }),
  'org:export': async ({ file }, ctx, job) => exportOrg(ctx, ctx.files.resolve(file, 'write').path, job),
};
