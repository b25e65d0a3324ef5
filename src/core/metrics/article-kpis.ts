/** Article KPIs: each article's figures over a range, a member's articles, and the account's daily totals. */
import type { ArticleDailyRow } from '../model/types.generated.ts';
import type { Repository } from '../repository/load-repository.ts';
import { dateInTimeZone } from '../model/dates.ts';
import { addDays, datesOf, inRange, type DateRange } from '../calendar/days.ts';
import { cumulativeByDate, latestOnOrBefore } from './follower-kpis.ts';
import { policyTimeZone, rowsOf } from './kpi-inputs.ts';
import { ratio } from './statistics.ts';

/** An article's figures: a row of the article table without its day and article. */
export type ArticleTotals = Omit<ArticleDailyRow, 'date' | 'article'>;

export const ARTICLE_FIGURES = [
  'reads',
  'readers',
  'shares',
  'shareUsers',
  'likes',
  'comments',
  'favorites',
] as const satisfies readonly (keyof ArticleTotals)[];

export interface ArticleKpi extends ArticleTotals {
  article: string;
  title?: string;
  author?: string;
  designer?: string;
  /** Publication date in the department's time zone: the publish record's publishedAt, else the article's publishAt. */
  publishedOn?: string;
  /** Days with a row in the range. */
  days: number;
  /** Followers at the end of the day before publication (the audience it was sent to), when known. */
  audience: number | null;
  /** Readers ÷ audience (阅读率); null without an audience figure. */
  readRate: number | null;
  /** Shares ÷ reads. */
  shareRate: number | null;
}

function emptyTotals(): ArticleTotals {
  return { reads: 0, readers: 0, shares: 0, shareUsers: 0, likes: 0, comments: 0, favorites: 0 };
}

function addFigures(totals: ArticleTotals, row: ArticleTotals): void {
  for (const figure of ARTICLE_FIGURES) totals[figure] += Number(row[figure]) || 0;
}

/**
 * Per article: the sum of its daily rows dated within the range, most-read first (ties by id).
 * Listed are the articles with figures in the range and the articles published in it (those with
 * no figures yet show zeros, so a missing import is visible rather than hidden).
 */
export function articleKpis(repository: Repository, range: DateRange): ArticleKpi[] {
  const totals = new Map<string, ArticleTotals & { days: number }>();
  for (const row of rowsOf<ArticleDailyRow>(repository.articleStats, range, (row) => row.date)) {
    let entry = totals.get(row.article);
    if (!entry) {
      entry = { ...emptyTotals(), days: 0 };
      totals.set(row.article, entry);
    }
    addFigures(entry, row);
    entry.days += 1;
  }
  const articles = new Map(repository.articles.map((record) => [record.id, record.data]));
  // When it really went out (the publish record) beats when it was scheduled (publishAt).
  const publishedAt = new Map<string, unknown>();
  for (const [id, data] of articles) publishedAt.set(id, data.publishAt);
  for (const record of repository.publishRecords ?? []) {
    if (record.valid && record.data.status === 'published' && typeof record.data.publishedAt === 'string')
      publishedAt.set(record.data.article, record.data.publishedAt);
  }
  const ids = new Set(totals.keys());
  for (const id of articles.keys()) {
    const published = publishedOn(publishedAt.get(id), repository);
    if (published && inRange(published, range)) ids.add(id);
  }
  const cumulative = cumulativeByDate(repository);
  const kpis: ArticleKpi[] = [];
  for (const id of ids) {
    const data = articles.get(id);
    const entry = totals.get(id) ?? { ...emptyTotals(), days: 0 };
    const published = data ? publishedOn(publishedAt.get(id), repository) : undefined;
    const audience = published ? (latestOnOrBefore(cumulative, addDays(published, -1))?.value ?? null) : null;
    const { days, ...figures } = entry;
    kpis.push({
      article: id,
      ...(typeof data?.title === 'string' ? { title: data.title } : {}),
      ...(typeof data?.author === 'string' ? { author: data.author } : {}),
      ...(typeof data?.designer === 'string' ? { designer: data.designer } : {}),
      ...(published ? { publishedOn: published } : {}),
      ...figures,
      days,
      audience,
      readRate: audience === null ? null : ratio(figures.readers, audience),
      shareRate: ratio(figures.shares, figures.reads),
    });
  }
  return kpis.sort((a, b) => b.reads - a.reads || (a.article < b.article ? -1 : a.article > b.article ? 1 : 0));
}

function publishedOn(publishAt: unknown, repository: Repository): string | undefined {
  if (typeof publishAt !== 'string' || Number.isNaN(Date.parse(publishAt))) return undefined;
  return dateInTimeZone(publishAt, policyTimeZone(repository, publishAt.slice(0, 10)));
}

export interface MemberArticleKpis {
  member: string;
  /** The member's articles (as author or designer) with figures or publication in the range. */
  articles: Array<ArticleKpi & { roles: Array<'author' | 'designer'> }>;
  /** Articles of the member published within the range. */
  published: number;
  /** Sums over the member's articles. */
  totals: ArticleTotals;
  /**
   * Mean read rate over the member's articles published within the range that have one. Older
   * articles still read in the range are left out: their rate over the range is only a tail
   * (0.2 % for a September article read in October) and would drag the mean far below what the
   * member's new articles reached.
   */
  meanReadRate: number | null;
}

/**
 * The figures of the articles a member wrote (author) or designed (designer). `all` takes the
 * result of articleKpis for the same range, so a report over many members computes it once.
 */
export function memberArticleKpis(
  repository: Repository,
  memberId: string,
  range: DateRange,
  all: readonly ArticleKpi[] = articleKpis(repository, range),
): MemberArticleKpis {
  const articles: MemberArticleKpis['articles'] = [];
  for (const kpi of all) {
    const roles: Array<'author' | 'designer'> = [];
    if (kpi.author === memberId) roles.push('author');
    if (kpi.designer === memberId) roles.push('designer');
    if (roles.length > 0) articles.push({ ...kpi, roles });
  }
  const totals = emptyTotals();
  for (const kpi of articles) addFigures(totals, kpi);
  const published = articles.filter((kpi) => kpi.publishedOn !== undefined && inRange(kpi.publishedOn, range));
  const rates = published.map((kpi) => kpi.readRate).filter((rate): rate is number => rate !== null);
  return {
    member: memberId,
    articles,
    published: published.length,
    totals,
    meanReadRate: rates.length > 0 ? rates.reduce((sum, rate) => sum + rate, 0) / rates.length : null,
  };
}

/** Account-wide article figures per day (all articles together), one entry per date of the range. */
export function dailyArticleTotals(repository: Repository, range: DateRange): Array<ArticleTotals & { date: string }> {
  const byDate = new Map<string, ArticleTotals>(datesOf(range).map((date) => [date, emptyTotals()]));
  for (const row of rowsOf<ArticleDailyRow>(repository.articleStats, range, (row) => row.date))
    addFigures(byDate.get(row.date)!, row);
  return [...byDate].map(([date, totals]) => ({ date, ...totals }));
}
