import type { Db } from '../../../platform/db/connection';
import type { ParetoAnalysis } from '../contract';
import { compositionFromCounts, readComposition, type ParetoClass, type ParetoThresholds } from '../domain';
import { boundaries, classAt, cumulativeBefore, getRanking, type RankScope, type Ranking } from './ranking';
import { detailsByRowid } from './repo';

// The Pareto screen's data: the composition (exact) and chart bars that stay small for any
// number of accounts. With more accounts than bars, each bar stands for a run of adjacent
// ranks and shows its largest value (the first, as values descend) — the bucketed "max"
// that keeps the curve's shape — while the cumulative line takes the share after the run.

type BarBase = Omit<ParetoAnalysis['chart']['bars'][number], 'cls'>;

function barsOf(db: Db, r: Ranking, maxBars: number): { bucket: number; bars: BarBase[] } {
  const memoKey = `bars:${maxBars}`;
  const hit = r.memo.get(memoKey) as { bucket: number; bars: BarBase[] } | undefined;
  if (hit) return hit;
  const bucket = Math.max(1, Math.ceil(r.n / maxBars));
  const firsts: number[] = [];
  for (let i = 0; i < r.n; i += bucket) firsts.push(r.rowids[i]!);
  const details = detailsByRowid(db, firsts);
  const total = Number(r.total);
  const bars: BarBase[] = [];
  for (let i = 0; i < r.n; i += bucket) {
    const last = Math.min(i + bucket, r.n) - 1;
    const d = details.get(r.rowids[i]!);
    const lastPos = Math.max(0, r.values[last]!);
    bars.push({
      from: i + 1,
      to: last + 1,
      value: r.values[i]!,
      min: r.values[last]!,
      cumulativeShare: total > 0 ? (cumulativeBefore(r, last) + lastPos) / total : 0,
      id: d?.id ?? '',
      name: d?.name ?? '',
    });
  }
  const out = { bucket, bars };
  r.memo.set(memoKey, out);
  return out;
}

export function analyze(db: Db, scope: RankScope, t: ParetoThresholds, maxBars: number): ParetoAnalysis {
  const { ranking: r, cached } = getRanking(db, scope);
  const b = boundaries(r, t);
  const total = Number(r.total);
  const cumA = cumulativeBefore(r, b.aEnd);
  const cumB = cumulativeBefore(r, b.bEnd);
  const composition = compositionFromCounts(
    { A: b.aEnd, B: b.bEnd - b.aEnd, C: r.n - b.bEnd },
    { A: cumA, B: cumB - cumA, C: total - cumB },
    total,
    r.n - r.positive,
  );
  const { bucket, bars } = barsOf(db, r, maxBars);
  // A bar takes the class of its first account; a zone spans the bars whose first account is in the class.
  const zoneOf = (cls: ParetoClass, from: number, to: number) =>
    to > from ? { cls, fromBar: Math.floor(from / bucket), toBar: Math.floor((to - 1) / bucket) } : null;
  return {
    measure: scope.measure,
    thresholds: { a: t.a, b: t.b },
    count: r.n,
    total,
    nonPositive: r.n - r.positive,
    lastA: b.aEnd,
    lastB: b.bEnd,
    composition: composition.classes,
    reading: readComposition(composition, scope.measure),
    chart: {
      bucket,
      bars: bars.map((bar) => ({ ...bar, cls: classAt(bar.from - 1, b) })),
      zones: [zoneOf('A', 0, b.aEnd), zoneOf('B', b.aEnd, b.bEnd), zoneOf('C', b.bEnd, r.n)],
    },
    rankedMs: cached ? 0 : r.rankedMs,
    cached,
  };
}
