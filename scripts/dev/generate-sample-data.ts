/**
 * generate-sample-data.ts — writes the sample department's metrics CSVs.
 *
 *   node scripts/dev/generate-sample-data.ts
 *
 * What it writes (all UTF-8, LF, header row, sorted by date then key):
 *   content/metrics/articles/2026-09.csv … 2026-11.csv
 *       date,article,reads,readers,shares,shareUsers,likes,comments,favorites
 *   content/metrics/followers/2026-09.csv … 2026-11.csv
 *       date,source,new,cancelled            (source = WeChat user_source code)
 *   content/metrics/followers-cumulative/2026-09.csv … 2026-11.csv
 *       date,cumulative
 *   content/metrics/support/2026-09.csv … 2026-11.csv
 *       id,agent,channel,openedAt,firstReplyAt,closedAt,category,satisfaction
 *
 * Why: 闽岚茶事 is a fictional account and the real WeChat back office cannot be
 * exported into a public repository, so the analytics, appraisal and handbook
 * code need believable numbers to work on. The data covers 2026-09-01 up to
 * 2026-11-25 (the sample's "today" is 2026-11-26).
 *
 * Determinism: every random draw comes from a mulberry32 PRNG seeded by a hash
 * of a fixed string ("article:<id>", "followers:<date>", "support:<date>").
 * There is no Date.now() and no Math.random(), so rerunning the script gives
 * byte-identical files, and changing one article does not reshuffle the rest.
 *
 * Why the numbers look the way they do:
 *  - An account of ~20,000 followers pushing at 20:30: an article collects most
 *    of its reads on the push evening (day 0, only 3.5 hours but the peak) and
 *    the next day, then decays by roughly 40 % a day for two weeks; after that
 *    only occasional search/"往期" reads remain, so rows thin out.
 *  - Ordinary articles end at ~1,500–6,000 reads; the reprint does worse, the
 *    sleep/caffeine and storage pieces do better (search traffic), and the two
 *    campaign articles (quiz, vote) stay high for the whole campaign period.
 *  - readers < reads (people reopen), shares 3–8 % of reads, likes 1–3 %,
 *    favorites ~1 %. Quiz answers are left in the comments, so the quiz article
 *    has ~1,100 comments inside the campaign window (1,046 distinct
 *    participants in C-2026-01); the vote article gets a few hundred optional
 *    comments (the lucky draw in C-2026-02).
 *  - Followers: ~19,400 on 2026-09-01, ~21,300 on 2026-11-25. New followers
 *    come from search, in-article account name and card shares after pushes,
 *    QR codes in shops and gift boxes (中秋/国庆), two small ad flights and the
 *    odd reprint; unfollows rise a little after each push and after each
 *    campaign ends (prize hunters leaving). Most unfollows are reported under
 *    source 0.
 *  - Support: 郑浩 (zheng-hao) handles the inbox; 陈雨 (chen-yu) covers every
 *    other Sunday and his two days off (about a tenth of conversations). Replies
 *    inside 09:00–21:00 mostly come 2–25 minutes later, occasionally over 30;
 *    night messages are answered after 09:00. Order and delivery questions peak
 *    before 中秋 and after 双十一, activity questions during the campaigns.
 *    A delivery complaint on 2026-10-19 was escalated late and took over a day
 *    to close (it is discussed in zheng-hao's 2026-10 appraisal).
 *
 * The article table below is the source of truth for this script (ids, publish
 * times, authors). If content/articles/ exists, the script only cross-checks
 * the front matter against the table and prints warnings; output never depends
 * on those files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadRepository } from '../../src/core/repository/load-repository.ts';
import { hashString, mulberry32, type Rng } from './seeded-random.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const FIRST_DAY = '2026-09-01';
const LAST_DAY = '2026-11-25';
const MONTHS = ['2026-09', '2026-10', '2026-11'];

// ---------------------------------------------------------------- PRNG ----

function rngFor(key: string): Rng {
  return mulberry32(hashString(key));
}

function between(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng();
}

function intBetween(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

/** Rounds x up or down at random so that the expectation stays x. */
function stochasticRound(rng: Rng, x: number): number {
  const f = Math.floor(x);
  return f + (rng() < x - f ? 1 : 0);
}

