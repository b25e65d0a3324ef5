import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  articleKpis,
  businessMinutesBetween,
  followerKpis,
  isoWeek,
  median,
  memberArticleKpis,
  monthRange,
  percentile,
  supportKpis,
} from '../../src/core/metrics/kpis.ts';
import { loadRepository, type Repository } from '../../src/core/repository/load-repository.ts';
import { FIXTURE_DEPARTMENT, FixtureRepository } from '../helpers/fixture-repository.ts';

/** Sums a column of the sample department's CSV files straight from disk, as a cross-check. */
async function sumColumn(
  kind: string,
  column: string,
  keep: (cells: Record<string, string>) => boolean,
): Promise<number> {
  const folder = path.join(FIXTURE_DEPARTMENT, 'content/metrics', kind);
  let sum = 0;
  for (const name of (await readdir(folder)).filter((file) => file.endsWith('.csv'))) {
    const [header, ...lines] = (await readFile(path.join(folder, name), 'utf8')).trim().split('\n');
    const names = header!.split(',');
    for (const line of lines) {
      const cells = Object.fromEntries(line.split(',').map((value, index) => [names[index]!, value]));
      if (keep(cells)) sum += Number(cells[column]);
    }
  }
  return sum;
}

describe('KPIs of the sample department', () => {
  let repository: Repository;
  const october = monthRange('2026-10');

  beforeAll(async () => {
    repository = (await loadRepository(FIXTURE_DEPARTMENT)).repository;
  });

  it('adds up article reads of the month exactly as the CSV files hold them', async () => {
    const kpis = articleKpis(repository, october);
    const total = kpis.reduce((sum, kpi) => sum + kpi.reads, 0);
    expect(total).toBe(await sumColumn('articles', 'reads', (cells) => cells.date!.startsWith('2026-10')));
    expect(kpis.length).toBeGreaterThan(5);
    // Most-read first, and every article carries its front matter's title and author.
    for (let index = 1; index < kpis.length; index += 1)
      expect(kpis[index - 1]!.reads).toBeGreaterThanOrEqual(kpis[index]!.reads);
    for (const kpi of kpis.filter((entry) => entry.days > 0)) {
      expect(kpi.title).toMatch(/\p{Script=Han}/u);
      expect(kpi.readRate).not.toBeNull();
      expect(kpi.readRate!).toBeGreaterThan(0);
      expect(kpi.readRate!).toBeLessThan(1);
    }
  });

  it("gives a member's articles and nobody else's", () => {
    const all = articleKpis(repository, october);
    const mine = memberArticleKpis(repository, 'lin-xiao', october);
    expect(mine.articles.length).toBeGreaterThan(0);
    expect(mine.articles.every((kpi) => kpi.author === 'lin-xiao' || kpi.designer === 'lin-xiao')).toBe(true);
    const expected = all.filter((kpi) => kpi.author === 'lin-xiao' || kpi.designer === 'lin-xiao');
    expect(mine.totals.reads).toBe(expected.reduce((sum, kpi) => sum + kpi.reads, 0));
    expect(memberArticleKpis(repository, 'nobody-here', october).articles).toEqual([]);
    // The mean read rate is over the articles published in October: a September article's October
    // tail (a fraction of a percent) does not pull it down.
    const fresh = all.filter((kpi) => kpi.author === 'lin-xiao' && kpi.publishedOn! >= '2026-10-01');
    expect(fresh.length).toBe(mine.published);
    expect(mine.articles.some((kpi) => kpi.publishedOn! < '2026-10-01')).toBe(true);
    expect(mine.meanReadRate).toBeCloseTo(fresh.reduce((sum, kpi) => sum + kpi.readRate!, 0) / fresh.length, 12);
    expect(mine.meanReadRate!).toBeGreaterThan(0.1);
  });

  it('follows the follower count from the start of October to its end', async () => {
    const kpis = followerKpis(repository, october);
    expect(kpis.new).toBe(await sumColumn('followers', 'new', (cells) => cells.date!.startsWith('2026-10')));
    expect(kpis.cancelled).toBe(
      await sumColumn('followers', 'cancelled', (cells) => cells.date!.startsWith('2026-10')),
    );
    expect(kpis.net).toBe(kpis.new - kpis.cancelled);
    expect(kpis.cumulativeStart).toBe(
      await sumColumn('followers-cumulative', 'cumulative', (cells) => cells.date === '2026-09-30'),
    );
    expect(kpis.cumulativeEnd).toBe(
      await sumColumn('followers-cumulative', 'cumulative', (cells) => cells.date === '2026-10-31'),
    );
    expect(kpis.churnRate).toBeCloseTo(kpis.cancelled / kpis.cumulativeStart!, 12);
    expect(kpis.daily).toHaveLength(31);
    expect(kpis.monthly.map((month) => month.period)).toEqual(['2026-10']);
    // ISO weeks: 1 October 2026 is a Thursday, so the first week is W40 and holds four days.
    expect(kpis.weekly[0]).toMatchObject({ period: '2026-W40', from: '2026-10-01', to: '2026-10-04' });
    expect(kpis.weekly.reduce((sum, week) => sum + week.new, 0)).toBe(kpis.new);
    expect(kpis.bySource.reduce((sum, source) => sum + source.new, 0)).toBe(kpis.new);
  });

  it('times support replies against the 30-minute deadline, per agent', () => {
    const kpis = supportKpis(repository, october);
    expect(kpis.deadlineMinutes).toBe(30);
    expect(kpis.agents.map((agent) => agent.agent)).toContain('zheng-hao');
    const total = kpis.agents.reduce((sum, agent) => sum + agent.conversations, 0);
    expect(total).toBe(kpis.overall.conversations);
    for (const agent of kpis.agents) {
      expect(agent.firstReplyMedianMinutes!).toBeLessThanOrEqual(agent.firstReplyP90Minutes!);
      expect(agent.withinDeadlineShare!).toBeGreaterThan(0);
      expect(agent.withinDeadlineShare!).toBeLessThanOrEqual(1);
    }
  });
});

