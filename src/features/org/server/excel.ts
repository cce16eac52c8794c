import type { ServerContext } from '../../../platform/context';
import { insertRow } from '../../../platform/db/changeLog';
import { ImportTable, type ImportField } from '../../../platform/excel/importTable';
import { lookup, text } from '../../../platform/excel/cellParsers';
import { sheetNames } from '../../../platform/excel/tableReader';
import { writeWorkbook } from '../../../platform/excel/workbookWriter';
import type { Job } from '../../../platform/jobs';
import { AppError } from '../../../shared/errors';
import {
  EMAIL_MAX,
  NAME_MAX,
  ROLES,
  personProblems,
  splitTerritoryCell,
  territoryCell,
  territoryProblems,
  type Person,
  type PersonDraft,
  type Role,
  type Territory,
  type TerritoryDraft,
} from '../domain';
import type { OrgImportError } from '../contract';
import * as repo from './repo';
import { reassignFirst } from './service';

// The org workbook: sheet Territories (ID, Name, Name (zh)) and sheet People (ID, Name,
// Name (zh), Email, Role, Territory) — headers are the CLI's contract. `Name` is the
// English name. A rep's Territory is the one they work; a manager's lists the territories
// they lead, separated by ';'. Importing an export updates by ID; a row without ID adds
// one (an unknown well-formed ID adds one under that ID, so an org copies between books).
// Every row of both sheets is checked against the book as it will be after the import,
// then everything is written in one transaction, or nothing.

