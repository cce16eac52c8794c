import { describe, expect, it } from 'vitest';
import { validate, version } from 'uuid';
import { uuidv7 } from '../../src/platform/db/uuidv7';

describe('uuidv7', () => {
  it('makes valid version-7 UUIDs carrying the time', () => {
    const now = Date.UTC(2026, 10, 25, 12, 0, 0, 123);
    const id = uuidv7(now);
    expect(validate(id)).toBe(true);
    expect(version(id)).toBe(7);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(now);
  });
  it('is strictly increasing and unique, also within one millisecond and across the counter overflow', () => {
    const ids: string[] = [];
    for (let i = 0; i < 20_000; i++) ids.push(uuidv7(1_800_000_000_000));
    for (let i = 0; i < 1_000; i++) ids.push(uuidv7());
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id, i) => i === 0 || id > ids[i - 1]!)).toBe(true);
  });
  it('never goes back when the clock does', () => {
    const a = uuidv7(2_000_000_000_000);
    const b = uuidv7(1_999_999_999_000);
    expect(b > a).toBe(true);
  });
});
