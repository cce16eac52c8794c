import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { readRows, sheetNames } from '../../src/platform/excel/tableReader';
import { columnLetter, writeWorkbook } from '../../src/platform/excel/workbookWriter';
import { tempDir, writeZip } from './helpers';

// Issue 22's differential test: a corpus of workbooks written here by independent writers
// (LibreOffice, SheetJS, ExcelJS, the product's own writer) and by hand for what writers
// rarely produce, each read by the product's reader and by SheetJS, cell by cell. Every
// difference is listed below with the decision behind it; an unlisted one fails the test.
//
// SheetJS's values are taken raw (cellDates off) and turned into dates by SheetJS's own
// format test (SSF.is_date) and calendar (SSF.parse_date_code), so the comparison does not
// share the product's date code.

process.env.TZ = 'Asia/Shanghai';

type Norm = { s: string } | { n: number } | { b: boolean } | { d: string };
type Cells = Map<string, Norm>;

/** A Date as its UTC calendar date and time to the second. */
const isoSecond = (ms: number) => new Date(Math.round(ms / 1000) * 1000).toISOString().slice(0, 19);

async function productCells(file: string, sheet: string): Promise<Cells> {
  const out: Cells = new Map();
  for await (const r of readRows(file, { sheet })) {
    r.values.forEach((v, i) => {
      if (v === null || v === '') return;
      const ref = `${columnLetter(i + 1)}${r.row}`;
      if (v instanceof Date) out.set(ref, { d: isoSecond(v.getTime()) });
      else if (typeof v === 'string') out.set(ref, { s: v });
      else if (typeof v === 'number') out.set(ref, { n: v });
      else out.set(ref, { b: v });
    });
  }
  return out;
}

function sheetjsCells(wb: XLSX.WorkBook, sheet: string): Cells | null {
  const out: Cells = new Map();
  const date1904 = !!wb.Workbook?.WBProps?.date1904;
  const ws = wb.Sheets[sheet];
  if (!ws) return null;
  for (const [ref, cell] of Object.entries(ws)) {
    if (ref.startsWith('!')) continue;
    const c = cell as XLSX.CellObject;
    if (c.t === 'z' || c.v === undefined) continue;
    if (c.t === 's') {
      if (c.v !== '') out.set(ref, { s: String(c.v) });
    } else if (c.t === 'b') out.set(ref, { b: !!c.v });
    else if (c.t === 'e') out.set(ref, { s: c.w ?? '' });
    else if (c.t === 'd') out.set(ref, { d: isoSecond(new Date(c.v as string | Date).getTime()) });
    else if (typeof c.z === 'string' && XLSX.SSF.is_date(c.z)) {
      const p = XLSX.SSF.parse_date_code(c.v as number, { date1904 }) as ReturnType<typeof XLSX.SSF.parse_date_code> | null;
      if (!p) out.set(ref, { n: c.v as number });
      // Excel's 1900-02-29, which Date.UTC would roll to 1900-03-01.
      else if (!date1904 && p.y === 1900 && p.m === 2 && p.d === 29) out.set(ref, { d: '1900-02-29T00:00:00' });
      else out.set(ref, { d: isoSecond(Date.UTC(p.y, p.m - 1, p.d, p.H, p.M, p.S)) });
    } else out.set(ref, { n: c.v as number });
  }
  return out;
}

/**
 * Where the two readers differ by decision, each with its reason:
 * key `file!sheet!cell`, value [product, SheetJS] as normalised above.
 */
const DECISIONS: Record<string, { product: Norm | undefined; sheetjs: Norm | undefined; why: string }> = {
  ...Object.fromEntries(
    ['hand-dates1900.xlsx!Dates!A4', 'hand-dates1900.xlsx!Dates!C4', 'libreoffice.xlsx!数据!C4'].map((key) => [
      key,
      {
        product: { s: '1900-02-29' },
        sheetjs: { d: '1900-02-29T00:00:00' },
        why: "Serial 60 is Excel's 29 February 1900, a day that never was: the product reads it as the text Excel shows, so a date field refuses it by name (tableReader.test.ts) instead of storing a neighbouring day.",
      },
    ]),
  ),
  ...Object.fromEntries(
    ['exceljs.xlsx', 'exceljs-1904.xlsx'].map((file) => [
      `${file}!Sheet A!A3`,
      {
        product: { s: 'line\nbreak' },
        sheetjs: { s: 'line\r\nbreak' },
        why: "ExcelJS writes a CR raw into the XML; every XML parser (Excel's too) reads CR LF there as LF (XML 1.0, end-of-line handling). A writer that means a CR writes _x000D_, as the product's writer does, and that one is decoded (own.xlsx, hand-strings.xlsx).",
      },
    ]),
  ),
  'exceljs-1904.xlsx!Sheet A!C3': {
    product: { d: '1900-01-10T00:00:00' },
    sheetjs: { n: -1451 },
    why: 'In the 1904 system ExcelJS writes 1900-01-10 as serial -1451; SheetJS has no calendar for negative serials and gives the number, the product reads the day the writer meant.',
  },
};

