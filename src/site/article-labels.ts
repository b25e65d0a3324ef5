/**
 * Words of an article's page (/articles/<id>/): its facts, its review record, how its first week
 * went against the account's median (`site-article.*` messages, src/i18n/<locale>/site-article.yaml).
 * Pure: no `astro:content` here.
 */
import type { Lang } from './site-labels.ts';
import type { WeekFigure } from './article-page-view.ts';
import { type Texts, messagesUnder, textsUnder } from './site-messages.ts';

/** The plain texts (no parameters) of ArticleLabels, one message each. */
const ARTICLE_TEXTS = [
  'facts',
  'author',
  'designer',
  'topic',
  'campaign',
  'scheduled',
  'publishing',
  'review',
  'firstWeek',
  'comparison',
  'figure',
  'thisArticle',
  'median',
  'difference',
  'noMedian',
  'sources',
  'source',
  'share',
  'preview',
  'backToArchive',
  'calendar',
  'notImported',
] as const;

export interface ArticleLabels extends Texts<typeof ARTICLE_TEXTS> {
  description: (title: string) => string;
  prLink: (pr: number) => string;
  /** Why an article has no review record. */
  noReview: (beforeGate: boolean, firstReview: string | undefined) => string;
  firstWeekLead: (publishedOn: string, importedDays: number) => string;
  notYet: (lastImported: string | undefined) => string;
  readsChart: (title: string) => string;
  engagementChart: (title: string) => string;
  day: (day: number, date: string) => string;
  figures: Record<WeekFigure, string>;
  comparisonCaption: (articles: number) => string;
  sourcesNote: (from: string, to: string) => string;
}

const percent = (value: number, lang: Lang) =>
  `${value > 0 ? '+' : value < 0 ? '−' : '±'}${Math.abs(value * 100).toLocaleString(lang, { maximumFractionDigits: 0 })}%`;

export function formatChange(value: number | undefined, lang: Lang): string {
  return value === undefined ? '—' : percent(value, lang);
}

const FIGURES = ['reads', 'shares', 'likes', 'comments'] as const satisfies readonly WeekFigure[];

/** The words of an article's page in a language. */
export function articleLabels(lang: Lang): ArticleLabels {
  const m = messagesUnder(lang, 'site-article');
  return {
    ...textsUnder(lang, 'site-article', ARTICLE_TEXTS),
    description: (title) => m('description', { title }),
    prLink: (pr) => m('prLink', { pr }),
    noReview: (beforeGate, firstReview) =>
      beforeGate ? m('noReviewBeforeGate', { firstReview }) : m('noReviewOutsideGate'),
    firstWeekLead: (publishedOn, importedDays) => m('firstWeekLead', { publishedOn, importedDays }),
    notYet: (lastImported) => (lastImported ? m('notYetSince', { lastImported }) : m('notYetNothing')),
    readsChart: (title) => m('readsChart', { title }),
    engagementChart: (title) => m('engagementChart', { title }),
    day: (day, date) => m('day', { day, date: date.slice(5) }),
    figures: textsUnder(lang, 'site-article.figures', FIGURES),
    comparisonCaption: (articles) => m('comparisonCaption', { articles }),
    sourcesNote: (from, to) => m('sourcesNote', { from, to }),
  };
}
