/**
 * Who still has to write what for a month's appraisal (policy 五（四）), per person: the exact
 * file, whom it is about, by when (the policy's timetable, moved past a leave as cycle.ts does)
 * and the `mpflow new` line that starts it. Peers are asked by a fixed rotation, so everyone
 * knows whom to rate: each appraised member, in id order, is rated by the next `minPeers`
 * appraised members after them (going round), skipping their supervisor, who rates them anyway.
 */
import { departmentTimeZone } from '../policy/department-clock.ts';
import type { PolicyFile, TeamMember } from '../model/types.generated.ts';
import type { Repository } from '../repository/load-repository.ts';
import { indexMembers } from '../team/roster.ts';
import { nextMonth } from '../calendar/days.ts';
import { cycleStatus, type CycleStepId } from './cycle.ts';
import { appraisedMembers } from './gather-inputs.ts';

export type TodoKind = 'self' | 'supervisor' | 'peer' | 'interview' | 'write-results' | 'finalize';

export interface TodoItem {
  kind: TodoKind;
  /** Who writes it. */
  writer: string;
  /** Whom it is about ('' for the month's HR steps). */
  member: string;
  /** The file to write (HR steps: the folder). */
  path: string;
  due: string;
  overdue: boolean;
  /** The command that writes it. */
  command: string;
}

export interface PersonTodo {
  member: string;
  name: string;
  github?: string;
  items: TodoItem[];
}

export interface MonthTodo {
  period: string;
  policy: string;
  today: string;
  timeZone: string;
  finalised: boolean;
  people: PersonTodo[];
  /** Whether today is a day the reminder goes out: the first day after the month, a due day, or the day before one. */
  reminderDay: boolean;
}

/** The rotation: for each appraised member, the peers asked to rate them. */
export function peerAssignments(repository: Repository, policy: PolicyFile, period: string): Map<string, string[]> {
  const members = appraisedMembers(repository, period);
  const wanted = policy.appraisal.minPeers;
  const assignments = new Map<string, string[]>();
  members.forEach((member, index) => {
    const raters: string[] = [];
    for (let step = 1; step < members.length && raters.length < wanted; step += 1) {
      const candidate = members[(index + step) % members.length]!;
      if (candidate.id === member.supervisor) continue;
      raters.push(candidate.id);
    }
    assignments.set(member.id, raters);
  });
  return assignments;
}

export function monthTodo(repository: Repository, policy: PolicyFile, period: string, today: string): MonthTodo {
  const timeZone = departmentTimeZone(policy);
  const roster = indexMembers(repository.team?.data);
  const cycle = cycleStatus(repository, policy, period, today);
  const finalised = (repository.finalizations ?? []).some((record) => record.data.period === period);
  const files = repository.files;
  const items: TodoItem[] = [];
  const dueOf = (member: string, step: CycleStepId) =>
    cycle.find((entry) => entry.member === member)?.steps.find((state) => state.step === step)?.due ?? '';
  const add = (kind: TodoKind, writer: string, member: string, path: string, step: CycleStepId, command: string) => {
    const due = dueOf(member, step) || dueOf(cycle[0]?.member ?? '', step);
    items.push({ kind, writer, member, path, due, overdue: today > due, command });
  };
  const exists = (path: string) => files.has(path) || files.has(path.replace(/\.yaml$/, '.yml'));

  if (!finalised) {
    const assignments = peerAssignments(repository, policy, period);
    for (const member of appraisedMembers(repository, period)) {
      const folder = `appraisals/${period}/${member.id}`;
      const rating = (rater: string) => `mpflow new rating --period ${period} --member ${member.id} --rater ${rater}`;
      if (!exists(`${folder}/self.yaml`))
        add('self', member.id, member.id, `${folder}/self.yaml`, 'self', rating(member.id));
      if (member.supervisor !== undefined && roster.has(member.supervisor)) {
        if (!exists(`${folder}/supervisor.yaml`))
          add(
            'supervisor',
            member.supervisor,
            member.id,
            `${folder}/supervisor.yaml`,
            'supervisor',
            rating(member.supervisor),
          );
        if (!exists(`${folder}/interview.yaml`))
          add(
            'interview',
            member.supervisor,
            member.id,
            `${folder}/interview.yaml`,
            'interview',
            `mpflow new interview --period ${period} --member ${member.id} --date <YYYY-MM-DD>`,
          );
      }
      const peersDone = [...files].filter((file) => file.startsWith(`${folder}/peer-`)).length;
      if (peersDone < policy.appraisal.minPeers) {
        for (const rater of assignments.get(member.id) ?? []) {
          const path = `${folder}/peer-${rater}.yaml`;
          if (!exists(path)) add('peer', rater, member.id, path, 'peers', rating(rater));
        }
      }
    }
    const hr = [...roster.values()].filter((member) => member.roles.includes('hr')).map((member) => member.id);
    const first = cycle[0]?.member;
    if (first !== undefined) {
      const stale = cycle.some((entry) => !entry.steps.find((step) => step.step === 'hr')?.done);
      for (const writer of hr) {
        if (stale)
          add('write-results', writer, '', `appraisals/${period}/`, 'hr', `mpflow score --period ${period} --write`);
        add(
          'finalize',
          writer,
          '',
          `appraisals/${period}/finalized.yaml`,
          'application',
          `mpflow score --period ${period} --finalize --by ${writer}`,
        );
      }
    }
  }

  const people = new Map<string, PersonTodo>();
  for (const item of items.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.path < b.path ? -1 : 1))) {
    const member: TeamMember | undefined = roster.get(item.writer);
    const person = people.get(item.writer) ?? {
      member: item.writer,
      name: member?.name ?? item.writer,
      ...(member?.github ? { github: member.github } : {}),
      items: [],
    };
    person.items.push(item);
    people.set(item.writer, person);
  }
  const dueDays = new Set(items.map((item) => item.due));
  const dayBefore = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const firstAfter = `${nextMonth(period)}-01`;
  const reminderDay =
    items.length > 0 &&
    (today === firstAfter || dueDays.has(today) || [...dueDays].some((due) => dayBefore(due) === today));
  return {
    period,
    policy: policy.effective,
    today,
    timeZone,
    finalised,
    people: [...people.values()].sort((a, b) => (a.member < b.member ? -1 : 1)),
    reminderDay,
  };
}
