import * as echarts from 'echarts';

// The chart floors: the least a page does to draw the same charts as the product — bare
// ECharts, no animation — from the same answers, asked of the same web server and handlers
// on the same book. Timed like the product: from the answer's body parsed to the chart's
// 'finished' (the element marks data-drawn-at).
// ?chart=pareto (default, `pareto-chart`): the Pareto bars in large mode and the cumulative line.
// ?chart=pipeline (`funnel-chart`): the funnel and the forecast bars (pipeline:funnel), then
// the weekly review's bridge, a stacked waterfall (pipeline:review).
const params = new URLSearchParams(location.search);
const token = params.get('token') ?? '';

async function ask<T>(channel: string, input: unknown): Promise<T> {
  const res = await fetch(`/api/${channel}`, {
    method: 'POST',
    headers: { 'x-sw-token': token, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  return ((await res.json()) as { value: T }).value;
}

/** The chart in element `id`, made before its data is asked for (as the product's is). */
function chartIn(id: string): echarts.ECharts {
  return echarts.init(document.getElementById(id)!, undefined, { renderer: 'canvas' });
}

/** Draws `option` (no animation); its element marks when ECharts has finished drawing it. */
function draw(chart: echarts.ECharts, option: echarts.EChartsOption): void {
  const el = chart.getDom();
  // Listened to only now: an empty chart's own first render must not count as drawn.
  chart.on('finished', () => {
    el.dataset.drawnAt ??= String(Math.round(performance.now()));
  });
  chart.setOption({ ...option, animation: false });
}

interface Bar {
  value: number;
  cumulativeShare: number;
  from: number;
}

async function pareto(): Promise<void> {
  const chart = chartIn('chart');
  const { chart: data } = await ask<{ chart: { bars: Bar[] } }>('pareto:analyze', {
    params: { measure: 'sales', a: 55, b: 85 },
    maxBars: 2000,
  });
  const bars = data.bars;
  draw(chart, {
    xAxis: { type: 'category', data: bars.map((b) => String(b.from)) },
    yAxis: [{ type: 'value' }, { type: 'value', min: 0, max: 100 }],
    series: [
      { type: 'bar', data: bars.map((b) => b.value / 100), large: true },
      { type: 'line', yAxisIndex: 1, showSymbol: false, data: bars.map((b) => b.cumulativeShare * 100) },
    ],
  });
}

const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

interface Funnel {
  stages: { stageId: string; count: number }[];
  months: { month: string; amount: number; weighted: number; won: number }[];
}

async function pipeline(): Promise<void> {
  const funnelChart = chartIn('chart');
  const forecastChart = chartIn('chart2');
  const bridgeChart = chartIn('chart3');
  const { today } = await ask<{ today: string }>('pipeline:lookups', {});
  const funnel = await ask<Funnel>('pipeline:funnel', { asOf: today, periodFrom: addDays(today, -90), periodTo: today });
  draw(funnelChart, {
    series: [{ type: 'funnel', sort: 'none', min: 0, data: funnel.stages.map((s) => ({ name: s.stageId, value: s.count })) }],
  });
  draw(forecastChart, {
    xAxis: { type: 'category', data: funnel.months.map((m) => m.month) },
    yAxis: { type: 'value' },
    series: (['amount', 'weighted', 'won'] as const).map((k) => ({ type: 'bar', data: funnel.months.map((m) => m[k] / 100) })),
  });
  const review = await ask<{ bridge: Record<string, number> }>('pipeline:review', { from: addDays(today, -7), to: today });
  // The waterfall: each step floats on the running total (a transparent stacked base).
  const steps = ['start', 'new', 'increase', 'decrease', 'won', 'lost', 'slipped', 'end'];
  const sign: Record<string, number> = { new: 1, increase: 1, decrease: -1, won: -1, lost: -1, slipped: -1 };
  let running = 0;
  const base: number[] = [];
  for (const s of steps) {
    const v = review.bridge[s]!;
    if (!sign[s]) running = v;
    else if (sign[s] > 0) running += v;
    else running -= v;
    base.push(!sign[s] ? 0 : sign[s] > 0 ? running - v : running);
  }
  draw(bridgeChart, {
    xAxis: { type: 'category', data: steps },
    yAxis: { type: 'value' },
    series: [
      { type: 'bar', stack: 'b', itemStyle: { color: 'transparent' }, data: base.map((b) => b / 100) },
      { type: 'bar', stack: 'b', data: steps.map((s) => review.bridge[s]! / 100) },
    ],
  });
}

void (params.get('chart') === 'pipeline' ? pipeline() : pareto());
