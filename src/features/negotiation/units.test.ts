import { describe, expect, it } from 'vitest';
import { formatIssueValue, formatIssueValueShort, formatQuantity, normalizeUnit, parseQuantity, toUnits } from './units';

describe('issue units', () => {
  it('parses quantities with up to two decimals to hundredths, exactly', () => {
    expect(parseQuantity(3100000)).toBe(310_000_000);
    expect(parseQuantity('1,880,000')).toBe(188_000_000);
    expect(parseQuantity('¥ 12.5')).toBe(1250);
    expect(parseQuantity(0.07)).toBe(7);
    expect(parseQuantity('-3')).toBe(-300);
    expect(parseQuantity('1.005')).toBeNull();
    expect(parseQuantity('abc')).toBeNull();
    expect(parseQuantity('')).toBeNull();
    expect(parseQuantity(Number.NaN)).toBeNull();
    expect(toUnits(310_000_000)).toBe(3_100_000);
  });
  it('formats values with their unit in both languages', () => {
    expect(formatQuantity(150)).toBe('1.5');
    expect(formatQuantity(123456789)).toBe('1,234,567.89');
    expect(formatIssueValue(310_000_000, 'yuan', 'en')).toBe('¥3,100,000');
    expect(formatIssueValue(3000, 'days', 'zh-CN')).toBe('30天');
    expect(formatIssueValue(3000, 'days', 'en')).toBe('30 days');
    expect(formatIssueValue(250, 'percent', 'en')).toBe('2.5%');
    expect(formatIssueValue(200, 'sessions', 'en')).toBe('2 sessions');
    expect(formatIssueValue(null, 'yuan', 'en')).toBe('—');
    expect(formatIssueValueShort(310_000_000, 'yuan', 'zh-CN')).toBe('¥310万');
    expect(formatIssueValueShort(310_000_000, 'yuan', 'en')).toBe('¥3.1M');
  });
  it('maps typed unit names to codes and keeps custom ones', () => {
    expect(normalizeUnit('元')).toBe('yuan');
    expect(normalizeUnit(' Days ')).toBe('days');
    expect(normalizeUnit('天')).toBe('days');
    expect(normalizeUnit('培训课时')).toBe('培训课时');
  });
});
