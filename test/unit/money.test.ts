import { describe, expect, it } from 'vitest';
import { axisYuan, fenToYuanText, formatMoney, mulDivRound, yuanToFen } from '../../src/shared/money';

describe('yuanToFen', () => {
  it('parses numbers and text in yuan exactly', () => {
    expect(yuanToFen(1234.56)).toBe(123456);
    expect(yuanToFen('1,234.5')).toBe(123450);
    expect(yuanToFen('¥ 12')).toBe(1200);
    expect(yuanToFen('-0.01')).toBe(-1);
    expect(yuanToFen(0.1 + 0.2)).toBe(null); // 0.30000000000000004 has more than two decimals
    expect(yuanToFen(19.99)).toBe(1999);
    expect(yuanToFen(3100000)).toBe(310000000);
  });
  it('refuses what is not money', () => {
    for (const bad of ['abc', '', '1.005', '1e3', null, undefined, Number.NaN, Infinity, '12元x', {}]) expect(yuanToFen(bad)).toBe(null);
  });
});

describe('mulDivRound', () => {
  it('rounds half away from zero, once', () => {
    expect(mulDivRound(60000000, 3000, 10000)).toBe(18000000); // 600,000 × 30 % = 180,000
    expect(mulDivRound(5, 1, 2)).toBe(3);
    expect(mulDivRound(-5, 1, 2)).toBe(-3);
    expect(mulDivRound(4, 1, 3)).toBe(1);
    expect(mulDivRound(333, 1000, 10000)).toBe(33);
    expect(mulDivRound(335, 1000, 10000)).toBe(34);
  });
});

describe('formatMoney', () => {
  it('shows ¥ with thousands separators, or 万', () => {
    expect(formatMoney(123456789, { locale: 'zh-CN' })).toBe('¥1,234,567.89');
    expect(formatMoney(-150, { locale: 'en' })).toBe('-¥1.50');
    expect(formatMoney(123456789, { locale: 'zh-CN', wan: true })).toBe('¥123.46万');
    expect(formatMoney(99999, { locale: 'zh-CN', wan: true })).toBe('¥999.99');
    expect(fenToYuanText(-5)).toBe('-0.05');
  });

  it('rounds half away from zero on the exact amount, at any size', () => {
    // 1.235万 is 1.23499999… as a double: the amount in fen is rounded, not the double.
    expect(formatMoney(1_235_000, { locale: 'zh-CN', wan: true })).toBe('¥1.24万');
    expect(formatMoney(-1_235_000, { locale: 'en', wan: true })).toBe('-¥1.24 wan');
    expect(formatMoney(12_350, { locale: 'en', decimals: 0 })).toBe('¥124');
    expect(formatMoney(-12_350, { locale: 'en', decimals: 0 })).toBe('-¥124');
    expect(formatMoney(12_349, { locale: 'en', decimals: 0 })).toBe('¥123');
    expect(formatMoney(0, { locale: 'en' })).toBe('¥0.00');
    expect(formatMoney(5, { locale: 'en' })).toBe('¥0.05');
    expect(formatMoney(100_000, { locale: 'en' })).toBe('¥1,000.00');
    expect(formatMoney(Number.MAX_SAFE_INTEGER, { locale: 'en' })).toBe('¥90,071,992,547,409.91');
    expect(formatMoney(Number.MAX_SAFE_INTEGER, { locale: 'en', wan: true })).toBe('¥9,007,199,254.74 wan');
  });
});

describe('axisYuan', () => {
  it('reads a tick in 万 and 亿 in Chinese, k and M in English, grouped below them', () => {
    expect(['zh-CN', 'en'].map((l) => axisYuan(0, l as 'en'))).toEqual(['0', '0']);
    expect(axisYuan(5_000, 'zh-CN')).toBe('5,000');
    expect(axisYuan(25_000, 'zh-CN')).toBe('2.5万');
    expect(axisYuan(120_000_000, 'zh-CN')).toBe('1.2亿');
    expect(axisYuan(-30_000, 'zh-CN')).toBe('-3万');
    expect(axisYuan(999, 'en')).toBe('999');
    expect(axisYuan(2_500, 'en')).toBe('2.5k');
    expect(axisYuan(40_000_000, 'en')).toBe('40M');
    expect(axisYuan(-1_500_000, 'en')).toBe('-1.5M');
  });
  it('shows a tick computed in floating point as the round number it is', () => {
    expect(axisYuan(0.1 + 0.2, 'en')).toBe('0.3');
    expect(axisYuan((0.1 + 0.2) * 10_000, 'zh-CN')).toBe('3,000');
    expect(axisYuan(0.7 * 100_000, 'zh-CN')).toBe('7万');
  });
});
