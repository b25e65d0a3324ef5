import { describe, expect, it } from 'vitest';
import { loadRepository } from '../../src/core/repository/load-repository.ts';
import { buildTrainingYear, trainingYears } from '../../src/core/training/training-year.ts';
import type { TeamMember, TrainingPlanFile, TrainingRecordsFile } from '../../src/core/model/types.generated.ts';
import { FIXTURE_DEPARTMENT, FixtureRepository } from '../helpers/fixture-repository.ts';

const MEMBERS: TeamMember[] = [
  { id: 'zhou-min', name: '周敏', github: 'zhoumin', roles: ['head'], joined: '2019-04-15' },
  { id: 'chen-yu', name: '陈雨', github: 'chenyu', roles: ['operator'], supervisor: 'zhou-min', joined: '2021-07-01' },
  {
    id: 'lin-xiao',
    name: '林晓',
    github: 'linxiao',
    roles: ['copywriter'],
    supervisor: 'zhou-min',
    joined: '2022-03-14',
  },
  {
    id: 'ex-staff',
    name: '许离',
    github: 'xuli',
    roles: ['copywriter'],
    supervisor: 'zhou-min',
    joined: '2020-01-01',
    left: '2026-03-31',
  },
];

const PLAN: TrainingPlanFile = {
  year: 2026,
  owner: 'zhou-min',
  targetHours: 10,
  courses: [
    {
      id: 'TR-2026-01',
      title: '公众号排版与可读性',
      kind: 'internal',
      audience: ['copywriter'],
      hours: 3,
      month: '2026-03',
      trainer: 'lin-xiao',
    },
    {
      id: 'TR-2026-02',
      title: '广告法与平台内容规范',
      kind: 'external',
      audience: ['head', 'operator', 'copywriter'],
      hours: 4,
      month: '2026-04',
      trainerExternal: '福建榕信律师事务所',
    },
    {
      id: 'TR-2026-03',
      title: '选题与长文写作工作坊',
      kind: 'practice',
      audience: ['copywriter', 'operator'],
      hours: 6,
      month: '2026-06',
    },
    {
      id: 'TR-2026-04',
      title: '公众号后台数据分析入门',
      kind: 'online',
      audience: ['operator'],
      hours: 4,
      month: '2026-07',
    },
    {
      id: 'TR-2026-05',
      title: '2027 年内容规划复盘会',
      kind: 'practice',
      audience: ['head', 'operator', 'copywriter'],
      hours: 3,
      month: '2026-12',
    },
  ],
};

const RECORDS: TrainingRecordsFile = {
  year: 2026,
  sessions: [
    {
      course: 'TR-2026-01',
      date: '2026-03-18',
      hours: 3,
      attendees: ['lin-xiao', 'ex-staff'],
      notes: '许离病假，改为看录像。',
    },
    { course: 'TR-2026-02', date: '2026-04-22', hours: 4, attendees: ['zhou-min', 'chen-yu', 'lin-xiao'] },
    { course: 'TR-2026-03', date: '2026-06-10', hours: 3, attendees: ['chen-yu', 'lin-xiao'] },
    {
      course: 'TR-2026-03',
      date: '2026-06-24',
      hours: 3,
      attendees: ['chen-yu'],
      notes: '林晓请假（家中有事），未参加。',
    },
  ],
};

const build = (today: string, flags: Parameters<typeof buildTrainingYear>[0]['appraisalFlags'] = []) =>
  buildTrainingYear({ plan: PLAN, records: RECORDS, members: MEMBERS, appraisalFlags: flags, today });

