import * as echarts from 'echarts';

// The chart floor of `pareto-chart`: the least a page does to draw the same Pareto bars —
// bare ECharts, one bar series in large mode and the cumulative line, no animation — from
// the same analysis, asked of the same web server and handler (pareto:analyze) on the same
// book. Timed like the product: from the answer's body parsed to the chart's 'finished'.
interface Bar {
  value: number;
  cumulativeShare: number;
  from: number;
}

async function draw(): Promise<void> {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const el = document.getElementById('chart')!;
  const chart = echarts.init(el, undefined, { renderer: 'canvas' });
  const res = await fetch('/api/pareto:analyze', {
    method: 'POST',
    headers: { 'x-sw-token': token, 'content-type': 'application/json' },
    body: JSON.stringify({ params: { measure: 'sales', a: 55, b: 85 }, maxBars: 2000 }),
  });
  const { value } = (await res.json()) as { value: { chart: { bars: Bar[] } } };
  const bars = value.chart.bars;
  chart.on('finished', () => {
    el.dataset.drawnAt ??= String(Math.round(performance.now()));
  });
  chart.setOption({
    animation: false,
    xAxis: { type: 'category', data: bars.map((b) => String(b.from)) },
    yAxis: [{ type: 'value' }, { type: 'value', min: 0, max: 100 }],
    series: [
      { type: 'bar', data: bars.map((b) => b.value / 100), large: true },
      { type: 'line', yAxisIndex: 1, showSymbol: false, data: bars.map((b) => b.cumulativeShare * 100) },
    ],
  });
}

void draw();
