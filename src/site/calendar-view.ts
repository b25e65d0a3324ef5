/**
 * The editorial calendar: what goes out when (publishAt in the department's time zone), by whom,
 * how its review went and what happened when it was published. Every state here is derived —
 * from the publish records (content/publishing/, written by `mpflow publish`), the review audit
 * log (content/reviews/, written when a pull request merges) and the build time — never typed
 * in by hand. Pure functions of their inputs, unit-tested without Astro.
 */
import type { PublishRecordFile } from '../core/model/types.generated.ts';
import type { ReviewAuditRecord } from '../core/review/audit-log.ts';
import {
  localDateTime,
  memberIndex,
  memberRef,
  type Entry,
  type LocalDateTime,
  type MemberIndex,
  type MemberRef,
} from './archive-view.ts';
import type { ArticleEntry, TeamMemberEntry } from './mpflow-loader.ts';

export type PublishingState = 'published' | 'failed' | 'publishing' | 'scheduled' | 'due' | 'overdue';

export interface PublishingStatus {
  state: PublishingState;
  /** The article's permanent link, once published. */
  url?: string;
  publishedAt?: LocalDateTime & { instant: string };
  failure?: { step: string; status?: number; meaning: string };
}

/**
 * The publishing state of one article. A record decides when there is one (published, failed,
 * still in progress); without one, the build time against publishAt says whether the article
 * is still ahead (scheduled), due now, or overdue.
 */
export function publishingStatus(
  publishAt: string,
  record: PublishRecordFile | undefined,
  builtAt: Date,
  timeZone: string,
  overdueAfterMinutes: number,
): PublishingStatus {
  if (record?.status === 'published') {
    return {
      state: 'published',
      ...(record.url ? { url: record.url } : {}),
      ...(record.publishedAt
        ? { publishedAt: { ...localDateTime(record.publishedAt, timeZone), instant: record.publishedAt } }
        : {}),
    };
  }
  if (record?.status === 'failed') {
    const failure = record.failure;
    return {
      state: 'failed',
      failure: {
        step: failure?.step ?? 'unknown',
        ...(failure?.status !== undefined ? { status: failure.status } : {}),
        meaning: failure?.meaning ?? '',
      },
    };
  }
  if (record?.status === 'in-progress') return { state: 'publishing' };
  const due = Date.parse(publishAt);
  const now = builtAt.getTime();
  if (due > now) return { state: 'scheduled' };
  return { state: now - due > overdueAfterMinutes * 60_000 ? 'overdue' : 'due' };
}

export type ReviewState = 'approved' | 'rejected' | 'incomplete' | 'none';

export interface ReviewStage {
  id: string;
  role: string;
  state: 'pending' | 'done' | 'rejected';
  /** The reviewer as the roster names them, or their GitHub login. */
  by?: MemberRef;
  at?: LocalDateTime;
}

export interface ReviewStatus {
  state: ReviewState;
  pr?: number;
  /** The pull request's address on GitHub, when the record names its repository. */
  prUrl?: string;
  mergedAt?: LocalDateTime;
  stages: ReviewStage[];
}

/** Stage states of the last merged pull request that touched the article's folder. */
export function reviewStatus(
  articleDirectory: string,
  log: readonly ReviewAuditRecord[],
  members: MemberIndex,
  timeZone: string,
): ReviewStatus {
  const prefix = `${articleDirectory}/`;
  let latest: ReviewAuditRecord | undefined;
  for (const record of log) {
    if (!record.files.some((file) => file.startsWith(prefix))) continue;
    if (!latest || Date.parse(record.mergedAt) >= Date.parse(latest.mergedAt)) latest = record;
  }
  if (!latest) return { state: 'none', stages: [] };
  const byLogin = new Map([...members.values()].map((member) => [member.github.toLowerCase(), member.id]));
  const stages = latest.stages.map((stage): ReviewStage => {
    const memberId = stage.member ?? (stage.actor ? byLogin.get(stage.actor.toLowerCase()) : undefined);
    const by = memberId
      ? memberRef(members, memberId)
      : stage.actor
        ? { id: stage.actor, name: stage.actor, known: false }
        : undefined;
    return {
      id: stage.id,
      role: stage.role,
      state: stage.state,
      ...(by ? { by } : {}),
      ...(stage.at ? { at: localDateTime(stage.at, timeZone) } : {}),
    };
  });
  const state: ReviewState = stages.some((stage) => stage.state === 'rejected')
    ? 'rejected'
    : stages.length > 0 && stages.every((stage) => stage.state === 'done')
      ? 'approved'
      : 'incomplete';
  const prUrl =
    latest.repository && /^[\w.-]+\/[\w.-]+$/.test(latest.repository)
      ? `https://github.com/${latest.repository}/pull/${latest.pr}`
      : undefined;
  return {
    state,
    pr: latest.pr,
    ...(prUrl ? { prUrl } : {}),
    mergedAt: localDateTime(latest.mergedAt, timeZone),
    stages,
  };
}

export interface CalendarRow extends LocalDateTime {
  id: string;
  title: string;
  publishAt: string;
  author: MemberRef;
  designer?: MemberRef;
  review: ReviewStatus;
  publishing: PublishingStatus;
}

export interface CalendarMonth {
  /** YYYY-MM in the department's time zone. */
  month: string;
  rows: CalendarRow[];
  counts: Record<PublishingState, number>;
}

export interface CalendarInput {
  articles: readonly Entry<ArticleEntry>[];
  team: readonly Entry<TeamMemberEntry>[];
  publishRecords: readonly PublishRecordFile[];
  reviewLog: readonly ReviewAuditRecord[];
  builtAt: Date;
  timeZone: string;
  overdueAfterMinutes: number;
}

function emptyCounts(): Record<PublishingState, number> {
  return { published: 0, failed: 0, publishing: 0, scheduled: 0, due: 0, overdue: 0 };
}

export interface Calendar {
  /** Months in calendar order, oldest first; each month's articles in order of publishAt. */
  months: CalendarMonth[];
  counts: Record<PublishingState, number>;
  /** The month the build falls in, when it has articles: the page opens its jump list there. */
  currentMonth: string;
}

export function editorialCalendar({
  articles,
  team,
  publishRecords,
  reviewLog,
  builtAt,
  timeZone,
  overdueAfterMinutes,
}: CalendarInput): Calendar {
  const members = memberIndex(team);
  const records = new Map(publishRecords.map((record) => [record.article, record]));
  const rows = articles.map(({ id, data }): CalendarRow => {
    const directory = data.file.slice(0, data.file.lastIndexOf('/'));
    return {
      id,
      title: data.title,
      publishAt: data.publishAt,
      ...localDateTime(data.publishAt, timeZone),
      author: memberRef(members, data.author),
      ...(data.designer ? { designer: memberRef(members, data.designer) } : {}),
      review: reviewStatus(directory, reviewLog, members, timeZone),
      publishing: publishingStatus(data.publishAt, records.get(id), builtAt, timeZone, overdueAfterMinutes),
    };
  });
  rows.sort((a, b) => Date.parse(a.publishAt) - Date.parse(b.publishAt) || a.id.localeCompare(b.id));
  const months: CalendarMonth[] = [];
  const counts = emptyCounts();
  for (const row of rows) {
    let month = months.at(-1);
    if (month?.month !== row.month) {
      month = { month: row.month, rows: [], counts: emptyCounts() };
      months.push(month);
    }
    month.rows.push(row);
    month.counts[row.publishing.state] += 1;
    counts[row.publishing.state] += 1;
  }
  return { months, counts, currentMonth: localDateTime(builtAt, timeZone).month };
}
