import crypto from 'node:crypto';

// UUIDv7 (RFC 9562) ids for new rows: 48-bit Unix milliseconds, then random bits, so
// ids sort by creation time and B-tree inserts land at the end of the index. Random
// bytes come from a pool filled 4 KiB at a time — the `uuid` package asks the platform
// for 16 bytes per id, which made ids the largest single cost of bulk imports (two per
// imported row: the row and its change_log entry). Within one millisecond the 12-bit
// rand_a field counts up, so ids from this process are strictly increasing.

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const POOL_SIZE = 4096;
let pool = Buffer.alloc(0);
let at = POOL_SIZE;
let lastMs = -1;
let seq = 0;

function randomBytes(n: number): number {
  if (at + n > pool.length) {
    pool = crypto.randomFillSync(Buffer.allocUnsafe(POOL_SIZE));
    at = 0;
  }
  const start = at;
  at += n;
  return start;
}

export function uuidv7(now = Date.now()): string {
  let ms = now;
  if (ms > lastMs) {
    const p = randomBytes(1);
    seq = pool[p]! & 0x3f; // start low so a burst has room to count up
    lastMs = ms;
  } else {
    seq++;
    if (seq > 0xfff) {
      lastMs++;
      seq = 0;
    }
    ms = lastMs;
  }
  const r = randomBytes(8);
  const b = pool;
  const hi = Math.floor(ms / 0x10000);
  const lo = ms % 0x10000;
  return (
    HEX[(hi >>> 24) & 0xff]! +
    HEX[(hi >>> 16) & 0xff]! +
    HEX[(hi >>> 8) & 0xff]! +
    HEX[hi & 0xff]! +
    '-' +
    HEX[(lo >>> 8) & 0xff]! +
    HEX[lo & 0xff]! +
    '-' +
    HEX[0x70 | (seq >>> 8)]! +
    HEX[seq & 0xff]! +
    '-' +
    HEX[0x80 | (b[r]! & 0x3f)]! +
    HEX[b[r + 1]!]! +
    '-' +
    HEX[b[r + 2]!]! +
    HEX[b[r + 3]!]! +
    HEX[b[r + 4]!]! +
    HEX[b[r + 5]!]! +
    HEX[b[r + 6]!]! +
    HEX[b[r + 7]!]!
  );
}