function poisson(rng: Rng, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda > 30) {
    // normal approximation (Box–Muller), good enough for counts this size
    const u = Math.max(rng(), 1e-12);
    const v = rng();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return Math.max(0, Math.round(lambda + z * Math.sqrt(lambda)));
  }
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rng();
  while (p > limit) {
    k++;
    p *= rng();
  }
  return k;
}

function pickWeighted<T extends string | number>(rng: Rng, weights: ReadonlyArray<readonly [T, number]>): T {
  const total = weights.reduce((s, [, w]) => s + w, 0);
  let x = rng() * total;
  for (const [v, w] of weights) {
    x -= w;
    if (x < 0) return v;
  }
  return weights[weights.length - 1]![0];
}

/** Splits an integer total over weights (largest remainder, ties by index). */
function allocate(total: number, weights: number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (sum <= 0) return weights.map(() => 0);
  const raw = weights.map((w) => (total * w) / sum);
  const out = raw.map((x) => Math.floor(x));
  let left = total - out.reduce((s, x) => s + x, 0);
  const order = raw.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let j = 0; left > 0; j = (j + 1) % order.length, left--) out[order[j]![1]]!++;
  return out;
}

// ---------------------------------------------------------------- dates ---

const DAY_MS = 86_400_000;

/** Local wall-clock time in Asia/Shanghai, stored as if it were UTC. */
function localMs(date: string, hh = 0, mm = 0): number {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d, hh, mm);
}

function dateOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function isoLocal(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16)}:00+08:00`;
}

function addDays(date: string, n: number): string {
  return dateOf(localMs(date) + n * DAY_MS);
}

function daysBetween(a: string, b: string): number {
  return Math.round((localMs(b) - localMs(a)) / DAY_MS);
}

function weekday(date: string): number {
  return new Date(localMs(date)).getUTCDay(); // 0 = Sunday
}

function inRange(date: string, from: string, to: string): boolean {
  return date >= from && date <= to;
}

function allDays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

const DAYS = allDays(FIRST_DAY, LAST_DAY);
const HOLIDAY = (d: string) => inRange(d, '2026-10-01', '2026-10-07'); // 国庆中秋假期后半段
const QUIZ = { from: '2026-09-26', to: '2026-10-06' };
const VOTE = { from: '2026-11-11', to: '2026-11-22' };

// ------------------------------------------------------------ articles ----

type Kind = 'normal' | 'reprint' | 'quiz' | 'quiz-results' | 'vote' | 'vote-results';

interface Article {
  id: string;
  publishAt: string; // ISO 8601 with +08:00
  author: string;
  kind: Kind;
  /** expected lifetime reads (before per-article noise) */
  appeal: number;
  /** expected comments over the article's life (campaign articles: see below) */
  comments: number;
  /** share rate (shares / reads) */
  shareRate: number;
  /** long-tail strength: search traffic after the first two weeks */
  tail: number;
}

// Matches /tmp/sample-manifest.md (the 26 articles; 25 and 26 are scheduled).
const ARTICLES: Article[] = [
  {
    id: '2026-09-02-yancha-yanyun',
    publishAt: '2026-09-02T20:30:00+08:00',
    author: 'lin-xiao',
    kind: 'normal',
    appeal: 4300,
    comments: 34,
    shareRate: 0.052,
    tail: 1.3,
  },
  {
    id: '2026-09-05-fuding-baicha-grades',
    publishAt: '2026-09-05T20:30:00+08:00',
    author: 'wang-jia',
    kind: 'normal',
    appeal: 3900,
    comments: 27,
    shareRate: 0.061,
    tail: 1.4,
  },
  {
    id: '2026-09-09-office-gaiwan',
    publishAt: '2026-09-09T20:30:00+08:00',
    author: 'lin-xiao',
    kind: 'normal',
    appeal: 3400,
    comments: 19,
    shareRate: 0.047,
    tail: 1.0,
  },
  {
    id: '2026-09-12-jasmine-scenting',
    publishAt: '2026-09-12T20:30:00+08:00',
    author: 'wang-jia',
    kind: 'normal',
    appeal: 2700,
    comments: 16,
    shareRate: 0.041,
    tail: 0.8,
  },
  {
    id: '2026-09-16-mid-autumn-tea-gifts',
    publishAt: '2026-09-16T20:30:00+08:00',
    author: 'lin-xiao',
    kind: 'normal',
    appeal: 4900,
    comments: 41,
    shareRate: 0.074,
    tail: 0.6,
  },
  {
    id: '2026-09-19-water-temperature',
    publishAt: '2026-09-19T20:30:00+08:00',
    author: 'wang-jia',
    kind: 'normal',
    appeal: 3600,
    comments: 23,
    shareRate: 0.055,
    tail: 1.2,
  },
  {
    id: '2026-09-23-autumn-tea-garden',
    publishAt: '2026-09-23T20:30:00+08:00',
    author: 'lin-xiao',
    kind: 'normal',
    appeal: 2100,
    comments: 11,
    shareRate: 0.036,
    tail: 0.5,
  },
  {
    id: '2026-09-26-mid-autumn-quiz',
    publishAt: '2026-09-26T20:30:00+08:00',
    author: 'wang-jia',
    kind: 'quiz',
    appeal: 9200,
    comments: 1128,
    shareRate: 0.068,
    tail: 0.4,
  },
  {
    id: '2026-10-03-wuyi-national-day',
    publishAt: '2026-10-03T20:30:00+08:00',
    author: 'lin-xiao',
    kind: 'normal',
    appeal: 2900,
    comments: 14,
    shareRate: 0.058,
    tail: 0.9,
  },
  {
    id: '2026-10-07-storing-white-tea',
    publishAt: '2026-10-07T20:30:00+08:00',
    author: 'wang-jia',
    kind: 'normal',
    appeal: 4600,
    comments: 37,
    shareRate: 0.049,
    tail: 1.8,
  },
  {
    id: '2026-10-10-quiz-results',
    publishAt: '2026-10-10T20:30:00+08:00',
    author: 'lin-xiao',
    kind: 'quiz-results',
    appeal: 5300,
    comments: 63,
    shareRate: 0.031,
    tail: 0.3,
  },
  {
    id: '2026-10-14-yancha-roasting',
    publishAt: '2026-10-14T20:30:00+08:00',
    author: 'wang-jia',
    kind: 'normal',
    appeal: 3200,
    comments: 22,
    shareRate: 0.044,
    tail: 1.1,
  },
  {
    id: '2026-10-17-tea-at-night',
    publishAt: '2026-10-17T20:30:00+08:00',
    author: 'lin-xiao',
    kind: 'normal',
    appeal: 5800,
    comments: 48,
    shareRate: 0.078,
    tail: 1.6,
  },
  {
    id: '2026-10-21-tea-master',
    publishAt: '2026-10-21T20:30:00+08:00',
    author: 'wang-jia',
    kind: 'normal',
    appeal: 2600,
    comments: 29,
    shareRate: 0.057,
    tail: 0.5,
  },
  {
    id: '2026-10-24-song-dynasty-diancha',
    publishAt: '2026-10-24T20:30:00+08:00',
    author: 'lin-xiao',
    kind: 'reprint',
    appeal: 1700,
    comments: 7,
    shareRate: 0.033,
    tail: 0.6,
  },
  {
    id: '2026-10-28-cold-brew-oolong',
    publishAt: '2026-10-28T20:30:00+08:00',
    author: 'wang-jia',
    kind: 'normal',
    appeal: 2400,
    comments: 15,
    shareRate: 0.039,
    tail: 0.8,
  },
  {
    id: '2026-10-31-new-packaging-story',
    publishAt: '2026-10-31T20:30:00+08:00',
    author: 'lin-xiao',
    kind: 'normal',
    appeal: 3800,
    comments: 32,
    shareRate: 0.045,
    tail: 0.6,
  },
  {
    id: '2026-11-04-tea-and-snacks',
    publishAt: '2026-11-04T20:30:00+08:00',
    author: 'wang-jia',
    kind: 'normal',
    appeal: 3000,
    comments: 21,
    shareRate: 0.052,
    tail: 0.9,
  },
  {
    id: '2026-11-07-lidong-tea',
    publishAt: '2026-11-07T20:30:00+08:00',
    author: 'lin-xiao',
    kind: 'normal',
    appeal: 4200,
    comments: 26,
    shareRate: 0.063,
    tail: 1.2,
  },
  {
    id: '2026-11-11-packaging-vote',
    publishAt: '2026-11-11T20:30:00+08:00',
    author: 'wang-jia',
    kind: 'vote',
    appeal: 8600,
    comments: 367,
    shareRate: 0.071,
    tail: 0.3,
  },
  {
    id: '2026-11-14-reading-tea-labels',
    publishAt: '2026-11-14T20:30:00+08:00',
    author: 'lin-xiao',
    kind: 'normal',
    appeal: 3500,
    comments: 24,
    shareRate: 0.066,
    tail: 1.4,
  },
  {
    id: '2026-11-18-cleaning-tea-stains',
    publishAt: '2026-11-18T20:30:00+08:00',
    author: 'wang-jia',
    kind: 'normal',
    appeal: 4000,
    comments: 18,
    shareRate: 0.072,
    tail: 1.5,
  },
  {
    id: '2026-11-21-boiled-shoumei',
    publishAt: '2026-11-21T20:30:00+08:00',
    author: 'lin-xiao',
    kind: 'normal',
    appeal: 3300,
    comments: 20,
    shareRate: 0.048,
    tail: 1.0,
  },
  {
    id: '2026-11-25-vote-results',
    publishAt: '2026-11-25T20:30:00+08:00',
    author: 'wang-jia',
    kind: 'vote-results',
    appeal: 4500,
    comments: 38,
    shareRate: 0.034,
    tail: 0.3,
  },
  {
    id: '2026-11-28-beginner-notes',
    publishAt: '2026-11-28T20:30:00+08:00',
    author: 'lin-xiao',
    kind: 'normal',
    appeal: 3600,
    comments: 20,
    shareRate: 0.05,
    tail: 1.0,
  },
  {
    id: '2026-12-02-winter-tea-gathering',
    publishAt: '2026-12-02T20:30:00+08:00',
    author: 'wang-jia',
    kind: 'normal',
    appeal: 3800,
    comments: 25,
    shareRate: 0.06,
    tail: 1.0,
  },
];

interface ArticleDay {
  date: string;
  article: string;
  reads: number;
  readers: number;
  shares: number;
  shareUsers: number;
  likes: number;
  comments: number;
  favorites: number;
}

/** Share of lifetime reads on day k after the push (k = 0 is the push evening). */
function decayWeight(k: number): number {
  if (k === 0) return 0.31;
  if (k === 1) return 0.26;
  if (k === 2) return 0.105;
  if (k <= 13) return 0.088 * 0.61 ** (k - 3);
  return 0;
}

function campaignWindow(a: Article): { from: string; to: string } | undefined {
  if (a.kind === 'quiz') return QUIZ;
  if (a.kind === 'vote') return VOTE;
  return undefined;
}

function articleDays(a: Article): ArticleDay[] {
  const rng = rngFor(`article:${a.id}`);
  const published = a.publishAt.slice(0, 10);
  if (published > LAST_DAY) return [];
  const total = a.appeal * between(rng, 0.92, 1.08);
  const readerRatio = between(rng, 0.8, 0.88);
  const likeRate = between(rng, 0.011, 0.027);
  const favRate = between(rng, 0.006, 0.014);
  const window = campaignWindow(a);

  const days: { date: string; reads: number }[] = [];
  for (let d = published, k = 0; d <= LAST_DAY; d = addDays(d, 1), k++) {
    let expected = total * decayWeight(k);
    if (window && inRange(d, window.from, window.to)) {
      // the campaign keeps the article alive until the deadline, with a last-day rush
      const floor = total * (d === window.to ? 0.05 : 0.027);
      expected = Math.max(expected, floor);
    } else if (window && d > window.to) {
      expected = k <= 13 ? total * 0.012 * 0.55 ** (daysBetween(window.to, d) - 1) : 0;
    }
    if (a.kind === 'quiz-results' && k >= 3) expected *= 0.6; // people only check whether they won
    let reads: number;
    if (expected >= 1) {
      const dow = weekday(d);
      const weekend = dow === 0 || dow === 6 ? between(rng, 0.9, 1.05) : between(rng, 0.95, 1.12);
      const holiday = HOLIDAY(d) && !window ? 0.85 : 1;
      reads = Math.max(1, Math.round(expected * weekend * holiday * between(rng, 0.85, 1.15)));
    } else {
      // long tail: search and "往期" clicks, some days nothing at all
      const age = k - 14;
      const p = Math.min(0.85, (0.5 * Math.exp(-Math.max(0, age) / 25) + 0.12) * a.tail);
      reads = rng() < p ? stochasticRound(rng, between(rng, 0.5, 1) * (1 + (a.appeal / 1100) * a.tail * rng())) : 0;
      if (reads === 0 && rng() < 0.02 * a.tail) reads = intBetween(rng, 8, 25); // a reader group shared it again
    }
    if (reads > 0) days.push({ date: d, reads });
  }

  // comments: campaign articles get a fixed count inside the window, others follow reads
  const commentCounts = new Array<number>(days.length).fill(0);
  if (window) {
    const inside = days.map((x) => (inRange(x.date, window.from, window.to) ? x.reads : 0));
    const insideTotal = a.comments;
    const alloc = allocate(insideTotal, inside);
    for (let i = 0; i < days.length; i++) {
      commentCounts[i] = alloc[i]!;
      if (inside[i] === 0) commentCounts[i] = stochasticRound(rng, days[i]!.reads * 0.004);
    }
  } else {
    const rate = (a.comments / total) * between(rng, 0.9, 1.1);
    for (let i = 0; i < days.length; i++) commentCounts[i] = stochasticRound(rng, days[i]!.reads * rate);
  }

  return days.map((x, i) => {
    const reads = x.reads;
    let readers = Math.round(reads * readerRatio * between(rng, 0.96, 1.04));
    if (reads >= 3) readers = Math.min(readers, reads - 1);
    readers = Math.max(1, Math.min(readers, reads));
    const shares = stochasticRound(rng, reads * a.shareRate * between(rng, 0.8, 1.2));
    const shareUsers = shares - Math.floor(shares * between(rng, 0, 0.14));
    const likes = stochasticRound(rng, reads * likeRate * between(rng, 0.8, 1.2));
    const favorites = stochasticRound(rng, reads * favRate * between(rng, 0.8, 1.2));
    return {
      date: x.date,
      article: a.id,
      reads,
      readers,
      shares,
      shareUsers,
      likes,
      comments: commentCounts[i]!,
      favorites,
    };
  });
}

// ----------------------------------------------------------- followers ----

const SOURCES = [0, 1, 17, 30, 57, 100, 161] as const;
type Source = (typeof SOURCES)[number];

interface FollowerRow {
  date: string;
  source: Source;
  new: number;
  cancelled: number;
}

const AD_FLIGHTS = [
  { from: '2026-09-24', to: '2026-10-06', perDay: 11 }, // 中秋问答前后的朋友圈广告
  { from: '2026-10-12', to: '2026-10-25', perDay: 3.5 }, // 10 月常规投放，效果一般
  { from: '2026-11-10', to: '2026-11-20', perDay: 6.5 }, // 包装投票期间
];

function followerDay(
  date: string,
  reads: number,
  shares: number,
  pushedToday: boolean,
  pushedYesterday: boolean,
): FollowerRow[] {
  const rng = rngFor(`followers:${date}`);
  const dow = weekday(date);
  const weekend = dow === 0 || dow === 6;
  const giftSeason = inRange(date, '2026-09-12', '2026-10-07');
  const expected: Record<Source, number> = {
    0: 5.5,
    1: (weekend ? 8.8 : 7.6) + daysBetween(FIRST_DAY, date) * 0.02,
    17: shares * 0.05,
    30: (weekend ? 6.2 : 3.6) * (giftSeason ? 1.8 : 1) * (HOLIDAY(date) ? 1.5 : 1),
    57: reads * 0.0071,
    100: 0,
    161: 0,
  };
  for (const f of AD_FLIGHTS) if (inRange(date, f.from, f.to)) expected[100] = f.perDay;
  if (inRange(date, QUIZ.from, QUIZ.to)) expected[0] += 5;
  if (rng() < 0.07) expected[161] = between(rng, 1.5, 6); // someone reprinted an article with our name

  let cancelledTotal = 8.5 + reads * 0.0013 + (pushedToday || pushedYesterday ? 2 : 0);
  if (inRange(date, '2026-10-07', '2026-10-09')) cancelledTotal += 9; // quiz over, some leave again
  if (inRange(date, '2026-11-23', '2026-11-24')) cancelledTotal += 5; // vote over
  const cancelled = poisson(rng, cancelledTotal);
  const cancelWeights: Record<Source, number> = {
    0: 78,
    1: 5,
    17: 3,
    30: 5,
    57: 5,
    100: date >= '2026-09-24' ? 4 : 0,
    161: 0,
  };
  const cancelSplit = allocateRandom(
    rng,
    cancelled,
    SOURCES.map((s) => cancelWeights[s]),
  );

  const rows: FollowerRow[] = [];
  SOURCES.forEach((source, i) => {
    const n = poisson(rng, expected[source]);
    const c = cancelSplit[i]!;
    if (n > 0 || c > 0) rows.push({ date, source, new: n, cancelled: c });
  });
  return rows;
}

/** Multinomial draw: each of `total` items goes to a bucket with the given weights. */
function allocateRandom(rng: Rng, total: number, weights: number[]): number[] {
  const out = weights.map(() => 0);
  const sum = weights.reduce((s, w) => s + w, 0);
  for (let i = 0; i < total; i++) {
    let x = rng() * sum;
    let j = 0;
    while (j < weights.length - 1 && x >= weights[j]!) {
      x -= weights[j]!;
      j++;
    }
    out[j]!++;
  }
  return out;
}

// ------------------------------------------------------------- support ----

type Channel = 'message' | 'comment' | 'customer-service';
type Category = '咨询' | '订单' | '物流' | '投诉' | '活动' | '其他';

interface Conversation {
  id: string;
  agent: string;
  channel: Channel;
  opened: number;
  firstReply: number;
  closed: number;
  category: Category;
  satisfaction: number | undefined;
}

const ZHENG_HAO_OFF = new Set(['2026-10-02', '2026-11-13']); // 国庆轮休一天；11-13 事假

/** zheng-hao rests every other Sunday (and on his days off); chen-yu covers those days. */
function agentOn(date: string): string {
  const restSunday = weekday(date) === 0 && Math.floor(daysBetween(FIRST_DAY, date) / 7) % 2 === 0;
  return restSunday || ZHENG_HAO_OFF.has(date) ? 'chen-yu' : 'zheng-hao';
}

const HOUR_WEIGHTS = [
  1.2, 0.6, 0.3, 0.2, 0.2, 0.3, 0.8, 2.2, 4.5, 7.5, 8.8, 8.6, 6.4, 6.9, 7.8, 7.9, 7.2, 6.1, 5.4, 6.2, 7.4, 8.2, 6.3,
  3.1,
];

function supportDay(date: string, pushedToday: boolean): Conversation[] {
  const rng = rngFor(`support:${date}`);
  const dow = weekday(date);
  const weekend = dow === 0 || dow === 6;
  const quiz = inRange(date, QUIZ.from, QUIZ.to) || inRange(date, '2026-10-10', '2026-10-16'); // incl. prize questions
  const vote = inRange(date, VOTE.from, VOTE.to) || date === '2026-11-25';
  const giftOrders = inRange(date, '2026-09-12', '2026-09-24');
  const doubleEleven = inRange(date, '2026-11-11', '2026-11-20');
  let lambda = dow === 0 ? 6.5 : weekend ? 8 : 9.5;
  if (quiz) lambda += 3.5;
  if (vote) lambda += 2.5;
  if (giftOrders) lambda += 3;
  if (doubleEleven) lambda += 3.5;
  if (pushedToday) lambda += 1;
  const count = Math.max(6, Math.min(18, poisson(rng, lambda)));

  const categoryWeights: [Category, number][] = [
    ['咨询', 40],
    ['订单', 13 + (giftOrders ? 14 : 0) + (doubleEleven ? 10 : 0)],
    ['物流', 12 + (giftOrders ? 8 : 0) + (doubleEleven ? 24 : 0)],
    ['投诉', 5 + (doubleEleven ? 2 : 0)],
    ['活动', 5 + (quiz ? 34 : 0) + (vote ? 26 : 0)],
    ['其他', 18],
  ];

  const hourWeights = HOUR_WEIGHTS.map((w, h) => (pushedToday && h >= 20 ? w * 1.6 : w));
  const slowMorning = date === '2026-09-16' || date === '2026-09-23'; // backlog cleared after 10:00 (see 2026-09 appraisal)
  const lastDay = date === LAST_DAY;

  const items: Omit<Conversation, 'id'>[] = [];
  for (let i = 0; i < count; i++) {
    const hour = pickWeighted(
      rng,
      hourWeights.map((w, h) => [h, lastDay && h >= 21 ? 0 : w] as const),
    );
    const opened = localMs(date, hour, intBetween(rng, 0, 59));
    const category = pickWeighted(rng, categoryWeights);
    const channel = pickWeighted<Channel>(rng, [
      ['message', 55],
      ['comment', category === '活动' ? 45 : 22],
      ['customer-service', category === '订单' || category === '物流' ? 38 : 16],
    ]);

    // first reply
    let firstReply: number;
    let replyDate = date;
    const inHours = hour >= 9 && hour < 21;
    if (inHours) {
      const r = rng();
      const minutes = r < 0.8 ? between(rng, 2, 15) : r < 0.95 ? between(rng, 15, 26) : between(rng, 31, 78);
      const slower = agentOn(date) === 'chen-yu' ? 1.25 : 1;
      firstReply = opened + Math.round(minutes * slower) * 60_000;
      if (firstReply > localMs(date, 21, 30)) {
        // missed before closing time: answered the next morning
        replyDate = addDays(date, 1);
        firstReply = localMs(replyDate, 9, intBetween(rng, 3, 35));
      }
    } else {
      replyDate = hour >= 21 ? addDays(date, 1) : date;
      const start = slowMorning && replyDate === date ? 10 * 60 + 5 : 9 * 60;
      const backlog = slowMorning && replyDate === date ? between(rng, 0, 40) : between(rng, 3, 48);
      firstReply = localMs(replyDate, 0, start + Math.round(backlog));
    }
    const agent = agentOn(replyDate);

    // closing
    const closeMinutes: Record<Category, () => number> = {
      咨询: () => between(rng, 3, 40),
      活动: () => between(rng, 2, 25),
      其他: () => between(rng, 2, 30),
      订单: () => between(rng, 10, 180),
      物流: () => (rng() < 0.6 ? between(rng, 15, 120) : between(rng, 240, 1560)),
      投诉: () => between(rng, 60, 1800),
    };
    let closed = firstReply + Math.round(closeMinutes[category]()) * 60_000;
    const closedHour = new Date(closed).getUTCHours();
    if (closedHour >= 22 || closedHour < 9) {
      const d = closedHour >= 22 ? dateOf(closed + DAY_MS) : dateOf(closed);
      closed = localMs(d, 9, intBetween(rng, 10, 55));
    }
    if (lastDay) closed = Math.min(closed, localMs(date, 23, 20 + intBetween(rng, 0, 9)));
    if (closed <= firstReply) closed = firstReply + intBetween(rng, 2, 9) * 60_000;

    // satisfaction (about 40 % of customers skip the survey)
    let satisfaction: number | undefined;
    if (rng() >= 0.4) {
      const slow = firstReply - opened > 30 * 60_000 && inHours;
      satisfaction =
        category === '投诉'
          ? pickWeighted(rng, [
              [1, 15],
              [2, 25],
              [3, 30],
              [4, 20],
              [5, 10],
            ])
          : pickWeighted(rng, [
              [1, 1],
              [2, slow ? 6 : 2],
              [3, slow ? 18 : 8],
              [4, 29],
              [5, slow ? 38 : 60],
            ]);
    }
    items.push({ agent, channel, opened, firstReply, closed, category, satisfaction });
  }

  if (date === '2026-10-19') {
    // the delivery complaint that was escalated late (2026-10 appraisal of zheng-hao)
    items.push({
      agent: 'zheng-hao',
      channel: 'customer-service',
      opened: localMs(date, 10, 42),
      firstReply: localMs(date, 10, 49),
      closed: localMs('2026-10-20', 16, 35),
      category: '投诉',
      satisfaction: 2,
    });
  }

  items.sort((a, b) => a.opened - b.opened || a.firstReply - b.firstReply);
  const compact = date.replaceAll('-', '');
  return items.map((c, i) => ({ id: `S-${compact}-${String(i + 1).padStart(3, '0')}`, ...c }));
}

// ------------------------------------------------------------- output -----

function writeCsv(rel: string, header: string, lines: string[]): void {
  const file = path.join(ROOT, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${[header, ...lines].join('\n')}\n`);
}

