/**
 * Imports the account's figures from the WeChat datacube API into a MetricBatch for the store.
 *
 * Each endpoint answers at most a fixed number of days per call (its span, wechat-api.md); a range
 * is cut into consecutive windows of exactly that span from its first day, which is the least
 * number of calls: ceil(days ÷ span) per endpoint. end_date is never today or later (the API
 * refuses it, and today's figures are not final); the newer endpoints (getbizsummary, likes and
 * comments) have data only from 2025-11-01 and are not asked before that.
 */
import { text, type LocalizedText } from '../i18n/language.ts';
import { LocalizedError } from '../diagnostics/localized-error.ts';
import type { Repository } from '../repository/load-repository.ts';
import { WeChatApiError, WeChatNetworkError, type WeChatClient } from '../wechat/client.ts';
import { addDays, datesOf, inRange, monthRange, monthsOf, type DateRange } from '../calendar/days.ts';
import { FOLLOWER_SOURCES, SHARE_SCENES } from './wechat-codes.ts';
import type { Cells, MetricBatch, MetricFolder } from './storage.ts';

/**
 * span: days per call. from: the first day the endpoint has figures. lookback: days before the
 * range that are asked too (getarticletotaldetail is asked by sending day and lists each article's
 * cumulative figures for up to 30 days, so an article sent 29 days before the range still has
 * likes in it). The newer endpoints (getarticleread, getarticletotaldetail, getbizsummary) come
 * before the deprecated ones (getarticlesummary, getarticletotal: 本接口已停止维护), which are
 * still asked for what only they give (read counts, 送达人数) and answer 48001 without failing the run.
 */
export const DATACUBE_ENDPOINTS = {
  getusersummary: { span: 7 },
  getusercumulate: { span: 7 },
  getarticleread: { span: 1, from: '2025-11-01' },
  getarticletotaldetail: { span: 1, from: '2025-11-01', lookback: 29 },
  getarticlesummary: { span: 1 },
  getarticletotal: { span: 1 },
  getuserread: { span: 3 },
  getusershare: { span: 7 },
  getbizsummary: { span: 1, from: '2025-11-01' },
} as const satisfies Record<string, { span: number; from?: string; lookback?: number }>;

/** Endpoints an account may lack (48001): the import says so and carries on without them. */
const OPTIONAL_ENDPOINTS: ReadonlySet<DatacubeEndpoint> = new Set([
  'getarticleread',
  'getarticletotaldetail',
  'getarticlesummary',
  'getarticletotal',
  'getbizsummary',
]);

export type DatacubeEndpoint = keyof typeof DATACUBE_ENDPOINTS;

/** getuserread's user_source for all sources together. */
export const ALL_READ_SOURCES = 99999999;

/** The first day the datacube has figures for. */
export const DATACUBE_FIRST_DAY = '2014-12-01';

export interface DatacubeCall {
  endpoint: DatacubeEndpoint;
  begin: string;
  end: string;
}

/** Every call an import of the range makes, in order: per endpoint, consecutive windows of its span (from `lookback` days before the range). */
export function planDatacubeCalls(
  range: DateRange,
  endpoints: readonly DatacubeEndpoint[] = Object.keys(DATACUBE_ENDPOINTS) as DatacubeEndpoint[],
): DatacubeCall[] {
  const calls: DatacubeCall[] = [];
  for (const endpoint of endpoints) {
    const {
      span,
      from: availableFrom,
      lookback,
    } = DATACUBE_ENDPOINTS[endpoint] as { span: number; from?: string; lookback?: number };
    const asked = lookback ? addDays(range.from, -lookback) : range.from;
    const from = availableFrom !== undefined && availableFrom > asked ? availableFrom : asked;
    for (let begin: string = from; begin <= range.to; begin = addDays(begin, span)) {
      const last = addDays(begin, span - 1);
      calls.push({ endpoint, begin, end: last < range.to ? last : range.to });
    }
  }
  return calls;
}

