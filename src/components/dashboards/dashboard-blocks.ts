/**
 * The dashboards' charts with their data tables, built from the KPI data: each block is one SVG
 * (rendered at build time) and the table of exactly the figures it draws, so a screen-reader user
 * or a printout loses nothing. Pure functions of (data, language).
 */
import { barChart, lineChart, pieChart, type ChartSize } from '../../core/metrics/charts.ts';
import {
  monthRange,
  READ_SOURCES,
  SHARE_SCENES,
  type ArticleKpi,
  type AudienceSnapshot,
  type FollowerKpis,
  type SupportKpis,
} from '../../core/metrics/kpis.ts';
import type { DashboardOverview, MonthlyReport } from '../../core/metrics/report.ts';
import { languageOfLocale } from '../../core/i18n/language.ts';
import { inLanguage, type Lang } from '../../site/site-labels.ts';
import { dashboardLabels, formatNumber, formatPercent, formatSigned, sourceName } from './dashboard-labels.ts';

export interface ChartBlock {
  id: string;
  heading: string;
  /** Accessible description of the chart (aria-label and <title>). */
  label: string;
  svg: string;
  /** The same chart drawn for a phone (charts.ts `compact`): the page shows it below 640 px. */
  svgPhone?: string;
  note?: string;
  table: { head: string[]; rows: string[][]; numeric?: boolean[] };
}

/** A chart drawn twice, for a desktop card and for a phone; CSS shows the one that fits. */
function drawn(draw: (size: ChartSize) => string): { svg: string; svgPhone: string } {
  return { svg: draw({}), svgPhone: draw({ compact: true }) };
}

/**
 * Two charts side by side in one block, each on its own value axis: likes and comments vanish
 * on the axis of reads, a hundred times larger.
 */
function drawnApart(
  first: (size: ChartSize) => string,
  second: (size: ChartSize) => string,
): { svg: string; svgPhone: string } {
  return { svg: first({}) + second({}), svgPhone: first({ compact: true }) + second({ compact: true }) };
}

function shortTitle(title: string | undefined, id: string): string {
  const text = title ?? id;
  return text.length > 16 ? `${text.slice(0, 15)}…` : text;
}

export function followerTrendBlock(followers: FollowerKpis, lang: Lang, id = 'follower-trend'): ChartBlock {
  const t = dashboardLabels(lang);
  const daily = followers.daily;
  const label = t.followerTrendLabel(
    followers.range.from,
    followers.range.to,
    formatNumber(followers.cumulativeStart, lang),
    formatNumber(followers.cumulativeEnd, lang),
  );
  return {
    id,
    heading: t.followerTrend,
    label,
    ...drawn((size) =>
      lineChart({
        ...size,
        label,
        categories: daily.map((day) => day.period),
        series: [{ name: t.cumulative, data: daily.map((day) => day.cumulativeEnd) }],
        area: true,
      }),
    ),
    table: {
      head: [t.date, t.newFollowers, t.cancelled, t.net, t.cumulative],
      numeric: [false, true, true, true, true],
      rows: daily.map((day) => [
        day.period,
        formatNumber(day.new, lang),
        formatNumber(day.cancelled, lang),
        formatNumber(day.net, lang),
        formatNumber(day.cumulativeEnd, lang),
      ]),
    },
  };
}

export function followerChangesBlock(followers: FollowerKpis, lang: Lang): ChartBlock {
  const t = dashboardLabels(lang);
  const periods = followers.daily.length > 62 ? followers.weekly : followers.daily;
  const label = t.followerChangesLabel(followers.range.from, followers.range.to, formatNumber(followers.net, lang));
  return {
    id: 'follower-changes',
    heading: t.followerChanges,
    label,
    ...drawn((size) =>
      barChart({
        ...size,
        label,
        categories: periods.map((period) => period.period),
        series: [
          { name: t.newFollowers, data: periods.map((period) => period.new) },
          { name: t.cancelled, data: periods.map((period) => -period.cancelled) },
        ],
        stacked: true,
      }),
    ),
    table: {
      head: [periods === followers.weekly ? t.week : t.date, t.newFollowers, t.cancelled, t.net, t.churnRate],
      numeric: [false, true, true, true, true],
      rows: periods.map((period) => [
        period.period,
        formatNumber(period.new, lang),
        formatNumber(period.cancelled, lang),
        formatNumber(period.net, lang),
        formatPercent(period.churnRate, lang),
      ]),
    },
  };
}

