// ABC / Pareto classification (docs/en/abc.md). Pure: plain data in, plain data out.
//
// The rule, exactly: sort by value descending, ties by name then id (code-point order, the
// same as SQLite's BINARY collation on UTF-8). Only positive values count toward the total;
// an account with zero or negative value is C. With `prev` the sum of the positive values
// of every account before this one: A when prev < a % of the total, else B when prev < b %,
// else C — so the account that crosses a threshold still belongs to the higher class.
// Everything that decides a class is integer arithmetic on fen; shares are for display.

export type ParetoClass = 'A' | 'B' | 'C';
export const PARETO_CLASSES: readonly ParetoClass[] = ['A', 'B', 'C'];

/** Thresholds in percent (0–100, at most two decimals), a ≤ b. */
export interface ParetoThresholds {
  a: number;
  b: number;
}

export const DEFAULT_THRESHOLDS: ParetoThresholds = { a: 55, b: 85 };
export const THRESHOLD_PRESETS: readonly ParetoThresholds[] = [
  { a: 55, b: 85 },
  { a: 70, b: 90 },
  { a: 80, b: 95 },
];
/** The healthy composition by account count (docs/en/abc.md). */
export const HEALTHY_MIX: Record<ParetoClass, number> = { A: 20, B: 40, C: 40 };

export interface ParetoItem {
  id: string;
  name: string;
  /** The measure in fen (may be zero or negative). */
  value: number;
}

export interface RankedItem extends ParetoItem {
  /** 1-based position in the sorted list. */
  rank: number;
  /** Sum of the positive values before this item, in fen. */
  prev: number;
  cls: ParetoClass;
  /** max(value, 0) / total, 0 when the total is 0. */
  share: number;
  /** (prev + max(value, 0)) / total, 0 when the total is 0. */
  cumulativeShare: number;
}

/** Percent (two decimals at most) to basis points; throws on anything else. */
export function toBasisPoints(percent: number): number {
  const bp = Math.round(percent * 100);
  if (!Number.isFinite(percent) || Math.abs(percent * 100 - bp) > 1e-6 || bp < 0 || bp > 10_000) {
    throw new RangeError(`threshold must be 0–100 with at most two decimals, got ${percent}`);
  }
  return bp;
}

export function checkThresholds(t: ParetoThresholds): { aBp: number; bBp: number } {
  const aBp = toBasisPoints(t.a);
  const bBp = toBasisPoints(t.b);
  if (aBp > bBp) throw new RangeError(`threshold A (${t.a}) must not exceed B (${t.b})`);
  return { aBp, bBp };
}

/**
 * The cut points in fen: an item is A when prev < cutA, B when prev < cutB. Because prev is
 * an integer, prev·10000 < aBp·total ⇔ prev < ⌈aBp·total / 10000⌉ — computed once in BigInt,
 * so no per-item multiplication can overflow or round.
 */
export function paretoCutoffs(total: number | bigint, t: ParetoThresholds): { cutA: bigint; cutB: bigint } {
  const { aBp, bBp } = checkThresholds(t);
  const tot = BigInt(total);
  const ceilDiv = (x: bigint) => (x + 9_999n) / 10_000n; // x ≥ 0
  return { cutA: ceilDiv(BigInt(aBp) * tot), cutB: ceilDiv(BigInt(bBp) * tot) };
}

/** Code-point order (SQLite BINARY on UTF-8); plain `<` on JS strings compares UTF-16 units. */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate (a code point above U+FFFF) sorts after every BMP character.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/** Rank order: value descending, then name, then id. */
export function compareForRank(x: ParetoItem, y: ParetoItem): number {
  if (x.value !== y.value) return y.value > x.value ? 1 : -1;
  return compareText(x.name, y.name) || compareText(x.id, y.id);
}

export interface ParetoResult {
  rows: RankedItem[];
  /** Sum of the positive values, in fen (BigInt only when beyond 2^53). */
  total: number | bigint;
  composition: Composition;
}

/** Where the classes end in a ranking: ranks [0, aEnd) are A, [aEnd, bEnd) B, the rest C. */
export interface ParetoBoundaries {
  aEnd: number;
  bEnd: number;
}

/**
 * The first rank in [from, upTo) whose sum-before is at or above `cut` (sums-before never
 * decrease along a ranking, so this is a binary search). `prevAt(i)` must be exact: a number
 * within 2^53 or a BigInt.
 */
