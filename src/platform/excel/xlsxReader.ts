import path from 'node:path/posix';
import { StringDecoder } from 'node:string_decoder';
import { excelSerialToUnixDays } from '../../shared/dates';
import { AppError } from '../../shared/errors';
import { limitText, readerLimits, tooLarge } from './readerLimits';
import { decodeXlsxText } from './safeText';
import { ZipArchive } from './zipArchive';
import { asBadFile, attr, guardedParser, localName, parseRels, parseXml } from './xmlParts';

// Streaming reader of one worksheet of an .xlsx: shared strings, styles (to know which
// numbers are dates) and the workbook's sheet list are read first through the zip
// directory, then the sheet's rows are parsed as they inflate. Values come back as what
// the cell holds: string (shared, inline or rich text, with Excel's _xHHHH_ escapes
// decoded and phonetic runs left out), number, boolean, Date (UTC midnight for a date
// cell, in either the 1900 or the 1904 date system) or null; a formula gives its cached
// result, an error cell its text ('#N/A'). A file beyond Excel's limits or the reader's
// caps (readerLimits.ts) is refused as too large, before it can cost the process memory.

export type CellRaw = string | number | boolean | Date | null;

export interface SheetRow {
  /** The spreadsheet's own row number. */
  row: number;
  values: CellRaw[];
}

interface SheetRef {
  name: string;
  part: string;
}

export class XlsxWorkbook {
  private sharedStrings: string[] | null = null;
  private dateStyles: boolean[] | null = null;

  private constructor(
    private readonly zip: ZipArchive,
    private readonly what: string,
    readonly sheets: SheetRef[],
    readonly date1904: boolean,
    private readonly parts: { sharedStrings?: string; styles?: string },
  ) {}

  static async open(file: string, what: string): Promise<XlsxWorkbook> {
    const zip = ZipArchive.open(file, what);
    const notWorkbook = () => new AppError('bad-file', `${what} is a zip archive but not an Excel workbook (.xlsx).`);
    const rootRels = zip.has('_rels/.rels') ? parseRels(await zip.text('_rels/.rels'), '', what) : [];
    const bookPart = rootRels.find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
    // An .xlsb names its binary workbook part here; the caller tells the user what it is.
    if (!zip.has(bookPart) || !/\.xml$/i.test(bookPart)) throw notWorkbook();
    const bookDir = path.dirname(bookPart);
    const relsPart = path.join(bookDir, '_rels', `${path.basename(bookPart)}.rels`);
    const rels = zip.has(relsPart) ? parseRels(await zip.text(relsPart), bookDir, what) : [];
    const relById = new Map(rels.map((r) => [r.id, r]));

    const sheets: SheetRef[] = [];
    let date1904 = false;
    await parseXml(zip.stream(bookPart), what, bookPart, {
      open(tag) {
        const name = localName(tag.name);
        if (name === 'workbookPr') {
          const v = tag.attributes.date1904;
          date1904 = v === '1' || v === 'true';
        } else if (name === 'sheet') {
          const rid = attr(tag, 'id');
          const target = rid ? relById.get(rid)?.target : undefined;
          if (target && zip.has(target)) sheets.push({ name: tag.attributes.name ?? '', part: target });
        }
      },
    });
    if (sheets.length === 0) throw new AppError('bad-file', `${what} has no worksheet.`);
    const byType = (suffix: string) => rels.find((r) => r.type.endsWith(suffix) && zip.has(r.target))?.target;
    return new XlsxWorkbook(zip, what, sheets, date1904, { sharedStrings: byType('/sharedStrings'), styles: byType('/styles') });
  }

  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  /** The sheet by name (case- and space-insensitive), or the first sheet. */
  sheet(name?: string): SheetRef {
    if (name === undefined) return this.sheets[0]!;
    const want = name.trim().toLowerCase();
    const found = this.sheets.find((s) => s.name.trim().toLowerCase() === want);
    if (!found) {
      throw new AppError('bad-file', `${this.what} has no sheet named "${name}" (its sheets: ${this.sheetNames().join(', ')}).`);
    }
    return found;
  }

