import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import XLSX from 'xlsx';
import { runCli } from '../../../app/cli/main';
import { openBook } from '../../../app/book';
import { createRegistry } from '../../../app/handlers';
import { insertRow } from '../../../platform/db/changeLog';
import { tempDir } from '../../../../test/db/helpers';

// The CLI contract of the organisation: `import org IN.xlsx` / `export org OUT.xlsx`, sheet
// Territories (ID, Name, Name (zh)) and sheet People (ID, Name, Name (zh), Email, Role,
// Territory). Inputs are written with SheetJS and every export read back with it.

let dir: string;
let cleanup: () => void;
let db: string;
beforeEach(() => {
  const t = tempDir('sw-org-cli-');
  dir = t.dir;
  cleanup = t.cleanup;
  db = path.join(dir, 'book.sqlite');
});
afterEach(() => cleanup());

type Cell = string | number | null;
function workbook(name: string, sheets: Record<string, Cell[][]>): string {
  const wb = XLSX.utils.book_new();
  for (const [sheet, rows] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), sheet);
  const file = path.join(dir, name);
  XLSX.writeFile(wb, file);
  return file;
}
function read(file: string): Record<string, Cell[][]> {
  const wb = XLSX.readFile(file);
  return Object.fromEntries(
    wb.SheetNames.map((s) => [s, XLSX.utils.sheet_to_json<Cell[]>(wb.Sheets[s]!, { header: 1, raw: true, defval: null })]),
  );
}
async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    ['--db', db, ...args],
    (s) => out.push(s),
    (s) => err.push(s),
  );
  return { code, out, err };
}
async function peopleInBook() {
  const ctx = await openBook(db, { dailyBackup: false });
  try {
    return ctx.db.prepare('SELECT name_en, role, email FROM reps ORDER BY name_en').all() as {
      name_en: string;
      role: string;
      email: string | null;
    }[];
  } finally {
    ctx.db.close();
  }
}

const T_HEAD = ['ID', 'Name', 'Name (zh)'];
const P_HEAD = ['ID', 'Name', 'Name (zh)', 'Email', 'Role', 'Territory'];

