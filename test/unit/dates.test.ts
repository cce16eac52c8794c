import { describe, expect, it } from 'vitest';
import { addDays, cellToIsoDate, daysBetween, isIsoDate, isoToExcelDate } from '../../src/shared/dates';

describe('calendar dates', () => {
  it('validates ISO dates', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-2-1')).toBe(false);
  });
  it('does day arithmetic without time zones', () => {
    expect(daysBetween('2026-01-01', '2026-03-01')).toBe(59);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-29', -80)).toBe('2026-01-08');
  });
  it('reads spreadsheet cells as calendar dates', () => {
    expect(cellToIsoDate(isoToExcelDate('2026-11-25'))).toBe('2026-11-25');
    expect(cellToIsoDate(46351)).toBe('2026-11-25');
    expect(cellToIsoDate(44889, true)).toBe('2026-11-25');
    expect(cellToIsoDate('2026/11/5')).toBe('2026-11-05');
    expect(cellToIsoDate('not a date')).toBe(null);
    expect(cellToIsoDate('2026-02-30')).toBe(null);
  });
  it("reads serials before 1900-03-01 without Excel's fictitious 1900-02-29 (serial 60, no date)", () => {
    expect(cellToIsoDate(1)).toBe('1900-01-01');
    expect(cellToIsoDate(10)).toBe('1900-01-10');
    expect(cellToIsoDate(59)).toBe('1900-02-28');
    expect(cellToIsoDate(60)).toBe(null);
    expect(cellToIsoDate(61)).toBe('1900-03-01');
    expect(cellToIsoDate(60, true)).toBe('1904-03-01');
  });
});
