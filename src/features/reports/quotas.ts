import type { Fen } from '../../shared/money';
import { quarterMonths } from './periods';

// Quotas (issue 18): an amount per rep per month in fen; quarters and the year are sums of
// months, a territory's and the team's are sums of their reps'. Attainment is won ÷ quota;
// coverage is the open pipeline closing in the quarter ÷ the quota still to win (3× is
// the usual healthy mark). Pure.

export interface QuotaRow {
  ownerId: string;
  month: string;
  amount: Fen;
}

export interface QuotaYear {
  key: string;
  /** Twelve months, January first. */
  months: Fen[];
  quarters: [Fen, Fen, Fen, Fen];
  year: Fen;
}

export const COVERAGE_MARK = 3;

function emptyYear(key: string): QuotaYear {
  return { key, months: Array<Fen>(12).fill(0), quarters: [0, 0, 0, 0], year: 0 };
}

function add(y: QuotaYear, monthIndex: number, amount: Fen): void {
  y.months[monthIndex] = (y.months[monthIndex] ?? 0) + amount;
  const q = Math.floor(monthIndex / 3) as 0 | 1 | 2 | 3;
  y.quarters[q] += amount;
  y.year += amount;
}

/**
 * One year's quotas by rep, by territory (through `territoryOf`) and for the whole team;
 * rows of other years are ignored. Reps without a row still appear (with zeros) when listed.
 */
export function quotaYear(rows: readonly QuotaRow[], year: number, territoryOf: (ownerId: string) => string, reps: readonly string[] = []) {
  const byRep = new Map<string, QuotaYear>(reps.map((r) => [r, emptyYear(r)]));
  const byTerritory = new Map<string, QuotaYear>();
  for (const r of reps) if (!byTerritory.has(territoryOf(r))) byTerritory.set(territoryOf(r), emptyYear(territoryOf(r)));
  const team = emptyYear('');
  const prefix = `${year}-`;
  for (const r of rows) {
    if (!r.month.startsWith(prefix)) continue;
    const m = Number(r.month.slice(5, 7)) - 1;
    let rep = byRep.get(r.ownerId);
    if (!rep) byRep.set(r.ownerId, (rep = emptyYear(r.ownerId)));
    const t = territoryOf(r.ownerId);
    let ter = byTerritory.get(t);
    if (!ter) byTerritory.set(t, (ter = emptyYear(t)));
    add(rep, m, r.amount);
    add(ter, m, r.amount);
    add(team, m, r.amount);
  }
  return { reps: [...byRep.values()], territories: [...byTerritory.values()], team };
}

/** The quota of a month and of its quarter for the reps in `owners` (all when null). */
export function quotaFor(rows: readonly QuotaRow[], month: string, owners: ReadonlySet<string> | null): { month: Fen; quarter: Fen } {
  const q = new Set(quarterMonths(month));
  let m = 0;
  let qu = 0;
  for (const r of rows) {
    if (owners && !owners.has(r.ownerId)) continue;
    if (r.month === month) m += r.amount;
    if (q.has(r.month)) qu += r.amount;
  }
  return { month: m, quarter: qu };
}

/** won ÷ quota as a fraction; null when there is no quota. */
export function attainment(won: Fen, quota: Fen): number | null {
  return quota > 0 ? won / quota : null;
}

/**
 * Open pipeline ÷ quota still to win, as a fraction (3 = 3×); null when nothing is left to
 * win (the quota is met or there is none).
 */
export function coverage(openPipeline: Fen, quota: Fen, won: Fen): number | null {
  const left = quota - won;
  return left > 0 ? openPipeline / left : null;
}
