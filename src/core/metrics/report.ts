/**
 * What the dashboards and the monthly report show, computed from a Repository with the KPI
 * functions. Pure data, no markup: the site turns it into charts and tables, and the same figures
 * can be printed by the CLI or fed to appraisal scoring.
 */
import { previousMonth } from '../calendar/days.ts';
import type { Repository } from '../repository/load-repository.ts';
import { indexMembers } from '../team/roster.ts';
import {
  articleKpis,
  audienceKpis,
  dailyArticleTotals,
  followerKpis,
  memberArticleKpis,
  monthRange,
  readSourceKpis,
  shareSceneKpis,
  supportKpis,
  type ArticleKpi,
  type ArticleTotals,
  type AudienceSnapshot,
  type DateRange,
  type FollowerKpis,
  type ReadSourceKpi,
  type SupportKpis,
} from './kpis.ts';

/** Months (YYYY-MM) that have follower or article figures, oldest first. */
export function metricsMonths(repository: Repository): string[] {
  const months = new Set<string>();
  for (const table of [...repository.followerChanges, ...repository.followerTotals, ...repository.articleStats])
    if (table.rows.some((row) => row.valid)) months.add(table.month);
  return [...months].sort();
}

/** The whole span of recorded figures, or undefined for a repository without any. */
export function metricsSpan(repository: Repository): DateRange | undefined {
  const months = metricsMonths(repository);
  if (months.length === 0) return undefined;
  let last = '';
  for (const table of [...repository.followerChanges, ...repository.followerTotals, ...repository.articleStats]) {
    for (const row of table.rows) {
      const date = (row.data as { date?: unknown }).date;
      if (row.valid && typeof date === 'string' && date > last) last = date;
    }
  }
  return { from: `${months[0]}-01`, to: last };
}

export interface MemberSummary {
  member: string;
  name: string;
  published: number;
  totals: ArticleTotals;
  meanReadRate: number | null;
}

export interface MonthlyReport {
  month: string;
  range: DateRange;
  /** The last day with figures (a month in progress ends before its last calendar day). */
  lastDay: string;
  followers: FollowerKpis;
  /**
   * What the month is compared with: the whole previous month, or, for a month still in progress,
   * the same days of the previous month (1–25 November against 1–25 October), so a partial month
   * is never set against a whole one.
   */
  previousRange?: DateRange;
  previousFollowers?: FollowerKpis;
  previousPublished?: number;
  previousSupport?: SupportKpis['overall'];
  /** Every article with figures in the month, most-read first. */
  articles: ArticleKpi[];
  /** Articles published in the month. */
  published: ArticleKpi[];
  totals: ArticleTotals;
  previousTotals?: ArticleTotals;
  daily: Array<ArticleTotals & { date: string }>;
  members: MemberSummary[];
  support: SupportKpis;
  audience: AudienceSnapshot[];
}

function sumTotals(kpis: readonly ArticleTotals[]): ArticleTotals {
  const totals: ArticleTotals = { reads: 0, readers: 0, shares: 0, shareUsers: 0, likes: 0, comments: 0, favorites: 0 };
  for (const kpi of kpis) for (const key of Object.keys(totals) as Array<keyof ArticleTotals>) totals[key] += kpi[key];
  return totals;
}

