import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { detectKind, readRows, sheetNames, type RawRow } from '../../src/platform/excel/tableReader';
import { isDateFormat } from '../../src/platform/excel/xlsxCells';
import { cellToIsoDate } from '../../src/shared/dates';
import { writeWorkbook } from '../../src/platform/excel/workbookWriter';
import { date } from '../../src/platform/excel/cellParsers';
import { encodeGb18030, tempDir, writeZip } from './helpers';

process.env.TZ = 'America/Los_Angeles';

let t: ReturnType<typeof tempDir>;
beforeEach(() => (t = tempDir()));
afterEach(() => t.cleanup());

async function all(file: string, opts: Parameters<typeof readRows>[1] = {}): Promise<RawRow[]> {
  const out: RawRow[] = [];
  for await (const r of readRows(file, opts)) out.push(r);
  return out;
}
const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('reading xlsx written by SheetJS', () => {
  it('reads shared strings, numbers, booleans, formulas and local-midnight dates; sheets by name', async () => {
    const data = XLSX.utils.aoa_to_sheet(
      [
        ['客户名称', '销售额', '上次拜访', '重点', '合计'],
        ['华东机械', 1234.5, new Date(2026, 2, 5), true, null],
        [],
        ['Ω "quoted", comma', -20, new Date(2026, 11, 31), false, null],
      ],
      { cellDates: true },
    );
    data.E2 = { t: 'n', f: 'B2*2', v: 2469 };
    data.A2!.l = { Target: 'https://example.com/huadong' }; // a hyperlink cell reads as its text
    data.E4 = { t: 's', f: 'A4&"!"', v: 'Ω "quoted", comma!' };
    data['!ref'] = 'A1:E4';
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['x']]), '说明');
    XLSX.utils.book_append_sheet(wb, data, 'Accounts');
    const file = t.file('sheetjs.xlsx');
    XLSX.writeFile(wb, file, { bookSST: true });

    expect(await sheetNames(file)).toEqual(['说明', 'Accounts']);
    const rows = await all(file, { sheet: 'accounts' });
    expect(rows.map((r) => r.row)).toEqual([1, 2, 4]);
    // SheetJS stores a JS Date's instant (local midnight here), which the import's date
    // parser rounds to the calendar day.
    expect(rows[1]!.values).toEqual(['华东机械', 1234.5, expect.any(Date), true, 2469]);
    expect(cellToIsoDate(rows[1]!.values[2])).toBe('2026-03-05');
    expect(rows[2]!.values).toEqual(['Ω "quoted", comma', -20, expect.any(Date), false, 'Ω "quoted", comma!']);
    expect(cellToIsoDate(rows[2]!.values[2])).toBe('2026-12-31');
    expect((await all(file))[0]!.values).toEqual(['x']);
    await expect(all(file, { sheet: 'Nope' })).rejects.toMatchObject({
      code: 'bad-file',
      message: expect.stringContaining('no sheet named "Nope"'),
    });
  });

  it('reads the 1904 date system', async () => {
    const ws: XLSX.WorkSheet = { A1: { t: 's', v: 'Date' }, A2: { t: 'n', v: 45000, z: 'yyyy-mm-dd' }, '!ref': 'A1:A2' };
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'S');
    wb.Workbook = { WBProps: { date1904: true } };
    const file = t.file('1904.xlsx');
    XLSX.writeFile(wb, file);
    const rows = await all(file);
    // Serial 45000 counts from 1904-01-01: 2027-03-16 (in the 1900 system it is 2023-03-15).
    expect(rows[1]!.values[0]).toEqual(utc('2027-03-16'));
  });
});

describe('reading our own workbooks', () => {
  it('reads back exactly what the writer wrote, below a title block', async () => {
    const file = t.file('own.xlsx');
    const texts = ['=1+2', '\tabc', '\rabc', 'a\r\nb', '_x0041_', '😀 emoji', ' spaced '];
    await writeWorkbook(file, [
      {
        name: 'S',
        title: ['Title'],
        columns: [
          { header: 'T', kind: 'text' },
          { header: 'M', kind: 'money' },
          { header: 'D', kind: 'date' },
        ],
        rows: texts.map((s, i) => [s, i * 101, '2026-01-0' + (i + 1)]),
      },
    ]);
    const rows = await all(file);
    expect(rows[0]).toEqual({ row: 1, values: ['Title'] });
    expect(rows[1]).toEqual({ row: 3, values: ['T', 'M', 'D'] });
    expect(rows.slice(2).map((r) => r.values)).toEqual(texts.map((s, i) => [s, (i * 101) / 100, utc('2026-01-0' + (i + 1))]));
  });
});

