import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart, type EChartClick, type EChartsOption } from '../../../renderer/components/EChart';
import { usePrefs } from '../../../renderer/app/prefs';
import { navigate } from '../../../renderer/app/useHashRoute';
import type { ParetoAnalysis } from '../contract';
import { axisYuan } from '../../../shared/money';

export const CLASS_COLOR = { A: '#1f6feb', B: '#52a35a', C: '#b0b7c3' } as const;
const ZONE_COLOR = { A: 'rgba(31,111,235,0.07)', B: 'rgba(82,163,90,0.07)', C: 'rgba(140,140,140,0.06)' } as const;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/**
 * Bars of each account's value in descending order (one bar per bucket of ranks when the
 * server bucketed them), the cumulative share on a second axis, the two threshold lines and
 * the A/B/C zones. Everything drawn comes from the one analysis the server computed; a
 * hover only reads it.
 */
export function ParetoChart({ analysis, measureLabel }: { analysis: ParetoAnalysis; measureLabel: string }) {
  const { t } = useTranslation('pareto');
  const { money, locale } = usePrefs();
  const { bars, zones } = analysis.chart;

  const option = useMemo<EChartsOption>(() => {
    const big = bars.length > 1000;
    const barSeries = (['A', 'B', 'C'] as const).map((cls) => ({
      type: 'bar' as const,
      name: cls,
      stack: 'value',
      data: bars.map((b) => (b.cls === cls ? b.value / 100 : '-')),
      itemStyle: { color: CLASS_COLOR[cls] },
      barCategoryGap: bars.length > 200 ? '0%' : '20%',
      large: big,
      largeThreshold: 1000,
      sampling: 'max' as const,
      ...(cls === 'A'
        ? {
            markArea: {
              silent: true,
              label: { position: 'insideTop' as const, color: '#555', fontWeight: 'bold' as const },
              data: zones.flatMap((z) =>
                z
                  ? [[{ name: z.cls, xAxis: z.fromBar, itemStyle: { color: ZONE_COLOR[z.cls] } }, { xAxis: z.toBar }] as [object, object]]
                  : [],
              ),
            },
          }
        : {}),
    }));
    return {
      grid: { left: 72, right: 56, top: 36, bottom: 40 },
      legend: { data: ['A', 'B', 'C', t('chart.cumulative')], top: 0 },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: unknown) => {
          const first = (Array.isArray(params) ? params[0] : params) as { dataIndex: number } | undefined;
          const bar = first ? bars[first.dataIndex] : undefined;
          if (!bar) return '';
          const head =
            bar.from === bar.to
              ? t('chart.single', { rank: bar.from })
              : t('chart.bucket', { from: bar.from, to: bar.to, count: bar.to - bar.from + 1 });
          return [
            `<b>${escapeHtml(bar.name)}</b>`,
            escapeHtml(head),
            `${escapeHtml(t('chart.value'))}: ${escapeHtml(money(bar.value))}`,
            `${escapeHtml(t('chart.cumShare'))}: ${pct(bar.cumulativeShare)}`,
            `${escapeHtml(t('chart.cls'))}: <b style="color:${CLASS_COLOR[bar.cls]}">${bar.cls}</b>`,
          ].join('<br/>');
        },
      },
      xAxis: {
        type: 'category',
        name: t('chart.rank'),
        nameLocation: 'middle',
        nameGap: 24,
        data: bars.map((b) => String(b.from)),
        axisTick: { show: false },
        axisLabel: { interval: 'auto', hideOverlap: true },
      },
      yAxis: [
        { type: 'value', name: measureLabel, axisLabel: { formatter: (v: number) => axisYuan(v, locale) } },
        { type: 'value', name: t('chart.cumulative'), min: 0, max: 100, axisLabel: { formatter: '{value} %' }, splitLine: { show: false } },
      ],
      series: [
        ...barSeries,
        {
          type: 'line',
          name: t('chart.cumulative'),
          yAxisIndex: 1,
          data: bars.map((b) => Number((b.cumulativeShare * 100).toFixed(3))),
          showSymbol: false,
          sampling: 'lttb',
          lineStyle: { color: '#d4380d', width: 2 },
          itemStyle: { color: '#d4380d' },
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { type: 'dashed', color: '#d4380d' },
            label: { position: 'insideEndBottom', formatter: '{b}' },
            data: [
              { name: t('chart.lineA', { a: analysis.thresholds.a }), yAxis: analysis.thresholds.a },
              { name: t('chart.lineB', { b: analysis.thresholds.b }), yAxis: analysis.thresholds.b },
            ],
          },
        },
      ],
    };
  }, [bars, zones, analysis.thresholds.a, analysis.thresholds.b, measureLabel, money, locale, t]);

  const onClick = (e: EChartClick) => {
    const bar = bars[e.dataIndex];
    if (bar?.id) navigate('accounts', { id: bar.id });
  };

  return (
    <div
      data-testid="pareto-chart"
      data-bars={bars.length}
      data-a={analysis.thresholds.a}
      data-b={analysis.thresholds.b}
      data-last-a={analysis.lastA}
      data-last-b={analysis.lastB}
    >
      <EChart option={option} onClick={onClick} style={{ height: 360 }} />
    </div>
  );
}