function firstAtOrAbove(prevAt: (i: number) => number | bigint, cut: bigint, from: number, upTo: number): number {
  let lo = from;
  let hi = upTo;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (prevAt(mid) < cut)
      lo = mid + 1; // number < bigint compares exactly
    else hi = mid;
  }
  return lo;
}

/**
 * THE class rule, used by the app's ranking (server/ranking.ts) and by classifyPareto: in a
 * ranking by value descending, a rank with a positive value is A while the sum of the
 * positive values before it is below the A cut (so the account that crosses a threshold
 * stays in the higher class), B while below the B cut; zero and negative values are C.
 * `positive` = how many leading ranks hold a positive value.
 */
export function paretoBoundaries(
  prevAt: (i: number) => number | bigint,
  positive: number,
  total: number | bigint,
  t: ParetoThresholds,
): ParetoBoundaries {
  const cut = paretoCutoffs(total, t);
  const aEnd = firstAtOrAbove(prevAt, cut.cutA, 0, positive);
  const bEnd = firstAtOrAbove(prevAt, cut.cutB, aEnd, positive);
  return { aEnd, bEnd };
}

/** The class of rank `i` (0-based) under its ranking's boundaries. */
export function classAt(i: number, b: ParetoBoundaries): ParetoClass {
  return i < b.aEnd ? 'A' : i < b.bEnd ? 'B' : 'C';
}

/** Classifies a list of accounts by the rule above. */
export function classifyPareto(items: readonly ParetoItem[], thresholds: ParetoThresholds): ParetoResult {
  const sorted = [...items].sort(compareForRank);
  let total = 0;
  for (const it of sorted) if (it.value > 0) total += it.value;
  const exact = Number.isSafeInteger(total);
  // Sums before each rank: plain numbers within 2^53 (exact), BigInt beyond it.
  const prev: (number | bigint)[] = new Array(sorted.length);
  let prevN = 0;
  let prevB = 0n;
  let positive = 0;
  for (let i = 0; i < sorted.length; i++) {
    const pos = sorted[i]!.value > 0 ? sorted[i]!.value : 0;
    if (pos > 0) positive++;
    prev[i] = exact ? prevN : prevB;
    if (exact) prevN += pos;
    else prevB += BigInt(pos);
  }
  const bigTotal = exact ? BigInt(total) : prevB;
  const b = paretoBoundaries((i) => prev[i]!, positive, bigTotal, thresholds);
  const totalN = Number(bigTotal);
  const rows: RankedItem[] = new Array(sorted.length);
  for (let i = 0; i < sorted.length; i++) {
    const it = sorted[i]!;
    const pos = it.value > 0 ? it.value : 0;
    const prevNum = Number(prev[i]);
    // Explicit fields: an object spread here costs ~25 µs per row at a million rows.
    rows[i] = {
      id: it.id,
      name: it.name,
      value: it.value,
      rank: i + 1,
      prev: prevNum,
      cls: classAt(i, b),
      share: totalN > 0 ? pos / totalN : 0,
      cumulativeShare: totalN > 0 ? (prevNum + pos) / totalN : 0,
    };
  }
  return {
    rows,
    total: exact ? total : bigTotal,
    composition: compositionOf(
      rows.map((r) => [r.cls, r.value] as const),
      totalN,
    ),
  };
}

export interface ClassComposition {
  cls: ParetoClass;
  accounts: number;
  /** Fraction of accounts, 0–1. */
  accountShare: number;
  /** Sum of the positive values of the class, in fen (so the classes add up to the total). */
  value: number;
  /** Fraction of the total, 0–1. */
  valueShare: number;
  /** The healthy share of accounts, 0–1, and actual − healthy (fraction points). */
  healthyShare: number;
  difference: number;
}

export interface Composition {
  classes: ClassComposition[];
  accounts: number;
  total: number;
  /** Accounts with zero or negative value (always C). */
  nonPositive: number;
}

