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
import type { Repository } from '../repository/load-repository.ts';
import { WeChatApiError, type WeChatClient } from '../wechat/client.ts';
import { addDays, datesOf, type DateRange } from './kpis.ts';
import type { Cells, MetricBatch } from './storage.ts';

export const DATACUBE_ENDPOINTS = {
  getusersummary: { span: 7 },
  getusercumulate: { span: 7 },
  getarticlesummary: { span: 1 },
  getarticletotal: { span: 1 },
  getuserread: { span: 3 },
  getusershare: { span: 7 },
  getbizsummary: { span: 1, from: '2025-11-01' },
} as const satisfies Record<string, { span: number; from?: string }>;

export type DatacubeEndpoint = keyof typeof DATACUBE_ENDPOINTS;

/** The first day the datacube has figures for. */
export const DATACUBE_FIRST_DAY = '2014-12-01';

export interface DatacubeCall {
  endpoint: DatacubeEndpoint;
  begin: string;
  end: string;
}

/** Every call an import of the range makes, in order: per endpoint, consecutive windows of its span. */
export function planDatacubeCalls(range: DateRange, endpoints: readonly DatacubeEndpoint[] = Object.keys(DATACUBE_ENDPOINTS) as DatacubeEndpoint[]): DatacubeCall[] {
  const calls: DatacubeCall[] = [];
  for (const endpoint of endpoints) {
    const { span, from: availableFrom } = DATACUBE_ENDPOINTS[endpoint] as { span: number; from?: string };
    const from = availableFrom !== undefined && availableFrom > range.from ? availableFrom : range.from;
    for (let begin: string = from; begin <= range.to; begin = addDays(begin, span)) {
      const last = addDays(begin, span - 1);
      calls.push({ endpoint, begin, end: last < range.to ? last : range.to });
    }
  }
  return calls;
}

export class MetricsImportError extends Error {
  readonly localized: LocalizedText;
  constructor(localized: LocalizedText) {
    super(localized.en);
    this.name = 'MetricsImportError';
    this.localized = localized;
  }
}

/** Checks an import range against the API's rules; `today` is the date in Asia/Shanghai. */
export function validateImportRange(range: DateRange, today: string): void {
  if (range.from > range.to) throw new MetricsImportError(text(`开始日期 ${range.from} 晚于结束日期 ${range.to}。`, `The start date ${range.from} is after the end date ${range.to}.`));
  if (range.to >= today) {
    throw new MetricsImportError(
      text(`结束日期最晚只能是昨天（${addDays(today, -1)}，北京时间）：微信不提供当天的数据。`, `The end date can be yesterday (${addDays(today, -1)}, Beijing time) at the latest: WeChat has no figures for today.`),
    );
  }
  if (range.from < DATACUBE_FIRST_DAY) throw new MetricsImportError(text(`微信数据从 ${DATACUBE_FIRST_DAY} 开始，开始日期不能更早。`, `WeChat's figures start on ${DATACUBE_FIRST_DAY}; the start date cannot be earlier.`));
}

export interface UnmatchedArticle {
  msgid: string;
  title: string;
  dates: string[];
}

export interface WeChatImportResult {
  batch: MetricBatch;
  calls: number;
  /** Articles the API reported whose msgid is in no publish record (and whose title names no article). */
  unmatched: UnmatchedArticle[];
  /** Days whose like/comment figures WeChat marked as delayed (is_delay): their article rows were not stored. */
  delayed: string[];
  notices: LocalizedText[];
}

