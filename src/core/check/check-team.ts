import { text } from '../i18n/language.ts';
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
  const firstIndexOfId = new Map<string, number>();
  const firstIndexOfLogin = new Map<string, number>();
  members.forEach((member, index) => {
    if (!member || typeof member !== 'object') return;
    if (typeof member.id === 'string') {
      const first = firstIndexOfId.get(member.id);
      if (first === undefined) firstIndexOfId.set(member.id, index);
      else
        problems.push(
          makeProblem(
            team.file,
            'id/duplicate',
            text(
              `成员编号“${member.id}”已被第 ${first + 1} 位成员使用。`,
              `Member id "${member.id}" is already used by member ${first + 1}.`,
            ),
            team.locate(['members', index, 'id']),
            `members[${index}].id`,
          ),
        );
    }
    if (typeof member.github === 'string') {
      const login = member.github.toLowerCase();
      const first = firstIndexOfLogin.get(login);
      if (first === undefined) firstIndexOfLogin.set(login, index);
      else
        problems.push(
          makeProblem(
            team.file,
            'id/duplicate',
            text(
              `GitHub 用户名“${member.github}”已被第 ${first + 1} 位成员使用；一个账号只能对应一位成员。`,
              `GitHub login "${member.github}" is already used by member ${first + 1}; one account, one member.`,
            ),
            team.locate(['members', index, 'github']),
            `members[${index}].github`,
          ),
        );
    }
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
