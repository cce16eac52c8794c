import type { Fen } from '../../shared/money';
import type { IsoDate } from '../../shared/dates';
import {
  closedSince,
  dayDiff,
  monthOf,
  ratioBp,
  stageOf,
  stateAsOf,
  weightedAmount,
  type ExitKind,
  type OppHistory,
  type OppStatus,
  type StageIndex,
  type StageRef,
} from './domain';

// The funnel screen (docs/en/pipeline.md): open opportunities by stage as of a date, conversion
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

/** A change between two consecutive events of an opportunity (the one before, the one after). */
export interface Transition {
  prevStageId: string;
  prevStatus: OppStatus;
  /** When the earlier state's stage began (its stay's start). */
  prevSince: IsoDate;
  date: IsoDate;
  stageId: string;
  status: OppStatus;
}

/** The stage an open opportunity left in a transition, how, and after how many days; null when it stayed. */
export function exitOf(t: Transition, index: StageIndex): { stageId: string; exit: ExitKind; days: number } | null {
  if (t.prevStatus !== 'open') return null;
  const from = stageOf(index, t.prevStageId);
  let exit: ExitKind;
  if (t.status === 'open') {
    const to = stageOf(index, t.stageId);
    if (to.id === from.id) return null;
    exit = to.position > from.position ? 'forward' : 'back';
  } else exit = t.status;
  return { stageId: from.id, exit, days: dayDiff(t.prevSince, t.date) };
}

/**
 * What the funnel is computed from. The database gives each part with its own query (the
 * states as of asOf from histories cut there, the transitions in the period, this year's
 * wins); `funnelData` derives the same from whole histories.
 */
export interface FunnelData {
  /** Histories holding at least each opportunity's state as of asOf. */
  current: Iterable<OppHistory>;
  /** Transitions dated in (periodFrom, periodTo]. */
  transitions: Iterable<Transition>;
  /** Opportunities won as of asOf whose win (the start of their last run of 'won') is in asOf's year. */
  wins: Iterable<{ date: IsoDate; amount: Fen }>;
}

export function funnelData(histories: readonly OppHistory[], input: FunnelInput): FunnelData {
  const yearStart = `${input.asOf.slice(0, 4)}-01-01`;
  const transitions: Transition[] = [];
  const wins: { date: IsoDate; amount: Fen }[] = [];
  for (const h of histories) {
    const e = h.events;
    for (let i = 1; i < e.length; i++) {
      const p = e[i - 1]!;
      const n = e[i]!;
      if (n.date > input.periodFrom && n.date <= input.periodTo) {
        transitions.push({
          prevStageId: p.stageId,
          prevStatus: p.status,
          prevSince: p.stageSince,
          date: n.date,
          stageId: n.stageId,
          status: n.status,
        });
      }
    }
    const s = stateAsOf(e, input.asOf);
    const since = s?.status === 'won' ? closedSince(e, input.asOf) : null;
    if (s && since !== null && since >= yearStart) wins.push({ date: since, amount: s.amount });
  }
  return { current: histories, transitions, wins };
}

export function buildFunnel(data: FunnelData, input: FunnelInput): Funnel {
  const { asOf, periodFrom, periodTo, index } = input;
  type Acc = FunnelStage & { acc: Set<string>; daysSum: number; stays: number };
  const stages = new Map<string, Acc>(
    input.stages.map((s) => [
      s.id,
      {
        stageId: s.id,
        count: 0,
        accounts: 0,
        amount: 0,
        weighted: 0,
        converted: 0,
        left: 0,
        conversionBp: null,
        avgDays: null,
        acc: new Set(),
        daysSum: 0,
        stays: 0,
      },
    ]),
  );
  const months = new Map<string, FunnelMonth>();
  const month = (m: string) => {
    let v = months.get(m);
    if (!v) months.set(m, (v = { month: m, count: 0, amount: 0, weighted: 0, won: 0 }));
    return v;
  };
  const open = { count: 0, amount: 0, weighted: 0 };
  const wonToDate = { count: 0, amount: 0 };

  for (const h of data.current) {
    const s = stateAsOf(h.events, asOf);
    if (s?.status !== 'open') continue;
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
  }
  for (const win of data.wins) {
    month(monthOf(win.date)).won += win.amount;
    wonToDate.count++;
    wonToDate.amount += win.amount;
  }
  for (const t of data.transitions) {
    const x = exitOf(t, index);
    if (!x) continue;
    const st = stages.get(x.stageId)!;
    st.left++;
    if (x.exit === 'forward' || x.exit === 'won') st.converted++;
    st.daysSum += x.days;
    st.stays++;
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
