import { describe, expect, it } from 'vitest';
import { FailureLimiter, hashPassword, secretMatches, sha256, verifyPassword } from './auth';

describe('team server auth', () => {
  it('scrypt hashes with a random salt and verifies only the right password', async () => {
    const a = await hashPassword('correct horse');
    const b = await hashPassword('correct horse');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct hors', a)).toBe(false);
    expect(await verifyPassword('anything', null)).toBe(false);
  });

  it('stores secrets as SHA-256 and compares them', () => {
    expect(secretMatches('code-1', sha256('code-1'))).toBe(true);
    expect(secretMatches('code-2', sha256('code-1'))).toBe(false);
    expect(secretMatches('code-1', null)).toBe(false);
  });

  it('blocks an email after 5 failures within a minute, and lets it in again after the minute', () => {
    let now = 1_000_000;
    const limiter = new FailureLimiter(5, 60_000, () => now);
    for (let i = 0; i < 5; i++) {
      expect(limiter.blocked('a@x.cn')).toBe(false);
      limiter.fail('a@x.cn');
      now += 1000;
    }
    expect(limiter.blocked('a@x.cn')).toBe(true);
    expect(limiter.blocked('b@x.cn')).toBe(false);
    now += 60_000;
    expect(limiter.blocked('a@x.cn')).toBe(false);
  });
});
