import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ExcelJS } from '../lazyLibs';
import { isIsoDate, isoToExcelDate } from '../../shared/dates';
import { AppError } from '../../shared/errors';
import { yieldToLoop, type Job } from '../jobs';
import { safeText } from './safeText';

// The one streaming writer every export goes through, so every workbook the app writes has
// the same layout: an optional title block (first line bold), a blank row, the styled
// header row (frozen, with an autofilter), one row per record, an optional totals row
// whose first cell is 'Total'. Money arrives in fen and is written as yuan numbers with
// two decimals, dates as real Excel dates, percents as fractions. ExcelJS's streaming
// WorkbookWriter keeps memory flat; the file appears under its final name only when
// complete (temp file + rename), so a cancelled or failed export leaves nothing behind.

export type CellKind = 'text' | 'money' | 'date' | 'int' | 'number' | 'percent';
export interface ColumnSpec {
  header: string;
  kind: CellKind;
  /** Width in characters; estimated from the header and the first rows when absent. */
  width?: number;
}
/**
 * A cell: money in FEN (integer), dates as 'YYYY-MM-DD', percent as a fraction. A string
 * in a number column is written as text. A formula's `result` follows its column's kind
 * (in a money column it is in fen too).
 */
export type CellValue = string | number | null | undefined | { formula: string; result: number | string };
export interface SheetSpec {
  name: string;
  /** Title lines above the header (e.g. "As of 2026-11-30", rates); the first is bold. */
  title?: string[];
  columns: ColumnSpec[];
  rows: Iterable<CellValue[]> | AsyncIterable<CellValue[]>;
  /** Optional last row; first cell 'Total'; may hold {formula, result}. */
  totals?: CellValue[];
  /** For progress, when known. */
  rowCount?: number;
  /** Print setup: landscape (always fit to one page wide). */
  landscape?: boolean;
}

const NUM_FMT: Record<CellKind, string | undefined> = {
  text: undefined,
  money: '#,##0.00',
  date: 'yyyy-mm-dd',
  int: '0',
  number: undefined,
  percent: '0.00%',
};

