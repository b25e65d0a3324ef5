/**
 * How an article did, for its page (/articles/<id>/): its first seven days of reads, shares,
 * likes and comments from the imported daily statistics (content/metrics/articles/), and the
 * account's median over the same first seven days of every article, so a copywriter sees at a
 * glance whether the article did better or worse than usual. Pure functions of their inputs.
 */
import { localDateTime } from './archive-view.ts';

/** The days an article's "first week" covers: its publication day and the six after it. */
export const FIRST_WEEK_DAYS = 7;

export const WEEK_FIGURES = ['reads', 'shares', 'likes', 'comments'] as const;
export type WeekFigure = (typeof WEEK_FIGURES)[number];
export type WeekTotals = Record<WeekFigure, number>;

export interface DailyArticleRow {
  date: string;
  article: string;
  reads?: number | string;
  shares?: number | string;
  likes?: number | string;
  comments?: number | string;
}

export interface FirstWeekDay extends WeekTotals {
  /** 1 for the publication day. */
  day: number;
  /** YYYY-MM-DD */
  date: string;
  /** False for a day after the last imported statistics: no figures yet, not zero. */
  imported: boolean;
}

export interface FirstWeek {
  /** The publication day in the department's time zone (YYYY-MM-DD). */
  publishedOn: string;
  days: FirstWeekDay[];
  totals: WeekTotals;
  /** Days of the first week the statistics cover (0–7). */
  importedDays: number;
}

export interface AccountMedian extends WeekTotals {
  /** How many articles with all seven days imported the median is taken over. */
  articles: number;
}

function addDays(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

function zero(): WeekTotals {
  return { reads: 0, shares: 0, likes: 0, comments: 0 };
}

/**
 * When each article went out, as a day in the department's time zone: the publish record's
 * publishedAt when it says published, else the article's scheduled publishAt (as the dashboards count).
 */
export function publicationDays(
  articles: ReadonlyArray<{ id: string; publishAt: string }>,
  publishRecords: ReadonlyArray<{ article: string; status: string; publishedAt?: string | undefined }>,
  timeZone: string,
): Map<string, string> {
  const days = new Map(articles.map((article) => [article.id, localDateTime(article.publishAt, timeZone).date]));
  for (const record of publishRecords) {
    if (record.status === 'published' && record.publishedAt && days.has(record.article))
      days.set(record.article, localDateTime(record.publishedAt, timeZone).date);
  }
  return days;
}

/**
 * Every article's first week, from all daily rows at once (one pass, however many articles): the
 * pages of a 2,000-article archive share this one computation. `lastImported` is the last date
 * the statistics cover; days after it are "not yet imported".
 */
export function firstWeeks(
  rows: Iterable<DailyArticleRow>,
  publishedOn: ReadonlyMap<string, string>,
  lastImported: string | undefined,
): Map<string, FirstWeek> {
  const weeks = new Map<string, FirstWeek>();
  for (const [article, day] of publishedOn) {
    const days = Array.from({ length: FIRST_WEEK_DAYS }, (_, index): FirstWeekDay => {
      const date = addDays(day, index);
      return { day: index + 1, date, imported: lastImported !== undefined && date <= lastImported, ...zero() };
    });
    weeks.set(article, {
      publishedOn: day,
      days,
      totals: zero(),
      importedDays: days.filter((entry) => entry.imported).length,
    });
  }
  for (const row of rows) {
    const week = weeks.get(row.article);
    if (!week || row.date < week.publishedOn) continue;
    const entry = week.days.find((candidate) => candidate.date === row.date);
    if (!entry) continue;
    for (const figure of WEEK_FIGURES) {
      const value = Number(row[figure]) || 0;
      entry[figure] += value;
      week.totals[figure] += value;
    }
  }
  return weeks;
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The account's median first week: per figure, the median over the articles whose seven days
 * are all imported (an article out yesterday would drag it down). Undefined when none is.
 */
export function accountMedian(weeks: Iterable<FirstWeek>): AccountMedian | undefined {
  const complete = [...weeks].filter((week) => week.importedDays === FIRST_WEEK_DAYS);
  if (complete.length === 0) return undefined;
  const median = zero();
  for (const figure of WEEK_FIGURES) median[figure] = medianOf(complete.map((week) => week.totals[figure]));
  return { ...median, articles: complete.length };
}

/** This article against the median: +0.25 is a quarter above it; undefined when the median is 0. */
export function againstMedian(value: number, median: number): number | undefined {
  return median === 0 ? undefined : value / median - 1;
}
