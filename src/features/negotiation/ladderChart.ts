import type { EChartsOption } from 'echarts';
import { ladderOf, type PlanIssue } from './domain';
import { formatIssueValue, formatIssueValueShort, type Lang } from './units';

// The ladder picture of one issue as an ECharts option, used by the editor (canvas) and by
// the exporter (server-side SVG → PNG), so both show the same chart: quote, each step,
// target and floor on one value axis, the margin (quote → floor) shaded, and our estimate
// of the customer's floor drawn where known. "Better for us" is always up: the axis is
// inverted for issues where lower is better.

const COLORS = {
  ladder: '#1f6feb',
  target: '#2da44e',
  floor: '#cf222e',
  theirFloor: '#d4a72c',
  theirOpening: '#8c959f',
  margin: 'rgba(31,111,235,0.08)',
};

export const ladderLabels = {
  'zh-CN': {
    quote: '报价',
    step: (n: number) => `第${n}次`,
    target: '目标价',
    floor: '底价',
    theirFloor: '客户底线(估)',
    theirOpening: '客户开价(估)',
    margin: '谈判获利空间',
  },
  en: {
    quote: 'Quote',
    step: (n: number) => `Step ${n}`,
    target: 'Target',
    floor: 'Floor',
    theirFloor: "Customer's floor (est.)",
    theirOpening: "Customer's opening (est.)",
    margin: 'Negotiation margin',
  },
} as const;

export interface LadderChartOptions {
  lang: Lang;
  /** Font list for server-side rendering (the browser uses the page's font). */
  fontFamily?: string;
  showTitle?: boolean;
}

type Line = {
  name: string;
  yAxis: number;
  lineStyle: { color: string; type: 'solid' | 'dashed' | 'dotted'; width: number };
  label: object;
};

export function ladderChartOption(issue: PlanIssue, opts: LadderChartOptions): EChartsOption {
  const L = ladderLabels[opts.lang];
  const ladder = ladderOf(issue);
  const short = (v: number) => formatIssueValueShort(v, issue.unit, opts.lang);
  const categories = [L.quote, ...ladder.steps.map((s) => L.step(s.stepNo))];
  const points = [issue.quote, ...ladder.steps.map((s) => s.position)];

  // Our lines are labelled at the right end, the customer's at the left, so labels of
  // lines that coincide (a target equal to their floor) do not overprint.
  const line = (name: string, value: number | null, color: string, type: Line['lineStyle']['type'], position: string): Line[] =>
    value === null
      ? []
      : [
          {
            name,
            yAxis: value,
            lineStyle: { color, type, width: 1.5 },
            label: { formatter: `${name} ${short(value)}`, position, color, fontSize: 11 },
          },
        ];
  const lines = [
    ...line(L.target, issue.target, COLORS.target, 'dashed', 'insideMiddleTop'),
    ...line(L.floor, issue.floor, COLORS.floor, 'solid', 'insideEndBottom'),
    ...line(L.theirFloor, issue.theirFloor, COLORS.theirFloor, 'dotted', 'insideStartBottom'),
    ...line(L.theirOpening, issue.theirOpening, COLORS.theirOpening, 'dotted', 'insideStartTop'),
  ];

  const values = [...points, issue.target, issue.floor, issue.theirFloor, issue.theirOpening].filter((v): v is number => v !== null);
  const lo = values.length ? Math.min(...values) : 0;
  const hi = values.length ? Math.max(...values) : 1;
  const { min, max, interval } = niceAxis(lo, hi);

  return {
    animation: false,
    textStyle: opts.fontFamily ? { fontFamily: opts.fontFamily } : {},
    title: opts.showTitle === false ? undefined : { text: issue.name, left: 8, top: 4, textStyle: { fontSize: 13, fontWeight: 'bold' } },
    grid: { left: 72, right: 44, top: opts.showTitle === false ? 16 : 36, bottom: 28 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? formatIssueValue(v, issue.unit, opts.lang) : '') },
    xAxis: { type: 'category', data: categories, boundaryGap: false, axisLabel: { fontSize: 11 } },
    yAxis: {
      type: 'value',
      inverse: issue.direction === 'lower',
      min,
      max,
      interval,
      axisLabel: { fontSize: 10, formatter: (v: number) => short(v) },
    },
    series: [
      {
        name: issue.name,
        type: 'line',
        step: 'end',
        data: points,
        connectNulls: false,
        symbolSize: 7,
        itemStyle: { color: COLORS.ladder },
        lineStyle: { width: 2 },
        label: { show: true, position: 'top', fontSize: 10, formatter: (p) => (typeof p.value === 'number' ? short(p.value) : '') },
        markLine: { silent: true, symbol: 'none', data: lines },
        markArea:
          issue.quote !== null && issue.floor !== null
            ? {
                silent: true,
                itemStyle: { color: COLORS.margin },
                label: { show: true, position: 'insideTopRight', color: '#57606a', fontSize: 10 },
                data: [[{ name: L.margin, yAxis: issue.quote }, { yAxis: issue.floor }]],
              }
            : undefined,
      },
    ],
  };
}

/** Axis bounds on round numbers with a margin above and below the values (4–6 intervals). */
export function niceAxis(lo: number, hi: number): { min: number; max: number; interval: number } {
  const span = hi - lo || Math.abs(hi) || 100;
  const raw = span / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const interval = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  let min = Math.floor(lo / interval) * interval;
  let max = Math.ceil(hi / interval) * interval;
  if (min === lo) min -= interval;
  if (max === hi) max += interval;
  return { min, max, interval };
}