// Shared style objects: ExcelJS caches a style id per object, so reusing them keeps
// 100,000-row exports near bare-ExcelJS speed.
const thin = { style: 'thin' as const, color: { argb: 'FFB4BCC8' } };
const STYLE = {
  title: { font: { bold: true, size: 13 } },
  subtitle: { font: { color: { argb: 'FF555555' } } },
  header: {
    font: { bold: true },
    fill: { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFDCE6F1' } },
    border: { top: thin, left: thin, bottom: thin, right: thin },
    alignment: { vertical: 'middle' as const, wrapText: true },
  },
  cell: Object.fromEntries(Object.entries(NUM_FMT).map(([k, f]) => [k, f ? { numFmt: f } : {}])) as Record<
    CellKind,
    Partial<ExcelJS.Style>
  >,
  total: Object.fromEntries(
    Object.entries(NUM_FMT).map(([k, f]) => [k, { font: { bold: true }, border: { top: thin }, ...(f ? { numFmt: f } : {}) }]),
  ) as Record<CellKind, Partial<ExcelJS.Style>>,
};

const PROGRESS_EVERY = 1000;
/**
 * Text goes out as an inline string (t="inlineStr"): a string cell by definition, never
 * a formula, and unlike shared strings it needs no table held in memory until the end
 * (at 100,000 accounts that table cost ~140 MB more peak memory and a quarter more
 * time). A plain JS string would be written as t="str", the type of a formula's result.
 */
const str = (s: string): ExcelJS.CellValue => ({ richText: [{ text: s }] }) as ExcelJS.CellRichTextValue;
const WIDTH_SAMPLE = 200;
const MAX_QUEUED = 4 * 1024 * 1024;

/** Excel column letter for a 1-based index: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new Error(`bad column number ${n}`);
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** The header row's number: after the title lines and one blank row (1 without a title). */
export function headerRowOf(sheet: Pick<SheetSpec, 'title'>): number {
  const t = sheet.title?.length ?? 0;
  return t === 0 ? 1 : t + 2;
}

/** The first data row's number (for formulas over a sheet's records). */
export function firstDataRowOf(sheet: Pick<SheetSpec, 'title'>): number {
  return headerRowOf(sheet) + 1;
}

/** The document date of workbooks that speak of no date (templates, error reports). */
export const NO_DATE = '2000-01-01';

export async function writeWorkbook(
  filePath: string,
  sheets: SheetSpec[],
  opts: {
    job?: Job;
    creator?: string;
    /**
     * The date the workbook speaks of (its as-of date, or the book's today for a command
     * left to default): written as the document's created/modified properties, so two
     * exports of the same thing are identical and no wall-clock time leaks into the file.
     * A workbook without a date of its own (a template, an error report) carries NO_DATE.
     */
    date?: string;
  } = {},
): Promise<{ rows: number }> {
  const date = opts.date ?? NO_DATE;
  if (!isIsoDate(date)) throw new Error(`writeWorkbook needs the workbook's date as YYYY-MM-DD, got ${date}`);
  if (sheets.length === 0) throw new Error('a workbook needs at least one sheet');
  const dir = path.dirname(path.resolve(filePath));
  const tmp = path.join(dir, `.${path.basename(filePath)}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  let out: fs.WriteStream;
  try {
    out = fs.createWriteStream(tmp);
    await new Promise<void>((resolve, reject) => out.once('open', () => resolve()).once('error', reject));
  } catch (err) {
    throw writeError(err, filePath);
  }
  const closed = new Promise<void>((resolve, reject) => {
    out.on('close', resolve);
    out.on('error', reject); // stays attached: late errors after a cancel must not crash
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = opts.creator ?? 'Sales Workstation';
  wb.created = isoToExcelDate(date);
  wb.modified = wb.created;
  let rows = 0;
  try {
    const total = sheets.reduce((n, s) => n + (s.rowCount ?? 0), 0);
    for (const sheet of sheets) {
      rows += await writeSheet(wb, sheet, opts.job, rows, total);
    }
    await wb.commit();
    await closed;
    opts.job?.throwIfCancelled();
    try {
      fs.renameSync(tmp, filePath);
    } catch (err) {
      throw writeError(err, filePath);
    }
  } catch (err) {
    out.destroy();
    await closed.catch(() => undefined);
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  return { rows };
}

async function writeSheet(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  sheet: SheetSpec,
  job: Job | undefined,
  before: number,
  total: number,
): Promise<number> {
  const headerRow = headerRowOf(sheet);
  const ncols = sheet.columns.length;
  const ws = wb.addWorksheet(sheetName(sheet.name), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}`, activeCell: `A${headerRow + 1}` }],
    pageSetup: {
      orientation: sheet.landscape ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      paperSize: 9,
    },
  });

  // Widths need the first rows: read a sample ahead, then write it first.
  const iterator = toAsyncIterator(sheet.rows);
  const sample: CellValue[][] = [];
  let next = await iterator.next();
  while (!next.done && sample.length < WIDTH_SAMPLE) {
    sample.push(next.value);
    next = await iterator.next();
  }
  ws.columns = sheet.columns.map((c, i) => ({ key: String(i), width: c.width ?? estimateWidth(c, sample, i) }));

  sheet.title?.forEach((line, i) => {
    const row = ws.addRow([str(safeText(line))]);
    row.getCell(1).style = i === 0 ? STYLE.title : STYLE.subtitle;
    row.commit();
  });
  if (sheet.title?.length) ws.addRow([]).commit();

  const header = ws.addRow(sheet.columns.map((c) => str(safeText(c.header))));
  for (let i = 1; i <= ncols; i++) header.getCell(i).style = STYLE.header;
  header.height = 20;
  header.commit();

  let count = 0;
  const writeRecord = (values: CellValue[], styles: Record<CellKind, Partial<ExcelJS.Style>>) => {
    const row = ws.addRow(values.slice(0, ncols).map((v, i) => toCell(v, sheet.columns[i]!.kind)));
    // Every cell gets a shared style object (a fresh one per cell costs ExcelJS a lookup).
    for (let i = 0; i < ncols; i++) row.getCell(i + 1).style = styles[sheet.columns[i]!.kind];
    row.commit();
  };
  const progress = async () => {
    job?.report(before + count, total, sheet.name);
    job?.throwIfCancelled();
    // Let progress polls, cancel requests and the zip stream get a turn.
    await yieldToLoop();
    await zipCatchUp(ws);
  };

  for (const values of sample) {
    writeRecord(values, STYLE.cell);
    if (++count % PROGRESS_EVERY === 0) await progress();
  }
  while (!next.done) {
    writeRecord(next.value, STYLE.cell);
    if (++count % PROGRESS_EVERY === 0) await progress();
    next = await iterator.next();
  }
  const lastDataRow = headerRow + count;
  if (sheet.totals) writeRecord(sheet.totals, STYLE.total);
  ws.autoFilter = `A${headerRow}:${columnLetter(ncols)}${Math.max(lastDataRow, headerRow)}`;
  await progress();
  ws.commit();
  return count;
}