/** An import that cannot go on (a range the API refuses, an answer it cannot use): exit 1. */
export class MetricsImportError extends LocalizedError {
  constructor(localized: LocalizedText) {
    super(localized, { exitCode: 1 });
  }
}

/** Checks an import range against the API's rules; `today` is the date in Asia/Shanghai. */
export function validateImportRange(range: DateRange, today: string): void {
  if (range.from > range.to)
    throw new MetricsImportError(
      text(
        `开始日期 ${range.from} 晚于结束日期 ${range.to}。`,
        `The start date ${range.from} is after the end date ${range.to}.`,
      ),
    );
  if (range.to >= today) {
    throw new MetricsImportError(
      text(
        `结束日期最晚只能是昨天（${addDays(today, -1)}，北京时间）：微信不提供当天的数据。`,
        `The end date can be yesterday (${addDays(today, -1)}, Beijing time) at the latest: WeChat has no figures for today.`,
      ),
    );
  }
  if (range.from < DATACUBE_FIRST_DAY)
    throw new MetricsImportError(
      text(
        `微信数据从 ${DATACUBE_FIRST_DAY} 开始，开始日期不能更早。`,
        `WeChat's figures start on ${DATACUBE_FIRST_DAY}; the start date cannot be earlier.`,
      ),
    );
}

export interface UnmatchedArticle {
  msgid: string;
  title: string;
  dates: string[];
}

export interface WeChatImportResult {
  /** Every row of the run (also handed month by month to `onMonth` when given). */
  batch: MetricBatch;
  /** HTTP requests made to the datacube (a window WeChat refused with 61501 adds its one-day retries). */
  calls: number;
  /** Articles the API reported whose msgid is in no publish record (and whose title names no article). */
  unmatched: UnmatchedArticle[];
  /** Days getbizsummary marked is_delay: their likes and comments are not final and were not stored. */
  delayed: string[];
  notices: LocalizedText[];
}

export interface WeChatImportOptions {
  client: WeChatClient;
  repository: Repository;
  range: DateRange;
  today: string;
  onProgress?: (done: number, total: number, call: DatacubeCall) => void;
  /**
   * Called with a calendar month's rows as soon as every call covering that month has answered,
   * oldest month first. The CLI stores each month here, so an error later in the run (45009, the
   * daily quota, on day 200 of a year) keeps the months already complete and a rerun can start after them.
   */
  onMonth?: (month: string, batch: MetricBatch) => Promise<void>;
}

type Row = Record<string, unknown>;

/** Maps datacube msgids to article ids: publish records first, then a unique exact title. */
export function articleMatcher(repository: Repository): (msgid: string, title: string) => string | undefined {
  const byMsgid = new Map<string, string>();
  for (const record of repository.publishRecords ?? []) {
    const data = record.data;
    if (!data || typeof data.article !== 'string' || data.msgDataId === undefined || data.msgDataId === null) continue;
    const index = typeof data.index === 'number' ? data.index : 1;
    byMsgid.set(`${String(data.msgDataId)}_${index}`, data.article);
  }
  const byTitle = new Map<string, string | null>();
  for (const article of repository.articles) {
    const title = article.data?.title;
    if (typeof title !== 'string') continue;
    byTitle.set(title, byTitle.has(title) ? null : article.id);
  }
  return (msgid, title) => byMsgid.get(msgid) ?? byTitle.get(title) ?? undefined;
}

const ENDPOINT_ORDER = Object.keys(DATACUBE_ENDPOINTS) as DatacubeEndpoint[];

export interface Answer {
  call: DatacubeCall;
  rows: Row[];
  /** The answer's is_delay (the newer endpoints only). */
  delayed: boolean;
}

/**
 * Imports a range. Calls go in date order (each endpoint still in windows of its full span, so the
 * number of calls stays ceil(days ÷ span) per endpoint); a calendar month's rows are turned into
 * a batch, and handed to `onMonth`, as soon as no window still to come can hold one of its days.
 */
