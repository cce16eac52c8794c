import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

// Passwords: scrypt (memory-hard, node:crypto), a random salt per password, compared in
// constant time. Tokens and invite codes are long random strings: only their SHA-256 is
// stored, so a copy of the database cannot sign anyone in.

const scryptAsync = promisify(scrypt) as (pw: string, salt: Buffer, keylen: number, opts: object) => Promise<Buffer>;
const N = 2 ** 15;
const R = 8;
const P = 1;
const KEYLEN = 32;
const MAXMEM = 128 * N * R * 2;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, KEYLEN, { N, r: R, p: P, maxmem: MAXMEM });
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  // A person without a password (invited, not yet accepted) still costs one hash: no timing hint.
  const parts = (stored ?? '').split('$');
  const ok = parts.length === 6 && parts[0] === 'scrypt';
  const [n, r, p] = ok ? parts.slice(1, 4).map(Number) : [N, R, P];
  const salt = ok ? Buffer.from(parts[4]!, 'base64') : randomBytes(16);
  const expected = ok ? Buffer.from(parts[5]!, 'base64') : randomBytes(KEYLEN);
  const key = await scryptAsync(password, salt, expected.length, { N: n, r, p, maxmem: 128 * n! * r! * 2 });
  return timingSafeEqual(key, expected) && ok;
}

export const newSecret = (bytes = 32): string => randomBytes(bytes).toString('base64url');
export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/** Constant-time equality of a presented secret with a stored SHA-256 hex. */
export function secretMatches(presented: string, storedHash: string | null): boolean {
  if (!storedHash) return false;
  return timingSafeEqual(Buffer.from(sha256(presented), 'hex'), Buffer.from(storedHash, 'hex'));
}

/**
 * At most `limit` failed sign-ins per email in a sliding window; past that, sign-in answers
 * 429 without checking the password. In memory: one server process holds the window.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();
  constructor(
    private readonly limit = 5,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  blocked(email: string): boolean {
    return this.recent(email).length >= this.limit;
  }

  fail(email: string): void {
    this.failures.set(email, [...this.recent(email), this.now()]);
  }

  succeed(email: string): void {
    this.failures.delete(email);
  }

  private recent(email: string): number[] {
    const since = this.now() - this.windowMs;
    return (this.failures.get(email) ?? []).filter((t) => t > since);
  }
}
