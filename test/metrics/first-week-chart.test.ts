import { describe, expect, it } from 'vitest';
import { PALETTE } from '../../src/core/metrics/chart-style.ts';
import { firstWeekChart, textWidth, valueTicks } from '../../src/core/metrics/first-week-chart.ts';

const ZH_DAYS = [
  '第 1 天 11-02',
  '第 2 天 11-03',
  '第 3 天 11-04',
  '第 4 天 11-05',
  '第 5 天 11-06',
  '第 6 天 11-07',
  '第 7 天 11-08',
];
const EN_DAYS = [
  'Day 1 11-02',
  'Day 2 11-03',
  'Day 3 11-04',
  'Day 4 11-05',
  'Day 5 11-06',
  'Day 6 11-07',
  'Day 7 11-08',
];

function texts(svg: string): Array<{ x: number; anchor: string; content: string }> {
  return [...svg.matchAll(/<text x="([\d.-]+)" y="[\d.-]+" ([^>]*)>([^<]*)<\/text>/g)].map((match) => ({
    x: Number(match[1]),
    anchor: /text-anchor="(\w+)"/.exec(match[2]!)?.[1] ?? 'start',
    content: match[3]!,
  }));
}

/** Where a text of the chart starts and ends, by the chart's own width estimate. */
function extent(label: { x: number; anchor: string; content: string }): [number, number] {
  const width = textWidth(label.content.replaceAll('&amp;', '&'));
  if (label.anchor === 'middle') return [label.x - width / 2, label.x + width / 2];
  return label.anchor === 'end' ? [label.x - width, label.x] : [label.x, label.x + width];
}

describe('the first-week chart of an article page', () => {
  it('is an accessible image named by its label, 340 × 280 with 13 px text, on a white card', () => {
    const svg = firstWeekChart({
      label: '“白茶 & 岩茶 <对比>”发布后七天每天的阅读次数',
      categories: ZH_DAYS,
      series: [{ name: '阅读', data: [1575, 1041, 612, 380, 251, 190, 140] }],
    });
    expect(svg).toMatch(/^<svg role="img" aria-label="“白茶 &amp; 岩茶 &lt;对比&gt;”发布后七天每天的阅读次数" /);
    expect(svg).toContain('viewBox="0 0 340 280"');
    expect(svg).toContain('<title>“白茶 &amp; 岩茶 &lt;对比&gt;”发布后七天每天的阅读次数</title>');
    expect(svg).toContain('font-size="13"');
    expect(svg).toContain('<rect width="340" height="280" fill="#ffffff"/>');
    expect(svg).not.toMatch(/<script|<style|class=/);
  });

  it('draws one line per series through every day, in the palette’s order, with a dot per day', () => {
    const svg = firstWeekChart({
      label: 'engagement',
      categories: EN_DAYS,
      series: [
        { name: 'Shares', data: [79, 47, 20, 11, 8, 5, 3] },
        { name: 'Likes', data: [28, 21, 9, 4, 3, 2, 1] },
        { name: 'Comments', data: [12, 7, 3, 1, 0, 1, 0] },
      ],
    });
    const lines = [...svg.matchAll(/<path d="(M[^"]+)" fill="none" stroke="(#\w+)"/g)];
    expect(lines.map((line) => line[2])).toEqual(PALETTE.slice(0, 3));
    for (const line of lines) expect(line[1]!.match(/[ML]/g)).toHaveLength(7);
    expect(svg.match(/<circle [^>]*r="3"/g)).toHaveLength(21);
    expect(texts(svg).map((text) => text.content)).toEqual(expect.arrayContaining(['Shares', 'Likes', 'Comments']));
  });

  it('labels the value axis in nice steps from the data, with thousands separators', () => {
    expect(valueTicks([1575, 1041, 612, 380, 251, 190, 140])).toEqual([0, 500, 1000, 1500, 2000]);
    expect(valueTicks([12, 7, 3, 1, 0, 1, 0])).toEqual([0, 5, 10, 15]);
    // A week of zeros still has an axis; counts never get a step below one.
    expect(valueTicks([0, 0, 0])).toEqual([0, 1]);
    expect(valueTicks([2, 1, 2])).toEqual([1, 2]);
    const svg = firstWeekChart({
      label: 'reads',
      categories: ZH_DAYS,
      series: [{ name: '阅读', data: [1575, 1041, 612, 380, 251, 190, 140] }],
    });
    expect(texts(svg).map((text) => text.content)).toEqual(
      expect.arrayContaining(['0', '500', '1,000', '1,500', '2,000']),
    );
  });

  it('leaves out day labels that would touch, and keeps every label inside the drawing', () => {
    for (const days of [ZH_DAYS, EN_DAYS]) {
      const svg = firstWeekChart({
        label: 'reads',
        categories: days,
        series: [{ name: 'reads', data: [5, 4, 3, 2, 1, 1, 0] }],
      });
      const dayLabels = texts(svg).filter((text) => days.includes(text.content));
      // Seven labels of this width do not fit in 272 px: the first, fourth and last day are named.
      expect(dayLabels.map((label) => label.content)).toEqual([days[0], days[3], days[6]]);
      const boxes = dayLabels.map(extent);
      for (let index = 1; index < boxes.length; index += 1)
        expect(boxes[index]![0] - boxes[index - 1]![1]).toBeGreaterThanOrEqual(8);
      for (const [left, right] of texts(svg).map(extent)) {
        expect(left).toBeGreaterThanOrEqual(0);
        expect(right).toBeLessThanOrEqual(340);
      }
    }
    const short = firstWeekChart({
      label: 'reads',
      categories: ZH_DAYS.slice(0, 3),
      series: [{ name: '阅读', data: [5, 4, 3] }],
    });
    expect(texts(short).filter((text) => ZH_DAYS.includes(text.content))).toHaveLength(3);
  });

  it('breaks the line at a day without a figure, and draws a single day as a dot', () => {
    const gap = firstWeekChart({
      label: 'reads',
      categories: ZH_DAYS.slice(0, 4),
      series: [{ name: '阅读', data: [5, null, 3, 2] }],
    });
    const path = /<path d="(M[^"]+)" fill="none"/.exec(gap)![1]!;
    expect(path.match(/M/g)).toHaveLength(2);
    expect(gap.match(/<circle [^>]*r="3"/g)).toHaveLength(3);
    const one = firstWeekChart({
      label: 'reads',
      categories: ZH_DAYS.slice(0, 1),
      series: [{ name: '阅读', data: [0] }],
    });
    expect(one.match(/<circle [^>]*r="3"/g)).toHaveLength(1);
    expect(texts(one).map((text) => text.content)).toContain(ZH_DAYS[0]);
  });
});
