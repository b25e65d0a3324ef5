import { createHash } from 'node:crypto';
import type { FakeRoute } from './fake-wechat-server.ts';

/**
 * The datacube (analytics) endpoints of the fake WeChat server, as routes for startFakeWeChat's
 * `extraRoutes`. They reproduce what WeChat's datacube documentation says the real ones do:
 * - each endpoint's maximum span (a longer range answers errcode 61501 日期范围错误; a date not written YYYY-MM-DD answers 61500 日期格式错误);
 * - end_date at most yesterday in Asia/Shanghai (today or later answers 61501 too), begin_date not
 *   after end_date, nothing before 2014-12-01, and the newer endpoints nothing before 2025-11-01;
 * - getusersummary: one row per (date, user_source), only sources that moved that day;
 * - getarticlesummary: rows only for about 7 days after sending and only when the figures sum to 3 or more;
 * - getarticletotal: per article sent that day, `details[]` per stat_date up to 7 days (never past yesterday);
 * - getbizsummary answers its documented shape (an account-wide `detail` per day, no msgid) with `is_delay`;
 * - getarticleread: per article read that day, `detail` with read_user and read_user_source
 *   (scene_desc strings, 全部 first), from 2025-11-01, with `is_delay`;
 * - getarticletotaldetail: per article *sent* that day, `{ref_date, msgid, publish_type, title,
 *   content_url, detail_list}` with one entry per stat_date up to 30 days (never past yesterday),
 *   each the sum from the sending day (read_user, read_user_source, share_user, zaikan_user,
 *   like_user, comment_count, collection_user), as the official page (…/wedata/news/api_getarticletotaldetail)
 *   describes the fields; from 2025-11-01, with `is_delay`. `likesOn` gives the daily likes it sums.
 * All figures are deterministic functions of (endpoint, date, key), so two fake servers with the
 * same options give the same numbers, and an import can be repeated or split and compared.
 */

export interface FakePublication {
  /** Datacube msgid is `${msgDataId}_${index}`. */
  msgDataId: string;
  index: number;
  /** Sending date, YYYY-MM-DD (Asia/Shanghai). */
  date: string;
  title: string;
}

export interface FakeDatacubeOptions {
  /** "Today" in Asia/Shanghai: end_date must be before it. */
  today: string;
  publications?: FakePublication[];
  /** Dates for which the newer endpoints answer is_delay: true (figures not final yet). */
  delayedDates?: ReadonlySet<string>;
  /** Followers on 2025-01-01; later days add their net change. */
  baseFollowers?: number;
  /** A salt that changes every figure: a second server with another salt plays "the platform revised its figures". */
  revision?: string;
  /**
   * getuserread's rows: one per (date, user_source) as the docs describe (default), or the
   * pre-2020 shape of wechatpy's fixture: one row per date for the whole account, no user_source.
   */
  userRead?: 'per-source' | 'pre-2020';
}

export const DATACUBE_SPANS = {
  getusersummary: 7,
  getusercumulate: 7,
  getarticleread: 1,
  getarticletotaldetail: 1,
  getarticlesummary: 1,
  getarticletotal: 1,
  getuserread: 3,
  getusershare: 7,
  getbizsummary: 1,
} as const;

export const NEWER_ENDPOINTS_FROM = '2025-11-01';
const FIRST_DATA_DAY = '2014-12-01';
const FOLLOWER_SOURCES = [0, 1, 17, 30, 57, 100, 149, 161, 200, 201] as const;
const READ_SOURCES = [0, 1, 2, 4, 5, 6, 7] as const;
const SHARE_SCENES = [1, 2, 255] as const;

const DAY_MS = 86_400_000;

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** A deterministic number in [0, max) from its inputs. */
function figure(max: number, ...parts: Array<string | number>): number {
  const digest = createHash('sha256').update(parts.join('|')).digest();
  return digest.readUInt32BE(0) % max;
}

function dataRangeError(): { json: unknown } {
  return {
    json: { errcode: 61501, errmsg: `date range error hint: [${Math.random().toString(36).slice(2, 10)}] rid: fake` },
  };
}

