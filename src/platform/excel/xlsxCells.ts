import { excelSerialToUnixDays } from '../../shared/dates';
import { decodeXlsxText } from './safeText';

// What an .xlsx cell holds, from its XML (type, <v>, inline text and style) to the value the
// reader returns: text, number, boolean, a date (UTC) or null. See xlsxReader.ts.

/** A cell's value as read: text, number, boolean, Date (UTC midnight for a date cell) or null. */
export type CellRaw = string | number | boolean | Date | null;

/** A cell's value; undefined for a shared-string index the table does not have. */
export function cellValue(
  type: string,
  hasV: boolean,
  vText: string,
  tText: string,
  style: number,
  strings: string[],
  dateStyles: boolean[],
  date1904: boolean,
): CellRaw | undefined {
  switch (type) {
    case 's': {
      // An empty <v/> (some generators write one) is an empty cell, not string 0.
      const index = vText.trim();
      if (!hasV || index === '') return null;
      return strings[Number(index)];
    }
    case 'inlineStr':
      return detach(decodeXlsxText(tText));
    case 'str':
      return hasV ? detach(decodeXlsxText(vText)) : null;
    case 'b':
      return hasV ? vText.trim() === '1' || vText.trim() === 'true' : null;
    case 'e':
      return hasV ? vText : null;
    case 'd': {
      if (!hasV) return null;
      const t = vText.trim();
      const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(t) || !t.includes('T') ? t : `${t}Z`);
      return Number.isNaN(d.getTime()) ? t : d;
    }
    default: {
      if (!hasV || vText === '') return null;
      const n = Number(vText);
      if (!Number.isFinite(n)) return vText;
      if (dateStyles[style]) return serialToDate(n, date1904) ?? fictitiousLeapDay(n);
      return n;
    }
  }
}

/**
 * A copy of a parsed string that does not pin the parser's input chunk: V8 makes
 * substrings of 13+ characters as slices of their parent, so every kept cell text would
 * otherwise keep its whole 256 KB chunk of sheet XML alive (the whole sheet, for a big
 * import). Prepending a character forces a flat copy.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/**
 * An Excel serial day number to the JS Date (UTC) of that day and time; null for the
 * 1900 system's serial 60, Excel's 29 February 1900 that never was.
 */
export function serialToDate(serial: number, date1904 = false): Date | null {
  const days = excelSerialToUnixDays(serial, date1904);
  return days === null ? null : new Date(Math.round(days * 86_400_000));
}

/**
 * A date cell holding serial 60 of the 1900 system reads as the text Excel shows for it,
 * "1900-02-29" (with the time of day when there is one): it is no date, so a date field
 * refuses it with its value in the error list, and a text field keeps what the user saw.
 */
export const FICTITIOUS_1900_LEAP_DAY = '1900-02-29';
function fictitiousLeapDay(serial: number): string {
  const seconds = Math.round((serial - 60) * 86_400);
  if (seconds === 0) return FICTITIOUS_1900_LEAP_DAY;
  return `${FICTITIOUS_1900_LEAP_DAY} ${new Date(seconds * 1000).toISOString().slice(11, 19)}`;
}

// Built-in number formats that are dates or times, including those Chinese, Japanese and
// Korean Excel use (27–36, 50–58).
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/** True when a number format shows a date: a built-in date id, or a code with date parts. */
export function isDateFormat(id: number, code: string | undefined): boolean {
  if (code === undefined) return DATE_FORMAT_IDS.has(id);
  // Drop what is not a format letter: quoted text, escaped and padding characters, and
  // [colour]/[$-804] sections (but keep elapsed-time brackets like [h]).
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/[\\_*]./g, '')
    .replace(/\[(?!(h+|m+|s+)\])[^\]]*\]/gi, '')
    .split(';')[0]!;
  if (/^\s*general\s*$/i.test(bare)) return false;
  return /[dmyhs年月日]/i.test(bare);
}

/** 'BC12' → 55. */
export function columnOfRef(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
  }
  return n;
}
