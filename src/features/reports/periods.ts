import { addDays, dayNumber, type IsoDate } from '../../shared/dates';

// The calendar the reports count in: weeks start on Monday (the manager's Monday), months
// are 'YYYY-MM', quarters are calendar quarters. Pure; dates are ISO text.

/** The Monday of the week holding `date`. */
export function weekStartOf(date: IsoDate): IsoDate {
  const weekday = (dayNumber(date) + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

export const monthOfDate = (date: IsoDate): string => date.slice(0, 7);

/** 1–4 */
export const quarterOfMonth = (month: string): number => Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1;

/** The three months of the quarter holding `month`. */
export function quarterMonths(month: string): string[] {
  const y = month.slice(0, 4);
  const first = (quarterOfMonth(month) - 1) * 3 + 1;
  return [0, 1, 2].map((i) => `${y}-${String(first + i).padStart(2, '0')}`);
}

export function monthRange(month: string): { from: IsoDate; to: IsoDate } {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { from: `${month}-01`, to: addDays(next, -1) };
}

export function quarterRange(month: string): { from: IsoDate; to: IsoDate } {
  const ms = quarterMonths(month);
  return { from: monthRange(ms[0]!).from, to: monthRange(ms[2]!).to };
}

export const isMonth = (s: string): boolean => /^\d{4}-(0[1-9]|1[0-2])$/.test(s);

/**
 * The dates a weekly report is about: the week (Monday–Sunday), the day it is read as of
 * (today, but never after the week's end), and last week's same day (movement is measured
 * from there). The month and quarter are those of the week's Monday.
 */
export interface ReportWeek {
  weekStart: IsoDate;
  weekEnd: IsoDate;
  asOf: IsoDate;
  previousAsOf: IsoDate;
  month: string;
}

export function reportWeek(week: IsoDate, today: IsoDate): ReportWeek {
  const weekStart = weekStartOf(week);
  const weekEnd = addDays(weekStart, 6);
  const asOf = today < weekEnd ? (today < weekStart ? weekStart : today) : weekEnd;
  return { weekStart, weekEnd, asOf, previousAsOf: addDays(asOf, -7), month: monthOfDate(weekStart) };
}
