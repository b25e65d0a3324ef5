/**
 * Words of the editorial calendar and the article preview pages (`site-calendar.*` messages,
 * src/i18n/<locale>/site-calendar.yaml). Pure: unit tests and pages import it alike.
 */
import type { PublishingState, ReviewState } from './calendar-view.ts';
import { type Texts, messagesUnder, siteTranslator, textsUnder } from './site-messages.ts';
import type { Lang } from './site-labels.ts';

/** The plain texts (no parameters) of CalendarLabels.calendar, one message each. */
const CALENDAR_TEXTS = [
  'title',
  'jumpTo',
  'current',
  'when',
  'article',
  'people',
  'review',
  'publishing',
  'author',
  'designer',
  'preview',
  'openInWeChat',
  'empty',
] as const;

/** The plain texts (no parameters) of CalendarLabels.preview, one message each. */
const PREVIEW_TEXTS = [
  'facts',
  'theme',
  'characters',
  'tooLong',
  'images',
  'references',
  'scheduled',
  'status',
  'note',
  'back',
  'calendar',
] as const;

export interface CalendarLabels {
  calendar: Texts<typeof CALENDAR_TEXTS> & {
    /** The page's description, naming the department's time zone (timeZoneName). */
    description: (zone: string) => string;
    summary: (counts: Record<PublishingState, number>, total: number) => string;
    statusNote: (builtAt: string, overdueAfterMinutes: number) => string;
    caption: (month: string, count: number) => string;
    publishedAt: (dateTime: string) => string;
    failedAt: (step: string, status: number | undefined) => string;
    pr: (pr: number) => string;
    mergedAt: (dateTime: string) => string;
    states: Record<PublishingState, string>;
    reviewStates: Record<ReviewState, string>;
    stageStates: Record<'pending' | 'done' | 'rejected', string>;
  };
  preview: Texts<typeof PREVIEW_TEXTS> & {
    title: (title: string) => string;
    description: (title: string) => string;
    phone: (title: string) => string;
    charactersValue: (count: number, limit: number) => string;
  };
}

const PUBLISHING_STATES = [
  'published',
  'failed',
  'publishing',
  'scheduled',
  'due',
  'overdue',
] as const satisfies readonly PublishingState[];
const REVIEW_STATES = ['approved', 'rejected', 'incomplete', 'none'] as const satisfies readonly ReviewState[];

/** The words of the calendar and the preview pages in a language. */
export function calendarLabels(lang: Lang): CalendarLabels {
  const calendar = messagesUnder(lang, 'site-calendar.calendar');
  const preview = messagesUnder(lang, 'site-calendar.preview');
  const translator = siteTranslator(lang);
  // A publishing step the messages do not name (a newer publisher's) shows as its id.
  const step = (id: string) => {
    const key = `site-calendar.calendar.steps.${id}`;
    return translator.has(key) ? translator.t(key) : id;
  };
  return {
    calendar: {
      ...textsUnder(lang, 'site-calendar.calendar', CALENDAR_TEXTS),
      description: (zone) => calendar('description', { zone }),
      summary: (counts, total) => calendar('summary', { ...counts, total }),
      statusNote: (builtAt, minutes) => calendar('statusNote', { builtAt, minutes }),
      caption: (month, count) => calendar('caption', { month, count }),
      publishedAt: (dateTime) => calendar('publishedAt', { dateTime }),
      failedAt: (id, status) => calendar('failedAt', { step: step(id), status: status ?? 'none' }),
      pr: (pr) => calendar('pr', { pr }),
      mergedAt: (dateTime) => calendar('mergedAt', { dateTime }),
      states: textsUnder(lang, 'site-calendar.calendar.states', PUBLISHING_STATES),
      reviewStates: textsUnder(lang, 'site-calendar.calendar.reviewStates', REVIEW_STATES),
      stageStates: textsUnder(lang, 'site-calendar.calendar.stageStates', ['pending', 'done', 'rejected']),
    },
    preview: {
      ...textsUnder(lang, 'site-calendar.preview', PREVIEW_TEXTS),
      title: (title) => preview('title', { title }),
      description: (title) => preview('description', { title }),
      phone: (title) => preview('phone', { title }),
      charactersValue: (count, limit) => preview('charactersValue', { count, limit }),
    },
  };
}
