/**
 * Words of an article's page (/articles/<id>/) in both languages: its facts, its review record,
 * how its first week went against the account's median. Pure: no `astro:content` here.
 */
import type { Lang } from './site-labels.ts';
import type { WeekFigure } from './article-page-view.ts';

export interface ArticleLabels {
  description: (title: string) => string;
  facts: string;
  author: string;
  designer: string;
  topic: string;
  campaign: string;
  scheduled: string;
  publishing: string;
  review: string;
  prLink: (pr: number) => string;
  /** Why an article has no review record. */
  noReview: (beforeGate: boolean, firstReview: string | undefined) => string;
  firstWeek: string;
  firstWeekLead: (publishedOn: string, importedDays: number) => string;
  notYet: (lastImported: string | undefined) => string;
  readsChart: (title: string) => string;
  engagementChart: (title: string) => string;
  day: (day: number, date: string) => string;
  figures: Record<WeekFigure, string>;
  comparison: string;
  comparisonCaption: (articles: number) => string;
  figure: string;
  thisArticle: string;
  median: string;
  difference: string;
  noMedian: string;
  sources: string;
  sourcesNote: (from: string, to: string) => string;
  source: string;
  share: string;
  preview: string;
  backToArchive: string;
  calendar: string;
  notImported: string;
}

const percent = (value: number, lang: Lang) =>
  `${value > 0 ? '+' : value < 0 ? '−' : '±'}${Math.abs(value * 100).toLocaleString(lang === 'en' ? 'en' : 'zh-CN', { maximumFractionDigits: 0 })}%`;

export function formatChange(value: number | undefined, lang: Lang): string {
  return value === undefined ? '—' : percent(value, lang);
}

export const ARTICLE_LABELS: Record<Lang, ArticleLabels> = {
  'zh-CN': {
    description: (title) => `“${title}”：手机预览、发布与审核记录，以及发布后七天的数据。`,
    facts: '文章信息',
    author: '作者',
    designer: '设计',
    topic: '选题',
    campaign: '活动',
    scheduled: '计划发布',
    publishing: '发布',
    review: '审核',
    prLink: (pr) => `PR #${pr}`,
    noReview: (beforeGate, firstReview) =>
      beforeGate
        ? `无审核记录：这篇文章早于审核门禁（content/reviews/ 的第一条合并审核记录是 ${firstReview}），合并时还没有记录审核。`
        : '无审核记录：还没有触及这篇文章文件夹的已合并 PR——它可能尚未合并，或在审核门禁之外合并。',
    firstWeek: '发布后七天',
    firstWeekLead: (publishedOn, importedDays) =>
      `${publishedOn} 发出；已导入其中 ${importedDays} 天的数据（content/metrics/articles/）。`,
    notYet: (lastImported) =>
      lastImported
        ? `还没有这篇文章发布后的数据：统计数据导入到 ${lastImported}。`
        : '仓库里还没有导入任何文章统计数据。',
    readsChart: (title) => `“${title}”发布后七天每天的阅读次数`,
    engagementChart: (title) => `“${title}”发布后七天每天的分享、点赞和评论次数`,
    day: (day, date) => `第 ${day} 天 ${date.slice(5)}`,
    figures: { reads: '阅读', shares: '分享', likes: '点赞', comments: '评论' },
    comparison: '与全号中位数相比',
    comparisonCaption: (articles) => `七天合计，对比全号 ${articles} 篇已满七天文章的中位数`,
    figure: '指标',
    thisArticle: '本文',
    median: '全号中位数',
    difference: '差异',
    noMedian: '还没有满七天数据的文章，无法计算中位数。',
    sources: '同期阅读来源',
    sourcesNote: (from, to) => `${from} 至 ${to} 全号的阅读来源（微信只按账号提供来源，不按文章）。`,
    source: '来源',
    share: '占比',
    preview: '手机预览',
    backToArchive: '返回文章列表',
    calendar: '发布日历',
    notImported: '未导入',
  },
  en: {
    description: (title) => `“${title}”: phone preview, publishing and review record, and its first seven days.`,
    facts: 'About this article',
    author: 'Author',
    designer: 'Designer',
    topic: 'Topic',
    campaign: 'Campaign',
    scheduled: 'Scheduled',
    publishing: 'Publishing',
    review: 'Review',
    prLink: (pr) => `PR #${pr}`,
    noReview: (beforeGate, firstReview) =>
      beforeGate
        ? `No review on record: the article predates the review gate (the first merge record in content/reviews/ is from ${firstReview}), so its merge was not recorded.`
        : 'No review on record: no merged pull request touching its folder is recorded yet — it may not be merged, or was merged outside the review gate.',
    firstWeek: 'First seven days',
    firstWeekLead: (publishedOn, importedDays) =>
      `Went out on ${publishedOn}; ${importedDays} of its seven days are imported (content/metrics/articles/).`,
    notYet: (lastImported) =>
      lastImported
        ? `No figures since it went out yet: statistics are imported up to ${lastImported}.`
        : 'No article statistics have been imported yet.',
    readsChart: (title) => `Reads per day in the first seven days of “${title}”`,
    engagementChart: (title) => `Shares, likes and comments per day in the first seven days of “${title}”`,
    day: (day, date) => `Day ${day} ${date.slice(5)}`,
    figures: { reads: 'Reads', shares: 'Shares', likes: 'Likes', comments: 'Comments' },
    comparison: 'Against the account’s median',
    comparisonCaption: (articles) =>
      `Seven-day totals against the median of the account’s ${articles} articles with seven days imported`,
    figure: 'Figure',
    thisArticle: 'This article',
    median: 'Account median',
    difference: 'Difference',
    noMedian: 'No article has seven days imported yet, so there is no median.',
    sources: 'Read sources in the same days',
    sourcesNote: (from, to) =>
      `The whole account’s read sources from ${from} to ${to} (WeChat reports sources per account, not per article).`,
    source: 'Source',
    share: 'Share',
    preview: 'Phone preview',
    backToArchive: 'Back to the articles',
    calendar: 'Calendar',
    notImported: 'not imported',
  },
};