interface Case {
  file: string;
  writer: string;
  /** SheetJS (0.18) cannot read its sheets: the product's values are all listed in `expect`. */
  sheetjsCannotRead?: string;
  /** Values the product must read, for cells SheetJS cannot read (or reads wrongly). */
  expect?: Record<string, Record<string, Norm | undefined>>;
}

const SST_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

let t: ReturnType<typeof tempDir>;
const cases: Case[] = [];
let sofficeMissing = '';

/** A hand-made package: parts given as XML, the workbook's sheets named. */
function handMade(
  file: string,
  o: {
    ns?: { main: string; rel: string; pkg: string };
    prefix?: string;
    relPrefix?: string;
    book?: string;
    sheets: Record<string, string>;
    sst?: string;
    styles?: string;
    extra?: Record<string, string | Buffer>;
    sheetRels?: string;
  },
): void {
  const ns = o.ns ?? { main: SST_NS, rel: REL, pkg: PKG };
  const p = o.prefix ? `${o.prefix}:` : '';
  const xmlns = o.prefix ? `xmlns:${o.prefix}="${ns.main}"` : `xmlns="${ns.main}"`;
  const r = o.relPrefix ?? 'r';
  const names = Object.keys(o.sheets);
  const parts: Record<string, string | Buffer> = {
    '[Content_Types].xml': contentTypes(names.length),
    '_rels/.rels': `<?xml version="1.0"?><Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${ns.rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0"?><${p}workbook ${xmlns} xmlns:${r}="${ns.rel}">${o.book ?? ''}<${p}sheets>${names.map((n, i) => `<${p}sheet name="${n}" sheetId="${i + 1}" ${r}:id="rId${i + 1}"/>`).join('')}</${p}sheets></${p}workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0"?><Relationships xmlns="${PKG}">${names.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${ns.rel}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rIdS" Type="${ns.rel}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rIdT" Type="${ns.rel}/styles" Target="styles.xml"/></Relationships>`,
    'xl/sharedStrings.xml': o.sst ?? `<sst ${xmlns}/>`,
    'xl/styles.xml':
      o.styles ??
      `<${p}styleSheet ${xmlns}><${p}numFmts count="1"><${p}numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></${p}numFmts><${p}cellXfs count="3"><${p}xf numFmtId="0"/><${p}xf numFmtId="164"/><${p}xf numFmtId="22"/></${p}cellXfs></${p}styleSheet>`,
    ...o.extra,
  };
  names.forEach((n, i) => {
    parts[`xl/worksheets/sheet${i + 1}.xml`] =
      `<?xml version="1.0"?><${p}worksheet ${xmlns} xmlns:${r}="${ns.rel}"><${p}sheetData>${o.sheets[n]}</${p}sheetData>${o.sheetRels ?? ''}</${p}worksheet>`;
  });
  writeZip(file, parts);
}

/** SheetJS finds parts by their content types, as the standard says a reader should. */
function contentTypes(sheets: number): string {
  const ml = 'application/vnd.openxmlformats-officedocument.spreadsheetml'; // the same in strict packages
  const over = (part: string, type: string) => `<Override PartName="/${part}" ContentType="${ml}.${type}+xml"/>`;
  return `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>${over('xl/workbook.xml', 'sheet.main')}${Array.from({ length: sheets }, (_, i) => over(`xl/worksheets/sheet${i + 1}.xml`, 'worksheet')).join('')}${over('xl/sharedStrings.xml', 'sharedStrings')}${over('xl/styles.xml', 'styles')}</Types>`;
}

const c = (ref: string, attrs: string, inner: string) => `<c r="${ref}" ${attrs}>${inner}</c>`;

