/**
 * The data behind the department pages (article archive, topic library, campaigns, team),
 * shaped from the content collections: lookups by id, grouping by month and role, publication
 * status by build time, campaign conversion rates. Pure functions of their inputs (the build
 * time and the time zone are parameters), so they are unit-tested without Astro.
 *
 * Everything here reads what the site's loader put in the content store, which never holds
 * appraisal data or leave reasons (see mpflow-loader.ts); the roster view drops leave entirely.
 */
import { isoInTimeZone } from '../core/calendar/wall-clock.ts';
import type { CampaignResults } from '../core/model/types.generated.ts';
import type { Role } from '../core/team/roster.ts';
import type { ArticleEntry, CampaignEntry, TeamMemberEntry, TopicEntry } from './mpflow-loader.ts';

/** A collection entry as `getCollection` returns it: the id and the data. */
export interface Entry<T> {
  id: string;
  data: T;
}

// ------------------------------------------------------------------- dates -----

export interface LocalDateTime {
  /** YYYY-MM-DD */
  date: string;
  /** HH:mm, 24-hour clock */
  time: string;
  /** YYYY-MM */
  month: string;
}

/** An instant (ISO 8601 with offset, or a Date) as a calendar date and clock time in `timeZone`. */
export function localDateTime(instant: string | Date, timeZone: string): LocalDateTime {
  // YYYY-MM-DDTHH:mm:ss+08:00, read in place.
  const wall = isoInTimeZone(typeof instant === 'string' ? Date.parse(instant) : instant.getTime(), timeZone);
  return { date: wall.slice(0, 10), time: wall.slice(11, 16), month: wall.slice(0, 7) };
}

function instant(value: string): number {
  return Date.parse(value);
}

// ----------------------------------------------------------------- members -----

/** A member as other records name them: id, display name, and whether the roster knows them. */
export interface MemberRef {
  id: string;
  name: string;
  known: boolean;
}

export type MemberIndex = ReadonlyMap<string, TeamMemberEntry>;

export function memberIndex(team: readonly Entry<TeamMemberEntry>[]): MemberIndex {
  return new Map(team.map((entry) => [entry.data.id, entry.data]));
}

/** The roster name for a member id; an id the roster does not know shows as itself. */
export function memberRef(members: MemberIndex, id: string): MemberRef {
  const member = members.get(id);
  return member ? { id, name: member.name, known: true } : { id, name: id, known: false };
}

function optionalMember(members: MemberIndex, id: string | undefined): MemberRef | undefined {
  return id === undefined ? undefined : memberRef(members, id);
}

// ----------------------------------------------------------------- archive -----

/**
 * What the site can say about publication from the repository alone: the scheduled time is
 * still ahead of the build (`scheduled`) or has passed (`due`). Whether WeChat actually
 * published the article comes from the publishing record, not from here.
 */
export type PublicationStatus = 'scheduled' | 'due';

export function publicationStatus(publishAt: string, builtAt: Date): PublicationStatus {
  return instant(publishAt) > builtAt.getTime() ? 'scheduled' : 'due';
}

/** An article as a link target: the archive row it lives in. */
export interface ArticleLink {
  id: string;
  title: string;
  date: string;
  publishAt: string;
}

export interface RecordLink {
  id: string;
  /** Undefined when the id names no record (the checker reports that; the page still builds). */
  title?: string;
}

export interface ArchiveRow extends ArticleLink, LocalDateTime {
  digest: string;
  author: MemberRef;
  designer?: MemberRef;
  topic: RecordLink;
  campaign?: RecordLink;
  tags: string[];
  status: PublicationStatus;
}

export interface ArchiveMonth {
  /** YYYY-MM in the department's time zone. */
  month: string;
  rows: ArchiveRow[];
  scheduled: number;
}

export interface ArchiveInput {
  articles: readonly Entry<ArticleEntry>[];
  team: readonly Entry<TeamMemberEntry>[];
  topics: readonly Entry<TopicEntry>[];
  campaigns: readonly Entry<CampaignEntry>[];
  builtAt: Date;
  timeZone: string;
}

/** Newest first; articles scheduled for the same minute keep a stable order by id. */
function byPublishAtDescending(a: { publishAt: string; id: string }, b: { publishAt: string; id: string }): number {
  return instant(b.publishAt) - instant(a.publishAt) || a.id.localeCompare(b.id);
}

function byPublishAtAscending(a: { publishAt: string; id: string }, b: { publishAt: string; id: string }): number {
  return instant(a.publishAt) - instant(b.publishAt) || a.id.localeCompare(b.id);
}