export function growthBySourceBlock(followers: FollowerKpis, lang: Lang): ChartBlock {
  const t = dashboardLabels(lang);
  const sources = followers.bySource;
  const label = t.growthBySourceLabel(sources[0] ? sourceName(sources[0].source, lang) : '—');
  return {
    id: 'growth-by-source',
    heading: t.growthBySource,
    label,
    ...drawn((size) =>
      barChart({
        ...size,
        label,
        categories: sources.map((source) => sourceName(source.source, lang)),
        series: [
          { name: t.newFollowers, data: sources.map((source) => source.new) },
          { name: t.cancelled, data: sources.map((source) => source.cancelled) },
        ],
        horizontal: true,
        height: Math.max(220, 60 + sources.length * 34),
      }),
    ),
    table: {
      head: [t.source, t.newFollowers, t.cancelled, t.net, t.shareOfNew],
      numeric: [false, true, true, true, true],
      rows: sources.map((source) => [
        sourceName(source.source, lang),
        formatNumber(source.new, lang),
        formatNumber(source.cancelled, lang),
        formatNumber(source.net, lang),
        formatPercent(source.shareOfNew, lang),
      ]),
    },
  };
}

export function readsAndSharesBlock(daily: DashboardOverview['daily'], lang: Lang): ChartBlock {
  const t = dashboardLabels(lang);
  const reads = daily.reduce((sum, day) => sum + day.reads, 0);
  const shares = daily.reduce((sum, day) => sum + day.shares, 0);
  const label = t.readsAndSharesLabel(formatNumber(reads, lang), formatNumber(shares, lang));
  return {
    id: 'reads-and-shares',
    heading: t.readsAndShares,
    label,
    ...drawnApart(
      (size) =>
        lineChart({
          ...size,
          label: `${label} · ${t.reads}`,
          categories: daily.map((day) => day.date),
          series: [{ name: t.reads, data: daily.map((day) => day.reads) }],
          height: 240,
        }),
      (size) =>
        lineChart({
          ...size,
          label: `${label} · ${t.shares}`,
          categories: daily.map((day) => day.date),
          series: [{ name: t.shares, data: daily.map((day) => day.shares) }],
          height: 240,
        }),
    ),
    table: {
      head: [t.date, t.reads, t.readers, t.shares, t.likes, t.comments],
      numeric: [false, true, true, true, true, true],
      rows: daily.map((day) => [
        day.date,
        formatNumber(day.reads, lang),
        formatNumber(day.readers, lang),
        formatNumber(day.shares, lang),
        formatNumber(day.likes, lang),
        formatNumber(day.comments, lang),
      ]),
    },
  };
}

export function topArticlesBlock(
  articles: readonly ArticleKpi[],
  lang: Lang,
  names: ReadonlyMap<string, string>,
): ChartBlock {
  const t = dashboardLabels(lang);
  const label = t.topArticlesLabel(articles.length, articles[0]?.title ?? '—');
  return {
    id: 'top-articles',
    heading: t.topArticles,
    label,
    ...drawn((size) =>
      barChart({
        ...size,
        label,
        categories: articles.map((kpi) => shortTitle(kpi.title, kpi.article)),
        series: [{ name: t.reads, data: articles.map((kpi) => kpi.reads) }],
        horizontal: true,
        height: Math.max(220, 60 + articles.length * 30),
      }),
    ),
    table: articleTable(articles, lang, names),
  };
}

