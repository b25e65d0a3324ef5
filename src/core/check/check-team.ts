import { text, type LocalizedText } from '../i18n/language.ts';
import type { Repository } from '../repository/load-repository.ts';
import { indexMembers } from '../team/roster.ts';
import type { Problem } from '../diagnostics/problem.ts';
import { makeProblem } from '../diagnostics/make-problem.ts';
import { checkDateOrder, checkMemberReference, listOf } from './reference-helpers.ts';

export function checkTeam(repository: Repository, problems: Problem[]): void {
  const team = repository.team;
  if (!team) {
    if (!repository.files.has('content/team.yaml')) {
      problems.push(
        makeProblem(
          'content/team.yaml',
          'team/missing',
          text(
            '没有成员名册 content/team.yaml，无法核对作者和审核人。',
            'There is no roster at content/team.yaml, so authors and reviewers cannot be checked.',
          ),
        ),
      );
    }
    return;
  }
  const members = team.data.members;
  if (!Array.isArray(members)) return;
  const membersById = indexMembers(team.data);
  // The first member that used each id and each GitHub login (compared without case): a later one is named.
  const firstIndexOfId = new Map<string, number>();
  const firstIndexOfLogin = new Map<string, number>();
  const reportRepeat = (
    firstIndex: Map<string, number>,
    key: string,
    index: number,
    field: 'id' | 'github',
    message: (first: number) => LocalizedText,
  ) => {
    const first = firstIndex.get(key);
    if (first === undefined) firstIndex.set(key, index);
    else
      problems.push(
        makeProblem(
          team.file,
          'id/duplicate',
          message(first + 1),
          team.locate(['members', index, field]),
          `members[${index}].${field}`,
        ),
      );
  };
  members.forEach((member, index) => {
    if (!member || typeof member !== 'object') return;
    const { id, github } = member;
    if (typeof id === 'string')
      reportRepeat(firstIndexOfId, id, index, 'id', (first) =>
        text(`成员编号“${id}”已被第 ${first} 位成员使用。`, `Member id "${id}" is already used by member ${first}.`),
      );
    if (typeof github === 'string')
      reportRepeat(firstIndexOfLogin, github.toLowerCase(), index, 'github', (first) =>
        text(
          `GitHub 用户名“${github}”已被第 ${first} 位成员使用；一个账号只能对应一位成员。`,
          `GitHub login "${github}" is already used by member ${first}; one account, one member.`,
        ),
      );
    if (member.supervisor !== undefined) {
      if (member.supervisor === member.id) {
        problems.push(
          makeProblem(
            team.file,
            'team/supervisor-cycle',
            text(`${member.id} 不能是自己的上级。`, `${member.id} cannot supervise themselves.`),
            team.locate(['members', index, 'supervisor']),
            `members[${index}].supervisor`,
          ),
        );
      } else {
        checkMemberReference(team, ['members', index, 'supervisor'], member.supervisor, membersById, problems);
      }
    }
    checkDateOrder(
      team,
      ['members', index, 'joined'],
      member.joined,
      ['members', index, 'left'],
      member.left,
      problems,
    );
    listOf(member.leave).forEach((period, leaveIndex) => {
      checkDateOrder(
        team,
        ['members', index, 'leave', leaveIndex, 'from'],
        period?.from,
        ['members', index, 'leave', leaveIndex, 'to'],
        period?.to,
        problems,
      );
    });
  });

  // A supervisor chain must end; otherwise nobody can finalise anyone's appraisal.
  members.forEach((member, index) => {
    if (!member || typeof member.id !== 'string' || member.supervisor === member.id) return;
    const visited = new Set<string>([member.id]);
    let current = member.supervisor ? membersById.get(member.supervisor) : undefined;
    while (current) {
      if (visited.has(current.id)) {
        if (current.id === member.id) {
          problems.push(
            makeProblem(
              team.file,
              'team/supervisor-cycle',
              text(
                `上级关系成环：${[...visited].join(' → ')} → ${member.id}。`,
                `Supervisor chain loops: ${[...visited].join(' → ')} → ${member.id}.`,
              ),
              team.locate(['members', index, 'supervisor']),
              `members[${index}].supervisor`,
            ),
          );
        }
        return;
      }
      visited.add(current.id);
      current = current.supervisor ? membersById.get(current.supervisor) : undefined;
    }
  });
}