  /** Rows of a sheet in order; rows without any value are left out. */
  async *rows(sheetName?: string, onProgress?: (done: number, total: number) => void): AsyncGenerator<SheetRow> {
    const sheet = this.sheet(sheetName);
    const strings = await this.loadSharedStrings();
    const dateStyles = await this.loadDateStyles();
    const date1904 = this.date1904;
    const what = this.what;

    const out: SheetRow[] = [];
    let rowNo = 0;
    let rowsSeen = 0;
    let values: CellRaw[] = [];
    let inRow = false;
    let col = 0;
    let cellsInRow = 0;
    let ref = '';
    let type = '';
    let style = 0;
    let capture: 'v' | 't' | null = null;
    let vText = '';
    let tText = '';
    let hasV = false;
    let phonetic = 0;
    // Raw text may hold _xHHHH_ escapes (7 characters for one); beyond that it cannot be a
    // cell Excel wrote, and is refused before it grows further.
    const rawCap = 7 * readerLimits.cellChars;
    const cellTooLong = () =>
      tooLarge(
        what,
        `cell ${ref || `in row ${rowNo}`} holds more than ${limitText.count(readerLimits.cellChars)} characters; ${limitText.cellChars()}`,
      );

    const stream = this.zip.stream(sheet.part, readerLimits.sheetPartBytes);
    const total = this.zip.entry(sheet.part)?.size ?? 0;
    let done = 0;
    const parser = guardedParser(what, sheet.part, {
      open(tag) {
        const name = localName(tag.name);
        if (name === 'c') {
          ref = tag.attributes.r ?? '';
          col = ref ? columnOfRef(ref) : col + 1;
          if (++cellsInRow > readerLimits.columns || col > readerLimits.columns) {
            throw tooLarge(what, `${ref ? `cell ${ref}` : `row ${rowNo}`} is beyond column XFD; ${limitText.columns()}`);
          }
          type = tag.attributes.t ?? 'n';
          style = tag.attributes.s ? Number(tag.attributes.s) : 0;
          vText = '';
          tText = '';
          hasV = false;
        } else if (name === 'v') {
          capture = 'v';
          hasV = true;
        } else if (name === 't') {
          if (phonetic === 0) capture = 't';
        } else if (name === 'rPh') {
          phonetic++;
        } else if (name === 'row') {
          const r = tag.attributes.r;
          rowNo = r ? Number(r) : rowNo + 1;
          if (++rowsSeen > readerLimits.rows)
            throw tooLarge(what, `sheet ${sheet.name} has more than ${limitText.count(readerLimits.rows)} rows; ${limitText.rows()}`);
          if (rowNo > readerLimits.rows)
            throw tooLarge(what, `sheet ${sheet.name} has a row numbered ${limitText.count(rowNo)}; ${limitText.rows()}`);
          if (!Number.isInteger(rowNo) || rowNo < 1)
            throw new AppError('bad-file', `${what} is damaged (a row of ${sheet.name} is numbered "${r}").`);
          values = [];
          inRow = true;
          col = 0;
          cellsInRow = 0;
        }
      },
      text(text) {
        if (capture === 'v') {
          vText += text;
          if (vText.length > rawCap) throw cellTooLong();
        } else if (capture === 't') {
          tText += text;
          if (tText.length > rawCap) throw cellTooLong();
        }
      },
      close(tag) {
        const name = localName(tag.name);
        if (name === 'v' || name === 't') capture = null;
        else if (name === 'rPh') phonetic--;
        else if (name === 'c') {
          if (!inRow || col < 1) return;
          const value = cellValue(type, hasV, vText, tText, style, strings, dateStyles, date1904);
          if (typeof value === 'string' && value.length > readerLimits.cellChars) throw cellTooLong();
          if (value === undefined)
            throw new AppError(
              'bad-file',
              `${what} is damaged (cell ${ref || `in row ${rowNo}`} of ${sheet.name} refers to shared string ${vText.trim()}, which the file does not have).`,
            );
          if (value !== null) values[col - 1] = value;
        } else if (name === 'row') {
          inRow = false;
          if (values.some((v) => v !== null && v !== undefined && v !== '')) {
            for (let i = 0; i < values.length; i++) if (values[i] === undefined) values[i] = null;
            out.push({ row: rowNo, values });
          }
        }
      },
    });

    const decoder = new StringDecoder('utf8');
    try {
      for await (const chunk of stream) {
        const buf = chunk as Buffer;
        done += buf.length;
        parser.write(decoder.write(buf), buf.length);
        onProgress?.(done, total);
        if (out.length) yield* out.splice(0, out.length);
      }
      parser.write(decoder.end(), 0);
      parser.close();
      yield* out;
    } catch (err) {
      throw asBadFile(err, this.what);
    } finally {
      // Also when the caller stops early: release the file.
      stream.destroy();
    }
  }

