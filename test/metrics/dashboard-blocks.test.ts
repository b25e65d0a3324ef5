import { beforeAll, describe, expect, it } from 'vitest';
import { followerTrendBlock, growthBySourceBlock, memberTable, reportSummary, supportBlock } from '../../src/components/dashboards/dashboard-blocks.ts';
import { monthlyReport, type MonthlyReport } from '../../src/core/metrics/report.ts';
import { loadRepository } from '../../src/core/repository/load-repository.ts';
import { PROJECT_ROOT } from '../helpers/fixture-repository.ts';

describe('dashboard blocks of the sample department, October 2026', () => {
  let report: MonthlyReport;
  beforeAll(async () => {
    report = monthlyReport((await loadRepository(PROJECT_ROOT)).repository, '2026-10');
  });

  it('draw what their tables hold', () => {
    const trend = followerTrendBlock(report.followers, 'zh-CN');
    expect(trend.table.rows).toHaveLength(31);
    expect(trend.table.rows.at(-1)).toEqual(['2026-10-31', ...[report.followers.daily.at(-1)!.new, report.followers.daily.at(-1)!.cancelled, report.followers.daily.at(-1)!.net, report.followers.cumulativeEnd!].map((value) => value.toLocaleString('zh-CN'))]);
    expect(trend.svg).toContain(`aria-label="${trend.label}"`);
    const sources = growthBySourceBlock(report.followers, 'zh-CN');
    // Every source in the table is a category drawn in the chart.
    for (const [name] of sources.table.rows) expect(sources.svg).toContain(`>${name}</text>`);
  });

  it('describe charts in the reader’s language, with its punctuation', () => {
    const names = new Map([['zheng-hao', '郑浩'], ['chen-yu', '陈雨']]);
    const zh = supportBlock(report.support, 'zh-CN', names);
    expect(zh.label).toMatch(/^各客服首次回复时间柱状图（中位数与 P90，单位分钟），虚线为 30 分钟时限；时限内回复占 \d+(\.\d)?%。$/);
    expect(zh.note).toBe('时限 30 分钟。工作时间 09:00–21:00，之外收到的消息从下一个工作时间开始计时。');
    expect(zh.table.rows.map((row) => row[0])).toEqual(['陈雨', '郑浩', '全部']);
    const en = supportBlock(report.support, 'en', names);
    expect(en.note).toBe('Deadline 30 min. Business hours 09:00–21:00; a message outside them is timed from the next opening.');
  });

  it('summarise the month against the one before for the head', () => {
    const summary = reportSummary(report, 'en');
    const row = (name: string) => summary.rows.find((cells) => cells[0] === name)!;
    expect(row('New')[1]).toBe(report.followers.new.toLocaleString('en'));
    const change = report.followers.new - report.previousFollowers!.new;
    expect(row('New')[2]).toBe(`${change >= 0 ? '+' : ''}${change.toLocaleString('en')}`);
    expect(memberTable(report, 'zh-CN').rows.map((cells) => cells[0])).toContain('林晓');
  });
});