describe('reading hand-made xlsx (what other writers do)', () => {
  const contentTypes = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';
  const rootRels =
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
  const bookRels = (target: string) =>
    `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="${target}"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="/xl/sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;
  const book =
    '<?xml version="1.0"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets><x:sheet name="数据" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>';
  const sst =
    '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>名称</t></si><si><r><rPr><b/></rPr><t>华东</t></r><r><t xml:space="preserve"> 机械</t></r><rPh sb="0" eb="2"><t>カトウ</t></rPh><phoneticPr fontId="1"/></si><si><t>line1_x000D_\nline2</t></si><si><t>日期</t></si></sst>';
  const styles =
    '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="176"/><xf numFmtId="14"/><xf numFmtId="4"/></cellXfs></styleSheet>';

  it('handles prefixes, absolute targets, rich and inline text, phonetic runs, escapes, missing refs, date styles', async () => {
    const sheet = `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
      <x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>3</x:v></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>金额</x:t></x:is></x:c></x:row>
      <x:row r="2"><x:c r="A2" t="s"><x:v>1</x:v></x:c><x:c r="B2" s="1"><x:v>46086</x:v></x:c><x:c r="C2" s="3"><x:v>1234.5</x:v></x:c></x:row>
      <x:row r="3"><x:c r="A3" t="s"><x:v>2</x:v></x:c><x:c r="B3" s="2"><x:v>46087.75</x:v></x:c><x:c r="D3" t="e"><x:v>#N/A</x:v></x:c></x:row>
      <x:row><x:c t="inlineStr"><x:is><x:r><x:t>rich </x:t></x:r><x:r><x:t>inline &amp; &lt;ok&gt;</x:t></x:r></x:is></x:c><x:c t="d"><x:v>2026-03-07</x:v></x:c><x:c t="str"><x:f>A1</x:f><x:v>formula text</x:v></x:c></x:row>
      <x:row r="7" s="2"/>
    </x:sheetData></x:worksheet>`;
    const file = t.file('hand.xlsx');
    writeZip(file, {
      'xl/worksheets/sheet1.xml': sheet,
      '[Content_Types].xml': contentTypes,
      '_rels/.rels': rootRels,
      'xl/workbook.xml': book,
      'xl/_rels/workbook.xml.rels': bookRels('/xl/worksheets/sheet1.xml'),
      'xl/sharedStrings.xml': sst,
      'xl/styles.xml': styles,
    });
    expect(await sheetNames(file)).toEqual(['数据']);
    const rows = await all(file, { sheet: '数据' });
    expect(rows).toEqual([
      { row: 1, values: ['名称', '日期', '金额'] },
      { row: 2, values: ['华东 机械', utc('2026-03-05'), 1234.5] },
      { row: 3, values: ['line1\r\nline2', new Date(Date.UTC(2026, 2, 6, 18)), null, '#N/A'] },
      { row: 4, values: ['rich inline & <ok>', utc('2026-03-07'), 'formula text'] },
    ]);
  });
});

describe('reading CSV', () => {
  const rowsOf = async (file: string) => (await all(file)).map((r) => [r.row, ...r.values]);

  it('reads UTF-8 with a BOM, quoted commas and newlines, counting rows as Excel shows them', async () => {
    const file = t.file('a.csv');
    fs.writeFileSync(file, '\uFEFF客户名称,销售额,备注\r\n华东机械,"1,234.50","多行\r\n备注"\r\n\r\n"He said ""hi""",-5,😀\r\n');
    expect(await rowsOf(file)).toEqual([
      [1, '客户名称', '销售额', '备注'],
      [2, '华东机械', '1,234.50', '多行\r\n备注'],
      [4, 'He said "hi"', '-5', '😀'],
    ]);
  });

  it('reads GBK (what Chinese Excel saves as plain CSV) and semicolon or tab separators', async () => {
    const gbk = t.file('gbk.csv');
    fs.writeFileSync(gbk, encodeGb18030('客户名称;销售额;城市\n华东机械;100;上海\n'));
    expect(await rowsOf(gbk)).toEqual([
      [1, '客户名称', '销售额', '城市'],
      [2, '华东机械', '100', '上海'],
    ]);
    const tab = t.file('tab.txt');
    fs.writeFileSync(tab, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('名称\t金额\nA\t1\n', 'utf16le')]));
    expect(await rowsOf(tab)).toEqual([
      [1, '名称', '金额'],
      [2, 'A', '1'],
    ]);
    expect(await sheetNames(gbk)).toEqual(['gbk']);
  });
});

describe('bad files give a clear bad-file error', () => {
  const cases: [string, (file: string) => void, RegExp][] = [
    ['an empty file', (f) => fs.writeFileSync(f, ''), /is empty/],
    ['a text file renamed .xlsx', (f) => fs.writeFileSync(f, 'just some notes\nnot a workbook'), /not an Excel workbook/],
    [
      'a binary file renamed .xlsx',
      (f) => fs.writeFileSync(f, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3])),
      /not an Excel workbook or a CSV/,
    ],
    [
      'an old .xls renamed .xlsx',
      (f) => fs.writeFileSync(f, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])),
      /97–2003/,
    ],
    ['an HTML page named .xlsx', (f) => fs.writeFileSync(f, '<html><body><table><tr><td>1</td></tr></table></body></html>'), /HTML or XML/],
  ];
  for (const [what, make, message] of cases) {
    it(what, async () => {
      const file = t.file('bad.xlsx');
      make(file);
      await expect(all(file)).rejects.toMatchObject({ code: 'bad-file', message: expect.stringMatching(message) });
    });
  }

  async function goodFile(): Promise<string> {
    const file = t.file('good.xlsx');
    await writeWorkbook(file, [
      {
        name: 'S',
        columns: [
          { header: 'Name', kind: 'text' },
          { header: 'N', kind: 'int' },
        ],
        rows: Array.from({ length: 3000 }, (_, i) => [`row ${i} ${'x'.repeat(i % 50)}`, i]),
      },
    ]);
    return file;
  }

  it('a truncated .xlsx', async () => {
    const file = await goodFile();
    const bytes = fs.readFileSync(file);
    for (const keep of [0.5, 0.9, 0.999]) {
      fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length * keep)));
      await expect(all(file)).rejects.toMatchObject({ code: 'bad-file', message: expect.stringMatching(/damaged or incomplete/) });
    }
  });

  it('a .xlsx whose compressed data is corrupted', async () => {
    const file = await goodFile();
    const bytes = fs.readFileSync(file);
    // Scramble the middle of the archive (inside the sheet's deflate stream).
    for (let i = Math.floor(bytes.length * 0.3); i < bytes.length * 0.5; i += 7) bytes[i] = (bytes[i]! * 31 + 17) & 0xff;
    fs.writeFileSync(file, bytes);
    await expect(all(file)).rejects.toMatchObject({ code: 'bad-file' });
  });

  it('a zip that is not a workbook, and a sheet with broken XML', async () => {
    const docx = t.file('doc.xlsx');
    writeZip(docx, { 'word/document.xml': '<w:document/>', '[Content_Types].xml': '<Types/>' });
    await expect(all(docx)).rejects.toMatchObject({ code: 'bad-file', message: expect.stringMatching(/Word document/) });
    const broken = t.file('broken.xlsx');
    writeZip(broken, {
      'xl/workbook.xml': '<workbook xmlns:r="r"><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>',
      'xl/_rels/workbook.xml.rels':
        '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      'xl/worksheets/sheet1.xml':
        '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>ok</t></is></c></row><row r="2"><c r="A2"><v>1</v></row></sheetData></worksheet>',
    });
    await expect(all(broken)).rejects.toMatchObject({ code: 'bad-file', message: expect.stringMatching(/XML cannot be read/) });
  });

  it('a file that does not exist', async () => {
    await expect(all(t.file('missing.xlsx'))).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('detectKind and date formats', () => {
  it('goes by content, not by name', () => {
    expect(detectKind('a.csv', Buffer.from('PK\u0003\u0004rest'))).toBe('xlsx');
    expect(detectKind('a.xlsx.txt', Buffer.from('a,b\n1,2'))).toBe('csv');
    expect(detectKind('upload-123', Buffer.from('名称,金额'))).toBe('csv');
    expect(() => detectKind('a.xlsx', Buffer.alloc(0))).toThrow(/empty/);
  });
  it('recognises date number formats, including Chinese ones', () => {
    expect(isDateFormat(14, undefined)).toBe(true);
    expect(isDateFormat(31, undefined)).toBe(true); // yyyy"年"m"月"d"日" built in for zh-CN
    expect(isDateFormat(4, undefined)).toBe(false);
    expect(isDateFormat(176, 'yyyy"年"m"月"d"日"')).toBe(true);
    expect(isDateFormat(177, '[$-804]yyyy/m/d;@')).toBe(true);
    expect(isDateFormat(178, '#,##0.00_);[Red](#,##0.00)')).toBe(false);
    expect(isDateFormat(179, '0.00E+00')).toBe(false);
    expect(isDateFormat(180, '"days" 0')).toBe(false);
    expect(isDateFormat(181, 'General')).toBe(false);
    expect(isDateFormat(182, '[h]:mm:ss')).toBe(true);
  });
});

describe('a zip entry in a compression the app cannot read', () => {
  it('is a clear bad-file error that leaves no file stream behind (deleting the file right after raises nothing)', async () => {
    const t = tempDir();
    const file = t.file('bzip.xlsx');
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Name'], ['甲']]), 'Accounts');
    const buf = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
    // Every entry claims method 12 (bzip2), in the local headers and the central directory.
    for (let i = 0; i + 4 <= buf.length; i++) {
      const sig = buf.readUInt32LE(i);
      if (sig === 0x04034b50) buf.writeUInt16LE(12, i + 8);
      else if (sig === 0x02014b50) buf.writeUInt16LE(12, i + 10);
    }
    fs.writeFileSync(file, buf);
    const stray: Error[] = [];
    const onError = (err: Error) => stray.push(err);
    process.on('uncaughtException', onError);
    try {
      await expect(all(file)).rejects.toMatchObject({ code: 'bad-file', message: expect.stringMatching(/compression/) });
      t.cleanup(); // as a user (or a test) removes a refused file at once
      await new Promise((r) => setTimeout(r, 200));
      expect(stray).toEqual([]);
    } finally {
      process.off('uncaughtException', onError);
    }
  });
});

describe('values other readers get wrong (issue 22)', () => {
  const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  function book(file: string, sheet: string, opts: { sst?: string; date1904?: boolean } = {}) {
    writeZip(file, {
      '_rels/.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      'xl/workbook.xml': `<workbook xmlns="${NS}" xmlns:r="${REL}">${opts.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/>${opts.sst ? `<Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : ''}</Relationships>`,
      'xl/styles.xml': `<styleSheet xmlns="${NS}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>`,
      'xl/worksheets/sheet1.xml': `<worksheet xmlns="${NS}"><sheetData>${sheet}</sheetData></worksheet>`,
      ...(opts.sst ? { 'xl/sharedStrings.xml': opts.sst } : {}),
    });
  }

  it('a shared-string cell with an empty value element is empty, not the first string', async () => {
    const file = t.file('emptyv.xlsx');
    const sst = `<sst xmlns="${NS}"><si><t>Name</t></si><si><t>Amount</t></si></sst>`;
    book(
      file,
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v/></c><c r="B2" t="s"><v>1</v></c></row><row r="3"><c r="A3" t="s"><v> </v></c><c r="B3"><v>5</v></c></row>',
      { sst },
    );
    expect(await all(file)).toEqual([
      { row: 1, values: ['Name', 'Amount'] },
      { row: 2, values: [null, 'Amount'] },
      { row: 3, values: [null, 5] },
    ]);
  });

  it('a shared-string index the table lacks is a damaged file, not a silent empty cell', async () => {
    const file = t.file('badindex.xlsx');
    book(file, '<row r="1"><c r="A1" t="s"><v>7</v></c></row>', { sst: `<sst xmlns="${NS}"><si><t>Name</t></si></sst>` });
    await expect(all(file)).rejects.toMatchObject({
      code: 'bad-file',
      message: expect.stringMatching(/damaged \(cell A1 of S refers to shared string 7/),
    });
  });

  it('dates before 1900-03-01 are not shifted by the 1900 leap-year bug; serial 60 (1900-02-29) is no date', async () => {
    const file = t.file('early.xlsx');
    const serials = [1, 10, 59, 60, 61, 45000, 0.5, 60.5];
    book(file, serials.map((v, i) => `<row r="${i + 1}"><c r="A${i + 1}" s="1"><v>${v}</v></c></row>`).join(''));
    const values = (await all(file)).map((r) => r.values[0]);
    expect(values).toEqual([
      utc('1900-01-01'),
      utc('1900-01-10'),
      utc('1900-02-28'),
      '1900-02-29',
      utc('1900-03-01'),
      utc('2023-03-15'),
      new Date(Date.UTC(1899, 11, 31, 12)), // Excel's "1900-01-00 12:00", a time of day
      '1900-02-29 12:00:00',
    ]);
    // The same serials in the 1904 system have no fictitious day.
    const file1904 = t.file('early1904.xlsx');
    book(file1904, '<row r="1"><c r="A1" s="1"><v>10</v></c><c r="B1" s="1"><v>60</v></c></row>', { date1904: true });
    expect((await all(file1904))[0]!.values).toEqual([utc('1904-01-11'), utc('1904-03-01')]);
    // An import's date field refuses 1900-02-29 saying why; serial numbers in a date column too.
    expect(date()('1900-02-29')).toEqual({ ok: false, reason: expect.stringMatching(/1900-02-29, a day that never was/) });
    expect(date()(10)).toEqual({ ok: true, value: '1900-01-10' });
    expect(date()(60)).toMatchObject({ ok: false });
    expect(date()(61)).toEqual({ ok: true, value: '1900-03-01' });
  });
});

