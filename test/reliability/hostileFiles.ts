import fs from 'node:fs';
import { deflateRepeated, writeZip, type RawZipEntry } from '../excel/helpers';

// Generated hostile files, each beyond one of the readers' limits (readerLimits.ts): what a
// customer's email or a malicious page could hand the app. Each names the message its
// refusal must carry. The workbooks list every sheet name an importer looks for (accounts
// take the first, opportunities "Opportunities", collections "Detail", negotiation "Plan",
// training "Teams"…), all pointing at the one hostile sheet, so each importer's own path
// reaches the hostile part rather than stopping at a missing sheet.

export interface HostileFile {
  name: string;
  ext: 'xlsx' | 'csv';
  /** What the refusal must say. */
  message: RegExp;
  write(file: string): void;
}

const SHEET_NAMES = [
  'Accounts',
  'Opportunities',
  'Detail',
  'Plan',
  'Concessions',
  'Teams',
  'Priorities',
  'Pairings',
  'Outcomes',
  'Guesses',
];
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

function workbook(file: string, sheet: string | Buffer | RawZipEntry, sharedStrings?: string | RawZipEntry): void {
  const sheets = SHEET_NAMES.map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  const sheetRels = SHEET_NAMES.map(
    (_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>`,
  ).join('');
  const sstRel = sharedStrings ? `<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : '';
  writeZip(file, {
    '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    '_rels/.rels': `<?xml version="1.0"?><Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0"?><workbook xmlns="${NS}" xmlns:r="${REL}"><sheets>${sheets}</sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0"?><Relationships xmlns="${PKG_REL}">${sheetRels}${sstRel}</Relationships>`,
    'xl/worksheets/sheet1.xml': sheet,
    ...(sharedStrings ? { 'xl/sharedStrings.xml': sharedStrings } : {}),
  });
}

const SHEET_HEAD = `<?xml version="1.0"?><worksheet xmlns="${NS}"><sheetData>`;
const SHEET_TAIL = '</sheetData></worksheet>';
const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
/**
 * A header no importer knows, and a data row: each importer then looks further down for
 * its header (up to 20 rows), so each reaches the hostile row 3 rather than stopping
 * early at a header it refuses.
 */
const HEADER_ROWS = `<row r="1">${inline('A1', 'Spalte 1')}${inline('B1', 'Spalte 2')}</row><row r="2">${inline('A2', '甲')}${inline('B2', '华东区')}</row>`;
const sheetXml = (rows: string) => `${SHEET_HEAD}${HEADER_ROWS}${rows}${SHEET_TAIL}`;
/** 1 MiB of spaces: compresses about 1,000 to 1. */
const MIB_OF_SPACES = Buffer.alloc(1 << 20, 0x20);

export const hostileFiles: HostileFile[] = [
  {
    name: 'a cell at column ZZZZZZ',
    ext: 'xlsx',
    message: /too large to import: cell ZZZZZZ3 is beyond column XFD; Excel's limit is 16,384 columns/,
    write: (f) => workbook(f, sheetXml(`<row r="3">${inline('A3', 'x')}${inline('ZZZZZZ3', 'far')}</row>`)),
  },
  {
    name: 'a row past row 1,048,576',
    ext: 'xlsx',
    message: /too large to import: sheet \w+ has a row numbered 1,048,577; Excel's limit is 1,048,576 rows/,
    write: (f) => workbook(f, sheetXml(`<row r="1048577">${inline('A1048577', 'x')}</row>`)),
  },
  {
    name: '16,385 cells in one row',
    ext: 'xlsx',
    message: /too large to import: row 3 is beyond column XFD/,
    write: (f) => workbook(f, sheetXml(`<row r="3">${'<c><v>1</v></c>'.repeat(16_385)}</row>`)),
  },
  {
    name: 'an inflation bomb: 3 MB unpacking to 3 GB, declared',
    ext: 'xlsx',
    message: /too large to import: its part xl\/worksheets\/sheet1\.xml unpacks to 3\.0 GB; the limit for this part is 1\.0 GB/,
    write: (f) => workbook(f, deflateRepeated(SHEET_HEAD + HEADER_ROWS, MIB_OF_SPACES, 3072, SHEET_TAIL)),
  },
  {
    name: 'an inflation bomb under the size cap: 900 MB at 1,000 to 1',
    ext: 'xlsx',
    message: /too large to import: its part xl\/worksheets\/sheet1\.xml unpacks to 900 MB from \d+ KB \([\d,]+ to 1; the limit is 200 to 1/,
    write: (f) => workbook(f, deflateRepeated(SHEET_HEAD + HEADER_ROWS, MIB_OF_SPACES, 900, SHEET_TAIL)),
  },
  {
    name: 'a lying entry size: declares 10 KB, unpacks to 3 GB',
    ext: 'xlsx',
    message: /its part xl\/worksheets\/sheet1\.xml unpacks to more than the 10,240 bytes its zip directory declares/,
    write: (f) => workbook(f, { ...deflateRepeated(SHEET_HEAD + HEADER_ROWS, MIB_OF_SPACES, 3072, SHEET_TAIL), size: 10_240 }),
  },
  {
    name: 'a shared-string flood: 1,048,577 strings',
    ext: 'xlsx',
    message: /too large to import: its shared-string table holds more than 1,048,576 strings, the limit/,
    write: (f) => {
      const parts: string[] = [`<?xml version="1.0"?><sst xmlns="${NS}">`];
      for (let i = 0; i <= 1_048_576; i++) parts.push(`<si><t>${i.toString(36)}</t></si>`);
      parts.push('</sst>');
      workbook(f, sheetXml(''), parts.join(''));
    },
  },
  {
    name: 'a shared string of 100,000 characters',
    ext: 'xlsx',
    message: /too large to import: shared string 0 holds 100,000 characters; Excel's limit is 32,767 characters in a cell/,
    write: (f) => workbook(f, sheetXml(''), `<?xml version="1.0"?><sst xmlns="${NS}"><si><t>${'长'.repeat(100_000)}</t></si></sst>`),
  },
  {
    name: 'a cell of 100,000 characters',
    ext: 'xlsx',
    message: /too large to import: cell A3 holds more than 32,767 characters/,
    write: (f) => workbook(f, sheetXml(`<row r="3">${inline('A3', 'x'.repeat(100_000))}</row>`)),
  },
  {
    name: 'XML nested a million deep',
    ext: 'xlsx',
    message: /too large to import: its part xl\/worksheets\/sheet1\.xml nests XML elements more than 100 deep/,
    write: (f) => workbook(f, sheetXml(`<row r="3">${'<x>'.repeat(1_000_000)}${'</x>'.repeat(1_000_000)}</row>`)),
  },
  {
    name: 'an attribute of 12 MB',
    ext: 'xlsx',
    message: /too large to import: its part xl\/worksheets\/sheet1\.xml has a text, tag or attribute longer than 8 MB/,
    write: (f) => workbook(f, sheetXml(`<row r="3" x="${'y'.repeat(12 << 20)}"/>`)),
  },
  {
    name: 'a CSV of one 16 MB line',
    ext: 'csv',
    message: /too large to import: a record ending near line 1 is longer than 4 MB, the limit for one CSV record/,
    write: (f) => fs.writeFileSync(f, Buffer.alloc(16_000_000, 'a')),
  },
  {
    name: 'a CSV with 16,385 fields in a row',
    ext: 'csv',
    message: /too large to import: row 1 has 16,385 fields; Excel's limit is 16,384 columns/,
    write: (f) => fs.writeFileSync(f, `${Array.from({ length: 16_385 }, (_, i) => `c${i}`).join(',')}\n`),
  },
  {
    name: 'a CSV field of 40,000 characters',
    ext: 'csv',
    message: /too large to import: row 2, field 1 holds 40,000 characters; Excel's limit is 32,767 characters in a cell/,
    write: (f) => fs.writeFileSync(f, `Spalte 1,Spalte 2\n"${'长'.repeat(40_000)}",华东区\n`),
  },
];