export function monthlyReport(repository: Repository, month: string): MonthlyReport {
  const whole = monthRange(month);
  const span = metricsSpan(repository);
  const lastDay = span && span.to < whole.to && span.to >= whole.from ? span.to : whole.to;
  const range = { from: whole.from, to: lastDay };
  const articles = articleKpis(repository, range);
  const previous = previousMonth(month);
  const hasPrevious = metricsMonths(repository).includes(previous);
  const previousWhole = monthRange(previous);
  const sameDays = `${previous}-${lastDay.slice(8, 10)}`;
  const previousRange = {
    from: previousWhole.from,
    to: lastDay === whole.to || sameDays > previousWhole.to ? previousWhole.to : sameDays,
  };
  const previousArticles = hasPrevious ? articleKpis(repository, previousRange) : [];
  const members = indexMembers(repository.team?.data);
  const memberSummaries: MemberSummary[] = [];
  for (const member of members.values()) {
    const kpis = memberArticleKpis(repository, member.id, range, articles);
    if (kpis.articles.length === 0) continue;
    memberSummaries.push({
      member: member.id,
      name: member.name,
      published: kpis.published,
      totals: kpis.totals,
      meanReadRate: kpis.meanReadRate,
    });
  }
  memberSummaries.sort((a, b) => b.totals.reads - a.totals.reads || (a.member < b.member ? -1 : 1));
  return {
    month,
    range,
    lastDay,
    followers: followerKpis(repository, range),
    ...(hasPrevious
      ? {
          previousRange,
          previousFollowers: followerKpis(repository, previousRange),
          previousPublished: previousArticles.filter(
            (kpi) =>
              kpi.publishedOn !== undefined &&
              kpi.publishedOn >= previousRange.from &&
              kpi.publishedOn <= previousRange.to,
          ).length,
          previousSupport: supportKpis(repository, previousRange).overall,
        }
      : {}),
    articles,
    published: articles.filter(
      (kpi) => kpi.publishedOn !== undefined && kpi.publishedOn >= range.from && kpi.publishedOn <= range.to,
    ),
    totals: sumTotals(articles),
    ...(hasPrevious ? { previousTotals: sumTotals(previousArticles) } : {}),
    daily: dailyArticleTotals(repository, range),
    members: memberSummaries,
    support: supportKpis(repository, range),
    audience: audienceKpis(repository, range.to),
  };
}

export interface DashboardOverview {
  span: DateRange;
  months: string[];
  followers: FollowerKpis;
  daily: Array<ArticleTotals & { date: string }>;
  /** All-time most-read articles (within the span). */
  topArticles: ArticleKpi[];
  /** The most recently published articles with figures, newest first, for side-by-side comparison. */
  recentArticles: ArticleKpi[];
  support: SupportKpis;
  /** The whole desk's figures per month, for the trend against the deadline. */
  supportByMonth: Array<{ month: string; kpis: SupportKpis['overall'] }>;
  audience: AudienceSnapshot[];
  /** Reads by reading source and shares by scene (API import only; empty without it). */
  readSources: ReadSourceKpi[];
  shareScenes: ReturnType<typeof shareSceneKpis>;
  memberNames: Map<string, string>;
}

export function dashboardOverview(
  repository: Repository,
  options: { top?: number; compare?: number } = {},
): DashboardOverview | undefined {
  const span = metricsSpan(repository);
  if (!span) return undefined;
  const articles = articleKpis(repository, span);
  const recent = articles
    .filter((kpi) => kpi.publishedOn !== undefined && kpi.days > 0)
    .sort((a, b) => (a.publishedOn! < b.publishedOn! ? 1 : a.publishedOn! > b.publishedOn! ? -1 : 0))
    .slice(0, options.compare ?? 8);
  const months = metricsMonths(repository);
  return {
    span,
    months,
    followers: followerKpis(repository, span),
    daily: dailyArticleTotals(repository, span),
    topArticles: articles.filter((kpi) => kpi.days > 0).slice(0, options.top ?? 10),
    recentArticles: recent,
    support: supportKpis(repository, span),
    supportByMonth: months.map((month) => {
      const whole = monthRange(month);
      return {
        month,
        kpis: supportKpis(repository, { from: whole.from, to: whole.to < span.to ? whole.to : span.to }).overall,
      };
    }),
    audience: audienceKpis(repository, span.to),
    readSources: readSourceKpis(repository, span),
    shareScenes: shareSceneKpis(repository, span),
    memberNames: new Map([...indexMembers(repository.team?.data).values()].map((member) => [member.id, member.name])),
  };
}
