import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { columnLetter, headerRowOf, writeWorkbook, type SheetSpec } from '../../src/platform/excel/workbookWriter';
import { ZipArchive } from '../../src/platform/excel/zipArchive';
import { JobRegistry } from '../../src/platform/jobs';
import { readWithSheetJS, sheetRows, tempDir } from './helpers';

// Calendar dates must not move with the machine's zone: run west of UTC.
process.env.TZ = 'America/Los_Angeles';

const serial = (iso: string) => (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;

let t: ReturnType<typeof tempDir>;
beforeEach(() => (t = tempDir()));
afterEach(() => t.cleanup());

const columns: SheetSpec['columns'] = [
  { header: 'Name', kind: 'text' },
  { header: 'Sales', kind: 'money' },
  { header: 'Due', kind: 'date' },
  { header: 'Days', kind: 'int' },
  { header: 'Share', kind: 'percent' },
  { header: 'Score', kind: 'number' },
];

describe('columnLetter / headerRowOf', () => {
  it('names columns like Excel', () => {
    expect([1, 2, 26, 27, 52, 53, 702, 703, 16384].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
    expect(() => columnLetter(0)).toThrow();
  });
  it('puts the header after the title block and one blank row', () => {
    expect(headerRowOf({})).toBe(1);
    expect(headerRowOf({ title: [] })).toBe(1);
    expect(headerRowOf({ title: ['Receivables', 'As of 2026-11-30'] })).toBe(4);
  });
});

describe('writeWorkbook', () => {
  it('writes the one layout: title, blank row, header, records, totals; real numbers and dates', async () => {
    const file = t.file('out.xlsx');
    const sheet: SheetSpec = {
      name: 'Aging',
      title: ['Receivables aging', 'As of 2026-11-30'],
      columns,
      rows: [
        ['客户 A', 123456, '2026-03-05', 30, 0.125, 3.5],
        ['Client "B", Ltd', -5, '2026-12-31', 0, 1, null],
        ['', null, null, null, null, null],
      ],
      totals: ['Total', { formula: 'SUM(B5:B7)', result: 123451 }, null, 30, null, null],
      landscape: true,
    };
    expect(headerRowOf(sheet)).toBe(4);
    const r = await writeWorkbook(file, [sheet]);
    expect(r.rows).toBe(3);

    const wb = readWithSheetJS(file);
    expect(wb.SheetNames).toEqual(['Aging']);
    const rows = sheetRows(wb);
    expect(rows[0]![0]).toBe('Receivables aging');
    expect(rows[1]![0]).toBe('As of 2026-11-30');
    expect(rows[2]!.every((v) => v === null)).toBe(true);
    expect(rows[3]).toEqual(['Name', 'Sales', 'Due', 'Days', 'Share', 'Score']);
    expect(rows[4]).toEqual(['客户 A', 1234.56, serial('2026-03-05'), 30, 0.125, 3.5]);
    expect(rows[5]).toEqual(['Client "B", Ltd', -0.05, serial('2026-12-31'), 0, 1, null]);
    expect(rows[7]![0]).toBe('Total');
    const ws = wb.Sheets.Aging!;
    expect(ws.B5!.z).toBe('#,##0.00');
    expect(ws.C5!.z).toBe('yyyy-mm-dd');
    expect(ws.E5!.z).toBe('0.00%');
    expect(ws.B8!.f).toBe('SUM(B5:B7)');
    expect(ws.B8!.v).toBe(1234.51);

    const xml = await ZipArchive.open(file, 'out.xlsx').text('xl/worksheets/sheet1.xml');
    expect(xml).toMatch(/<pane [^>]*ySplit="4"[^>]*state="frozen"/);
    expect(xml).toMatch(/<autoFilter ref="A4:F7"\s*\/>/);
    expect(xml).toMatch(/orientation="landscape"/);
    expect(xml).toMatch(/<col [^>]*width=/);
    expect(fs.readdirSync(t.dir)).toEqual(['out.xlsx']);
  });

  it('writes formula-looking text as plain string cells, never formulas', async () => {
    const file = t.file('f.xlsx');
    const texts = ['=1+2', '+x', '-y', '@z', '\tabc', '\rabc', '=HYPERLINK("http://evil","click")', '_x0041_'];
    await writeWorkbook(file, [{ name: 'S', columns: [{ header: 'Text', kind: 'text' }], rows: texts.map((s) => [s]) }]);
    const ws = readWithSheetJS(file).Sheets.S!;
    texts.forEach((s, i) => {
      const cell = ws[`A${i + 2}`]!;
      expect(cell.t).toBe('s');
      expect(cell.f).toBeUndefined();
      expect(cell.v).toBe(s);
    });
    // Strings in number columns stay text too.
    await writeWorkbook(file, [{ name: 'S', columns: [{ header: 'Sales', kind: 'money' }], rows: [['=2*3']] }]);
    const c = readWithSheetJS(file).Sheets.S!.A2!;
    expect([c.t, c.v, c.f]).toEqual(['s', '=2*3', undefined]);
  });

  it('writes several sheets and reports progress', async () => {
    const jobs = new JobRegistry();
    const id = crypto.randomUUID();
    const job = jobs.start(id);
    const file = t.file('multi.xlsx');
    const many = function* () {
      for (let i = 0; i < 2500; i++) yield [`n${i}`, i];
    };
    const r = await writeWorkbook(
      file,
      [
        {
          name: 'One',
          columns: [
            { header: 'Name', kind: 'text' },
            { header: 'Sales', kind: 'money' },
          ],
          rows: many(),
          rowCount: 2500,
        },
        {
          name: 'Two/with:bad*chars',
          columns: [{ header: 'X', kind: 'text' }],
          rows: (async function* () {
            yield ['a'];
          })(),
        },
      ],
      { job },
    );
    expect(r.rows).toBe(2501);
    expect(jobs.status(id).done).toBeGreaterThanOrEqual(2500);
    expect(readWithSheetJS(file).SheetNames).toEqual(['One', 'Two with bad chars']);
  });

  it('a cancelled export leaves no file and no temp file behind', async () => {
    const jobs = new JobRegistry();
    const id = crypto.randomUUID();
    const job = jobs.start(id);
    const file = t.file('cancel.xlsx');
    const rows = function* () {
      for (let i = 0; i < 10_000; i++) {
        if (i === 3000) jobs.cancel(id);
        yield [`n${i}`];
      }
    };
    await expect(
      writeWorkbook(file, [{ name: 'S', columns: [{ header: 'N', kind: 'text' }], rows: rows() }], { job }),
    ).rejects.toMatchObject({ code: 'cancelled' });
    expect(fs.readdirSync(t.dir)).toEqual([]);
  });

  it('a failing row source leaves the previous file untouched', async () => {
    const file = t.file('keep.xlsx');
    fs.writeFileSync(file, 'old');
    const rows = function* () {
      yield ['a'];
      throw new Error('source broke');
    };
    await expect(writeWorkbook(file, [{ name: 'S', columns: [{ header: 'N', kind: 'text' }], rows: rows() }])).rejects.toThrow(
      'source broke',
    );
    expect(fs.readFileSync(file, 'utf8')).toBe('old');
    expect(fs.readdirSync(t.dir)).toEqual(['keep.xlsx']);
  });

  it('refuses to write into a folder that does not exist with a clear error', async () => {
    await expect(
      writeWorkbook(t.file('nope/x.xlsx'), [{ name: 'S', columns: [{ header: 'N', kind: 'text' }], rows: [] }]),
    ).rejects.toMatchObject({ code: 'not-found' });
  });
});
