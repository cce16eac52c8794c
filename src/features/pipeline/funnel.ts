import type { Fen } from '../../shared/money';
import type { IsoDate } from '../../shared/dates';
import { closedSince, dayDiff, monthOf, ratioBp, stageOf, stateAsOf, staysOf, weightedAmount, type OppHistory, type StageIndex, type StageRef } from './domain';

// The funnel screen (DOMAIN.md §3): open opportunities by stage as of a date, conversion
// between consecutive stages and average days in each stage over a period, and the
// weighted forecast by expected-close month with what was won so far this year.

export interface FunnelInput {
  asOf: IsoDate;
  /** The period (periodFrom, periodTo] for conversion and days in stage. */
  periodFrom: IsoDate;
  periodTo: IsoDate;
  stages: readonly StageRef[];
  index: StageIndex;
}

export interface FunnelStage {
  stageId: string;
  count: number;
  accounts: number;
  amount: Fen;
  weighted: Fen;
  /**
   * Of the opportunities that left this stage during the period, those that moved on to a
   * later stage or were won (converted) out of all that left it (forward, back or lost).
   */
  converted: number;
  left: number;
  conversionBp: number | null;
  /** Average days spent in the stage by the stays that ended during the period. */
  avgDays: number | null;
}

export interface FunnelMonth {
  month: string;
  count: number;
  amount: Fen;
  weighted: Fen;
  /** Won in this month (the date it was won), this year up to asOf. */
  won: Fen;
}

export interface Funnel {
  asOf: IsoDate;
  periodFrom: IsoDate;
  periodTo: IsoDate;
  stages: FunnelStage[];
  months: FunnelMonth[];
  open: { count: number; amount: Fen; weighted: Fen };
  wonToDate: { count: number; amount: Fen };
}

export function buildFunnel(histories: Iterable<OppHistory>, input: FunnelInput): Funnel {
  const { asOf, periodFrom, periodTo, index } = input;
  const yearStart = `${asOf.slice(0, 4)}-01-01`;
  type Acc = FunnelStage & { acc: Set<string>; daysSum: number; stays: number };
  const stages = new Map<string, Acc>(
    input.stages.map((s) => [s.id, { stageId: s.id, count: 0, accounts: 0, amount: 0, weighted: 0, converted: 0, left: 0, conversionBp: null, avgDays: null, acc: new Set(), daysSum: 0, stays: 0 }]),
  );
  const months = new Map<string, FunnelMonth>();
  const month = (m: string) => {
    let v = months.get(m);
    if (!v) months.set(m, (v = { month: m, count: 0, amount: 0, weighted: 0, won: 0 }));
    return v;
  };
  const open = { count: 0, amount: 0, weighted: 0 };
  const wonToDate = { count: 0, amount: 0 };

  for (const h of histories) {
    const s = stateAsOf(h.events, asOf);
    if (s?.status === 'open') {
      const st = stages.get(stageOf(index, s.stageId).id)!;
      const w = weightedAmount(index, s);
      st.count++;
      st.acc.add(h.accountId);
      st.amount += s.amount;
      st.weighted += w;
      const m = month(monthOf(s.expectedClose));
      m.count++;
      m.amount += s.amount;
      m.weighted += w;
      open.count++;
      open.amount += s.amount;
      open.weighted += w;
    } else if (s?.status === 'won') {
      const since = closedSince(h.events, asOf)!;
      if (since >= yearStart) {
        month(monthOf(since)).won += s.amount;
        wonToDate.count++;
        wonToDate.amount += s.amount;
      }
    }
    for (const stay of staysOf(h.events, index, periodTo)) {
      if (stay.end === null || stay.end <= periodFrom) continue;
      const st = stages.get(stay.stage.id)!;
      st.left++;
      if (stay.exit === 'forward' || stay.exit === 'won') st.converted++;
      st.daysSum += dayDiff(stay.start, stay.end);
      st.stays++;
    }
  }

  return {
    asOf,
    periodFrom,
    periodTo,
    stages: input.stages.map((x) => {
      const { acc, daysSum, stays, ...st } = stages.get(x.id)!;
      return {
        ...st,
        accounts: acc.size,
        conversionBp: ratioBp(st.converted, st.left),
        avgDays: stays === 0 ? null : Math.round((daysSum / stays) * 10) / 10,
      };
    }),
    months: [...months.values()].sort((a, b) => (a.month < b.month ? -1 : 1)),
    open,
    wonToDate,
  };
}
