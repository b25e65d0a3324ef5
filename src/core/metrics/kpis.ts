/**
 * Key figures of the account, its articles, its members and its support desk, computed from the
 * metrics tables of a loaded Repository. Pure: the same repository and range always give the same
 * figures, so the dashboards, the monthly report and appraisal scoring agree to the digit.
 *
 * Ranges are inclusive calendar dates in the department's time zone: `{ from: '2026-10-01', to:
 * '2026-10-31' }` is October. Rows that failed their schema (`valid: false`) are left out: the
 * checker reports them, and a half-read row must not move a score.
 */
import { departmentTimeZone } from '../policy/department-clock.ts';
import type {
  ArticleDailyRow,
  FollowerChangeRow,
  FollowerCumulativeRow,
  PolicyFile,
  SupportConductRow,
  SupportConversationRow,
} from '../model/types.generated.ts';
import { policyInForce } from '../policy/policy-versions.ts';
import type { Repository, TableFile } from '../repository/load-repository.ts';
import { dateInTimeZone } from '../model/dates.ts';
import { addDays, datesOf, inRange, isoWeek, type DateRange } from '../calendar/days.ts';

export { DEFAULT_TIME_ZONE } from '../policy/department-clock.ts';

// The calendar helpers metrics has always exported; they live in the one calendar module.
export { addDays, datesOf, inRange, isoWeek, monthRange, monthsOf, type DateRange } from '../calendar/days.ts';

