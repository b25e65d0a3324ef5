/**
 * Words of the dashboards and the monthly report, in both languages, and the number formats they
 * use. Pure, so it can be unit-tested without Astro.
 */
import { FOLLOWER_SOURCES, type AudienceDimension } from '../../core/metrics/kpis.ts';
import { localizedUrl } from '../../site/localized-url.ts';
import { localizedTextLanguage } from '../../core/i18n/catalogue.ts';
import type { Language } from '../../core/i18n/language.ts';
import { inLanguage, type Lang } from '../../site/site-labels.ts';

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

export interface DashboardLabels {
  title: string;
  description: string;
  lead: (from: string, to: string) => string;
  /** The figures end well before the build: the import has probably stopped. */
  stale: (to: string, days: number, built: string) => string;
  noData: string;
  dataTable: string;
  monthlyReports: string;
  /** The printed report's line: whose, which, the days and when it was built. */
  printMeta: (account: string, title: string, from: string, to: string, builtAt: string) => string;
  reportTitle: (month: string) => string;
  reportDescription: (month: string) => string;
  reportLead: (from: string, to: string) => string;
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
  printHint: string;
  backToDashboards: string;
  date: string;
  month: string;
  week: string;
  figure: string;
  summary: string;
  value: string;
  change: string;
  /** The change column of a month in progress: compared with the same days of last month. */
  changeSameDays: (from: string, to: string) => string;
  /** A change of a rate: "+0.3 个百分点" / "+0.3 pp". */
  percentagePoints: (signed: string) => string;
  previousMonth: string;
  // Followers
  followerTrend: string;
  followerTrendLabel: (from: string, to: string, start: string, end: string) => string;
  followerChanges: string;
  followerChangesLabel: (from: string, to: string, net: string) => string;
  cumulative: string;
  newFollowers: string;
  cancelled: string;
  net: string;
  churnRate: string;
  cumulativeStart: string;
  cumulativeEnd: string;
  growthBySource: string;
  growthBySourceLabel: (top: string) => string;
  source: string;
  shareOfNew: string;
  // Articles
  readsAndShares: string;
  readsAndSharesLabel: (reads: string, shares: string) => string;
  reads: string;
  readers: string;
  shares: string;
  shareUsers: string;
  likes: string;
  comments: string;
  favorites: string;
  readRate: string;
  topArticles: string;
  topArticlesLabel: (count: number, first: string) => string;
  articleComparison: string;
  articleComparisonLabel: (count: number) => string;
  article: string;
  author: string;
  publishedOn: string;
  publishedCount: string;
  members: string;
  member: string;
  meanReadRate: string;
  readSources: string;
  readSourcesLabel: (top: string) => string;
  shareScenes: string;
  shareScenesLabel: (top: string) => string;
  scene: string;
  // Audience
  audience: string;
  audienceNone: string;
  audienceLabel: (dimension: string, date: string, top: string) => string;
  dimension: Record<AudienceDimension, string>;
  bucket: string;
  users: string;
  share: string;
  snapshotOn: (date: string) => string;
  // Support
  support: string;
  supportLabel: (deadline: number, share: string) => string;
  supportTrend: string;
  supportTrendLabel: (deadline: number) => string;
  agent: string;
  conversations: string;
  unanswered: string;
  medianMinutes: string;
  p90Minutes: string;
  withinDeadline: (minutes: number) => string;
  satisfaction: string;
  conduct: string;
  deadline: (minutes: number) => string;
  businessHours: (start: string, end: string) => string;
  supportNone: string;
}

/**
 * The dashboards' words in a language. They are not messages yet (src/i18n): a locale other than
 * zh-CN and en reads those of its text language (zh-TW the Chinese, ja the English).
 */
export function dashboardLabels(lang: Lang): DashboardLabels {
  return DASHBOARD_LABELS[localizedTextLanguage(lang)];
}

