import type { Handlers } from '../../../platform/registry';
import type { AccountExcelChannel } from './excelHandlers';
import type { ServerContext } from '../../../platform/context';
import { insertRow, softDelete, updateRow, VersionConflict } from '../../../platform/db/changeLog';
import { AppError } from '../../../shared/errors';
import type { accountsContract, AccountPatch } from '../contract';
import * as repo from './repo';
import { pickAccounts } from './pick';
import { gradeSource, mayOwn, ownerAfterMove } from '../domain';

type C = typeof accountsContract;

/** Checks that need the database: the territory exists and the owner works in it. */
function checkRefs(ctx: ServerContext, territoryId: string, ownerId: string | null | undefined): void {
  if (!repo.territoryExists(ctx.db, territoryId)) throw new AppError('validation', 'Unknown territory.', { field: 'territoryId' });
  if (ownerId) {
    const t = repo.repTerritory(ctx.db, ownerId);
    if (!t) throw new AppError('validation', 'Unknown owner.', { field: 'ownerId' });
    if (t !== territoryId) throw new AppError('validation', 'The owner does not work in this territory.', { field: 'ownerId' });
  }
}

/** A deactivated rep keeps what they own but is not given anything new. */
function refuseDeactivatedOwner(ctx: ServerContext, ownerId: string | null | undefined, currentOwnerId: string | null): void {
  const deactivated = ownerId && ctx.db.prepare('SELECT deactivated_at IS NOT NULL FROM reps WHERE id = ?').pluck().get(ownerId) === 1;
  if (ownerId && !mayOwn({ id: ownerId, active: !deactivated }, currentOwnerId)) {
    throw new AppError('validation', 'deactivated: choose an active rep (or reactivate them in Settings)', { field: 'ownerId' });
  }
}

function mustGet(ctx: ServerContext, id: string) {
  const a = repo.getAccount(ctx.db, id);
  if (!a) throw new AppError('not-found', 'This account no longer exists (it may have been deleted).');
  return a;
}

export const accountHandlers: Handlers<Omit<C, AccountExcelChannel>> = {
  'accounts:lookups': (_in, ctx) => repo.lookups(ctx.db),

  'accounts:list': (input, ctx) => repo.listAccounts(ctx.db, input),

  'accounts:pick': (input, ctx) => pickAccounts(ctx.db, input),

  'accounts:page': ({ view, offset, limit, count }, ctx) => repo.pageAccounts(ctx.db, view, offset, limit, count),

  'accounts:ids': ({ view }, ctx) => repo.viewIds(ctx.db, view),

  'accounts:get': ({ id }, ctx) => ({
    account: mustGet(ctx, id),
    contacts: repo.contactsOf(ctx.db, id),
    competitors: repo.competitorsOf(ctx.db, id),
  }),

  'accounts:create': (input, ctx) => {
    checkRefs(ctx, input.territoryId, input.ownerId);
    refuseDeactivatedOwner(ctx, input.ownerId, null);
    const id = ctx.db.transaction(() => repo.insertAccount(ctx, repo.patchToColumns(input as AccountPatch)))();
    return mustGet(ctx, id);
  },

  'accounts:update': ({ id, version, patch }, ctx) => {
    const current = mustGet(ctx, id);
    const territoryId = patch.territoryId ?? current.territoryId;
    const ownerId = patch.ownerId === undefined ? current.ownerId : patch.ownerId;
    // Moving an account to another territory without naming an owner drops the old owner.
    const cols = repo.patchToColumns(patch);
    if (patch.territoryId && patch.territoryId !== current.territoryId && patch.ownerId === undefined && current.ownerId) {
      const owner = { id: current.ownerId, territoryId: repo.repTerritory(ctx.db, current.ownerId) ?? null };
      if (ownerAfterMove(owner, patch.territoryId) === null) cols.owner_id = null;
    }
    checkRefs(ctx, territoryId, cols.owner_id === null ? null : ownerId);
    refuseDeactivatedOwner(ctx, patch.ownerId, current.ownerId);
    // A grade typed by hand is a manual grade (docs/en/abc.md), distinct from a Pareto one.
    if (patch.grade !== undefined) cols.grade_source = gradeSource(patch.grade, 'manual');
    try {
      ctx.db.transaction(() => repo.updateAccount(ctx, id, cols, version === undefined ? {} : { expectVersion: version }))();
    } catch (err) {
      if (err instanceof VersionConflict) throw new AppError('conflict', 'Someone changed this account meanwhile; reload and try again.');
      throw err;
    }
    return mustGet(ctx, id);
  },

  'accounts:delete': ({ ids }, ctx) => ({ deleted: ctx.db.transaction(() => repo.deleteAccounts(ctx, ids))() }),

  'accounts:undelete': ({ ids }, ctx) => ({ restored: ctx.db.transaction(() => repo.undeleteAccounts(ctx, ids))() }),

  'accounts:history': ({ id }, ctx) => {
    const rows = ctx.db
      .prepare("SELECT at, op, changes FROM change_log WHERE table_name = 'accounts' AND row_id = ? ORDER BY seq DESC LIMIT 500")
      .all(id) as { at: string; op: string; changes: string }[];
    return rows.flatMap((r) =>
      Object.entries(JSON.parse(r.changes) as Record<string, [unknown, unknown]>).map(([field, [before, after]]) => ({
        at: r.at,
        op: r.op,
        field,
        before,
        after,
      })),
    );
  },

  'contacts:save': (input, ctx) => {
    const account = mustGet(ctx, input.accountId);
    const cols = {
      account_id: input.accountId,
      territory_id: account.territoryId,
      name: input.name,
      title: input.title ?? null,
      phone: input.phone ?? null,
      email: input.email ?? null,
      department: input.department ?? null,
      level: input.level ?? null,
      buying_role: input.buyingRole ?? null,
      persona: input.persona ?? null,
      coach_level: input.coachLevel ?? null,
      notes: input.notes ?? null,
    };
    const id = ctx.db.transaction(() => {
      if (input.id && repo.getContact(ctx.db, input.id)) {
        updateRow(ctx, 'contacts', input.id, cols);
        return input.id;
      }
      return insertRow(ctx, 'contacts', input.id ? { id: input.id, ...cols } : cols);
    })();
    return repo.getContact(ctx.db, id)!;
  },

  'contacts:delete': ({ id }, ctx) => {
    ctx.db.transaction(() => softDelete(ctx, 'contacts', id))();
    return { ok: true as const };
  },

  'competitors:save': (input, ctx) => {
    const account = mustGet(ctx, input.accountId);
    const cols = {
      account_id: input.accountId,
      territory_id: account.territoryId,
      name: input.name,
      history: input.history ?? null,
      rep: input.rep ?? null,
      style: input.style ?? null,
      our_strengths: input.ourStrengths ?? null,
      our_weaknesses: input.ourWeaknesses ?? null,
    };
    const id = ctx.db.transaction(() => {
      if (input.id && repo.getCompetitor(ctx.db, input.id)) {
        updateRow(ctx, 'competitors', input.id, cols);
        return input.id;
      }
      return insertRow(ctx, 'competitors', input.id ? { id: input.id, ...cols } : cols);
    })();
    return repo.getCompetitor(ctx.db, id)!;
  },

  'competitors:delete': ({ id }, ctx) => {
    ctx.db.transaction(() => softDelete(ctx, 'competitors', id))();
    return { ok: true as const };
  },
};
