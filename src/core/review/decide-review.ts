import { DEFAULT_TIME_ZONE } from '../policy/department-clock.ts';
import picomatch from 'picomatch';
import { rolesSentence } from '../policy/stage-roles.ts';
import { text, type LocalizedText } from '../i18n/language.ts';
import type { PolicyFile, TeamMember } from '../model/types.generated.ts';
import { holdsRole, indexMembers, ROLE_NAMES, type Role } from '../team/roster.ts';
import { checkAppraisalAuthorship, literal } from './appraisal-authorship.ts';
import { namesCommit, parseSignOffs, shortSha } from './sign-off.ts';
import { withToolReviewRules } from '../team/tool-review-rules.ts';
import type {
  ChangedFile,
  ReviewDecision,
  ReviewInput,
  ReviewLabel,
  StageActor,
  StageKind,
  StageResult,
  Verdict,
} from './review-input.ts';

/** A stage the changed files require, before any review is weighed: its result without the verdict. */
type RequiredStage = Pick<StageResult, 'id' | 'kind' | 'role' | 'standIn' | 'label' | 'files'>;

/**
 * Which stages a pull request needs: every review rule of the policy whose globs match a changed
 * file (or the old path of a renamed one) adds its stages; a mixed pull request needs the union.
 * A file no rule names needs the policy's `unmatched` stages (code, workflows, the audit log: what
 * could subvert the gate itself must not slip through with no review at all). Stages come out in
 * the order the policy defines them; `unknownStages` lists ids the policy uses but never defines.
 */
export function requiredStages(
  policyAsWritten: PolicyFile,
  files: readonly ChangedFile[],
): { stages: RequiredStage[]; uncovered: string[]; unknownStages: string[] } {
  // mpflow's own rules for the files that run the gate come on top of the policy's (tool-review-rules.ts).
  const policy = withToolReviewRules(policyAsWritten);
  const matchers = policy.review.rules.map((rule) => ({ rule, matches: picomatch(rule.paths, { dot: true }) }));
  const filesByStage = new Map<string, Set<string>>();
  const uncovered: string[] = [];
  const need = (stage: string, file: string) => {
    if (!filesByStage.has(stage)) filesByStage.set(stage, new Set());
    filesByStage.get(stage)!.add(file);
  };
  for (const file of files) {
    const paths = file.previousPath && file.previousPath !== file.path ? [file.path, file.previousPath] : [file.path];
    let covered = false;
    for (const { rule, matches } of matchers) {
      if (!paths.some((candidate) => matches(candidate))) continue;
      covered = true;
      for (const stage of rule.stages) need(stage, file.path);
    }
    if (!covered) {
      uncovered.push(file.path);
      for (const stage of policy.review.unmatched ?? []) need(stage, file.path);
    }
  }
  const stages: RequiredStage[] = [];
  for (const [id, definition] of Object.entries(policy.review.stages)) {
    const stageFiles = filesByStage.get(id);
    const standIn = (definition.standIn ?? []).filter((role) => role !== definition.role);
    if (stageFiles)
      stages.push({
        id,
        kind: definition.kind,
        role: definition.role,
        standIn,
        label: definition.label,
        files: [...stageFiles].sort(),
      });
  }
  const unknownStages = [...filesByStage.keys()].filter((id) => !Object.hasOwn(policy.review.stages, id));
  return { stages, uncovered, unknownStages };
}

/**
 * The review decision: pure, from the pull request, its reviews and comments, and the roster and
 * policy of the BASE commit. See README "Review gate" for the rules in prose.
 */
