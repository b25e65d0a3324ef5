/**
 * The small line chart of an article's first week (a few days, one to three series), drawn as
 * SVG text directly instead of through ECharts: an article page has two of them per language, and
 * at about 5 ms an ECharts drawing made them most of a 2,000-article site build (8,000 drawings,
 * 37 s of CPU), where writing the same lines, dots, ticks and legend as strings takes some
 * microseconds. It keeps the look of charts.ts' phone drawing (`compact`: 340 × 280, 13 px text,
 * the same margins, palette and white card) and its promises: an accessible image (role="img",
 * an aria-label and a <title>), no label over the data, value labels that never overlap.
 */
import { CHART_FONT, COMPACT_WIDTH, escapeXml, PALETTE } from './chart-style.ts';
import type { Series } from './charts.ts';

const WIDTH = COMPACT_WIDTH;
const HEIGHT = 280;
/** charts.ts' COMPACT_GRID: room for the legend above, the value labels left, the days below. */
const GRID = { left: 52, right: 16, top: 56, bottom: 44 };
const FONT_SIZE = 13;
/** Value ticks on a phone, as charts.ts asks ECharts for (`splitNumber: 3`). */
const VALUE_TICKS = 3;
const AXIS_GREY = '#6E7079';
const SPLIT_LINE = '#E0E6F1';
const TEXT = '#333333';
const LEGEND_ICON = 25;
const LEGEND_GAP = 8;

/**
 * Width of a text at 13 px, estimated as the browser lays it out in the chart's CJK font: a Han
 * character or full-width mark is one em, a Latin letter or digit about 0.6 em, a space 0.3 em.
 * Used only to keep labels apart and inside the drawing, so it errs towards wide.
 */
export function textWidth(text: string, fontSize = FONT_SIZE): number {
  let ems = 0;
  for (const character of text) {
    const code = character.codePointAt(0)!;
    ems += code >= 0x2e80 ? 1 : character === ' ' ? 0.3 : 0.62;
  }
  return ems * fontSize;
}

/** 1, 2, 3 or 5 times a power of ten, the first at or above `raw` (ECharts' nice steps). */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 3 ? 3 : fraction <= 5 ? 5 : 10) * power;
}

/** The value axis: about three steps of a nice size around the data, never below 0 for counts. */
export function valueTicks(values: number[]): number[] {
  if (values.length === 0) return [0, 1];
  let low = Math.min(...values);
  let high = Math.max(...values);
  if (low === high) {
    const pad = low === 0 ? 1 : Math.abs(low) / 2;
    high += pad;
    low = low >= 0 ? Math.max(0, low - pad) : low - pad;
  }
  const integers = values.every((value) => Number.isInteger(value));
  const step = Math.max(niceStep((high - low) / VALUE_TICKS), integers ? 1 : 0);
  const first = Math.floor(low / step) * step;
  const last = Math.ceil(high / step) * step;
  const ticks: number[] = [];
  // Counted in steps, not added up, so 0.1 + 0.2 does not creep into a label.
  for (let index = 0; first + index * step <= last + step / 1e9; index += 1)
    ticks.push(Number((first + index * step).toPrecision(12)));
  return ticks.length >= 2 ? ticks : [first, first + step];
}

const round = (value: number) => Math.round(value * 10) / 10;

function text(x: number, y: number, content: string, attributes: string): string {
  return `<text x="${round(x)}" y="${round(y)}" ${attributes}>${escapeXml(content)}</text>`;
}

/** The legend: one row per what fits, centred, each series' line and dot before its name. */
function legend(series: Series[]): string {
  const items = series.map((entry, index) => ({
    name: entry.name,
    colour: PALETTE[index % PALETTE.length]!,
    width: LEGEND_ICON + 5 + textWidth(entry.name),
  }));
  const rows: (typeof items)[] = [[]];
  let used = 0;
  for (const item of items) {
    const row = rows.at(-1)!;
    if (row.length > 0 && used + LEGEND_GAP + item.width > WIDTH - 16) {
      rows.push([item]);
      used = item.width;
    } else {
      used += (row.length > 0 ? LEGEND_GAP : 0) + item.width;
      row.push(item);
    }
  }
  const parts: string[] = [];
  rows.forEach((row, rowIndex) => {
    const rowWidth = row.reduce((sum, item) => sum + item.width, 0) + LEGEND_GAP * (row.length - 1);
    let x = (WIDTH - rowWidth) / 2;
    const middle = 15 + rowIndex * 20;
    for (const item of row) {
      parts.push(
        `<path d="M${round(x)} ${middle}h${LEGEND_ICON}" stroke="${item.colour}" stroke-width="2"/>`,
        `<circle cx="${round(x + LEGEND_ICON / 2)}" cy="${middle}" r="4" fill="#ffffff" stroke="${item.colour}" stroke-width="2"/>`,
        text(x + LEGEND_ICON + 5, middle, item.name, `fill="${TEXT}" dominant-baseline="central"`),
      );
      x += item.width + LEGEND_GAP;
    }
  });
  return parts.join('');
}

