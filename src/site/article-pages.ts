/**
 * What the article pages, the archive and the calendar share, computed once per build however
 * many pages ask: every article's publishing and review state (one derivation, calendar-view.ts,
 * so the archive can no longer contradict the calendar), its first week of figures and the
 * account's median first week (article-page-view.ts), and the last date the statistics cover.
 */
import { getCollection } from 'astro:content';
import { currentInstant } from '../core/clock.ts';
import { readSourceKpis, type ReadSourceKpi } from '../core/metrics/kpis.ts';
import { checkedRepository } from './mpflow-loader.ts';
import { siteRepositoryRoot } from './article-preview.ts';
import { editorialCalendar, type CalendarRow } from './calendar-view.ts';
import {
  accountMedian,
  firstWeeks,
  publicationDays,
  type AccountMedian,
  type DailyArticleRow,
  type FirstWeek,
} from './article-page-view.ts';
import { departmentTimeZone, policyFor } from './policy-view.ts';
import { publishingSources } from './publishing-sources.ts';

export interface ArticleStates {
  /** Publishing and review state of every article, by id. */
  rows: ReadonlyMap<string, CalendarRow>;
  /** The first review record's merge time: articles merged before it predate the review gate. */
  firstReviewAt?: string;
  overdueAfterMinutes: number;
  timeZone: string;
  builtAt: Date;
}

let states: Promise<ArticleStates> | undefined;

/** Every article's publishing and review state, the way the calendar derives them. */
export function articleStates(): Promise<ArticleStates> {
  states ??= (async () => {
    const [articles, team, sources, timeZone, policy] = await Promise.all([
      getCollection('articles'),
      getCollection('team'),
      publishingSources(),
      departmentTimeZone(),
      policyFor(),
    ]);
    const builtAt = new Date(currentInstant());
    const overdueAfterMinutes = policy.publishing.overdueAfterMinutes ?? 30;
    const calendar = editorialCalendar({ articles, team, ...sources, builtAt, timeZone, overdueAfterMinutes });
    const rows = new Map(calendar.months.flatMap((month) => month.rows).map((row) => [row.id, row]));
    const firstReviewAt = sources.reviewLog
      .map((record) => record.mergedAt)
      .sort((a, b) => Date.parse(a) - Date.parse(b))[0];
    return { rows, ...(firstReviewAt ? { firstReviewAt } : {}), overdueAfterMinutes, timeZone, builtAt };
  })();
  return states;
}

export interface ArticleFigures {
  weeks: ReadonlyMap<string, FirstWeek>;
  median?: AccountMedian;
  /** The last date content/metrics/articles/ has rows for. */
  lastImported?: string;
}

let figures: Promise<ArticleFigures> | undefined;

/** Every article's first week and the account's median, from one pass over the daily statistics. */
export function articleFigures(): Promise<ArticleFigures> {
  figures ??= (async () => {
    const [{ repository }, articles, { publishRecords }, timeZone] = await Promise.all([
      checkedRepository(siteRepositoryRoot()),
      getCollection('articles'),
      publishingSources(),
      departmentTimeZone(),
    ]);
    const rows: DailyArticleRow[] = [];
    let lastImported: string | undefined;
    for (const table of repository.articleStats) {
      for (const row of table.rows) {
        if (!row.valid) continue;
        rows.push(row.data);
        if (!lastImported || row.data.date > lastImported) lastImported = row.data.date;
      }
    }
    const days = publicationDays(
      articles.map((article) => ({ id: article.id, publishAt: article.data.publishAt })),
      publishRecords,
      timeZone,
    );
    const weeks = firstWeeks(rows, days, lastImported);
    const median = accountMedian(weeks.values());
    return { weeks, ...(median ? { median } : {}), ...(lastImported ? { lastImported } : {}) };
  })();
  return figures;
}

const readSources = new Map<string, Promise<ReadSourceKpi[]>>();

/**
 * The account's reads per source over an article's imported first days, once per range: both
 * languages' pages, and every article that went out the same day, ask for the same days, and each
 * reading is a pass over all of content/metrics/reads/.
 */
export function articleReadSources(from: string, to: string): Promise<ReadSourceKpi[]> {
  const key = `${from}/${to}`;
  let sources = readSources.get(key);
  if (!sources) {
    sources = checkedRepository(siteRepositoryRoot()).then(({ repository }) =>
      readSourceKpis(repository, { from, to }),
    );
    readSources.set(key, sources);
  }
  return sources;
}