export function decideReview(input: ReviewInput): ReviewDecision {
  const { pullRequest: pr, base } = input;
  const head = pr.headSha.toLowerCase();
  const shell = { pr: pr.number, headSha: pr.headSha, baseSha: pr.baseSha, draft: pr.draft };
  const cannotCheck = (problems: LocalizedText[], description: LocalizedText): ReviewDecision => ({
    ...shell,
    stages: [],
    violations: [],
    problems,
    uncoveredFiles: [],
    verdict: 'failure',
    description,
    label: null,
    timeZone: base.ok ? (base.policy.timezone ?? DEFAULT_TIME_ZONE) : DEFAULT_TIME_ZONE,
  });
  const baseBroken = text(
    '基础分支上的名册或制度文件有错误，无法核对审核。',
    'The roster or policy on the base commit has errors; the review cannot be checked.',
  );
  if (!base.ok) return cannotCheck(base.problems, baseBroken);

  const { stages: required, uncovered, unknownStages } = requiredStages(base.policy, pr.files);
  if (unknownStages.length > 0) {
    return cannotCheck(
      [
        text(
          `基础分支 ${base.policyFile}：审核规则引用了未定义的环节 ${unknownStages.join('、')}。`,
          `base commit ${base.policyFile}: the review rules name undefined stages ${unknownStages.join(', ')}.`,
        ),
      ],
      baseBroken,
    );
  }
  // The list endpoints stop at 250 commits and 3000 files: what the gate cannot see it cannot clear.
  const unseen: LocalizedText[] = [];
  if (pr.commitCount !== undefined && pr.commits.length < pr.commitCount) {
    unseen.push(
      text(
        `这个 PR 有 ${pr.commitCount} 个提交，GitHub 只列出了 ${pr.commits.length} 个：看不全谁提交过内容。请拆分这个 PR 或合并提交。`,
        `This pull request has ${pr.commitCount} commits but GitHub lists only ${pr.commits.length}, so who committed to it cannot be fully checked. Split the pull request or squash its commits.`,
      ),
    );
  }
  if (pr.changedFileCount !== undefined && pr.files.length < pr.changedFileCount) {
    unseen.push(
      text(
        `这个 PR 改了 ${pr.changedFileCount} 个文件，GitHub 只列出了 ${pr.files.length} 个：看不全需要哪些审核环节。请拆分这个 PR。`,
        `This pull request changes ${pr.changedFileCount} files but GitHub lists only ${pr.files.length}, so the stages it needs cannot be fully known. Split the pull request.`,
      ),
    );
  }
  if (unseen.length > 0)
    return cannotCheck(
      unseen,
      text(
        'GitHub 没有列出这个 PR 的全部提交或文件，无法核对审核',
        'GitHub does not list all commits or files of this pull request; the review cannot be checked',
      ),
    );
  // A closed pull request that was not merged is over: its head commit may sit in another pull
  // request, which must earn its own verdict. A merged one is judged at its merge base.
  if (pr.state === 'closed' && pr.merged !== true) {
    const closed = text(
      '这个 PR 已关闭且没有合并：不给出通过结论。',
      'This pull request was closed without being merged: it gets no success.',
    );
    return cannotCheck([closed], text('PR 已关闭、未合并', 'Closed without merging'));
  }
  // A pull request that changes no file needs no stage, and so would pass with nobody looking
  // (GitHub can list none while it computes the diff, or for a base it cannot compare): it passes nothing.
  if (pr.files.length === 0) {
    const empty = text(
      '这个 PR 没有改动任何文件（或 GitHub 还没有算出改动）：没有可审核的内容，不能通过。推送改动后会重新判断。',
      'This pull request changes no file (or GitHub has not worked out its changes yet): there is nothing to review, so it cannot pass. A push re-evaluates it.',
    );
    return cannotCheck([empty], text('没有改动的文件，不能通过', 'No changed files: it cannot pass'));
  }

  // Members who have left keep their place in the roster (history) but hold no review right; nor
  // does one whose joining date is still to come (a roster entry added ahead of the first day).
  const current = (member: TeamMember) =>
    !(typeof member.left === 'string' && member.left <= base.asOf) &&
    !(typeof member.joined === 'string' && member.joined > base.asOf);
  const members = new Map([...indexMembers(base.roster)].filter(([, member]) => current(member)));
  const memberByLogin = new Map<string, TeamMember>();
  for (const member of members.values())
    if (typeof member.github === 'string') memberByLogin.set(member.github.toLowerCase(), member);
  const authorLogin = pr.author.toLowerCase();
  const author = memberByLogin.get(authorLogin);

  // Everyone who wrote or pushed a commit of this pull request, by account and by roster member:
  // such people cannot approve it, whichever of their accounts they use. A commit GitHub links to
  // no account proves nobody's identity: the member its name or e-mail names is barred, and still no
  // approval counts while it is there (anyone can write "林晓" into a commit to hide who made it).
  const committerLogins = new Set<string>();
  const committerMembers = new Set<string>();
  const unidentified: Unidentified[] = [];
  for (const commit of pr.commits) {
    const people = [
      { login: commit.authorLogin, name: commit.authorName, email: commit.authorEmail ?? '' },
      {
        login: commit.committerLogin,
        name: commit.committerName ?? commit.authorName,
        email: commit.committerEmail ?? commit.authorEmail ?? '',
      },
    ];
    for (const person of people) {
      const written = person.email ? `${person.name} <${person.email}>` : person.name;
      // The name or e-mail written in the commit names a member: that member is taken to have
      // worked on it, whichever account (in the roster or not) GitHub linked it to. Otherwise an
      // outsider's account could commit as "陈雨" and leave the real 陈雨 free to approve it.
      const member = coAuthorMember(written, members, memberByLogin);
      if (member) committerMembers.add(member.id);
      if (person.login) {
        committerLogins.add(person.login.toLowerCase());
        continue;
      }
      if (!unidentified.some((entry) => entry.sha === commit.sha))
        unidentified.push({ sha: commit.sha, who: written, kind: 'unlinked' });
    }
    for (const trailer of commit.coAuthors ?? []) {
      const member = coAuthorMember(trailer, members, memberByLogin);
      if (member) committerMembers.add(member.id);
      // A co-author nobody in the roster answers to is someone unknown who worked on the PR: as
      // with an unlinked commit, nobody can be cleared of being them.
      else if (!unidentified.some((entry) => entry.sha === commit.sha && entry.who === trailer))
        unidentified.push({ sha: commit.sha, who: trailer, kind: 'co-author' });
    }
  }
  for (const login of committerLogins) {
    const member = memberByLogin.get(login);
    if (member) committerMembers.add(member.id);
  }
  const commitAuthorLogins = new Set(
    pr.commits.map((commit) => commit.authorLogin?.toLowerCase()).filter((login): login is string => !!login),
  );
  // A sign-off names a commit by a prefix; one that also fits the base or another commit of the
  // pull request names nothing for sure (as `git rev-parse` would say: ambiguous).
  const otherShas = [pr.baseSha, ...pr.commits.map((commit) => commit.sha)]
    .map((value) => value.toLowerCase())
    .filter((value) => value !== head);

  // A sign-off or approval meant for another stage of the same PR (the designer's self-review, the
  // operator's approval next to a head approval) is not worth a "does not count" note.
  const rolesOf = (kind: StageKind) =>
    new Set(required.filter((stage) => stage.kind === kind).map((stage) => stage.role));
  const people: People = {
    author,
    authorLogin,
    memberByLogin,
    committerLogins,
    committerMembers,
    commitAuthorLogins,
    unidentified,
    otherShas,
    members,
  };
  const stages = required.map((stage) =>
    stage.kind === 'self-review'
      ? decideSelfReview(stage, { input, head, people, otherStageRoles: rolesOf('self-review') })
      : decideApproval(stage, { input, head, people, otherStageRoles: rolesOf('approval') }),
  );
  // Appraisal files belong to a period: who may write them follows the whole roster, leavers included.
  const violations = checkAppraisalAuthorship(pr.files, pr.commits, indexMembers(base.roster), {
    prAuthor: pr.author,
    requireVerified: requireVerifiedCommits(base.policy),
  });

  const verdict: Verdict =
    violations.length > 0 || stages.some((stage) => stage.state === 'rejected')
      ? 'failure'
      : pr.draft || stages.some((stage) => stage.state === 'pending')
        ? 'pending'
        : 'success';
  return {
    ...shell,
    stages,
    violations,
    problems: [],
    uncoveredFiles: uncovered,
    verdict,
    description: describe(verdict, stages, violations, pr.draft, head),
    label: labelFor(verdict, stages),
    policyFile: base.policyFile,
    timeZone: base.policy.timezone ?? DEFAULT_TIME_ZONE,
  };
}

