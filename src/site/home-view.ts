/**
 * The home page as the department's front door: one card per area of the site, each with a
 * figure that changes as the department works (articles out this month, what is scheduled, the
 * latest finalised appraisal month). Pure functions of their inputs (the build time and the time
 * zone are parameters), so they are unit-tested without Astro.
 */
import type { PublishRecordFile } from '../core/model/types.generated.ts';
import { localDateTime } from './archive-view.ts';
import { isInternalPage, type SiteProfile } from './site-profile.ts';
import type { Lang, SitePage } from './site-labels.ts';
import { messagesUnder } from './site-messages.ts';

export type FrontDoorPage = Exclude<SitePage, 'handbook'>;

export interface FrontDoorInput {
  articles: ReadonlyArray<{ id: string; data: { publishAt: string } }>;
  publishRecords: readonly PublishRecordFile[];
  topics: ReadonlyArray<{ data: { decision: string } }>;
  campaigns: ReadonlyArray<{ data: { period: { start: string; end: string } } }>;
  team: ReadonlyArray<{ data: { left?: string | undefined } }>;
  /** Months of the scoreboard with whether HR finalised them. */
  scoreMonths: ReadonlyArray<{ period: string; finalized: boolean }>;
  /** Sum of reads of the account's articles per month (YYYY-MM), from the imported statistics. */
  readsByMonth: ReadonlyMap<string, number>;
  training: ReadonlyArray<{ year: number; courses: ReadonlyArray<{ status: string }> }>;
  builtAt: Date;
  timeZone: string;
}

/** The figure on each card, as numbers and months; the labels put them in words. */
export interface FrontDoorFigures {
  articles: { publishedThisMonth: number; total: number; month: string };
  calendar: { scheduled: number; next?: string };
  topics: { accepted: number; total: number };
  campaigns: { running: number; total: number };
  team: { members: number };
  training: { year?: number; held: number; courses: number };
  dashboards: { month?: string; reads?: number };
  scores: { finalised?: string; inProgress?: string };
}

export function frontDoorFigures(input: FrontDoorInput): FrontDoorFigures {
  const now = input.builtAt.getTime();
  const { month, date: today } = localDateTime(input.builtAt, input.timeZone);
  const publishedThisMonth = input.publishRecords.filter(
    (record) =>
      record.status === 'published' &&
      typeof record.publishedAt === 'string' &&
      localDateTime(record.publishedAt, input.timeZone).month === month,
  ).length;
  const upcoming = input.articles
    .map((article) => article.data.publishAt)
    .filter((publishAt) => Date.parse(publishAt) > now)
    .sort((a, b) => Date.parse(a) - Date.parse(b));
  const running = input.campaigns.filter(
    (campaign) => Date.parse(campaign.data.period.start) <= now && now <= Date.parse(campaign.data.period.end),
  ).length;
  const year = [...input.training].sort((a, b) => b.year - a.year)[0];
  const readMonths = [...input.readsByMonth.keys()].filter((key) => key <= month).sort();
  const latestReads = readMonths.at(-1);
  const finalised = input.scoreMonths
    .filter((entry) => entry.finalized)
    .map((entry) => entry.period)
    .sort()
    .at(-1);
  const inProgress = input.scoreMonths
    .filter((entry) => !entry.finalized)
    .map((entry) => entry.period)
    .sort()
    .at(-1);
  return {
    articles: { publishedThisMonth, total: input.articles.length, month },
    calendar: {
      scheduled: upcoming.length,
      ...(upcoming[0] ? { next: localDateTime(upcoming[0], input.timeZone).date } : {}),
    },
    topics: {
      accepted: input.topics.filter((topic) => topic.data.decision === 'accepted').length,
      total: input.topics.length,
    },
    campaigns: { running, total: input.campaigns.length },
    team: { members: input.team.filter((member) => !member.data.left || member.data.left > today).length },
    training: year
      ? {
          year: year.year,
          held: year.courses.filter((course) => course.status === 'held').length,
          courses: year.courses.length,
        }
      : { held: 0, courses: 0 },
    dashboards: latestReads ? { month: latestReads, reads: input.readsByMonth.get(latestReads)! } : {},
    scores: {
      ...(finalised ? { finalised } : {}),
      ...(inProgress && (!finalised || inProgress > finalised) ? { inProgress } : {}),
    },
  };
}

/** The cards in the order of the site's navigation, only for pages the build has. */
export function frontDoorPages(profile: SiteProfile): FrontDoorPage[] {
  const order: FrontDoorPage[] = [
    'articles',
    'calendar',
    'topics',
    'campaigns',
    'dashboards',
    'scores',
    'training',
    'team',
  ];
  return order.filter((page) => profile === 'internal' || !isInternalPage(page));
}

const number = (value: number, lang: Lang) => value.toLocaleString(lang);

export interface FrontDoorCard {
  title: string;
  description: string;
  figure: (figures: FrontDoorFigures) => string;
}

/** What each card says: its title, what the area is for, and its figure in words (`site-home.*` messages). */
export function frontDoorLabels(lang: Lang): { heading: string; cards: Record<FrontDoorPage, FrontDoorCard> } {
  const m = messagesUnder(lang, 'site-home');
  const n = (value: number) => number(value, lang);
  const card = (page: FrontDoorPage, figure: FrontDoorCard['figure']): FrontDoorCard => ({
    title: m(`${page}.title`),
    description: m(`${page}.description`),
    figure,
  });
  return {
    heading: m('heading'),
    cards: {
      articles: card('articles', ({ articles }) =>
        m('articles.figure', { published: n(articles.publishedThisMonth), total: n(articles.total) }),
      ),
      calendar: card('calendar', ({ calendar }) =>
        calendar.scheduled === 0
          ? m('calendar.none')
          : m('calendar.figure', { scheduled: n(calendar.scheduled), next: calendar.next }),
      ),
      topics: card('topics', ({ topics }) =>
        m('topics.figure', { accepted: n(topics.accepted), total: n(topics.total) }),
      ),
      campaigns: card('campaigns', ({ campaigns }) =>
        m('campaigns.figure', { running: n(campaigns.running), total: n(campaigns.total) }),
      ),
      dashboards: card('dashboards', ({ dashboards }) =>
        dashboards.month
          ? m('dashboards.figure', { month: dashboards.month, reads: n(dashboards.reads ?? 0) })
          : m('dashboards.none'),
      ),
      scores: card('scores', ({ scores }) =>
        [
          scores.finalised ? m('scores.finalised', { month: scores.finalised }) : m('scores.none'),
          scores.inProgress ? m('scores.inProgress', { month: scores.inProgress }) : '',
        ]
          .filter(Boolean)
          .join(' · '),
      ),
      training: card('training', ({ training }) =>
        training.year
          ? m('training.figure', { year: training.year, held: training.held, courses: training.courses })
          : m('training.none'),
      ),
      team: card('team', ({ team }) => m('team.figure', { members: n(team.members) })),
    },
  };
}
