/**
 * Words of the training page (/training/ and /<locale>/training/; `site-training.*` messages,
 * src/i18n/<locale>/site-training.yaml). Pure: unit tests may import it.
 */
import type { CourseKind, CourseStatus } from '../core/training/training-year.ts';
import { type Texts, messagesUnder, textsUnder } from './site-messages.ts';
import type { Lang } from './site-labels.ts';

/** The plain texts (no parameters) of TrainingLabels, one message each. */
const TRAINING_TEXTS = [
  'description',
  'noTarget',
  // No training plan in the repository yet.
  'noPlan',
  'privacy',
  'handbook',
  'planHeading',
  'month',
  'course',
  'kind',
  'audience',
  'hours',
  'trainer',
  'held',
  'status',
  'membersHeading',
  'member',
  'roles',
  'memberHours',
  'memberTarget',
  'coursesDone',
  'coursesMissed',
  'belowTarget',
  'needsHeading',
  'needsIntro',
  'needsNone',
  'period',
  'grade',
] as const;

export interface TrainingLabels extends Texts<typeof TRAINING_TEXTS> {
  title: (year: number) => string;
  lead: (courses: number, plannedHours: number, sessions: number, attendances: number) => string;
  target: (hours: number) => string;
  owner: (name: string) => string;
  planCaption: (year: number, count: number) => string;
  session: (date: string, hours: string, attendance: number) => string;
  attendees: (attended: number, audience: number) => string;
  kinds: Record<CourseKind, string>;
  statuses: Record<CourseStatus, string>;
  membersCaption: (count: number, below: number) => string;
  partOf: (hours: string, planned: string) => string;
  needsCaption: (count: number) => string;
  annual: (year: string) => string;
  hoursValue: (hours: string) => string;
}

const COURSE_KINDS = ['internal', 'external', 'online', 'practice'] as const satisfies readonly CourseKind[];
const COURSE_STATUSES = ['held', 'partial', 'missed', 'planned'] as const satisfies readonly CourseStatus[];

/** The words of the training page in a language. */
export function trainingLabels(lang: Lang): TrainingLabels {
  const m = messagesUnder(lang, 'site-training');
  return {
    ...textsUnder(lang, 'site-training', TRAINING_TEXTS),
    title: (year) => m('title', { year }),
    lead: (courses, plannedHours, sessions, attendances) => m('lead', { courses, plannedHours, sessions, attendances }),
    target: (hours) => m('target', { hours }),
    owner: (name) => m('owner', { name }),
    planCaption: (year, count) => m('planCaption', { year, count }),
    session: (date, hours, attendance) => m('session', { date, hours, attendance }),
    attendees: (attended, audience) => m('attendees', { attended, audience }),
    kinds: textsUnder(lang, 'site-training.kinds', COURSE_KINDS),
    statuses: textsUnder(lang, 'site-training.statuses', COURSE_STATUSES),
    membersCaption: (count, below) => m('membersCaption', { count, below }),
    partOf: (hours, planned) => m('partOf', { hours, planned }),
    needsCaption: (count) => m('needsCaption', { count }),
    annual: (year) => m('annual', { year }),
    hoursValue: (hours) => m('hoursValue', { hours }),
  };
}