/** Who is who in this pull request, worked out once for every stage. */
interface People {
  author: TeamMember | undefined;
  authorLogin: string;
  memberByLogin: ReadonlyMap<string, TeamMember>;
  committerLogins: ReadonlySet<string>;
  committerMembers: ReadonlySet<string>;
  commitAuthorLogins: ReadonlySet<string>;
  unidentified: readonly Unidentified[];
  otherShas: readonly string[];
  /** Current members (joined, not left) by id. */
  members: ReadonlyMap<string, TeamMember>;
}

/** A commit person or co-author who matches no account in the roster. */
interface Unidentified {
  sha: string;
  who: string;
  kind: 'unlinked' | 'co-author';
}

/** The policy option `review.requireVerifiedCommits`: a commit that writes an appraisal file must carry a signature GitHub verified. */
function requireVerifiedCommits(policy: PolicyFile): boolean {
  return policy.review.requireVerifiedCommits === true;
}

/** What deciding one required stage looks at, besides the stage itself. */
interface StageContext {
  input: ReviewInput;
  /** The PR's head commit, lower case. */
  head: string;
  people: People;
  /** The roles the required stages of this kind ask for: a sign-off by someone holding another of them is told apart. */
  otherStageRoles: ReadonlySet<Role>;
}

/** English article for a role name: "an HR", "an operator", "a head". */
function an(word: string): string {
  return /^(?:[aeiou]|HR\b)/i.test(word) ? `an ${word}` : `a ${word}`;
}

