import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { Job } from '../jobs';
import { readCsv } from './csvReader';
import { XlsxWorkbook, type CellRaw } from './xlsxReader';
import { ZipArchive } from './zipArchive';

// Reading a table from a file the user chose: an .xlsx sheet or a CSV, found by content.
// Every way a file can be unreadable ends in AppError('bad-file', <what to do>), never a
// crash or a hang.

export type { CellRaw };

export interface RawRow {
  /** The spreadsheet's own row number (a CSV's header line is row 1). */
  row: number;
  /** Cell values by column (index 0 = column A); empty cells are null. */
  values: CellRaw[];
}

export interface ReadOptions {
  /** Sheet name (xlsx; case-insensitive); the first sheet when absent. Ignored for CSV. */
  sheet?: string;
  job?: Job;
  /** The file's name as the user knows it, for messages (defaults to the path's base name). */
  name?: string;
}

export type TableKind = 'xlsx' | 'csv';

const XLSX_EXT = /\.(xlsx|xlsm|xltx|xltm)$/i;

/** The file's kind by its first bytes (the extension only decides how to explain a mismatch). */
export function detectKind(filePath: string, firstBytes: Buffer, name = path.basename(filePath)): TableKind {
  if (firstBytes.length === 0) throw new AppError('bad-file', `${name} is empty.`);
  const b = firstBytes;
  if (b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5 || b[2] === 7)) return 'xlsx';
  if (b.length >= 8 && b.readUInt32BE(0) === 0xd0cf11e0 && b.readUInt32BE(4) === 0xa1b11ae1) {
    throw new AppError(
      'bad-file',
      `${name} is an old Excel 97–2003 (.xls) file or a password-protected workbook. Open it in Excel, remove any password and save it as "Excel Workbook (.xlsx)".`,
    );
  }
  const utf16 = (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff);
  if (!utf16 && b.includes(0)) {
    throw new AppError(
      'bad-file',
      `${name} is not an Excel workbook or a CSV file${XLSX_EXT.test(filePath) ? ' (it does not start like an .xlsx file; was another kind of file renamed?)' : ''}.`,
    );
  }
  const text = b
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (XLSX_EXT.test(filePath) || text.startsWith('<')) {
    throw new AppError(
      'bad-file',
      `${name} is not an Excel workbook: it is ${text.startsWith('<') ? 'an HTML or XML document' : 'a text file'} with an Excel name. Open it in Excel and save it as "Excel Workbook (.xlsx)" or CSV.`,
    );
  }
  return 'csv';
}

function kindOf(filePath: string, name: string): TableKind {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(filePath);
  } catch {
    throw new AppError('not-found', `${name} was not found.`);
  }
  if (!stat.isFile()) throw new AppError('bad-file', `${name} is not a file.`);
  const fd = fs.openSync(filePath, 'r');
  try {
    const head = Buffer.alloc(4096);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    return detectKind(filePath, head.subarray(0, n), name);
  } finally {
    fs.closeSync(fd);
  }
}

async function openWorkbook(filePath: string, name: string): Promise<XlsxWorkbook> {
  try {
    return await XlsxWorkbook.open(filePath, name);
  } catch (err) {
    if (err instanceof AppError && /not an Excel workbook/.test(err.message)) {
      const zip = ZipArchive.open(filePath, name);
      if (zip.has('xl/workbook.bin'))
        throw new AppError('bad-file', `${name} is an Excel binary workbook (.xlsb). Save it as "Excel Workbook (.xlsx)".`);
      if (zip.has('content.xml'))
        throw new AppError('bad-file', `${name} is an OpenDocument spreadsheet (.ods). Save it as "Excel Workbook (.xlsx)".`);
      if (zip.has('word/document.xml')) throw new AppError('bad-file', `${name} is a Word document, not a workbook.`);
    }
    throw err;
  }
}

/** The sheet names of a workbook in tab order (a CSV has one, named after the file). */
export async function sheetNames(filePath: string, opts: { name?: string } = {}): Promise<string[]> {
  const name = opts.name ?? path.basename(filePath);
  if (kindOf(filePath, name) === 'csv') return [path.basename(name).replace(/\.[^.]+$/, '')];
  return (await openWorkbook(filePath, name)).sheetNames();
}

/** The rows of a sheet that hold any value, in order, with their spreadsheet row numbers. */
export async function* readRows(filePath: string, opts: ReadOptions = {}): AsyncGenerator<RawRow> {
  const name = opts.name ?? path.basename(filePath);
  const job = opts.job;
  const label = `Reading ${name}`;
  let lastReport = 0;
  const onProgress = (done: number, total: number) => {
    if (!job) return;
    const now = Date.now();
    if (now - lastReport < 100 && done < total) return;
    lastReport = now;
    job.report(done, total, label);
  };
  const rows =
    kindOf(filePath, name) === 'csv'
      ? readCsv(filePath, name, onProgress)
      : (await openWorkbook(filePath, name)).rows(opts.sheet, onProgress);
  let n = 0;
  for await (const row of rows) {
    if (job && ++n % 1000 === 0) job.throwIfCancelled();
    yield row;
  }
  job?.throwIfCancelled();
}
