// The monthly visit plan of one rep (docs/en/abc.md): A accounts 3 visits a month with the
// first in week 1, B 2, C 1 (possibly a phone call). A visits are the anchors; B/C accounts
// in the same city are put on the same day so one trip covers them. Pure.
import { dayNumber, fromDayNumber } from '../../shared/dates';

export type PlanGrade = 'A' | 'B' | 'C' | 'D';
export const PLAN_GRADES: readonly PlanGrade[] = ['A', 'B', 'C', 'D'];

export interface VisitSettings {
  /** Contacts per month by grade. */
  perMonth: Record<PlanGrade, number>;
  /** Grades whose contacts are phone calls rather than visits. */
  byPhone: Record<PlanGrade, boolean>;
  /** Visits a rep can make in one working day. */
  visitsPerDay: number;
  /** Phone calls a rep can make in one working day. */
  callsPerDay: number;
}

export const DEFAULT_VISIT_SETTINGS: VisitSettings = {
  perMonth: { A: 3, B: 2, C: 1, D: 0 },
  byPhone: { A: false, B: false, C: true, D: true },
  visitsPerDay: 4,
  callsPerDay: 12,
};

/** Week 1 = the first five working days of the month. */
const FIRST_WEEK = 5;

export interface PlanAccount {
  id: string;
  name: string;
  city: string | null;
  grade: PlanGrade;
  /** Larger first within a grade (the anchors get the best days). */
  value: number;
}

export interface PlannedContact {
  accountId: string;
  name: string;
  city: string | null;
  grade: PlanGrade;
  mode: 'visit' | 'call';
  /** 1-based: this account's n-th contact of the month, of `of`. */
  n: number;
  of: number;
}

export interface PlanDay {
  date: string;
  /** 1-based week of the plan (five working days a week). */
  week: number;
  visits: number;
  calls: number;
  /** Visits grouped by city (a trip), then the calls. */
  groups: { city: string | null; contacts: PlannedContact[] }[];
  overloaded: boolean;
}

export interface VisitPlan {
  month: string;
  workingDays: number;
  days: PlanDay[];
  byGrade: { grade: PlanGrade; accounts: number; perAccount: number; mode: 'visit' | 'call'; contacts: number; days: number }[];
  visits: number;
  calls: number;
  /** Days of work the plan needs: visits / visitsPerDay + calls / callsPerDay (one decimal). */
  daysNeeded: number;
  overloaded: boolean;
  overloadedDays: number;
}

