// Preloaded (node --require) into every bench worker, before ExcelJS can load.
//
// ExcelJS 4.4's streaming reader decodes each inflated chunk on its own
// (lib/utils/parse-sax.js: `bufferToString(chunk)`), so a UTF-8 character split across two
// chunks turns into U+FFFD — at 100,000 rows of Chinese names some territory or owner names
// always arrive corrupted. The import floor is "ExcelJS streaming read + one insert
// transaction"; this replaces that one function with the same code plus a streaming
// StringDecoder, so the floor reads the file correctly and does no more work than ExcelJS
// itself. (The product does not read with ExcelJS: it has its own zip + saxes reader.)
'use strict';
const { PassThrough } = require('node:stream');
const { StringDecoder } = require('node:string_decoder');
const { SaxesParser } = require('saxes');

async function* parseSax(input) {
  let iterable = input;
  if (typeof input.pipe === 'function' && !(Symbol.asyncIterator in input)) iterable = input.pipe(new PassThrough());
  const parser = new SaxesParser();
  const decoder = new StringDecoder('utf8');
  let error;
  parser.on('error', (err) => (error = err));
  let events = [];
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
require.cache[file] = { id: file, filename: file, loaded: true, exports: parseSax };