export function articleComparisonBlock(
  articles: readonly ArticleKpi[],
  lang: Lang,
  names: ReadonlyMap<string, string>,
): ChartBlock {
  const t = dashboardLabels(lang);
  const label = t.articleComparisonLabel(articles.length);
  return {
    id: 'article-comparison',
    heading: t.articleComparison,
    label,
    ...drawnApart(
      (size) =>
        barChart({
          ...size,
          label: `${label} · ${t.readers}`,
          categories: articles.map((kpi) => shortTitle(kpi.title, kpi.article)),
          series: [{ name: t.readers, data: articles.map((kpi) => kpi.readers) }],
          horizontal: true,
          height: Math.max(220, 60 + articles.length * 30),
        }),
      (size) =>
        barChart({
          ...size,
          label: `${label} · ${t.shares} / ${t.likes} / ${t.comments}`,
          categories: articles.map((kpi) => shortTitle(kpi.title, kpi.article)),
          series: [
            { name: t.shares, data: articles.map((kpi) => kpi.shares) },
            { name: t.likes, data: articles.map((kpi) => kpi.likes) },
            { name: t.comments, data: articles.map((kpi) => kpi.comments) },
          ],
          horizontal: true,
          height: Math.max(260, 80 + articles.length * 48),
        }),
    ),
    table: articleTable(articles, lang, names),
  };
}

function articleTable(
  articles: readonly ArticleKpi[],
  lang: Lang,
  names: ReadonlyMap<string, string>,
): ChartBlock['table'] {
  const t = dashboardLabels(lang);
  return {
    head: [
      t.article,
      t.author,
      t.publishedOn,
      t.reads,
      t.readers,
      t.shares,
      t.likes,
      t.comments,
      t.favorites,
      t.readRate,
    ],
    numeric: [false, false, false, true, true, true, true, true, true, true],
    rows: articles.map((kpi) => [
      kpi.title ?? kpi.article,
      kpi.author ? (names.get(kpi.author) ?? kpi.author) : '—',
      kpi.publishedOn ?? '—',
      formatNumber(kpi.reads, lang),
      formatNumber(kpi.readers, lang),
      formatNumber(kpi.shares, lang),
      formatNumber(kpi.likes, lang),
      formatNumber(kpi.comments, lang),
      formatNumber(kpi.favorites, lang),
      formatPercent(kpi.readRate, lang),
    ]),
  };
}

const GENDER_EN: Record<string, string> = { 男: 'Male', 女: 'Female', 未知: 'Unknown', 其他: 'Other' };

/**
 * A bucket as the reader's language names it: the back office's gender and age groups in English
 * on the English pages (女 → Female, 18-25岁 → 18–25, 60岁以上 → over 60); regions stay as exported.
 */
export function bucketLabel(dimension: AudienceSnapshot['dimension'], bucket: string, lang: Lang): string {
  // The back office exports them in Chinese: a Chinese page shows them as they are.
  if (languageOfLocale(lang) === 'zh-CN') return bucket;
  if (dimension === 'gender') return GENDER_EN[bucket] ?? bucket;
  if (dimension === 'age') {
    const under = /^(\d+)岁以下$/.exec(bucket);
    if (under) return `under ${under[1]}`;
    const over = /^(\d+)岁(?:以上|及以上)$/.exec(bucket);
    if (over) return `over ${over[1]}`;
    const span = /^(\d+)\s*[-–~～至]\s*(\d+)岁$/.exec(bucket);
    if (span) return `${span[1]}–${span[2]}`;
    if (bucket === '未知') return 'Unknown';
  }
  return bucket;
}

export function audienceBlocks(snapshots: readonly AudienceSnapshot[], lang: Lang): ChartBlock[] {
  const t = dashboardLabels(lang);
  return snapshots.map((snapshot) => {
    const name = (bucket: string) => bucketLabel(snapshot.dimension, bucket, lang);
    const top = [...snapshot.buckets].sort((a, b) => b.users - a.users)[0];
    const dimension = t.dimension[snapshot.dimension];
    const share = top ? formatPercent(top.share, lang) : '';
    const label = t.audienceLabel(dimension, snapshot.date, top ? t.withDetail(name(top.bucket), share) : '—');
    const data = snapshot.buckets.map((bucket) => ({ name: name(bucket.bucket), value: bucket.users }));
    return {
      id: `audience-${snapshot.dimension}`,
      heading: `${t.audience} · ${dimension}`,
      label,
      note: t.snapshotOn(snapshot.date),
      ...drawn((size) =>
        snapshot.dimension === 'region'
          ? barChart({
              label,
              categories: data.map((entry) => entry.name),
              series: [{ name: t.users, data: data.map((entry) => entry.value) }],
              horizontal: true,
              height: Math.max(200, 60 + data.length * 30),
              width: 560,
              ...size,
            })
          : pieChart({ label, data, ...size }),
      ),
      table: {
        head: [t.bucket, t.users, t.share],
        numeric: [false, true, true],
        rows: snapshot.buckets.map((bucket) => [
          name(bucket.bucket),
          formatNumber(bucket.users, lang),
          formatPercent(bucket.share, lang),
        ]),
      },
    };
  });
}