export async function importFromWeChat(options: WeChatImportOptions): Promise<WeChatImportResult> {
  const { client, repository, range, today } = options;
  validateImportRange(range, today);
  const byDate = (a: DatacubeCall, b: DatacubeCall) =>
    a.begin < b.begin
      ? -1
      : a.begin > b.begin
        ? 1
        : ENDPOINT_ORDER.indexOf(a.endpoint) - ENDPOINT_ORDER.indexOf(b.endpoint);
  const plan = planDatacubeCalls(range).sort(byDate);
  const notices: LocalizedText[] = [];
  const unavailable = new Set<DatacubeEndpoint>();
  const split = new Set<DatacubeEndpoint>();
  const pending = new Map<string, Answer[]>();
  const storedFollowers = new Map<string, { source: number; new: number; cancelled: number }>();
  for (const table of repository.followerChanges) {
    for (const row of table.rows)
      if (row.valid && inRange(row.data.date, range))
        storedFollowers.set(`${row.data.date}|${row.data.source}`, {
          source: row.data.source,
          new: row.data.new,
          cancelled: row.data.cancelled,
        });
  }
  const context: BatchContext = {
    match: articleMatcher(repository),
    unmatched: new Map(),
    delayed: new Set(),
    account: { days: new Set(), likes: 0, comments: 0, zaikan: 0 },
    storedFollowers,
    foldedCodes: new Set(),
  };
  const whole = emptyDatacubeBatch();
  const months = monthsOf(range);
  let flushed = 0;
  let done = 0;
  let calls = 0;

  const flush = async (month: string) => {
    const batch = toBatch(pending.get(month) ?? [], context);
    pending.delete(month);
    for (const [folder, rows] of Object.entries(batch) as Array<[MetricFolder, Cells[]]>)
      whole[folder] = [...(whole[folder] ?? []), ...rows];
    await options.onMonth?.(month, batch);
  };

  const ask = async (call: DatacubeCall): Promise<Answer[]> => {
    try {
      calls += 1;
      const answer = await client.postJson<Row>(`/datacube/${call.endpoint}`, {
        begin_date: call.begin,
        end_date: call.end,
      });
      return [
        { call, rows: Array.isArray(answer.list) ? (answer.list as Row[]) : [], delayed: answer.is_delay === true },
      ];
    } catch (error) {
      // wechat-api.md: 61501 日期范围错误 → split the range (61500 is 日期格式错误: asking again cannot
      // help, so it stops the run). The spans above are the documented ones; if WeChat refuses a
      // window anyway, it is asked one day at a time rather than failing the run.
      if (error instanceof WeChatApiError && error.errcode === 61501 && call.begin < call.end) {
        if (!split.has(call.endpoint)) {
          split.add(call.endpoint);
          notices.push(
            text(
              `${call.endpoint} 拒绝了 ${call.begin} 至 ${call.end} 的日期范围（61501 日期范围错误），已改为逐日请求。`,
              `${call.endpoint} refused the range ${call.begin} to ${call.end} (61501, date range error); it was asked one day at a time instead.`,
            ),
          );
        }
        const answers: Answer[] = [];
        for (const date of datesOf({ from: call.begin, to: call.end }))
          answers.push(...(await ask({ endpoint: call.endpoint, begin: date, end: date })));
        return answers;
      }
      throw error;
    }
  };

  let current: DatacubeCall | undefined;
  try {
    for (const call of plan) {
      current = call;
      // Every month that ends before this window starts has all its answers.
      while (flushed < months.length && monthRange(months[flushed]!).to < call.begin) await flush(months[flushed++]!);
      if (unavailable.has(call.endpoint)) continue;
      options.onProgress?.(done, plan.length, call);
      let answers: Answer[];
      try {
        answers = await ask(call);
      } catch (error) {
        // The newer endpoints exist only for some accounts, the deprecated ones may be switched off:
        // without one, what it alone gives stays empty (or comes from the other), and the run goes on.
        if (error instanceof WeChatApiError && error.errcode === 48001 && OPTIONAL_ENDPOINTS.has(call.endpoint)) {
          unavailable.add(call.endpoint);
          notices.push(UNAVAILABLE_NOTICES[call.endpoint as keyof typeof UNAVAILABLE_NOTICES]);
          continue;
        }
        throw error;
      }
      done += 1;
      for (const answer of answers) {
        const parts =
          answer.call.endpoint === 'getarticletotaldetail'
            ? dailyFromTotalDetail(answer, range, context)
            : splitByMonth(answer);
        if (answer.delayed && answer.call.endpoint !== 'getarticletotaldetail')
          for (const date of datesOf({ from: answer.call.begin, to: answer.call.end })) context.delayed.add(date);
        for (const part of parts)
          pending.set(part.call.begin.slice(0, 7), [...(pending.get(part.call.begin.slice(0, 7)) ?? []), part]);
      }
    }
    options.onProgress?.(done, plan.length, plan[plan.length - 1]!);
    while (flushed < months.length) await flush(months[flushed++]!);
  } catch (error) {
    // The client's message names the request ("POST /datacube/getusersummary failed: errcode 45009, …"); add the dates asked.
    const window = current
      ? text(`（请求的日期：${current.begin} 至 ${current.end}）`, ` (dates asked: ${current.begin} to ${current.end})`)
      : text('', '');
    if (error instanceof WeChatApiError || error instanceof WeChatNetworkError)
      throw new MetricsImportError(text(`${error.localized.zh}${window.zh}`, `${error.localized.en}${window.en}`));
    throw error;
  }

  const { account, delayed } = context;
  if (context.foldedCodes.size > 0) {
    const codes = [...context.foldedCodes].sort().join(', ');
    notices.push(
      text(
        `微信返回了 mpflow 不认识的代码：${codes}。这些数字计入“其他”（关注来源 0 / 分享场景 255）。`,
        `WeChat answered codes mpflow does not know: ${codes}. Their figures were counted under "other" (follower source 0 / share scene 255).`,
      ),
    );
  }
  if (account.days.size > 0) {
    const figures = [account.likes, account.zaikan, account.comments].map((value) => value.toLocaleString('zh-CN'));
    notices.push(
      text(
        `getbizsummary 只给出全号每天的汇总（没有 msgid）：${account.days.size} 天共点赞 ${figures[0]}、在看 ${figures[1]}、留言 ${figures[2]}。每篇文章的点赞和留言来自 getarticletotaldetail。`,
        `getbizsummary gives account-wide daily totals only (no msgid): ${account.days.size} days, ${figures[0]} likes, ${figures[1]} 在看, ${figures[2]} comments. Per-article likes and comments come from getarticletotaldetail.`,
      ),
    );
  }
  if (delayed.size > 0) {
    const list = [...delayed].sort().join(', ');
    notices.push(
      text(
        `微信标记以下日期的点赞和留言数据仍在统计中（is_delay）：${list}。这些日期的点赞和留言没有写入，请稍后重新导入。`,
        `WeChat marks the likes and comments of these days as delayed (is_delay): ${list}. They were not stored; import these days again later.`,
      ),
    );
  }
  return {
    batch: whole,
    calls,
    unmatched: [...context.unmatched.values()].sort((a, b) => (a.msgid < b.msgid ? -1 : 1)),
    delayed: [...delayed].sort(),
    notices,
  };
}

