import { beforeAll, describe, expect, it } from 'vitest';
import {
  audienceBlocks,
  followerTrendBlock,
  growthBySourceBlock,
  memberTable,
  reportHeadline,
  reportSummary,
  supportBlock,
} from '../../src/components/dashboards/dashboard-blocks.ts';
import { monthlyReport, type MonthlyReport } from '../../src/core/metrics/report.ts';
import { loadRepository } from '../../src/core/repository/load-repository.ts';
import { FIXTURE_DEPARTMENT } from '../helpers/fixture-repository.ts';

describe('dashboard blocks of the sample department, October 2026', () => {
  let report: MonthlyReport;
  beforeAll(async () => {
    report = monthlyReport((await loadRepository(FIXTURE_DEPARTMENT)).repository, '2026-10');
  });

  it('draw what their tables hold', () => {
    const trend = followerTrendBlock(report.followers, 'zh-CN');
    expect(trend.table.rows).toHaveLength(31);
    expect(trend.table.rows.at(-1)).toEqual([
      '2026-10-31',
      ...[
        report.followers.daily.at(-1)!.new,
        report.followers.daily.at(-1)!.cancelled,
        report.followers.daily.at(-1)!.net,
        report.followers.cumulativeEnd!,
      ].map((value) => value.toLocaleString('zh-CN')),
    ]);
    expect(trend.svg).toContain(`aria-label="${trend.label}"`);
    const sources = growthBySourceBlock(report.followers, 'zh-CN');
    // Every source in the table is a category drawn in the chart.
    for (const [name] of sources.table.rows) expect(sources.svg).toContain(`>${name}</text>`);
  });

  it('describe charts in the reader’s language, with its punctuation', () => {
    const names = new Map([
      ['zheng-hao', '郑浩'],
      ['chen-yu', '陈雨'],
    ]);
    const zh = supportBlock(report.support, 'zh-CN', names);
    expect(zh.label).toMatch(
      /^各客服首次回复时间柱状图（中位数与 P90，单位分钟），虚线为 30 分钟时限；时限内回复占 \d+(\.\d)?%。$/,
    );
    expect(zh.note).toBe('时限 30 分钟。工作时间 09:00–21:00，之外收到的消息从下一个工作时间开始计时。');
    expect(zh.table.rows.map((row) => row[0])).toEqual(['陈雨', '郑浩', '全部']);
    const en = supportBlock(report.support, 'en', names);
    expect(en.note).toBe(
      'Deadline 30 min. Business hours 09:00–21:00; a message outside them is timed from the next opening.',
    );
  });

  it('summarise the month against the one before for the head', () => {
    const summary = reportSummary(report, 'en');
    const row = (name: string) => summary.rows.find((cells) => cells[0] === name)!;
    expect(row('New')[1]).toBe(report.followers.new.toLocaleString('en'));
    const change = report.followers.new - report.previousFollowers!.new;
    const relative = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 }).format(
      change / report.previousFollowers!.new,
    );
    expect(row('New')[2]).toBe(
      `${change > 0 ? '+' : ''}${change.toLocaleString('en')} (${change > 0 ? '+' : ''}${relative})`,
    );
    expect(memberTable(report, 'zh-CN').rows.map((cells) => cells[0])).toContain('林晓');
    // October is complete: compared with the whole of September.
    expect(summary.head[2]).toBe('vs last month');
    // A rate changes by percentage points, not shown as last month's rate in the change column.
    const churn = (report.followers.churnRate! - report.previousFollowers!.churnRate!) * 100;
    expect(row('Churn rate')[2]).toBe(
      `${churn > 0 ? '+' : ''}${(Math.round(churn * 10) / 10).toLocaleString('en')} pp`,
    );
    expect(row('Published')[2]).toMatch(/^[+-]?\d+( \([+-]?[\d.]+%\))?$/);
  });

  it('name gender and age groups in English on the English pages', () => {
    const snapshots = [
      {
        dimension: 'gender' as const,
        date: '2026-11-25',
        total: 3,
        buckets: [
          { bucket: '男', users: 1, share: 1 / 3 },
          { bucket: '女', users: 2, share: 2 / 3 },
        ],
      },
      {
        dimension: 'age' as const,
        date: '2026-11-25',
        total: 3,
        buckets: [
          { bucket: '18岁以下', users: 1, share: 1 / 3 },
          { bucket: '18-25岁', users: 1, share: 1 / 3 },
          { bucket: '60岁以上', users: 1, share: 1 / 3 },
        ],
      },
    ];
    const [gender, age] = audienceBlocks(snapshots, 'en');
    expect(gender!.table.rows.map((row) => row[0])).toEqual(['Male', 'Female']);
    expect(gender!.label).toContain('the largest group is Female (66.7%)');
    expect(age!.table.rows.map((row) => row[0])).toEqual(['under 18', '18–25', 'over 60']);
    expect(audienceBlocks(snapshots, 'zh-CN')[0]!.table.rows.map((row) => row[0])).toEqual(['男', '女']);
  });

  it('open the report with one sentence a head can read aloud', () => {
    const zh = reportHeadline(report, 'zh-CN');
    expect(zh).toMatch(
      /^本月粉丝净增 \+[\d,]+（较上月 [+-]?[\d,]+，[+-]?[\d.]+%），文章阅读 [\d,]+ 次（较上月 [+-]?[\d,]+，[+-]?[\d.]+%），发布 \d+ 篇，阅读最多的是《[^》]+》；客服按时首次回复 [\d.]+%。$/,
    );
    expect(zh).toContain(`阅读最多的是《${report.articles[0]!.title}》`);
    const en = reportHeadline(report, 'en');
    expect(en).toMatch(
      /^Net follower growth \+[\d,]+ \(vs last month [+-]?[\d,]+, [+-]?[\d.]+%\), [\d,]+ article reads/,
    );
    expect(en).not.toMatch(/\p{Script=Han}[^“”]*$/u);
  });

  it('compare a month in progress with the same days of the month before', async () => {
    const november = monthlyReport((await loadRepository(FIXTURE_DEPARTMENT)).repository, '2026-11');
    expect(november.range).toEqual({ from: '2026-11-01', to: '2026-11-25' });
    expect(november.previousRange).toEqual({ from: '2026-10-01', to: '2026-10-25' });
    const october = report.followers.daily.filter((day) => day.period <= '2026-10-25');
    expect(november.previousFollowers!.new).toBe(october.reduce((sum, day) => sum + day.new, 0));
    const summary = reportSummary(november, 'zh-CN');
    expect(summary.head[2]).toBe('较上月同期（2026-10-01 至 2026-10-25）');
    expect(reportHeadline(november, 'zh-CN')).toContain('（较上月同期 ');
    // November's churn is within 0.05 points of October's same days: "0 个百分点", never "-0".
    expect(summary.rows.find((row) => row[0] === '流失率')![2]).toMatch(/^(\+?\d|-[1-9]|-0\.\d)[\d.]* 个百分点$/);
  });
});