function decideSelfReview(stage: RequiredStage, { input, head, people, otherStageRoles }: StageContext): StageResult {
  const { author, authorLogin, memberByLogin, commitAuthorLogins, otherShas } = people;
  const result: StageResult = { ...stage, state: 'pending', notes: [] };
  const role = roleName(stage.role);
  // A self-review's stand-in roles let their holders sign their OWN pull request (the operator who
  // wrote an article herself); never someone else's.
  const authorStandsIn = stage.standIn.find((candidate) => holdsRole(author, candidate));
  const authorHoldsRole = holdsRole(author, stage.role) || authorStandsIn !== undefined;
  const authorNote: LocalizedText[] = [];
  if (!authorHoldsRole) {
    // A writer's pull request may carry a designer's images: the designer who committed them signs
    // the design self-review. Anyone else's sign-off is never a SELF review.
    // The same words as mpflow check's ref/missing-role on an article's author (stage-roles.ts).
    const roles = rolesSentence({ stage: stage.id, label: stage.label, role: stage.role, standIn: stage.standIn });
    authorNote.push(
      text(
        `PR 作者 @${input.pullRequest.author} 在基础分支名册中不是${roles.zh}；只有在这个 PR 里提交过内容的${role.zh}可以做这一步自审。`,
        `The PR author @${input.pullRequest.author} is not ${an(roles.en)} in the base roster; only ${an(role.en)} who committed to this PR can sign this self-review.`,
      ),
    );
  }
  // Sign-offs of older commits are history once the stage is done; shown only while it is not.
  const stale: LocalizedText[] = [];
  const comments = [...input.comments].sort((a, b) =>
    a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id - b.id,
  );
  for (const comment of comments) {
    if (comment.userType === 'Bot') continue;
    for (const signOff of parseSignOffs(comment.body)) {
      const login = comment.user.toLowerCase();
      const member = memberByLogin.get(login);
      const isAuthor = login === authorLogin;
      const eligible =
        (holdsRole(member, stage.role) && (isAuthor || (!authorHoldsRole && commitAuthorLogins.has(login)))) ||
        (isAuthor && authorStandsIn !== undefined);
      if (!eligible) {
        if (member && !holdsRole(member, stage.role) && [...otherStageRoles].some((other) => holdsRole(member, other)))
          continue;
        result.notes.push(
          !member
            ? text(
                `@${comment.user} 的自审不算：不在基础分支的名册中（或已离职、尚未入职）。`,
                `@${comment.user}'s self-review does not count: not in the base roster (or has left, or not yet joined).`,
              )
            : !holdsRole(member, stage.role)
              ? text(
                  `@${comment.user} 的自审不算${stageSuffixZh(stage)}：名册中不是${role.zh}。`,
                  `@${comment.user}'s self-review does not count${stageSuffixEn(stage)}: not ${an(role.en)} in the roster.`,
                )
              : text(
                  `@${comment.user} 的自审不算${stageSuffixZh(stage)}：自审只能由 PR 作者本人完成。`,
                  `@${comment.user}'s self-review does not count${stageSuffixEn(stage)}: only the PR author can sign a self-review.`,
                ),
        );
        continue;
      }
      if (comment.edited) {
        result.notes.push(
          text(
            `@${comment.user} 的自审评论在发出后被编辑过，不算；请发一条新评论。`,
            `@${comment.user}'s self-review comment was edited after posting and does not count; post a new comment.`,
          ),
        );
        continue;
      }
      if (signOff.sha === null) {
        result.notes.push(
          text(
            `@${comment.user} 的自审没有写明提交：请写 /self-review ${shortSha(head)}。`,
            `@${comment.user}'s self-review names no commit: write /self-review ${shortSha(head)}.`,
          ),
        );
        continue;
      }
      if (!namesCommit(signOff.sha, head)) {
        stale.push(
          text(
            `@${comment.user} 的自审针对的是 ${signOff.sha.slice(0, 12)}，不是最新提交 ${shortSha(head)}。`,
            `@${comment.user}'s self-review names ${signOff.sha.slice(0, 12)}, not the latest commit ${shortSha(head)}.`,
          ),
        );
        continue;
      }
      const signOffSha = signOff.sha;
      if (otherShas.some((other) => other.startsWith(signOffSha))) {
        result.notes.push(
          text(
            `@${comment.user} 的自审写的 ${signOffSha} 也对得上这个 PR 的其他提交或基础提交，不能确定指的是哪一个；请写更长的 SHA（${head.slice(0, 12)}）。`,
            `@${comment.user}'s self-review names ${signOffSha}, which also fits another commit of this PR or the base; write a longer SHA (${head.slice(0, 12)}).`,
          ),
        );
        continue;
      }
      if (result.state !== 'done') {
        result.state = 'done';
        result.doneBy = {
          login: comment.user,
          member: member!.id,
          role: holdsRole(member, stage.role) ? stage.role : authorStandsIn!,
          sha: input.pullRequest.headSha,
          at: comment.createdAt,
          via: 'comment',
          id: comment.id,
        };
      }
    }
  }
  if (result.state !== 'done') result.notes.unshift(...authorNote);
  if (result.state !== 'done') result.notes.push(...stale);
  return result;
}