export const DASHBOARD_LABELS: Record<Language, DashboardLabels> = {
  'zh-CN': {
    title: '数据看板',
    description: '公众号粉丝、阅读、分享、粉丝画像与客服响应的数据看板，每次构建时由 content/metrics/ 生成。',
    lead: (from, to) => `数据范围：${from} 至 ${to}。图表在构建时生成，每张图下面都有对应的数据表。`,
    stale: (to, days, built) =>
      `数据只到 ${to}，比网站构建日 ${built} 早 ${days} 天：每日的数据导入可能停了，近几天的数字还没有进来。`,
    noData: '仓库里还没有数据。用 mpflow metrics import 导入后重新构建网站。',
    dataTable: '查看数据表',
    monthlyReports: '月度报告',
    printMeta: (account, title, from, to, builtAt) => `${account} · ${title} · ${from} 至 ${to} · 构建于 ${builtAt}`,
    reportTitle: (month) => `${month.slice(0, 4)} 年 ${Number(month.slice(5, 7))} 月数据报告`,
    reportDescription: (month) =>
      `${month.slice(0, 4)} 年 ${Number(month.slice(5, 7))} 月公众号运营数据：粉丝、文章、成员、粉丝画像与客服。`,
    reportLead: (from, to) => `统计期：${from} 至 ${to}（北京时间）。可直接打印或另存为 PDF 交给主管。`,
    reportHeadline: (f) =>
      `本月粉丝净增 ${f.net}（${f.netChange}），文章阅读 ${f.reads} 次（${f.readsChange}），发布 ${f.published} 篇${f.top ? `，阅读最多的是《${f.top}》` : ''}；客服按时首次回复 ${f.onTime}。`,
    printHint: '打印本页即为月报。',
    backToDashboards: '返回数据看板',
    date: '日期',
    month: '月份',
    week: '周',
    figure: '指标',
    summary: '本月概览',
    value: '数值',
    change: '较上月',
    changeSameDays: (from, to) => `较上月同期（${from} 至 ${to}）`,
    percentagePoints: (signed) => `${signed} 个百分点`,
    previousMonth: '上月',
    followerTrend: '粉丝趋势',
    followerTrendLabel: (from, to, start, end) =>
      `粉丝趋势折线图：${from} 至 ${to}，累计关注人数从 ${start} 到 ${end}。`,
    followerChanges: '新关注与取消关注',
    followerChangesLabel: (from, to, net) =>
      `${from} 至 ${to} 每期新关注（向上）与取消关注（向下）柱状图；净增 ${net}。`,
    cumulative: '累计关注',
    newFollowers: '新关注',
    cancelled: '取消关注',
    net: '净增',
    churnRate: '流失率',
    cumulativeStart: '期初粉丝',
    cumulativeEnd: '期末粉丝',
    growthBySource: '各渠道增长',
    growthBySourceLabel: (top) => `各关注来源的新关注与取消关注柱状图；新关注最多的来源是${top}。`,
    source: '来源',
    shareOfNew: '占新关注',
    readsAndShares: '阅读与分享',
    readsAndSharesLabel: (reads, shares) => `每日阅读次数与分享次数折线图；合计阅读 ${reads} 次，分享 ${shares} 次。`,
    reads: '阅读次数',
    readers: '阅读人数',
    shares: '分享次数',
    shareUsers: '分享人数',
    likes: '点赞',
    comments: '留言',
    favorites: '收藏',
    readRate: '阅读率',
    topArticles: '热门文章',
    topArticlesLabel: (count, first) => `阅读次数最多的 ${count} 篇文章条形图；第一名是《${first}》。`,
    articleComparison: '文章对比',
    articleComparisonLabel: (count) => `最近发布的 ${count} 篇文章的阅读人数、分享、点赞和留言对比柱状图。`,
    article: '文章',
    author: '作者',
    publishedOn: '发布日期',
    publishedCount: '发布篇数',
    members: '成员文章数据（作为作者或设计）',
    member: '成员',
    meanReadRate: '本月新文章平均阅读率',
    readSources: '阅读来源',
    readSourcesLabel: (top) => `各阅读来源的阅读次数条形图；阅读最多的来源是${top}。`,
    shareScenes: '分享场景',
    shareScenesLabel: (top) => `各分享场景的分享次数图；分享最多的是${top}。`,
    scene: '场景',
    audience: '粉丝画像',
    audienceNone:
      '还没有粉丝画像数据：从公众号后台“用户分析 → 用户属性”导出性别、年龄、地区，再用 mpflow metrics import --from csv 导入。',
    audienceLabel: (dimension, date, top) => `粉丝${dimension}分布图（${date}）；占比最高的是${top}。`,
    dimension: { gender: '性别', age: '年龄', region: '地区', city: '城市', language: '语言', device: '机型' },
    bucket: '分组',
    users: '人数',
    share: '占比',
    snapshotOn: (date) => `数据日期：${date}`,
    support: '客服响应',
    supportLabel: (deadline, share) =>
      `各客服首次回复时间柱状图（中位数与 P90，单位分钟），虚线为 ${deadline} 分钟时限；时限内回复占 ${share}。`,
    supportTrend: '客服时限达成趋势',
    supportTrendLabel: (deadline) => `每月首次回复中位数与 P90 折线图，虚线为 ${deadline} 分钟时限。`,
    agent: '客服',
    conversations: '会话数',
    unanswered: '未回复',
    medianMinutes: '首次回复中位数（分钟）',
    p90Minutes: '首次回复 P90（分钟）',
    withinDeadline: (minutes) => `${minutes} 分钟内回复`,
    satisfaction: '满意度',
    conduct: '沟通规范：不礼貌 / 争执 / 回复数',
    deadline: (minutes) => `时限 ${minutes} 分钟`,
    businessHours: (start, end) => `工作时间 ${start}–${end}，之外收到的消息从下一个工作时间开始计时。`,
    supportNone: '这段时间没有客服会话记录。',
  },
  en: {
    title: 'Dashboards',
    description:
      'Followers, reads, shares, audience and support response of the account, built from content/metrics/ at every site build.',
    lead: (from, to) =>
      `Figures from ${from} to ${to}. Charts are drawn when the site is built; each has its data as a table below it.`,
    stale: (to, days, built) =>
      `The figures end on ${to}, ${days} days before the site was built (${built}): the daily import may have stopped, and the latest days are not in yet.`,
    noData: 'The repository has no figures yet. Import some with mpflow metrics import, then build the site again.',
    dataTable: 'Show the data table',
    monthlyReports: 'Monthly reports',
    printMeta: (account, title, from, to, builtAt) => `${account} · ${title} · ${from} to ${to} · built ${builtAt}`,
    reportTitle: (month) =>
      `Report for ${new Intl.DateTimeFormat('en', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`))}`,
    reportDescription: (month) =>
      `The account's figures for ${month}: followers, articles, members, audience and support.`,
    reportLead: (from, to) => `Period: ${from} to ${to} (Beijing time). Print it or save it as PDF for the head.`,
    reportHeadline: (f) =>
      `Net follower growth ${f.net} (${f.netChange}), ${f.reads} article reads (${f.readsChange}), ${f.published} articles published${f.top ? `, the most read “${f.top}”` : ''}; support answered ${f.onTime} on time.`,
    printHint: 'Printing this page gives the monthly report.',
    backToDashboards: 'Back to the dashboards',
    date: 'Date',
    month: 'Month',
    week: 'Week',
    figure: 'Figure',
    summary: 'The month at a glance',
    value: 'Value',
    change: 'vs last month',
    changeSameDays: (from, to) => `vs the same days last month (${from} to ${to})`,
    percentagePoints: (signed) => `${signed} pp`,
    previousMonth: 'Last month',
    followerTrend: 'Follower trend',
    followerTrendLabel: (from, to, start, end) =>
      `Line chart of followers from ${from} to ${to}: from ${start} to ${end}.`,
    followerChanges: 'New and cancelled follows',
    followerChangesLabel: (from, to, net) =>
      `Bar chart of new (up) and cancelled (down) follows per period from ${from} to ${to}; net ${net}.`,
    cumulative: 'Followers',
    newFollowers: 'New',
    cancelled: 'Unfollowed',
    net: 'Net',
    churnRate: 'Churn rate',
    cumulativeStart: 'Followers at start',
    cumulativeEnd: 'Followers at end',
    growthBySource: 'Growth by source',
    growthBySourceLabel: (top) =>
      `Bar chart of new and cancelled follows per source; most new followers came from ${top}.`,
    source: 'Source',
    shareOfNew: 'Share of new',
    readsAndShares: 'Reads and shares',
    readsAndSharesLabel: (reads, shares) =>
      `Line chart of daily reads and shares; ${reads} reads and ${shares} shares in all.`,
    reads: 'Reads',
    readers: 'Readers',
    shares: 'Shares',
    shareUsers: 'Sharing users',
    likes: 'Likes',
    comments: 'Comments',
    favorites: 'Saves',
    readRate: 'Read rate',
    topArticles: 'Top articles',
    topArticlesLabel: (count, first) => `Bar chart of the ${count} most-read articles; first is "${first}".`,
    articleComparison: 'Article comparison',
    articleComparisonLabel: (count) =>
      `Bar chart comparing readers, shares, likes and comments of the ${count} latest articles.`,
    article: 'Article',
    author: 'Author',
    publishedOn: 'Published',
    publishedCount: 'Published',
    members: "Members' articles (as author or designer)",
    member: 'Member',
    meanReadRate: 'Mean read rate of new articles',
    readSources: 'Reading sources',
    readSourcesLabel: (top) => `Bar chart of reads per reading source; most reads came from ${top}.`,
    shareScenes: 'Share scenes',
    shareScenesLabel: (top) => `Chart of shares per scene; most shares went to ${top}.`,
    scene: 'Scene',
    audience: 'Audience',
    audienceNone:
      'No audience figures yet: export gender, age and region from the back office (用户分析 → 用户属性) and import them with mpflow metrics import --from csv.',
    audienceLabel: (dimension, date, top) =>
      `Chart of followers by ${dimension} on ${date}; the largest group is ${top}.`,
    dimension: { gender: 'gender', age: 'age', region: 'region', city: 'city', language: 'language', device: 'device' },
    bucket: 'Group',
    users: 'Followers',
    share: 'Share',
    snapshotOn: (date) => `As of ${date}`,
    support: 'Support response',
    supportLabel: (deadline, share) =>
      `Bar chart of first-reply minutes per agent (median and 90th percentile); the dashed line is the ${deadline}-minute deadline; ${share} answered within it.`,
    supportTrend: 'Support against the deadline, by month',
    supportTrendLabel: (deadline) =>
      `Line chart of the monthly median and 90th-percentile first-reply minutes; the dashed line is the ${deadline}-minute deadline.`,
    agent: 'Agent',
    conversations: 'Conversations',
    unanswered: 'Unanswered',
    medianMinutes: 'Median first reply (min)',
    p90Minutes: '90th percentile (min)',
    withinDeadline: (minutes) => `Within ${minutes} min`,
    satisfaction: 'Satisfaction',
    conduct: 'Conduct: impolite / arguing / replies',
    deadline: (minutes) => `Deadline ${minutes} min`,
    businessHours: (start, end) =>
      `Business hours ${start}–${end}; a message outside them is timed from the next opening.`,
    supportNone: 'No support conversations in this period.',
  },
};

/** Days the figures may lag the build before the page warns: the daily import runs the morning after. */
export const STALE_AFTER_DAYS = 2;

/** How many whole days the last figure is older than the build day (both YYYY-MM-DD). */
export function daysBehind(lastFigure: string, builtOn: string): number {
  return Math.round((Date.parse(`${builtOn}T00:00:00Z`) - Date.parse(`${lastFigure}T00:00:00Z`)) / 86_400_000);
}
