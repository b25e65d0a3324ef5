/**
 * The year's training as people read it: the plan with what was actually held, each member's
 * hours and courses against the plan for their roles, and the training needs that appraisal
 * results recorded. Shared by the site's training page and anything else that reports on it.
 *
 * Privacy: session notes are not carried over (they say who was away and why), roster leave is
 * not read, and from appraisal results only the period, the grade and the trainingNeed flag
 * are taken; never scores, ratings or comments.
 */
import type { Repository } from '../repository/load-repository.ts';
import type { Role } from '../team/roster.ts';
import type { TeamMember, TrainingCourse, TrainingPlanFile, TrainingRecordsFile } from '../model/types.generated.ts';

export type CourseKind = TrainingCourse['kind'];

/** held: all planned hours given; partial: some; missed: its month is over and nothing was held; planned: still to come. */
export type CourseStatus = 'held' | 'partial' | 'missed' | 'planned';

export interface CourseSessionView {
  date: string;
  hours: number;
  attendance: number;
}

export interface CourseView {
  id: string;
  title: string;
  kind: CourseKind;
  audience: Role[];
  hours: number;
  month: string;
  trainer?: { id: string; name: string };
  trainerExternal?: string;
  objectives?: string;
  sessions: CourseSessionView[];
  heldHours: number;
  /** Distinct members who attended at least one session. */
  attendees: number;
  /** Current members whose roles the course is for. */
  audienceSize: number;
  status: CourseStatus;
}

export interface MemberCourseView {
  id: string;
  title: string;
  /** Hours the member attended of this course. */
  hours: number;
  /** The course's planned hours. */
  planned: number;
  complete: boolean;
}

export interface MemberTrainingView {
  id: string;
  name: string;
  roles: Role[];
  /** Hours attended this year, all courses. */
  hours: number;
  sessions: number;
  /** Courses attended (fully or in part). */
  courses: MemberCourseView[];
  /** Courses of the plan meant for the member's roles. */
  plannedCourses: number;
  plannedHours: number;
  /** Planned for the member's roles, already held (in full or in part), not attended at all, and not taught by the member. */
  missedCourses: Array<{ id: string; title: string }>;
  /** min(plan.targetHours, plannedHours); undefined when the plan sets no target. */
  target?: number;
  belowTarget: boolean;
}

export interface TrainingNeedView {
  member: string;
  name: string;
  /** yyyy-mm for a monthly result, yyyy for an annual one. */
  period: string;
  grade?: string;
}

export interface TrainingYearView {
  year: number;
  owner?: { id: string; name: string };
  targetHours?: number;
  courses: CourseView[];
  members: MemberTrainingView[];
  totals: { plannedHours: number; heldHours: number; sessions: number; attendances: number; memberHours: number };
  trainingNeeds: TrainingNeedView[];
}

interface YearInput {
  plan: TrainingPlanFile;
  records?: TrainingRecordsFile;
  members: readonly TeamMember[];
  /** Appraisal results reduced to what the page may show. */
  appraisalFlags: ReadonlyArray<{ member: string; period: string; grade?: string; trainingNeed: boolean }>;
  /** Today in the department's time zone, yyyy-mm-dd: decides which courses are overdue and who is still a member. */
  today: string;
}

const round = (value: number) => Math.round(value * 100) / 100;

