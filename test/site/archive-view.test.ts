/**
 * The data shaping behind the department pages: grouping, lookups, publication status by build
 * time, conversion rates, the roster by role. Pure functions, tested on small hand-made records
 * and once on the sample department itself (read through the same loader as the site).
 */
import { describe, expect, it } from 'vitest';
import { loadRepository } from '../../src/core/repository/load-repository.ts';
import {
  archiveMonths,
  campaignViews,
  conversionRate,
  localDateTime,
  publicationStatus,
  rosterByRole,
  topicLibrary,
  type Entry,
} from '../../src/site/archive-view.ts';
import type { ArticleEntry, CampaignEntry, TeamMemberEntry, TopicEntry } from '../../src/site/mpflow-loader.ts';
import { siteEntries } from '../../src/site/mpflow-loader.ts';
import { pageHref, siteLabels } from '../../src/site/site-labels.ts';
import { FIXTURE_DEPARTMENT } from '../helpers/fixture-repository.ts';

const TZ = 'Asia/Shanghai';

function member(id: string, name: string, extra: Partial<TeamMemberEntry> = {}): Entry<TeamMemberEntry> {
  return { id, data: { id, name, github: `${id}-gh`, roles: ['copywriter'], joined: '2024-01-01', ...extra } };
}

function article(id: string, publishAt: string, extra: Partial<ArticleEntry> = {}): Entry<ArticleEntry> {
  return {
    id,
    data: {
      title: `标题 ${id}`,
      digest: `摘要 ${id}`,
      author: 'lin-xiao',
      designer: 'huang-shan',
      topic: 'T-2026-001',
      publishAt,
      cover: 'cover.png',
      source: { type: 'original' },
      body: '',
      file: `content/articles/${id}/index.md`,
      ...extra,
    },
  };
}

function topic(id: string, extra: Partial<TopicEntry> = {}): Entry<TopicEntry> {
  return {
    id,
    data: {
      id,
      title: `选题 ${id}`,
      proposedBy: 'lin-xiao',
      proposedAt: '2026-08-01',
      decision: 'accepted',
      file: `content/topics/${id}.yaml`,
      ...extra,
    },
  };
}

function campaign(id: string, extra: Partial<CampaignEntry> = {}): Entry<CampaignEntry> {
  return {
    id,
    data: {
      id,
      kind: 'quiz',
      title: `活动 ${id}`,
      owner: 'chen-yu',
      goal: '目的',
      period: { start: '2026-09-26T20:30:00+08:00', end: '2026-10-06T23:59:00+08:00' },
      rules: '规则',
      prizes: [{ name: '茶样', quantity: 5 }],
      file: `content/campaigns/${id}.yaml`,
      ...extra,
    },
  };
}

const TEAM = [
  member('zhou-min', '周敏', { roles: ['head'], joined: '2019-04-15' }),
  member('chen-yu', '陈雨', { roles: ['operator'], supervisor: 'zhou-min', joined: '2021-07-01' }),
  member('lin-xiao', '林晓', { supervisor: 'zhou-min', joined: '2022-03-14' }),
  member('huang-shan', '黄珊', { roles: ['designer'], supervisor: 'zhou-min', joined: '2022-09-05' }),
];

describe('localDateTime', () => {
  it('reads the date, clock time and month in the department time zone', () => {
    expect(localDateTime('2026-09-30T20:30:00+08:00', TZ)).toEqual({
      date: '2026-09-30',
      time: '20:30',
      month: '2026-09',
    });
    // 17:00 UTC on 30 September is already 1 October in Beijing.
    expect(localDateTime('2026-09-30T17:00:00Z', TZ)).toEqual({ date: '2026-10-01', time: '01:00', month: '2026-10' });
    expect(localDateTime('2026-09-30T16:00:00Z', TZ).time).toBe('00:00');
  });
});

describe('publicationStatus', () => {
  const builtAt = new Date('2026-11-26T10:00:00Z'); // 18:00 in Beijing
  it('is scheduled while publishAt is after the build, due from that moment on', () => {
    expect(publicationStatus('2026-11-26T20:30:00+08:00', builtAt)).toBe('scheduled');
    expect(publicationStatus('2026-11-26T18:00:00+08:00', builtAt)).toBe('due');
    expect(publicationStatus('2026-11-26T17:59:00+08:00', builtAt)).toBe('due');
  });
});