describe('the training year', () => {
  it('adds up each member’s hours and courses, and marks who is below the target', () => {
    const year = build('2026-11-26');
    const byId = Object.fromEntries(year.members.map((member) => [member.id, member]));
    expect(Object.keys(byId)).toEqual(['zhou-min', 'chen-yu', 'lin-xiao']);
    expect(byId['chen-yu']).toMatchObject({ hours: 10, sessions: 3, plannedHours: 17, target: 10, belowTarget: false });
    expect(byId['chen-yu']!.courses).toEqual([
      { id: 'TR-2026-02', title: '广告法与平台内容规范', hours: 4, planned: 4, complete: true },
      { id: 'TR-2026-03', title: '选题与长文写作工作坊', hours: 6, planned: 6, complete: true },
    ]);
    // 林晓 went to half of the workshop: 3 + 4 + 3 = 10 hours, the workshop incomplete.
    expect(byId['lin-xiao']).toMatchObject({ hours: 10, target: 10, belowTarget: false });
    expect(byId['lin-xiao']!.courses.find((course) => course.id === 'TR-2026-03')).toMatchObject({
      hours: 3,
      complete: false,
    });
    // The head's courses add up to 7 planned hours, so 7 is the target, not 10.
    expect(byId['zhou-min']).toMatchObject({ hours: 4, plannedHours: 7, target: 7, belowTarget: true });
    // chen-yu's analytics course was never held: missed by the plan, not by chen-yu.
    expect(byId['chen-yu']!.missedCourses).toEqual([]);
  });

  it('gives each course its sessions, attendance and status as of the day', () => {
    const year = build('2026-11-26');
    const status = Object.fromEntries(year.courses.map((course) => [course.id, course.status]));
    expect(status).toEqual({
      'TR-2026-01': 'held',
      'TR-2026-02': 'held',
      'TR-2026-03': 'held',
      'TR-2026-04': 'missed',
      'TR-2026-05': 'planned',
    });
    const workshop = year.courses.find((course) => course.id === 'TR-2026-03')!;
    expect(workshop.sessions).toEqual([
      { date: '2026-06-10', hours: 3, attendance: 2 },
      { date: '2026-06-24', hours: 3, attendance: 1 },
    ]);
    expect(workshop).toMatchObject({ heldHours: 6, attendees: 2, audienceSize: 2 });
    expect(year.courses[0]!.trainer).toEqual({ id: 'lin-xiao', name: '林晓' });
    expect(year.totals).toEqual({ plannedHours: 20, heldHours: 13, sessions: 4, attendances: 8, memberHours: 24 });
    // Earlier in the year the workshop is only partly held and later courses are still to come.
    const june = build('2026-06-15');
    expect(june.courses.find((course) => course.id === 'TR-2026-03')!.status).toBe('partial');
    expect(june.courses.find((course) => course.id === 'TR-2026-04')!.status).toBe('planned');
  });

  it('lists courses held but not attended, except those the member taught', () => {
    const records: TrainingRecordsFile = {
      year: 2026,
      sessions: [
        { course: 'TR-2026-01', date: '2026-03-18', hours: 3, attendees: ['ex-staff'] },
        ...RECORDS.sessions.slice(1),
      ],
    };
    const asTrainer = buildTrainingYear({
      plan: PLAN,
      records,
      members: MEMBERS,
      appraisalFlags: [],
      today: '2026-11-26',
    });
    expect(asTrainer.members.find((member) => member.id === 'lin-xiao')!.missedCourses).toEqual([]);
    const taughtByOther: TrainingPlanFile = {
      ...PLAN,
      courses: PLAN.courses.map((course) => (course.id === 'TR-2026-01' ? { ...course, trainer: 'zhou-min' } : course)),
    };
    const missed = buildTrainingYear({
      plan: taughtByOther,
      records,
      members: MEMBERS,
      appraisalFlags: [],
      today: '2026-11-26',
    });
    expect(missed.members.find((member) => member.id === 'lin-xiao')!.missedCourses).toEqual([
      { id: 'TR-2026-01', title: '公众号排版与可读性' },
    ]);
  });

  it('never carries session notes (they name who was away and why)', () => {
    const json = JSON.stringify(build('2026-11-26'));
    expect(json).not.toContain('病假');
    expect(json).not.toContain('家中有事');
    expect(json).not.toContain('notes');
  });

  it('lists training needs from this year’s monthly results and last year’s annual result only', () => {
    const year = build('2026-11-26', [
      { member: 'lin-xiao', period: '2026-10', grade: 'C', trainingNeed: true },
      { member: 'chen-yu', period: '2026-10', grade: 'A', trainingNeed: false },
      { member: 'chen-yu', period: '2025', grade: 'D', trainingNeed: true },
      { member: 'lin-xiao', period: '2024-12', grade: 'D', trainingNeed: true },
    ]);
    expect(year.trainingNeeds).toEqual([
      { member: 'lin-xiao', name: '林晓', period: '2026-10', grade: 'C' },
      { member: 'chen-yu', name: '陈雨', period: '2025', grade: 'D' },
    ]);
  });

  it('without a target in the plan, nobody is marked below it', () => {
    const { targetHours: _ignored, ...withoutTarget } = PLAN;
    const year = buildTrainingYear({
      plan: withoutTarget,
      records: RECORDS,
      members: MEMBERS,
      appraisalFlags: [],
      today: '2026-11-26',
    });
    expect(year.targetHours).toBeUndefined();
    expect(year.members.every((member) => member.target === undefined && !member.belowTarget)).toBe(true);
  });
});