function decideApproval(stage: RequiredStage, { input, head, people, otherStageRoles }: StageContext): StageResult {
  const { author, authorLogin, memberByLogin, committerLogins, committerMembers, unidentified, members } = people;
  const result: StageResult = { ...stage, state: 'pending', notes: [] };
  const role = roleName(stage.role);
  const conflicted = (login: string, member: TeamMember) =>
    login === authorLogin ||
    (author !== undefined && member.id === author.id) ||
    committerLogins.has(login) ||
    committerMembers.has(member.id);
  // A stand-in role counts only when no holder of the role may approve: the policy's separation of
  // duties stays, and a department with one operator can still review that operator's own work.
  const roleHolderFree = [...memberByLogin].some(
    ([login, member]) => holdsRole(member, stage.role) && !conflicted(login, member),
  );
  const standInActive = stage.standIn.length > 0 && !roleHolderFree;
  const acceptedRole = (member: TeamMember | undefined): Role | undefined =>
    holdsRole(member, stage.role)
      ? stage.role
      : standInActive
        ? stage.standIn.find((candidate) => holdsRole(member, candidate))
        : undefined;
  const reviews = input.reviews
    .filter((review) => review.state === 'APPROVED' || review.state === 'CHANGES_REQUESTED')
    .sort((a, b) => (a.submittedAt < b.submittedAt ? -1 : a.submittedAt > b.submittedAt ? 1 : a.id - b.id));
  const reviewers = [...new Set(reviews.map((review) => review.user.toLowerCase()))];
  let rejectedBy: StageActor | undefined;
  let doneBy: StageActor | undefined;
  const stale: LocalizedText[] = [];
  for (const reviewer of reviewers) {
    const own = reviews.filter((review) => review.user.toLowerCase() === reviewer);
    const member = memberByLogin.get(reviewer);
    const actingRole = acceptedRole(member);
    const shown = own[own.length - 1]!.user;
    const onHead = own.filter((review) => review.state === 'APPROVED' && review.commitId.toLowerCase() === head);
    // "Changes requested" stands while it is that reviewer's latest word, as on GitHub: until they
    // approve (a later push then only makes the approval stale) or the request is dismissed.
    const latest = own[own.length - 1]!;
    // Any holder of the stage's role or of a stand-in role blocks with it, whether or not they
    // could approve right now (the head while the operator is free, an operator who co-wrote it).
    const blockingRole = holdsRole(member, stage.role)
      ? stage.role
      : stage.standIn.find((candidate) => holdsRole(member, candidate));
    if (member && blockingRole && latest.state === 'CHANGES_REQUESTED') {
      const request = {
        login: shown,
        member: member.id,
        role: blockingRole,
        sha: latest.commitId,
        at: latest.submittedAt,
        via: 'review' as const,
        id: latest.id,
      };
      if (!rejectedBy) rejectedBy = request;
      else {
        result.notes.push(
          text(
            `@${shown}（${roleName(blockingRole).zh}）也要求修改：在其批准或这条意见被撤销（dismiss）之前不能通过。`,
            `@${shown} (${roleName(blockingRole).en}) requested changes too: it cannot pass until they approve or the request is dismissed.`,
          ),
        );
      }
      continue;
    }
    const approvals = own.filter((review) => review.state === 'APPROVED');
    if (approvals.length === 0) continue;
    const lastApproval = approvals[approvals.length - 1]!;
    const holdsStandIn = stage.standIn.some((candidate) => holdsRole(member, candidate));
    let staleReason: LocalizedText | undefined;
    const reason = !member
      ? text('不在基础分支的名册中（或已离职、尚未入职）', 'not in the base roster (or has left, or not yet joined)')
      : !actingRole
        ? holdsStandIn
          ? text(
              `只有在没有可以审批的${role.zh}时才能代为审批，而名册中有`,
              `a stand-in counts only when no ${role.en} may approve, and one may`,
            )
          : text(`名册中不是${role.zh}`, `not ${an(role.en)} in the roster`)
        : reviewer === authorLogin || (author && member.id === author.id)
          ? text('是 PR 作者本人', 'is the PR author')
          : committerLogins.has(reviewer) || committerMembers.has(member.id)
            ? text(
                '在这个 PR 里提交过内容（作者、提交者或共同作者）',
                'committed to this PR (as author, committer or co-author)',
              )
            : lastApproval.commitId === ''
              ? text(
                  'GitHub 没有记下这次批准针对哪个提交（commit_id 为空），不能算作对最新提交的批准；请重新批准',
                  'GitHub recorded no commit for this approval (its commit_id is null), so it cannot count for the latest commit; approve again',
                )
              : onHead.length === 0
                ? (staleReason = text(
                    `批准的是旧提交 ${shortSha(lastApproval.commitId)}，之后又有新的推送`,
                    `approved the older commit ${shortSha(lastApproval.commitId)}; there has been a push since`,
                  ))
                : undefined;
    if (reason) {
      if (member && !holdsRole(member, stage.role) && [...otherStageRoles].some((other) => holdsRole(member, other)))
        continue;
      const note = text(
        `@${shown} 的批准不计入${stage.label.zh}：${reason.zh}。`,
        `@${shown}'s approval does not count for ${stage.label.en}: ${reason.en}.`,
      );
      (reason === staleReason ? stale : result.notes).push(note);
      continue;
    }
    const approval = onHead[0]!;
    if (!doneBy || approval.submittedAt < doneBy.at)
      doneBy = {
        login: shown,
        member: member!.id,
        role: actingRole!,
        sha: approval.commitId,
        at: approval.submittedAt,
        via: 'review',
        id: approval.id,
      };
  }
  const unlinked = unidentified.filter((entry) => entry.kind === 'unlinked');
  const strangers = unidentified.filter((entry) => entry.kind === 'co-author');
  if (unlinked.length > 0) {
    const first = unlinked[0]!;
    const more =
      unlinked.length > 1 ? text(`等 ${unlinked.length} 个提交`, ` and ${unlinked.length - 1} more`) : text('', '');
    result.notes.push(
      text(
        `提交 ${shortSha(first.sha)}${more.zh}的作者或提交者 ${literal(first.who)} 没有关联 GitHub 账号：无法确认是谁提交的，也就无法确认审批人没有参与这个 PR，审批暂不计入。请把这个邮箱添加到自己的 GitHub 账号（已有的提交会自动关联），或用已关联的邮箱重新提交（git commit --amend --reset-author）。`,
        `Commit ${shortSha(first.sha)}${more.en} was authored or committed by ${literal(first.who)}, which GitHub links to no account: who made it is unknown, so nobody can be cleared of having worked on this PR and approvals do not count yet. Add that e-mail to your GitHub account (existing commits are linked at once), or re-commit with a linked e-mail (git commit --amend --reset-author).`,
      ),
    );
  }
  if (strangers.length > 0) {
    const first = strangers[0]!;
    const more =
      strangers.length > 1 ? text(`等 ${strangers.length} 位`, ` and ${strangers.length - 1} more`) : text('', '');
    result.notes.push(
      text(
        `提交 ${shortSha(first.sha)} 的共同作者（Co-authored-by）${literal(first.who)}${more.zh}对不上名册中的任何人：无法确认审批人不是其中之一，审批暂不计入。请让共同作者写名册中的名字或 GitHub 的 noreply 邮箱，或去掉这行。`,
        `The co-author (Co-authored-by) ${literal(first.who)}${more.en} of commit ${shortSha(first.sha)} matches nobody in the roster: no approver can be cleared of being them, so approvals do not count yet. Write the co-author's roster name or GitHub no-reply address, or remove the trailer.`,
      ),
    );
  }
  if (unidentified.length > 0) doneBy = undefined;
  if (rejectedBy) {
    result.state = 'rejected';
    result.rejectedBy = rejectedBy;
  } else if (doneBy) {
    result.state = 'done';
    result.doneBy = doneBy;
  }
  if (result.state !== 'done') result.notes.push(...stale);
  if (standInActive && result.state !== 'done') {
    const standIns = stage.standIn.map((candidate) => roleName(candidate));
    const anyHolder = [...members.values()].some((member) => holdsRole(member, stage.role));
    const standInEn = an(standIns.map((name) => name.en).join(' or '));
    result.notes.push(
      anyHolder
        ? text(
            `名册中没有可以审批的${role.zh}（都参与了这个 PR），可由${standIns.map((name) => name.zh).join('或')}代为审批。`,
            `No ${role.en} may approve (each worked on this PR), so ${standInEn} may approve in their stead.`,
          )
        : text(
            `名册中现在没有${role.zh}（已离职或尚未入职），可由${standIns.map((name) => name.zh).join('或')}代为审批。`,
            `The roster has no current ${role.en} (they have left or not yet joined), so ${standInEn} may approve in their stead.`,
          ),
    );
  }
  return result;
}

