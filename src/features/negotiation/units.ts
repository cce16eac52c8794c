// Units of bargaining issues and how their values read.
//
// Every issue value is an integer number of hundredths of the issue's unit. For money
// (unit 'yuan') that is fen, the house rule; for days, months, years, % and the rest it is
// 1/100 of the unit, so "30 days" is 3000 and "1.5 years" is 150. One rule for all units
// keeps the arithmetic exact and lets a file carry plain numbers with up to two decimals.

export type Lang = 'zh-CN' | 'en';

export const UNIT_SCALE = 100;

/** Units the app knows by name; any other short text is accepted as a custom unit. */
export const knownUnits = {
  yuan: { zh: '元', en: 'yuan' },
  days: { zh: '天', en: 'days' },
  months: { zh: '个月', en: 'months' },
  years: { zh: '年', en: 'years' },
  percent: { zh: '%', en: '%' },
  times: { zh: '次', en: 'times' },
  hours: { zh: '小时', en: 'hours' },
  people: { zh: '人', en: 'people' },
} as const;
export type KnownUnit = keyof typeof knownUnits;

/** Unit texts users type for known units (in either language), to the unit's code. */
const ALIASES: Record<string, KnownUnit> = {
  元: 'yuan',
  rmb: 'yuan',
  cny: 'yuan',
  '¥': 'yuan',
  '￥': 'yuan',
  天: 'days',
  day: 'days',
  日: 'days',
  个月: 'months',
  月: 'months',
  month: 'months',
  年: 'years',
  year: 'years',
  '%': 'percent',
  pct: 'percent',
  次: 'times',
  time: 'times',
  小时: 'hours',
  hour: 'hours',
  人: 'people',
  person: 'people',
};

/** The stored code for what a user typed: a known unit's code, or the trimmed text. */
export function normalizeUnit(text: string): string {
  const t = text.trim();
  const lower = t.toLowerCase();
  if (lower in knownUnits) return lower;
  return ALIASES[lower] ?? ALIASES[t] ?? t;
}

export function isMoneyUnit(unit: string): boolean {
  return unit === 'yuan';
}

export function unitLabel(unit: string, lang: Lang): string {
  const k = knownUnits[unit as KnownUnit];
  return k ? (lang === 'zh-CN' ? k.zh : k.en) : unit;
}

/** 1234567 hundredths → "12,345.67"; whole numbers lose the decimals ("30"). */
export function formatQuantity(hundredths: number): string {
  const sign = hundredths < 0 ? '-' : '';
  const abs = Math.abs(hundredths);
  const whole = Math.floor(abs / UNIT_SCALE).toLocaleString('en-US');
  const frac = abs % UNIT_SCALE;
  return frac === 0 ? `${sign}${whole}` : `${sign}${whole}.${String(frac).padStart(2, '0').replace(/0$/, '')}`;
}

/** A value with its unit, for messages and labels: "¥3,100,000", "30 天", "1.5 years". */
export function formatIssueValue(hundredths: number | null | undefined, unit: string, lang: Lang): string {
  if (hundredths === null || hundredths === undefined) return '—';
  if (isMoneyUnit(unit)) {
    const q = formatQuantity(Math.abs(hundredths));
    return `${hundredths < 0 ? '-' : ''}¥${q}`;
  }
  const label = unitLabel(unit, lang);
  if (unit === 'percent') return `${formatQuantity(hundredths)}%`;
  return lang === 'zh-CN' && knownUnits[unit as KnownUnit]
    ? `${formatQuantity(hundredths)}${label}`
    : `${formatQuantity(hundredths)} ${label}`;
}

/** Short form for chart axes: money in 万 (zh) or k (en). */
export function formatIssueValueShort(hundredths: number, unit: string, lang: Lang): string {
  if (isMoneyUnit(unit) && Math.abs(hundredths) >= 1_000_000) {
    const yuan = hundredths / UNIT_SCALE;
    return lang === 'zh-CN'
      ? `¥${trimNumber(yuan / 10_000)}万`
      : Math.abs(yuan) >= 1_000_000
        ? `¥${trimNumber(yuan / 1_000_000)}M`
        : `¥${trimNumber(yuan / 1_000)}k`;
  }
  return formatIssueValue(hundredths, unit, lang);
}

function trimNumber(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** Hundredths as a plain number of units for a spreadsheet cell (exact below 2^53). */
export function toUnits(hundredths: number): number {
  return hundredths / UNIT_SCALE;
}

const QUANTITY_TEXT = /^([+-])?(\d{1,13})(?:\.(\d{1,2}))?$/;

/**
 * A number or text ("1,880,000", "¥ 12.5", "30") to hundredths, or null when it is not a
 * quantity with at most two decimals. Works on the decimal text, never on float products.
 */
export function parseQuantity(value: unknown): number | null {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    text = /e/i.test(String(value)) ? value.toFixed(20).replace(/\.?0+$/, '') : String(value);
  } else if (typeof value === 'string') {
    text = value
      .trim()
      .replace(/^[¥￥]\s*/, '')
      .replace(/,/g, '')
      .replace(/\s+/g, '');
  } else {
    return null;
  }
  const m = QUANTITY_TEXT.exec(text);
  if (!m) return null;
  const n = Number(m[2]) * UNIT_SCALE + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' && n !== 0 ? -n : n;
}