export function supportBlock(support: SupportKpis, lang: Lang, names: ReadonlyMap<string, string>): ChartBlock {
  const t = dashboardLabels(lang);
  const deadline = support.deadlineMinutes ?? 0;
  const label = t.supportLabel(deadline, formatPercent(support.overall.withinDeadlineShare, lang));
  const agents = support.agents;
  return {
    id: 'support',
    heading: t.support,
    label,
    ...(support.businessHours
      ? {
          note: `${t.deadline(deadline)}${t.sentenceSeparator}${t.businessHours(support.businessHours.start, support.businessHours.end)}`,
        }
      : {}),
    ...drawn((size) =>
      barChart({
        ...size,
        label,
        categories: agents.map((agent) => names.get(agent.agent) ?? agent.agent),
        series: [
          { name: t.medianMinutes, data: agents.map((agent) => agent.firstReplyMedianMinutes) },
          { name: t.p90Minutes, data: agents.map((agent) => agent.firstReplyP90Minutes) },
        ],
        ...(support.deadlineMinutes !== null ? { markLine: { value: deadline, name: t.deadline(deadline) } } : {}),
        height: 300,
      }),
    ),
    table: {
      // The conduct counts (imported replies checked against 沟通规范) beside the reply times, when there are any.
      head: [
        t.agent,
        t.conversations,
        t.unanswered,
        t.medianMinutes,
        t.p90Minutes,
        t.withinDeadline(deadline),
        t.satisfaction,
        ...(support.overall.conduct ? [t.conduct] : []),
      ],
      numeric: [false, true, true, true, true, true, true, ...(support.overall.conduct ? [true] : [])],
      rows: [
        ...agents.map((agent) => ({ name: names.get(agent.agent) ?? agent.agent, ...agent })),
        { name: t.allAgents, ...support.overall },
      ].map((row) => [
        row.name,
        formatNumber(row.conversations, lang),
        formatNumber(row.unanswered, lang),
        formatNumber(row.firstReplyMedianMinutes, lang),
        formatNumber(row.firstReplyP90Minutes, lang),
        formatPercent(row.withinDeadlineShare, lang),
        row.satisfactionMean === null ? '—' : row.satisfactionMean.toFixed(2),
        ...(support.overall.conduct
          ? [
              row.conduct
                ? `${formatNumber(row.conduct.impolite, lang)} / ${formatNumber(row.conduct.arguing, lang)} / ${formatNumber(row.conduct.replies, lang)}`
                : '—',
            ]
          : []),
      ]),
    },
  };
}

export function supportTrendBlock(
  byMonth: DashboardOverview['supportByMonth'],
  deadline: number | null,
  lang: Lang,
): ChartBlock {
  const t = dashboardLabels(lang);
  const label = t.supportTrendLabel(deadline ?? 0);
  return {
    id: 'support-trend',
    heading: t.supportTrend,
    label,
    ...drawn((size) =>
      lineChart({
        ...size,
        label,
        categories: byMonth.map((entry) => entry.month),
        series: [
          { name: t.medianMinutes, data: byMonth.map((entry) => entry.kpis.firstReplyMedianMinutes) },
          { name: t.p90Minutes, data: byMonth.map((entry) => entry.kpis.firstReplyP90Minutes) },
        ],
        ...(deadline !== null ? { markLine: { value: deadline, name: t.deadline(deadline) } } : {}),
        height: 280,
      }),
    ),
    table: {
      head: [t.month, t.conversations, t.medianMinutes, t.p90Minutes, t.withinDeadline(deadline ?? 0), t.satisfaction],
      numeric: [false, true, true, true, true, true],
      rows: byMonth.map((entry) => [
        entry.month,
        formatNumber(entry.kpis.conversations, lang),
        formatNumber(entry.kpis.firstReplyMedianMinutes, lang),
        formatNumber(entry.kpis.firstReplyP90Minutes, lang),
        formatPercent(entry.kpis.withinDeadlineShare, lang),
        entry.kpis.satisfactionMean === null ? '—' : entry.kpis.satisfactionMean.toFixed(2),
      ]),
    },
  };
}

