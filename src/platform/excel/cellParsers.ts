import { cellToIsoDate } from '../../shared/dates';
import { yuanToFen } from '../../shared/money';
import { vocab, matchTerm, type VocabName } from '../../shared/vocab';
import { FICTITIOUS_1900_LEAP_DAY, type CellRaw } from './xlsxCells';

// Parsers for one non-empty cell of an import. Each returns the value or the reason the
// cell is refused, in words a user can act on. Emptiness is handled by the caller
// (importTable), so a parser never sees null or blank text.

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };
export type CellParser<T = unknown> = (raw: Exclude<CellRaw, null>) => Parsed<T>;

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const no = (reason: string): Parsed<never> => ({ ok: false, reason });

/** A cell as the user would read it, for error lists. */
export function valueText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return '';
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('T', ' ').replace(/\.000Z$|Z$/, '');
  }
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  const s = String(v);
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}

/** Text; numbers as typed (no exponent), dates as YYYY-MM-DD. Trimmed unless `keepSpaces`. */
/** The cell as read (the feature checks it against other rows or sheets itself). */
export const asIs: CellParser<Exclude<CellRaw, null>> = (raw) => ok(raw);

export function text(opts: { max?: number; keepSpaces?: boolean } = {}): CellParser<string> {
  return (raw) => {
    let s = typeof raw === 'string' ? raw : valueText(raw);
    if (!opts.keepSpaces) s = s.trim();
    if (opts.max !== undefined && s.length > opts.max) return no(`too long: ${s.length} characters, at most ${opts.max}`);
    return ok(s);
  };
}

/** Money in yuan (number or text like "¥1,234.50") to integer fen. */
export function money(opts: { signed?: boolean } = {}): CellParser<number> {
  return (raw) => {
    if (raw instanceof Date || typeof raw === 'boolean') return no('not a money amount');
    // A number computed in Excel may carry float noise (1234.5600000000001); Excel shows
    // 15 significant digits, so that is what the user sees and what we take.
    const value = typeof raw === 'number' ? Number(raw.toPrecision(15)) : raw.replace(/\s*元$/, '');
    const fen = yuanToFen(value);
    if (fen === null) {
      const t = String(value)
        .trim()
        .replace(/^[¥￥]\s*/, '')
        .replace(/,/g, '');
      if (/^[+-]?\d+\.\d{3,}$/.test(t)) return no('more than two decimals (money is in yuan with at most 2 decimals)');
      return no('not a money amount (expected yuan, e.g. 1234.50)');
    }
    if (!opts.signed && fen < 0) return no('cannot be negative');
    return ok(fen);
  };
}

/** A calendar date: a date cell, or text YYYY-MM-DD (also 2026/3/5). */
export function date(): CellParser<string> {
  return (raw) => {
    if (typeof raw === 'boolean') return no('not a date (expected YYYY-MM-DD)');
    const iso = cellToIsoDate(raw);
    if (iso) return ok(iso);
    if (typeof raw === 'string' && raw.startsWith(FICTITIOUS_1900_LEAP_DAY)) {
      return no(
        'not a date: Excel shows 1900-02-29, a day that never was (its 1900 date system counts 1900 as a leap year); enter the real date',
      );
    }
    return no('not a date (expected YYYY-MM-DD)');
  };
}

/** A term of a fixed vocabulary, by its key or its label in either language. */
export function term(name: VocabName): CellParser<string> {
  const allowed = vocab[name].map((t) => (t.zh === t.en ? t.en : `${t.en} (${t.zh})`)).join(', ');
  return (raw) => {
    const key = matchTerm(name, valueText(raw));
    return key ? ok(key) : no(`not a known value; use one of: ${allowed}`);
  };
}

/** A whole number within bounds. */
export function int(opts: { min?: number; max?: number } = {}): CellParser<number> {
  return (raw) => {
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim().replace(/,/g, '')) : Number.NaN;
    if (!Number.isInteger(n)) return no('not a whole number');
    if (opts.min !== undefined && n < opts.min) return no(`must be at least ${opts.min}`);
    if (opts.max !== undefined && n > opts.max) return no(`must be at most ${opts.max}`);
    return ok(n);
  };
}

/** A number (decimal point, optional thousands commas). */
export function number(opts: { min?: number; max?: number } = {}): CellParser<number> {
  return (raw) => {
    const n =
      typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim().replace(/,/g, '')) : Number.NaN;
    if (!Number.isFinite(n)) return no('not a number');
    if (opts.min !== undefined && n < opts.min) return no(`must be at least ${opts.min}`);
    if (opts.max !== undefined && n > opts.max) return no(`must be at most ${opts.max}`);
    return ok(n);
  };
}

/**
 * A percentage to basis points (integer). Excel stores a percent cell as a fraction
 * (12.5% is 0.125), so numbers and bare text are fractions; text ending in % is percent.
 */
export function percentBp(opts: { min?: number; max?: number } = {}): CellParser<number> {
  return (raw) => {
    let pct: number;
    if (typeof raw === 'number') pct = raw * 100;
    else if (typeof raw === 'string') {
      const t = raw.trim().replace(/,/g, '');
      const m = /^([+-]?\d+(?:\.\d+)?)\s*(%?)$/.exec(t);
      if (!m) return no('not a percentage (e.g. 12.5%)');
      pct = m[2] ? Number(m[1]) : Number(m[1]) * 100;
    } else return no('not a percentage (e.g. 12.5%)');
    const bp = Math.round(Number((pct * 100).toPrecision(12)));
    if (Math.abs(pct * 100 - bp) > 1e-6) return no('more than two decimals of a percent');
    if (opts.min !== undefined && bp < opts.min) return no(`must be at least ${opts.min / 100}%`);
    if (opts.max !== undefined && bp > opts.max) return no(`must be at most ${opts.max / 100}%`);
    return ok(bp);
  };
}

/**
 * One of a set of names (compared trimmed and case-insensitively) to its value. The
 * refusal lists `shown` (default: every name) so users see names, not internal ids.
 */
export function lookup<T>(entries: Iterable<[string, T]>, what: string, shown?: string[]): CellParser<T> {
  const map = new Map<string, T>();
  const names: string[] = [];
  for (const [k, v] of entries) {
    const norm = k.trim().toLowerCase();
    if (!map.has(norm)) names.push(k.trim());
    map.set(norm, v);
  }
  const list = shown ?? names;
  const known = list.slice(0, 12).join(', ');
  return (raw) => {
    const hit = map.get(valueText(raw).trim().toLowerCase());
    return hit !== undefined ? ok(hit) : no(`unknown ${what}${known ? ` (known: ${known}${list.length > 12 ? ', …' : ''})` : ''}`);
  };
}