describe('archiveMonths', () => {
  const articles = [
    article('2026-09-02-a', '2026-09-02T20:30:00+08:00'),
    article('2026-10-01-early', '2026-09-30T17:30:00Z', {
      author: 'wang-jia',
      designer: undefined,
      campaign: 'C-2026-01',
      tags: ['国庆'],
    }),
    article('2026-11-28-b', '2026-11-28T20:30:00+08:00', { topic: 'T-2026-002' }),
    article('2026-09-12-c', '2026-09-12T20:30:00+08:00'),
    article('2026-09-12-b', '2026-09-12T20:30:00+08:00'),
  ];
  const months = archiveMonths({
    articles,
    team: TEAM,
    topics: [topic('T-2026-001')],
    campaigns: [campaign('C-2026-01')],
    builtAt: new Date('2026-11-26T10:00:00Z'),
    timeZone: TZ,
  });

  it('groups by month in Beijing time, newest month and newest article first', () => {
    expect(months.map((month) => month.month)).toEqual(['2026-11', '2026-10', '2026-09']);
    expect(months[2]!.rows.map((row) => row.id)).toEqual(['2026-09-12-b', '2026-09-12-c', '2026-09-02-a']);
    expect(months[1]!.rows[0]).toMatchObject({ id: '2026-10-01-early', date: '2026-10-01', time: '01:30' });
  });

  it('names people from the roster and records from their collections', () => {
    const september = months[2]!.rows[2]!;
    expect(september.author).toEqual({ id: 'lin-xiao', name: '林晓', known: true });
    expect(september.designer).toEqual({ id: 'huang-shan', name: '黄珊', known: true });
    expect(september.topic).toEqual({ id: 'T-2026-001', title: '选题 T-2026-001' });
    expect(september.campaign).toBeUndefined();
    expect(september.tags).toEqual([]);

    const october = months[1]!.rows[0]!;
    // An id the roster does not know (the checker reports it) still shows, as itself.
    expect(october.author).toEqual({ id: 'wang-jia', name: 'wang-jia', known: false });
    expect(october.designer).toBeUndefined();
    expect(october.campaign).toEqual({ id: 'C-2026-01', title: '活动 C-2026-01' });
    expect(october.tags).toEqual(['国庆']);
    expect(months[0]!.rows[0]!.topic).toEqual({ id: 'T-2026-002', title: undefined });
  });

  it('marks articles scheduled after the build time and counts them per month', () => {
    expect(months[0]).toMatchObject({ month: '2026-11', scheduled: 1 });
    expect(months[0]!.rows[0]!.status).toBe('scheduled');
    expect(
      months.slice(1).every((month) => month.scheduled === 0 && month.rows.every((row) => row.status === 'due')),
    ).toBe(true);
  });

  it('is empty without articles', () => {
    expect(
      archiveMonths({
        articles: [],
        team: TEAM,
        topics: [],
        campaigns: [],
        builtAt: new Date('2026-11-26T10:00:00Z'),
        timeZone: TZ,
      }),
    ).toEqual([]);
  });
});

describe('topicLibrary', () => {
  const library = topicLibrary({
    topics: [
      topic('T-2026-001', {
        proposedAt: '2026-08-18',
        decidedAt: '2026-08-24',
        owner: 'lin-xiao',
        angle: '角度',
        pillar: '茶知识',
      }),
      topic('T-2026-002', { proposedAt: '2026-08-18', decision: 'parked' }),
      topic('T-2026-003', { proposedAt: '2026-11-17', decision: 'rejected', proposedBy: 'huang-shan' }),
    ],
    articles: [
      article('2026-10-03-x', '2026-10-03T20:30:00+08:00'),
      article('2026-09-02-y', '2026-09-02T20:30:00+08:00'),
      article('2026-09-05-z', '2026-09-05T20:30:00+08:00', { topic: 'T-2026-003' }),
    ],
    team: TEAM,
    timeZone: TZ,
  });

  it('lists the newest proposals first', () => {
    expect(library.rows.map((row) => row.id)).toEqual(['T-2026-003', 'T-2026-002', 'T-2026-001']);
  });

  it('derives each topic’s articles from the articles’ topic field, oldest first', () => {
    const first = library.rows.find((row) => row.id === 'T-2026-001')!;
    expect(first.articles.map((link) => [link.id, link.date])).toEqual([
      ['2026-09-02-y', '2026-09-02'],
      ['2026-10-03-x', '2026-10-03'],
    ]);
    expect(first).toMatchObject({
      pillar: '茶知识',
      angle: '角度',
      decidedAt: '2026-08-24',
      owner: { name: '林晓' },
      proposedBy: { name: '林晓' },
    });
    expect(library.rows.find((row) => row.id === 'T-2026-002')!.articles).toEqual([]);
    expect(library.rows[0]!.proposedBy.name).toBe('黄珊');
  });

  it('counts decisions', () => {
    expect(library.counts).toEqual({ accepted: 1, proposed: 0, parked: 1, rejected: 1 });
  });
});