/** The archive: months newest first, each month's articles newest first. */
export function archiveMonths({ articles, team, topics, campaigns, builtAt, timeZone }: ArchiveInput): ArchiveMonth[] {
  const members = memberIndex(team);
  const topicTitles = new Map(topics.map((entry) => [entry.data.id, entry.data.title]));
  const campaignTitles = new Map(campaigns.map((entry) => [entry.data.id, entry.data.title]));

  const rows: ArchiveRow[] = articles.map(({ id, data }) => ({
    id,
    title: data.title,
    digest: data.digest,
    publishAt: data.publishAt,
    ...localDateTime(data.publishAt, timeZone),
    author: memberRef(members, data.author),
    designer: optionalMember(members, data.designer),
    topic: { id: data.topic, title: topicTitles.get(data.topic) },
    campaign: data.campaign === undefined ? undefined : { id: data.campaign, title: campaignTitles.get(data.campaign) },
    tags: data.tags ?? [],
    status: publicationStatus(data.publishAt, builtAt),
  }));
  rows.sort(byPublishAtDescending);

  const months: ArchiveMonth[] = [];
  for (const row of rows) {
    let current = months.at(-1);
    if (current?.month !== row.month) {
      current = { month: row.month, rows: [], scheduled: 0 };
      months.push(current);
    }
    current.rows.push(row);
    if (row.status === 'scheduled') current.scheduled += 1;
  }
  // In one time zone the local month never decreases as the instant grows, so each month's
  // rows are contiguous in the sorted list and the months come out newest first.
  return months;
}

function articleLink({ id, data }: Entry<ArticleEntry>, timeZone: string): ArticleLink {
  return { id, title: data.title, publishAt: data.publishAt, date: localDateTime(data.publishAt, timeZone).date };
}

// ------------------------------------------------------------------ topics -----

export type Decision = TopicEntry['decision'];

export interface TopicRow {
  id: string;
  title: string;
  pillar?: string;
  decision: Decision;
  proposedBy: MemberRef;
  proposedAt: string;
  decidedAt?: string;
  owner?: MemberRef;
  angle?: string;
  /** The articles whose `topic` is this topic, oldest first. */
  articles: ArticleLink[];
}

export interface TopicLibrary {
  rows: TopicRow[];
  counts: Record<Decision, number>;
}

/** Newest proposal first; same day by id, newest id first. */
export function topicLibrary(input: {
  topics: readonly Entry<TopicEntry>[];
  articles: readonly Entry<ArticleEntry>[];
  team: readonly Entry<TeamMemberEntry>[];
  timeZone: string;
}): TopicLibrary {
  const members = memberIndex(input.team);
  const byTopic = new Map<string, Entry<ArticleEntry>[]>();
  for (const article of input.articles) {
    const list = byTopic.get(article.data.topic);
    if (list) list.push(article);
    else byTopic.set(article.data.topic, [article]);
  }
  const counts: Record<Decision, number> = { accepted: 0, proposed: 0, parked: 0, rejected: 0 };
  const rows = input.topics.map(({ data }): TopicRow => {
    counts[data.decision] += 1;
    return {
      id: data.id,
      title: data.title,
      pillar: data.pillar,
      decision: data.decision,
      proposedBy: memberRef(members, data.proposedBy),
      proposedAt: data.proposedAt,
      decidedAt: data.decidedAt,
      owner: optionalMember(members, data.owner),
      angle: data.angle,
      articles: (byTopic.get(data.id) ?? [])
        .map((article) => articleLink(article, input.timeZone))
        .sort(byPublishAtAscending),
    };
  });
  rows.sort((a, b) => b.proposedAt.localeCompare(a.proposedAt) || b.id.localeCompare(a.id));
  return { rows, counts };
}

// -------------------------------------------------------------------- team -----

/** Roles in the order the roster page lists them: who leads, who reviews, who writes… */
export const ROLE_ORDER: readonly Role[] = ['head', 'operator', 'copywriter', 'designer', 'support', 'hr'];

/** A roster row: public roster fields only — never leave, never anything from appraisals. */
export interface RosterRow {
  id: string;
  name: string;
  github: string;
  title?: string;
  roles: Role[];
  supervisor?: MemberRef;
  joined: string;
  left?: string;
}

export interface RosterGroup {
  role: Role;
  members: RosterRow[];
}

export interface Roster {
  groups: RosterGroup[];
  /** Members whose `left` date is on or before `today`. */
  former: RosterRow[];
  /** Current members, each counted once. */
  current: number;
}

