/**
 * Words of the training page (/training/ and /<locale>/training/; `site-training.*` messages,
 * src/i18n/<locale>/site-training.yaml). Pure: unit tests may import it.
 */
import type { CourseKind, CourseStatus } from '../core/training/training-year.ts';
import { messagesUnder, textsUnder } from './site-messages.ts';
import type { Lang } from './site-labels.ts';

export interface TrainingLabels {
  title: (year: number) => string;
  description: string;
  lead: (courses: number, plannedHours: number, sessions: number, attendances: number) => string;
  target: (hours: number) => string;
  noTarget: string;
  /** No training plan in the repository yet. */
  noPlan: string;
  owner: (name: string) => string;
  privacy: string;
  handbook: string;
  planHeading: string;
  planCaption: (year: number, count: number) => string;
  month: string;
  course: string;
  kind: string;
  audience: string;
  hours: string;
  trainer: string;
  held: string;
  status: string;
  session: (date: string, hours: string, attendance: number) => string;
  attendees: (attended: number, audience: number) => string;
  kinds: Record<CourseKind, string>;
  statuses: Record<CourseStatus, string>;
  membersHeading: string;
  membersCaption: (count: number, below: number) => string;
  member: string;
  roles: string;
  memberHours: string;
  memberTarget: string;
  coursesDone: string;
  coursesMissed: string;
  belowTarget: string;
  partOf: (hours: string, planned: string) => string;
  needsHeading: string;
  needsIntro: string;
  needsNone: string;
  needsCaption: (count: number) => string;
  period: string;
  grade: string;
  annual: (year: string) => string;
  hoursValue: (hours: string) => string;
}

const COURSE_KINDS = ['internal', 'external', 'online', 'practice'] as const satisfies readonly CourseKind[];
const COURSE_STATUSES = ['held', 'partial', 'missed', 'planned'] as const satisfies readonly CourseStatus[];

/** The words of the training page in a language. */
export function trainingLabels(lang: Lang): TrainingLabels {
  const m = messagesUnder(lang, 'site-training');
  return {
    ...textsUnder(lang, 'site-training', [
      'description',
      'noTarget',
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
    ]),
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