/** Per-class counts and values from per-class sums (used by the server's cached path too). */
export function compositionFromCounts(
  counts: Record<ParetoClass, number>,
  values: Record<ParetoClass, number>,
  total: number,
  nonPositive: number,
): Composition {
  const n = counts.A + counts.B + counts.C;
  const classes = PARETO_CLASSES.map((cls) => {
    const accountShare = n > 0 ? counts[cls] / n : 0;
    const healthyShare = HEALTHY_MIX[cls] / 100;
    return {
      cls,
      accounts: counts[cls],
      accountShare,
      value: values[cls],
      valueShare: total > 0 ? values[cls] / total : 0,
      healthyShare,
      difference: accountShare - healthyShare,
    };
  });
  return { classes, accounts: n, total, nonPositive };
}

function compositionOf(rows: readonly (readonly [ParetoClass, number])[], total: number): Composition {
  const counts = { A: 0, B: 0, C: 0 };
  const values = { A: 0, B: 0, C: 0 };
  let nonPositive = 0;
  for (const [cls, v] of rows) {
    counts[cls]++;
    if (v > 0) values[cls] += v;
    else nonPositive++;
  }
  return compositionFromCounts(counts, values, total, nonPositive);
}

export type Measure = 'sales' | 'salesLastYear' | 'profit';
const MEASURE_WORDS: Record<Measure, { zh: string; en: string }> = {
  sales: { zh: '销售额', en: 'sales' },
  salesLastYear: { zh: '去年销售额', en: "last year's sales" },
  profit: { zh: '利润', en: 'profit' },
};

const pct = (x: number) => `${Math.round(x * 100)} %`;

/**
 * A plain-language reading of the composition, in both languages, e.g. "A has 9 % of
 * accounts holding 55 % of sales: concentrated; protect them."
 */
export function readComposition(c: Composition, measure: Measure): { 'zh-CN': string; en: string } {
  const w = MEASURE_WORDS[measure];
  if (c.accounts === 0) return { 'zh-CN': '范围内没有客户。', en: 'There are no accounts in this scope.' };
  if (c.total <= 0) {
    return {
      'zh-CN': `所有客户的${w.zh}都为零或负数：无法做 ABC 分析，全部归为 C 类。`,
      en: `Every account has zero or negative ${w.en}: there is nothing to rank, so all are C.`,
    };
  }
  const [A, B, C] = c.classes as [ClassComposition, ClassComposition, ClassComposition];
  const zh: string[] = [];
  const en: string[] = [];
  const head = {
    zh: `A 类 ${pct(A.accountShare)} 的客户贡献了 ${pct(A.valueShare)} 的${w.zh}`,
    en: `A has ${pct(A.accountShare)} of accounts holding ${pct(A.valueShare)} of ${w.en}`,
  };
  if (A.accountShare < 0.1) {
    zh.push(`${head.zh}：高度集中，要重点保护这些客户。`);
    en.push(`${head.en}: concentrated; protect them.`);
  } else if (A.accountShare <= 0.3) {
    zh.push(`${head.zh}：接近健康结构（约 20 %）。`);
    en.push(`${head.en}: close to the healthy 20 %.`);
  } else {
    zh.push(`${head.zh}：分布较散，缺少突出的大客户，应寻找可培养的重点客户。`);
    en.push(`${head.en}: spread thin; no clear key accounts, look for ones to grow.`);
  }
  if (B.accountShare < 0.25) {
    zh.push(`B 类只有 ${pct(B.accountShare)}（健康约 40 %）：中间层薄弱，培养 B 类升级为 A 类。`);
    en.push(`B holds only ${pct(B.accountShare)} of accounts (healthy ≈ 40 %): a thin middle; develop B accounts into A.`);
  }
  if (C.accountShare > 0.55) {
    zh.push(`C 类占 ${pct(C.accountShare)} 的客户：用电话和集中拜访覆盖，但不要放弃小客户（潜在价值）。`);
    en.push(
      `C is ${pct(C.accountShare)} of accounts: cover them by phone and grouped visits, but don't drop small accounts (potential value).`,
    );
  }
  if (c.nonPositive > 0) {
    zh.push(`${c.nonPositive} 个客户的${w.zh}为零或负数，归为 C 类。`);
    en.push(`${c.nonPositive} accounts have zero or negative ${w.en} and are C.`);
  }
  return { 'zh-CN': zh.join(''), en: en.join(' ') };
}

/** "sales 55/85": the rule text kept with every grade batch. */
export function ruleText(measure: Measure, t: ParetoThresholds): string {
  return `${measure} ${t.a}/${t.b}`;
}
