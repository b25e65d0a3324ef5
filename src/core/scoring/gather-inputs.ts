/**
 * From a loaded repository to the plain inputs of each member's month: who is appraised, their
 * ratings, their measured figures (through the analytics core) and any calibrations. The only
 * module of scoring that knows where records live.
 */
import { departmentTimeZone } from '../policy/department-clock.ts';
import { dateInTimeZone } from '../model/dates.ts';
import type { ArticleDailyRow, PolicyFile, TeamMember } from '../model/types.generated.ts';
import {
  addDays,
  ARTICLE_FIGURES,
  articleKpis,
  followerKpis,
  inRange,
  supportKpis,
  type ArticleKpi,
  type DateRange,
} from '../metrics/kpis.ts';
import { indicatorLeaves, policyInForce } from '../policy/policy-versions.ts';
import { monthRange, nextDay } from '../calendar/days.ts';
import type { Repository } from '../repository/load-repository.ts';
import { KPI_CATALOGUE, type RangeFigures } from './kpi-catalogue.ts';
import { partsFor } from './score-member.ts';
import type { KpiValue, MemberMonthInputs } from './score-types.ts';

export function validPolicies(repository: Repository): PolicyFile[] {
  return repository.policies.filter((record) => record.valid).map((record) => record.data);
}

/** The policy that scores a month: the one in force on its first day. */
export function policyForPeriod(repository: Repository, period: string): PolicyFile | undefined {
  return policyInForce(validPolicies(repository), `${period}-01`);
}

/**
 * Who is appraised in a month: every member with a supervisor (the head and HR, who have none,
 * are not rated by the department's cycle) who was in post on some day of the month and not on
 * leave on all of those days. A month spent wholly on leave has nothing to appraise; appraising
 * it would leave a score withheld for want of ratings and so keep HR from finalising the month
 * for everyone else.
 */
