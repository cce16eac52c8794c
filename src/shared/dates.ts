// Calendar dates are ISO 'YYYY-MM-DD' strings everywhere: stored, compared and sent as
// text, so no time zone can move them. Arithmetic goes through UTC day numbers.
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export type IsoDate = string;

export function isIsoDate(s: unknown): s is IsoDate {
  if (typeof s !== 'string') return false;
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** Days since 1970-01-01 for an ISO date. */
export function dayNumber(date: IsoDate): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new Error(`not an ISO date: ${date}`);
  return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000);
}

export function fromDayNumber(n: number): IsoDate {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * A spreadsheet date cell to ISO. ExcelJS hands dates back as JS Dates at UTC midnight
 * (it writes them as UTC too), so the UTC fields are the calendar date. Serial numbers
 * (1900 system) and ISO-like text are accepted as well.
 */
export function cellToIsoDate(value: unknown, date1904 = false): IsoDate | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    // Round to the nearest UTC day: some writers store 23:59:59.999 or local midnights.
    const n = Math.round(value.getTime() / 86_400_000);
    return fromDayNumber(n);
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    if (value < 1 || value > 2_958_465) return null;
    const days = excelSerialToUnixDays(value, date1904);
    return days === null ? null : fromDayNumber(Math.floor(days));
  }
  if (typeof value === 'string') {
    const t = value.trim().replace(/[/.]/g, '-');
    const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
    if (!m) return null;
    const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
    return isIsoDate(iso) ? iso : null;
  }
  return null;
}

/**
 * An Excel serial day number (with its fraction of a day) as days since 1970-01-01 (UTC).
 * The 1904 system counts from 1904-01-01. The 1900 system counts 1900-01-01 as day 1
 * but, like Lotus 1-2-3, also counts a 29 February 1900 that never was (serial 60): serials
 * from 61 on are one day later than a plain count, serials below 60 are not. Serial 60
 * itself is no date at all: null. (Serials below 1 are Excel's "1900-01-00", a time of
 * day only; they land on 1899-12-31.)
 */
export function excelSerialToUnixDays(serial: number, date1904 = false): number | null {
  if (date1904) return serial - 24107;
  if (serial >= 61) return serial - 25569;
  if (serial >= 60) return null;
  return serial - 25568;
}

/** An ISO date as the JS Date ExcelJS writes as that calendar date (UTC midnight). */
export function isoToExcelDate(date: IsoDate): Date {
  return new Date(dayNumber(date) * 86_400_000);
}

/** The last day of the calendar quarter containing `date`. */
export function quarterEnd(date: IsoDate): IsoDate {
  const y = Number(date.slice(0, 4));
  const q = Math.floor((Number(date.slice(5, 7)) - 1) / 3);
  return ['03-31', '06-30', '09-30', '12-31'].map((md) => `${y}-${md}`)[q]!;
}