const UNAVAILABLE_NOTICES = {
  getarticleread: text(
    '本公众号没有 getarticleread 接口权限（48001）：每篇文章每天的阅读人数只来自 getarticlesummary（发出后约 7 天）。',
    'This account may not call getarticleread (48001): per-article daily readers come only from getarticlesummary (about 7 days after sending).',
  ),
  getarticletotaldetail: text(
    '本公众号没有 getarticletotaldetail 接口权限（48001）：每篇文章的点赞、留言和在看没有导入，只有 getbizsummary 的全号汇总。',
    'This account may not call getarticletotaldetail (48001): per-article likes, comments and 在看 were not imported; only getbizsummary’s account-wide totals are left.',
  ),
  getarticlesummary: text(
    'getarticlesummary（已停止维护）回答 48001：每篇文章每天的阅读次数、分享和收藏没有导入，阅读人数来自 getarticleread。',
    'getarticlesummary (no longer maintained) answered 48001: per-article daily reads, shares and saves were not imported; readers come from getarticleread.',
  ),
  getarticletotal: text(
    'getarticletotal（已停止维护）回答 48001：送达人数等累计数据没有导入。',
    'getarticletotal (no longer maintained) answered 48001: the cumulative figures with 送达人数 were not imported.',
  ),
  getbizsummary: text(
    '本公众号没有 getbizsummary 接口权限：跳过点赞、在看和留言的汇总。',
    'This account may not call getbizsummary: the summary of likes and comments is skipped.',
  ),
} as const satisfies Partial<Record<DatacubeEndpoint, LocalizedText>>;

