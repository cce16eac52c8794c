import { monthOf, ratioBp, type ExitKind, type MovementClass } from './domain';
import type { BridgeParts, ForecastMonth, GroupTotals, Review, ReviewInput, ReviewRow, StageMetrics } from './reviewModel';

// The review's totals: per stage, per rep and territory, the bridge and the forecast by
// month, each a sum over the review's rows (./review builds one row per opportunity).

const zeroCounts = (): Record<MovementClass, number> => ({ new: 0, advanced: 0, movedBack: 0, won: 0, lost: 0, unchanged: 0 });

function emptyGroup(key: string): GroupTotals {
  return {
    key,
    counts: zeroCounts(),
    openFrom: 0,
    amountFrom: 0,
    openTo: 0,
    amountTo: 0,
    weightedTo: 0,
    wonAmount: 0,
    lostAmount: 0,
    stalled: 0,
    slipped: 0,
  };
}

function addToGroup(g: GroupTotals, r: ReviewRow): void {
  g.counts[r.change]++;
  if (r.statusFrom === 'open') {
    g.openFrom++;
    g.amountFrom += r.amountFrom!;
  }
  if (r.statusTo === 'open') {
    g.openTo++;
    g.amountTo += r.amountTo;
    g.weightedTo += r.weightedTo;
  }
  if (r.change === 'won') g.wonAmount += r.amountTo;
  if (r.change === 'lost') g.lostAmount += r.amountTo;
  if (r.stalled) g.stalled++;
  if (r.slippedDays !== null) g.slipped++;
}

type StageAcc = StageMetrics & {
  acc: Set<string>;
  accDown: Set<string>;
  accLost: Set<string>;
  accStalled: Set<string>;
  speedSum: number;
  speedN: number;
};

function emptyStage(stageId: string): StageAcc {
  return {
    stageId,
    opportunities: 0,
    accounts: 0,
    amount: 0,
    forecast: 0,
    movedDown: 0,
    accountsMovedDown: 0,
    speedDays: null,
    lost: 0,
    accountsLost: 0,
    visited: 0,
    lossRatioBp: null,
    stalled: 0,
    accountsStalled: 0,
    stallRatioBp: null,
    acc: new Set(),
    accDown: new Set(),
    accLost: new Set(),
    accStalled: new Set(),
    speedSum: 0,
    speedN: 0,
  };
}

// One pass over the rows; written without per-row closures or sets, since it runs over
// tens of thousands of rows for every review.
export function summarise(rows: ReviewRow[], input: ReviewInput): Review {
  const counts = zeroCounts();
  const total = emptyGroup('');
  const owners = new Map<string, GroupTotals>();
  const territories = new Map<string, GroupTotals>();
  const bridge: BridgeParts = { start: 0, new: 0, increase: 0, decrease: 0, won: 0, lost: 0, slipped: 0, end: 0 };
  const increases = { count: 0, amount: 0 };
  const decreases = { count: 0, amount: 0 };
  const forecast = new Map<string, ForecastMonth>();
  const stages = new Map<string, StageAcc>(input.stages.map((s) => [s.id, emptyStage(s.id)]));

  for (const r of rows) {
    counts[r.change]++;
    addToGroup(total, r);
    let owner = owners.get(r.ownerId);
    if (!owner) owners.set(r.ownerId, (owner = emptyGroup(r.ownerId)));
    addToGroup(owner, r);
    let territory = territories.get(r.territoryId);
    if (!territory) territories.set(r.territoryId, (territory = emptyGroup(r.territoryId)));
    addToGroup(territory, r);
    const b = r.bridge;
    bridge.start += b.start;
    bridge.new += b.new;
    bridge.increase += b.increase;
    bridge.decrease += b.decrease;
    bridge.won += b.won;
    bridge.lost += b.lost;
    bridge.slipped += b.slipped;
    bridge.end += b.end;
    if (r.amountDelta > 0) {
      increases.count++;
      increases.amount += r.amountDelta;
    }
    if (r.amountDelta < 0) {
      decreases.count++;
      decreases.amount -= r.amountDelta;
    }
    if (r.statusTo === 'open') {
      const key = monthOf(r.closeTo);
      let m = forecast.get(key);
      if (!m) forecast.set(key, (m = { month: key, count: 0, amount: 0, weighted: 0 }));
      m.count++;
      m.amount += r.amountTo;
      m.weighted += r.weightedTo;
      const s = stages.get(r.stageTo)!;
      s.opportunities++;
      s.acc.add(r.accountId);
      s.amount += r.amountTo;
      s.forecast += r.weightedTo;
      if (r.stalled) {
        s.stalled++;
        s.accStalled.add(r.accountId);
      }
    }
    // An opportunity counts once per stage it moved down from (or was lost in), however often.
    for (let i = 0; i < r.exits.length; i++) {
      const x = r.exits[i]!;
      const s = stages.get(x.stageId)!;
      let first = true;
      for (let j = 0; j < i; j++) if (r.exits[j]!.stageId === x.stageId && sameOutcome(r.exits[j]!.exit, x.exit)) first = false;
      if (x.exit === 'forward' || x.exit === 'won') {
        s.speedSum += x.days;
        s.speedN++;
        if (first) {
          s.movedDown++;
          s.accDown.add(r.accountId);
        }
      } else if (x.exit === 'lost' && first) {
        s.lost++;
        s.accLost.add(r.accountId);
      }
    }
    for (const id of r.visited) stages.get(id)!.visited++;
  }

  const perStage: StageMetrics[] = input.stages.map((st) => {
    const { acc, accDown, accLost, accStalled, speedSum, speedN, ...m } = stages.get(st.id)!;
    return {
      ...m,
      accounts: acc.size,
      accountsMovedDown: accDown.size,
      accountsLost: accLost.size,
      accountsStalled: accStalled.size,
      speedDays: speedN === 0 ? null : Math.round((speedSum / speedN) * 10) / 10,
      lossRatioBp: ratioBp(m.lost, m.visited),
      stallRatioBp: ratioBp(m.stalled, m.opportunities),
    };
  });

  return {
    from: input.from,
    to: input.to,
    stallDays: input.stallDays,
    periodEnd: input.periodEnd,
    rows,
    counts,
    stalled: total.stalled,
    slipped: total.slipped,
    increases,
    decreases,
    pipelineFrom: { count: total.openFrom, amount: total.amountFrom },
    pipelineTo: { count: total.openTo, amount: total.amountTo, weighted: total.weightedTo },
    perStage,
    byOwner: [...owners.values()].sort(byKey),
    byTerritory: [...territories.values()].sort(byKey),
    bridge,
    forecast: [...forecast.values()].sort((a, b) => (a.month < b.month ? -1 : 1)),
  };
}

const moves = (e: ExitKind) => e === 'forward' || e === 'won';
const sameOutcome = (a: ExitKind, b: ExitKind) => moves(a) === moves(b) && (moves(a) || a === b);

const byKey = (a: GroupTotals, b: GroupTotals) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