describe('import org / export org', () => {
  it('imports territories and people into an empty book, exports them with the exact headers, and an edited export updates by ID', async () => {
    expect((await cli('init')).code).toBe(0);
    const input = workbook('org.xlsx', {
      Territories: [T_HEAD, [null, 'East', '华东区'], [null, 'West', '华西区']],
      People: [
        P_HEAD,
        [null, 'Li Na', '李娜', 'li.na@example.com', 'rep', 'East'],
        [null, 'Wang Lei', '王磊', null, 'rep', '华西区'],
        [null, 'Zhou Min', '周敏', 'zhou.min@example.com', 'manager', 'East; West'],
        [null, 'Qian Fang', '钱芳', 'qian@example.com', 'finance', null],
        [null, 'Sun Hao', '孙浩', null, 'trainer', null],
        [null, 'Admin', '管理员', 'it@example.com', 'admin', null],
      ],
    });
    const imported = await cli('import', 'org', input);
    expect(imported.err).toEqual([]);
    expect(imported.code).toBe(0);
    expect(imported.out[0]).toBe('Imported org.xlsx: territories 2 new, 0 updated, 0 unchanged; people 6 new, 0 updated, 0 unchanged.');

    const out = path.join(dir, 'export.xlsx');
    expect((await cli('export', 'org', out)).code).toBe(0);
    const wb = read(out);
    expect(Object.keys(wb)).toEqual(['Territories', 'People']);
    expect(wb.Territories![0]).toEqual(T_HEAD);
    expect(wb.People![0]).toEqual(P_HEAD);
    expect(wb.Territories!.slice(1).map((r) => r.slice(1))).toEqual([
      ['East', '华东区'],
      ['West', '华西区'],
    ]);
    const people = wb.People!.slice(1);
    expect(people.map((r) => r.slice(1))).toEqual([
      ['Admin', '管理员', 'it@example.com', 'admin', null],
      ['Li Na', '李娜', 'li.na@example.com', 'rep', 'East'],
      ['Qian Fang', '钱芳', 'qian@example.com', 'finance', null],
      ['Sun Hao', '孙浩', null, 'trainer', null],
      ['Wang Lei', '王磊', null, 'rep', 'West'],
      ['Zhou Min', '周敏', 'zhou.min@example.com', 'manager', 'East; West'],
    ]);
    for (const r of [...wb.Territories!.slice(1), ...people]) expect(String(r[0])).toMatch(/^[0-9a-f-]{36}$/);

    // The export, edited as a user would: Wang Lei moves to East and gets an email, Zhou
    // Min now leads West only, one new rep without an ID.
    const edited = people.map((r) => [...r]);
    const wang = edited.find((r) => r[1] === 'Wang Lei')!;
    wang[3] = 'wang.lei@example.com';
    wang[5] = 'East';
    edited.find((r) => r[1] === 'Zhou Min')![5] = 'West';
    edited.push([null, 'Chen Jie', '陈杰', null, 'rep', 'West']);
    const again = workbook('edited.xlsx', { Territories: wb.Territories!, People: [P_HEAD, ...edited] });
    const second = await cli('import', 'org', again);
    expect(second.err).toEqual([]);
    expect(second.out[0]).toBe('Imported edited.xlsx: territories 0 new, 0 updated, 2 unchanged; people 1 new, 2 updated, 4 unchanged.');

    const out2 = path.join(dir, 'export2.xlsx');
    await cli('export', 'org', out2);
    const after = read(out2).People!.slice(1);
    // Same IDs for everyone who was there; the new rep got one.
    expect(after.filter((r) => r[1] !== 'Chen Jie').map((r) => [r[0], r[1]])).toEqual(people.map((r) => [r[0], r[1]]));
    expect(after.find((r) => r[1] === 'Wang Lei')).toEqual([wang[0], 'Wang Lei', '王磊', 'wang.lei@example.com', 'rep', 'East']);
    expect(after.find((r) => r[1] === 'Zhou Min')![5]).toBe('West');
    expect(after.find((r) => r[1] === 'Chen Jie')!.slice(1)).toEqual(['Chen Jie', '陈杰', null, 'rep', 'West']);

    // Importing an unchanged export changes nothing.
    const third = await cli('import', 'org', out2);
    expect(third.out[0]).toBe('Imported export2.xlsx: territories 0 new, 0 updated, 2 unchanged; people 0 new, 0 updated, 7 unchanged.');
  });

  it('refuses a file with bad cells, naming sheet, row, column and reason, and writes nothing', async () => {
    expect((await cli('init')).code).toBe(0);
    const input = workbook('bad.xlsx', {
      Territories: [T_HEAD, [null, 'East', '华东区'], [null, 'east', '东区'], ['not-an-id', 'North', '华北区']],
      People: [
        P_HEAD,
        [null, 'Li Na', '李娜', 'li.na@example', 'rep', 'East'],
        [null, 'Wang Lei', '王磊', null, 'boss', 'East'],
        [null, 'Zhou Min', '周敏', null, 'rep', null],
        [null, 'Qian Fang', '钱芳', null, 'finance', 'East'],
        [null, 'Sun Hao', '孙浩', 'dup@example.com', 'rep', 'East'],
        [null, 'Chen Jie', '陈杰', 'DUP@example.com', 'trainer', null],
        [null, null, null, null, 'rep', 'East'],
        [null, 'Zhao Lu', '赵璐', null, 'manager', 'East; Atlantis'],
      ],
    });
    const r = await cli('import', 'org', input);
    expect(r.code).toBe(1);
    expect(r.out).toEqual([]);
    expect(r.err).toEqual([
      'Territories row 2, column "Name", value "East": another territory is already called East',
      'Territories row 3, column "Name", value "east": another territory is already called east',
      'Territories row 4, column "ID", value "not-an-id": not a territory ID (keep the ID an export wrote, or leave it empty to add one)',
      'People row 2, column "Email", value "li.na@example": not an email address (like name@example.com)',
      'People row 3, column "Role", value "boss": unknown role (known: rep, manager, finance, trainer, admin)',
      'People row 4, column "Territory", value "": required for a rep: the territory they work',
      'People row 5, column "Territory", value "East": only a rep (the territory they work) or a manager (the territories they lead) has a territory; a finance has none',
      'People row 6, column "Email", value "dup@example.com": another person already has this email',
      'People row 7, column "Email", value "DUP@example.com": another person already has this email',
      'People row 8, column "Name", value "": required: the Name or the Name (zh)',
      'People row 9, column "Territory", value "Atlantis": unknown territory (known: East, east)',
      '11 cells were rejected; nothing was written.',
    ]);
    expect(await peopleInBook()).toEqual([]);
  });

  it('keeps a deactivated rep on what they owned: lookups, the accounts export and the graded Pareto still name them', async () => {
    const ctx = await openBook(db, { dailyBackup: false });
    const reg = createRegistry({ validateOutput: true });
    const east = insertRow(ctx, 'territories', { name_zh: '华东区', name_en: 'East' });
    const li = insertRow(ctx, 'reps', { territory_id: east, name_zh: '李娜', name_en: 'Li Na' });
    // Shares 50, 30, 15, 5 %: cumulative 50, 80, 95, 100 → A, A (crosses 55), B (crosses 85), C.
    for (const [name, sales] of [
      ['Acme', 500_000_00],
      ['Beta', 300_000_00],
      ['Gamma', 150_000_00],
      ['Delta', 50_000_00],
    ] as const) {
      insertRow(ctx, 'accounts', { territory_id: east, owner_id: li, name, sales_fen: sales });
    }
    ctx.db.close();
    expect((await cli('grade', 'apply')).code).toBe(0);

    const ctx2 = await openBook(db, { dailyBackup: false });
    await reg.call(ctx2, 'org:setActive', { id: li, active: false });
    const org = await reg.call<{ people: { id: string; active: boolean }[] }>(ctx2, 'org:get', {});
    expect(org.people).toEqual([expect.objectContaining({ id: li, active: false })]);
    const lookups = await reg.call<{ reps: { id: string; nameEn: string; active: boolean }[] }>(ctx2, 'accounts:lookups', {});
    expect(lookups.reps).toEqual([expect.objectContaining({ id: li, nameEn: 'Li Na', active: false })]);
    ctx2.db.close();

    const accounts = path.join(dir, 'accounts.xlsx');
    expect((await cli('export', 'accounts', accounts)).code).toBe(0);
    const rows = read(accounts).Accounts ?? Object.values(read(accounts))[0]!;
    const ownerCol = rows[0]!.indexOf('Owner');
    expect(rows.slice(1).map((r) => r[ownerCol])).toEqual(['Li Na', 'Li Na', 'Li Na', 'Li Na']);

    const pareto = path.join(dir, 'pareto.xlsx');
    const p = await cli('export', 'pareto', pareto, '--owner', 'Li Na');
    expect(p.err).toEqual([]);
    const sheet = read(pareto).Pareto!;
    const header = sheet.findIndex((r) => r[0] === 'Rank');
    const cols = sheet[header]!;
    const data = sheet.slice(header + 1).filter((r) => typeof r[0] === 'number');
    expect(data.map((r) => [r[cols.indexOf('Account')], r[cols.indexOf('Owner')], r[cols.indexOf('Class')]])).toEqual([
      ['Acme', 'Li Na', 'A'],
      ['Beta', 'Li Na', 'A'],
      ['Gamma', 'Li Na', 'B'],
      ['Delta', 'Li Na', 'C'],
    ]);

    // Deactivated is not deleted: the org export still lists them, and reactivating works.
    const orgOut = path.join(dir, 'org.xlsx');
    await cli('export', 'org', orgOut);
    expect(
      read(orgOut)
        .People!.slice(1)
        .map((r) => r[1]),
    ).toEqual(['Li Na']);
  });
});