describe('KPIs of a small fixture with known answers', () => {
  let fixture: FixtureRepository;
  let repository: Repository;

  beforeAll(async () => {
    fixture = await FixtureRepository.create();
    await fixture.write(
      'content/metrics/followers/2026-09.csv',
      'date,source,new,cancelled\n2026-09-01,1,10,2\n2026-09-01,30,5,0\n2026-09-02,1,4,1\n2026-09-03,0,0,6\n',
    );
    await fixture.write(
      'content/metrics/followers-cumulative/2026-09.csv',
      'date,cumulative\n2026-09-01,1013\n2026-09-02,1016\n2026-09-03,1010\n',
    );
    await fixture.write(
      'content/metrics/support/2026-09.csv',
      `${[
        'id,agent,channel,openedAt,firstReplyAt,closedAt,category,satisfaction',
        // 8 minutes inside business hours.
        'S-20260901-001,chen-yu,message,2026-09-01T09:12:00+08:00,2026-09-01T09:20:00+08:00,,咨询,5',
        // Opened at night: timed from 09:00 the next morning, so 3 minutes.
        'S-20260901-002,chen-yu,comment,2026-09-01T22:05:00+08:00,2026-09-02T09:03:00+08:00,,物流,',
        // Opened 20:50, answered 09:25 next day: 10 + 25 = 35 business minutes, over the deadline.
        'S-20260902-001,chen-yu,message,2026-09-02T20:50:00+08:00,2026-09-03T09:25:00+08:00,,投诉,2',
        // Never answered: counts against the deadline.
        'S-20260903-001,chen-yu,message,2026-09-03T10:00:00+08:00,,,其他,',
        // Written in UTC: 2026-09-03T01:30Z is 09:30 in Shanghai; reply 45 minutes later.
        'S-20260903-002,zhou-min,message,2026-09-03T01:30:00Z,2026-09-03T02:15:00Z,,订单,4',
      ].join('\n')}\n`,
    );
    repository = (await loadRepository(fixture.root)).repository;
  });

  afterAll(async () => {
    await fixture.dispose();
  });

  it('derives the starting follower count when the day before the range is not recorded', () => {
    const kpis = followerKpis(repository, { from: '2026-09-01', to: '2026-09-03' });
    expect(kpis).toMatchObject({ new: 19, cancelled: 9, net: 10, cumulativeStart: 1000, cumulativeEnd: 1010 });
    expect(kpis.churnRate).toBeCloseTo(9 / 1000, 12);
    expect(kpis.bySource).toEqual([
      { source: 1, new: 14, cancelled: 3, net: 11, shareOfNew: 14 / 19 },
      { source: 30, new: 5, cancelled: 0, net: 5, shareOfNew: 5 / 19 },
      { source: 0, new: 0, cancelled: 6, net: -6, shareOfNew: 0 },
    ]);
    expect(kpis.daily.map((day) => [day.period, day.net, day.cumulativeEnd])).toEqual([
      ['2026-09-01', 13, 1013],
      ['2026-09-02', 3, 1016],
      ['2026-09-03', -6, 1010],
    ]);
    expect(followerKpis(repository, { from: '2026-09-02', to: '2026-09-03' }).cumulativeStart).toBe(1013);
  });

  it('measures first replies in business minutes and counts an unanswered conversation as late', () => {
    const kpis = supportKpis(repository, { from: '2026-09-01', to: '2026-09-30' });
    expect(kpis.conversations.map((item) => [item.id, item.firstReplyMinutes, item.withinDeadline])).toEqual([
      ['S-20260901-001', 8, true],
      ['S-20260901-002', 3, true],
      ['S-20260902-001', 35, false],
      ['S-20260903-001', null, false],
      ['S-20260903-002', 45, false],
    ]);
    const chen = kpis.agents.find((agent) => agent.agent === 'chen-yu')!;
    expect(chen).toMatchObject({
      conversations: 4,
      replied: 3,
      unanswered: 1,
      withinDeadline: 2,
      withinDeadlineShare: 0.5,
      firstReplyMedianMinutes: 8,
      firstReplyP90Minutes: 35,
      rated: 2,
      satisfactionMean: 3.5,
    });
    expect(kpis.overall).toMatchObject({ conversations: 5, withinDeadline: 2 });
  });

  it('sums article days inside the range only and computes the read rate against the audience', async () => {
    const kpis = articleKpis(repository, { from: '2026-09-03', to: '2026-09-30' });
    expect(kpis).toHaveLength(1);
    expect(kpis[0]).toMatchObject({
      article: '2026-09-02-yancha-yanyun',
      reads: 702,
      readers: 611,
      days: 1,
      publishedOn: '2026-09-02',
      audience: 1013,
    });
    expect(kpis[0]!.readRate).toBeCloseTo(611 / 1013, 12);
    // An article published in the range with no figures yet is listed with zeros, not left out.
    const empty = articleKpis(repository, { from: '2026-09-02', to: '2026-09-02' });
    expect(empty[0]).toMatchObject({ reads: 1830, days: 1 });
  });
});