/** The monthly report's headline figures, with the change against last month (or its same days, for a month in progress). */
export function reportSummary(report: MonthlyReport, lang: Lang): ChartBlock['table'] {
  const t = dashboardLabels(lang);
  const previous = report.previousFollowers;
  const previousTotals = report.previousTotals;
  // The difference, and for a count that was above zero also the relative change a head reads first: +1,234（+12.3%）.
  const change = (now: number | null, before: number | null | undefined) => {
    if (now === null || before === null || before === undefined) return '—';
    const difference = formatSigned(now - before, lang);
    if (before <= 0 || now === before) return difference;
    const relative = `${now > before ? '+' : ''}${formatPercent((now - before) / before, lang)}`;
    return t.withDetail(difference, relative);
  };
  // A rate changes by percentage points, never by a percentage read as one.
  // (+ 0 turns a rounded -0 into 0: "-0 个百分点" would read as a fall.)
  const points = (now: number | null, before: number | null | undefined) =>
    now === null || before === null || before === undefined
      ? '—'
      : t.percentagePoints(formatSigned(Math.round((now - before) * 1000) / 10 + 0, lang));
  const support = report.support.overall;
  const rows: string[][] = [
    [
      t.cumulativeStart,
      formatNumber(report.followers.cumulativeStart, lang),
      change(report.followers.cumulativeStart, previous?.cumulativeStart),
    ],
    [
      t.cumulativeEnd,
      formatNumber(report.followers.cumulativeEnd, lang),
      change(report.followers.cumulativeEnd, previous?.cumulativeEnd),
    ],
    [t.newFollowers, formatNumber(report.followers.new, lang), change(report.followers.new, previous?.new)],
    [
      t.cancelled,
      formatNumber(report.followers.cancelled, lang),
      change(report.followers.cancelled, previous?.cancelled),
    ],
    [t.net, formatNumber(report.followers.net, lang), change(report.followers.net, previous?.net)],
    [
      t.churnRate,
      formatPercent(report.followers.churnRate, lang),
      points(report.followers.churnRate, previous?.churnRate),
    ],
    [
      t.publishedCount,
      formatNumber(report.published.length, lang),
      change(report.published.length, report.previousPublished),
    ],
    [t.reads, formatNumber(report.totals.reads, lang), change(report.totals.reads, previousTotals?.reads)],
    [t.readers, formatNumber(report.totals.readers, lang), change(report.totals.readers, previousTotals?.readers)],
    [t.shares, formatNumber(report.totals.shares, lang), change(report.totals.shares, previousTotals?.shares)],
    [t.likes, formatNumber(report.totals.likes, lang), change(report.totals.likes, previousTotals?.likes)],
    [t.comments, formatNumber(report.totals.comments, lang), change(report.totals.comments, previousTotals?.comments)],
    [
      t.conversations,
      formatNumber(support.conversations, lang),
      change(support.conversations, report.previousSupport?.conversations),
    ],
    [
      t.withinDeadline(report.support.deadlineMinutes ?? 0),
      formatPercent(support.withinDeadlineShare, lang),
      points(support.withinDeadlineShare, report.previousSupport?.withinDeadlineShare),
    ],
  ];
  return {
    head: [
      t.figure,
      t.value,
      comparesSameDays(report) ? t.changeSameDays(report.previousRange!.from, report.previousRange!.to) : t.change,
    ],
    numeric: [false, true, true],
    rows,
  };
}

/** Whether the month is compared with only the same days of the month before (a month in progress). */
function comparesSameDays(report: MonthlyReport): boolean {
  return (
    report.previousRange !== undefined &&
    report.previousRange.to !== monthRange(report.previousRange.from.slice(0, 7)).to
  );
}

