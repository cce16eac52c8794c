import { normalizeHeader } from '../../platform/excel/importTable';
import type { OrgRows, PlannedOrgRow } from '../../platform/db/orgRows';
import { NAME_MAX, territoryProblems } from './domain';

// Imports that can create what they name (`--create-missing`). While an import checks its
// rows, every territory or rep name the book does not have is planned here under a fresh
// id, so later rows naming it resolve to the same one; a rep is planned in the territory
// of the first row naming them. The import then either writes the plan inside its own
// transaction (the flag given: `insertPlannedOrg` in src/platform/db/orgRows.ts) or refuses
// those rows and says how to fix it. Pure: the book's territories and reps come in as rows
// (`readOrgRows`), so the accounts, pipeline and receivables imports share it through org's
// public surface, not its server/.

export interface Created {
  /** 'account': a customer an invoice import created (the org's own planning has territories and reps only). */
  kind: 'territory' | 'rep' | 'account';
  name: string;
  /** The territory a created rep works or a created account belongs to (its English name). */
  territory: string | null;
}

/** The line the CLI prints for each created thing, exactly. */
export function createdLine(c: Created): string {
  return c.kind === 'territory' ? `created territory ${c.name}` : `created ${c.kind} ${c.name} (${c.territory})`;
}

/** What to add to a refusal when the file names territories, reps (or customers) the book lacks. */
export function createMissingHint(missing: Created[]): string {
  if (missing.length === 0) return '';
  const names = missing
    .slice(0, 8)
    .map((c) => c.name)
    .join(', ');
  const customers = missing.some((c) => c.kind === 'account');
  return ` The file names ${customers ? 'customers, ' : ''}territories or reps the book does not have (${names}${missing.length > 8 ? ', …' : ''}): import again with --create-missing to create them, or add them first with import org${customers ? ' / import accounts' : ''}.`;
}

/** Why a rep cannot be given something new to own. */
export const DEACTIVATED_REP = 'deactivated: choose an active rep (or reactivate them in Settings)';

interface RepRef {
  id: string;
  territoryId: string;
  active: boolean;
}

export class OrgNames {
  private readonly territoryIds = new Map<string, string>();
  private readonly territoryName = new Map<string, string>();
  private readonly territoryNameZh = new Map<string, string>();
  private readonly repsByName = new Map<string, RepRef[]>();
  private readonly planned: (Created & { id: string; territoryId: string | null })[] = [];
  private readonly plannedIds = new Set<string>();
  /** Names of the book's territories, for "known: …" in refusals. */
  readonly knownTerritories: string[] = [];

  constructor(
    book: OrgRows,
    private readonly newId: () => string,
  ) {
    for (const t of book.territories) {
      for (const k of [t.id, t.name_zh, t.name_en]) this.territoryIds.set(normalizeHeader(k), t.id);
      this.territoryName.set(t.id, t.name_en);
      this.territoryNameZh.set(t.id, t.name_zh);
      this.knownTerritories.push(t.name_zh, t.name_en);
    }
    for (const r of book.reps) {
      const ref = { id: r.id, territoryId: r.territory_id, active: r.deactivated_at === null };
      for (const k of new Set([r.id, r.name_zh, r.name_en, r.email ?? ''].filter(Boolean).map(normalizeHeader)))
        this.repsByName.set(k, [...(this.repsByName.get(k) ?? []), ref]);
    }
  }

  /** The territory named `text` (by either name or id), planning it when the book lacks it. */
  territory(text: string): string {
    const key = normalizeHeader(text);
    const known = this.territoryIds.get(key);
    if (known) return known;
    const id = this.newId();
    const name = text.trim();
    this.territoryIds.set(key, id);
    this.territoryName.set(id, name);
    this.plannedIds.add(id);
    this.planned.push({ kind: 'territory', name, territory: null, id, territoryId: null });
    return id;
  }

  /** The reps (the book's and those planned) called `text`. */
  repsNamed(text: string): RepRef[] {
    return this.repsByName.get(normalizeHeader(text)) ?? [];
  }

  /** Plans a rep called `text` working `territoryId` (the first row naming them decides). */
  planRep(text: string, territoryId: string): string {
    const id = this.newId();
    const name = text.trim();
    this.repsByName.set(normalizeHeader(text), [{ id, territoryId, active: true }]);
    this.plannedIds.add(id);
    this.planned.push({ kind: 'rep', name, territory: this.territoryName.get(territoryId) ?? '', id, territoryId });
    return id;
  }

  /**
   * The rep called `text` who works `territoryId`; when the book (and the file so far) has no
   * one of that name, one is planned there. A name that belongs to someone elsewhere is refused.
   */
  repIn(text: string, territoryId: string): { id: string; active: boolean } | { reason: string } {
    const named = this.repsNamed(text);
    const rep = named.find((r) => r.territoryId === territoryId);
    if (rep) return { id: rep.id, active: rep.active };
    if (named.length > 0) return { reason: `does not work in territory ${this.territoryLabel(territoryId)}` };
    const name = text.trim();
    if (name.length > NAME_MAX) return { reason: `too long for a rep's name: ${name.length} characters, at most ${NAME_MAX}` };
    return { id: this.planRep(text, territoryId), active: true };
  }

  /** Why a planned territory could not be created (its name too long, or with ';'), if it could not. */
  plannedTerritoryProblem(id: string): string | undefined {
    if (!this.isPlanned(id)) return undefined;
    const name = this.territoryLabel(id);
    return territoryProblems({ nameZh: name, nameEn: name }, [])[0]?.reason;
  }

  /** A territory's English name (as the file named it, for a planned one): what created lines print. */
  territoryNameEn(id: string): string {
    return this.territoryName.get(id) ?? id;
  }

  /** True for a rep of the book who has been deactivated (they keep what they own, and get nothing new). */
  isDeactivated(repId: string): boolean {
    return this.repsNamed(repId).some((r) => r.id === repId && !r.active);
  }

  isPlanned(id: string | null | undefined): boolean {
    return !!id && this.plannedIds.has(id);
  }

  /** A territory's name as refusals give it: Chinese for the book's own, as the file named it for a planned one. */
  territoryLabel(id: string): string {
    return this.territoryNameZh.get(id) ?? this.territoryName.get(id) ?? id;
  }

  /** What would be created, in the order first named. */
  missing(): Created[] {
    return this.planned.map(({ kind, name, territory }) => ({ kind, name, territory }));
  }

  /** The rows to insert (territories before the reps working them): give them to `insertPlannedOrg`. */
  plannedRows(): PlannedOrgRow[] {
    return [...this.planned.filter((p) => p.kind === 'territory'), ...this.planned.filter((p) => p.kind === 'rep')].map(
      ({ kind, id, name, territoryId }) => ({ kind: kind as PlannedOrgRow['kind'], id, name, territoryId }),
    );
  }
}
