/**
 * Words of the training page (/training/ and /en/training/). Pure: unit tests may import it.
 */
import type { CourseKind, CourseStatus } from '../core/training/training-year.ts';
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

export const TRAINING_LABELS: Record<Lang, TrainingLabels> = {
  'zh-CN': {
    title: (year) => `${year} 年度培训`,
    description: '年度培训计划、实际举办的培训与出勤、每位成员的累计学时，以及考核结果提出的培训需求。',
    lead: (courses, plannedHours, sessions, attendances) =>
      `全年计划 ${courses} 门课程、共 ${plannedHours} 学时；已举办 ${sessions} 次，累计出勤 ${attendances} 人次。`,
    target: (hours) => `年度目标：每人 ${hours} 学时；计划给某个角色安排的课程不足 ${hours} 学时的，以计划学时为准。`,
    noTarget: '培训计划没有规定年度学时目标。',
    noPlan: '还没有培训计划：在 content/training/plan-<年>.yaml 写下当年的课程后，这里会列出课程和出勤。',
    owner: (name) => `计划负责人：${name}。`,
    privacy:
      '本页只显示出勤与学时。培训记录里的备注（谁因为什么缺席）不上网站；考核结果只取“是否列入培训需求”和等级，不含分数与评语。',
    handbook: '培训制度见手册“培训与发展”。',
    planHeading: '年度培训计划',
    planCaption: (year, count) => `${year} 年培训计划，共 ${count} 门课程`,
    month: '月份',
    course: '课程',
    kind: '方式',
    audience: '对象',
    hours: '学时',
    trainer: '讲师',
    held: '举办情况',
    status: '状态',
    session: (date, hours, attendance) => `${date}，${hours} 学时，出勤 ${attendance} 人`,
    attendees: (attended, audience) => `共 ${attended} 人参加（面向 ${audience} 人）`,
    kinds: { internal: '内部培训', external: '外部培训', online: '线上学习', practice: '实践操作' },
    statuses: { held: '已完成', partial: '进行中', missed: '未举办', planned: '待举办' },
    membersHeading: '成员学时',
    membersCaption: (count, below) => `${count} 位成员的累计学时，${below} 人低于目标`,
    member: '成员',
    roles: '角色',
    memberHours: '累计学时',
    memberTarget: '目标',
    coursesDone: '已参加的课程',
    coursesMissed: '已举办但未参加',
    belowTarget: '低于目标',
    partOf: (hours, planned) => `（${hours}/${planned} 学时）`,
    needsHeading: '考核提出的培训需求',
    needsIntro: '月度或年度考核等级按制度列入培训需求的成员。主管在绩效面谈中与本人商定要加强的方面，并排进后续培训。',
    needsNone: '今年的考核结果中暂无列入培训需求的成员。',
    needsCaption: (count) => `考核提出的培训需求，共 ${count} 条`,
    period: '考核期',
    grade: '等级',
    annual: (year) => `${year} 年度`,
    hoursValue: (hours) => `${hours} 学时`,
  },
  en: {
    title: (year) => `Training ${year}`,
    description:
      'The yearly training plan, the sessions held and who attended, each member’s training hours, and the training needs recorded by appraisals.',
    lead: (courses, plannedHours, sessions, attendances) =>
      `${courses} courses planned, ${plannedHours} hours in all; ${sessions} sessions held, ${attendances} attendances.`,
    target: (hours) =>
      `Yearly target: ${hours} hours per member; where the plan offers a member’s roles fewer hours, the planned hours are the target.`,
    noTarget: 'The plan sets no yearly hours target.',
    noPlan:
      "There is no training plan yet: once the year's courses are written in content/training/plan-<year>.yaml, they and their attendance are listed here.",
    owner: (name) => `Plan owner: ${name}.`,
    privacy:
      'This page shows attendance and hours only. Session notes (who was away and why) are not published; from appraisal results only the training-need flag and the grade are used, never scores or comments.',
    handbook: 'The training policy is in the handbook, “Training and development”.',
    planHeading: 'The year’s plan',
    planCaption: (year, count) => `Training plan ${year}: ${count} courses`,
    month: 'Month',
    course: 'Course',
    kind: 'Form',
    audience: 'For',
    hours: 'Hours',
    trainer: 'Trainer',
    held: 'Sessions held',
    status: 'Status',
    session: (date, hours, attendance) => `${date}, ${hours} h, ${attendance} attended`,
    attendees: (attended, audience) => `${attended} attended in all (for ${audience})`,
    kinds: { internal: 'Internal', external: 'External', online: 'Online', practice: 'On the job' },
    statuses: { held: 'Held', partial: 'In progress', missed: 'Not held', planned: 'To come' },
    membersHeading: 'Hours per member',
    membersCaption: (count, below) => `Training hours of ${count} members; ${below} below target`,
    member: 'Member',
    roles: 'Roles',
    memberHours: 'Hours',
    memberTarget: 'Target',
    coursesDone: 'Courses attended',
    coursesMissed: 'Held but not attended',
    belowTarget: 'Below target',
    partOf: (hours, planned) => ` (${hours}/${planned} h)`,
    needsHeading: 'Training needs from appraisals',
    needsIntro:
      'Members whose monthly or annual grade records a training need under the policy. The supervisor agrees with them in the feedback interview what to strengthen, and it goes into the next sessions.',
    needsNone: 'No appraisal result this year records a training need.',
    needsCaption: (count) => `Training needs from appraisals: ${count}`,
    period: 'Period',
    grade: 'Grade',
    annual: (year) => `Year ${year}`,
    hoursValue: (hours) => `${hours} h`,
  },
};
