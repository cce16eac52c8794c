import type { EChartsOption } from '../../../renderer/components/EChart';
import { axisYuan } from '../../../shared/money';
import type { OverviewOut } from '../contract';

const CALL_CATEGORIES = ['commit', 'bestCase', 'pipeline'] as const;
type Category = (typeof CALL_CATEGORIES)[number];

/** The texts the chart shows: the three columns, the three categories, the quota. */
export type ForecastCallLabels = { lastWeek: string; thisWeek: string; quota: string } & Record<Category, string>;

// The Monday overview's forecast tile: last week's and this week's quarter call (commit, best
// case, pipeline stacked; the reps' calls summed) beside the quarter's quota. Amounts in yuan,
// the axis in 万/亿 (k/M) and the tooltip in the app's money format, as on the other money charts.
export function forecastCallOption(
  o: { forecast: { reps: Pick<OverviewOut['forecast']['reps'][number], 'thisWeek' | 'lastWeek'>[] }; total: { quotaQuarter: number } },
  labels: ForecastCallLabels,
  money: (fen: number) => string,
  locale: 'zh-CN' | 'en',
): EChartsOption {
  const sum = (k: Category, w: 'thisWeek' | 'lastWeek') => o.forecast.reps.reduce((x, r) => x + (r[w]?.quarter[k] ?? 0), 0) / 100;
  return {
    grid: { left: 70, right: 10, top: 30, bottom: 24 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => money(Math.round(Number(v) * 100)) },
    xAxis: { type: 'category', data: [labels.lastWeek, labels.thisWeek, labels.quota] },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => axisYuan(v, locale) } },
    series: [
      ...CALL_CATEGORIES.map((k) => ({
        name: labels[k],
        type: 'bar' as const,
        stack: 'call',
        data: [sum(k, 'lastWeek'), sum(k, 'thisWeek'), 0],
      })),
      { name: labels.quota, type: 'bar' as const, stack: 'call', data: [0, 0, o.total.quotaQuarter / 100] },
    ],
  };
}
