/**
 * The look every build-time chart shares, whoever draws it (ECharts in charts.ts, or the small
 * line chart of an article's first week in first-week-chart.ts): palette, type and phone width.
 */

/** Width of a chart drawn for a phone: shown at about its own size in a 375 px screen. */
export const COMPACT_WIDTH = 340;

/** A colour-blind-safe palette (Okabe–Ito), in the order series are drawn. */
export const PALETTE = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#D55E00',
  '#CC79A7',
  '#56B4E9',
  '#F0E442',
  '#000000',
  '#999999',
  '#8C564B',
];

export const CHART_FONT =
  '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif';

export function escapeXml(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