function dateFormatError(): { json: unknown } {
  return {
    json: { errcode: 61500, errmsg: `date format error hint: [${Math.random().toString(36).slice(2, 10)}] rid: fake` },
  };
}

/** The likes, comments and 在看 the fake's getarticletotaldetail counts for a publication on a day (for tests to compare). */
export function fakeEngagementOn(
  options: Pick<FakeDatacubeOptions, 'revision'>,
  publication: FakePublication,
  date: string,
): { like_user: number; comment_count: number; zaikan_user: number } {
  const salt = options.revision ?? '';
  const age = daysBetween(publication.date, date);
  const msgid = `${publication.msgDataId}_${publication.index}`;
  const fade = Math.max(1, 2 ** Math.min(age, 20));
  return {
    like_user: Math.floor(figure(90, salt, 'article-like', msgid, date) / fade),
    comment_count: Math.floor(figure(24, salt, 'article-comment', msgid, date) / fade),
    zaikan_user: Math.floor(figure(40, salt, 'article-zaikan', msgid, date) / fade),
  };
}

export function createDatacubeRoutes(options: FakeDatacubeOptions): FakeRoute[] {
  const publications = options.publications ?? [];
  const salt = options.revision ?? '';
  const base = options.baseFollowers ?? 20_000;

  const followerChange = (date: string, source: number) => {
    // Most sources are quiet on most days; search, QR code and "other" move daily.
    const active = source === 0 || source === 1 || source === 30 || figure(4, salt, 'active', date, source) === 0;
    if (!active) return undefined;
    return {
      new_user: figure(40, salt, 'new', date, source),
      cancel_user: figure(source === 0 ? 15 : 4, salt, 'cancel', date, source),
    };
  };
  const netOn = (date: string): number => {
    let net = 0;
    for (const source of FOLLOWER_SOURCES) {
      const change = followerChange(date, source);
      if (change) net += change.new_user - change.cancel_user;
    }
    return net;
  };
  const cumulativeCache = new Map<string, number>([['2024-12-31', base]]);
  const cumulativeOn = (date: string): number => {
    const known = cumulativeCache.get(date);
    if (known !== undefined) return known;
    if (date > '2024-12-31') {
      let day = '2024-12-31';
      let value = base;
      // Walk forward from the nearest cached day before `date`.
      for (const [cached, cachedValue] of cumulativeCache)
        if (cached < date && cached > day) [day, value] = [cached, cachedValue];
      while (day < date) {
        day = addDays(day, 1);
        value += netOn(day);
        cumulativeCache.set(day, value);
      }
      return value;
    }
    const value = cumulativeOn(addDays(date, 1)) - netOn(addDays(date, 1));
    cumulativeCache.set(date, value);
    return value;
  };

  /** An article's figures on its n-th day after sending (0 = the sending day). */
  const articleDay = (publication: FakePublication, date: string) => {
    const age = daysBetween(publication.date, date);
    const msgid = `${publication.msgDataId}_${publication.index}`;
    const fade = Math.max(1, 2 ** age);
    const readers = Math.floor(figure(3000, salt, 'readers', msgid, date) / fade);
    const reads = readers + Math.floor(readers * 0.15);
    const shareUsers = Math.floor(readers * 0.05);
    return {
      msgid,
      title: publication.title,
      int_page_read_user: readers,
      int_page_read_count: reads,
      ori_page_read_user: Math.floor(readers / 20),
      ori_page_read_count: Math.floor(reads / 20),
      share_user: shareUsers,
      share_count: shareUsers + Math.floor(shareUsers / 10),
      add_to_fav_user: Math.floor(readers / 60),
      add_to_fav_count: Math.floor(readers / 55),
    };
  };

  /** An article's likes, comments and 在看 on its n-th day (0 = the sending day): newly given that day. */
  const engagementOn = (publication: FakePublication, date: string) => fakeEngagementOn(options, publication, date);
  const readSources = (readers: number) => [
    { scene_desc: '全部', read_user: readers },
    { scene_desc: '公众号消息', read_user: Math.floor(readers * 0.6) },
    { scene_desc: '聊天会话', read_user: Math.floor(readers * 0.25) },
    { scene_desc: '朋友圈', read_user: readers - Math.floor(readers * 0.6) - Math.floor(readers * 0.25) },
  ];

  const routes: Record<keyof typeof DATACUBE_SPANS, (begin: string, end: string) => unknown> = {
    getarticleread: (date) => {
      const list: unknown[] = [];
      for (const publication of publications) {
        const age = daysBetween(publication.date, date);
        if (age < 0 || age > 29) continue;
        const { int_page_read_user: readers, msgid } = articleDay(publication, date);
        if (readers > 0)
          list.push({ ref_date: date, msgid, detail: { read_user: readers, read_user_source: readSources(readers) } });
      }
      return { list, is_delay: options.delayedDates?.has(date) ?? false };
    },
    getarticletotaldetail: (date) => {
      const list: unknown[] = [];
      for (const publication of publications.filter((candidate) => candidate.date === date)) {
        const msgid = `${publication.msgDataId}_${publication.index}`;
        const totals = {
          read_user: 0,
          share_user: 0,
          zaikan_user: 0,
          like_user: 0,
          comment_count: 0,
          collection_user: 0,
        };
        const detail_list: unknown[] = [];
        for (let age = 0; age < 30; age += 1) {
          const statDate = addDays(date, age);
          if (statDate >= options.today) break;
          const day = articleDay(publication, statDate);
          const engagement = engagementOn(publication, statDate);
          totals.read_user += day.int_page_read_user;
          totals.share_user += day.share_user;
          totals.collection_user += day.add_to_fav_user;
          totals.like_user += engagement.like_user;
          totals.comment_count += engagement.comment_count;
          totals.zaikan_user += engagement.zaikan_user;
          detail_list.push({ stat_date: statDate, ...totals, read_user_source: readSources(totals.read_user) });
        }
        list.push({
          ref_date: date,
          msgid,
          publish_type: 0,
          title: publication.title,
          content_url: `https://mp.weixin.qq.com/s?__biz=MzAwMTE2MzA1Mw==&mid=${publication.msgDataId}&idx=${publication.index}&sn=${createHash('md5').update(msgid).digest('hex')}`,
          detail_list,
        });
      }
      return { list, is_delay: options.delayedDates?.has(date) ?? false };
    },
    getusersummary: (begin, end) => {
      const list: unknown[] = [];
      for (let date = begin; date <= end; date = addDays(date, 1)) {
        for (const source of FOLLOWER_SOURCES) {
          const change = followerChange(date, source);
          if (change) list.push({ ref_date: date, user_source: source, ...change });
        }
      }
      return { list };
    },
    getusercumulate: (begin, end) => {
      const list: unknown[] = [];
      for (let date = begin; date <= end; date = addDays(date, 1))
        list.push({ ref_date: date, cumulate_user: cumulativeOn(date) });
      return { list };
    },
    getarticlesummary: (date) => {
      const list: unknown[] = [];
      for (const publication of publications) {
        const age = daysBetween(publication.date, date);
        if (age < 0 || age > 6) continue;
        const row = articleDay(publication, date);
        const sum =
          row.int_page_read_user +
          row.int_page_read_count +
          row.share_user +
          row.share_count +
          row.add_to_fav_user +
          row.add_to_fav_count;
        if (sum >= 3) list.push({ ref_date: date, ...row });
      }
      return { list };
    },
    getarticletotal: (date) => {
      const list: unknown[] = [];
      for (const publication of publications.filter((candidate) => candidate.date === date)) {
        const details: unknown[] = [];
        const totals = {
          int_page_read_user: 0,
          int_page_read_count: 0,
          ori_page_read_user: 0,
          ori_page_read_count: 0,
          share_user: 0,
          share_count: 0,
          add_to_fav_user: 0,
          add_to_fav_count: 0,
        };
        for (let age = 0; age < 7; age += 1) {
          const statDate = addDays(date, age);
          if (statDate >= options.today) break;
          const { msgid: _msgid, title: _title, ...day } = articleDay(publication, statDate);
          for (const key of Object.keys(totals) as Array<keyof typeof totals>) totals[key] += day[key];
          // The fields of wechatpy's datacube_getarticletotal fixture, no more.
          details.push({ stat_date: statDate, target_user: cumulativeOn(addDays(date, -1)), ...totals });
        }
        list.push({
          ref_date: date,
          msgid: `${publication.msgDataId}_${publication.index}`,
          title: publication.title,
          details,
        });
      }
      return { list };
    },
    getuserread: (begin, end) => {
      const list: unknown[] = [];
      const preSources = options.userRead === 'pre-2020';
      for (let date = begin; date <= end; date = addDays(date, 1)) {
        for (const source of preSources ? [99999999] : READ_SOURCES) {
          const readers = figure(900, salt, 'read', date, source);
          list.push({
            ref_date: date,
            ...(preSources ? {} : { user_source: source }),
            int_page_read_user: readers,
            int_page_read_count: readers + Math.floor(readers / 7),
            ori_page_read_user: Math.floor(readers / 25),
            ori_page_read_count: Math.floor(readers / 22),
            share_user: Math.floor(readers / 18),
            share_count: Math.floor(readers / 16),
            add_to_fav_user: Math.floor(readers / 70),
            add_to_fav_count: Math.floor(readers / 65),
          });
        }
      }
      return { list };
    },
    getusershare: (begin, end) => {
      const list: unknown[] = [];
      for (let date = begin; date <= end; date = addDays(date, 1)) {
        for (const scene of SHARE_SCENES) {
          const users = figure(120, salt, 'share', date, scene);
          if (users > 0)
            list.push({
              ref_date: date,
              share_scene: scene,
              share_user: users,
              share_count: users + figure(12, salt, 'share-extra', date, scene),
            });
        }
      }
      return { list };
    },
    getbizsummary: (date) => {
      // The documented shape (developers.weixin.qq.com …/wedata/news/api_getbizsummary): one
      // account-wide row per day, figures in `detail`, no msgid.
      let read = 0;
      let share = 0;
      for (const publication of publications) {
        const age = daysBetween(publication.date, date);
        if (age < 0 || age > 6) continue;
        const day = articleDay(publication, date);
        read += day.int_page_read_user;
        share += day.share_user;
      }
      const detail = {
        read_user: read,
        read_user_source: [{ user_source: 99999999, read_user: read }],
        share_user: share,
        zaikan_user: figure(30, salt, 'zaikan', date),
        like_user: figure(60, salt, 'like', date),
        comment_count: figure(20, salt, 'comment', date),
      };
      return { list: [{ ref_date: date, detail }], is_delay: options.delayedDates?.has(date) ?? false };
    },
  };

  const route: FakeRoute = (request) => {
    const match = /^\/datacube\/([a-z]+)$/.exec(request.path);
    if (!match || request.method !== 'POST') return undefined;
    const name = match[1] as keyof typeof DATACUBE_SPANS;
    const answer = routes[name];
    if (!answer) return undefined;
    const body = (request.body ?? {}) as { begin_date?: unknown; end_date?: unknown };
    const begin = String(body.begin_date ?? '');
    const end = String(body.end_date ?? '');
    const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
    if (!isDate(begin) || !isDate(end)) return dateFormatError();
    if (begin > end || end >= options.today || begin < FIRST_DATA_DAY) return dataRangeError();
    if (daysBetween(begin, end) + 1 > DATACUBE_SPANS[name]) return dataRangeError();
    if (
      (name === 'getbizsummary' || name === 'getarticleread' || name === 'getarticletotaldetail') &&
      begin < NEWER_ENDPOINTS_FROM
    )
      return { json: { list: [], is_delay: false } };
    return { json: answer(begin, end) };
  };
  return [route];
}