function writeHandMade(): void {
  // Empty value elements; shared strings with rich runs and phonetic runs; _x000D_ escapes.
  handMade(t.file('hand-strings.xlsx'), {
    sst: `<sst xmlns="${SST_NS}"><si><t>名称</t></si><si><r><rPr><b/></rPr><t>華東</t></r><r><t xml:space="preserve"> 機械</t></r><rPh sb="0" eb="2"><t>カトウ</t></rPh><phoneticPr fontId="1"/></si><si><t>line1_x000D_
line2</t></si><si><t xml:space="preserve">  spaced  </t></si></sst>`,
    sheets: {
      Strings:
        `<row r="1">${c('A1', 't="s"', '<v>0</v>')}${c('B1', 't="s"', '<v/>')}${c('C1', 't="s"', '<v>3</v>')}</row>` +
        `<row r="2">${c('A2', 't="s"', '<v>1</v>')}${c('B2', 't="s"', '<v>2</v>')}${c('C2', '', '<v/>')}${c('D2', 't="str"', '<v/>')}</row>` +
        `<row r="3">${c('A3', 't="inlineStr"', '<is><r><rPr><i/></rPr><t>rich </t></r><r><t>inline_x000D_&#10;text &amp; more</t></r></is>')}${c('B3', 't="inlineStr"', '<is><t>_x005F_x0041_ literal</t></is>')}</row>`,
    },
  });
  // The 1900 and 1904 date systems, dates either side of 1900-03-01, a date-time.
  const dates = [1, 10, 59, 60, 61, 62, 45000, 45000.75, 0.5];
  const dateRows = dates
    .map(
      (v, i) =>
        `<row r="${i + 1}">${c(`A${i + 1}`, 's="1"', `<v>${v}</v>`)}${c(`B${i + 1}`, '', `<v>${v}</v>`)}${c(`C${i + 1}`, 's="2"', `<v>${v}</v>`)}</row>`,
    )
    .join('');
  handMade(t.file('hand-dates1900.xlsx'), { sheets: { Dates: dateRows } });
  handMade(t.file('hand-dates1904.xlsx'), { book: '<workbookPr date1904="1"/>', sheets: { Dates: dateRows } });
  // Strict OOXML namespaces (purl.oclc.org) with a non-standard prefix.
  handMade(t.file('hand-strict.xlsx'), {
    ns: { main: 'http://purl.oclc.org/ooxml/spreadsheetml/main', rel: 'http://purl.oclc.org/ooxml/officeDocument/relationships', pkg: PKG },
    prefix: 'ss',
    relPrefix: 'rel',
    sst: '<ss:sst xmlns:ss="http://purl.oclc.org/ooxml/spreadsheetml/main"><ss:si><ss:t>Strict</ss:t></ss:si></ss:sst>',
    sheets: {
      Strict: `<ss:row r="1"><ss:c r="A1" t="s"><ss:v>0</ss:v></ss:c><ss:c r="B1"><ss:v>42.5</ss:v></ss:c><ss:c r="C1" s="1"><ss:v>46000</ss:v></ss:c><ss:c r="D1" t="b"><ss:v>1</ss:v></ss:c></ss:row>`,
    },
  });
  // Merged cells, a hyperlink, a picture, a table and cached formula values.
  handMade(t.file('hand-objects.xlsx'), {
    sst: `<sst xmlns="${SST_NS}"><si><t>Item</t></si><si><t>Qty</t></si><si><t>link text</t></si></sst>`,
    sheets: {
      Objects:
        `<row r="1">${c('A1', 't="s"', '<v>0</v>')}${c('B1', 't="s"', '<v>1</v>')}</row>` +
        `<row r="2">${c('A2', 't="s"', '<v>2</v>')}${c('B2', '', '<v>3</v>')}${c('C2', '', '<f>B2*2</f><v>6</v>')}${c('D2', 't="str"', '<f>A2&amp;"!"</f><v>link text!</v>')}${c('E2', 't="e"', '<f>1/0</f><v>#DIV/0!</v>')}${c('F2', 't="b"', '<f>TRUE()</f><v>1</v>')}</row>` +
        `<row r="3">${c('A3', '', '<v>1.5</v>')}</row>`,
    },
    sheetRels:
      '<mergeCells count="1"><mergeCell ref="A3:B4"/></mergeCells><hyperlinks><hyperlink ref="A2" r:id="rIdL"/></hyperlinks><drawing r:id="rIdD"/><tableParts count="1"><tablePart r:id="rIdTb"/></tableParts>',
    extra: {
      'xl/worksheets/_rels/sheet1.xml.rels': `<Relationships xmlns="${PKG}"><Relationship Id="rIdL" Type="${REL}/hyperlink" Target="https://example.com/" TargetMode="External"/><Relationship Id="rIdD" Type="${REL}/drawing" Target="../drawings/drawing1.xml"/><Relationship Id="rIdTb" Type="${REL}/table" Target="../tables/table1.xml"/></Relationships>`,
      'xl/drawings/drawing1.xml': '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"/>',
      'xl/media/image1.png': PNG,
      'xl/tables/table1.xml': `<table xmlns="${SST_NS}" id="1" name="T1" displayName="T1" ref="A1:B2"><tableColumns count="2"><tableColumn id="1" name="Item"/><tableColumn id="2" name="Qty"/></tableColumns></table>`,
    },
  });
}

