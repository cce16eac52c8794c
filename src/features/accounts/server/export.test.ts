import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ZipArchive } from '../../../platform/excel/zipArchive';
import { accountsBook, seedAwkwardAccounts, type AccountsBook } from './testBook';
import { readWithSheetJS, sheetRows, tempDir } from '../../../../test/excel/helpers';

process.env.TZ = 'America/Los_Angeles';

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

describe('accounts:export', () => {
  it("exports the grid's view: its rows in its order, its columns after ID, names in the language", async () => {
    const [a, b, c] = await seedAwkwardAccounts(book);
    const file = t.file('view.xlsx');
    const r = await book.call('accounts:export', {
      file: book.write(file),
      lang: 'zh-CN',
      ids: [c!.id, a!.id],
      columns: ['ag-Grid-SelectionColumn', 'open', 'grade', 'name', 'owner', 'territory', 'relationshipStage', 'sales'],
    });
    expect(r).toEqual({ rows: 2 });
    const wb = readWithSheetJS(file);
    expect(wb.SheetNames).toEqual(['客户']);
    expect(sheetRows(wb)).toEqual([
      ['编号', '等级', '客户名称', '负责人', '区域', '关系阶段', '今年销售额'],
      [c!.id, null, c!.name, null, '华东区', null, 0],
      [a!.id, 'A', a!.name, '王磊', '华东区', '信赖', 1234567.89],
    ]);
    void b;
  });

  it('exports every account ordered by name when no view is given', async () => {
    await seedAwkwardAccounts(book);
    const file = t.file('all.xlsx');
    await book.call('accounts:export', { file: book.write(file), lang: 'en' });
    const rows = sheetRows(readWithSheetJS(file));
    expect(rows.slice(1).map((r) => r[1])).toEqual(['Client "B", Ltd. 😀', 'spaced? no: trimmed', '华东机械制造有限公司']);
    expect(rows[1]!.slice(2, 4)).toEqual(['North China', 'Zhang Wei']);
  });
});

describe('accounts:template', () => {
  it('has the headers, a sample row that imports, and drop-down lists', async () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const file = t.file(`template-${lang}.xlsx`);
      await book.call('accounts:template', { file: book.write(file), lang });
      const wb = readWithSheetJS(file);
      const rows = sheetRows(wb);
      expect(rows[0]!.slice(0, 4)).toEqual(
        lang === 'en' ? ['Name', 'Territory', 'Owner', 'Industry'] : ['客户名称', '区域', '负责人', '行业'],
      );
      expect(wb.SheetNames[1]).toBe('Lists');
      const xml = await ZipArchive.open(file, 'template').text('xl/worksheets/sheet1.xml');
      const validations = [...xml.matchAll(/<dataValidation [^>]*sqref="([A-Z]+)2:[A-Z]+5000"[^>]*>\s*<formula1>([^<]+)<\/formula1>/g)].map(
        (m) => [m[1], m[2]],
      );
      // Territory, owner, grade and the five relationship vocabularies.
      expect(validations).toHaveLength(8);
      expect(validations[0]).toEqual(['B', 'Lists!$A$2:$A$3']);
      const lists = sheetRows(wb, 'Lists');
      expect(lists[1]!.slice(0, 2)).toEqual(lang === 'en' ? ['East China', 'Li Na'] : ['华东区', '李娜']);

      const before = book.count();
      expect(await book.call('accounts:import', { file: book.read(file) })).toMatchObject({ inserted: 1 });
      expect(book.count()).toBe(before + 1);
    }
    const sample = book.accounts().find((a) => a.name === 'Sample Machinery Co., Ltd.')!;
    expect(sample).toMatchObject({
      territoryId: book.territories.east,
      ownerId: book.reps.li,
      sales: 123456789,
      relationshipStage: 'engaged',
      communicationStyle: 'owl',
      lastVisit: '2026-01-15',
    });
  });
});

describe('accounts:saveImportErrors', () => {
  it('writes the rejected cells as Row, Column, Value, Reason', async () => {
    const file = t.file('errors.xlsx');
    const errors = [
      { row: 3, column: '销售额', value: 'abc', reason: 'not a money amount' },
      { row: 9, column: 'Notes', value: '=cmd()', reason: 'too long' },
    ];
    await book.call('accounts:saveImportErrors', { file: book.write(file), errors });
    const wb = readWithSheetJS(file);
    expect(sheetRows(wb)).toEqual([
      ['Row', 'Column', 'Value', 'Reason'],
      [3, '销售额', 'abc', 'not a money amount'],
      [9, 'Notes', '=cmd()', 'too long'],
    ]);
    expect(wb.Sheets.Errors!.C3!.f).toBeUndefined();
  });
});