/** Warns where the articles in the repository (read by mpflow's own loader) disagree with the table above. */
async function crossCheckArticleFolders(): Promise<void> {
  const { repository } = await loadRepository(ROOT);
  const byId = new Map(ARTICLES.map((a) => [a.id, a]));
  for (const article of repository.articles) {
    const a = byId.get(article.id);
    if (!a) {
      console.warn(`warning: ${article.id} is not in the script's article table (no metrics generated)`);
      continue;
    }
    const { author, publishAt } = article.data;
    if (author && author !== a.author)
      console.warn(`warning: ${article.id}: author ${author} in front matter, ${a.author} in table`);
    if (publishAt && publishAt !== a.publishAt)
      console.warn(`warning: ${article.id}: publishAt ${publishAt} in front matter, ${a.publishAt} in table`);
  }
}

async function main(): Promise<void> {
  await crossCheckArticleFolders();

  const articleRows = ARTICLES.flatMap(articleDays).sort((x, y) =>
    x.date < y.date ? -1 : x.date > y.date ? 1 : x.article < y.article ? -1 : x.article > y.article ? 1 : 0,
  );
  const readsByDate = new Map<string, number>();
  const sharesByDate = new Map<string, number>();
  for (const r of articleRows) {
    readsByDate.set(r.date, (readsByDate.get(r.date) ?? 0) + r.reads);
    sharesByDate.set(r.date, (sharesByDate.get(r.date) ?? 0) + r.shares);
  }
  const pushDays = new Set(ARTICLES.map((a) => a.publishAt.slice(0, 10)));

  const followerRows: FollowerRow[] = [];
  const cumulative: { date: string; cumulative: number }[] = [];
  let running = 19_374; // followers at the end of 2026-08-31
  for (const d of DAYS) {
    const rows = followerDay(
      d,
      readsByDate.get(d) ?? 0,
      sharesByDate.get(d) ?? 0,
      pushDays.has(d),
      pushDays.has(addDays(d, -1)),
    );
    followerRows.push(...rows);
    running += rows.reduce((s, r) => s + r.new - r.cancelled, 0);
    cumulative.push({ date: d, cumulative: running });
  }

  const conversations = DAYS.flatMap((d) => supportDay(d, pushDays.has(d)));

  const counts = { articles: 0, followers: 0, cumulative: 0, support: 0 };
  for (const month of MONTHS) {
    const inMonth = (date: string) => date.startsWith(month);
    const a = articleRows.filter((r) => inMonth(r.date));
    writeCsv(
      `content/metrics/articles/${month}.csv`,
      'date,article,reads,readers,shares,shareUsers,likes,comments,favorites',
      a.map((r) =>
        [r.date, r.article, r.reads, r.readers, r.shares, r.shareUsers, r.likes, r.comments, r.favorites].join(','),
      ),
    );
    const f = followerRows.filter((r) => inMonth(r.date));
    writeCsv(
      `content/metrics/followers/${month}.csv`,
      'date,source,new,cancelled',
      f.map((r) => [r.date, r.source, r.new, r.cancelled].join(',')),
    );
    const c = cumulative.filter((r) => inMonth(r.date));
    writeCsv(
      `content/metrics/followers-cumulative/${month}.csv`,
      'date,cumulative',
      c.map((r) => `${r.date},${r.cumulative}`),
    );
    const s = conversations.filter((r) => inMonth(dateOf(r.opened)));
    writeCsv(
      `content/metrics/support/${month}.csv`,
      'id,agent,channel,openedAt,firstReplyAt,closedAt,category,satisfaction',
      s.map((r) =>
        [
          r.id,
          r.agent,
          r.channel,
          isoLocal(r.opened),
          isoLocal(r.firstReply),
          isoLocal(r.closed),
          r.category,
          r.satisfaction ?? '',
        ].join(','),
      ),
    );
    counts.articles += a.length;
    counts.followers += f.length;
    counts.cumulative += c.length;
    counts.support += s.length;
  }

  const first = cumulative[0]!;
  const last = cumulative[cumulative.length - 1]!;
  console.log(
    `wrote content/metrics: ${counts.articles} article rows, ${counts.followers} follower rows, ` +
      `${counts.cumulative} cumulative rows, ${counts.support} support conversations; ` +
      `followers ${first.cumulative} on ${first.date}, ${last.cumulative} on ${last.date}`,
  );
}

await main();
