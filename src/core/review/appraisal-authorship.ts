import { text } from '../i18n/language.ts';
import type { TeamMember } from '../model/types.generated.ts';
import { shortSha } from './sign-off.ts';
import type { AuthorshipViolation, ChangedFile, PullRequestCommit } from './review-input.ts';

const APPRAISAL_FILE = /^appraisals\/([^/]+)\/([^/]+)\/(self|supervisor|interview|peer-([^/]+))\.ya?ml$/;

/** Who alone may write an appraisal file, by its place: the policy's "公开、公平、公正" made checkable. */
export interface AppraisalWriter {
  file: string;
  /** Member id allowed to write it, or undefined when the roster cannot say (a reason is given). */
  writer?: string;
  part: 'self' | 'supervisor' | 'interview' | 'peer';
  member: string;
}

export function appraisalWriter(file: string, members: ReadonlyMap<string, TeamMember>): AppraisalWriter | undefined {
  const match = APPRAISAL_FILE.exec(file);
  if (!match) return undefined;
  const member = match[2]!;
  const part = match[3]!.startsWith('peer-') ? 'peer' : (match[3] as 'self' | 'supervisor' | 'interview');
  const writer = part === 'self' ? member : part === 'peer' ? match[4]! : members.get(member)?.supervisor;
  return writer === undefined ? { file, part, member } : { file, part, member, writer };
}

/**
 * Every commit in the pull request that touched an appraisal file must be authored by the one
 * member allowed to write it: the member their own self.yaml, the member's supervisor (base
 * roster) supervisor.yaml and interview.yaml, the named peer peer-<id>.yaml.
 */
export function checkAppraisalAuthorship(files: readonly ChangedFile[], commits: readonly PullRequestCommit[], members: ReadonlyMap<string, TeamMember>): AuthorshipViolation[] {
  const memberByLogin = new Map<string, TeamMember>();
  for (const member of members.values()) memberByLogin.set(member.github.toLowerCase(), member);
  const violations: AuthorshipViolation[] = [];
  const paths = new Set(files.flatMap((file) => (file.previousPath ? [file.path, file.previousPath] : [file.path])));
  for (const file of [...paths].sort()) {
    const rule = appraisalWriter(file, members);
    if (!rule) continue;
    // Without per-commit file lists every commit is taken to touch the file: stricter, never looser.
    const touching = commits.filter((commit) => !commit.files || commit.files.includes(file));
    for (const commit of touching) {
      const author = commit.authorLogin ? memberByLogin.get(commit.authorLogin.toLowerCase()) : undefined;
      const actor = commit.authorLogin ?? commit.authorName;
      const sha = shortSha(commit.sha);
      if (rule.writer === undefined) {
        violations.push({
          file,
          commit: commit.sha,
          actor,
          message: members.has(rule.member)
            ? text(
                `${file}：名册中 ${rule.member} 没有上级，无法确定谁可以写这份文件（提交 ${sha}）。`,
                `${file}: ${rule.member} has no supervisor in the roster, so nobody may write this file (commit ${sha}).`,
              )
            : text(
                `${file}：${rule.member} 不在基础分支的名册中，无法确定谁可以写这份文件（提交 ${sha}）。`,
                `${file}: ${rule.member} is not in the base roster, so nobody may write this file (commit ${sha}).`,
              ),
        });
        continue;
      }
      if (author?.id === rule.writer) continue;
      const who = author ? `${author.id}（@${commit.authorLogin}）` : commit.authorLogin ? `@${commit.authorLogin}（不在名册中）` : `“${commit.authorName}”（没有关联 GitHub 账号）`;
      const whoEn = author ? `${author.id} (@${commit.authorLogin})` : commit.authorLogin ? `@${commit.authorLogin} (not in the roster)` : `"${commit.authorName}" (no linked GitHub account)`;
      violations.push({
        file,
        commit: commit.sha,
        actor,
        allowed: rule.writer,
        message: text(
          `${file} 只能由 ${rule.writer} 本人填写，提交 ${sha} 的作者却是 ${who}。`,
          `${file} may be written only by ${rule.writer}, but commit ${sha} was authored by ${whoEn}.`,
        ),
      });
    }
  }
  return violations;
}