/**
 * ExcelJS hands the sheet's XML to the zip without back-pressure, so a fast producer
 * buffers the whole sheet uncompressed. Wait while more than a few MB are queued. The
 * queue is ExcelJS 4.4's internal pipe (a PassThrough); without it this does nothing.
 */
async function zipCatchUp(ws: ExcelJS.Worksheet): Promise<void> {
  type State = { length?: number } | undefined;
  const dest = (ws as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes?.[0] as
    { _writableState?: State; _readableState?: State } | undefined;
  if (!dest?._writableState || typeof dest._writableState.length !== 'number') return;
  const queued = () => (dest._writableState?.length ?? 0) + (dest._readableState?.length ?? 0);
  for (let waits = 0; queued() > MAX_QUEUED && waits < 5000; waits++) await new Promise((r) => setTimeout(r, 2));
}

function toCell(v: CellValue, kind: CellKind): ExcelJS.CellValue {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'object') {
    const result = kind === 'money' && typeof v.result === 'number' ? v.result / 100 : v.result;
    return {
      formula: v.formula.replace(/^=/, ''),
      result: typeof result === 'string' ? safeText(result) : result,
    } as ExcelJS.CellFormulaValue;
  }
  if (typeof v === 'string') {
    if (kind === 'date' && isIsoDate(v)) return isoToExcelDate(v);
    return str(safeText(v));
  }
  if (!Number.isFinite(v)) return null;
  switch (kind) {
    case 'text':
      return str(safeText(String(v)));
    case 'money':
      return v / 100;
    case 'date':
      return str(safeText(String(v)));
    default:
      return v;
  }
}

function estimateWidth(col: ColumnSpec, sample: CellValue[][], i: number): number {
  let w = displayLength(col.header) + 2;
  const floor = { text: 8, money: 12, date: 11, int: 6, number: 8, percent: 8 }[col.kind];
  for (const row of sample) {
    const v = row[i];
    if (v === null || v === undefined || typeof v === 'object') continue;
    let len: number;
    if (col.kind === 'money' && typeof v === 'number')
      len = (Math.abs(v) / 100).toLocaleString('en-US', { minimumFractionDigits: 2 }).length + 2;
    else if (col.kind === 'date' && typeof v === 'string') len = 10;
    else len = displayLength(String(v).split('\n')[0]!);
    if (len + 1 > w) w = len + 1;
  }
  return Math.min(60, Math.max(floor, w));
}

/** Characters as Excel widths count them: CJK and other wide characters take two. */
function displayLength(s: string): number {
  let n = 0;
  for (const ch of s)
    n += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[\u{1F300}-\u{1FAFF}]/u.test(ch)
      ? 2
      : 1;
  return n;
}

/** Excel refuses sheet names over 31 characters or with : \ / ? * [ ]. */
function sheetName(name: string): string {
  const cleaned = name
    .replace(/[:\\/?*[\]]/g, ' ')
    .trim()
    .slice(0, 31);
  return cleaned || 'Sheet1';
}

function toAsyncIterator<T>(src: Iterable<T> | AsyncIterable<T>): AsyncIterator<T> {
  if (Symbol.asyncIterator in src) return (src as AsyncIterable<T>)[Symbol.asyncIterator]();
  const it = (src as Iterable<T>)[Symbol.iterator]();
  return { next: async () => it.next() };
}

function writeError(err: unknown, filePath: string): AppError {
  const code = (err as { code?: string }).code ?? '';
  if (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES') {
    return new AppError(
      'forbidden',
      `Cannot write ${path.basename(filePath)}: it is open in another program (Excel?) or the folder is read-only. Close it and try again.`,
    );
  }
  if (code === 'ENOENT') return new AppError('not-found', `Cannot write ${filePath}: the folder does not exist.`);
  if (code === 'ENOSPC') return new AppError('internal', `Cannot write ${path.basename(filePath)}: the disk is full.`);
  return err instanceof AppError ? err : new AppError('internal', `Cannot write ${path.basename(filePath)}: ${(err as Error).message}`);
}
