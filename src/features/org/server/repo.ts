import type { Db } from '../../../platform/db/connection';
import { insertRow, restoreRow, softDelete, updateRow, type ChangeWriter } from '../../../platform/db/changeLog';
import type { Person, PersonDraft, Role, Territory, TerritoryDraft } from '../domain';

// SQL of the organisation: territories, people (the `reps` table, see migration 0009) and
// the territories managers lead. Every write goes through the change log.

export interface StoredTerritory extends Territory {
  version: number;
}
export interface StoredPerson extends Person {
  version: number;
}

export function listTerritories(db: Db): StoredTerritory[] {
  return db
    .prepare('SELECT id, name_zh AS nameZh, name_en AS nameEn, version FROM territories WHERE deleted_at IS NULL ORDER BY name_en, id')
    .all() as StoredTerritory[];
}

export function listPeople(db: Db): StoredPerson[] {
  const rows = db
    .prepare(
      `SELECT id, name_zh AS nameZh, name_en AS nameEn, email, role, territory_id AS territoryId, deactivated_at AS deactivatedAt, version
       FROM reps WHERE deleted_at IS NULL ORDER BY name_en, id`,
    )
    .all() as (Omit<StoredPerson, 'leads' | 'active'> & { deactivatedAt: string | null })[];
  const leads = new Map<string, string[]>();
  const links = db
    .prepare(
      'SELECT m.person_id, m.territory_id FROM manager_territories m JOIN territories t ON t.id = m.territory_id WHERE m.deleted_at IS NULL ORDER BY t.name_en, t.id',
    )
    .raw()
    .all() as [string, string][];
  for (const [person, territory] of links) leads.set(person, [...(leads.get(person) ?? []), territory]);
  return rows.map(({ deactivatedAt, ...p }) => ({ ...p, leads: leads.get(p.id) ?? [], active: deactivatedAt === null }));
}

/** Live accounts and open opportunities a person owns, by territory (a rep's work that would be orphaned). */
export function ownedWork(db: Db, personId: string): { accounts: number; opportunities: number } {
  const accounts = db.prepare('SELECT count(*) FROM accounts WHERE owner_id = ? AND deleted_at IS NULL').pluck().get(personId) as number;
  const opportunities = db
    .prepare("SELECT count(*) FROM opportunities WHERE owner_id = ? AND status = 'open' AND deleted_at IS NULL")
    .pluck()
    .get(personId) as number;
  return { accounts, opportunities };
}

export function writeTerritory(w: ChangeWriter, t: TerritoryDraft, batchId: string | null = null): string {
  const cols = { name_zh: t.nameZh.trim(), name_en: t.nameEn.trim() };
  if (t.id && w.db.prepare('SELECT 1 FROM territories WHERE id = ?').get(t.id)) {
    updateRow(w, 'territories', t.id, cols, { batchId });
    return t.id;
  }
  return insertRow(w, 'territories', t.id ? { id: t.id, ...cols } : cols, batchId);
}

/** Inserts or updates a person and makes their led territories exactly `p.leads`. */
export function writePerson(w: ChangeWriter, p: PersonDraft, batchId: string | null = null): string {
  const cols = {
    name_zh: p.nameZh.trim(),
    name_en: p.nameEn.trim(),
    email: p.email?.trim() || null,
    role: p.role satisfies Role,
    territory_id: p.role === 'rep' ? p.territoryId : null,
  };
  let id: string;
  if (p.id && w.db.prepare('SELECT 1 FROM reps WHERE id = ?').get(p.id)) {
    id = p.id;
    updateRow(w, 'reps', id, cols, { batchId });
  } else id = insertRow(w, 'reps', p.id ? { id: p.id, ...cols } : cols, batchId);
  setLeads(w, id, p.role === 'manager' ? p.leads : [], batchId);
  return id;
}

function setLeads(w: ChangeWriter, personId: string, territoryIds: string[], batchId: string | null): void {
  const links = w.db.prepare('SELECT id, territory_id, deleted_at FROM manager_territories WHERE person_id = ?').all(personId) as {
    id: string;
    territory_id: string;
    deleted_at: string | null;
  }[];
  const wanted = new Set(territoryIds);
  for (const l of links) {
    if (l.deleted_at === null && !wanted.has(l.territory_id)) softDelete(w, 'manager_territories', l.id, batchId);
  }
  for (const t of wanted) {
    const live = links.find((l) => l.territory_id === t && l.deleted_at === null);
    if (live) continue;
    const old = links.find((l) => l.territory_id === t);
    if (old) restoreRow(w, 'manager_territories', old.id, batchId);
    else insertRow(w, 'manager_territories', { person_id: personId, territory_id: t }, batchId);
  }
}

export function setActive(w: ChangeWriter, personId: string, active: boolean, at: string): void {
  const now = w.db.prepare('SELECT deactivated_at FROM reps WHERE id = ?').pluck().get(personId) as string | null;
  if ((now === null) === active) return;
  updateRow(w, 'reps', personId, { deactivated_at: active ? null : at });
}
