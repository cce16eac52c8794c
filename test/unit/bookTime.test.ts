import { describe, expect, it } from 'vitest';
import { dateInZone, isTimeZone, stampInZone } from '../../src/shared/bookTime';

describe('the book clock', () => {
  it('gives the calendar date in the book zone, not the machine zone', () => {
    // Asia/Shanghai is UTC+8: its midnight is 16:00 UTC the day before.
    expect(dateInZone(new Date('2026-12-03T15:59:00Z'), 'Asia/Shanghai')).toBe('2026-12-03');
    expect(dateInZone(new Date('2026-12-03T16:01:00Z'), 'Asia/Shanghai')).toBe('2026-12-04');
    expect(dateInZone(new Date('2026-12-03T23:59:00Z'), 'Asia/Shanghai')).toBe('2026-12-04');
    expect(dateInZone(new Date('2026-12-04T00:01:00Z'), 'Asia/Shanghai')).toBe('2026-12-04');
    expect(dateInZone(new Date('2026-12-04T00:01:00Z'), 'UTC')).toBe('2026-12-04');
    expect(dateInZone(new Date('2026-12-03T23:59:00Z'), 'UTC')).toBe('2026-12-03');
    expect(dateInZone(new Date('2026-12-04T07:59:00Z'), 'America/Los_Angeles')).toBe('2026-12-03');
    expect(dateInZone(new Date('2026-12-04T08:01:00Z'), 'America/Los_Angeles')).toBe('2026-12-04');
  });

  it('stamps file names in the book zone, sortable', () => {
    expect(stampInZone(new Date('2026-12-03T16:30:05.042Z'), 'Asia/Shanghai')).toBe('20261204-003005042');
    expect(stampInZone(new Date('2026-12-03T16:30:05.042Z'), 'UTC')).toBe('20261203-163005042');
    expect(
      stampInZone(new Date('2026-01-01T00:00:00.000Z'), 'Asia/Shanghai') <
        stampInZone(new Date('2026-01-01T00:00:00.001Z'), 'Asia/Shanghai'),
    ).toBe(true);
  });

  it('knows which zone names are real', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    expect(isTimeZone(8)).toBe(false);
  });
});
