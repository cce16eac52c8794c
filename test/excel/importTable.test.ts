import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as cell from '../../src/platform/excel/cellParsers';
import { ImportTable, type ImportField, type ImportRecord } from '../../src/platform/excel/importTable';
import { writeWorkbook } from '../../src/platform/excel/workbookWriter';
import { tempDir } from './helpers';

process.env.TZ = 'America/Los_Angeles';

let t: ReturnType<typeof tempDir>;
beforeEach(() => (t = tempDir()));
afterEach(() => t.cleanup());

const fields: ImportField[] = [
  { key: 'name', label: 'Name', headers: ['客户名称', 'customer'], parse: cell.text({ max: 10 }), required: true },
  { key: 'sales', label: 'Sales', headers: ['销售额'], parse: cell.money() },
  { key: 'profit', label: 'Profit', headers: ['利润'], parse: cell.money({ signed: true }) },
  { key: 'due', label: 'Due', headers: ['到期日'], parse: cell.date() },
  { key: 'grade', label: 'Grade', headers: ['等级'], parse: cell.term('grade') },
  { key: 'city', label: 'City', headers: ['城市'], parse: cell.text(), notEmpty: true },
];

async function load(csv: string, opts: ConstructorParameters<typeof Object>[0] = {}) {
  const file = t.file('in.csv');
  fs.writeFileSync(file, csv);
  const table = await ImportTable.open(file, fields, opts as never);
  const records: ImportRecord[] = [];
  for await (const r of table.records()) records.push(r);
  return { table, records };
}

describe('ImportTable', () => {
  it('maps Chinese and English headers, lists unknown ones, parses every cell', async () => {
    const { table, records } = await load('客户名称,Sales,Profit,到期日,等级,Remark,城市\n华东,"1,234.5",-3,2026/3/5,b,x,上海\n');
    expect(table.columns.map((c) => c.field)).toEqual(['name', 'sales', 'profit', 'due', 'grade', null, 'city']);
    expect(table.unknownHeaders).toEqual(['Remark']);
    expect(table.errors.count).toBe(0);
    expect(records).toEqual([
      { row: 2, ok: true, values: { name: '华东', sales: 123450, profit: -300, due: '2026-03-05', grade: 'B', city: '上海' } },
    ]);
  });

  it('reports each rejected cell with its spreadsheet row and the reason', async () => {
    const { table, records } = await load('Name,Sales,Profit,Due,Grade,City\n,abc,1.005,2026-02-30,Z,\nok,-1,2,x,A,c\n');
    expect(records.map((r) => r.ok)).toEqual([false, false]);
    expect(table.errors.list).toEqual([
      { row: 2, column: 'Name', value: '', reason: 'required: this cell is empty' },
      { row: 2, column: 'Sales', value: 'abc', reason: expect.stringMatching(/^not a money amount/) },
      { row: 2, column: 'Profit', value: '1.005', reason: expect.stringMatching(/^more than two decimals/) },
      { row: 2, column: 'Due', value: '2026-02-30', reason: expect.stringMatching(/^not a date/) },
      { row: 2, column: 'Grade', value: 'Z', reason: expect.stringMatching(/^not a known value; use one of: A, B, C, D/) },
      { row: 2, column: 'City', value: '', reason: 'required: this cell is empty' },
      { row: 3, column: 'Sales', value: '-1', reason: 'cannot be negative' },
      { row: 3, column: 'Due', value: 'x', reason: expect.stringMatching(/^not a date/) },
    ]);
  });

  it('refuses a duplicate header and a missing required column at the header row', async () => {
    const dup = await load('Name,Sales,客户名称\na,1,b\n');
    expect(dup.table.errors.list).toEqual([
      { row: 1, column: '客户名称', value: '客户名称', reason: expect.stringMatching(/duplicate column: "Name" \(column A\)/) },
    ]);
    expect(dup.records).toEqual([]);
    const missing = await load('Sales\n1\n');
    expect(missing.table.errors.list).toEqual([
      { row: 1, column: 'Name', value: '', reason: expect.stringMatching(/required column is missing/) },
    ]);
  });

  it("applies the user's mapping: a header to a field, or to nothing", async () => {
    const { table, records } = await load('公司,Sales,利润\nA,1,2\n', { mapping: { 公司: 'name', 利润: '' } });
    expect(table.columns.map((c) => c.field)).toEqual(['name', 'sales', null]);
    expect(records[0]!.values).toEqual({ name: 'A', sales: 100 });
    await expect(load('公司\nA\n', { mapping: { 公司: 'nope' } })).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(/names no field; fields are: name, sales/),
    });
    await expect(load('Name\nA\n', { mapping: { Missing: 'name' } })).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(/does not have/),
    });
  });

  it('finds the header below a title block and keeps real row numbers', async () => {
    const file = t.file('titled.xlsx');
    await writeWorkbook(file, [
      {
        name: 'S',
        title: ['Accounts', 'As of 2026-11-30'],
        columns: [
          { header: 'Name', kind: 'text' },
          { header: 'Sales', kind: 'money' },
          { header: 'Due', kind: 'date' },
        ],
        rows: [
          ['A', 150, '2026-01-02'],
          ['B', -1, null],
        ],
      },
    ]);
    const table = await ImportTable.open(file, fields);
    expect(table.headerRow).toBe(4);
    const records: ImportRecord[] = [];
    for await (const r of table.records()) records.push(r);
    expect(records[0]).toEqual({ row: 5, ok: true, values: { name: 'A', sales: 150, due: '2026-01-02' } });
    expect(table.errors.list).toEqual([{ row: 6, column: 'Sales', value: '-0.01', reason: 'cannot be negative' }]);
  });

  it('counts every error but keeps only the first ones in full', async () => {
    const lines = ['Name,Sales', ...Array.from({ length: 50 }, () => 'a,x')].join('\n');
    const file = t.file('many.csv');
    fs.writeFileSync(file, lines);
    const table = await ImportTable.open(file, fields, { errorLimit: 10 });
    for await (const _ of table.records()) void _;
    expect(table.errors.count).toBe(50);
    expect(table.errors.list).toHaveLength(10);
  });

  it('an empty sheet is a bad file', async () => {
    await expect(load('\n\n')).rejects.toMatchObject({ code: 'bad-file', message: expect.stringMatching(/no rows/) });
  });
});