export interface WeChatImportOptions {
  client: WeChatClient;
  repository: Repository;
  range: DateRange;
  today: string;
  onProgress?: (done: number, total: number, call: DatacubeCall) => void;
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

export async function importFromWeChat(options: WeChatImportOptions): Promise<WeChatImportResult> {
  const { client, repository, range, today } = options;
  validateImportRange(range, today);
  const plan = planDatacubeCalls(range);
  const notices: LocalizedText[] = [];
  const answers = new Map<DatacubeEndpoint, Array<{ call: DatacubeCall; rows: Row[]; delayed: boolean }>>();
  let done = 0;
  const unavailable = new Set<DatacubeEndpoint>();
  for (const call of plan) {
    if (unavailable.has(call.endpoint)) continue;
    options.onProgress?.(done, plan.length, call);
    let answer: Row;
    try {
      answer = await client.postJson<Row>(`/datacube/${call.endpoint}`, { begin_date: call.begin, end_date: call.end });
    } catch (error) {
      // The newer endpoints exist only for some accounts: without them, likes and comments stay empty.
      if (error instanceof WeChatApiError && error.errcode === 48001 && call.endpoint === 'getbizsummary') {
        unavailable.add(call.endpoint);
        notices.push(text('本公众号没有 getbizsummary 接口权限：已有的点赞数和留言数保持不变，新的行记为 0。', 'This account may not call getbizsummary: likes and comments already stored are kept, new rows get 0.'));
        continue;
      }
      if (error instanceof WeChatApiError) {
        throw new MetricsImportError(
          text(`${error.localized.zh}（请求：${error.request}，${call.begin} 至 ${call.end}）。没有写入任何文件。`, `${error.localized.en} (request: ${error.request}, ${call.begin} to ${call.end}). Nothing was written.`),
        );
      }
      throw error;
    }
    done += 1;
    const list = Array.isArray(answer.list) ? (answer.list as Row[]) : [];
    answers.set(call.endpoint, [...(answers.get(call.endpoint) ?? []), { call, rows: list, delayed: answer.is_delay === true }]);
  }
  options.onProgress?.(done, plan.length, plan[plan.length - 1]!);

  const match = articleMatcher(repository);
  const unmatched = new Map<string, UnmatchedArticle>();
  const articleOf = (row: Row, date: string): string | undefined => {
    const msgid = String(row.msgid ?? '');
    const title = String(row.title ?? '');
    const article = match(msgid, title);
    if (!article) {
      const entry = unmatched.get(msgid) ?? { msgid, title, dates: [] };
      if (title && !entry.title) entry.title = title;
      if (!entry.dates.includes(date)) entry.dates.push(date);
      unmatched.set(msgid, entry);
    }
    return article;
  };
  const rowsOf = (endpoint: DatacubeEndpoint) => (answers.get(endpoint) ?? []).flatMap((answer) => answer.rows.map((row) => ({ row, call: answer.call })));
  const count = (row: Row, field: string, endpoint: DatacubeEndpoint): number => {
    const value = row[field];
    if (value === undefined || value === null || value === '') return 0;
    const number = Number(value);
    if (!Number.isInteger(number) || number < 0) {
      throw new MetricsImportError(text(`${endpoint} 返回的 ${field} 不是非负整数：${JSON.stringify(value)}。没有写入任何文件。`, `${endpoint} answered ${field} that is not a whole number ≥ 0: ${JSON.stringify(value)}. Nothing was written.`));
    }
    return number;
  };
  const dateOf = (row: Row, field: string, endpoint: DatacubeEndpoint): string => {
    const value = String(row[field] ?? '');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new MetricsImportError(text(`${endpoint} 返回的 ${field} 不是日期：${JSON.stringify(row[field])}。`, `${endpoint} answered a ${field} that is not a date: ${JSON.stringify(row[field])}.`));
    return value;
  };

  const batch: MetricBatch = { followers: [], 'followers-cumulative': [], articles: [], 'article-totals': [], reads: [], shares: [] };
  for (const { row } of rowsOf('getusersummary')) {
    batch.followers!.push({ date: dateOf(row, 'ref_date', 'getusersummary'), source: count(row, 'user_source', 'getusersummary'), new: count(row, 'new_user', 'getusersummary'), cancelled: count(row, 'cancel_user', 'getusersummary') });
  }
  for (const { row } of rowsOf('getusercumulate')) batch['followers-cumulative']!.push({ date: dateOf(row, 'ref_date', 'getusercumulate'), cumulative: count(row, 'cumulate_user', 'getusercumulate') });
  for (const { row } of rowsOf('getuserread')) {
    const endpoint = 'getuserread';
    batch.reads!.push({
      date: dateOf(row, 'ref_date', endpoint),
      source: count(row, 'user_source', endpoint),
      readers: count(row, 'int_page_read_user', endpoint),
      reads: count(row, 'int_page_read_count', endpoint),
      shareUsers: count(row, 'share_user', endpoint),
      shares: count(row, 'share_count', endpoint),
      favoriteUsers: count(row, 'add_to_fav_user', endpoint),
      favorites: count(row, 'add_to_fav_count', endpoint),
    });
  }
  for (const { row } of rowsOf('getusershare')) {
    batch.shares!.push({ date: dateOf(row, 'ref_date', 'getusershare'), scene: count(row, 'share_scene', 'getusershare'), shares: count(row, 'share_count', 'getusershare'), shareUsers: count(row, 'share_user', 'getusershare') });
  }

  // Article days: getarticlesummary's figures joined with getbizsummary's likes and comments.
  const delayed = new Set<string>();
  for (const answer of answers.get('getbizsummary') ?? []) if (answer.delayed) for (const date of datesOf({ from: answer.call.begin, to: answer.call.end })) delayed.add(date);
  const days = new Map<string, Cells>();
  const dayOf = (date: string, article: string): Cells => {
    const key = `${date}|${article}`;
    let cells = days.get(key);
    if (!cells) {
      // Likes and comments stay unknown (kept as stored) unless getbizsummary answered for the day.
      cells = { date, article, reads: 0, readers: 0, shares: 0, shareUsers: 0, favorites: 0 };
      days.set(key, cells);
    }
    return cells;
  };
  for (const { row } of rowsOf('getarticlesummary')) {
    const endpoint = 'getarticlesummary';
    const date = dateOf(row, 'ref_date', endpoint);
    const article = articleOf(row, date);
    if (!article || delayed.has(date)) continue;
    const cells = dayOf(date, article);
    cells.reads = Number(cells.reads) + count(row, 'int_page_read_count', endpoint);
    cells.readers = Number(cells.readers) + count(row, 'int_page_read_user', endpoint);
    cells.shares = Number(cells.shares) + count(row, 'share_count', endpoint);
    cells.shareUsers = Number(cells.shareUsers) + count(row, 'share_user', endpoint);
    cells.favorites = Number(cells.favorites) + count(row, 'add_to_fav_count', endpoint);
  }
  for (const { row } of rowsOf('getbizsummary')) {
    const endpoint = 'getbizsummary';
    if (row.msgid === undefined) continue; // account-level summary rows carry no article
    const date = dateOf(row, 'ref_date', endpoint);
    const article = articleOf(row, date);
    if (!article || delayed.has(date)) continue;
    const cells = dayOf(date, article);
    cells.likes = Number(cells.likes ?? 0) + count(row, 'like_user', endpoint);
    cells.comments = Number(cells.comments ?? 0) + count(row, 'comment_count', endpoint);
  }
  batch.articles = [...days.values()];

  for (const { row } of rowsOf('getarticletotal')) {
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

  if (delayed.size > 0) {
    const list = [...delayed].sort().join(', ');
    notices.push(text(`微信标记以下日期的数据仍在统计中（is_delay）：${list}。这些日期的文章数据没有写入，请稍后重新导入。`, `WeChat marks the figures of these days as delayed (is_delay): ${list}. Their article rows were not stored; import them again later.`));
  }
  return { batch, calls: done, unmatched: [...unmatched.values()].sort((a, b) => (a.msgid < b.msgid ? -1 : 1)), delayed: [...delayed].sort(), notices };
}
