import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { Account } from '../contract';
import { accountsBook, seedAwkwardAccounts, type AccountsBook } from './testBook';
import { encodeGb18030, readWithSheetJS, sheetRows, tempDir } from '../../../../test/excel/helpers';

process.env.TZ = 'America/Los_Angeles';

const csvText = (s: string) => `"${s.replace(/"/g, '""')}"`;

let t: ReturnType<typeof tempDir>;
let book: AccountsBook;
beforeEach(async () => {
  t = tempDir();
  book = await accountsBook(t.file('db'));
});
afterEach(() => {
  book.close();
  t.cleanup();
});

type ImportResult = { batchId: string; inserted: number; updated: number; unchanged: number };
type Preview = {
  rows: number;
  newRows: number;
  updateRows: number;
  errorCount: number;
  errors: unknown[];
  unknownHeaders: string[];
  columns: { header: string; field: string | null }[];
};

const EN_HEADERS = [
  'ID',
  'Name',
  'Territory',
  'Owner',
  'Industry',
  'City',
  'Sales',
  'Sales last year',
  'Profit',
  'Grade',
  'English name',
  'Receivable balance',
  'Size',
  'Nature',
  'Relationship stage',
  'Relationship type',
  'Communication style',
  'Value type',
  'Loyalty type',
  'Products in use',
  'Last visit',
  'Next visit',
  'Notes',
];
const ZH_HEADERS = [
  '编号',
  '客户名称',
  '区域',
  '负责人',
  '行业',
  '城市',
  '今年销售额',
  '去年销售额',
  '利润',
  '等级',
  '英文名称',
  '应收余额',
  '规模',
  '性质',
  '关系阶段',
  '关系类型',
  '沟通风格',
  '价值类型',
  '忠诚类型',
  '在用产品',
  '上次拜访',
  '下次拜访',
  '备注',
];

describe('export then import', () => {
  for (const lang of ['en', 'zh-CN'] as const) {
    it(`gives identical data (${lang})`, async () => {
      await seedAwkwardAccounts(book);
      const before = book.accounts();
      const file = t.file(`out-${lang}.xlsx`);
      expect(await book.call('accounts:export', { file: book.write(file), lang })).toEqual({ rows: 3 });
      expect(sheetRows(readWithSheetJS(file))[0]).toEqual(lang === 'en' ? EN_HEADERS : ZH_HEADERS);

      const preview = await book.call<Preview>('accounts:importPreview', { file: book.read(file) });
      expect(preview).toMatchObject({ rows: 3, newRows: 0, updateRows: 3, errorCount: 0, unknownHeaders: [] });
      const r = await book.call<ImportResult>('accounts:import', { file: book.read(file) });
      expect(r).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
      expect(book.accounts()).toEqual(before);
    });
  }

  it('writes money as yuan numbers, dates as real dates, formula-looking text as text', async () => {
    await seedAwkwardAccounts(book);
    const file = t.file('cells.xlsx');
    await book.call('accounts:export', { file: book.write(file), lang: 'en' });
    const ws = readWithSheetJS(file).Sheets.Accounts!;
    const rows = sheetRows(readWithSheetJS(file));
    const row = (name: string) => rows.findIndex((r) => r[1] === name) + 1;
    const a = row('华东机械制造有限公司');
    expect(ws[`G${a}`]).toMatchObject({ t: 'n', v: 1234567.89, z: '#,##0.00' });
    expect(ws[`I${a}`]).toMatchObject({ t: 'n', v: -12345.67 });
    expect(ws[`U${a}`]).toMatchObject({ t: 'n', v: (Date.UTC(2026, 2, 5) - Date.UTC(1899, 11, 30)) / 86_400_000, z: 'yyyy-mm-dd' });
    const b = row('Client "B", Ltd. 😀');
    for (const [col, text] of [
      ['W', '=1+2'],
      ['F', '+x'],
      ['E', '-y'],
      ['M', '@z'],
      ['N', '\tabc'],
    ] as const) {
      expect(ws[`${col}${b}`]).toMatchObject({ t: 's', v: text });
      expect(ws[`${col}${b}`]!.f).toBeUndefined();
    }
  });

  it('an edited export updates by ID, adds rows without ID or with a new ID; preview counts them', async () => {
    const [a, b] = await seedAwkwardAccounts(book);
    const file = t.file('edited.xlsx');
    await book.call('accounts:export', {
      file: book.write(file),
      lang: 'en',
      ids: [a!.id, b!.id],
      columns: ['name', 'territory', 'sales', 'grade'],
    });
    const wb = readWithSheetJS(file);
    const aoa = sheetRows(wb);
    expect(aoa[0]).toEqual(['ID', 'Name', 'Territory', 'Sales', 'Grade']);
    expect(aoa.slice(1).map((r) => r[0])).toEqual([a!.id, b!.id]);
    aoa[1]![3] = 999.99; // a: sales
    aoa[2]![4] = 'B'; // b: grade
    const newId = '01a0ffff-0000-7000-8000-000000000001';
    aoa.push([null, '新客户', '华北区', 10, null], [newId, 'New with ID', 'North China', '1,000.00', 'C']);
    const out = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(out, XLSX.utils.aoa_to_sheet(aoa), 'Accounts');
    XLSX.writeFile(out, file);

    expect(await book.call<Preview>('accounts:importPreview', { file: book.read(file) })).toMatchObject({
      rows: 4,
      newRows: 2,
      updateRows: 2,
      errorCount: 0,
    });
    const r = await book.call<ImportResult>('accounts:import', { file: book.read(file) });
    expect(r).toMatchObject({ inserted: 2, updated: 2, unchanged: 0 });
    const byId = new Map(book.accounts().map((x) => [x.id, x]));
    expect(byId.get(a!.id)).toMatchObject({ sales: 99999, notes: a!.notes, profit: a!.profit });
    expect(byId.get(b!.id)).toMatchObject({ grade: 'B', gradeSource: 'import' });
    expect(byId.get(newId)).toMatchObject({
      name: 'New with ID',
      territoryId: book.territories.north,
      sales: 100000,
      grade: 'C',
      gradeSource: 'import',
    });
    expect([...byId.values()].find((x) => x.name === '新客户')).toMatchObject({ sales: 1000, ownerId: null });
  });
});

