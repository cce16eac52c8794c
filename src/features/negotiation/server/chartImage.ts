import { createRequire } from 'node:module';
import { echarts } from '../../../platform/lazyLibs';
import type { PlanIssue } from '../domain';
import { ladderChartOption } from '../ladderChart';
import type { Lang } from '../units';

// The ladder chart rendered in Node: ECharts' server-side SVG renderer (no DOM, no canvas),
// then @resvg/resvg-js turns the SVG into a PNG, since Excel shows PNG/JPEG images but not
// SVG. resvg ships prebuilt binaries inside its npm packages; should none load on some
// platform, exports go on without the picture (laddersPng returns null).

const FONTS = 'WenQuanYi Zen Hei, Noto Sans CJK SC, Microsoft YaHei, PingFang SC, Source Han Sans SC, sans-serif';

export function ladderSvg(issue: PlanIssue, lang: Lang, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(ladderChartOption(issue, { lang, fontFamily: FONTS }));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

type ResvgCtor = new (svg: string, opts: object) => { render(): { asPng(): Buffer } };
let resvg: ResvgCtor | null | undefined;

function loadResvg(): ResvgCtor | null {
  if (resvg === undefined) {
    try {
      resvg = (createRequire(import.meta.url)('@resvg/resvg-js') as { Resvg: ResvgCtor }).Resvg;
    } catch {
      resvg = null;
    }
  }
  return resvg;
}

/**
 * The ladders of several issues as one PNG (a grid, `columns` wide), drawn at twice the
 * size for a sharp print; null when no rasteriser loads. One picture rather than one per
 * issue because resvg loads the fonts for each picture, and a CJK font takes a while.
 */
export function laddersPng(
  issues: PlanIssue[],
  lang: Lang,
  cell: { width: number; height: number },
  columns = 2,
): { png: Buffer; width: number; height: number } | null {
  const Resvg = loadResvg();
  if (!Resvg || issues.length === 0) return null;
  const cols = Math.min(columns, issues.length);
  const width = cols * cell.width;
  const height = Math.ceil(issues.length / cols) * cell.height;
  const parts = issues.map((issue, n) => {
    const x = (n % cols) * cell.width;
    const y = Math.floor(n / cols) * cell.height;
    return ladderSvg(issue, lang, cell.width, cell.height).replace('<svg ', `<svg x="${x}" y="${y}" `);
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
  const r = new Resvg(svg, {
    background: '#ffffff',
    fitTo: { mode: 'width', value: width * 2 },
    font: { loadSystemFonts: true, defaultFontFamily: 'WenQuanYi Zen Hei' },
  });
  return { png: r.render().asPng(), width, height };
}