/**
 * The roster member a `Co-authored-by:` trailer names: by GitHub's no-reply address
 * (ID+login@users.noreply.github.com), or by a name equal to a member's login or roster name.
 */
function coAuthorMember(
  trailer: string,
  members: ReadonlyMap<string, TeamMember>,
  memberByLogin: ReadonlyMap<string, TeamMember>,
): TeamMember | undefined {
  const match = /^(.*?)\s*<([^>]*)>$/.exec(trailer);
  const name = (match ? match[1]! : trailer).trim();
  const email = (match?.[2] ?? '').trim().toLowerCase();
  const noreply = /^(?:\d+\+)?([a-z0-9-]+)@users\.noreply\.github\.com$/.exec(email);
  if (noreply) {
    const member = memberByLogin.get(noreply[1]!);
    if (member) return member;
  }
  const byLogin = memberByLogin.get(name.toLowerCase());
  if (byLogin) return byLogin;
  for (const member of members.values()) if (member.name === name) return member;
  return undefined;
}

function roleName(role: Role): LocalizedText {
  return ROLE_NAMES[role] ?? text(role, role);
}

function stageSuffixZh(stage: RequiredStage): string {
  return `（${stage.label.zh}）`;
}

function stageSuffixEn(stage: RequiredStage): string {
  return ` for ${stage.label.en}`;
}

