/**
 * Words of the dashboards and the monthly report (`site-dashboards.*` messages), and the number
 * formats they use. Pure, so it can be unit-tested without Astro.
 */
import { ARTICLE_FIGURES, FOLLOWER_SOURCES, type AudienceDimension } from '../../core/metrics/kpis.ts';
import { localizedUrl } from '../../site/localized-url.ts';
import { inLanguage, type Lang } from '../../site/site-labels.ts';
import { messagesUnder, monthIn, type Texts, textsUnder } from '../../site/site-messages.ts';

const AUDIENCE_DIMENSIONS = [
  'gender',
  'age',
  'region',
  'city',
  'language',
  'device',
] as const satisfies readonly AudienceDimension[];

export function formatNumber(value: number | null | undefined, lang: Lang): string {
  return value === null || value === undefined ? '—' : new Intl.NumberFormat(lang).format(Math.round(value * 10) / 10);
}

export function formatPercent(value: number | null | undefined, lang: Lang): string {
  return value === null || value === undefined
    ? '—'
    : new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

export function formatSigned(value: number, lang: Lang): string {
  return value > 0 ? `+${formatNumber(value, lang)}` : formatNumber(value, lang);
}

export function sourceName(source: number, lang: Lang): string {
  const names = FOLLOWER_SOURCES[source as keyof typeof FOLLOWER_SOURCES];
  return names ? inLanguage(names, lang) : String(source);
}

export function dashboardHref(lang: Lang, base?: string, month?: string): string {
  return localizedUrl(`dashboards/${month ? `${month}/` : ''}`, lang, base);
}

/** The plain texts (no parameters) of the dashboards, one message each. */
const DASHBOARD_TEXTS = [
  'title',
  'description',
  'noData',
  'dataTable',
  'monthlyReports',
  'printHint',
  'backToDashboards',
  'date',
  'month',
  'week',
  'figure',
  'summary',
  'value',
  'change',
  'previousMonth',
  'followerTrend',
  'followerChanges',
  'cumulative',
  'newFollowers',
  'cancelled',
  'net',
  'churnRate',
  'cumulativeStart',
  'cumulativeEnd',
  'growthBySource',
  'source',
  'shareOfNew',
  'readsAndShares',
  // Every figure of an article's row has its column heading.
  ...ARTICLE_FIGURES,
  'readRate',
  'topArticles',
  'articleComparison',
  'article',
  'author',
  'publishedOn',
  'publishedCount',
  'members',
  'member',
  'meanReadRate',
  'readSources',
  'shareScenes',
  'scene',
  'audience',
  'audienceNone',
  'bucket',
  'users',
  'share',
  'support',
  'supportTrend',
  'agent',
  'conversations',
  'unanswered',
  'medianMinutes',
  'p90Minutes',
  'satisfaction',
  'conduct',
  'supportNone',
  'sentenceSeparator',
  'commaSeparator',
  'allAgents',
  'versusLastMonth',
  'versusSameDays',
  'noPreviousMonth',
] as const;

export interface DashboardLabels extends Texts<typeof DASHBOARD_TEXTS> {
  lead: (from: string, to: string) => string;
  /** The figures end well before the build: the import has probably stopped. */
  stale: (to: string, days: number, built: string) => string;
  /** The printed report's line: whose, which, the days and when it was built. */
  printMeta: (account: string, title: string, from: string, to: string, builtAt: string) => string;
  reportTitle: (month: string) => string;
  reportDescription: (month: string) => string;
  reportLead: (from: string, to: string, zone: string) => string;
  /** The report's first sentence: the month in one line for the head. */
  reportHeadline: (figures: {
    net: string;
    netChange: string;
    reads: string;
    readsChange: string;
    published: string;
    top: string | undefined;
    onTime: string;
  }) => string;
  /** The change column of a month in progress: compared with the same days of last month. */
  changeSameDays: (from: string, to: string) => string;
  /** A change of a rate: "+0.3 个百分点" / "+0.3 pp". */
  percentagePoints: (signed: string) => string;
  // Followers
  followerTrendLabel: (from: string, to: string, start: string, end: string) => string;
  followerChangesLabel: (from: string, to: string, net: string) => string;
  growthBySourceLabel: (top: string) => string;
  // Articles
  readsAndSharesLabel: (reads: string, shares: string) => string;
  topArticlesLabel: (count: number, first: string) => string;
  articleComparisonLabel: (count: number) => string;
  readSourcesLabel: (top: string) => string;
  shareScenesLabel: (top: string) => string;
  // Audience
  audienceLabel: (dimension: string, date: string, top: string) => string;
  dimension: Record<AudienceDimension, string>;
  snapshotOn: (date: string) => string;
  // Support
  supportLabel: (deadline: number, share: string) => string;
  supportTrendLabel: (deadline: number) => string;
  withinDeadline: (minutes: number) => string;
  deadline: (minutes: number) => string;
  businessHours: (start: string, end: string) => string;
  /** A figure with its detail in brackets: "女（52%）", "Female (52%)". */
  withDetail: (text: string, detail: string) => string;
}

/** The dashboards' words in a language (`site-dashboards.*` messages, src/i18n/<locale>/site-dashboards.yaml). */
export function dashboardLabels(lang: Lang): DashboardLabels {
  const m = messagesUnder(lang, 'site-dashboards');
  return {
    ...textsUnder(lang, 'site-dashboards', DASHBOARD_TEXTS),
    dimension: textsUnder(lang, 'site-dashboards.dimension', AUDIENCE_DIMENSIONS),
    lead: (from, to) => m('lead', { from, to }),
    stale: (to, days, built) => m('stale', { to, days, built }),
    printMeta: (account, title, from, to, builtAt) => m('printMeta', { account, title, from, to, builtAt }),
    reportTitle: (month) => m('reportTitle', { month: monthIn(month, lang) }),
    reportDescription: (month) => m('reportDescription', { month: monthIn(month, lang), period: month }),
    reportLead: (from, to, zone) => m('reportLead', { from, to, zone }),
    reportHeadline: (figures) => m('reportHeadline', { ...figures, top: figures.top ?? 'none' }),
    changeSameDays: (from, to) => m('changeSameDays', { from, to }),
    percentagePoints: (signed) => m('percentagePoints', { signed }),
    followerTrendLabel: (from, to, start, end) => m('followerTrendLabel', { from, to, start, end }),
    followerChangesLabel: (from, to, net) => m('followerChangesLabel', { from, to, net }),
    growthBySourceLabel: (top) => m('growthBySourceLabel', { top }),
    readsAndSharesLabel: (reads, shares) => m('readsAndSharesLabel', { reads, shares }),
    topArticlesLabel: (count, first) => m('topArticlesLabel', { count, first }),
    articleComparisonLabel: (count) => m('articleComparisonLabel', { count }),
    readSourcesLabel: (top) => m('readSourcesLabel', { top }),
    shareScenesLabel: (top) => m('shareScenesLabel', { top }),
    audienceLabel: (dimension, date, top) => m('audienceLabel', { dimension, date, top }),
    snapshotOn: (date) => m('snapshotOn', { date }),
    supportLabel: (deadline, share) => m('supportLabel', { deadline, share }),
    supportTrendLabel: (deadline) => m('supportTrendLabel', { deadline }),
    withinDeadline: (minutes) => m('withinDeadline', { minutes }),
    deadline: (minutes) => m('deadline', { minutes }),
    businessHours: (start, end) => m('businessHours', { start, end }),
    withDetail: (text, detail) => m('withDetail', { text, detail }),
  };
}

/** Days the figures may lag the build before the page warns: the daily import runs the morning after. */
export const STALE_AFTER_DAYS = 2;

/** How many whole days the last figure is older than the build day (both YYYY-MM-DD). */
export function daysBehind(lastFigure: string, builtOn: string): number {
  return Math.round((Date.parse(`${builtOn}T00:00:00Z`) - Date.parse(`${lastFigure}T00:00:00Z`)) / 86_400_000);
}
