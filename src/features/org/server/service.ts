import type { ServerContext } from '../../../platform/context';
import type { Db } from '../../../platform/db/connection';
import { AppError } from '../../../shared/errors';
import { personProblems, territoryProblems, type PersonDraft, type Problem, type TerritoryDraft } from '../domain';
import * as repo from './repo';

// Saving one territory or one person, as the Settings editor does: checked with the
// domain's rules, then written with its change log in one transaction.

function refuse<F extends string>(problems: Problem<F>[]): void {
  const first = problems[0];
  if (first) throw new AppError('validation', first.reason, { field: first.field, problems });
}

export function saveTerritory(ctx: ServerContext, t: TerritoryDraft): { id: string } {
  if (t.id && !ctx.db.prepare('SELECT 1 FROM territories WHERE id = ? AND deleted_at IS NULL').get(t.id))
    throw new AppError('not-found', 'Unknown territory.');
  refuse(territoryProblems(t, repo.listTerritories(ctx.db)));
  return { id: ctx.db.transaction(() => repo.writeTerritory(ctx, t))() };
}

/**
 * Why a stored rep cannot stop working their territory (by a new role or territory): their
 * live accounts and open opportunities would belong to someone who does not work there.
 * Null when nothing is in the way.
 */
export function reassignFirst(
  db: Db,
  personId: string,
  before: { role: string; territoryId: string | null },
  after: { role: string; territoryId: string | null },
): string | null {
  if (before.role !== 'rep' || (after.role === 'rep' && after.territoryId === before.territoryId)) return null;
  const owned = repo.ownedWork(db, personId);
  if (owned.accounts === 0 && owned.opportunities === 0) return null;
  return `still owns ${owned.accounts} account(s) and ${owned.opportunities} open opportunity(ies) in their territory: give them to another rep first (or deactivate this person, which keeps their history)`;
}

export function savePerson(ctx: ServerContext, p: PersonDraft): { id: string } {
  const people = repo.listPeople(ctx.db);
  const before = p.id ? people.find((x) => x.id === p.id) : undefined;
  if (p.id && !before) throw new AppError('not-found', 'Unknown person.');
  refuse(personProblems(p, people, new Set(repo.listTerritories(ctx.db).map((t) => t.id))));
  const blocked = before ? reassignFirst(ctx.db, before.id, before, p) : null;
  if (blocked) throw new AppError('validation', `${before!.nameEn} ${blocked}`, { field: p.role === before!.role ? 'territory' : 'role' });
  return { id: ctx.db.transaction(() => repo.writePerson(ctx, p))() };
}

/** Deactivating keeps the person (their name stays on history, grades and old opportunities). */
export function setPersonActive(ctx: ServerContext, id: string, active: boolean): { ok: true } {
  if (!ctx.db.prepare('SELECT 1 FROM reps WHERE id = ? AND deleted_at IS NULL').get(id)) throw new AppError('not-found', 'Unknown person.');
  ctx.db.transaction(() => repo.setActive(ctx, id, active, ctx.clock.now()))();
  return { ok: true };
}