describe('cell parsers', () => {
  it('money: numbers with float noise, text with ¥ and commas, 元', () => {
    const m = cell.money({ signed: true });
    expect(m(0.1 + 0.2)).toEqual({ ok: true, value: 30 });
    // eslint-disable-next-line no-loss-of-precision -- a float as Excel stores it, on purpose
    expect(m(1234.5600000000001)).toEqual({ ok: true, value: 123456 });
    expect(m('¥1,234.50')).toEqual({ ok: true, value: 123450 });
    expect(m('12元')).toEqual({ ok: true, value: 1200 });
    expect(m(1.005).ok).toBe(false);
    expect(m(new Date()).ok).toBe(false);
    expect(m(true).ok).toBe(false);
  });
  it('text: numbers and dates as typed, length limits', () => {
    expect(cell.text()(755)).toEqual({ ok: true, value: '755' });
    expect(cell.text()(new Date(Date.UTC(2026, 0, 2)))).toEqual({ ok: true, value: '2026-01-02' });
    expect(cell.text({ max: 2 })('abc')).toEqual({ ok: false, reason: 'too long: 3 characters, at most 2' });
    expect(cell.text()('  x ')).toEqual({ ok: true, value: 'x' });
    expect(cell.text({ keepSpaces: true })('  x ')).toEqual({ ok: true, value: '  x ' });
  });
  it('term, int, number, percent, lookup', () => {
    expect(cell.term('relationshipStage')('信赖')).toEqual({ ok: true, value: 'trusted' });
    expect(cell.term('communicationStyle')('Owl (analytical)')).toEqual({ ok: true, value: 'owl' });
    expect(cell.int({ min: 0 })('12')).toEqual({ ok: true, value: 12 });
    expect(cell.int()(1.5).ok).toBe(false);
    expect(cell.number()('1,234.5')).toEqual({ ok: true, value: 1234.5 });
    expect(cell.percentBp()(0.125)).toEqual({ ok: true, value: 1250 });
    expect(cell.percentBp()('12.5%')).toEqual({ ok: true, value: 1250 });
    expect(cell.percentBp()('0.3')).toEqual({ ok: true, value: 3000 });
    expect(cell.percentBp()('12.345%').ok).toBe(false);
    const l = cell.lookup(
      [
        ['华东', 't1'],
        ['East', 't1'],
      ],
      'territory',
    );
    expect(l(' east ')).toEqual({ ok: true, value: 't1' });
    expect(l('West')).toEqual({ ok: false, reason: 'unknown territory (known: 华东, East)' });
  });
});
