import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import {
  classAt,
  classifyPareto,
  compareText,
  paretoBoundaries,
  paretoCutoffs,
  readComposition,
  ruleText,
  toBasisPoints,
  THRESHOLD_PRESETS,
  type ParetoItem,
  type ParetoThresholds,
} from './domain';

const items = (values: number[]): ParetoItem[] =>
  values.map((value, i) => ({ id: `id${String(i).padStart(2, '0')}`, name: `n${String(i).padStart(2, '0')}`, value }));
const classes = (values: number[], t: ParetoThresholds = { a: 55, b: 85 }) =>
  classifyPareto(items(values), t)
    .rows.map((r) => r.cls)
    .join('');

describe('classifyPareto: the rule', () => {
  it("classes by the cumulative share before each account (the seeds' worked shape)", () => {
    // total 100: prev 0, 50, 80, 90, 95 → A A B C C
    const r = classifyPareto(items([5, 50, 10, 30, 5]), { a: 55, b: 85 });
    expect(r.rows.map((x) => x.value)).toEqual([50, 30, 10, 5, 5]);
    expect(r.rows.map((x) => x.prev)).toEqual([0, 50, 80, 90, 95]);
    expect(r.rows.map((x) => x.cls).join('')).toBe('AABCC');
    expect(r.rows.map((x) => x.cumulativeShare)).toEqual([0.5, 0.8, 0.9, 0.95, 1]);
    expect(r.total).toBe(100);
  });

  it('keeps the account that crosses a threshold in the higher class', () => {
    expect(classes([60, 40])).toBe('AB'); // 60 crosses 55 % from prev 0
    expect(classes([60, 30, 10])).toBe('ABC'); // 30 crosses 85 % from prev 60: B
    expect(classes([50, 40, 10])).toBe('AAC'); // 40 crosses both 55 and 85 from prev 50: still A
  });

  it('puts an account whose prev equals the threshold exactly in the lower class', () => {
    expect(classes([55, 30, 15])).toBe('ABC'); // prev 55 is not < 55; prev 85 is not < 85
    expect(classes([54, 30, 16])).toBe('AAB'); // prev 54 < 55, prev 84 < 85
  });

  it('breaks ties by name, then id (code-point order)', () => {
    const list: ParetoItem[] = [
      { id: 'b', name: 'Zeta', value: 10 },
      { id: 'c', name: 'Alpha', value: 10 },
      { id: 'a', name: 'Alpha', value: 10 },
      { id: 'd', name: 'Big', value: 70 },
    ];
    const r = classifyPareto(list, { a: 55, b: 85 });
    expect(r.rows.map((x) => x.id)).toEqual(['d', 'a', 'c', 'b']);
    expect(r.rows.map((x) => x.cls).join('')).toBe('ABBC'); // prev 0, 70, 80, 90
    // Input order does not matter.
    expect(classifyPareto([...list].reverse(), { a: 55, b: 85 }).rows.map((x) => x.id)).toEqual(['d', 'a', 'c', 'b']);
  });

  it('makes zero and negative values C and leaves them out of the total', () => {
    const r = classifyPareto(items([0, 100, -50, 0]), { a: 55, b: 85 });
    expect(r.total).toBe(100);
    expect(r.rows.map((x) => [x.value, x.cls])).toEqual([
      [100, 'A'],
      [0, 'C'],
      [0, 'C'],
      [-50, 'C'],
    ]);
    expect(r.rows.map((x) => x.share)).toEqual([1, 0, 0, 0]);
    expect(r.composition.nonPositive).toBe(3);
    expect(r.composition.classes.map((c) => c.value)).toEqual([100, 0, 0]);
    // Even with thresholds at 100 %, a zero account stays C.
    expect(classes([0, 100, -50], { a: 100, b: 100 })).toBe('ACC');
  });

  it('classes everything C when nothing is positive', () => {
    const r = classifyPareto(items([0, -1, 0]), { a: 55, b: 85 });
    expect(r.rows.map((x) => [x.cls, x.share, x.cumulativeShare])).toEqual([
      ['C', 0, 0],
      ['C', 0, 0],
      ['C', 0, 0],
    ]);
    expect(r.total).toBe(0);
  });

  it('handles a single account and an empty list', () => {
    expect(classes([42])).toBe('A');
    expect(classes([42], { a: 0, b: 50 })).toBe('B');
    expect(classes([42], { a: 0, b: 0 })).toBe('C');
    expect(classifyPareto([], { a: 55, b: 85 }).rows).toEqual([]);
  });

  it('splits all-equal values by position (name order)', () => {
    // ten accounts of 10: prev 0..90 → A while prev < 55 (0–50: six), B while < 85 (60–80: three), C (90)
    expect(classes(new Array(10).fill(10))).toBe('AAAAAABBBC');
  });

  it('honours thresholds 0 and 100', () => {
    const v = [40, 30, 20, 10];
    expect(classes(v, { a: 0, b: 0 })).toBe('CCCC');
    expect(classes(v, { a: 0, b: 100 })).toBe('BBBB');
    expect(classes(v, { a: 100, b: 100 })).toBe('AAAA');
  });

  it('applies the presets 55/85, 70/90 and 80/95', () => {
    const v = [40, 20, 15, 10, 8, 4, 2, 1]; // total 100; prev 0 40 60 75 85 93 97 99
    expect(THRESHOLD_PRESETS.map((t) => classes(v, t))).toEqual(['AABBCCCC', 'AAABBCCC', 'AAAABBCC']);
  });

  it('refuses bad thresholds', () => {
    expect(() => classifyPareto(items([1]), { a: 90, b: 80 })).toThrow(/must not exceed/);
    expect(() => classifyPareto(items([1]), { a: -1, b: 80 })).toThrow(RangeError);
    expect(() => classifyPareto(items([1]), { a: 55.555, b: 80 })).toThrow(RangeError);
    expect(toBasisPoints(55.5)).toBe(5550);
  });

  it('stays exact on integers beyond 2^53 (BigInt path)', () => {
    const big = 9_000_000_000_000_000; // 9e15 fen each; the total 2.7e16 is beyond 2^53
    const r = classifyPareto(items([big, big, big]), { a: 33.33, b: 66.67 });
    expect(typeof r.total).toBe('bigint');
    // prev: 0, 9e15, 1.8e16 against cuts ⌈0.3333·2.7e16⌉ = 8.9991e15, ⌈0.6667·2.7e16⌉ = 1.80009e16
    expect(r.rows.map((x) => x.cls).join('')).toBe('ABB');
  });

  it('decides the boundary with integers, not floats', () => {
    // total 3, a = 33.33 %: prev 1 → 1·10000 < 3333·3 = 9999 is false: B (a float share 0.3333… would say the same
    // only by luck). cutA = ⌈9999/10000⌉ = 1.
    expect(paretoCutoffs(3, { a: 33.33, b: 66.67 })).toEqual({ cutA: 1n, cutB: 3n });
    // Values 1, 1, 1: sums before are 0, 1, 2 → A (0 < 1), B (1 < 3), B (2 < 3).
    const b = paretoBoundaries((i) => [0, 1, 2][i]!, 3, 3, { a: 33.33, b: 66.67 });
    expect(b).toEqual({ aEnd: 1, bEnd: 3 });
    expect([0, 1, 2, 3].map((i) => classAt(i, b)).join('')).toBe('ABBC');
    // Zero and negative values (after the positive ranks) are C whatever their sums.
    expect(paretoBoundaries((i) => [0, 1, 1][i]!, 1, 1, { a: 55, b: 85 })).toEqual({ aEnd: 1, bEnd: 1 });
  });

  it('classifies a list of 1,000,000 values (timing reported, not asserted)', () => {
    const rng = seedrandom('pareto-1m');
    const list: ParetoItem[] = new Array(1_000_000);
    for (let i = 0; i < list.length; i++) {
      const r = rng();
      list[i] = {
        id: `a${i}`,
        name: `Account ${Math.floor(rng() * 500_000)}`,
        value: r < 0.01 ? 0 : r < 0.02 ? -Math.round(rng() * 1e6) : Math.round(Math.pow(rng(), 4) * 5e8),
      };
    }
    const t0 = performance.now();
    const r = classifyPareto(list, { a: 55, b: 85 });
    console.log(`classifyPareto 1,000,000 values: ${Math.round(performance.now() - t0)} ms`);
    // Check every row against the rule in BigInt, independently of the implementation.
    let total = 0n;
    for (const it of list) if (it.value > 0) total += BigInt(it.value);
    expect(BigInt(r.total)).toBe(total);
    let prev = 0n;
    const wrong: string[] = [];
    for (let i = 0; i < r.rows.length; i++) {
      const row = r.rows[i]!;
      if (i > 0 && row.value > r.rows[i - 1]!.value) wrong.push(`${i}: not descending`);
      const want = row.value <= 0 ? 'C' : prev * 10000n < 5500n * total ? 'A' : prev * 10000n < 8500n * total ? 'B' : 'C';
      if (row.cls !== want) wrong.push(`${i}: ${row.cls} should be ${want}`);
      if (row.value > 0) prev += BigInt(row.value);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    const c = r.composition.classes;
    expect(c.reduce((s, x) => s + x.accounts, 0)).toBe(1_000_000);
    expect(c.reduce((s, x) => s + x.value, 0)).toBe(Number(total));
  }, 180_000);
});

describe('compareText', () => {
  it('orders by code point like SQLite BINARY', () => {
    expect(compareText('a', 'b')).toBeLessThan(0);
    expect(compareText('ab', 'a')).toBeGreaterThan(0);
    // U+1F600 (a surrogate pair in UTF-16) sorts after U+FF5E in code-point order.
    expect(compareText('\u{1F600}', '\uFF5E')).toBeGreaterThan(0);
    expect(['\u{1F600}', '\uFF5E', 'z'].sort(compareText)).toEqual(['z', '\uFF5E', '\u{1F600}']);
  });
});

describe('composition and reading', () => {
  it('compares the composition with the healthy 20/40/40 mix', () => {
    // 100 accounts: one giant (A) holds 60 %, then 99 small ones.
    const v = [5940, ...new Array(99).fill(40)] as number[]; // total 9900
    const r = classifyPareto(items(v), { a: 55, b: 85 });
    const [A, B, C] = r.composition.classes;
    expect(A).toMatchObject({ cls: 'A', accounts: 1, accountShare: 0.01, value: 5940, valueShare: 0.6, healthyShare: 0.2 });
    expect(A!.difference).toBeCloseTo(-0.19);
    expect(B!.accounts + C!.accounts).toBe(99);
    const reading = readComposition(r.composition, 'sales');
    expect(reading.en).toContain('A has 1 % of accounts holding 60 % of sales: concentrated; protect them.');
    expect(reading['zh-CN']).toContain('A 类 1 % 的客户贡献了 60 % 的销售额：高度集中');
  });

  it('reads a balanced and an empty composition', () => {
    const r = classifyPareto(items([30, 25, 20, 10, 5, 4, 3, 2, 1]), { a: 55, b: 85 });
    expect(readComposition(r.composition, 'profit').en).toMatch(/A has 22 % of accounts holding 55 % of profit: close to the healthy 20 %/);
    expect(readComposition(classifyPareto([], { a: 55, b: 85 }).composition, 'sales').en).toBe('There are no accounts in this scope.');
    expect(ruleText('sales', { a: 55, b: 85 })).toBe('sales 55/85');
  });
});