/**
 * getarticletotaldetail, asked by sending day, lists each article's figures summed from its
 * sending day to each stat_date (up to 30 days). mpflow stores figures per article and day, so the
 * day's likes, comments and 在看 are the difference from the previous stat_date; a total that went
 * down (a like taken back) gives 0 that day. Only days inside the imported range are kept, each as
 * a one-day part of its own month; days of an answer marked is_delay are held back as not final.
 */
export function dailyFromTotalDetail(
  answer: Answer,
  range: DateRange,
  context: Pick<BatchContext, 'delayed'>,
): Answer[] {
  const byDay = new Map<string, Row[]>();
  for (const item of answer.rows) {
    const details = (Array.isArray(item.detail_list) ? (item.detail_list as Row[]) : [])
      .filter((detail) => typeof detail.stat_date === 'string')
      .sort((a, b) => (String(a.stat_date) < String(b.stat_date) ? -1 : 1));
    const previous = { like_user: 0, comment_count: 0, zaikan_user: 0 };
    for (const detail of details) {
      const date = String(detail.stat_date);
      const day: Row = { ref_date: date, msgid: item.msgid, title: item.title ?? '' };
      for (const field of ['like_user', 'comment_count', 'zaikan_user'] as const) {
        const total = Number(detail[field] ?? 0);
        if (!Number.isInteger(total) || total < 0) {
          throw new MetricsImportError(
            text(
              `POST /datacube/getarticletotaldetail 返回的 ${field} 不是非负整数：${JSON.stringify(detail[field])}。`,
              `POST /datacube/getarticletotaldetail answered ${field} that is not a whole number ≥ 0: ${JSON.stringify(detail[field])}.`,
            ),
          );
        }
        day[field] = Math.max(0, total - previous[field]);
        previous[field] = total;
      }
      if (!inRange(date, range)) continue;
      if (answer.delayed) {
        context.delayed.add(date);
        continue;
      }
      byDay.set(date, [...(byDay.get(date) ?? []), day]);
    }
  }
  return [...byDay].map(([date, rows]) => ({
    ...answer,
    call: { endpoint: 'getarticletotaldetail', begin: date, end: date },
    rows,
  }));
}

/**
 * Cuts an answer at month boundaries (a 7-day window can straddle two months, or two years). Each
 * part keeps only its month's days as its window, so a month's batch treats as answered only the
 * days of that month: a window of 28 Nov–4 Dec must not make November's batch zero December's
 * stored follower rows, which it never listed because they belong to December's batch. Every
 * month the window covers gets a part, even one with no rows: WeChat answered for those days.
 */
export function splitByMonth<T extends { call: DatacubeCall; rows: Row[] }>(answer: T): T[] {
  const parts = new Map<string, T>();
  for (const month of monthsOf({ from: answer.call.begin, to: answer.call.end })) {
    const days = monthRange(month);
    const call = {
      ...answer.call,
      begin: days.from > answer.call.begin ? days.from : answer.call.begin,
      end: days.to < answer.call.end ? days.to : answer.call.end,
    };
    parts.set(month, { ...answer, call, rows: [] });
  }
  for (const row of answer.rows) {
    // A row whose ref_date lies outside the window asked is filed under the window's first day, as before.
    const date =
      typeof row.ref_date === 'string' && row.ref_date >= answer.call.begin && row.ref_date <= answer.call.end
        ? row.ref_date
        : answer.call.begin;
    parts.get(date.slice(0, 7))!.rows.push(row);
  }
  return [...parts.values()];
}

