// The organisation's rules, as pure functions: who a person is (role, the territory a
// rep works, the territories a manager leads) and what makes a territory or a person
// valid. The Settings editor, the `import org` workbook and the handlers all check with
// these, so the same mistake gets the same words everywhere.

export const ROLES = ['rep', 'manager', 'finance', 'trainer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const NAME_MAX = 100;
export const EMAIL_MAX = 200;
/** Separates the territories a manager leads in one spreadsheet cell. */
export const LEADS_SEPARATOR = ';';

export interface Territory {
  id: string;
  nameZh: string;
  nameEn: string;
}

export interface Person {
  id: string;
  nameZh: string;
  nameEn: string;
  email: string | null;
  role: Role;
  /** The territory a rep works (only reps have one). */
  territoryId: string | null;
  /** The territories a manager leads (only managers lead). */
  leads: string[];
  active: boolean;
}

export type TerritoryDraft = Omit<Territory, 'id'> & { id?: string | undefined };
export type PersonDraft = Omit<Person, 'id' | 'active'> & { id?: string | undefined };

export type TerritoryField = 'nameZh' | 'nameEn';
export type PersonField = 'nameZh' | 'nameEn' | 'email' | 'role' | 'territory';
export interface Problem<F extends string> {
  field: F;
  reason: string;
}

export function isRole(s: string): s is Role {
  return (ROLES as readonly string[]).includes(s);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const sameText = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

function nameProblems<F extends string>(field: F, value: string, what: string): Problem<F>[] {
  const v = value.trim();
  if (v === '') return [{ field, reason: `required: the ${what}` }];
  if (v.length > NAME_MAX) return [{ field, reason: `too long: ${v.length} characters, at most ${NAME_MAX}` }];
  return [];
}

/** A territory's names are required and unique (either language, ignoring case) among `others`. */
export function territoryProblems(t: TerritoryDraft, others: readonly Territory[]): Problem<TerritoryField>[] {
  const out: Problem<TerritoryField>[] = [
    ...nameProblems('nameZh' as const, t.nameZh, 'Chinese name'),
    ...nameProblems('nameEn' as const, t.nameEn, 'English name'),
  ];
  for (const field of ['nameZh', 'nameEn'] as const) {
    const name = t[field];
    if (name.includes(LEADS_SEPARATOR))
      out.push({ field, reason: `cannot contain "${LEADS_SEPARATOR}" (it separates the territories a manager leads)` });
    const clash = others.find((o) => o.id !== t.id && name.trim() !== '' && (sameText(o.nameZh, name) || sameText(o.nameEn, name)));
    if (clash) out.push({ field, reason: `another territory is already called ${name.trim()}` });
  }
  return out;
}

/**
 * A person: both names, a valid email unique among `others` (ignoring case), a role; a rep
 * works exactly one known territory, a manager leads known territories (any number), and
 * no other role carries a territory.
 */
export function personProblems(
  p: PersonDraft,
  others: readonly Pick<Person, 'id' | 'email'>[],
  territoryIds: ReadonlySet<string>,
): Problem<PersonField>[] {
  const out: Problem<PersonField>[] = [
    ...nameProblems('nameZh' as const, p.nameZh, 'Chinese name'),
    ...nameProblems('nameEn' as const, p.nameEn, 'English name'),
  ];
  const email = p.email?.trim() ?? '';
  if (email !== '') {
    if (email.length > EMAIL_MAX) out.push({ field: 'email', reason: `too long: ${email.length} characters, at most ${EMAIL_MAX}` });
    else if (!EMAIL.test(email)) out.push({ field: 'email', reason: 'not an email address (like name@example.com)' });
    else if (others.some((o) => o.id !== p.id && o.email && sameText(o.email, email)))
      out.push({ field: 'email', reason: 'another person already has this email' });
  }
  if (!isRole(p.role)) {
    out.push({ field: 'role', reason: `must be one of ${ROLES.join(', ')}` });
    return out;
  }
  if (p.role === 'rep') {
    if (!p.territoryId) out.push({ field: 'territory', reason: 'required for a rep: the territory they work' });
    else if (!territoryIds.has(p.territoryId)) out.push({ field: 'territory', reason: 'unknown territory' });
    if (p.leads.length > 0)
      out.push({ field: 'territory', reason: 'a rep works one territory and leads none (make them a manager to lead)' });
  } else {
    if (p.territoryId || (p.role !== 'manager' && p.leads.length > 0)) {
      out.push({
        field: 'territory',
        reason: `only a rep (the territory they work) or a manager (the territories they lead) has a territory; a ${p.role} has none`,
      });
      return out;
    }
    const unknown = p.leads.filter((id) => !territoryIds.has(id));
    if (unknown.length > 0) out.push({ field: 'territory', reason: 'unknown territory' });
    if (new Set(p.leads).size !== p.leads.length) out.push({ field: 'territory', reason: 'the same territory is named twice' });
  }
  return out;
}

/** How a person's territory reads in the People sheet and the editor: a rep's one, or a manager's list. */
export function territoryCell(p: Pick<Person, 'role' | 'territoryId' | 'leads'>, name: (territoryId: string) => string): string {
  if (p.role === 'rep') return p.territoryId ? name(p.territoryId) : '';
  return p.leads.map(name).join(`${LEADS_SEPARATOR} `);
}

/** Splits a People sheet Territory cell into the names it holds (a manager may lead several). */
export function splitTerritoryCell(text: string): string[] {
  return text
    .split(LEADS_SEPARATOR)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