  private async loadSharedStrings(): Promise<string[]> {
    if (this.sharedStrings) return this.sharedStrings;
    const list: string[] = [];
    const part = this.parts.sharedStrings;
    const what = this.what;
    if (part) {
      let text = '';
      let capture = false;
      let phonetic = 0;
      let chars = 0;
      await parseXml(this.zip.stream(part, readerLimits.sharedStringsPartBytes), what, part, {
        open(tag) {
          const name = localName(tag.name);
          if (name === 'si') {
            text = '';
            if (list.length >= readerLimits.sharedStrings) {
              throw tooLarge(
                what,
                `its shared-string table holds more than ${limitText.count(readerLimits.sharedStrings)} strings, the limit`,
              );
            }
          } else if (name === 't' && phonetic === 0) capture = true;
          else if (name === 'rPh') phonetic++;
        },
        text(t) {
          if (!capture) return;
          text += t;
          if (text.length > 7 * readerLimits.cellChars)
            throw tooLarge(
              what,
              `shared string ${list.length} holds more than ${limitText.count(readerLimits.cellChars)} characters; ${limitText.cellChars()}`,
            );
        },
        close(tag) {
          const name = localName(tag.name);
          if (name === 't') capture = false;
          else if (name === 'rPh') phonetic--;
          else if (name === 'si') {
            const s = decodeXlsxText(text);
            if (s.length > readerLimits.cellChars)
              throw tooLarge(what, `shared string ${list.length} holds ${limitText.count(s.length)} characters; ${limitText.cellChars()}`);
            chars += s.length;
            if (chars > readerLimits.sharedStringChars) {
              throw tooLarge(
                what,
                `its shared strings hold more than ${limitText.count(readerLimits.sharedStringChars)} characters together, the limit`,
              );
            }
            list.push(detach(s));
          }
        },
      });
    }
    this.sharedStrings = list;
    return list;
  }

  private async loadDateStyles(): Promise<boolean[]> {
    if (this.dateStyles) return this.dateStyles;
    const formats = new Map<number, string>();
    const xfFormats: number[] = [];
    const part = this.parts.styles;
    const what = this.what;
    if (part) {
      let inCellXfs = false;
      await parseXml(this.zip.stream(part, readerLimits.otherPartBytes), what, part, {
        open(tag) {
          const name = localName(tag.name);
          if (name === 'numFmt') formats.set(Number(tag.attributes.numFmtId), tag.attributes.formatCode ?? '');
          else if (name === 'cellXfs') inCellXfs = true;
          else if (name === 'xf' && inCellXfs) {
            if (xfFormats.length >= readerLimits.cellFormats)
              throw tooLarge(what, `it defines more than ${limitText.count(readerLimits.cellFormats)} cell formats, the limit`);
            xfFormats.push(Number(tag.attributes.numFmtId ?? 0));
          }
        },
        close(tag) {
          if (localName(tag.name) === 'cellXfs') inCellXfs = false;
        },
      });
    }
    this.dateStyles = xfFormats.map((id) => isDateFormat(id, formats.get(id)));
    return this.dateStyles;
  }
}