describe('files no one can read keep their clear messages', () => {
  it('an encrypted workbook (a password-protected .xlsx is an OLE container), an .xls, an .xlsb, an .ods, a renamed .docx', async () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Name'], ['甲']]), 'S');
    const cases: [string, Buffer, RegExp][] = [
      [
        'xls.xlsx',
        XLSX.write(wb, { type: 'buffer', bookType: 'xls' }) as Buffer,
        /old Excel 97–2003 \(\.xls\) file or a password-protected workbook/,
      ],
      ['xlsb.xlsx', XLSX.write(wb, { type: 'buffer', bookType: 'xlsb' }) as Buffer, /Excel binary workbook \(\.xlsb\)/],
      ['ods.xlsx', XLSX.write(wb, { type: 'buffer', bookType: 'ods' }) as Buffer, /OpenDocument spreadsheet \(\.ods\)/],
    ];
    for (const [name, bytes, message] of cases) {
      fs.writeFileSync(t.file(name), bytes);
      await expect(all(t.file(name)), name).rejects.toMatchObject({ code: 'bad-file', message: expect.stringMatching(message) });
    }
    const docx = t.file('letter.xlsx');
    writeZip(docx, {
      '[Content_Types].xml': '<Types/>',
      '_rels/.rels': '<Relationships/>',
      'word/document.xml': '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
    });
    await expect(all(docx)).rejects.toMatchObject({ code: 'bad-file', message: expect.stringMatching(/Word document, not a workbook/) });
  });

  it('a zip whose entries are encrypted (zip password)', async () => {
    const file = t.file('zipcrypto.xlsx');
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Name']]), 'S');
    const buf = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
    for (let i = 0; i + 4 <= buf.length; i++) if (buf.readUInt32LE(i) === 0x02014b50) buf.writeUInt16LE(buf.readUInt16LE(i + 8) | 1, i + 8);
    fs.writeFileSync(file, buf);
    await expect(all(file)).rejects.toMatchObject({
      code: 'bad-file',
      message: expect.stringMatching(/is encrypted \(a password-protected zip archive\)/),
    });
  });

  it('a part whose bytes fail its CRC (bit rot the inflater cannot see) is damaged', async () => {
    const file = t.file('crc.xlsx');
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Name'], ['甲']]), 'S');
    // Stored (not deflated), so a changed byte still unpacks: only the CRC can tell.
    const buf = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: false }) as Buffer;
    const at = buf.indexOf('<sheetData>');
    buf[at + 1] = 's'.charCodeAt(0) === buf[at + 1] ? 'S'.charCodeAt(0) : 's'.charCodeAt(0);
    fs.writeFileSync(file, buf);
    await expect(all(file)).rejects.toMatchObject({
      code: 'bad-file',
      message: expect.stringMatching(/damaged \(its part xl\/worksheets\/sheet1\.xml fails its CRC check/),
    });
  });
});