describe('rosterByRole', () => {
  const team = [
    ...TEAM,
    member('liu-fang', '刘芳', { roles: ['hr', 'support'], joined: '2020-11-02' }),
    member('gone', '离开的人', { roles: ['copywriter'], joined: '2020-01-01', left: '2025-06-30' }),
    member('leaving', '将离开', { roles: ['copywriter'], joined: '2023-01-01', left: '2027-01-31' }),
  ];
  const roster = rosterByRole(team, '2026-11-26');

  it('groups current members by role in a fixed order, longest-serving first', () => {
    expect(roster.groups.map((group) => group.role)).toEqual([
      'head',
      'operator',
      'copywriter',
      'designer',
      'support',
      'hr',
    ]);
    expect(roster.groups.find((group) => group.role === 'copywriter')!.members.map((row) => row.id)).toEqual([
      'lin-xiao',
      'leaving',
    ]);
    // A member with two roles is in both groups, and counted once.
    expect(
      roster.groups.filter((group) => group.members.some((row) => row.id === 'liu-fang')).map((group) => group.role),
    ).toEqual(['support', 'hr']);
    expect(roster.current).toBe(6);
  });

  it('lists members who have left separately', () => {
    expect(roster.former.map((row) => row.id)).toEqual(['gone']);
  });

  it('names the supervisor and shows no leave', () => {
    const chen = roster.groups.find((group) => group.role === 'operator')!.members[0]!;
    expect(chen).toEqual({
      id: 'chen-yu',
      name: '陈雨',
      github: 'chen-yu-gh',
      title: undefined,
      roles: ['operator'],
      supervisor: { id: 'zhou-min', name: '周敏', known: true },
      joined: '2021-07-01',
      left: undefined,
    });
    const withLeave = rosterByRole(
      [member('a', '甲', { leave: [{ from: '2026-01-01', to: '2026-03-31' }] })],
      '2026-11-26',
    );
    expect(Object.keys(withLeave.groups[0]!.members[0]!)).not.toContain('leave');
  });
});

