import path from 'node:path/posix';
import { StringDecoder } from 'node:string_decoder';
import { AppError } from '../../shared/errors';
import { limitText, readerLimits, tooLarge } from './readerLimits';
import { cellValue, columnOfRef, detach, isDateFormat, type CellRaw } from './xlsxCells';
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

export type { CellRaw } from './xlsxCells';

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