export function appraisedMembers(repository: Repository, period: string): TeamMember[] {
  const { from, to } = monthRange(period);
  const members = repository.team?.valid ? repository.team.data.members : [];
  return members
    .filter(
      (member) =>
        typeof member.supervisor === 'string' &&
        member.joined <= to &&
        (member.left === undefined || member.left >= from),
    )
    .filter((member) => !onLeaveThroughout(member, period))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The leave period covering a day, if any. */
export function leaveOn(member: TeamMember, date: string): { from: string; to: string } | undefined {
  return (member.leave ?? []).find((entry) => entry.from <= date && date <= entry.to);
}

/** On leave on every day of the month the member was in post. */
export function onLeaveThroughout(member: TeamMember, period: string): boolean {
  const bounds = monthRange(period);
  const first = member.joined > bounds.from ? member.joined : bounds.from;
  const last = member.left !== undefined && member.left < bounds.to ? member.left : bounds.to;
  let day = first;
  while (day <= last) {
    const leave = leaveOn(member, day);
    if (!leave) return false;
    day = nextDay(leave.to);
  }
  return true;
}

/** Figures per range, computed once: every member in post all month shares one. */
export class FigureCache {
  readonly #repository: Repository;
  readonly #timeZone: string;
  readonly #byRange = new Map<string, RangeFigures>();

  constructor(repository: Repository, timeZone: string) {
    this.#repository = repository;
    this.#timeZone = timeZone;
  }

  /** With `articleWindowDays`, each article published in the range counts its first that many days instead of the range's. */
  figures(range: DateRange, articleWindowDays?: number): RangeFigures {
    const key = `${range.from}/${range.to}/${articleWindowDays ?? ''}`;
    let figures = this.#byRange.get(key);
    if (!figures) {
      const articles = articleKpis(this.#repository, range);
      figures = {
        range,
        articles: articleWindowDays === undefined ? articles : this.#windowed(articles, range, articleWindowDays),
        ...(articleWindowDays === undefined ? {} : { articleWindowDays }),
        followers: followerKpis(this.#repository, range),
        support: supportKpis(this.#repository, range),
        campaigns: this.#campaignsEnding(range),
      };
      this.#byRange.set(key, figures);
    }
    return figures;
  }

  #rowsByArticle: Map<string, ArticleDailyRow[]> | undefined;

  /**
   * The articles published in the range, each summed over its own window from the day it was
   * published (which may run into the next month); the others as they were.
   */
  #windowed(articles: ArticleKpi[], range: DateRange, days: number): ArticleKpi[] {
    if (!this.#rowsByArticle) {
      this.#rowsByArticle = new Map();
      for (const table of this.#repository.articleStats) {
        for (const row of table.rows) {
          if (!row.valid) continue;
          const list = this.#rowsByArticle.get(row.data.article) ?? [];
          list.push(row.data);
          this.#rowsByArticle.set(row.data.article, list);
        }
      }
    }
    return articles.map((article) => {
      if (article.publishedOn === undefined || !inRange(article.publishedOn, range)) return article;
      const window = { from: article.publishedOn, to: addDays(article.publishedOn, days - 1) };
      const totals = {
        ...article,
        reads: 0,
        readers: 0,
        shares: 0,
        shareUsers: 0,
        likes: 0,
        comments: 0,
        favorites: 0,
        days: 0,
      };
      for (const row of this.#rowsByArticle!.get(article.article) ?? []) {
        if (!inRange(row.date, window)) continue;
        for (const figure of ARTICLE_FIGURES) totals[figure] += Number(row[figure]) || 0;
        totals.days += 1;
      }
      return totals;
    });
  }

  /** A campaign counts in the month it ends; its owner and its articles' authors and designers are credited. */
  #campaignsEnding(range: DateRange): RangeFigures['campaigns'] {
    const articles = new Map(this.#repository.articles.map((article) => [article.id, article.data]));
    const ending: RangeFigures['campaigns'] = [];
    for (const record of this.#repository.campaigns) {
      if (!record.valid || typeof record.data.period?.end !== 'string') continue;
      const endDate = dateInTimeZone(record.data.period.end, this.#timeZone);
      if (endDate < range.from || endDate > range.to) continue;
      const credited = new Set<string>([record.data.owner]);
      for (const id of record.data.articles ?? []) {
        const article = articles.get(id);
        if (typeof article?.author === 'string') credited.add(article.author);
        if (typeof article?.designer === 'string') credited.add(article.designer);
      }
      ending.push({ campaign: record.data, credited });
    }
    return ending.sort((a, b) => (a.campaign.id < b.campaign.id ? -1 : 1));
  }
}

export interface PeriodInputs {
  period: string;
  policy: PolicyFile;
  members: MemberMonthInputs[];
}

export function gatherMemberInputs(
  repository: Repository,
  policy: PolicyFile,
  period: string,
  member: TeamMember,
  cache: FigureCache,
): MemberMonthInputs {
  const bounds = monthRange(period);
  // Measured over the days in post: from joining, and up to the last day for a member who left mid-month.
  const range: DateRange = {
    from: member.joined > bounds.from ? member.joined : bounds.from,
    to: member.left !== undefined && member.left < bounds.to ? member.left : bounds.to,
  };
  const total = Number(bounds.to.slice(8, 10));
  const daysInPost = Number(range.to.slice(8, 10)) - Number(range.from.slice(8, 10)) + 1;

  const kpis: Record<string, KpiValue> = {};
  const wanted = new Set<string>();
  for (const leaf of indicatorLeaves(policy)) {
    const chosen = partsFor(leaf.node, member.roles);
    for (const part of chosen?.parts ?? []) wanted.add(part.kpi);
  }
  const figures = wanted.size > 0 ? cache.figures(range, policy.appraisal.articleWindowDays) : undefined;
  for (const kpi of [...wanted].sort()) {
    const definition = KPI_CATALOGUE[kpi];
    // An unknown measure is the policy checker's to report; here it simply has no value.
    kpis[kpi] =
      definition && figures
        ? definition.measure(figures, member.id)
        : { value: null, basis: { zh: `未知的数据项 ${kpi}`, en: `unknown measure ${kpi}` } };
  }

  const ratings: MemberMonthInputs['ratings'] = { peers: [] };
  const peers: Array<{ rater: string; ratings: Record<string, number> }> = [];
  for (const record of repository.ratings) {
    const data = record.data;
    if (!record.valid || data.period !== period || data.member !== member.id) continue;
    if (data.role === 'self') ratings.self = { ...data.ratings };
    else if (data.role === 'supervisor') ratings.supervisor = { ...data.ratings };
    else peers.push({ rater: data.rater, ratings: { ...data.ratings } });
  }
  ratings.peers = peers.sort((a, b) => (a.rater < b.rater ? -1 : 1)).map((peer) => peer.ratings);

  const calibrations: MemberMonthInputs['calibrations'] = [];
  for (const record of repository.calibrations ?? []) {
    if (!record.valid || record.data.period !== period) continue;
    for (const entry of record.data.entries)
      if (entry.member === member.id) calibrations.push({ points: entry.points, by: entry.by, at: entry.at });
  }

  return {
    member: member.id,
    period,
    roles: [...member.roles],
    joined: member.joined,
    daysInPost,
    daysInMonth: total,
    kpis,
    ratings,
    calibrations,
  };
}

export function gatherPeriodInputs(
  repository: Repository,
  period: string,
  cache?: FigureCache,
): PeriodInputs | undefined {
  const policy = policyForPeriod(repository, period);
  if (!policy) return undefined;
  const figures = cache ?? new FigureCache(repository, departmentTimeZone(policy));
  return {
    period,
    policy,
    members: appraisedMembers(repository, period).map((member) =>
      gatherMemberInputs(repository, policy, period, member, figures),
    ),
  };
}