describe('a deactivated rep', () => {
  it('keeps their accounts but is not made the owner of another', async () => {
    const ctx = await openBook(db, { dailyBackup: false });
    const reg = createRegistry({ validateOutput: true });
    const east = insertRow(ctx, 'territories', { name_zh: '华东区', name_en: 'East' });
    const li = insertRow(ctx, 'reps', { territory_id: east, name_zh: '李娜', name_en: 'Li Na' });
    const wang = insertRow(ctx, 'reps', { territory_id: east, name_zh: '王磊', name_en: 'Wang Lei' });
    const mine = insertRow(ctx, 'accounts', { territory_id: east, owner_id: li, name: 'Acme' });
    const other = insertRow(ctx, 'accounts', { territory_id: east, owner_id: wang, name: 'Beta' });
    await reg.call(ctx, 'org:setActive', { id: li, active: false });
    // Her own account can still be edited; giving her another is refused.
    await expect(reg.call(ctx, 'accounts:update', { id: mine, patch: { city: '上海' } })).resolves.toMatchObject({
      ownerId: li,
      city: '上海',
    });
    await expect(reg.call(ctx, 'accounts:update', { id: other, patch: { ownerId: li } })).rejects.toMatchObject({
      code: 'validation',
      message: expect.stringMatching(/^deactivated/),
    });
    await reg.call(ctx, 'org:setActive', { id: li, active: true });
    await expect(reg.call(ctx, 'accounts:update', { id: other, patch: { ownerId: li } })).resolves.toMatchObject({ ownerId: li });
    // Changing the role of a rep who still owns accounts is refused with the way out.
    await expect(
      reg.call(ctx, 'org:savePerson', { id: li, nameZh: '李娜', nameEn: 'Li Na', role: 'manager', leads: [east] }),
    ).rejects.toMatchObject({
      message:
        'Li Na still owns 2 account(s) and 0 open opportunity(ies) in their territory: give them to another rep first (or deactivate this person, which keeps their history)',
    });
    ctx.db.close();
  });
});
