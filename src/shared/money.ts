// Money is stored and computed as integer fen (1 yuan = 100 fen). Files carry yuan with
// up to two decimals; the conversion below works on the decimal text, never on float
// multiplication, so 1.005 is refused rather than silently rounded.
//
// Rounding rule (used wherever a rate multiplies an amount, e.g. provisions, weighted
// forecast): the exact product is rounded half away from zero to whole fen, once, at the
// end of the calculation for each line; totals are sums of rounded lines.

export type Fen = number;

const YUAN_TEXT = /^([+-])?(\d{1,13})(?:\.(\d{1,2}))?$/;

/** Parses a yuan amount (number or text like "1,234.5", "¥ 12") to fen, or null if it is not money. */
export function yuanToFen(value: unknown): Fen | null {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    text = numberToPlainText(value);
  } else if (typeof value === 'string') {
    text = value
      .trim()
      .replace(/^[¥￥]\s*/, '')
      .replace(/,/g, '')
      .replace(/\s+/g, '');
    if (text.startsWith('-¥') || text.startsWith('-￥')) text = '-' + text.slice(2);
  } else {
    return null;
  }
  const m = YUAN_TEXT.exec(text);
  if (!m) return null;
  const sign = m[1] === '-' ? -1 : 1;
  const whole = Number(m[2]);
  const frac = Number((m[3] ?? '').padEnd(2, '0'));
  const fen = sign * (whole * 100 + frac);
  return Object.is(fen, -0) ? 0 : fen;
}

function numberToPlainText(n: number): string {
  // Shortest round-trip text; expand exponent forms (1e21 is out of range anyway).
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toFixed(20).replace(/\.?0+$/, '');
}

/** Fen to yuan as a JS number for spreadsheet cells (exact for |fen| < 2^53). */
export function fenToYuan(fen: Fen): number {
  return fen / 100;
}

/** Exact "1234.56" text with two decimals. */
export function fenToYuanText(fen: Fen): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100);
  const frac = String(abs % 100).padStart(2, '0');
  return `${sign}${whole}.${frac}`;
}

/** amount × numerator / denominator, rounded half away from zero to whole fen. */
export function mulDivRound(fen: Fen, numerator: number, denominator: number): Fen {
  if (denominator === 0) throw new Error('division by zero');
  const big = BigInt(fen) * BigInt(numerator);
  const d = BigInt(denominator);
  const q = big / d;
  const r = big % d;
  const twice = (r < 0n ? -r : r) * 2n;
  const absD = d < 0n ? -d : d;
  if (twice >= absD) {
    const positive = big < 0n === d < 0n;
    return Number(positive ? q + 1n : q - 1n);
  }
  return Number(q);
}

export interface MoneyFormatOptions {
  locale: 'zh-CN' | 'en';
  /** Show large amounts in 万 (10,000 yuan) units. */
  wan?: boolean;
  /** Decimals to show; money defaults to 2. */
  decimals?: number;
}

/**
 * `fen` in units of `unitFen` (100 for yuan, 1,000,000 for 万) with `decimals` decimals and
 * thousands separators, rounded half away from zero like every amount here; exact for every
 * safe integer. Written out rather than through Intl.NumberFormat: the first NumberFormat a
 * page makes loads its locale data (about 40 ms of the first screen on the bench's machine).
 */
function groupedUnits(fen: Fen, unitFen: number, decimals: number): string {
  const scale = 10 ** decimals;
  const scaled = Math.abs(scale === unitFen ? fen : mulDivRound(fen, scale, unitFen));
  const whole = String(Math.floor(scaled / scale)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return decimals > 0 ? `${whole}.${String(scaled % scale).padStart(decimals, '0')}` : whole;
}

/** ¥ with thousands separators, or ¥123.4万 when wan display is on. */
export function formatMoney(fen: Fen | null | undefined, opts: MoneyFormatOptions): string {
  if (fen === null || fen === undefined) return '';
  const decimals = opts.decimals ?? 2;
  if (opts.wan && Math.abs(fen) >= 1_000_000) {
    return `${fen < 0 ? '-' : ''}¥${groupedUnits(fen, 1_000_000, 2)}${opts.locale === 'zh-CN' ? '万' : ' wan'}`;
  }
  return `${fen < 0 ? '-' : ''}¥${groupedUnits(fen, 100, decimals)}`;
}

/** At most four decimals, trailing zeros dropped (0.1 + 0.2 ticks read 0.3, not 0.30000000000000004). */
const trimmed = (x: number) => String(Number(x.toFixed(4)));

/**
 * A chart axis tick (a round amount in yuan) in few characters: 万 and 亿 in Chinese, k and M
 * in English, thousands grouped below them. One form for every chart, and without
 * Number.toLocaleString, whose first call loads the locale's data in the middle of a chart's
 * first draw (13 ms of the pipeline review's, measured).
 */
export function axisYuan(yuan: number, locale: 'zh-CN' | 'en'): string {
  const a = Math.abs(yuan);
  const steps: [number, string][] =
    locale === 'zh-CN'
      ? [
          [1e8, '亿'],
          [1e4, '万'],
        ]
      : [
          [1e6, 'M'],
          [1e3, 'k'],
        ];
  for (const [unit, suffix] of steps) if (a >= unit) return `${trimmed(yuan / unit)}${suffix}`;
  return trimmed(yuan).replace(/^(-?\d+)/, (w) => w.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
}
