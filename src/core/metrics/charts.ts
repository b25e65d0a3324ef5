/**
 * Charts as SVG strings, rendered once at build time with ECharts' server-side renderer: the
 * dashboards ship no client script. Every chart is an accessible image (role="img", an
 * aria-label and a <title>), draws on its own white card so it reads the same in the light and
 * dark themes, and leaves out ECharts' hover styles (nothing can hover-highlight without script,
 * and their generated class names would collide between charts on one page).
 */
import * as echarts from 'echarts';
import { CHART_FONT as FONT, COMPACT_WIDTH, escapeXml, PALETTE } from './chart-style.ts';

export { COMPACT_WIDTH, PALETTE } from './chart-style.ts';

export interface Series {
  name: string;
  data: Array<number | null>;
}

export interface ChartSize {
  width?: number;
  height?: number;
  /**
   * Drawn for a phone (about 340 px): larger type, fewer value ticks, narrower margins. The site
   * shows this drawing below 640 px and the full one above, so chart text is never below 11 px.
   */
  compact?: boolean;
}

/**
 * Text size of the full drawing (720 px wide): a card two to a row on a laptop shows it at about
 * three quarters of its size, still 11 px or more.
 */
const DESKTOP_FONT_SIZE = 15;

/** Renders an ECharts option to a self-contained, accessible SVG string. */
export function renderChart(option: echarts.EChartsOption, label: string, size: ChartSize = {}): string {
  const width = size.compact ? COMPACT_WIDTH : (size.width ?? 720);
  const height = size.height ?? (size.compact ? 280 : 320);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      color: PALETTE,
      textStyle: { fontFamily: FONT, color: '#333333', fontSize: size.compact ? 13 : DESKTOP_FONT_SIZE },
      ...option,
    });
    const svg = chart.renderToSVGString();
    return svg
      .replace(/<style\s*>[\s\S]*?<\/style>/g, '')
      .replace(/ class="zr\d+-cls-\d+"/g, '')
      .replace(
        /^<svg /,
        `<svg role="img" aria-label="${escapeXml(label)}" preserveAspectRatio="xMinYMin meet" style="width:100%;height:auto" `,
      )
      .replace(/^(<svg[^>]*>)/, `$1<title>${escapeXml(label)}</title>`);
  } finally {
    chart.dispose();
  }
}

const GRID = { left: 64, right: 24, top: 48, bottom: 48, containLabel: false };
const COMPACT_GRID = { left: 52, right: 16, top: 56, bottom: 44, containLabel: false };

function gridFor(options: ChartSize & { markLine?: unknown }): typeof GRID {
  const grid = options.compact ? COMPACT_GRID : GRID;
  // A target line's label sits right of the plot, never over a bar or a point.
  return options.markLine ? { ...grid, right: options.compact ? 64 : 96 } : grid;
}

/** Axis labels: the same size as the rest of the text; fewer value ticks on a phone. */
function valueAxisTicks(options: ChartSize): { splitNumber?: number; axisLabel: { fontSize: number } } {
  return options.compact
    ? { splitNumber: 3, axisLabel: { fontSize: 13 } }
    : { axisLabel: { fontSize: DESKTOP_FONT_SIZE } };
}

function markLineLabel(name: string, options: ChartSize) {
  return {
    formatter: name,
    position: 'end' as const,
    fontSize: options.compact ? 13 : DESKTOP_FONT_SIZE,
    width: options.compact ? 56 : 88,
    overflow: 'break' as const,
  };
}

export function lineChart(
  options: {
    label: string;
    categories: string[];
    series: Series[];
    yName?: string;
    area?: boolean;
    markLine?: { value: number; name: string };
  } & ChartSize,
): string {
  return renderChart(
    {
      legend: { top: 8, ...(options.compact ? { itemGap: 8, textStyle: { fontSize: 13 } } : {}) },
      grid: gridFor(options),
      xAxis: {
        type: 'category',
        data: options.categories,
        boundaryGap: false,
        axisLabel: { hideOverlap: true, fontSize: options.compact ? 13 : DESKTOP_FONT_SIZE },
      },
      yAxis: {
        type: 'value',
        scale: true,
        ...valueAxisTicks(options),
        ...(options.yName ? { name: options.yName } : {}),
      },
      series: options.series.map((series, index) => ({
        type: 'line',
        name: series.name,
        data: series.data,
        showSymbol: options.categories.length <= 40,
        ...(options.area ? { areaStyle: { opacity: 0.12 } } : {}),
        ...(index === 0 && options.markLine
          ? {
              markLine: {
                symbol: 'none',
                data: [{ yAxis: options.markLine.value, name: options.markLine.name }],
                label: markLineLabel(options.markLine.name, options),
                lineStyle: { color: '#D55E00', type: 'dashed' },
              },
            }
          : {}),
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
  const labelWidth = options.compact ? 104 : 180;
  const categoryAxis = {
    type: 'category' as const,
    data: options.categories,
    axisLabel: {
      hideOverlap: !options.horizontal,
      width: options.horizontal ? labelWidth : undefined,
      overflow: 'truncate' as const,
      fontSize: options.compact ? 13 : DESKTOP_FONT_SIZE,
    },
  };
  const valueAxis = {
    type: 'value' as const,
    ...valueAxisTicks(options),
    ...(options.yName ? { name: options.yName } : {}),
  };
  return renderChart(
    {
      legend: {
        top: 8,
        show: options.series.length > 1,
        ...(options.compact ? { itemGap: 8, textStyle: { fontSize: 13 } } : {}),
      },
      grid: options.horizontal ? { ...gridFor(options), left: labelWidth + 16 } : gridFor(options),
      xAxis: options.horizontal ? valueAxis : categoryAxis,
      yAxis: options.horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
      series: options.series.map((series, index) => ({
        type: 'bar',
        name: series.name,
        data: series.data,
        ...(options.stacked ? { stack: 'total' } : {}),
        ...(index === 0 && options.markLine
          ? {
              markLine: {
                symbol: 'none',
                data: [options.horizontal ? { xAxis: options.markLine.value } : { yAxis: options.markLine.value }],
                label: markLineLabel(options.markLine.name, options),
                lineStyle: { color: '#D55E00', type: 'dashed', width: 2 },
              },
            }
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
      series: [
        {
          type: 'pie',
          radius: options.compact ? ['24%', '44%'] : ['32%', '58%'],
          center: ['50%', '52%'],
          data: options.data,
          label: { formatter: '{b}\n{d}%', fontSize: options.compact ? 13 : DESKTOP_FONT_SIZE },
          labelLine: { length: 8, length2: 8 },
        },
      ],
    },
    options.label,
    options.compact
      ? { compact: true, height: options.height ?? 280 }
      : { width: options.width ?? 480, height: options.height ?? 300 },
  );
}