interface BatchContext {
  match: (msgid: string, title: string) => string | undefined;
  unmatched: Map<string, UnmatchedArticle>;
  /** Days getbizsummary marked is_delay. */
  delayed: Set<string>;
  /** getbizsummary's account-wide rows (its documented shape: list[].detail, no msgid). */
  account: { days: Set<string>; likes: number; comments: number; zaikan: number };
  /** Follower rows in the repository when the import started, by "date|source". */
  storedFollowers: Map<string, { source: number; new: number; cancelled: number }>;
  /** Codes outside the schema's lists, counted under "other". */
  foldedCodes: Set<string>;
}

/**
 * A code the schema lists, or the fallback ("other") for one it does not (older codes such as
 * user_source 43), named once in the import's notice so nothing is dropped without a word.
 */
function knownCode(
  given: number,
  known: Readonly<Record<number, unknown>>,
  fallback: number,
  field: string,
  context: Pick<BatchContext, 'foldedCodes'>,
): number {
  if (given in known) return given;
  context.foldedCodes.add(`${field} ${given}`);
  return fallback;
}
/** The tables a datacube import writes, each with no rows yet. */
function emptyDatacubeBatch(): MetricBatch {
  return { followers: [], 'followers-cumulative': [], articles: [], 'article-totals': [], reads: [], shares: [] };
}