function writeSheetJS(): void {
  const ws = XLSX.utils.aoa_to_sheet([
    ['客户名称', 'Amount', 'Flag', 'When'],
    ['华东机械 😀', 1234.5, true, null],
    ['  spaces kept  ', -0.1, false, null],
    ['multi\nline', 1e-7, null, null],
  ]);
  ws.D2 = { t: 'n', v: 46086, z: 'yyyy-mm-dd' };
  ws.D3 = { t: 'n', v: 10, z: 'yyyy-mm-dd' };
  ws.D4 = { t: 'n', v: 46086.5, z: 'yyyy-mm-dd hh:mm' };
  ws.E2 = { t: 'n', f: 'B2*2', v: 2469 };
  ws.E3 = { t: 'e', v: 0x2a, w: '#N/A' };
  ws.A2!.l = { Target: 'https://example.com/' };
  ws['!merges'] = [{ s: { r: 5, c: 0 }, e: { r: 6, c: 1 } }];
  ws.A6 = { t: 's', v: 'merged' };
  ws['!ref'] = 'A1:E7';
  for (const [name, opts, date1904] of [
    ['sheetjs-sst.xlsx', { bookSST: true }, false],
    ['sheetjs-inline.xlsx', { bookSST: false }, false],
    ['sheetjs-1904.xlsx', { bookSST: true }, true],
  ] as const) {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'Data');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['second sheet', 2]]), '第二页');
    if (date1904) wb.Workbook = { WBProps: { date1904: true } };
    XLSX.writeFile(wb, t.file(name), { ...opts, compression: true });
  }
}

async function writeExcelJS(): Promise<void> {
  for (const date1904 of [false, true]) {
    const wb = new ExcelJS.Workbook();
    if (date1904) wb.properties.date1904 = true;
    const ws = wb.addWorksheet('Sheet A');
    ws.addRow(['Name', 'Amount', 'Date', 'Rich', 'Link', 'Formula', 'Error', 'Bool']);
    ws.addRow([
      '甲公司',
      99.99,
      new Date(Date.UTC(2026, 2, 5)),
      { richText: [{ text: 'bold ', font: { bold: true } }, { text: 'plain' }] },
      { text: 'site', hyperlink: 'https://example.com/' },
      { formula: 'B2*2', result: 199.98 },
      { error: '#N/A' },
      true,
    ]);
    ws.addRow(['line\r\nbreak', -5, new Date(Date.UTC(1900, 0, 10)), 'x', null, { formula: 'A2&"!"', result: '甲公司!' }, null, false]);
    ws.getColumn(3).numFmt = 'yyyy-mm-dd';
    ws.mergeCells('A5:C6');
    ws.getCell('A5').value = 'merged';
    const img = wb.addImage({ buffer: PNG as unknown as ExcelJS.Buffer, extension: 'png' });
    ws.addImage(img, 'J2:K4');
    const ws2 = wb.addWorksheet('Table');
    ws2.addTable({
      name: 'T1',
      ref: 'B2',
      headerRow: true,
      columns: [{ name: 'Item' }, { name: 'Qty' }],
      rows: [
        ['pen', 2],
        ['笔记本', 3],
      ],
    });
    await wb.xlsx.writeFile(t.file(`exceljs${date1904 ? '-1904' : ''}.xlsx`));
  }
}

