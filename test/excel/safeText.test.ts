import { describe, expect, it } from 'vitest';
import { decodeXlsxText, EXCEL_MAX_CELL_TEXT, safeText } from '../../src/platform/excel/safeText';

describe('safeText', () => {
  it('leaves ordinary text alone, including formula-looking text (it is written as a string cell)', () => {
    for (const s of [
      '客户 A 有限公司',
      '=1+2',
      '+x',
      '-y',
      '@z',
      '=HYPERLINK("http://x","y")',
      'it\'s "quoted", with commas',
      '😀 emoji',
      'line 1\nline 2',
      '\tabc',
      ' leading space',
      'trailing ',
      '',
    ]) {
      expect(safeText(s)).toBe(s);
    }
  });
  it('turns other values into text', () => {
    expect(safeText(12)).toBe('12');
    expect(safeText(-0.5)).toBe('-0.5');
    expect(safeText(true)).toBe('true');
    expect(safeText(null)).toBe('');
    expect(safeText(undefined)).toBe('');
    expect(safeText(10n)).toBe('10');
    expect(safeText(new Date(Date.UTC(2026, 0, 2)))).toBe('2026-01-02T00:00:00.000Z');
    expect(safeText(new Date(Number.NaN))).toBe('');
  });
  it('writes CR the way Excel does, so XML parsing cannot turn it into LF', () => {
    expect(safeText('\rabc')).toBe('_x000D_abc');
    expect(safeText('a\r\nb')).toBe('a_x000D_\nb');
    expect(decodeXlsxText(safeText('a\r\nb'))).toBe('a\r\nb');
  });
  it('escapes text that looks like an Excel escape so it reads back unchanged', () => {
    expect(safeText('_x0041_')).toBe('_x005F_x0041_');
    expect(decodeXlsxText(safeText('_x0041_ and _x000d_'))).toBe('_x0041_ and _x000d_');
    expect(safeText('_x12_ _xZZZZ_')).toBe('_x12_ _xZZZZ_');
  });
  it('drops characters XML cannot carry', () => {
    expect(safeText('a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg')).toBe('abcdefg');
    expect(safeText('x\uFFFEy\uFFFFz')).toBe('xyz');
    expect(safeText('lone \uD800 high, lone \uDC00 low')).toBe('lone  high, lone  low');
    expect(safeText('pair 😀 kept')).toBe('pair 😀 kept');
    expect(safeText('tab\tand\nnewline')).toBe('tab\tand\nnewline');
  });
  it("cuts text at Excel's cell limit without splitting a surrogate pair", () => {
    expect(safeText('a'.repeat(EXCEL_MAX_CELL_TEXT + 10))).toHaveLength(EXCEL_MAX_CELL_TEXT);
    const s = 'a'.repeat(EXCEL_MAX_CELL_TEXT - 1) + '😀';
    expect(safeText(s)).toBe('a'.repeat(EXCEL_MAX_CELL_TEXT - 1));
  });
  it('decodeXlsxText decodes escapes and leaves other text alone', () => {
    expect(decodeXlsxText('a_x000D_b')).toBe('a\rb');
    expect(decodeXlsxText('_x005F_x0041_')).toBe('_x0041_');
    expect(decodeXlsxText('plain')).toBe('plain');
  });
});
