import type { EChartsOption } from '../../../renderer/components/EChart';
import type { ReviewMetric } from '../drill';
import { axisYuan } from '../../../shared/money';

// The bridge as a waterfall: a stacked bar whose transparent lower part lifts each step
// to where the running total stands. Amounts in yuan on the axis, labels formatted.

export const BRIDGE_STEPS = ['start', 'new', 'increase', 'decrease', 'won', 'lost', 'slipped', 'end'] as const;
export type BridgeStep = (typeof BRIDGE_STEPS)[number];

export const BRIDGE_METRIC: Record<BridgeStep, ReviewMetric> = {
  start: 'bridgeStart',
  new: 'bridgeNew',
  increase: 'bridgeIncrease',
  decrease: 'bridgeDecrease',
  won: 'bridgeWon',
  lost: 'bridgeLost',
  slipped: 'bridgeSlipped',
  end: 'bridgeEnd',
};

const SIGN: Record<BridgeStep, 0 | 1 | -1> = { start: 0, new: 1, increase: 1, decrease: -1, won: -1, lost: -1, slipped: -1, end: 0 };

/** Bases and heights (fen) of each bar: totals stand on 0, steps float at the running total. */
export function waterfall(parts: Record<BridgeStep, number>): { base: number[]; value: number[] } {
  const base: number[] = [];
  const value: number[] = [];
  let running = 0;
  for (const step of BRIDGE_STEPS) {
    const v = parts[step];
    if (SIGN[step] === 0) {
      base.push(0);
      value.push(v);
      running = v;
    } else if (SIGN[step] > 0) {
      base.push(running);
      value.push(v);
      running += v;
    } else {
      running -= v;
      base.push(running);
      value.push(v);
    }
  }
  return { base, value };
}

export function bridgeOption(
  parts: Record<BridgeStep, number>,
  labels: Record<BridgeStep, string>,
  money: (fen: number) => string,
  locale: 'zh-CN' | 'en',
): EChartsOption {
  const { base, value } = waterfall(parts);
  // The steps are small beside the totals: start the axis a little below the lowest point
  // any bar reaches (totals' tops, steps' bases) so a week's movement is visible on a projector.
  const lowest = Math.min(...BRIDGE_STEPS.map((s, i) => (SIGN[s] === 0 ? value[i]! : base[i]!))) / 100;
  const axisMin = lowest > 0 ? niceFloor(lowest * 0.85) : 0;
  const color = (s: BridgeStep) => (SIGN[s] === 0 ? '#1f6feb' : SIGN[s] > 0 ? '#2da44e' : '#cf222e');
  return {
    grid: { left: 80, right: 20, top: 20, bottom: 40 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (p: unknown) => {
        const item = (p as { dataIndex: number }[])[0]!;
        const step = BRIDGE_STEPS[item.dataIndex]!;
        return `${labels[step]}: ${money(parts[step])}`;
      },
    },
    xAxis: { type: 'category', data: BRIDGE_STEPS.map((s) => labels[s]), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', min: axisMin, axisLabel: { formatter: (v: number) => axisYuan(v, locale) } },
    series: [
      { name: 'base', type: 'bar', stack: 'bridge', silent: true, itemStyle: { color: 'transparent' }, data: base.map((b) => b / 100) },
      {
        name: 'value',
        type: 'bar',
        stack: 'bridge',
        barMaxWidth: 60,
        label: {
          show: true,
          position: 'top',
          formatter: (p: unknown) => money(parts[BRIDGE_STEPS[(p as { dataIndex: number }).dataIndex]!]),
        },
        data: value.map((v, i) => ({ value: v / 100, itemStyle: { color: color(BRIDGE_STEPS[i]!) } })),
      },
    ],
  };
}

/** Rounds down to two significant digits: 109,912,345 → 100,000,000; 8,765 → 8,700. */
export function niceFloor(x: number): number {
  if (x <= 0) return 0;
  const step = 10 ** (Math.floor(Math.log10(x)) - 1);
  return Math.floor(x / step) * step;
}