async function writeOwn(): Promise<void> {
  await writeWorkbook(t.file('own.xlsx'), [
    {
      name: 'Detail',
      title: ['Aging as of 2026-11-30'],
      columns: [
        { header: 'Text', kind: 'text' },
        { header: 'Money', kind: 'money' },
        { header: 'Date', kind: 'date' },
        { header: 'Int', kind: 'int' },
        { header: 'Pct', kind: 'percent' },
      ],
      rows: [
        ['=1+2', 123456, '2026-01-05', 7, 0.125],
        ['a\r\nb _x0041_', -1, '1900-01-10', 0, 1],
        ['😀 长文本', 0, null, null, null],
        [{ formula: 'B4*2', result: 0 }, 5, '2026-12-31', 1, 0],
      ],
    },
  ]);
}

/** LibreOffice's own writer: a flat OpenDocument file converted to .xlsx by soffice. */
function writeLibreOffice(): void {
  if (!spawnSync('sh', ['-c', 'command -v soffice']).stdout.toString().trim()) {
    sofficeMissing = 'soffice (LibreOffice) is not installed here; CI installs it';
    return;
  }
  const cell = (type: string, value: string, text: string, style = '') =>
    `<table:table-cell${style ? ` table:style-name="${style}"` : ''} office:value-type="${type}" ${value}><text:p>${text}</text:p></table:table-cell>`;
  const fods = `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles><number:date-style style:name="N1"><number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/></number:date-style><style:style style:name="ce1" style:family="table-cell" style:data-style-name="N1"/></office:automatic-styles>
<office:body><office:spreadsheet>
<table:table table:name="数据">
<table:table-row>${cell('string', '', '名称')}${cell('string', '', 'Amount')}${cell('string', '', 'Date')}${cell('string', '', 'Flag')}${cell('string', '', 'Formula')}</table:table-row>
<table:table-row>${cell('string', '', '华东机械 &amp; 😀')}${cell('float', 'office:value="1234.5"', '1234.5')}${cell('date', 'office:date-value="2026-03-05"', '2026-03-05', 'ce1')}${cell('boolean', 'office:boolean-value="true"', 'TRUE')}<table:table-cell table:formula="of:=[.B2]*2" office:value-type="float" office:value="2469"><text:p>2469</text:p></table:table-cell></table:table-row>
<table:table-row>${cell('string', '', 'early')}${cell('float', 'office:value="-0.25"', '-0.25')}${cell('date', 'office:date-value="1900-01-10"', '1900-01-10', 'ce1')}${cell('boolean', 'office:boolean-value="false"', 'FALSE')}<table:table-cell table:formula="of:=[.A3]&amp;&quot;!&quot;" office:value-type="string" office:string-value="early!"><text:p>early!</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell table:number-columns-spanned="2" table:number-rows-spanned="1" office:value-type="string"><text:p><text:a xlink:href="https://example.com/">merged link</text:a></text:p></table:table-cell><table:covered-table-cell/>${cell('date', 'office:date-value="1900-02-28"', '1900-02-28', 'ce1')}${cell('date', 'office:date-value="1900-03-01"', '1900-03-01', 'ce1')}</table:table-row>
</table:table>
<table:table table:name="Second"><table:table-row>${cell('string', '', 'line one\nline two')}${cell('float', 'office:value="0.1"', '0.1')}</table:table-row></table:table>
</office:spreadsheet></office:body></office:document>`;
  const src = t.file('libreoffice.fods');
  fs.writeFileSync(src, fods);
  const run = spawnSync(
    'soffice',
    ['--headless', `-env:UserInstallation=file://${t.file('lo-profile')}`, '--convert-to', 'xlsx', '--outdir', t.dir, src],
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (!fs.existsSync(t.file('libreoffice.xlsx'))) throw new Error(`soffice did not convert: ${run.stdout} ${run.stderr}`);
  cases.push({
    file: 'libreoffice.xlsx',
    writer: 'LibreOffice',
    // What LibreOffice was given, so its writer is checked too, not only the two readers' agreement.
    // Two of LibreOffice's own ways, where both readers agree with each other and with Excel:
    // a boolean is written as the number 1 or 0 with a TRUE/FALSE format; and days are
    // counted from 1899-12-30 without Excel's fictitious 1900-02-29, so 1900-01-10 is written
    // as serial 11, which Excel shows (and the product reads) as 1900-01-11, and 1900-02-28
    // as serial 60, Excel's 1900-02-29. Dates from 1900-03-01 on are the same in both.
    expect: {
      数据: {
        A2: { s: '华东机械 & 😀' },
        B2: { n: 1234.5 },
        C2: { d: '2026-03-05T00:00:00' },
        D2: { n: 1 },
        E2: { n: 2469 },
        C3: { d: '1900-01-11T00:00:00' },
        E3: { s: 'early!' },
        A4: { s: 'merged link' },
        C4: { s: '1900-02-29' },
        D4: { d: '1900-03-01T00:00:00' },
      },
    },
  });
}

beforeAll(async () => {
  t = tempDir('sw-diff-');
  writeHandMade();
  writeSheetJS();
  await writeExcelJS();
  await writeOwn();
  cases.push(
    ...['hand-strings.xlsx', 'hand-dates1900.xlsx', 'hand-dates1904.xlsx', 'hand-strict.xlsx', 'hand-objects.xlsx'].map((file) => ({
      file,
      writer: 'hand',
    })),
    ...['sheetjs-sst.xlsx', 'sheetjs-inline.xlsx', 'sheetjs-1904.xlsx'].map((file) => ({ file, writer: 'SheetJS' })),
    { file: 'exceljs.xlsx', writer: 'ExcelJS' },
    { file: 'exceljs-1904.xlsx', writer: 'ExcelJS' },
    { file: 'own.xlsx', writer: 'product' },
  );
  writeLibreOffice();
}, 180_000);
afterAll(() => t.cleanup());

describe('the product reader against SheetJS, cell by cell', () => {
  it('agrees on every cell of every sheet of the corpus, but for the listed decisions', async () => {
    const unexplained: string[] = [];
    const seenDecisions = new Set<string>();
    let compared = 0;
    for (const k of cases) {
      const file = t.file(k.file);
      const wb = XLSX.read(fs.readFileSync(file), { type: 'buffer', cellNF: true, cellDates: false });
      const names = await sheetNames(file);
      expect(names, k.file).toEqual(wb.SheetNames);
      for (const sheet of names) {
        const ours = await productCells(file, sheet);
        const theirs = sheetjsCells(wb, sheet);
        if (!theirs) {
          if (!k.sheetjsCannotRead) unexplained.push(`${k.writer} ${k.file}!${sheet}: SheetJS cannot read this sheet`);
          if (Object.keys(k.expect?.[sheet] ?? {}).length !== ours.size)
            unexplained.push(
              `${k.file}!${sheet}: SheetJS cannot read it, so each of its ${ours.size} values must be listed: ${JSON.stringify(Object.fromEntries(ours))}`,
            );
        }
        for (const ref of new Set([...ours.keys(), ...(theirs?.keys() ?? [])])) {
          if (!theirs) break;
          compared++;
          const a = ours.get(ref);
          const b = theirs.get(ref);
          if (JSON.stringify(a) === JSON.stringify(b)) continue;
          const key = `${k.file}!${sheet}!${ref}`;
          const decision = DECISIONS[key];
          if (
            decision &&
            JSON.stringify(decision.product) === JSON.stringify(a) &&
            JSON.stringify(decision.sheetjs) === JSON.stringify(b)
          ) {
            seenDecisions.add(key);
            continue;
          }
          unexplained.push(`${k.writer} ${key}: product ${JSON.stringify(a)}, SheetJS ${JSON.stringify(b)}`);
        }
        for (const [ref, want] of Object.entries(k.expect?.[sheet] ?? {})) {
          if (JSON.stringify(ours.get(ref)) !== JSON.stringify(want))
            unexplained.push(`${k.file}!${sheet}!${ref} as written: ${JSON.stringify(want)}, read ${JSON.stringify(ours.get(ref))}`);
        }
      }
    }
    expect(unexplained).toEqual([]);
    // Each decision still describes a real difference (none is stale).
    expect([...seenDecisions].sort()).toEqual(
      Object.keys(DECISIONS)
        .filter((k) => cases.some((c) => k.startsWith(`${c.file}!`)))
        .sort(),
    );
    expect(compared).toBeGreaterThan(150);
  });

  it('includes what LibreOffice writes', (ctx) => {
    if (sofficeMissing) ctx.skip(sofficeMissing);
    expect(cases.some((c) => c.writer === 'LibreOffice')).toBe(true);
  });
});