/** The roster by role (a member with several roles is in each group), longest-serving first. */
export function rosterByRole(team: readonly Entry<TeamMemberEntry>[], today: string): Roster {
  const members = memberIndex(team);
  const rows = team.map(
    ({ data }): RosterRow => ({
      id: data.id,
      name: data.name,
      github: data.github,
      title: data.title,
      roles: [...data.roles],
      supervisor: optionalMember(members, data.supervisor),
      joined: data.joined,
      left: data.left,
    }),
  );
  rows.sort((a, b) => a.joined.localeCompare(b.joined) || a.id.localeCompare(b.id));
  const hasLeft = (row: RosterRow) => row.left !== undefined && row.left <= today;
  const current = rows.filter((row) => !hasLeft(row));
  const groups = ROLE_ORDER.map((role) => ({
    role,
    members: current.filter((row) => row.roles.includes(role)),
  })).filter((group) => group.members.length > 0);
  return { groups, former: rows.filter(hasLeft), current: current.length };
}

// --------------------------------------------------------------- campaigns -----

/** Conversions ÷ participants, as a fraction; undefined without both numbers or with no participants. */
export function conversionRate(
  results: Pick<CampaignResults, 'participants' | 'conversions'> | undefined,
): number | undefined {
  if (!results || results.conversions === undefined || !(results.participants > 0)) return undefined;
  return results.conversions / results.participants;
}

export type MeasureKey = 'participants' | 'validEntries' | 'conversions' | 'conversionRate' | 'satisfaction';

/** One line of a campaign's targets-versus-results table. */
export interface Measure {
  key: MeasureKey;
  target?: number;
  actual?: number;
  /** Whether the result reached the target; undefined when either is missing. */
  met?: boolean;
}

export interface CampaignView {
  id: string;
  kind: CampaignEntry['kind'];
  title: string;
  owner: MemberRef;
  goal: string;
  start: LocalDateTime & { instant: string };
  end: LocalDateTime & { instant: string };
  prizes: CampaignEntry['prizes'];
  conversionDefinition?: string;
  hasResults: boolean;
  measures: Measure[];
  surveyResponses?: number;
  winners: string[];
  drawSeed?: string;
  rules: string;
  /** The campaign's `articles` and every article naming the campaign, oldest first. */
  articles: ArticleLink[];
  /** Ids in the campaign's `articles` that name no article (the checker reports them). */
  missingArticles: string[];
}

function measure(key: MeasureKey, target: number | undefined, actual: number | undefined): Measure {
  return { key, target, actual, met: target === undefined || actual === undefined ? undefined : actual >= target };
}

/** Campaigns, the latest start first. */
export function campaignViews(input: {
  campaigns: readonly Entry<CampaignEntry>[];
  articles: readonly Entry<ArticleEntry>[];
  team: readonly Entry<TeamMemberEntry>[];
  timeZone: string;
}): CampaignView[] {
  const members = memberIndex(input.team);
  const articles = new Map(input.articles.map((article) => [article.id, article]));
  const views = input.campaigns.map(({ data }): CampaignView => {
    const { results, targets = {} } = data;
    const measures: Measure[] = results
      ? [
          measure('participants', targets.participants, results.participants),
          measure('validEntries', undefined, results.validEntries),
          measure('conversions', undefined, results.conversions),
          measure('conversionRate', targets.conversionRate, conversionRate(results)),
          measure('satisfaction', targets.satisfaction, results.satisfaction),
        ].filter((row) => row.target !== undefined || row.actual !== undefined)
      : [
          measure('participants', targets.participants, undefined),
          measure('conversionRate', targets.conversionRate, undefined),
          measure('satisfaction', targets.satisfaction, undefined),
        ].filter((row) => row.target !== undefined);

    const ids = new Set(data.articles ?? []);
    for (const article of input.articles) if (article.data.campaign === data.id) ids.add(article.id);
    const known: ArticleLink[] = [];
    const missing: string[] = [];
    for (const id of ids) {
      const article = articles.get(id);
      if (article) known.push(articleLink(article, input.timeZone));
      else missing.push(id);
    }
    known.sort(byPublishAtAscending);

    return {
      id: data.id,
      kind: data.kind,
      title: data.title,
      owner: memberRef(members, data.owner),
      goal: data.goal,
      start: { ...localDateTime(data.period.start, input.timeZone), instant: data.period.start },
      end: { ...localDateTime(data.period.end, input.timeZone), instant: data.period.end },
      prizes: data.prizes,
      conversionDefinition: data.conversionDefinition,
      hasResults: results !== undefined,
      measures,
      surveyResponses: results?.surveyResponses,
      winners: results?.winners ?? [],
      drawSeed: results?.drawSeed,
      rules: data.rules,
      articles: known,
      missingArticles: missing,
    };
  });
  views.sort((a, b) => instant(b.start.instant) - instant(a.start.instant) || a.id.localeCompare(b.id));
  return views;
}
