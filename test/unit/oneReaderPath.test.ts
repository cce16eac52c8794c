import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Every import reads its file through the product's one reader (src/platform/excel: the zip
// reader, the .xlsx and CSV readers behind tableReader), which holds the limits of
// readerLimits.ts and the reading fixes. This keeps it so: outside that folder, no server
// code parses a spreadsheet, CSV, XML or zip by another way (ExcelJS's readers, SheetJS,
// csv-parse, saxes, zlib's inflater). A new importer that needs another way should extend the reader.

const root = path.resolve(import.meta.dirname, '../..');
const READER_DIR = path.join(root, 'src/platform/excel');
const OTHER_WAYS: [RegExp, string][] = [
  [/\.xlsx\.(read|readFile|load)\b|stream\.xlsx\.WorkbookReader|\.csv\.(read|readFile|parse)\b/, "ExcelJS's readers"],
  [/from '(xlsx|csv-parse|saxes|sax|fast-csv|papaparse|yauzl|unzipper|jszip|adm-zip)(\/[^']*)?'/, 'a parsing or unzipping package'],
  [/\b(createInflateRaw|createInflate|inflateRawSync|inflateRaw|inflateSync|createUnzip|unzipSync)\b/, "zlib's inflater (unzipping)"],
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'ui' ? [] : sourceFiles(p);
    return /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [p] : [];
  });
}

describe('one reader path for every import', () => {
  it('no server code outside src/platform/excel reads a workbook, CSV or zip another way', () => {
    const offenders: string[] = [];
    for (const file of [
      ...sourceFiles(path.join(root, 'src/platform')),
      ...sourceFiles(path.join(root, 'src/app')),
      ...sourceFiles(path.join(root, 'src/features')),
    ]) {
      if (file.startsWith(READER_DIR + path.sep)) continue;
      const text = fs.readFileSync(file, 'utf8');
      for (const [pattern, what] of OTHER_WAYS) if (pattern.test(text)) offenders.push(`${path.relative(root, file)}: ${what}`);
    }
    expect(offenders).toEqual([]);
  });

  it('the check sees an offender (it is not vacuous)', () => {
    expect(OTHER_WAYS.some(([p]) => p.test('await wb.xlsx.readFile(file);'))).toBe(true);
    expect(OTHER_WAYS.some(([p]) => p.test("import { parse } from 'csv-parse';"))).toBe(true);
    expect(OTHER_WAYS.some(([p]) => p.test('entry.pipe(zlib.createInflateRaw())'))).toBe(true);
  });
});
