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

const number = (value: number, lang: Lang) => value.toLocaleString(lang === 'en' ? 'en' : 'zh-CN');

/** What each card says: its title, what the area is for, and its figure in words. */
export const FRONT_DOOR_LABELS: Record<
  Lang,
  {
    heading: string;
    cards: Record<FrontDoorPage, { title: string; description: string; figure: (figures: FrontDoorFigures) => string }>;
  }
> = {
  'zh-CN': {
    heading: '部门',
    cards: {
      articles: {
        title: '文章',
        description: '每篇文章一页：手机预览、发布状态、审核记录和发布后的数据。',
        figure: ({ articles }) =>
          `本月已发布 ${number(articles.publishedThisMonth, 'zh-CN')} 篇 · 共 ${number(articles.total, 'zh-CN')} 篇`,
      },
      calendar: {
        title: '发布日历',
        description: '什么时候发什么、谁写谁审、发出去没有。',
        figure: ({ calendar }) =>
          calendar.scheduled === 0
            ? '暂无排期'
            : `已排期 ${number(calendar.scheduled, 'zh-CN')} 篇，下一篇 ${calendar.next}`,
      },
      topics: {
        title: '选题库',
        description: '选题会的提案、决定和对应的文章。',
        figure: ({ topics }) =>
          `通过 ${number(topics.accepted, 'zh-CN')} 个 · 共 ${number(topics.total, 'zh-CN')} 个选题`,
      },
      campaigns: {
        title: '活动',
        description: '活动规则、目标和结果。',
        figure: ({ campaigns }) =>
          `进行中 ${number(campaigns.running, 'zh-CN')} 个 · 共 ${number(campaigns.total, 'zh-CN')} 个活动`,
      },
      dashboards: {
        title: '数据',
        description: '粉丝、阅读、分享和客服的看板，以及每月报告。',
        figure: ({ dashboards }) =>
          dashboards.month ? `${dashboards.month} 阅读 ${number(dashboards.reads ?? 0, 'zh-CN')} 次` : '尚无数据',
      },
      scores: {
        title: '考核',
        description: '每月得分、提交进度和得分说明。',
        figure: ({ scores }) =>
          [
            scores.finalised ? `最近定稿：${scores.finalised}` : '尚无定稿月份',
            scores.inProgress ? `进行中：${scores.inProgress}` : '',
          ]
            .filter(Boolean)
            .join(' · '),
      },
      training: {
        title: '培训',
        description: '年度培训计划、已上的课和每人的学时。',
        figure: ({ training }) =>
          training.year ? `${training.year} 年已上 ${training.held}/${training.courses} 门课` : '尚无培训计划',
      },
      team: {
        title: '团队',
        description: '成员、岗位和汇报关系。',
        figure: ({ team }) => `${number(team.members, 'zh-CN')} 名成员`,
      },
    },
  },
  en: {
    heading: 'Department',
    cards: {
      articles: {
        title: 'Articles',
        description: 'A page per article: phone preview, publishing state, review record and its figures.',
        figure: ({ articles }) =>
          `${number(articles.publishedThisMonth, 'en')} published this month · ${number(articles.total, 'en')} in all`,
      },
      calendar: {
        title: 'Calendar',
        description: 'What goes out when, who wrote and reviewed it, and whether it went out.',
        figure: ({ calendar }) =>
          calendar.scheduled === 0
            ? 'Nothing scheduled'
            : `${number(calendar.scheduled, 'en')} scheduled, next on ${calendar.next}`,
      },
      topics: {
        title: 'Topics',
        description: 'Proposals, the topic meeting’s decisions and the articles they led to.',
        figure: ({ topics }) => `${number(topics.accepted, 'en')} approved of ${number(topics.total, 'en')} topics`,
      },
      campaigns: {
        title: 'Campaigns',
        description: 'Rules, goals and results of each campaign.',
        figure: ({ campaigns }) =>
          `${number(campaigns.running, 'en')} running · ${number(campaigns.total, 'en')} in all`,
      },
      dashboards: {
        title: 'Dashboards',
        description: 'Followers, reads, shares and support, and the monthly reports.',
        figure: ({ dashboards }) =>
          dashboards.month ? `${number(dashboards.reads ?? 0, 'en')} reads in ${dashboards.month}` : 'No figures yet',
      },
      scores: {
        title: 'Appraisals',
        description: 'Monthly scores, submission progress and how each score came about.',
        figure: ({ scores }) =>
          [
            scores.finalised ? `Latest finalised: ${scores.finalised}` : 'No month finalised yet',
            scores.inProgress ? `in progress: ${scores.inProgress}` : '',
          ]
            .filter(Boolean)
            .join(' · '),
      },
      training: {
        title: 'Training',
        description: 'The year’s training plan, the sessions held and each member’s hours.',
        figure: ({ training }) =>
          training.year
            ? `${training.held} of ${training.courses} courses held in ${training.year}`
            : 'No training plan yet',
      },
      team: {
        title: 'Team',
        description: 'Members, roles and who reports to whom.',
        figure: ({ team }) => `${number(team.members, 'en')} members`,
      },
    },
  },
};