describe('reading sources and share scenes', () => {
  it('rank sources by reads, leave out the "all" row, and name codes in both languages', async () => {
    const { FixtureRepository } = await import('../helpers/fixture-repository.ts');
    const { readSourceKpis, shareSceneKpis } = await import('../../src/core/metrics/kpis.ts');
    const { readSourcesBlock, shareScenesBlock } = await import('../../src/components/dashboards/dashboard-blocks.ts');
    const fixture = await FixtureRepository.create();
    try {
      await fixture.write(
        'content/metrics/reads/2026-11.csv',
        'date,source,readers,reads,shareUsers,shares,favoriteUsers,favorites\n2026-11-01,0,300,360,10,12,3,3\n2026-11-01,2,120,150,4,5,1,1\n2026-11-01,99999999,420,510,14,17,4,4\n2026-11-02,2,500,560,20,22,2,2\n',
      );
      await fixture.write(
        'content/metrics/shares/2026-11.csv',
        'date,scene,shares,shareUsers\n2026-11-01,1,30,25\n2026-11-01,2,12,10\n2026-11-02,1,8,8\n',
      );
      const { repository } = await loadRepository(fixture.root);
      const range = { from: '2026-11-01', to: '2026-11-30' };
      const sources = readSourceKpis(repository, range);
      expect(sources.map((source) => [source.source, source.reads])).toEqual([
        [2, 710],
        [0, 360],
      ]);
      expect(sources[0]!.shareOfReads).toBeCloseTo(710 / 1070, 12);
      const zh = readSourcesBlock(sources, 'zh-CN');
      expect(zh.label).toBe('各阅读来源的阅读次数条形图；阅读最多的来源是朋友圈。');
      expect(zh.table.rows.map((row) => row[0])).toEqual(['朋友圈', '会话']);
      const scenes = shareSceneKpis(repository, range);
      expect(scenes).toEqual([
        { scene: 1, shares: 38, shareUsers: 33 },
        { scene: 2, shares: 12, shareUsers: 10 },
      ]);
      expect(shareScenesBlock(scenes, 'en').label).toBe('Chart of shares per scene; most shares went to Friends.');
    } finally {
      await fixture.dispose();
    }
  });
});

describe('a department with almost no figures yet', () => {
  it('draws every block without NaN, Infinity or a crash', async () => {
    const { FixtureRepository } = await import('../helpers/fixture-repository.ts');
    const blocks = await import('../../src/components/dashboards/dashboard-blocks.ts');
    const { dashboardOverview } = await import('../../src/core/metrics/report.ts');
    const fixture = await FixtureRepository.create();
    try {
      // One day of follower totals and nothing else: no changes, no articles with figures, no support, no audience.
      await fixture.write('content/metrics/followers-cumulative/2026-12.csv', 'date,cumulative\n2026-12-01,0\n');
      const { repository } = await loadRepository(fixture.root);
      const report = monthlyReport(repository, '2026-12');
      const overview = dashboardOverview(repository)!;
      const names = new Map<string, string>();
      for (const lang of ['zh-CN', 'en'] as const) {
        const outputs = [
          blocks.reportSummary(report, lang),
          blocks.reportHeadline(report, lang),
          blocks.memberTable(report, lang),
          blocks.followerTrendBlock(overview.followers, lang),
          blocks.followerChangesBlock(overview.followers, lang),
          blocks.growthBySourceBlock(overview.followers, lang),
          blocks.readsAndSharesBlock(overview.daily, lang),
          blocks.topArticlesBlock(overview.topArticles, lang, names),
          blocks.articleComparisonBlock(overview.recentArticles, lang, names),
          blocks.supportBlock(overview.support, lang, names),
          blocks.supportTrendBlock(overview.supportByMonth, overview.support.deadlineMinutes, lang),
          ...blocks.audienceBlocks(overview.audience, lang),
        ];
        const text = JSON.stringify(outputs);
        expect(text).not.toMatch(/NaN|Infinity|undefined/);
        // Followers at 0 on the first day: churn over a start of 0 is "—", not a division by zero.
        expect(blocks.reportSummary(report, lang).rows[5]![1]).toBe('—');
      }
    } finally {
      await fixture.dispose();
    }
  });
});