/** Turns the answers that hold one month's rows into the rows to store. */
function toBatch(answers: readonly Answer[], context: BatchContext): MetricBatch {
  const { unmatched, delayed } = context;
  const articleOf = (row: Row, date: string): string | undefined => {
    const msgid = String(row.msgid ?? '');
    const title = String(row.title ?? '');
    const article = context.match(msgid, title);
    if (!article) {
      const entry = unmatched.get(msgid) ?? { msgid, title, dates: [] };
      if (title && !entry.title) entry.title = title;
      if (!entry.dates.includes(date)) entry.dates.push(date);
      unmatched.set(msgid, entry);
    }
    return article;
  };
  const rowsOf = (endpoint: DatacubeEndpoint) =>
    answers.filter((answer) => answer.call.endpoint === endpoint).flatMap((answer) => answer.rows);
  const count = (row: Row, field: string, endpoint: DatacubeEndpoint): number => {
    const value = row[field];
    if (value === undefined || value === null || value === '') return 0;
    const number = Number(value);
    if (!Number.isInteger(number) || number < 0) {
      throw new MetricsImportError(
        text(
          `POST /datacube/${endpoint} 返回的 ${field} 不是非负整数：${JSON.stringify(value)}。`,
          `POST /datacube/${endpoint} answered ${field} that is not a whole number ≥ 0: ${JSON.stringify(value)}.`,
        ),
      );
    }
    return number;
  };
  const dateOf = (row: Row, field: string, endpoint: DatacubeEndpoint): string => {
    const value = String(row[field] ?? '');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value))
      throw new MetricsImportError(
        text(
          `POST /datacube/${endpoint} 返回的 ${field} 不是日期：${JSON.stringify(row[field])}。`,
          `POST /datacube/${endpoint} answered a ${field} that is not a date: ${JSON.stringify(row[field])}.`,
        ),
      );
    return value;
  };

  const batch = emptyDatacubeBatch();
  // A code the schema does not list (older ones such as 43 or 51) is counted under "other", so no
  // row is written that mpflow check would reject and the KPIs would then leave out. Rows are keyed
  // `date|code`; each figure is the sum of the endpoint's rows of that day and code.
  const sumPerDayAndCode = (
    endpoint: DatacubeEndpoint,
    code: { column: string; field: string; known: Readonly<Record<number, unknown>>; other: number },
    figures: Record<string, string>,
  ): Map<string, Cells> => {
    const sums = new Map<string, Cells>();
    for (const row of rowsOf(endpoint)) {
      const date = dateOf(row, 'ref_date', endpoint);
      const value = knownCode(count(row, code.column, endpoint), code.known, code.other, code.column, context);
      const key = `${date}|${value}`;
      const cells: Cells = sums.get(key) ?? { date, [code.field]: value };
      for (const [field, column] of Object.entries(figures))
        cells[field] = Number(cells[field] ?? 0) + count(row, column, endpoint);
      sums.set(key, cells);
    }
    return sums;
  };
  const followers = sumPerDayAndCode(
    'getusersummary',
    { column: 'user_source', field: 'source', known: FOLLOWER_SOURCES, other: 0 },
    { new: 'new_user', cancelled: 'cancel_user' },
  );
  // getusersummary lists every source that moved that day: a stored row of that day it no longer
  // lists (a total-only back-office export filed under "other", a source WeChat has since dropped)
  // is set to 0, so the day's total is WeChat's and the old figure is kept in the revisions log.
  const answeredDays = new Set(
    answers
      .filter((answer) => answer.call.endpoint === 'getusersummary')
      .flatMap((answer) => datesOf({ from: answer.call.begin, to: answer.call.end })),
  );
  for (const [key, stored] of context.storedFollowers) {
    const [date] = key.split('|') as [string];
    if (answeredDays.has(date) && !followers.has(key) && (stored.new !== 0 || stored.cancelled !== 0))
      followers.set(key, { date, source: stored.source, new: 0, cancelled: 0 });
  }
  batch.followers = [...followers.values()];
  for (const row of rowsOf('getusercumulate'))
    batch['followers-cumulative']!.push({
      date: dateOf(row, 'ref_date', 'getusercumulate'),
      cumulative: count(row, 'cumulate_user', 'getusercumulate'),
    });
  for (const row of rowsOf('getuserread')) {
    const endpoint = 'getuserread';
    batch.reads!.push({
      date: dateOf(row, 'ref_date', endpoint),
      // The pre-2020 shape (wechatpy's datacube_getuserread fixture) has no user_source: one row
      // per day for the whole account, which is the "all sources" row, not source 0 (会话).
      source: row.user_source === undefined ? ALL_READ_SOURCES : count(row, 'user_source', endpoint),
      readers: count(row, 'int_page_read_user', endpoint),
      reads: count(row, 'int_page_read_count', endpoint),
      shareUsers: count(row, 'share_user', endpoint),
      shares: count(row, 'share_count', endpoint),
      favoriteUsers: count(row, 'add_to_fav_user', endpoint),
      favorites: count(row, 'add_to_fav_count', endpoint),
    });
  }
  const shares = sumPerDayAndCode(
    'getusershare',
    { column: 'share_scene', field: 'scene', known: SHARE_SCENES, other: 255 },
    { shares: 'share_count', shareUsers: 'share_user' },
  );
  batch.shares = [...shares.values()];

  // Article days: getarticlesummary's figures, with likes and comments where getbizsummary gives them per msgid.
  const days = new Map<string, Cells>();
  const dayOf = (date: string, article: string, withCounts = true): Cells => {
    const key = `${date}|${article}`;
    let cells = days.get(key);
    if (!cells) {
      // A figure no answer gives stays unknown (kept as stored, 0 in a new row): likes without
      // getarticletotaldetail, reads on a day only getarticleread lists.
      cells = withCounts
        ? { date, article, reads: 0, readers: 0, shares: 0, shareUsers: 0, favorites: 0 }
        : { date, article };
      days.set(key, cells);
    }
    return cells;
  };
  for (const row of rowsOf('getarticlesummary')) {
    const endpoint = 'getarticlesummary';
    const date = dateOf(row, 'ref_date', endpoint);
    const article = articleOf(row, date);
    if (!article) continue;
    const cells = dayOf(date, article);
    cells.reads = Number(cells.reads) + count(row, 'int_page_read_count', endpoint);
    cells.readers = Number(cells.readers) + count(row, 'int_page_read_user', endpoint);
    cells.shares = Number(cells.shares) + count(row, 'share_count', endpoint);
    cells.shareUsers = Number(cells.shareUsers) + count(row, 'share_user', endpoint);
    cells.favorites = Number(cells.favorites) + count(row, 'add_to_fav_count', endpoint);
  }
  // getarticleread: readers per article and day, for the days getarticlesummary does not list (it
  // stops about 7 days after sending) or when it answers 48001. Where both answer, summary's stand.
  const summarised = new Set(days.keys());
  for (const row of rowsOf('getarticleread')) {
    const endpoint = 'getarticleread';
    const date = dateOf(row, 'ref_date', endpoint);
    const article = articleOf(row, date);
    if (!article || summarised.has(`${date}|${article}`)) continue;
    const detail = (row.detail && typeof row.detail === 'object' ? row.detail : row) as Row;
    const cells = dayOf(date, article, false);
    cells.readers = Number(cells.readers ?? 0) + count(detail, 'read_user', endpoint);
    if (detail.share_user !== undefined)
      cells.shareUsers = Number(cells.shareUsers ?? 0) + count(detail, 'share_user', endpoint);
  }
  // getarticletotaldetail (cut into days by dailyFromTotalDetail): each article's likes and comments of the day.
  for (const row of rowsOf('getarticletotaldetail')) {
    const endpoint = 'getarticletotaldetail';
    const date = dateOf(row, 'ref_date', endpoint);
    const article = articleOf(row, date);
    if (!article) continue;
    const cells = dayOf(date, article, false);
    cells.likes = Number(cells.likes ?? 0) + count(row, 'like_user', endpoint);
    cells.comments = Number(cells.comments ?? 0) + count(row, 'comment_count', endpoint);
  }
  for (const row of rowsOf('getbizsummary')) {
    const endpoint = 'getbizsummary';
    const date = dateOf(row, 'ref_date', endpoint);
    if (row.msgid === undefined) {
      // The documented shape: one account-wide row per day, its figures in `detail`. mpflow stores
      // figures per article, so these are only summed for the notice, never spread over articles.
      const detail = (row.detail && typeof row.detail === 'object' ? row.detail : row) as Row;
      if (delayed.has(date)) continue;
      context.account.days.add(date);
      context.account.likes += count(detail, 'like_user', endpoint);
      context.account.comments += count(detail, 'comment_count', endpoint);
      context.account.zaikan += count(detail, 'zaikan_user', endpoint);
      continue;
    }
    const article = articleOf(row, date);
    // A delayed day's likes are not final: the day's reads are stored, its likes wait for a later import.
    if (!article || delayed.has(date)) continue;
    const cells = dayOf(date, article);
    cells.likes = Number(cells.likes ?? 0) + count(row, 'like_user', endpoint);
    cells.comments = Number(cells.comments ?? 0) + count(row, 'comment_count', endpoint);
  }
  batch.articles = [...days.values()];

  for (const row of rowsOf('getarticletotal')) {
    const endpoint = 'getarticletotal';
    const date = dateOf(row, 'ref_date', endpoint);
    const article = articleOf(row, date);
    if (!article) continue;
    // The docs leave open whether the per-day figures nest in details[]; accept both shapes.
    const details = Array.isArray(row.details) ? (row.details as Row[]) : [row];
    for (const detail of details) {
      batch['article-totals']!.push({
        date,
        article,
        statDate: dateOf(detail, detail.stat_date === undefined ? 'ref_date' : 'stat_date', endpoint),
        targetUsers: count(detail, 'target_user', endpoint),
        readers: count(detail, 'int_page_read_user', endpoint),
        reads: count(detail, 'int_page_read_count', endpoint),
        shareUsers: count(detail, 'share_user', endpoint),
        shares: count(detail, 'share_count', endpoint),
        favoriteUsers: count(detail, 'add_to_fav_user', endpoint),
        favorites: count(detail, 'add_to_fav_count', endpoint),
      });
    }
  }
  return batch;
}