describe('CSV limits the hostile-file suite leaves out (they need the whole file read)', () => {
  it('more than 1,048,576 records is too large, said as such', async () => {
    const file = t.file('rows.csv');
    fs.writeFileSync(file, `Name\n${'x\n'.repeat(1_048_576)}`);
    await expect(all(file)).rejects.toMatchObject({
      code: 'bad-file',
      message: expect.stringMatching(/too large to import: it has more than 1,048,576 records; Excel's limit is 1,048,576 rows/),
    });
  });
  it('a CSV file over 1 GB is refused at once, before its encoding is scanned', async () => {
    const file = t.file('huge.csv');
    fs.writeFileSync(file, `Name,Note\n${'甲,1\n'.repeat(2000)}`); // text beyond the kind check's first 4 KB
    fs.truncateSync(file, 1024 ** 3 + 1); // sparse: no disk space, no time
    const t0 = Date.now();
    await expect(all(file)).rejects.toMatchObject({
      code: 'bad-file',
      message: expect.stringMatching(/too large to import: it is 1\.0 GB; the limit for a CSV file is 1\.0 GB/),
    });
    expect(Date.now() - t0).toBeLessThan(2000);
  });
  it('an unclosed quote makes one record of the rest; past 4 MB it is refused and the message says why', async () => {
    const file = t.file('quote.csv');
    fs.writeFileSync(file, `Name,Notes\n甲,"open quote\n${'more text, '.repeat(500_000)}\n`);
    await expect(all(file)).rejects.toMatchObject({
      code: 'bad-file',
      message: expect.stringMatching(/longer than 4 MB.*a quote left open/),
    });
  });
});

describe('zip and style limits (the hostile-file suite covers the rest through every importer)', () => {
  it('a zip directory listing more than 100,000 parts is too large, refused before they are read', async () => {
    const file = t.file('entries.xlsx');
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Name']]), 'S');
    const buf = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
    const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    buf.writeUInt16LE(0xffff, eocd + 8);
    buf.writeUInt16LE(0xffff, eocd + 10); // 65,535 is zip64's marker…
    // …so declare 100,001 through a zip64 end record and locator placed before the EOCD.
    const z64 = Buffer.alloc(56);
    z64.writeUInt32LE(0x06064b50, 0);
    z64.writeBigUInt64LE(44n, 4);
    z64.writeBigUInt64LE(100_001n, 24);
    z64.writeBigUInt64LE(100_001n, 32);
    z64.writeBigUInt64LE(BigInt(buf.readUInt32LE(eocd + 12)), 40);
    z64.writeBigUInt64LE(BigInt(buf.readUInt32LE(eocd + 16)), 48);
    const loc = Buffer.alloc(20);
    loc.writeUInt32LE(0x07064b50, 0);
    loc.writeBigUInt64LE(BigInt(eocd), 8);
    fs.writeFileSync(file, Buffer.concat([buf.subarray(0, eocd), z64, loc, buf.subarray(eocd)]));
    await expect(all(file)).rejects.toMatchObject({
      code: 'bad-file',
      message: expect.stringMatching(/too large to import: its zip archive lists 100,001 parts; the limit is 100,000/),
    });
  });

  it('more than 65,536 cell formats is too large', async () => {
    const file = t.file('styles.xlsx');
    const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    writeZip(file, {
      'xl/workbook.xml': `<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
      'xl/styles.xml': `<styleSheet xmlns="${NS}"><cellXfs>${'<xf numFmtId="0"/>'.repeat(65_537)}</cellXfs></styleSheet>`,
      'xl/worksheets/sheet1.xml': `<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`,
    });
    await expect(all(file)).rejects.toMatchObject({
      code: 'bad-file',
      message: expect.stringMatching(/too large to import: it defines more than 65,536 cell formats/),
    });
  });
});

describe('CSV line ends', () => {
  it('a CR LF split across two read chunks is one line end (row numbers stay right)', async () => {
    const file = t.file('crlf.csv');
    const chunk = 256 * 1024;
    // Lines of 100 bytes, the last one before the boundary cut so that its CR is the
    // chunk's last byte.
    let text = 'Name,Note\r\n';
    let n = 1;
    while (text.length + 100 < chunk) text += `${++n},${'x'.repeat(96 - String(n).length)}\r\n`;
    text += `${++n},${'y'.repeat(chunk - text.length - String(n).length - 2)}\r\n`;
    text += `${++n},last\r\n`;
    fs.writeFileSync(file, text);
    expect(fs.readFileSync(file)[chunk - 1]).toBe(0x0d);
    const rows = await all(file);
    expect(rows.length).toBe(n);
    expect(rows.every((r, i) => r.row === i + 1)).toBe(true);
    expect(rows.at(-1)!.values).toEqual([String(n), 'last']);
  });
});
