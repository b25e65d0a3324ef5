import { describe, expect, it } from 'vitest';
import { accountMedian, againstMedian, firstWeeks, publicationDays } from '../../src/site/article-page-view.ts';
import { formatChange } from '../../src/site/article-labels.ts';
import { frontDoorFigures, frontDoorPages } from '../../src/site/home-view.ts';

const TZ = 'Asia/Shanghai';

describe('an article’s first week', () => {
  // 20:30 Beijing time on 11-04 is 12:30 UTC: the publication day is the Beijing one.
  const articles = [
    { id: '2026-11-04-tea-and-snacks', publishAt: '2026-11-04T20:30:00+08:00' },
    { id: '2026-11-07-lidong-tea', publishAt: '2026-11-07T20:30:00+08:00' },
    { id: '2026-11-28-beginner-notes', publishAt: '2026-11-28T20:30:00+08:00' },
  ];

  it('counts from the day the publish record says it went out, in the department’s time zone', () => {
    const days = publicationDays(
      articles,
      [{ article: '2026-11-07-lidong-tea', status: 'published', publishedAt: '2026-11-07T16:05:00Z' }],
      TZ,
    );
    expect(days.get('2026-11-04-tea-and-snacks')).toBe('2026-11-04');
    // 16:05 UTC is 00:05 the next morning in Beijing.
    expect(days.get('2026-11-07-lidong-tea')).toBe('2026-11-08');
  });

  it('sums seven days per article, tells unimported days from zero days, and takes the median over complete weeks only', () => {
    const days = publicationDays(articles, [], TZ);
    const rows = [
      { date: '2026-11-03', article: '2026-11-04-tea-and-snacks', reads: 999 },
      ...Array.from({ length: 8 }, (_, index) => ({
        date: `2026-11-${String(4 + index).padStart(2, '0')}`,
        article: '2026-11-04-tea-and-snacks',
        reads: 100,
        shares: 10,
        likes: '2',
        comments: 1,
      })),
      ...Array.from({ length: 7 }, (_, index) => ({
        date: `2026-11-${String(7 + index).padStart(2, '0')}`,
        article: '2026-11-07-lidong-tea',
        reads: 300,
        shares: 30,
        likes: 6,
        comments: 0,
      })),
      { date: '2026-11-28', article: '2026-11-28-beginner-notes', reads: 5000 },
    ];
    const weeks = firstWeeks(rows, days, '2026-11-30');
    const snacks = weeks.get('2026-11-04-tea-and-snacks')!;
    // The row before publication and the eighth day are not part of the first week.
    expect(snacks.totals).toEqual({ reads: 700, shares: 70, likes: 14, comments: 7 });
    expect(snacks.importedDays).toBe(7);
    const beginner = weeks.get('2026-11-28-beginner-notes')!;
    expect(beginner.importedDays).toBe(3);
    expect(beginner.days.map((day) => day.imported)).toEqual([true, true, true, false, false, false, false]);
    // Two complete weeks: the article out on the 28th would drag the median, so it is left out.
    expect(accountMedian(weeks.values())).toEqual({ reads: 1400, shares: 140, likes: 28, comments: 3.5, articles: 2 });
    expect(formatChange(againstMedian(700, 1400), 'zh-CN')).toBe('−50%');
    expect(formatChange(againstMedian(2100, 1400), 'en')).toBe('+50%');
    expect(formatChange(againstMedian(3, 0), 'en')).toBe('—');
  });

  it('has no median before any article has seven days imported', () => {
    const weeks = firstWeeks([], publicationDays(articles, [], TZ), undefined);
    expect(accountMedian(weeks.values())).toBeUndefined();
    expect(weeks.get('2026-11-04-tea-and-snacks')!.importedDays).toBe(0);
  });
});

describe('the home page’s cards', () => {
  it('shows only the articles in the public build and every area in the internal one', () => {
    expect(frontDoorPages('public')).toEqual(['articles']);
    expect(frontDoorPages('internal')).toEqual([
      'articles',
      'calendar',
      'topics',
      'campaigns',
      'dashboards',
      'scores',
      'training',
      'team',
    ]);
  });

  it('counts this month’s publications in Beijing time, what is scheduled, and the latest finalised month', () => {
    const figures = frontDoorFigures({
      articles: [
        { id: 'a', data: { publishAt: '2026-11-30T20:30:00+08:00' } },
        { id: 'b', data: { publishAt: '2026-12-05T20:30:00+08:00' } },
        { id: 'c', data: { publishAt: '2026-12-09T20:30:00+08:00' } },
      ],
      // 17:00 UTC on 11-30 is already 12-01 in Beijing: published this month.
      publishRecords: [{ article: 'a', status: 'published', publishedAt: '2026-11-30T17:00:00Z' } as never],
      topics: [{ data: { decision: 'accepted' } }, { data: { decision: 'parked' } }],
      campaigns: [{ data: { period: { start: '2026-11-20T00:00:00+08:00', end: '2026-12-10T00:00:00+08:00' } } }],
      team: [{ data: {} }, { data: { left: '2026-11-15' } }],
      scoreMonths: [
        { period: '2026-10', finalized: true },
        { period: '2026-11', finalized: false },
      ],
      readsByMonth: new Map([
        ['2026-10', 1200],
        ['2026-11', 3456],
      ]),
      training: [{ year: 2026, courses: [{ status: 'held' }, { status: 'planned' }] }],
      builtAt: new Date('2026-12-03T04:00:00Z'),
      timeZone: TZ,
    });
    expect(figures.articles).toEqual({ publishedThisMonth: 1, total: 3, month: '2026-12' });
    expect(figures.calendar).toEqual({ scheduled: 2, next: '2026-12-05' });
    expect(figures.topics).toEqual({ accepted: 1, total: 2 });
    expect(figures.campaigns).toEqual({ running: 1, total: 1 });
    expect(figures.team).toEqual({ members: 1 });
    expect(figures.dashboards).toEqual({ month: '2026-11', reads: 3456 });
    expect(figures.scores).toEqual({ finalised: '2026-10', inProgress: '2026-11' });
    expect(figures.training).toEqual({ year: 2026, held: 1, courses: 2 });
  });
});
