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
    const base = date1904 ? dayNumber('1904-01-01') : dayNumber('1899-12-30');
    return fromDayNumber(base + Math.floor(value));
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

/** An ISO date as the JS Date ExcelJS writes as that calendar date (UTC midnight). */
export function isoToExcelDate(date: IsoDate): Date {
  return new Date(dayNumber(date) * 86_400_000);
}
