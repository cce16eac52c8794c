import { useEffect, useRef, type CSSProperties } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, FunnelChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { ECElementEvent, EChartsOption as FullOption } from 'echarts';

// Only the chart types and components the screens draw are bundled (not all of ECharts):
// this module is loaded by the screens that show a chart, never by the first screen.
// A chart type or component missing here draws nothing and ECharts warns in the console.
echarts.use([
  BarChart,
  LineChart,
  ScatterChart,
  FunnelChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  TitleComponent,
  MarkLineComponent,
  MarkAreaComponent,
  CanvasRenderer,
]);

export type EChartsOption = FullOption;
export type EChartClick = ECElementEvent;

/**
 * ECharts in a div: init on mount, setOption on change (animation always off — it is
 * slow here), resize with the container, dispose on unmount. `onClick` receives the
 * clicked element's event (series, data index, value).
 */
export function EChart({
  option,
  style,
  onClick,
  testId,
  notMerge = true,
}: {
  option: EChartsOption;
  style?: CSSProperties;
  onClick?: (e: EChartClick) => void;
  testId?: string;
  notMerge?: boolean;
}) {
  const el = useRef<HTMLDivElement | null>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;
  // Set when an option is given, cleared when ECharts has finished drawing it.
  const drawing = useRef(false);

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (e) => click.current?.(e as EChartClick));
    // data-drawn-at: when the chart last finished drawing new data (ms since the page's
    // start). The bench times "data arrived → chart drawn" with it; tests may wait on it.
    c.on('finished', () => {
      if (!drawing.current || !el.current) return;
      drawing.current = false;
      el.current.dataset.drawnAt = String(Math.round(performance.now()));
    });
    // A ResizeObserver reports the size it first sees at once: that is the size ECharts was
    // just created with, and resizing to it would lay the chart out and draw it again
    // (~30 ms of a chart screen's cold start). Only a change of size resizes.
    let size = `${c.getWidth()}x${c.getHeight()}`;
    const ro = new ResizeObserver(() => {
      const now = `${el.current?.clientWidth ?? 0}x${el.current?.clientHeight ?? 0}`;
      if (now === size) return;
      size = now;
      c.resize();
    });
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (!chart.current) return;
    drawing.current = true;
    chart.current.setOption({ ...option, animation: false }, { notMerge });
  }, [option, notMerge]);

  return <div ref={el} style={{ width: '100%', height: 320, ...style }} data-testid={testId} />;
}