/** The month in one sentence, with the change against the comparison period (— when there is none). */
export function reportHeadline(report: MonthlyReport, lang: Lang): string {
  const t = dashboardLabels(lang);
  const sameDays = comparesSameDays(report);
  const versus = sameDays ? t.versusSameDays : t.versusLastMonth;
  const change = (now: number, before: number | undefined) => {
    if (before === undefined) return t.noPreviousMonth;
    const difference = `${versus} ${formatSigned(now - before, lang)}`;
    if (before <= 0 || now === before) return difference;
    return `${difference}${t.commaSeparator}${now > before ? '+' : ''}${formatPercent((now - before) / before, lang)}`;
  };
  const top = report.articles.find((kpi) => kpi.days > 0);
  return t.reportHeadline({
    net: formatSigned(report.followers.net, lang),
    netChange: change(report.followers.net, report.previousFollowers?.net),
    reads: formatNumber(report.totals.reads, lang),
    readsChange: change(report.totals.reads, report.previousTotals?.reads),
    published: formatNumber(report.published.length, lang),
    top: top ? (top.title ?? top.article) : undefined,
    onTime: formatPercent(report.support.overall.withinDeadlineShare, lang),
  });
}

export function memberTable(report: MonthlyReport, lang: Lang): ChartBlock['table'] {
  const t = dashboardLabels(lang);
  return {
    head: [t.member, t.publishedCount, t.reads, t.readers, t.shares, t.likes, t.comments, t.meanReadRate],
    numeric: [false, true, true, true, true, true, true, true],
    rows: report.members.map((member) => [
      member.name,
      formatNumber(member.published, lang),
      formatNumber(member.totals.reads, lang),
      formatNumber(member.totals.readers, lang),
      formatNumber(member.totals.shares, lang),
      formatNumber(member.totals.likes, lang),
      formatNumber(member.totals.comments, lang),
      formatPercent(member.meanReadRate, lang),
    ]),
  };
}

function codeName(names: Record<number, { zh: string; en: string }>, code: number, lang: Lang): string {
  const name = names[code];
  return name ? inLanguage(name, lang) : String(code);
}

export function readSourcesBlock(sources: DashboardOverview['readSources'], lang: Lang): ChartBlock {
  const t = dashboardLabels(lang);
  const names = sources.map((source) => codeName(READ_SOURCES, source.source, lang));
  const label = t.readSourcesLabel(names[0] ?? '—');
  return {
    id: 'read-sources',
    heading: t.readSources,
    label,
    ...drawn((size) =>
      barChart({
        ...size,
        label,
        categories: names,
        series: [
          { name: t.reads, data: sources.map((source) => source.reads) },
          { name: t.readers, data: sources.map((source) => source.readers) },
        ],
        horizontal: true,
        height: Math.max(220, 60 + sources.length * 40),
      }),
    ),
    table: {
      head: [t.source, t.reads, t.readers, t.shares, t.share],
      numeric: [false, true, true, true, true],
      rows: sources.map((source, index) => [
        names[index]!,
        formatNumber(source.reads, lang),
        formatNumber(source.readers, lang),
        formatNumber(source.shares, lang),
        formatPercent(source.shareOfReads, lang),
      ]),
    },
  };
}

export function shareScenesBlock(scenes: DashboardOverview['shareScenes'], lang: Lang): ChartBlock {
  const t = dashboardLabels(lang);
  const names = scenes.map((scene) => codeName(SHARE_SCENES, scene.scene, lang));
  const top = [...scenes].sort((a, b) => b.shares - a.shares)[0];
  const label = t.shareScenesLabel(top ? codeName(SHARE_SCENES, top.scene, lang) : '—');
  const total = scenes.reduce((sum, scene) => sum + scene.shares, 0);
  return {
    id: 'share-scenes',
    heading: t.shareScenes,
    label,
    ...drawn((size) =>
      pieChart({ ...size, label, data: scenes.map((scene, index) => ({ name: names[index]!, value: scene.shares })) }),
    ),
    table: {
      head: [t.scene, t.shares, t.shareUsers, t.share],
      numeric: [false, true, true, true],
      rows: scenes.map((scene, index) => [
        names[index]!,
        formatNumber(scene.shares, lang),
        formatNumber(scene.shareUsers, lang),
        formatPercent(total > 0 ? scene.shares / total : null, lang),
      ]),
    },
  };
}