describe('files written by other programs', () => {
  it('a workbook built field by field with SheetJS, Chinese headers', async () => {
    const ws: XLSX.WorkSheet = {};
    const put = (ref: string, cell: XLSX.CellObject) => (ws[ref] = cell);
    [
      '客户名称',
      '区域',
      '负责人',
      '行业',
      '城市',
      '销售额',
      '去年销售额',
      '利润',
      '等级',
      '关系阶段',
      '沟通风格',
      '上次拜访',
      '备注',
      '无关列',
    ].forEach((h, i) => put(XLSX.utils.encode_cell({ r: 0, c: i }), { t: 's', v: h }));
    const row = (r: number, cells: XLSX.CellObject[]) => cells.forEach((c, i) => put(XLSX.utils.encode_cell({ r, c: i }), c));
    row(1, [
      { t: 's', v: '深圳电子科技有限公司' },
      { t: 's', v: '华东区' },
      { t: 's', v: 'Li Na' },
      { t: 's', v: '电子' },
      { t: 's', v: '深圳' },
      { t: 'n', v: 1234567.8, z: '#,##0.00' },
      { t: 's', v: '¥1,000,000.00' },
      { t: 'n', v: -3.5 },
      { t: 's', v: 'b' },
      { t: 's', v: '同盟' },
      { t: 's', v: 'Tiger (driver)' },
      { t: 'n', v: 46086, z: 'yyyy"年"m"月"d"日"' },
      { t: 's', v: '多行\n备注' },
      { t: 's', v: 'ignored' },
    ]);
    row(2, [
      { t: 's', v: 'Beijing Foods' },
      { t: 's', v: 'north china' },
      { t: 's', v: '张伟' },
      { t: 'z' } as XLSX.CellObject,
      { t: 'n', v: 10 },
      { t: 'n', v: 0 },
      { t: 'n', v: 0.1 + 0.2 },
      { t: 'n', v: 0 },
      { t: 's', v: 'A' },
      { t: 's', v: 'acquainted' },
      { t: 's', v: 'koala' },
      { t: 's', v: '2026/1/2' },
      { t: 's', v: '' },
    ]);
    ws['!ref'] = 'A1:N3';
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, '客户');
    const file = t.file('sheetjs.xlsx');
    XLSX.writeFile(wb, file);

    const preview = await book.call<Preview>('accounts:importPreview', { file: book.read(file) });
    expect(preview).toMatchObject({ rows: 2, newRows: 2, updateRows: 0, errorCount: 0, unknownHeaders: ['无关列'] });
    await book.call('accounts:import', { file: book.read(file) });
    const [sz, bj] = ['深圳电子科技有限公司', 'Beijing Foods'].map((n) => book.accounts().find((x) => x.name === n)!);
    expect(sz).toMatchObject({
      territoryId: book.territories.east,
      ownerId: book.reps.li,
      industry: '电子',
      city: '深圳',
      sales: 123456780,
      salesLastYear: 100000000,
      profit: -350,
      grade: 'B',
      relationshipStage: 'ally',
      communicationStyle: 'tiger',
      lastVisit: '2026-03-05',
      notes: '多行\n备注',
    });
    expect(bj).toMatchObject({
      territoryId: book.territories.north,
      ownerId: book.reps.zhang,
      industry: null,
      city: '10',
      sales: 0,
      salesLastYear: 30,
      lastVisit: '2026-01-02',
      notes: null,
    });
  });

  it('CSV in UTF-8 with a BOM and in GBK, Chinese headers', async () => {
    const csv =
      '客户名称,区域,负责人,销售额,利润,下次拜访,备注\n"杭州""新""材料, 有限公司",华东区,王磊,"12,345.67",-1,2026-05-06,"第一行\n第二行"\n';
    const utf8 = t.file('utf8.csv');
    fs.writeFileSync(utf8, '\uFEFF' + csv);
    expect(await book.call<ImportResult>('accounts:import', { file: book.read(utf8) })).toMatchObject({ inserted: 1 });
    const gbk = t.file('gbk.csv');
    fs.writeFileSync(gbk, encodeGb18030(csv.replace('杭州', '宁波')));
    expect(await book.call<ImportResult>('accounts:import', { file: book.read(gbk) })).toMatchObject({ inserted: 1 });
    for (const city of ['杭州', '宁波']) {
      expect(book.accounts().find((x) => x.name === `${city}"新"材料, 有限公司`)).toMatchObject({
        ownerId: book.reps.wang,
        sales: 1234567,
        profit: -100,
        nextVisit: '2026-05-06',
        notes: '第一行\n第二行',
      });
    }
  });
});

