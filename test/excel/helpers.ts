import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import * as XLSX from 'xlsx';

/** A fresh temp folder, removed by the returned cleanup. */
export function tempDir(prefix = 'sw-excel-'): { dir: string; file(name: string): string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, file: (name) => path.join(dir, name), cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Reads a workbook with SheetJS (the independent reader) — raw cells, no date conversion. */
export function readWithSheetJS(file: string): XLSX.WorkBook {
  return XLSX.read(fs.readFileSync(file), { type: 'buffer', cellFormula: true, cellNF: true, cellStyles: true, cellDates: false });
}

/** A sheet's rows as arrays of raw values (SheetJS). */
export function sheetRows(wb: XLSX.WorkBook, sheet = wb.SheetNames[0]!): unknown[][] {
  return XLSX.utils.sheet_to_json(wb.Sheets[sheet]!, { header: 1, raw: true, defval: null, blankrows: true });
}

/** A zip entry given already compressed, with the size and CRC its directory declares (true or not). */
export interface RawZipEntry {
  deflated: Buffer;
  size: number;
  crc: number;
}

/**
 * A zip archive from raw parts, for hand-made .xlsx files that exercise what other
 * writers do (inline rich text, phonetic runs, absolute targets, prefixed namespaces), and
 * for hostile ones (a RawZipEntry declares whatever size it is given).
 */
export function writeZip(file: string, parts: Record<string, string | Buffer | RawZipEntry>): void {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(parts)) {
    let packed: Buffer;
    let crc: number;
    let size: number;
    if (typeof content === 'string' || Buffer.isBuffer(content)) {
      const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      packed = zlib.deflateRawSync(data);
      crc = zlib.crc32(data);
      size = data.length;
    } else ({ deflated: packed, crc, size } = content);
    const nameBuf = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, packed);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(parts).length, 8);
  end.writeUInt16LE(Object.keys(parts).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  fs.writeFileSync(file, Buffer.concat([...locals, dir, end]));
}

/**
 * A raw deflate stream of `head`, `count` copies of `filler`, then `tail`, built without
 * compressing the whole: the filler is compressed once, fully flushed (so no copy refers
 * back into another), and its bytes repeated. 3 MB of it can unpack to 3 GB. The CRC is
 * not computed (0): a reader must refuse such a part before it could check one.
 */
export function deflateRepeated(head: string, filler: Buffer, count: number, tail: string): RawZipEntry {
  const chunk = (data: Buffer) => zlib.deflateRawSync(data, { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  const headBytes = Buffer.from(head, 'utf8');
  const tailBytes = Buffer.from(tail, 'utf8');
  const block = chunk(filler);
  const deflated = Buffer.concat([chunk(headBytes), ...Array.from({ length: count }, () => block), zlib.deflateRawSync(tailBytes)]);
  return { deflated, size: headBytes.length + filler.length * count + tailBytes.length, crc: 0 };
}

/** GBK (GB18030) bytes for a string, built from the platform's decoder (no encoder ships with Node). */
export function encodeGb18030(text: string): Buffer {
  const table = gbTable();
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`no GBK code for ${ch}`);
      out.push(...bytes);
    }
  }
  return Buffer.from(out);
}

let table: Map<string, number[]> | null = null;
function gbTable(): Map<string, number[]> {
  if (table) return table;
  table = new Map();
  const dec = new TextDecoder('gb18030');
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = dec.decode(Buffer.from([hi, lo]));
      if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  return table;
}