describe('publication dates', () => {
  it('come from the publish record when the article went out later than scheduled', async () => {
    const fixture = await FixtureRepository.create();
    try {
      await fixture.write(
        'content/publishing/2026-09-02-yancha-yanyun.yaml',
        'article: 2026-09-02-yancha-yanyun\nstatus: published\npublishId: "2650177668"\nmsgDataId: "2247483801"\nurl: https://mp.weixin.qq.com/s/abcdefghijk\npublishedAt: 2026-09-03T00:10:00+08:00\n',
      );
      const { repository } = await loadRepository(fixture.root);
      // Scheduled for 2 September 20:30, published ten minutes past midnight on the 3rd (Beijing time).
      expect(articleKpis(repository, { from: '2026-09-01', to: '2026-09-30' })[0]!.publishedOn).toBe('2026-09-03');
      expect(memberArticleKpis(repository, 'lin-xiao', { from: '2026-09-03', to: '2026-09-03' }).published).toBe(1);
    } finally {
      await fixture.dispose();
    }
  });
});

describe('calendar and statistics helpers', () => {
  it('numbers ISO weeks across a year end', () => {
    expect(isoWeek('2026-12-31')).toEqual({ week: '2026-W53', monday: '2026-12-28' });
    expect(isoWeek('2027-01-03')).toEqual({ week: '2026-W53', monday: '2026-12-28' });
    expect(isoWeek('2027-01-04')).toEqual({ week: '2027-W01', monday: '2027-01-04' });
  });

  it('takes nearest-rank percentiles and true medians', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([], 90)).toBeNull();
    expect(median([1, 2, 3, 4])).toBe(2.5);
  });

  it('counts only business minutes over several days', () => {
    const hours = { start: '09:00', end: '21:00' };
    // Friday 20:00 to Monday 10:00: 60 + 720 + 720 + 60.
    expect(
      businessMinutesBetween('2026-11-06T20:00:00+08:00', '2026-11-09T10:00:00+08:00', hours, 'Asia/Shanghai'),
    ).toBe(1560);
    expect(
      businessMinutesBetween('2026-11-06T07:00:00+08:00', '2026-11-06T08:30:00+08:00', hours, 'Asia/Shanghai'),
    ).toBe(0);
    expect(
      businessMinutesBetween('2026-11-06T07:00:00+08:00', '2026-11-06T08:30:00+08:00', undefined, 'Asia/Shanghai'),
    ).toBe(90);
  });
});