describe('IDs', () => {
  it('refuses an ID given twice and text that is not an ID', async () => {
    const [a] = await seedAwkwardAccounts(book);
    const file = t.file('dup.csv');
    fs.writeFileSync(file, `ID,Name,Territory\n${a!.id},X,华东区\n${a!.id},Y,华东区\nnot-an-id,Z,华东区\n`);
    await expect(book.call('accounts:import', { file: book.read(file) })).rejects.toMatchObject({
      code: 'import-rejected',
      details: {
        errors: [
          { row: 3, column: 'ID', value: a!.id, reason: 'the same ID is also on row 2' },
          { row: 4, column: 'ID', value: 'not-an-id', reason: expect.stringMatching(/^not an account ID/) },
        ],
      },
    });
  });

  it('an ID of a deleted account restores it; undo deletes it again', async () => {
    const [a] = await seedAwkwardAccounts(book);
    await book.call('accounts:delete', { ids: [a!.id] });
    const file = t.file('restore.csv');
    fs.writeFileSync(file, `ID,Sales\n${a!.id},5\n`);
    const r = await book.call<ImportResult>('accounts:import', { file: book.read(file) });
    expect(r).toMatchObject({ inserted: 0, updated: 1 });
    expect(book.accounts().find((x) => x.id === a!.id)).toMatchObject({ sales: 500, name: a!.name });
    await book.call('accounts:undoImport', { batchId: r.batchId });
    expect(book.accounts().find((x) => x.id === a!.id)).toBeUndefined();
  });

  it('an owner must work in the territory', async () => {
    const file = t.file('owner.csv');
    fs.writeFileSync(file, 'Name,Territory,Owner\nA,华北区,王磊\nB,华东区,Wang Lei\n');
    await expect(book.call('accounts:import', { file: book.read(file) })).rejects.toMatchObject({
      details: { errors: [{ row: 2, column: 'Owner', value: '王磊', reason: 'does not work in territory 华北区' }] },
    });
  });
});

describe('undo an import batch', () => {
  it('removes inserted accounts and reverts updated fields that still hold the imported value', async () => {
    const [a, b] = await seedAwkwardAccounts(book);
    const file = t.file('batch.csv');
    fs.writeFileSync(
      file,
      `ID,Name,Territory,Sales,City\n${a!.id},${csvText(a!.name)},华东区,1,City A\n${b!.id},${csvText(b!.name)},华北区,2,City B\n,Brand new,华东区,3,\n`,
    );
    const r = await book.call<ImportResult>('accounts:import', { file: book.read(file) });
    expect(r).toMatchObject({ inserted: 1, updated: 2 });
    // Someone edits b's city after the import: that field is kept on undo.
    await book.call('accounts:update', { id: b!.id, patch: { city: 'Edited later' } });
    const batches = await book.call<{ id: string; inserted: number; updated: number; undoneAt: string | null }[]>(
      'accounts:importBatches',
      {},
    );
    expect(batches[0]).toMatchObject({ id: r.batchId, inserted: 1, updated: 2, undoneAt: null });

    const u = await book.call('accounts:undoImport', { batchId: r.batchId });
    expect(u).toEqual({ removed: 1, reverted: 2, skipped: 1 });
    const now = new Map(book.accounts().map((x) => [x.id, x]));
    expect(now.size).toBe(3 - 0);
    expect(now.get(a!.id)).toMatchObject({ sales: a!.sales, city: a!.city });
    expect(now.get(b!.id)).toMatchObject({ sales: b!.sales, city: 'Edited later' });
    expect([...now.values()].some((x) => x.name === 'Brand new')).toBe(false);
    await expect(book.call('accounts:undoImport', { batchId: r.batchId })).rejects.toMatchObject({ code: 'conflict' });
    expect((await book.call<{ undoneAt: string | null }[]>('accounts:importBatches', {}))[0]!.undoneAt).not.toBeNull();
  });

  it('takes a backup before writing', async () => {
    const file = t.file('one.csv');
    fs.writeFileSync(file, 'Name,Territory\nA,华东区\n');
    await book.call('accounts:import', { file: book.read(file) });
    expect(fs.readdirSync(book.ctx.backupDir).some((f) => /before-import\.sqlite$/.test(f))).toBe(true);
  });
});

export type { Account };