const TERRITORY_HEADERS = ['ID', 'Name', 'Name (zh)'];
const PEOPLE_HEADERS = ['ID', 'Name', 'Name (zh)', 'Email', 'Role', 'Territory'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function exportOrg(ctx: ServerContext, file: string, job?: Job): Promise<{ territories: number; people: number }> {
  const territories = repo.listTerritories(ctx.db);
  const people = repo.listPeople(ctx.db);
  const nameOf = new Map(territories.map((t) => [t.id, t.nameEn]));
  await writeWorkbook(
    file,
    [
      {
        name: 'Territories',
        columns: TERRITORY_HEADERS.map((header) => ({ header, kind: 'text' as const })),
        rows: territories.map((t) => [t.id, t.nameEn, t.nameZh]),
      },
      {
        name: 'People',
        columns: PEOPLE_HEADERS.map((header) => ({ header, kind: 'text' as const })),
        rows: people.map((p) => [p.id, p.nameEn, p.nameZh, p.email, p.role, territoryCell(p, (id) => nameOf.get(id) ?? '')]),
      },
    ],
    job ? { job } : {},
  );
  return { territories: territories.length, people: people.length };
}

const idCell = (what: string) => (raw: unknown) => {
  const s = String(raw).trim();
  return UUID.test(s)
    ? { ok: true as const, value: s.toLowerCase() }
    : { ok: false as const, reason: `not a ${what} ID (keep the ID an export wrote, or leave it empty to add one)` };
};

const ROLE_WORDS: [string, Role][] = [
  ...ROLES.map((r): [string, Role] => [r, r]),
  ['销售代表', 'rep'],
  ['销售', 'rep'],
  ['经理', 'manager'],
  ['销售经理', 'manager'],
  ['财务', 'finance'],
  ['培训师', 'trainer'],
  ['管理员', 'admin'],
];

const nameFields = (): ImportField[] => [
  { key: 'nameEn', label: 'Name', headers: ['English name', '英文名', '英文名称'], parse: text({ max: NAME_MAX }) },
  { key: 'nameZh', label: 'Name (zh)', headers: ['Chinese name', '中文名', '中文名称', '名称', '姓名'], parse: text({ max: NAME_MAX }) },
];
const TERRITORY_FIELDS: ImportField[] = [{ key: 'id', label: 'ID', headers: ['编号'], parse: idCell('territory') }, ...nameFields()];
const PEOPLE_FIELDS: ImportField[] = [
  { key: 'id', label: 'ID', headers: ['编号'], parse: idCell('person') },
  ...nameFields(),
  { key: 'email', label: 'Email', headers: ['E-mail', '邮箱', '电子邮件'], parse: text({ max: EMAIL_MAX }) },
  { key: 'role', label: 'Role', headers: ['角色', '岗位'], parse: lookup(ROLE_WORDS, 'role', [...ROLES]), required: true },
  { key: 'territory', label: 'Territory', headers: ['区域', '销售区域'], parse: text({ max: 2000 }) },
];

interface Row<T> {
  row: number;
  draft: T;
  existing: boolean;
}

interface Checked {
  territories: Row<TerritoryDraft & { id: string }>[];
  people: (Row<PersonDraft & { id: string }> & { territoryText: string })[];
  errors: OrgImportError[];
  errorCount: number;
}

const MAX_REPORTED = 1000;

async function check(ctx: ServerContext, file: { path: string; name: string }, job: Job | undefined): Promise<Checked> {
  const sheets = await sheetNames(file.path, { name: file.name });
  const find = (s: string) => sheets.find((x) => x.trim().toLowerCase() === s.toLowerCase()) ?? null;
  const tSheet = find('Territories');
  const pSheet = find('People');
  if (!tSheet && !pSheet)
    throw new AppError('bad-file', `${file.name} has neither a "Territories" nor a "People" sheet (its sheets: ${sheets.join(', ')}).`);

  const errors: OrgImportError[] = [];
  let errorCount = 0;
  const reject = (sheet: string, row: number, column: string, value: unknown, reason: string) => {
    errorCount++;
    if (errors.length < MAX_REPORTED) errors.push({ sheet, row, column, value: String(value ?? '').slice(0, 200), reason });
  };
  const opts = { name: file.name, ...(job ? { job } : {}) };
  const bookTerritories = repo.listTerritories(ctx.db);
  const bookPeople = repo.listPeople(ctx.db);

  // Territories first: the People sheet may name a territory the file adds.
  const territories: Row<TerritoryDraft & { id: string }>[] = [];
  const finalTerritories = new Map<string, Territory>(bookTerritories.map((t) => [t.id, t]));
  const territoryColumn: Record<string, string> = {};
  if (tSheet) {
    const table = await ImportTable.open(file.path, TERRITORY_FIELDS, { ...opts, sheet: tSheet });
    const firstRowOf = new Map<string, number>();
    for await (const rec of table.records()) {
      const v = rec.values as { id: string | null; nameEn: string | null; nameZh: string | null };
      if (!v.id && !v.nameEn && !v.nameZh) continue;
      let ok = rec.ok;
      if (v.id && firstRowOf.has(v.id)) {
        ok = false;
        reject('Territories', rec.row, table.columnName('id'), v.id, `the same ID is also on row ${firstRowOf.get(v.id)}`);
      }
      if (!v.nameEn && !v.nameZh) {
        ok = false;
        reject('Territories', rec.row, table.columnName('nameEn'), '', 'required: the Name or the Name (zh)');
      }
      if (!ok) continue;
      const id = v.id ?? ctx.newId();
      firstRowOf.set(id, rec.row);
      const draft = { id, nameEn: (v.nameEn ?? v.nameZh)!, nameZh: (v.nameZh ?? v.nameEn)! };
      territories.push({ row: rec.row, draft, existing: finalTerritories.has(id) });
      finalTerritories.set(id, draft);
    }
    for (const e of table.errors.list) reject('Territories', e.row, e.column, e.value, e.reason);
    territoryColumn.nameEn = table.columnName('nameEn');
    territoryColumn.nameZh = table.columnName('nameZh');
    const all = [...finalTerritories.values()];
    for (const t of territories) {
      for (const p of territoryProblems(t.draft, all)) reject('Territories', t.row, territoryColumn[p.field]!, t.draft[p.field], p.reason);
    }
  }

  const byName = new Map<string, string>();
  for (const t of finalTerritories.values()) for (const k of [t.id, t.nameEn, t.nameZh]) byName.set(k.trim().toLowerCase(), t.id);
  const known = [...finalTerritories.values()]
    .map((t) => t.nameEn)
    .slice(0, 12)
    .join(', ');

  const people: Checked['people'] = [];
  if (pSheet) {
    const table = await ImportTable.open(file.path, PEOPLE_FIELDS, { ...opts, sheet: pSheet });
    const firstRowOf = new Map<string, number>();
    const finalPeople = new Map<string, Pick<Person, 'id' | 'email'>>(bookPeople.map((p) => [p.id, p]));
    const stored = new Map(bookPeople.map((p) => [p.id, p]));
    for await (const rec of table.records()) {
      const v = rec.values as {
        id: string | null;
        nameEn: string | null;
        nameZh: string | null;
        email: string | null;
        role: Role | null;
        territory: string | null;
      };
      if (Object.values(v).every((x) => x === null)) continue;
      let ok = rec.ok;
      const bad = (key: string, value: unknown, reason: string) => {
        ok = false;
        reject('People', rec.row, table.columnName(key), value, reason);
      };
      if (v.id && firstRowOf.has(v.id)) bad('id', v.id, `the same ID is also on row ${firstRowOf.get(v.id)}`);
      if (!v.nameEn && !v.nameZh) bad('nameEn', '', 'required: the Name or the Name (zh)');
      const ids: string[] = [];
      for (const name of splitTerritoryCell(v.territory ?? '')) {
        const id = byName.get(name.toLowerCase());
        if (id) ids.push(id);
        else bad('territory', name, `unknown territory (known: ${known || 'none yet: add it on the Territories sheet'})`);
      }
      if (v.role === 'rep' && ids.length > 1) bad('territory', v.territory, 'a rep works one territory (only a manager lists several)');
      if (!ok || !v.role) continue;
      const id = v.id ?? ctx.newId();
      firstRowOf.set(id, rec.row);
      const draft: PersonDraft & { id: string } = {
        id,
        nameEn: (v.nameEn ?? v.nameZh)!,
        nameZh: (v.nameZh ?? v.nameEn)!,
        email: v.email,
        role: v.role,
        territoryId: v.role === 'rep' ? (ids[0] ?? null) : null,
        leads: v.role === 'rep' ? [] : ids,
      };
      people.push({ row: rec.row, draft, existing: stored.has(id), territoryText: v.territory ?? '' });
      finalPeople.set(id, draft);
    }
    for (const e of table.errors.list) reject('People', e.row, e.column, e.value, e.reason);
    const column: Record<string, string> = {
      nameEn: table.columnName('nameEn'),
      nameZh: table.columnName('nameZh'),
      email: table.columnName('email'),
      role: table.columnName('role'),
      territory: table.columnName('territory'),
    };
    const others = [...finalPeople.values()];
    const territoryIds = new Set(finalTerritories.keys());
    for (const p of people) {
      for (const x of personProblems(p.draft, others, territoryIds)) {
        const value = x.field === 'territory' ? p.territoryText : x.field === 'email' ? p.draft.email : p.draft[x.field];
        reject('People', p.row, column[x.field]!, value, x.reason);
      }
      const before = stored.get(p.draft.id);
      const blocked = before ? reassignFirst(ctx.db, before.id, before, p.draft) : null;
      if (blocked)
        reject(
          'People',
          p.row,
          column[before!.role === p.draft.role ? 'territory' : 'role']!,
          before!.role === p.draft.role ? p.territoryText : p.draft.role,
          blocked,
        );
    }
  }
  errors.sort((a, b) => (a.sheet === b.sheet ? a.row - b.row : a.sheet === 'Territories' ? -1 : 1));
  return { territories, people, errors, errorCount };
}

type Counts = { inserted: number; updated: number; unchanged: number };

export async function importOrg(
  ctx: ServerContext,
  file: { path: string; name: string },
  job: Job | undefined,
  beforeWrite: () => Promise<void>,
): Promise<{ territories: Counts; people: Counts }> {
  const c = await check(ctx, file, job);
  if (c.errorCount > 0) {
    throw new AppError(
      'import-rejected',
      `${c.errorCount} ${c.errorCount === 1 ? 'cell was' : 'cells were'} rejected; nothing was written.`,
      { errors: c.errors, errorCount: c.errorCount },
    );
  }
  if (c.territories.length + c.people.length === 0)
    throw new AppError('validation', `${file.name} has no territory or person rows under its headers.`);
  job?.throwIfCancelled();
  await beforeWrite();
  const snapshot = () => ({
    territories: new Map(repo.listTerritories(ctx.db).map(({ version: _v, ...t }) => [t.id, JSON.stringify(t)])),
    people: new Map(repo.listPeople(ctx.db).map(({ version: _v, ...p }) => [p.id, JSON.stringify(p)])),
  });
  const before = snapshot();
  ctx.db.transaction(() => {
    const batchId = ctx.newId();
    for (const t of c.territories) repo.writeTerritory(ctx, t.draft, batchId);
    for (const p of c.people) repo.writePerson(ctx, p.draft, batchId);
    insertRow(ctx, 'import_batches', {
      id: batchId,
      kind: 'org',
      file_name: file.name,
      inserted: [...c.territories, ...c.people].filter((r) => !r.existing).length,
      updated: 0,
    });
  })();
  const after = snapshot();
  const count = (rows: Row<{ id: string }>[], b: Map<string, string>, a: Map<string, string>): Counts => {
    const inserted = rows.filter((r) => !r.existing).length;
    const updated = rows.filter((r) => r.existing && b.get(r.draft.id) !== a.get(r.draft.id)).length;
    return { inserted, updated, unchanged: rows.length - inserted - updated };
  };
  return { territories: count(c.territories, before.territories, after.territories), people: count(c.people, before.people, after.people) };
}
