import { createBackup } from '../../../platform/backup';
import type { Handlers } from '../../../platform/registry';
import { getSettings, mayWriteTeamSettings, teamBookRole } from '../../../platform/settings';
import type { ServerContext } from '../../../platform/context';
import { AppError } from '../../../shared/errors';
import type { orgContract } from '../contract';
import { exportOrg, importOrg } from './excel';
import { listPeople, listTerritories } from './repo';
import { savePerson, saveTerritory, setPersonActive } from './service';

export const TEAM_ORG_ADMIN_ONLY =
  "Only the team's admin changes the organisation (territories, who leads them, importing it): this book syncs with a team and you are not its admin.";
export const TEAM_PEOPLE_ADMIN_OR_MANAGER =
  "Only the team's admin, or a manager for the territories they lead, changes people: this book syncs with a team and you are neither.";

// In a team book the organisation is the admin's (the team server refuses anyone else's change,
// and the book would take it back at the next sync): refused here, up front. A manager still edits
// people, as the server lets them in the territories they lead.
function refuseOrgUnlessAdmin(ctx: ServerContext): void {
  if (!mayWriteTeamSettings(ctx.db)) throw new AppError('forbidden', TEAM_ORG_ADMIN_ONLY);
}
function refusePeopleUnlessAdminOrManager(ctx: ServerContext): void {
  const role = teamBookRole(ctx.db);
  if (role !== null && role !== 'admin' && role !== 'manager') throw new AppError('forbidden', TEAM_PEOPLE_ADMIN_OR_MANAGER);
}

export const orgHandlers: Handlers<typeof orgContract> = {
  'org:get': (_in, ctx) => ({ territories: listTerritories(ctx.db), people: listPeople(ctx.db) }),
  'org:saveTerritory': (input, ctx) => {
    refuseOrgUnlessAdmin(ctx);
    return saveTerritory(ctx, input);
  },
  'org:savePerson': (input, ctx) => {
    refusePeopleUnlessAdminOrManager(ctx);
    return savePerson(ctx, input);
  },
  'org:setActive': ({ id, active }, ctx) => {
    refusePeopleUnlessAdminOrManager(ctx);
    return setPersonActive(ctx, id, active);
  },
  'org:import': async ({ file }, ctx, job) => {
    refuseOrgUnlessAdmin(ctx);
    return importOrg(ctx, ctx.files.resolve(file, 'read'), job, async () => {
      await createBackup(ctx.db, ctx.backupDir, 'before-import', getSettings(ctx.db).backupKeep, new Date(ctx.clock.now()));
    });
  },
  'org:export': async ({ file }, ctx, job) => exportOrg(ctx, ctx.files.resolve(file, 'write').path, job),
};