/** Valid rows whose date falls in the range, whichever month's file holds them (the checker flags misfiled rows). */
function rowsOf<T>(tables: readonly TableFile<T>[], range: DateRange, dateOf: (row: T) => string | undefined): T[] {
  const rows: T[] = [];
  for (const table of tables) {
    for (const row of table.rows) {
      if (!row.valid) continue;
      const date = dateOf(row.data);
      if (date !== undefined && inRange(date, range)) rows.push(row.data);
    }
  }
  return rows;
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

/** Nearest-rank percentile of sorted values (p in 0..100); null when there are none. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** The median: the mean of the two middle values when their number is even. */
export function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function policyTimeZone(repository: Repository, date: string): string {
  const policy = policyInForce(validPolicies(repository), date);
  return departmentTimeZone(policy);
}

function validPolicies(repository: Repository): PolicyFile[] {
  return repository.policies.filter((record) => record.valid).map((record) => record.data);
}

// ---------------------------------------------------------------------------------------------
// Articles

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

// ---------------------------------------------------------------------------------------------
// Followers

export interface FollowerPeriod {
  /** `YYYY-MM-DD` for days, `YYYY-Www` (ISO week) for weeks, `YYYY-MM` for months. */
  period: string;
  from: string;
  to: string;
  new: number;
  cancelled: number;
  net: number;
  /** Followers at the end of the period's last recorded day; null when no day of the period is recorded. */
  cumulativeEnd: number | null;
  /** Cancelled ÷ followers at the start of the period (流失率); null without a starting figure. */
  churnRate: number | null;
}

export interface SourceKpi {
  source: FollowerChangeRow['source'];
  new: number;
  cancelled: number;
  net: number;
  /** This source's share of all new followers in the range. */
  shareOfNew: number | null;
}

export interface FollowerKpis {
  range: DateRange;
  new: number;
  cancelled: number;
  net: number;
  /** Followers at the end of the day before the range; null when not recorded. */
  cumulativeStart: number | null;
  /** Followers at the end of the range: its last recorded day's total (null when no day of the range is recorded). */
  cumulativeEnd: number | null;
  /** Cancelled ÷ cumulativeStart. */
  churnRate: number | null;
  /** Days in the range with at least one follower row. */
  daysWithData: number;
  bySource: SourceKpi[];
  daily: FollowerPeriod[];
  weekly: FollowerPeriod[];
  monthly: FollowerPeriod[];
}

/** WeChat `user_source` codes and their names (the same list as the followers schema). */
export const FOLLOWER_SOURCES: Record<FollowerChangeRow['source'], { zh: string; en: string }> = {
  0: { zh: '其他', en: 'Other' },
  1: { zh: '搜索', en: 'Search' },
  17: { zh: '名片分享', en: 'Card share' },
  30: { zh: '扫码', en: 'QR code' },
  57: { zh: '文章内账号名', en: 'Name in an article' },
  100: { zh: '广告', en: 'Ads' },
  149: { zh: '小程序', en: 'Mini program' },
  161: { zh: '他人转载', en: 'Reprints' },
  200: { zh: '视频号', en: 'Channels' },
  201: { zh: '直播', en: 'Live' },
};

interface DatedValue {
  date: string;
  value: number;
}

/** Cumulative followers by date, sorted. */
function cumulativeByDate(repository: Repository): DatedValue[] {
  const values: DatedValue[] = [];
  for (const table of repository.followerTotals) {
    for (const row of table.rows) {
      const data = row.data as FollowerCumulativeRow;
      if (row.valid && typeof data.date === 'string' && typeof data.cumulative === 'number')
        values.push({ date: data.date, value: data.cumulative });
    }
  }
  return values.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function latestOnOrBefore(values: readonly DatedValue[], date: string): DatedValue | undefined {
  let low = 0;
  let high = values.length - 1;
  let found: DatedValue | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (values[middle]!.date <= date) {
      found = values[middle];
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/**
 * The follower figures of a range. The start figure is the cumulative count at the end of the day
 * before the range; when that day is not recorded it is derived from the range's first recorded
 * total minus the net change up to it, so a range starting on the first imported day still has one.
 */
export function followerKpis(repository: Repository, range: DateRange): FollowerKpis {
  const changes = rowsOf<FollowerChangeRow>(repository.followerChanges, range, (row) => row.date);
  const cumulative = cumulativeByDate(repository);
  const byDate = new Map<string, { new: number; cancelled: number }>();
  const bySource = new Map<FollowerChangeRow['source'], { new: number; cancelled: number }>();
  for (const row of changes) {
    const day = byDate.get(row.date) ?? { new: 0, cancelled: 0 };
    day.new += row.new;
    day.cancelled += row.cancelled;
    byDate.set(row.date, day);
    const source = bySource.get(row.source) ?? { new: 0, cancelled: 0 };
    source.new += row.new;
    source.cancelled += row.cancelled;
    bySource.set(row.source, source);
  }

  const startOf = (from: string): number | null => {
    const before = latestOnOrBefore(cumulative, addDays(from, -1));
    if (before && before.date === addDays(from, -1)) return before.value;
    // Derive from the first recorded total on or after `from` (within the range's data).
    const first = cumulative.find((entry) => entry.date >= from);
    if (!first) return before?.value ?? null;
    let net = 0;
    for (const date of datesOf({ from, to: first.date })) {
      const day = byDate.get(date);
      if (day) net += day.new - day.cancelled;
    }
    return first.value - net;
  };
  const endOf = (from: string, to: string): number | null => {
    const entry = latestOnOrBefore(cumulative, to);
    // The latest recorded total inside the period: a day without one has none, a month in progress has its last day's.
    return entry && entry.date >= from ? entry.value : null;
  };

  const period = (name: string, from: string, to: string): FollowerPeriod => {
    let added = 0;
    let cancelled = 0;
    for (const date of datesOf({ from, to })) {
      const day = byDate.get(date);
      if (!day) continue;
      added += day.new;
      cancelled += day.cancelled;
    }
    const start = startOf(from);
    return {
      period: name,
      from,
      to,
      new: added,
      cancelled,
      net: added - cancelled,
      cumulativeEnd: endOf(from, to),
      churnRate: start === null ? null : ratio(cancelled, start),
    };
  };

  const daily = datesOf(range).map((date) => period(date, date, date));
  const weekly: FollowerPeriod[] = [];
  const monthly: FollowerPeriod[] = [];
  for (const date of datesOf(range)) {
    const { week } = isoWeek(date);
    const lastWeek = weekly[weekly.length - 1];
    if (!lastWeek || lastWeek.period !== week) weekly.push({ ...period(week, date, date) });
    else weekly[weekly.length - 1] = period(week, lastWeek.from, date);
    const month = date.slice(0, 7);
    const lastMonth = monthly[monthly.length - 1];
    if (!lastMonth || lastMonth.period !== month) monthly.push(period(month, date, date));
    else monthly[monthly.length - 1] = period(month, lastMonth.from, date);
  }

  const totalNew = changes.reduce((sum, row) => sum + row.new, 0);
  const totalCancelled = changes.reduce((sum, row) => sum + row.cancelled, 0);
  const cumulativeStart = startOf(range.from);
  return {
    range,
    new: totalNew,
    cancelled: totalCancelled,
    net: totalNew - totalCancelled,
    cumulativeStart,
    cumulativeEnd: endOf(range.from, range.to),
    churnRate: cumulativeStart === null ? null : ratio(totalCancelled, cumulativeStart),
    daysWithData: byDate.size,
    bySource: [...bySource]
      .map(([source, figures]) => ({
        source,
        ...figures,
        net: figures.new - figures.cancelled,
        shareOfNew: ratio(figures.new, totalNew),
      }))
      .sort((a, b) => b.new - a.new || a.source - b.source),
    daily,
    weekly,
    monthly,
  };
}

// ---------------------------------------------------------------------------------------------
// Support

export interface SupportAgentKpi {
  agent: string;
  conversations: number;
  /** Conversations with a first reply. */
  replied: number;
  /** Conversations without one (they count as outside the deadline). */
  unanswered: number;
  /** Median first-reply time in business minutes. */
  firstReplyMedianMinutes: number | null;
  /** 90th percentile (nearest rank) of first-reply business minutes. */
  firstReplyP90Minutes: number | null;
  /** Conversations answered within the policy's deadline. */
  withinDeadline: number;
  /** withinDeadline ÷ conversations. */
  withinDeadlineShare: number | null;
  /** Mean of the 1–5 ratings given. */
  satisfactionMean: number | null;
  rated: number;
  /**
   * Replies checked against the policy's 沟通规范 (content/metrics/support-conduct/, written by the
   * support import) and how many were impolite or argued with the user; absent when the range has no counts.
   */
  conduct?: { replies: number; impolite: number; arguing: number };
}

export interface SupportKpis {
  range: DateRange;
  /** The policy's deadline in force at the range's end (conversations use the one in force when they opened). */
  deadlineMinutes: number | null;
  businessHours: { start: string; end: string } | null;
  overall: Omit<SupportAgentKpi, 'agent'>;
  agents: SupportAgentKpi[];
  /** Each conversation's measured first-reply time, for charts and audits. */
  conversations: Array<{
    id: string;
    agent: string;
    openedOn: string;
    firstReplyMinutes: number | null;
    withinDeadline: boolean;
  }>;
}

interface SupportRule {
  deadline: number;
  hours?: { start: string; end: string };
  timeZone: string;
}

function clockMinutes(value: string): number {
  const [hours, minutes] = value.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** Minutes since 1970-01-01 00:00 on the wall clock of the time zone: a day is always 1,440 of them. */
function localMinutes(instant: number, timeZone: string): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    offsetFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  const wall = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return wall / 60_000;
}

/**
 * Business minutes between two instants: only time inside the daily business hours counts, so a
 * message that arrives at night is timed from the next opening (policy 客服 rule).
 */
export function businessMinutesBetween(
  openedAt: string,
  repliedAt: string,
  hours: { start: string; end: string } | undefined,
  timeZone: string,
): number {
  const start = localMinutes(Date.parse(openedAt), timeZone);
  const end = localMinutes(Date.parse(repliedAt), timeZone);
  if (end <= start) return 0;
  if (!hours) return end - start;
  const open = clockMinutes(hours.start);
  let close = clockMinutes(hours.end);
  if (close <= open) close += 1440; // hours across midnight, e.g. 20:00–02:00
  let total = 0;
  for (let day = Math.floor(start / 1440) - 1; day * 1440 + open < end; day += 1) {
    const windowStart = Math.max(start, day * 1440 + open);
    const windowEnd = Math.min(end, day * 1440 + close);
    if (windowEnd > windowStart) total += windowEnd - windowStart;
  }
  return total;
}

function supportRule(repository: Repository, date: string): SupportRule | undefined {
  const policy = policyInForce(validPolicies(repository), date);
  const support = policy?.support;
  if (!support || typeof support.firstReplyDeadlineMinutes !== 'number') return undefined;
  return {
    deadline: support.firstReplyDeadlineMinutes,
    ...(support.businessHours ? { hours: { start: support.businessHours.start, end: support.businessHours.end } } : {}),
    timeZone: departmentTimeZone(policy),
  };
}

/**
 * Support desk figures per agent. A conversation belongs to the range by the date it opened (in
 * the department's time zone); its first-reply time is measured in business minutes under the
 * policy in force that day and compared with that policy's deadline.
 */
export function supportKpis(repository: Repository, range: DateRange): SupportKpis {
  const endPolicy = policyInForce(validPolicies(repository), range.to);
  const timeZoneAt = (date: string) => policyTimeZone(repository, date);
  const rows = rowsOf<SupportConversationRow>(repository.supportConversations, range, (row) =>
    typeof row.openedAt === 'string' && !Number.isNaN(Date.parse(row.openedAt))
      ? dateInTimeZone(row.openedAt, timeZoneAt(row.openedAt.slice(0, 10)))
      : undefined,
  );
  const conversations: SupportKpis['conversations'] = [];
  for (const row of rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const openedOn = dateInTimeZone(row.openedAt, timeZoneAt(row.openedAt.slice(0, 10)));
    const rule = supportRule(repository, openedOn);
    let minutes: number | null = null;
    if (typeof row.firstReplyAt === 'string' && !Number.isNaN(Date.parse(row.firstReplyAt))) {
      minutes = businessMinutesBetween(
        row.openedAt,
        row.firstReplyAt,
        rule?.hours,
        rule?.timeZone ?? timeZoneAt(openedOn),
      );
    }
    conversations.push({
      id: row.id,
      agent: row.agent,
      openedOn,
      firstReplyMinutes: minutes,
      withinDeadline: minutes !== null && rule !== undefined && minutes <= rule.deadline,
    });
  }
  const rated = new Map<string, number[]>();
  for (const row of rows)
    if (typeof row.satisfaction === 'number') rated.set(row.agent, [...(rated.get(row.agent) ?? []), row.satisfaction]);

  const summarise = (items: typeof conversations, ratings: number[]): Omit<SupportAgentKpi, 'agent'> => {
    const minutes = items
      .map((item) => item.firstReplyMinutes)
      .filter((value): value is number => value !== null)
      .sort((a, b) => a - b);
    const within = items.filter((item) => item.withinDeadline).length;
    return {
      conversations: items.length,
      replied: minutes.length,
      unanswered: items.length - minutes.length,
      firstReplyMedianMinutes: median(minutes),
      firstReplyP90Minutes: percentile(minutes, 90),
      withinDeadline: within,
      withinDeadlineShare: ratio(within, items.length),
      satisfactionMean: ratings.length > 0 ? ratings.reduce((sum, value) => sum + value, 0) / ratings.length : null,
      rated: ratings.length,
    };
  };
  const conductRows = rowsOf<SupportConductRow>(repository.supportConduct ?? [], range, (row) => row.date);
  const conductOf = (agent?: string): { conduct?: { replies: number; impolite: number; arguing: number } } => {
    if (conductRows.length === 0) return {};
    const sum = { replies: 0, impolite: 0, arguing: 0 };
    for (const row of conductRows) {
      if (agent !== undefined && row.agent !== agent) continue;
      sum.replies += row.replies;
      sum.impolite += row.impolite;
      sum.arguing += row.arguing;
    }
    return { conduct: sum };
  };
  const agents = [
    ...new Set([...conversations.map((item) => item.agent), ...conductRows.map((row) => row.agent)]),
  ].sort();
  return {
    range,
    deadlineMinutes:
      typeof endPolicy?.support?.firstReplyDeadlineMinutes === 'number'
        ? endPolicy.support.firstReplyDeadlineMinutes
        : null,
    businessHours: endPolicy?.support?.businessHours
      ? { start: endPolicy.support.businessHours.start, end: endPolicy.support.businessHours.end }
      : null,
    overall: { ...summarise(conversations, [...rated.values()].flat()), ...conductOf() },
    agents: agents.map((agent) => ({
      agent,
      ...summarise(
        conversations.filter((item) => item.agent === agent),
        rated.get(agent) ?? [],
      ),
      ...conductOf(agent),
    })),
    conversations,
  };
}

// ---------------------------------------------------------------------------------------------
// Audience

export type AudienceDimension = 'gender' | 'age' | 'region' | 'city' | 'language' | 'device';

export interface AudienceSnapshot {
  dimension: AudienceDimension;
  /** The snapshot's date: the latest one on or before the asked date. */
  date: string;
  total: number;
  buckets: Array<{ bucket: string; users: number; share: number | null }>;
}

/**
 * The latest audience distribution (from the back office's 用户属性 export) on or before a date,
 * one per dimension that has any. Gender runs 男, 女, then the rest; ages run youngest first;
 * regions, cities, languages and devices run largest first.
 */
export function audienceKpis(repository: Repository, on: string): AudienceSnapshot[] {
  const rows: Array<{ date: string; dimension: AudienceDimension; bucket: string; users: number }> = [];
  for (const table of repository.audience ?? []) {
    for (const row of table.rows) {
      const data = row.data;
      if (row.valid && typeof data.date === 'string' && data.date <= on)
        rows.push({ date: data.date, dimension: data.dimension, bucket: data.bucket, users: data.users });
    }
  }
  const snapshots: AudienceSnapshot[] = [];
  for (const dimension of ['gender', 'age', 'region', 'city', 'language', 'device'] as const) {
    const mine = rows.filter((row) => row.dimension === dimension);
    if (mine.length === 0) continue;
    const date = mine.reduce((latest, row) => (row.date > latest ? row.date : latest), '');
    const buckets = mine.filter((row) => row.date === date);
    const total = buckets.reduce((sum, row) => sum + row.users, 0);
    if (dimension !== 'gender' && dimension !== 'age')
      buckets.sort((a, b) => b.users - a.users || (a.bucket < b.bucket ? -1 : 1));
    else buckets.sort((a, b) => bucketOrder(a.bucket) - bucketOrder(b.bucket) || (a.bucket < b.bucket ? -1 : 1));
    snapshots.push({
      dimension,
      date,
      total,
      buckets: buckets.map((row) => ({ bucket: row.bucket, users: row.users, share: ratio(row.users, total) })),
    });
  }
  return snapshots;
}

/** Sort key of a gender or age bucket: 男 女 未知; "18岁以下" before "18-25岁", "60岁以上" after "46-60岁". */
function bucketOrder(bucket: string): number {
  const gender = ['男', '女'].indexOf(bucket);
  if (gender !== -1) return gender;
  const age = /(\d+)/.exec(bucket);
  if (!age) return 1000;
  const years = Number(age[1]);
  if (/以下|under|below/i.test(bucket)) return years - 0.5;
  if (/以上|over|above|\+/i.test(bucket)) return years + 0.5;
  return years;
}

// ---------------------------------------------------------------------------------------------
// Reading sources and share scenes (getuserread, getusershare)

/** getuserread's user_source codes (not the follower sources). 99999999 is its "all" total. */
export const READ_SOURCES: Record<number, { zh: string; en: string }> = {
  0: { zh: '会话', en: 'Chats' },
  1: { zh: '好友转发', en: 'Forwarded by friends' },
  2: { zh: '朋友圈', en: 'Moments' },
  4: { zh: '历史消息页', en: 'Message history' },
  5: { zh: '其他', en: 'Other' },
  6: { zh: '看一看', en: 'Top Stories' },
  7: { zh: '搜一搜', en: 'Search' },
};

export const SHARE_SCENES: Record<number, { zh: string; en: string }> = {
  1: { zh: '好友转发', en: 'Friends' },
  2: { zh: '朋友圈', en: 'Moments' },
  255: { zh: '其他', en: 'Other' },
};

export interface ReadSourceKpi {
  source: number;
  readers: number;
  reads: number;
  shares: number;
  /** This source's share of all reads in the range. */
  shareOfReads: number | null;
}

/** Account-wide reads per reading source over a range, most reads first; the "all" row (99999999) is left out. */
export function readSourceKpis(repository: Repository, range: DateRange): ReadSourceKpi[] {
  const bySource = new Map<number, { readers: number; reads: number; shares: number }>();
  for (const row of rowsOf(repository.readsBySource ?? [], range, (row) => row.date)) {
    if (row.source === 99_999_999) continue;
    const entry = bySource.get(row.source) ?? { readers: 0, reads: 0, shares: 0 };
    entry.readers += row.readers;
    entry.reads += row.reads;
    entry.shares += row.shares;
    bySource.set(row.source, entry);
  }
  const total = [...bySource.values()].reduce((sum, entry) => sum + entry.reads, 0);
  return [...bySource]
    .map(([source, entry]) => ({ source, ...entry, shareOfReads: ratio(entry.reads, total) }))
    .sort((a, b) => b.reads - a.reads || a.source - b.source);
}

/** Shares per scene (friends, Moments, other) over a range. */
export function shareSceneKpis(
  repository: Repository,
  range: DateRange,
): Array<{ scene: number; shares: number; shareUsers: number }> {
  const byScene = new Map<number, { shares: number; shareUsers: number }>();
  for (const row of rowsOf(repository.sharesByScene ?? [], range, (row) => row.date)) {
    const entry = byScene.get(row.scene) ?? { shares: 0, shareUsers: 0 };
    entry.shares += row.shares;
    entry.shareUsers += row.shareUsers;
    byScene.set(row.scene, entry);
  }
  return [...byScene].map(([scene, entry]) => ({ scene, ...entry })).sort((a, b) => a.scene - b.scene);
}