export function buildTrainingYear(input: YearInput): TrainingYearView {
  const { plan, records, today } = input;
  const currentMonth = today.slice(0, 7);
  const current = input.members.filter((member) => !member.left || member.left > today);
  const names = new Map(input.members.map((member) => [member.id, member.name]));
  const sessions = (records?.sessions ?? []).filter((session) => session.date <= today);

  const courses: CourseView[] = plan.courses.map((course) => {
    const held = sessions
      .filter((session) => session.course === course.id)
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const heldHours = round(held.reduce((sum, session) => sum + session.hours, 0));
    const status: CourseStatus =
      heldHours >= course.hours
        ? 'held'
        : heldHours > 0
          ? 'partial'
          : course.month < currentMonth
            ? 'missed'
            : 'planned';
    const view: CourseView = {
      id: course.id,
      title: course.title,
      kind: course.kind,
      audience: course.audience,
      hours: course.hours,
      month: course.month,
      sessions: held.map((session) => ({
        date: session.date,
        hours: session.hours,
        attendance: session.attendees.length,
      })),
      heldHours,
      attendees: new Set(held.flatMap((session) => session.attendees)).size,
      audienceSize: current.filter((member) => member.roles.some((role) => course.audience.includes(role))).length,
      status,
    };
    if (course.trainer) view.trainer = { id: course.trainer, name: names.get(course.trainer) ?? course.trainer };
    if (course.trainerExternal) view.trainerExternal = course.trainerExternal;
    if (course.objectives) view.objectives = course.objectives;
    return view;
  });
  const courseById = new Map(courses.map((course) => [course.id, course]));

  const members: MemberTrainingView[] = current.map((member) => {
    const attended = sessions.filter((session) => session.attendees.includes(member.id));
    const hoursByCourse = new Map<string, number>();
    for (const session of attended)
      hoursByCourse.set(session.course, (hoursByCourse.get(session.course) ?? 0) + session.hours);
    const memberCourses: MemberCourseView[] = [...hoursByCourse].map(([id, hours]) => {
      const course = courseById.get(id);
      return {
        id,
        title: course?.title ?? id,
        hours: round(hours),
        planned: course?.hours ?? hours,
        complete: hours >= (course?.hours ?? hours),
      };
    });
    memberCourses.sort((a, b) => (a.id < b.id ? -1 : 1));
    const planned = courses.filter((course) => member.roles.some((role) => course.audience.includes(role)));
    const plannedHours = round(planned.reduce((sum, course) => sum + course.hours, 0));
    const hours = round(attended.reduce((sum, session) => sum + session.hours, 0));
    const view: MemberTrainingView = {
      id: member.id,
      name: member.name,
      roles: member.roles,
      hours,
      sessions: attended.length,
      courses: memberCourses,
      plannedCourses: planned.length,
      plannedHours,
      // The trainer of a course taught it: not a course they missed.
      missedCourses: planned
        .filter((course) => course.heldHours > 0 && !hoursByCourse.has(course.id) && course.trainer?.id !== member.id)
        .map(({ id, title }) => ({ id, title })),
      belowTarget: false,
    };
    if (plan.targetHours !== undefined) {
      view.target = round(Math.min(plan.targetHours, plannedHours));
      view.belowTarget = hours < view.target;
    }
    return view;
  });

  const trainingNeeds: TrainingNeedView[] = input.appraisalFlags
    // This year's monthly results, and the annual results of last year (they shape this year's plan) and this year.
    .filter(
      (flag) =>
        flag.trainingNeed &&
        (flag.period.startsWith(`${plan.year}-`) ||
          flag.period === String(plan.year) ||
          flag.period === String(plan.year - 1)),
    )
    .map((flag) => {
      const need: TrainingNeedView = {
        member: flag.member,
        name: names.get(flag.member) ?? flag.member,
        period: flag.period,
      };
      if (flag.grade) need.grade = flag.grade;
      return need;
    })
    .sort((a, b) => (a.period === b.period ? (a.member < b.member ? -1 : 1) : a.period < b.period ? 1 : -1));

  const view: TrainingYearView = {
    year: plan.year,
    courses,
    members,
    totals: {
      plannedHours: round(courses.reduce((sum, course) => sum + course.hours, 0)),
      heldHours: round(courses.reduce((sum, course) => sum + course.heldHours, 0)),
      sessions: sessions.filter((session) => courseById.has(session.course)).length,
      attendances: sessions.reduce((sum, session) => sum + session.attendees.length, 0),
      memberHours: round(members.reduce((sum, member) => sum + member.hours, 0)),
    },
    trainingNeeds,
  };
  if (plan.owner) view.owner = { id: plan.owner, name: names.get(plan.owner) ?? plan.owner };
  if (plan.targetHours !== undefined) view.targetHours = plan.targetHours;
  return view;
}

/**
 * Every plan year of a checked repository. Appraisal results contribute only member, period,
 * grade and the trainingNeed flag, monthly and annual.
 */
export function trainingYears(repository: Repository, today: string): TrainingYearView[] {
  const members = repository.team?.data.members ?? [];
  const appraisalFlags: Array<{ member: string; period: string; grade?: string; trainingNeed: boolean }> = [];
  for (const { data } of repository.scoreResults ?? []) {
    if (data.status !== 'scored' || !data.application) continue;
    const flag: { member: string; period: string; grade?: string; trainingNeed: boolean } = {
      member: data.member,
      period: data.period,
      trainingNeed: data.application.trainingNeed,
    };
    if (data.grade) flag.grade = data.grade;
    appraisalFlags.push(flag);
  }
  for (const { data } of repository.annualResults ?? []) {
    for (const [member, result] of Object.entries(data.members ?? {})) {
      if (!result?.application) continue;
      const flag: { member: string; period: string; grade?: string; trainingNeed: boolean } = {
        member,
        period: String(data.year),
        trainingNeed: result.application.trainingNeed,
      };
      if (result.grade) flag.grade = result.grade;
      appraisalFlags.push(flag);
    }
  }
  return repository.trainingPlans
    .filter((plan) => plan.valid)
    .map((plan) => {
      const records = repository.trainingRecords.find(
        (candidate) => candidate.valid && candidate.data.year === plan.data.year,
      )?.data;
      const input: YearInput = { plan: plan.data, members, appraisalFlags, today };
      if (records) input.records = records;
      return buildTrainingYear(input);
    })
    .sort((a, b) => b.year - a.year);
}