describe('conversionRate and campaignViews', () => {
  it('divides conversions by participants', () => {
    expect(conversionRate({ participants: 1046, conversions: 61 })).toBeCloseTo(0.0583, 4);
    expect(conversionRate({ participants: 0, conversions: 0 })).toBeUndefined();
    expect(conversionRate({ participants: 100 })).toBeUndefined();
    expect(conversionRate(undefined)).toBeUndefined();
  });

  const views = campaignViews({
    campaigns: [
      campaign('C-2026-01', {
        targets: { participants: 800, conversionRate: 0.05, satisfaction: 4.5 },
        results: {
          participants: 1046,
          validEntries: 987,
          conversions: 61,
          satisfaction: 4.4,
          surveyResponses: 213,
          winners: ['山***风'],
          drawSeed: 'seed',
        },
        articles: ['2026-10-10-results', '2026-09-26-quiz', '2026-01-01-missing'],
      }),
      campaign('C-2026-02', {
        kind: 'vote',
        period: { start: '2026-11-11T20:30:00+08:00', end: '2026-11-22T23:59:00+08:00' },
        targets: { participants: 1500 },
      }),
    ],
    articles: [
      article('2026-09-26-quiz', '2026-09-26T20:30:00+08:00'),
      article('2026-10-10-results', '2026-10-10T20:30:00+08:00'),
      article('2026-10-01-mention', '2026-10-01T20:30:00+08:00', { campaign: 'C-2026-01' }),
    ],
    team: [...TEAM],
    timeZone: TZ,
  });

  it('orders campaigns by start, latest first', () => {
    expect(views.map((view) => view.id)).toEqual(['C-2026-02', 'C-2026-01']);
  });

  it('sets results against targets, with the computed conversion rate', () => {
    const quiz = views[1]!;
    expect(quiz.owner.name).toBe('陈雨');
    expect(quiz.start).toMatchObject({ date: '2026-09-26', time: '20:30' });
    expect(quiz.measures.map((row) => [row.key, row.target, row.actual, row.met])).toEqual([
      ['participants', 800, 1046, true],
      ['validEntries', undefined, 987, undefined],
      ['conversions', undefined, 61, undefined],
      ['conversionRate', 0.05, 61 / 1046, true],
      ['satisfaction', 4.5, 4.4, false],
    ]);
    expect(quiz).toMatchObject({ hasResults: true, surveyResponses: 213, winners: ['山***风'], drawSeed: 'seed' });
  });

  it('lists the campaign’s articles and the articles naming it, oldest first', () => {
    const quiz = views[1]!;
    expect(quiz.articles.map((link) => link.id)).toEqual([
      '2026-09-26-quiz',
      '2026-10-01-mention',
      '2026-10-10-results',
    ]);
    expect(quiz.missingArticles).toEqual(['2026-01-01-missing']);
  });

  it('shows only the targets of a campaign without results', () => {
    const vote = views[0]!;
    expect(vote.hasResults).toBe(false);
    expect(vote.measures).toEqual([{ key: 'participants', target: 1500, actual: undefined, met: undefined }]);
    expect(vote.winners).toEqual([]);
    expect(vote.articles).toEqual([]);
  });
});

describe('site labels and addresses', () => {
  it('puts zh-CN at the root and English under /en/', () => {
    expect(pageHref('articles', 'zh-CN')).toBe('/articles/');
    expect(pageHref('topics', 'en')).toBe('/en/topics/');
    expect(pageHref('handbook', 'zh-CN')).toBe('/');
    expect(pageHref('handbook', 'en', '/docs')).toBe('/docs/en/');
  });

  it('names months in each language', () => {
    expect(siteLabels('zh-CN').month('2026-09')).toBe('2026 年 9 月');
    expect(siteLabels('en').month('2026-09')).toBe('September 2026');
  });
});

describe('the sample department', () => {
  it('has the articles, topics and campaigns the pages show', async () => {
    const { repository } = await loadRepository(FIXTURE_DEPARTMENT);
    const team = siteEntries(repository, 'team');
    const articles = siteEntries(repository, 'articles');
    const topics = siteEntries(repository, 'topics');
    const campaigns = siteEntries(repository, 'campaigns');
    const months = archiveMonths({
      articles,
      team,
      topics,
      campaigns,
      builtAt: new Date('2026-11-26T10:00:00Z'),
      timeZone: TZ,
    });
    const rows = months.flatMap((month) => month.rows);
    expect(rows.length).toBeGreaterThanOrEqual(24);
    expect(new Set(rows.map((row) => row.author.name))).toEqual(new Set(['林晓', '王佳']));
    expect(rows.every((row) => row.author.known && row.topic.title !== undefined)).toBe(true);

    const library = topicLibrary({ topics, articles, team, timeZone: TZ });
    expect(library.rows.find((row) => row.id === 'T-2026-020')?.decision).toBe('rejected');
    // Every article's topic is in the library, so every archive link has a target.
    const ids = new Set(library.rows.map((row) => row.id));
    expect(rows.filter((row) => !ids.has(row.topic.id))).toEqual([]);

    const quiz = campaignViews({ campaigns, articles, team, timeZone: TZ }).find((view) => view.kind === 'quiz')!;
    expect(quiz.measures.find((row) => row.key === 'participants')?.actual).toBe(1046);
    expect(quiz.measures.find((row) => row.key === 'conversionRate')?.actual).toBeCloseTo(61 / 1046, 10);
    expect(rosterByRole(team, '2026-11-26').current).toBe(7);
  });
});