/** A cell's value; undefined for a shared-string index the table does not have. */
function cellValue(
  type: string,
  hasV: boolean,
  vText: string,
  tText: string,
  style: number,
  strings: string[],
  dateStyles: boolean[],
  date1904: boolean,
): CellRaw | undefined {
  switch (type) {
    case 's': {
      // An empty <v/> (some generators write one) is an empty cell, not string 0.
      const index = vText.trim();
      if (!hasV || index === '') return null;
      return strings[Number(index)];
    }
    case 'inlineStr':
      return detach(decodeXlsxText(tText));
    case 'str':
      return hasV ? detach(decodeXlsxText(vText)) : null;
    case 'b':
      return hasV ? vText.trim() === '1' || vText.trim() === 'true' : null;
    case 'e':
      return hasV ? vText : null;
    case 'd': {
      if (!hasV) return null;
      const t = vText.trim();
      const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(t) || !t.includes('T') ? t : `${t}Z`);
      return Number.isNaN(d.getTime()) ? t : d;
    }
    default: {
      if (!hasV || vText === '') return null;
      const n = Number(vText);
      if (!Number.isFinite(n)) return vText;
      if (dateStyles[style]) return serialToDate(n, date1904) ?? fictitiousLeapDay(n);
      return n;
    }
  }
}

/**
 * A copy of a parsed string that does not pin the parser's input chunk: V8 makes
 * substrings of 13+ characters as slices of their parent, so every kept cell text would
 * otherwise keep its whole 256 KB chunk of sheet XML alive (the whole sheet, for a big
 * import). Prepending a character forces a flat copy.
 */
function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/**
 * An Excel serial day number to the JS Date (UTC) of that day and time; null for the
 * 1900 system's serial 60, Excel's 29 February 1900 that never was.
 */
export function serialToDate(serial: number, date1904 = false): Date | null {
  const days = excelSerialToUnixDays(serial, date1904);
  return days === null ? null : new Date(Math.round(days * 86_400_000));
}

/**
 * A date cell holding serial 60 of the 1900 system reads as the text Excel shows for it,
 * "1900-02-29" (with the time of day when there is one): it is no date, so a date field
 * refuses it with its value in the error list, and a text field keeps what the user saw.
 */
export const FICTITIOUS_1900_LEAP_DAY = '1900-02-29';
function fictitiousLeapDay(serial: number): string {
  const seconds = Math.round((serial - 60) * 86_400);
  if (seconds === 0) return FICTITIOUS_1900_LEAP_DAY;
  return `${FICTITIOUS_1900_LEAP_DAY} ${new Date(seconds * 1000).toISOString().slice(11, 19)}`;
}

// Built-in number formats that are dates or times, including those Chinese, Japanese and
// Korean Excel use (27–36, 50–58).
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/** True when a number format shows a date: a built-in date id, or a code with date parts. */
export function isDateFormat(id: number, code: string | undefined): boolean {
  if (code === undefined) return DATE_FORMAT_IDS.has(id);
  // Drop what is not a format letter: quoted text, escaped and padding characters, and
  // [colour]/[$-804] sections (but keep elapsed-time brackets like [h]).
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/[\\_*]./g, '')
    .replace(/\[(?!(h+|m+|s+)\])[^\]]*\]/gi, '')
    .split(';')[0]!;
  if (/^\s*general\s*$/i.test(bare)) return false;
  return /[dmyhs年月日]/i.test(bare);
}

/** 'BC12' → 55. */
export function columnOfRef(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
  }
  return n;
}