function describe(
  verdict: Verdict,
  stages: readonly StageResult[],
  violations: ReviewDecision['violations'],
  draft: boolean,
  head: string,
): LocalizedText {
  const sha = shortSha(head);
  if (violations.length > 0) {
    const first = violations[0]!;
    const more =
      violations.length > 1 ? text(` 等 ${violations.length} 处`, ` and ${violations.length - 1} more`) : text('', '');
    return text(
      `考核文件作者不符：${first.file}（提交 ${shortSha(first.commit)}）${more.zh}`,
      `Appraisal file written by the wrong person: ${first.file} (commit ${shortSha(first.commit)})${more.en}`,
    );
  }
  const rejected = stages.find((stage) => stage.state === 'rejected');
  if (rejected)
    return text(
      `${rejected.label.zh}：@${rejected.rejectedBy!.login} 要求修改`,
      `${rejected.label.en}: @${rejected.rejectedBy!.login} requested changes`,
    );
  if (draft) return text('草稿 PR：标记为可审核后才能通过', 'Draft pull request: mark it ready for review first');
  if (stages.length === 0)
    return text('这些改动不需要制度规定的审核环节', 'These changes need no review stage under the policy');
  const pending = stages.filter((stage) => stage.state === 'pending');
  if (verdict === 'success')
    return text(
      `审核完成（${stages.length} 个环节，提交 ${sha}）`,
      `Review complete (${stages.length} stage${stages.length === 1 ? '' : 's'}, commit ${sha})`,
    );
  return text(
    `待完成：${pending.map((stage) => stage.label.zh).join('、')}（提交 ${sha}）`,
    `Waiting for: ${pending.map((stage) => stage.label.en).join(', ')} (commit ${sha})`,
  );
}

function labelFor(verdict: Verdict, stages: readonly StageResult[]): ReviewLabel | null {
  if (verdict === 'success') return 'review: ready';
  if (stages.some((stage) => stage.kind === 'self-review' && stage.state !== 'done')) return 'review: self';
  if (stages.some((stage) => stage.kind === 'approval' && stage.state !== 'done')) return 'review: operator';
  return null;
}