describe('from a repository', () => {
  it('reads only the trainingNeed flag and grade from appraisal results, never ratings or comments', async () => {
    const fixture = await FixtureRepository.create();
    try {
      await fixture.write(
        'content/training/plan-2026.yaml',
        `year: 2026\ntargetHours: 6\ncourses:\n  - { id: TR-2026-01, title: 公众号排版与可读性, kind: internal, audience: [copywriter], hours: 3, month: 2026-03 }\n`,
      );
      await fixture.write(
        'content/training/records-2026.yaml',
        `year: 2026\nsessions:\n  - { course: TR-2026-01, date: 2026-03-18, hours: 3, attendees: [lin-xiao] }\n`,
      );
      const { readFile } = await import('node:fs/promises');
      const result = await readFile(`${FIXTURE_DEPARTMENT}/appraisals/2026-09/lin-xiao/result.yaml`, 'utf8');
      await fixture.write(
        'appraisals/2026-09/lin-xiao/result.yaml',
        result.replace(/grade: \w+/, 'grade: C').replace('trainingNeed: false', 'trainingNeed: true'),
      );
      const { repository } = await loadRepository(fixture.root);
      const [year] = trainingYears(repository, '2026-11-26');
      expect(year!.trainingNeeds).toEqual([{ member: 'lin-xiao', name: '林晓', period: '2026-09', grade: 'C' }]);
      expect(year!.members.find((member) => member.id === 'lin-xiao')).toMatchObject({
        hours: 3,
        target: 3,
        belowTarget: false,
      });
      // The rating the fixture holds (supervisor.yaml) has a comment; none of it reaches the view.
      const rating = await fixture.read('appraisals/2026-09/lin-xiao/supervisor.yaml');
      const comment = /comment: (.+)/.exec(rating)?.[1];
      if (comment) expect(JSON.stringify(year)).not.toContain(comment.trim());
      expect(JSON.stringify(year)).not.toMatch(/score|rating|comment/i);
    } finally {
      await fixture.dispose();
    }
  });

  it('the sample department: 2026 plan, hours per member and who is below 20 hours', async () => {
    const { repository } = await loadRepository(FIXTURE_DEPARTMENT);
    const [year] = trainingYears(repository, '2026-11-26');
    expect(year!.year).toBe(2026);
    expect(year!.targetHours).toBe(20);
    const hours = Object.fromEntries(year!.members.map((member) => [member.id, [member.hours, member.belowTarget]]));
    expect(hours).toEqual({
      'zhou-min': [4, true],
      'chen-yu': [24, false],
      'lin-xiao': [19, true],
      'wang-jia': [22, false],
      'huang-shan': [21, false],
      'zheng-hao': [21, false],
      'liu-fang': [2, true],
    });
    expect(year!.courses.find((course) => course.id === 'TR-2026-09')).toMatchObject({
      status: 'held',
      heldHours: 4,
      attendees: 3,
    });
    expect(year!.courses.find((course) => course.id === 'TR-2026-10')!.status).toBe('planned');
  });
});