/** Monday–Friday dates of a month 'YYYY-MM'. */
export function workingDaysOf(month: string): string[] {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new RangeError(`month must be YYYY-MM, got ${month}`);
  const first = dayNumber(`${month}-01`);
  const out: string[] = [];
  for (let d = first; fromDayNumber(d).startsWith(month); d++) {
    const weekday = (d + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
    if (weekday !== 0 && weekday !== 6) out.push(fromDayNumber(d));
  }
  return out;
}

const GRADE_ORDER: Record<PlanGrade, number> = { A: 0, B: 1, C: 2, D: 3 };
const round1 = (x: number) => Math.round(x * 10) / 10;

export function planVisits(month: string, accounts: readonly PlanAccount[], s: VisitSettings = DEFAULT_VISIT_SETTINGS): VisitPlan {
  const dates = workingDaysOf(month);
  const n = dates.length;
  const visits = dates.map(() => [] as PlannedContact[]);
  const calls = dates.map(() => [] as PlannedContact[]);
  // How many visits of each city sit on each day: the city magnet for grouping.
  const cityOnDay = dates.map(() => new Map<string, number>());

  const ordered = [...accounts].sort(
    (x, y) =>
      GRADE_ORDER[x.grade] - GRADE_ORDER[y.grade] ||
      y.value - x.value ||
      (x.name < y.name ? -1 : x.name > y.name ? 1 : 0) ||
      (x.id < y.id ? -1 : 1),
  );
  for (const acc of ordered) {
    const k = Math.max(0, Math.floor(s.perMonth[acc.grade]));
    const mode = s.byPhone[acc.grade] ? 'call' : 'visit';
    const cap = mode === 'visit' ? s.visitsPerDay : s.callsPerDay;
    const load = mode === 'visit' ? visits : calls;
    for (let j = 0; j < k; j++) {
      // Visit j of k falls in the j-th equal slice of the month; an A account's first
      // visit falls in week 1.
      let from = Math.floor((j * n) / k);
      let to = Math.max(from + 1, Math.floor(((j + 1) * n) / k));
      if (j === 0 && acc.grade === 'A') to = Math.min(to, FIRST_WEEK, n);
      if (from >= n) from = n - 1;
      to = Math.min(Math.max(to, from + 1), n);
      const day = chooseDay(from, to, load, cap, mode === 'visit' ? acc.city : null, cityOnDay);
      const c: PlannedContact = { accountId: acc.id, name: acc.name, city: acc.city, grade: acc.grade, mode, n: j + 1, of: k };
      load[day]!.push(c);
      if (mode === 'visit' && acc.city) cityOnDay[day]!.set(acc.city, (cityOnDay[day]!.get(acc.city) ?? 0) + 1);
    }
  }

  const days: PlanDay[] = dates.map((date, i) => {
    const byCity = new Map<string | null, PlannedContact[]>();
    for (const c of visits[i]!) {
      const trip = byCity.get(c.city);
      if (trip) trip.push(c);
      else byCity.set(c.city, [c]);
    }
    const groups = [...byCity.entries()].map(([city, contacts]) => ({ city, contacts }));
    if (calls[i]!.length) groups.push({ city: null, contacts: calls[i]! });
    return {
      date,
      week: Math.floor(i / FIRST_WEEK) + 1,
      visits: visits[i]!.length,
      calls: calls[i]!.length,
      groups,
      overloaded: visits[i]!.length > s.visitsPerDay || calls[i]!.length > s.callsPerDay,
    };
  });

  const byGrade = PLAN_GRADES.map((grade) => {
    const count = accounts.filter((a) => a.grade === grade).length;
    const perAccount = Math.max(0, Math.floor(s.perMonth[grade]));
    const mode: 'visit' | 'call' = s.byPhone[grade] ? 'call' : 'visit';
    const contacts = count * perAccount;
    const perDay = mode === 'visit' ? s.visitsPerDay : s.callsPerDay;
    return { grade, accounts: count, perAccount, mode, contacts, days: round1(perDay > 0 ? contacts / perDay : 0) };
  });
  const totalVisits = byGrade.filter((g) => g.mode === 'visit').reduce((x, g) => x + g.contacts, 0);
  const totalCalls = byGrade.filter((g) => g.mode === 'call').reduce((x, g) => x + g.contacts, 0);
  const daysNeeded = round1((s.visitsPerDay > 0 ? totalVisits / s.visitsPerDay : 0) + (s.callsPerDay > 0 ? totalCalls / s.callsPerDay : 0));
  const overloadedDays = days.filter((d) => d.overloaded).length;
  return {
    month,
    workingDays: n,
    days,
    byGrade,
    visits: totalVisits,
    calls: totalCalls,
    daysNeeded,
    overloaded: daysNeeded > n || overloadedDays > 0,
    overloadedDays,
  };
}

/**
 * The plan with each day listing its first `limit` contacts (its trips in order, then its
 * calls) and counting the rest as `hidden`; the day's totals stay whole. For a screen: a rep
 * holding more accounts than a month can hold gets a plan that still reads.
 */
export function listFirstContacts<P extends { days: PlanDay[] }>(
  plan: P,
  limit: number,
): Omit<P, 'days'> & { days: (PlanDay & { hidden: number })[] } {
  const days = plan.days.map((d) => {
    let room = limit;
    const groups: PlanDay['groups'] = [];
    for (const g of d.groups) {
      if (room === 0) break;
      const contacts = g.contacts.slice(0, room);
      room -= contacts.length;
      groups.push(contacts.length === g.contacts.length ? g : { city: g.city, contacts });
    }
    const total = d.groups.reduce((n, g) => n + g.contacts.length, 0);
    return { ...d, groups, hidden: total - (limit - room) };
  });
  return { ...plan, days };
}

/**
 * The day in [from, to) for one contact: a day that already has a visit in the same city
 * and room left (the most such visits first), else the least-loaded day, else (all full)
 * the least-loaded day anyway — which then shows as overloaded.
 */
function chooseDay(
  from: number,
  to: number,
  load: PlannedContact[][],
  cap: number,
  city: string | null,
  cityOnDay: Map<string, number>[],
): number {
  let best = -1;
  let bestScore = -Infinity;
  for (let d = from; d < to; d++) {
    const used = load[d]!.length;
    const room = used < cap;
    const sameCity = city ? (cityOnDay[d]!.get(city) ?? 0) : 0;
    // Room first, then a trip already going to this city, then the emptier day, then the earlier.
    const score = (room ? 1_000_000 : 0) + (room && sameCity > 0 ? 10_000 + sameCity : 0) - used;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}
