import fs from 'node:fs';
import { Readable } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import { AppError } from '../../shared/errors';
import { byteSize, limitText, readerLimits, tooLarge } from './readerLimits';
import type { SheetRow } from './xlsxReader';

// CSV as spreadsheet rows. Excel saves "CSV UTF-8" with a BOM, plain "CSV" in the
// system code page (GBK on Chinese Windows) and "Unicode text" as tab-separated UTF-16,
// so the encoding is found from the bytes: a BOM, else UTF-8 when every byte sequence
// is valid UTF-8, else GB18030 (a superset of GBK). The separator is the one of comma,
// semicolon or tab that splits the first line most. Row numbers count records the way
// Excel shows them, blank lines included (the header is row 1). Excel's limits hold here
// too (rows, columns, characters in a cell), and one record may not pass
// readerLimits.csvRecordBytes: the parser holds a record whole until it ends.

export type CsvEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export async function detectCsvEncoding(file: string): Promise<CsvEncoding> {
  const head = readHead(file, 4);
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const strict = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) strict.decode(chunk as Buffer, { stream: true });
    strict.decode();
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

export function detectDelimiter(firstLine: string): string {
  let best = ',';
  let bestCount = 0;
  for (const d of [',', ';', '\t']) {
    let n = 0;
    let quoted = false;
    for (const ch of firstLine) {
      if (ch === '"') quoted = !quoted;
      else if (ch === d && !quoted) n++;
    }
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

export async function* readCsv(file: string, what: string, onProgress?: (done: number, total: number) => void): AsyncGenerator<SheetRow> {
  const total = fs.statSync(file).size;
  if (total > readerLimits.csvFileBytes)
    throw tooLarge(what, `it is ${byteSize(total)}; the limit for a CSV file is ${byteSize(readerLimits.csvFileBytes)}`);
  const encoding = await detectCsvEncoding(file);
  const decoder = new TextDecoder(encoding, { ignoreBOM: false });
  const first = decoder.decode(readHead(file, 64 * 1024), { stream: true });
  const delimiter = detectDelimiter(first.split(/\r?\n/, 1)[0] ?? '');

  const source = fs.createReadStream(file, { highWaterMark: 256 * 1024 });
  let done = 0;
  async function* decoded(): AsyncGenerator<string> {
    const d = new TextDecoder(encoding); // strips a leading BOM
    for await (const chunk of source) {
      done += (chunk as Buffer).length;
      yield d.decode(chunk as Buffer, { stream: true });
    }
    const rest = d.decode();
    if (rest) yield rest;
  }
  // Line ends named, not discovered: csv-parse's discovery rescans a first line that has
  // none from its start at every chunk, which takes seconds on one enormous line.
  const parser = parse({
    delimiter,
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: false,
    max_record_size: readerLimits.csvRecordBytes,
  });
  const input = Readable.from(decoded());
  input.on('error', (err) => parser.destroy(err));
  input.pipe(parser);
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      onProgress?.(done, total);
      if (row > readerLimits.rows)
        throw tooLarge(what, `it has more than ${limitText.count(readerLimits.rows)} records; ${limitText.rows()}`);
      if (record.length > readerLimits.columns)
        throw tooLarge(what, `row ${row} has ${limitText.count(record.length)} fields; ${limitText.columns()}`);
      const long = record.findIndex((v) => v.length > readerLimits.cellChars);
      if (long >= 0)
        throw tooLarge(
          what,
          `row ${row}, field ${long + 1} holds ${limitText.count(record[long]!.length)} characters; ${limitText.cellChars()}`,
        );
      if (!record.some((v) => v !== '')) continue;
      yield { row, values: record.map((v) => (v === '' ? null : v)) };
    }
  } catch (err) {
    if (err instanceof CsvError && err.code === 'CSV_MAX_RECORD_SIZE') {
      const line = (err as CsvError & { lines?: number }).lines;
      throw tooLarge(
        what,
        `a record${line ? ` ending near line ${line}` : ''} is longer than ${byteSize(readerLimits.csvRecordBytes)}, the limit for one CSV record (a quote left open makes the rest of the file one record)`,
      );
    }
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines;
      throw new AppError('bad-file', `${what} is not a readable CSV file${line ? ` (line ${line})` : ''}: ${err.message}`);
    }
    if (err instanceof AppError) throw err;
    throw new AppError('bad-file', `${what} cannot be read: ${(err as Error).message}`);
  } finally {
    source.destroy();
    input.destroy();
  }
}

function readHead(file: string, n: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const got = fs.readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, got);
  } finally {
    fs.closeSync(fd);
  }
}
