import fs from 'node:fs';
import zlib from 'node:zlib';
import { Readable, Transform, pipeline } from 'node:stream';
import { AppError } from '../../shared/errors';
import { byteSize, readerLimits, tooLarge } from './readerLimits';

// A minimal reader of zip archives (an .xlsx is one), by the central directory at the end
// of the file. Reading the directory first means a truncated or damaged file is refused
// before any row is read, and entries can be read in any order without copying them to
// temp files (streaming unzippers must wait for the shared strings that writers put
// after the sheets). An entry is read only up to its caller's size cap and its declared
// size, whichever is smaller, and must match its declared size and CRC: a compression
// bomb stops at the cap, a lying directory at its lie, bit rot at the CRC.

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  crc32: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export class ZipArchive {
  private constructor(
    readonly file: string,
    readonly fileSize: number,
    readonly entries: Map<string, ZipEntry>,
    private readonly what: string,
  ) {}

  /** Opens an archive; `what` names the file in error messages ("accounts.xlsx"). */
  static open(file: string, what: string): ZipArchive {
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const damaged = (why: string) =>
        new AppError('bad-file', `${what} is damaged or incomplete (${why}). Save it again from Excel and retry.`);
      const tailLen = Math.min(size, 65_557);
      const tail = readAt(fd, size - tailLen, tailLen);
      let at = -1;
      for (let i = tail.length - 22; i >= 0; i--) {
        if (tail.readUInt32LE(i) === EOCD) {
          at = i;
          break;
        }
      }
      if (at < 0) throw damaged('the zip directory at its end is missing, the file was probably cut short');
      let count = tail.readUInt16LE(at + 10);
      let dirSize = tail.readUInt32LE(at + 12);
      let dirOffset = tail.readUInt32LE(at + 16);
      if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
        const locAt = at - 20;
        if (locAt < 0 || tail.readUInt32LE(locAt) !== ZIP64_LOCATOR) throw damaged('bad zip64 directory');
        const z64Offset = Number(tail.readBigUInt64LE(locAt + 8));
        const z64 = readAt(fd, z64Offset, 56);
        if (z64.readUInt32LE(0) !== ZIP64_EOCD) throw damaged('bad zip64 directory');
        count = Number(z64.readBigUInt64LE(32));
        dirSize = Number(z64.readBigUInt64LE(40));
        dirOffset = Number(z64.readBigUInt64LE(48));
      }
      if (dirOffset + dirSize > size) throw damaged('the zip directory points past the end of the file');
      if (count > readerLimits.zipEntries)
        throw tooLarge(
          what,
          `its zip archive lists ${count.toLocaleString('en-US')} parts; the limit is ${readerLimits.zipEntries.toLocaleString('en-US')}`,
        );
      const dir = readAt(fd, dirOffset, dirSize);
      const entries = new Map<string, ZipEntry>();
      let p = 0;
      for (let n = 0; n < count; n++) {
        if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL) throw damaged('bad zip directory entry');
        const flags = dir.readUInt16LE(p + 8);
        const method = dir.readUInt16LE(p + 10);
        const crc32 = dir.readUInt32LE(p + 16);
        let compressedSize = dir.readUInt32LE(p + 20);
        let uncompressed = dir.readUInt32LE(p + 24);
        const nameLen = dir.readUInt16LE(p + 28);
        const extraLen = dir.readUInt16LE(p + 30);
        const commentLen = dir.readUInt16LE(p + 32);
        let localHeaderOffset = dir.readUInt32LE(p + 42);
        const name = dir.toString('utf8', p + 46, p + 46 + nameLen);
        // Zip64 sizes live in the extra field when the 32-bit ones are saturated.
        let e = p + 46 + nameLen;
        const extraEnd = e + extraLen;
        while (e + 4 <= extraEnd) {
          const id = dir.readUInt16LE(e);
          const len = dir.readUInt16LE(e + 2);
          if (id === 0x0001) {
            let q = e + 4;
            if (uncompressed === 0xffffffff) {
              uncompressed = Number(dir.readBigUInt64LE(q));
              q += 8;
            }
            if (compressedSize === 0xffffffff) {
              compressedSize = Number(dir.readBigUInt64LE(q));
              q += 8;
            }
            if (localHeaderOffset === 0xffffffff) localHeaderOffset = Number(dir.readBigUInt64LE(q));
          }
          e += 4 + len;
        }
        if (localHeaderOffset + compressedSize > size) throw damaged(`${name} runs past the end of the file`);
        if (flags & 1)
          throw new AppError(
            'bad-file',
            `${what} is encrypted (a password-protected zip archive). Open it in Excel, remove the password and save it again.`,
          );
        // Part names are case-insensitive in OOXML packages (and some writers mix cases).
        entries.set(partKey(name), { name, method, compressedSize, size: uncompressed, crc32, localHeaderOffset });
        p += 46 + nameLen + extraLen + commentLen;
      }
      return new ZipArchive(file, size, entries, what);
    } catch (err) {
      // Any read past a buffer while walking a corrupt directory is a damaged file too.
      if (err instanceof AppError) throw err;
      throw new AppError('bad-file', `${what} is damaged or incomplete (${(err as Error).message}). Save it again from Excel and retry.`);
    } finally {
      fs.closeSync(fd);
    }
  }

  has(name: string): boolean {
    return this.entries.has(partKey(name));
  }

  entry(name: string): ZipEntry | undefined {
    return this.entries.get(partKey(name));
  }

  /**
   * Streams an entry's uncompressed bytes, refusing an entry whose declared size passes
   * `maxBytes` or whose size for its compressed length is a bomb's; the stream fails when
   * the bytes outgrow the declared size, fall short of it, or fail the CRC.
   */
  stream(name: string, maxBytes: number = readerLimits.otherPartBytes): Readable {
    const entry = this.entry(name);
    if (!entry) throw new AppError('bad-file', `${this.what} has no part ${name}; it is not a complete Excel workbook.`);
    if (entry.size > maxBytes) {
      throw tooLarge(
        this.what,
        `its part ${entry.name} unpacks to ${byteSize(entry.size)}; the limit for this part is ${byteSize(maxBytes)}`,
      );
    }
    if (entry.size > readerLimits.ratioFreeBytes && entry.size > entry.compressedSize * readerLimits.compressionRatio) {
      const ratio = Math.round(entry.size / Math.max(1, entry.compressedSize));
      throw tooLarge(
        this.what,
        `its part ${entry.name} unpacks to ${byteSize(entry.size)} from ${byteSize(entry.compressedSize)} (${ratio.toLocaleString('en-US')} to 1; the limit is ${readerLimits.compressionRatio} to 1, real workbooks compress far less)`,
      );
    }
    const fd = fs.openSync(this.file, 'r');
    let header: Buffer;
    try {
      header = readAt(fd, entry.localHeaderOffset, 30);
    } finally {
      fs.closeSync(fd);
    }
    if (header.length < 30 || header.readUInt32LE(0) !== LOCAL) {
      throw new AppError('bad-file', `${this.what} is damaged (bad zip entry for ${name}).`);
    }
    const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    if (entry.compressedSize === 0) {
      if (entry.size !== 0)
        throw new AppError('bad-file', `${this.what} is damaged (its part ${entry.name} has no data). Save it again from Excel and retry.`);
      return Readable.from([]);
    }
    // The method is checked before the file stream exists: a stream created and then
    // abandoned still opens the file later, and its error would have no listener.
    if (entry.method !== 0 && entry.method !== 8)
      throw new AppError('bad-file', `${this.what} uses a zip compression this app cannot read (method ${entry.method}).`);
    const raw = fs.createReadStream(this.file, { start, end: start + entry.compressedSize - 1, highWaterMark: 256 * 1024 });
    const check = this.checked(entry);
    // pipeline destroys every stream when one fails or the reader stops early (the file
    // is released), and the reader sees the first error.
    const done = () => undefined;
    if (entry.method === 0) pipeline(raw, check, done);
    else pipeline(raw, zlib.createInflateRaw({ chunkSize: 256 * 1024 }), check, done);
    return check;
  }

  /** Passes an entry's bytes through while holding them to its declared size and CRC. */
  private checked(entry: ZipEntry): Transform {
    const what = this.what;
    let seen = 0;
    let crc = 0;
    return new Transform({
      transform(chunk: Buffer, _enc, next) {
        seen += chunk.length;
        if (seen > entry.size) {
          next(
            new AppError(
              'bad-file',
              `${what} is damaged or hostile: its part ${entry.name} unpacks to more than the ${entry.size.toLocaleString('en-US')} bytes its zip directory declares (a part may not exceed its declared size).`,
            ),
          );
          return;
        }
        crc = zlib.crc32(chunk, crc);
        next(null, chunk);
      },
      flush(next) {
        if (seen !== entry.size)
          next(
            new AppError(
              'bad-file',
              `${what} is damaged (its part ${entry.name} has ${seen.toLocaleString('en-US')} bytes where its zip directory declares ${entry.size.toLocaleString('en-US')}). Save it again from Excel and retry.`,
            ),
          );
        else if (crc >>> 0 !== entry.crc32)
          next(
            new AppError(
              'bad-file',
              `${what} is damaged (its part ${entry.name} fails its CRC check: the bytes changed after it was saved). Save it again from Excel and retry.`,
            ),
          );
        else next();
      },
    });
  }

  /** A whole (small) entry as text. */
  async text(name: string): Promise<string> {
    const parts: Buffer[] = [];
    try {
      for await (const chunk of this.stream(name, readerLimits.otherPartBytes)) parts.push(chunk as Buffer);
    } catch (err) {
      // A damaged deflate stream (zlib: "invalid distance too far back"…) is a bad file.
      if (err instanceof AppError) throw err;
      throw new AppError('bad-file', `${this.what} is damaged (${name}: ${(err as Error).message}).`);
    }
    return Buffer.concat(parts).toString('utf8');
  }
}

function partKey(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\//, '').toLowerCase();
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(Math.max(0, length));
  let done = 0;
  while (done < length) {
    const n = fs.readSync(fd, buf, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done === length ? buf : buf.subarray(0, done);
}