interface CategoryLabel {
  text: string;
  at: number;
  anchor: 'start' | 'middle' | 'end';
  left: number;
  right: number;
}

/** A label centred under its day, or held inside the drawing at the first and last day. */
function placeLabel(category: string, centre: number): CategoryLabel {
  const width = textWidth(category);
  if (centre - width / 2 < 0) return { text: category, at: 0, anchor: 'start', left: 0, right: width };
  if (centre + width / 2 > WIDTH)
    return { text: category, at: WIDTH, anchor: 'end', left: WIDTH - width, right: WIDTH };
  return { text: category, at: centre, anchor: 'middle', left: centre - width / 2, right: centre + width / 2 };
}

/**
 * Every k-th day's label, for the smallest k that leaves 8 px between neighbours where they
 * really sit (the last one pulled inside the drawing can come close to the one before).
 */
function categoryLabels(categories: string[], x: (index: number) => number): CategoryLabel[] {
  for (let every = 1; every <= categories.length; every += 1) {
    const labels = categories.flatMap((category, index) =>
      index % every === 0 ? [placeLabel(category, x(index))] : [],
    );
    if (labels.every((label, index) => index === 0 || label.left - labels[index - 1]!.right >= 8)) return labels;
  }
  return categories.length > 0 ? [placeLabel(categories[0]!, x(0))] : [];
}

/**
 * A line per series over the categories (the days), value axis on the left with its split lines,
 * day labels below, thinned as ECharts' `hideOverlap` does when they would touch.
 */
export function firstWeekChart(options: { label: string; categories: string[]; series: Series[] }): string {
  const { categories, series } = options;
  const plotWidth = WIDTH - GRID.left - GRID.right;
  const plotHeight = HEIGHT - GRID.top - GRID.bottom;
  const bottom = HEIGHT - GRID.bottom;
  const values = series.flatMap((entry) => entry.data.filter((value): value is number => value !== null));
  const ticks = valueTicks(values);
  const low = ticks[0]!;
  const high = ticks.at(-1)!;
  const y = (value: number) => bottom - ((value - low) / (high - low)) * plotHeight;
  const spacing = categories.length > 1 ? plotWidth / (categories.length - 1) : 0;
  const x = (index: number) => (categories.length > 1 ? GRID.left + index * spacing : GRID.left + plotWidth / 2);

  const parts: string[] = [`<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`];
  for (const tick of ticks) {
    const at = round(y(tick));
    parts.push(
      `<path d="M${GRID.left} ${at}H${WIDTH - GRID.right}" stroke="${SPLIT_LINE}"/>`,
      text(
        GRID.left - 8,
        at,
        tick.toLocaleString('en-US'),
        `fill="${AXIS_GREY}" text-anchor="end" dominant-baseline="central"`,
      ),
    );
  }
  parts.push(`<path d="M${GRID.left} ${bottom}H${WIDTH - GRID.right}" stroke="${AXIS_GREY}"/>`);
  for (let index = 0; index < categories.length; index += 1)
    parts.push(`<path d="M${round(x(index))} ${bottom}v5" stroke="${AXIS_GREY}"/>`);
  for (const label of categoryLabels(categories, x))
    parts.push(text(label.at, bottom + 8 + FONT_SIZE, label.text, `fill="${AXIS_GREY}" text-anchor="${label.anchor}"`));
  series.forEach((entry, seriesIndex) => {
    const colour = PALETTE[seriesIndex % PALETTE.length]!;
    // A missing day breaks the line, as ECharts draws it (connectNulls false).
    let path = '';
    let drawing = false;
    entry.data.forEach((value, index) => {
      if (value === null) {
        drawing = false;
        return;
      }
      path += `${drawing ? 'L' : 'M'}${round(x(index))} ${round(y(value))}`;
      drawing = true;
    });
    if (path) parts.push(`<path d="${path}" fill="none" stroke="${colour}" stroke-width="2" stroke-linejoin="round"/>`);
    entry.data.forEach((value, index) => {
      if (value !== null)
        parts.push(
          `<circle cx="${round(x(index))}" cy="${round(y(value))}" r="3" fill="#ffffff" stroke="${colour}" stroke-width="1.5"/>`,
        );
    });
  });
  parts.push(legend(series));
  const label = escapeXml(options.label);
  return (
    `<svg role="img" aria-label="${label}" preserveAspectRatio="xMinYMin meet" style="width:100%;height:auto" width="${WIDTH}" height="${HEIGHT}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}">` +
    `<title>${label}</title><g font-family="${escapeXml(CHART_FONT)}" font-size="${FONT_SIZE}">${parts.join('')}</g></svg>`
  );
}
