import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../../shared/money';
import { forecastCallOption } from './forecastCallChart';

const labels = { lastWeek: '上周', thisWeek: '本周', quota: '本季指标', commit: '承诺', bestCase: '最佳情况', pipeline: '漏斗' };
const call = (commit: number, bestCase: number, pipeline: number) => {
  const amounts = { commit, bestCase, pipeline };
  return { ownerId: 'r', month: amounts, quarter: amounts };
};
// Two reps; the second had no call recorded last week. Amounts in fen.
const overview = {
  forecast: {
    reps: [
      { thisWeek: call(2_000_000_00, 3_000_000_00, 5_000_000_00), lastWeek: call(1_000_000_00, 3_000_000_00, 6_000_000_00) },
      { thisWeek: call(50_000_00, 0, 0), lastWeek: null },
    ],
  },
  total: { quotaQuarter: 72_600_000_00 },
};
type Axis = { axisLabel: { formatter: (v: number) => string } };
type Tooltip = { valueFormatter: (v: number) => string };

describe('the Monday overview forecast chart', () => {
  it('stacks the reps’ summed quarter calls in yuan, last week, this week, then the quota', () => {
    const o = forecastCallOption(overview, labels, (f) => formatMoney(f, { locale: 'zh-CN' }), 'zh-CN');
    const series = o.series as { name: string; stack: string; data: number[] }[];
    expect(series.map((s) => [s.name, s.data])).toEqual([
      ['承诺', [1_000_000, 2_050_000, 0]],
      ['最佳情况', [3_000_000, 3_000_000, 0]],
      ['漏斗', [6_000_000, 5_000_000, 0]],
      ['本季指标', [0, 0, 72_600_000]],
    ]);
    expect(new Set(series.map((s) => s.stack))).toEqual(new Set(['call']));
    expect((o.xAxis as { data: string[] }).data).toEqual(['上周', '本周', '本季指标']);
  });

  it('writes the axis in 万 and 亿 (k and M in English) and the tooltip as money, like the other money charts', () => {
    const zh = forecastCallOption(overview, labels, (f) => formatMoney(f, { locale: 'zh-CN' }), 'zh-CN');
    const tick = (zh.yAxis as Axis).axisLabel.formatter;
    expect([tick(0), tick(20_000_000), tick(100_000_000), tick(120_000_000)]).toEqual(['0', '2000万', '1亿', '1.2亿']);
    expect((zh.tooltip as Tooltip).valueFormatter(2_050_000)).toBe('¥2,050,000.00');
    const en = forecastCallOption(overview, labels, (f) => formatMoney(f, { locale: 'zh-CN' }), 'en');
    expect((en.yAxis as Axis).axisLabel.formatter(120_000_000)).toBe('120M');
  });
});
