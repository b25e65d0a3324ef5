/**
 * Charts as SVG strings, rendered once at build time with ECharts' server-side renderer: the
 * dashboards ship no client script. Every chart is an accessible image (role="img", an
 * aria-label and a <title>), draws on its own white card so it reads the same in the light and
 * dark themes, and leaves out ECharts' hover styles (nothing can hover-highlight without script,
 * and their generated class names would collide between charts on one page).
 */
import * as echarts from 'echarts';

export interface Series {
  name: string;
  data: Array<number | null>;
}

export interface ChartSize {
  width?: number;
  height?: number;
}

/** A colour-blind-safe palette (Okabe–Ito), in the order series are drawn. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000', '#999999', '#8C564B'];

const FONT = '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif';

function escapeXml(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** Renders an ECharts option to a self-contained, accessible SVG string. */
export function renderChart(option: echarts.EChartsOption, label: string, size: ChartSize = {}): string {
  const width = size.width ?? 720;
  const height = size.height ?? 320;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      color: PALETTE,
      textStyle: { fontFamily: FONT, color: '#333333' },
      ...option,
    });
    const svg = chart.renderToSVGString();
    return svg
      .replace(/<style\s*>[\s\S]*?<\/style>/g, '')
      .replace(/ class="zr\d+-cls-\d+"/g, '')
      .replace(/^<svg /, `<svg role="img" aria-label="${escapeXml(label)}" preserveAspectRatio="xMinYMin meet" style="max-width:100%;height:auto" `)
      .replace(/^(<svg[^>]*>)/, `$1<title>${escapeXml(label)}</title>`);
  } finally {
    chart.dispose();
  }
}

const GRID = { left: 64, right: 24, top: 48, bottom: 48, containLabel: false };

export function lineChart(options: { label: string; categories: string[]; series: Series[]; yName?: string; area?: boolean; markLine?: { value: number; name: string } } & ChartSize): string {
  return renderChart(
    {
      legend: { top: 8 },
      grid: GRID,
      xAxis: { type: 'category', data: options.categories, boundaryGap: false, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', scale: true, ...(options.yName ? { name: options.yName } : {}) },
      series: options.series.map((series, index) => ({
        type: 'line',
        name: series.name,
        data: series.data,
        showSymbol: options.categories.length <= 40,
        ...(options.area ? { areaStyle: { opacity: 0.12 } } : {}),
        ...(index === 0 && options.markLine ? { markLine: { symbol: 'none', data: [{ yAxis: options.markLine.value, name: options.markLine.name }], label: { formatter: options.markLine.name, position: 'insideEndTop' }, lineStyle: { color: '#D55E00', type: 'dashed' } } } : {}),
      })),
    },
    options.label,
    options,
  );
}

export function barChart(
  options: {
    label: string;
    categories: string[];
    series: Series[];
    stacked?: boolean;
    horizontal?: boolean;
    yName?: string;
    markLine?: { value: number; name: string };
  } & ChartSize,
): string {
  const categoryAxis = { type: 'category' as const, data: options.categories, axisLabel: { hideOverlap: !options.horizontal, width: options.horizontal ? 180 : undefined, overflow: 'truncate' as const } };
  const valueAxis = { type: 'value' as const, ...(options.yName ? { name: options.yName } : {}) };
  return renderChart(
    {
      legend: { top: 8, show: options.series.length > 1 },
      grid: options.horizontal ? { ...GRID, left: 200 } : GRID,
      xAxis: options.horizontal ? valueAxis : categoryAxis,
      yAxis: options.horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
      series: options.series.map((series, index) => ({
        type: 'bar',
        name: series.name,
        data: series.data,
        ...(options.stacked ? { stack: 'total' } : {}),
        ...(index === 0 && options.markLine
          ? { markLine: { symbol: 'none', data: [options.horizontal ? { xAxis: options.markLine.value } : { yAxis: options.markLine.value }], label: { formatter: options.markLine.name, position: 'insideEndTop' }, lineStyle: { color: '#D55E00', type: 'dashed', width: 2 } } }
          : {}),
      })),
    },
    options.label,
    options,
  );
}

export function pieChart(options: { label: string; data: Array<{ name: string; value: number }> } & ChartSize): string {
  return renderChart(
    {
      // Each sector carries its own name and share, so no legend takes the room the labels need.
      series: [{ type: 'pie', radius: ['32%', '58%'], center: ['50%', '52%'], data: options.data, label: { formatter: '{b}\n{d}%' }, labelLine: { length: 8, length2: 8 } }],
    },
    options.label,
    { width: options.width ?? 480, height: options.height ?? 300 },
  );
}
