import { departmentClock } from '../policy/department-clock.ts';
import type { ArticleRecord, Repository, SourcedRecord } from '../repository/load-repository.ts';
import { isOffsetDateTime } from '../model/dates.ts';
import { parseDateTimeOption } from '../model/date-time-option.ts';
import type { PublishRecord } from './record-store.ts';

export const DEFAULT_OVERDUE_AFTER_MINUTES = 30;
export const DEFAULT_CATCH_UP_HOURS = 24;

export interface PublishingSettings {
  timeZone: string;
  /** An article still unpublished this long after publishAt is overdue: the scheduled job fails. */
  overdueAfterMs: number;
  /** A publication missed by more than this is not made up by itself: someone picks a new publishAt. */
  catchUpMs: number;
  theme?: string;
}

/**
 * What `publish --due` does with an article whose publishAt has come:
 * - publish: no record yet; start from the first step.
 * - resume: a record is in progress; carry on from its last recorded step.
 * - failed: WeChat refused it or its outcome is unknown; reported, never retried by itself.
 * - stale: missed by more than the catch-up window and never started; reported, not published.
 */
export type DueAction = 'publish' | 'resume' | 'failed' | 'stale';

export interface DueArticle {
  article: ArticleRecord;
  publishAt: string;
  publishAtMs: number;
  action: DueAction;
  record?: SourcedRecord<PublishRecord>;
}

export interface PublishingPlan {
  settings: PublishingSettings;
  now: number;
  due: DueArticle[];
  /** The next scheduled articles, soonest first, for the report. */
  upcoming: Array<{ article: ArticleRecord; publishAt: string }>;
  /** In-progress records whose article is no longer on this branch (removed after its draft was made). */
  orphaned: Array<SourcedRecord<PublishRecord>>;
}

/** Publishing settings of the policy in force on the given instant (its date in the policy's own zone). */
export function publishingSettings(repository: Repository, now: number): PublishingSettings {
  const { policy, timeZone: departmentZone } = departmentClock(
    repository.policies.map((entry) => entry.data),
    now,
  );
  const publishing = policy?.publishing;
  const settings: PublishingSettings = {
    timeZone: publishing?.timezone ?? departmentZone,
    overdueAfterMs: (publishing?.overdueAfterMinutes ?? DEFAULT_OVERDUE_AFTER_MINUTES) * 60_000,
    catchUpMs: (publishing?.catchUpHours ?? DEFAULT_CATCH_UP_HOURS) * 3_600_000,
  };
  if (publishing?.theme) settings.theme = publishing.theme;
  return settings;
}

/** Which articles on this branch are due at `now`, and what to do with each. Pure: reads nothing. */
export function planPublishing(
  repository: Repository,
  now: number,
  settings = publishingSettings(repository, now),
): PublishingPlan {
  const records = new Map<string, SourcedRecord<PublishRecord>>();
  for (const record of repository.publishRecords ?? []) {
    if (typeof record.data.article === 'string') records.set(record.data.article, record);
  }
  const due: DueArticle[] = [];
  const upcoming: PublishingPlan['upcoming'] = [];
  for (const article of repository.articles) {
    const publishAt = article.data.publishAt;
    if (typeof publishAt !== 'string' || !isOffsetDateTime(publishAt)) continue;
    const publishAtMs = Date.parse(publishAt);
    if (publishAtMs > now) {
      upcoming.push({ article, publishAt });
      continue;
    }
    const record = records.get(article.id);
    const status = record?.data.status;
    if (status === 'published') continue;
    let action: DueAction;
    if (status === 'failed') action = 'failed';
    else if (status === 'in-progress') action = 'resume';
    else action = now - publishAtMs > settings.catchUpMs ? 'stale' : 'publish';
    due.push({ article, publishAt, publishAtMs, action, ...(record ? { record } : {}) });
  }
  due.sort((a, b) => a.publishAtMs - b.publishAtMs || (a.article.id < b.article.id ? -1 : 1));
  upcoming.sort((a, b) => Date.parse(a.publishAt) - Date.parse(b.publishAt));
  const articleIds = new Set(repository.articles.map((article) => article.id));
  const orphaned = [...records.values()]
    .filter((record) => record.data.status === 'in-progress' && !articleIds.has(record.data.article))
    .sort((a, b) => (a.data.article < b.data.article ? -1 : 1));
  return { settings, now, due, upcoming: upcoming.slice(0, 5), orphaned };
}

export function isOverdue(publishAtMs: number, now: number, settings: PublishingSettings): boolean {
  return now - publishAtMs > settings.overdueAfterMs;
}

/**
 * --now as given: an ISO date-time with an offset, or a local one (no offset) read in the policy's
 * time zone, which is how the department talks about its schedule. Undefined when unreadable, and
 * for a local time that does not exist in the zone (skipped by a daylight-saving change).
 */
export function parseInstant(value: string, timeZone: string): number | undefined {
  // The one rule every --now/--at/--today option follows (src/core/model/date-time-option.ts).
  return parseDateTimeOption(value, timeZone)?.instant;
}
