/**
 * Where each member's month stands in the appraisal cycle (policy 五（四）): self-assessment →
 * supervisor → peers → HR computation → feedback interview → application. Due dates are days of
 * the following month from `appraisal.cycle`, read in the policy's time zone. A member on leave
 * on the due day of their own step has it moved to the day after the leave; a member on leave
 * for the whole month is not appraised for it at all (see appraisedMembers).
 */
import { departmentTimeZone } from '../policy/department-clock.ts';
import { nextDay, nextMonth } from '../calendar/days.ts';
import { dateInTimeZone } from '../model/dates.ts';
import type { PolicyFile } from '../model/types.generated.ts';
import type { Repository } from '../repository/load-repository.ts';
import { appraisedMembers, leaveOn } from './gather-inputs.ts';

export const CYCLE_STEP_IDS = ['self', 'supervisor', 'peers', 'hr', 'interview', 'application'] as const;
export type CycleStepId = (typeof CYCLE_STEP_IDS)[number];

const DUE_DAY_OF: Record<CycleStepId, keyof PolicyFile['appraisal']['cycle']> = {
  self: 'selfAssessmentDueDay',
  supervisor: 'supervisorDueDay',
  peers: 'peersDueDay',
  hr: 'hrComputationDueDay',
  interview: 'interviewDueDay',
  application: 'applicationDueDay',
};

export interface CycleStepState {
  step: CycleStepId;
  due: string;
  done: boolean;
  /** The day it was done, when the record says. */
  doneOn?: string;
  overdue: boolean;
  /** The policy's due date, when leave moved this step's date (`due`) to the day after the leave. */
  postponedFrom?: string;
  /** Peers: ratings received and the minimum. */
  received?: number;
  required?: number;
}

export interface MemberCycle {
  member: string;
  name: string;
  /** Leave recorded in the roster between the start of the month and the end of its cycle. */
  leave: Array<{ from: string; to: string }>;
  steps: CycleStepState[];
}

/** The calendar date of an instant in a time zone; callers pass the one clock's now (no machine-clock default). */
export function todayIn(timeZone: string, now: Date): string {
  return dateInTimeZone(now.toISOString(), timeZone);
}

export function cycleStatus(repository: Repository, policy: PolicyFile, period: string, today: string): MemberCycle[] {
  const timeZone = departmentTimeZone(policy);
  const following = nextMonth(period);
  const dueOf = (step: CycleStepId) =>
    `${following}-${String(policy.appraisal.cycle[DUE_DAY_OF[step]] ?? 28).padStart(2, '0')}`;
  const finalization = (repository.finalizations ?? []).find((record) => record.data.period === period);
  return appraisedMembers(repository, period).map((member) => {
    const ratings = repository.ratings.filter(
      (record) => record.data.period === period && record.data.member === member.id,
    );
    const submitted = (role: string) =>
      ratings
        .filter((record) => record.data.role === role)
        .map((record) => dateInTimeZone(record.data.submittedAt, timeZone))
        .sort();
    const self = submitted('self');
    const supervisor = submitted('supervisor');
    const peers = submitted('peer');
    const interview = repository.interviews.find(
      (record) => record.data.period === period && record.data.member === member.id,
    );
    const result = (repository.scoreResults ?? []).find(
      (record) => record.data.period === period && record.data.member === member.id,
    );
    const state = (
      step: CycleStepId,
      done: boolean,
      doneOn?: string,
      extra: Partial<CycleStepState> = {},
    ): CycleStepState => {
      const policyDue = dueOf(step);
      // The member's own steps (self-assessment, the interview) cannot fall due while they are on leave: they move to the day after it.
      const away = step === 'self' || step === 'interview' ? leaveOn(member, policyDue) : undefined;
      const due = away ? nextDay(away.to) : policyDue;
      return {
        step,
        due,
        done,
        ...(doneOn ? { doneOn } : {}),
        overdue: !done && today > due,
        ...(away ? { postponedFrom: policyDue } : {}),
        ...extra,
      };
    };
    const cycleEnd = dueOf('application');
    const leave = (member.leave ?? [])
      .filter((entry) => entry.to >= `${period}-01` && entry.from <= cycleEnd)
      .map((entry) => ({ from: entry.from, to: entry.to }));
    const minPeers = policy.appraisal.minPeers;
    return {
      member: member.id,
      name: member.name,
      leave,
      steps: [
        state('self', self.length > 0, self[0]),
        state('supervisor', supervisor.length > 0, supervisor[0]),
        state('peers', peers.length >= minPeers, peers.length >= minPeers ? peers[minPeers - 1] : undefined, {
          received: peers.length,
          required: minPeers,
        }),
        state('hr', result !== undefined),
        state('interview', interview !== undefined, interview?.data.date),
        state(
          'application',
          finalization !== undefined,
          finalization ? dateInTimeZone(finalization.data.finalizedAt, timeZone) : undefined,
        ),
      ],
    };
  });
}
