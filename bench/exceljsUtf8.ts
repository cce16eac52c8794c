import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

// ExcelJS 4.4's streaming reader decodes each inflated chunk on its own
// (lib/utils/parse-sax.js: `bufferToString(chunk)`), so a UTF-8 character split across two
// chunks turns into U+FFFD — at 100,000 rows of Chinese names some territory or owner names
// always arrive corrupted. The import floor is "ExcelJS streaming read + one insert
// transaction"; this replaces that one function with the same code plus a streaming
// StringDecoder before ExcelJS is loaded, so the floor reads the file correctly and does no
// more work than ExcelJS itself. The product does not use ExcelJS to read (it has its own
// zip + saxes reader for this reason).
const require = createRequire(import.meta.url);
const { SaxesParser } = require('saxes') as typeof import('saxes');

type SaxEvent = { eventType: 'opentag' | 'text' | 'closetag'; value: unknown };

async function* parseSax(input: AsyncIterable<Buffer | string> & { pipe?: unknown }): AsyncGenerator<SaxEvent[]> {
  let iterable: AsyncIterable<Buffer | string> = input;
  if (typeof input.pipe === 'function' && !(Symbol.asyncIterator in input)) {
    iterable = (input as unknown as NodeJS.ReadableStream).pipe(new PassThrough());
  }
  const parser = new SaxesParser();
  const decoder = new StringDecoder('utf8');
  let error: Error | undefined;
  parser.on('error', (err) => (error = err));
  let events: SaxEvent[] = [];
  parser.on('opentag', (value) => events.push({ eventType: 'opentag', value }));
  parser.on('text', (value) => events.push({ eventType: 'text', value }));
  parser.on('closetag', (value) => events.push({ eventType: 'closetag', value }));
  for await (const chunk of iterable) {
    parser.write(typeof chunk === 'string' ? chunk : decoder.write(chunk));
    if (error) throw error;
    yield events;
    events = [];
  }
  const rest = decoder.end();
  if (rest) parser.write(rest);
  if (error) throw error;
  if (events.length) yield events;
}

const file = require.resolve('exceljs/lib/utils/parse-sax.js');
if (require.cache[file]) throw new Error('exceljsUtf8 must be imported before exceljs');
require.cache[file] = { id: file, filename: file, loaded: true, exports: parseSax } as unknown as NodeJS.Module;
