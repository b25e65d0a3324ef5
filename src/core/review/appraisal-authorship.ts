import { text } from '../i18n/language.ts';
import type { TeamMember } from '../model/types.generated.ts';
import { shortSha } from './sign-off.ts';
import type { AuthorshipViolation, ChangedFile, PullRequestCommit } from './review-input.ts';

// Encrypted appraisal files (.yaml.age) belong to the same writer as the plain ones.
const APPRAISAL_FILE = /^appraisals\/([^/]+)\/([^/]+)\/(self|supervisor|interview|peer-([^/]+))\.ya?ml(?:\.age)?$/;

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

export interface AuthorshipOptions {
  /** Login of the account that opened the pull request: the one identity a commit cannot set. */
  prAuthor?: string;
  /** Policy `review.requireVerifiedCommits`: every commit writing the file carries a signature GitHub verified. */
  requireVerified?: boolean;
}

/** GitHub's own committer for edits in the web interface, which GitHub signs. */
const WEB_FLOW = 'web-flow';

/**
 * An appraisal file may be written only by the one member allowed to: the member their own
 * self.yaml, the member's supervisor (base roster) supervisor.yaml and interview.yaml, the named
 * peer peer-<id>.yaml. Git lets anyone write any author e-mail, and GitHub links the commit to the
 * account of that address, so the author alone proves nothing: the pull request's author, and each
 * touching commit's author AND committer, must all be that member (a commit GitHub made for a web
 * edit, committer web-flow and signed, counts as the author's). With requireVerified every such
 * commit must also carry a verified signature.
 */
export function checkAppraisalAuthorship(
  files: readonly ChangedFile[],
  commits: readonly PullRequestCommit[],
  members: ReadonlyMap<string, TeamMember>,
  options: AuthorshipOptions = {},
): AuthorshipViolation[] {
  const memberByLogin = new Map<string, TeamMember>();
  for (const member of members.values()) memberByLogin.set(member.github.toLowerCase(), member);
  const violations: AuthorshipViolation[] = [];
  const paths = new Set(files.flatMap((file) => (file.previousPath ? [file.path, file.previousPath] : [file.path])));
  for (const file of [...paths].sort()) {
    const rule = appraisalWriter(file, members);
    if (!rule) continue;
    // Without per-commit file lists every commit is taken to touch the file: stricter, never looser.
    const touching = commits.filter((commit) => !commit.files || commit.files.includes(file));
    const prAuthor = options.prAuthor ? memberByLogin.get(options.prAuthor.toLowerCase()) : undefined;
    if (
      rule.writer !== undefined &&
      options.prAuthor !== undefined &&
      prAuthor?.id !== rule.writer &&
      touching.length > 0
    ) {
      const who = prAuthor ? `${prAuthor.id}（@${options.prAuthor}）` : `@${options.prAuthor}（不在名册中）`;
      const whoEn = prAuthor ? `${prAuthor.id} (@${options.prAuthor})` : `@${options.prAuthor} (not in the roster)`;
      violations.push({
        file,
        commit: touching[0]!.sha,
        actor: options.prAuthor,
        allowed: rule.writer,
        message: text(
          `${file} 只能由 ${rule.writer} 本人填写并由本人发起 PR，这个 PR 却是 ${who}发起的。`,
          `${file} may be written only by ${rule.writer}, in a pull request they open, but this pull request was opened by ${whoEn}.`,
        ),
      });
    }
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
      const committerLogin = commit.committerLogin?.toLowerCase() ?? null;
      const committer = committerLogin ? memberByLogin.get(committerLogin) : undefined;
      const committedByWriter =
        committer?.id === rule.writer || (committerLogin === WEB_FLOW && commit.verified === true);
      if (author?.id === rule.writer && !committedByWriter) {
        const by = committer
          ? `${committer.id}（@${commit.committerLogin}）`
          : commit.committerLogin
            ? `@${commit.committerLogin}（不在名册中）`
            : `${literal(commit.committerName || commit.authorName)}（没有关联 GitHub 账号）`;
        const byEn = committer
          ? `${committer.id} (@${commit.committerLogin})`
          : commit.committerLogin
            ? `@${commit.committerLogin} (not in the roster)`
            : `${literal(commit.committerName || commit.authorName)} (no linked GitHub account)`;
        violations.push({
          file,
          commit: commit.sha,
          actor: commit.committerLogin ?? commit.committerName ?? commit.authorName,
          allowed: rule.writer,
          message: text(
            `${file} 只能由 ${rule.writer} 本人填写，提交 ${sha} 的提交者却是 ${by}（作者邮箱谁都可以写，提交者也必须是本人）。`,
            `${file} may be written only by ${rule.writer}, but commit ${sha} was committed by ${byEn} (anyone can write an author e-mail; the committer must be them too).`,
          ),
        });
        continue;
      }
      if (author?.id === rule.writer) {
        if (options.requireVerified && commit.verified !== true) {
          violations.push({
            file,
            commit: commit.sha,
            actor: commit.authorLogin ?? commit.authorName,
            allowed: rule.writer,
            message: text(
              `${file}：制度要求考核文件的提交带有经 GitHub 验证的签名（review.requireVerifiedCommits），提交 ${sha} 没有。`,
              `${file}: the policy requires appraisal commits to carry a signature GitHub verified (review.requireVerifiedCommits), and commit ${sha} does not.`,
            ),
          });
        }
        continue;
      }
      const who = author
        ? `${author.id}（@${commit.authorLogin}）`
        : commit.authorLogin
          ? `@${commit.authorLogin}（不在名册中）`
          : `${literal(commit.authorName)}（没有关联 GitHub 账号）`;
      const whoEn = author
        ? `${author.id} (@${commit.authorLogin})`
        : commit.authorLogin
          ? `@${commit.authorLogin} (not in the roster)`
          : `${literal(commit.authorName)} (no linked GitHub account)`;
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

/**
 * Text from a commit (a name, an e-mail, a trailer) as inline code: no link, image, HTML or
 * @mention can come of it in the summary comment, however it was written.
 */
export function literal(value: string): string {
  const flat = value.replace(/[\r\n\u2028\u2029]+/g, ' ').trim();
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${flat} ${fence}`;
}
