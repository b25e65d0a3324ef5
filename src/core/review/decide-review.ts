import picomatch from 'picomatch';
import { text, type LocalizedText } from '../i18n/language.ts';
import type { PolicyFile, TeamMember } from '../model/types.generated.ts';
import { holdsRole, indexMembers, ROLE_NAMES, type Role } from '../team/roster.ts';
import { checkAppraisalAuthorship } from './appraisal-authorship.ts';
import { namesCommit, parseSignOffs, shortSha } from './sign-off.ts';
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

const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

interface RequiredStage {
  id: string;
  kind: StageKind;
  role: Role;
  label: LocalizedText;
  files: string[];
}

/**
 * Which stages a pull request needs: every review rule of the policy whose globs match a changed
 * file (or the old path of a renamed one) adds its stages; a mixed pull request needs the union.
 * Stages come out in the order the policy defines them.
 */
export function requiredStages(policy: PolicyFile, files: readonly ChangedFile[]): { stages: RequiredStage[]; uncovered: string[] } {
  const matchers = policy.review.rules.map((rule) => ({ rule, matches: picomatch(rule.paths, { dot: true }) }));
  const filesByStage = new Map<string, Set<string>>();
  const uncovered: string[] = [];
  for (const file of files) {
    const paths = file.previousPath && file.previousPath !== file.path ? [file.path, file.previousPath] : [file.path];
    let covered = false;
    for (const { rule, matches } of matchers) {
      if (!paths.some((candidate) => matches(candidate))) continue;
      covered = true;
      for (const stage of rule.stages) {
        if (!filesByStage.has(stage)) filesByStage.set(stage, new Set());
        filesByStage.get(stage)!.add(file.path);
      }
    }
    if (!covered) uncovered.push(file.path);
  }
  const stages: RequiredStage[] = [];
  for (const [id, definition] of Object.entries(policy.review.stages)) {
    const stageFiles = filesByStage.get(id);
    if (stageFiles) stages.push({ id, kind: definition.kind, role: definition.role, label: definition.label, files: [...stageFiles].sort() });
  }
  return { stages, uncovered };
}

/**
 * The review decision: pure, from the pull request, its reviews and comments, and the roster and
 * policy of the BASE commit. See README "Review gate" for the rules in prose.
 */
export function decideReview(input: ReviewInput): ReviewDecision {
  const { pullRequest: pr, base } = input;
  const head = pr.headSha.toLowerCase();
  const shell = { pr: pr.number, headSha: pr.headSha, baseSha: pr.baseSha, draft: pr.draft };
  if (!base.ok) {
    return {
      ...shell,
      stages: [],
      violations: [],
      problems: base.problems,
      uncoveredFiles: [],
      verdict: 'failure',
      description: text('基础分支上的名册或制度文件有错误，无法核对审核。', 'The roster or policy on the base commit has errors; the review cannot be checked.'),
      label: null,
      timeZone: DEFAULT_TIME_ZONE,
    };
  }
  // Members who have left keep their place in the roster (history) but hold no review right.
  const members = new Map([...indexMembers(base.roster)].filter(([, member]) => !(typeof member.left === 'string' && member.left <= base.asOf)));
  const memberByLogin = new Map<string, TeamMember>();
  for (const member of members.values()) if (typeof member.github === 'string') memberByLogin.set(member.github.toLowerCase(), member);
  const authorLogin = pr.author.toLowerCase();
  const author = memberByLogin.get(authorLogin);

  // Everyone who wrote or pushed a commit of this pull request, by account and by roster member:
  // such people cannot approve it, whichever of their accounts they use.
  const committerLogins = new Set<string>();
  const committerMembers = new Set<string>();
  for (const commit of pr.commits) {
    for (const login of [commit.authorLogin, commit.committerLogin]) if (login) committerLogins.add(login.toLowerCase());
    for (const trailer of commit.coAuthors ?? []) {
      const member = coAuthorMember(trailer, members, memberByLogin);
      if (member) committerMembers.add(member.id);
    }
  }
  for (const login of committerLogins) {
    const member = memberByLogin.get(login);
    if (member) committerMembers.add(member.id);
  }
  const commitAuthorLogins = new Set(pr.commits.map((commit) => commit.authorLogin?.toLowerCase()).filter((login): login is string => !!login));

  const { stages: required, uncovered } = requiredStages(base.policy, pr.files);
  // A sign-off or approval meant for another stage of the same PR (the designer's self-review, the
  // operator's approval next to a head approval) is not worth a "does not count" note.
  const rolesOf = (kind: StageKind) => new Set(required.filter((stage) => stage.kind === kind).map((stage) => stage.role));
  const stages = required.map((stage) =>
    stage.kind === 'self-review'
      ? decideSelfReview(stage, input, head, author, authorLogin, memberByLogin, commitAuthorLogins, rolesOf('self-review'))
      : decideApproval(stage, input, head, author, authorLogin, memberByLogin, committerLogins, committerMembers, rolesOf('approval')),
  );
  // Appraisal files belong to a period: who may write them follows the whole roster, leavers included.
  const violations = checkAppraisalAuthorship(pr.files, pr.commits, indexMembers(base.roster));

  const verdict: Verdict = violations.length > 0 || stages.some((stage) => stage.state === 'rejected') ? 'failure' : pr.draft || stages.some((stage) => stage.state === 'pending') ? 'pending' : 'success';
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

function decideSelfReview(
  stage: RequiredStage,
  input: ReviewInput,
  head: string,
  author: TeamMember | undefined,
  authorLogin: string,
  memberByLogin: ReadonlyMap<string, TeamMember>,
  commitAuthorLogins: ReadonlySet<string>,
  otherStageRoles: ReadonlySet<Role>,
): StageResult {
  const result: StageResult = { ...stage, state: 'pending', notes: [] };
  const role = roleName(stage.role);
  const authorHoldsRole = holdsRole(author, stage.role);
  const authorNote: LocalizedText[] = [];
  if (!authorHoldsRole) {
    // A writer's pull request may carry a designer's images: the designer who committed them signs
    // the design self-review. Anyone else's sign-off is never a SELF review.
    authorNote.push(
      text(
        `PR 作者 @${input.pullRequest.author} 在基础分支名册中不是${role.zh}；只有在这个 PR 里提交过内容的${role.zh}可以做这一步自审。`,
        `The PR author @${input.pullRequest.author} is not a ${role.en} in the base roster; only a ${role.en} who committed to this PR can sign this self-review.`,
      ),
    );
  }
  // Sign-offs of older commits are history once the stage is done; shown only while it is not.
  const stale: LocalizedText[] = [];
  const comments = [...input.comments].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id - b.id));
  for (const comment of comments) {
    if (comment.userType === 'Bot') continue;
    for (const signOff of parseSignOffs(comment.body)) {
      const login = comment.user.toLowerCase();
      const member = memberByLogin.get(login);
      const isAuthor = login === authorLogin;
      const eligible = holdsRole(member, stage.role) && (isAuthor || (!authorHoldsRole && commitAuthorLogins.has(login)));
      if (!eligible) {
        if (member && !holdsRole(member, stage.role) && [...otherStageRoles].some((other) => holdsRole(member, other))) continue;
        result.notes.push(
          !member
            ? text(`@${comment.user} 的自审不算：不在基础分支的名册中（或已离职）。`, `@${comment.user}'s self-review does not count: not in the base roster (or has left).`)
            : !holdsRole(member, stage.role)
              ? text(`@${comment.user} 的自审不算${stageSuffixZh(stage)}：名册中不是${role.zh}。`, `@${comment.user}'s self-review does not count${stageSuffixEn(stage)}: not a ${role.en} in the roster.`)
              : text(`@${comment.user} 的自审不算${stageSuffixZh(stage)}：自审只能由 PR 作者本人完成。`, `@${comment.user}'s self-review does not count${stageSuffixEn(stage)}: only the PR author can sign a self-review.`),
        );
        continue;
      }
      if (comment.edited) {
        result.notes.push(text(`@${comment.user} 的自审评论在发出后被编辑过，不算；请发一条新评论。`, `@${comment.user}'s self-review comment was edited after posting and does not count; post a new comment.`));
        continue;
      }
      if (signOff.sha === null) {
        result.notes.push(text(`@${comment.user} 的自审没有写明提交：请写 /self-review ${shortSha(head)}。`, `@${comment.user}'s self-review names no commit: write /self-review ${shortSha(head)}.`));
        continue;
      }
      if (!namesCommit(signOff.sha, head)) {
        stale.push(text(`@${comment.user} 的自审针对的是 ${signOff.sha.slice(0, 12)}，不是最新提交 ${shortSha(head)}。`, `@${comment.user}'s self-review names ${signOff.sha.slice(0, 12)}, not the latest commit ${shortSha(head)}.`));
        continue;
      }
      if (result.state !== 'done') {
        result.state = 'done';
        result.doneBy = { login: comment.user, member: member!.id, role: stage.role, sha: input.pullRequest.headSha, at: comment.createdAt, via: 'comment', id: comment.id };
      }
    }
  }
  if (result.state !== 'done') result.notes.unshift(...authorNote);
  if (result.state !== 'done') result.notes.push(...stale);
  return result;
}

function decideApproval(
  stage: RequiredStage,
  input: ReviewInput,
  head: string,
  author: TeamMember | undefined,
  authorLogin: string,
  memberByLogin: ReadonlyMap<string, TeamMember>,
  committerLogins: ReadonlySet<string>,
  committerMembers: ReadonlySet<string>,
  otherStageRoles: ReadonlySet<Role>,
): StageResult {
  const result: StageResult = { ...stage, state: 'pending', notes: [] };
  const role = roleName(stage.role);
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
    const holds = holdsRole(member, stage.role);
    const shown = own[own.length - 1]!.user;
    const onHead = own.filter((review) => review.state === 'APPROVED' && review.commitId.toLowerCase() === head);
    const lastChangeRequest = [...own].reverse().find((review) => review.state === 'CHANGES_REQUESTED');
    // "Changes requested" by a role holder stands until that same person approves the latest commit.
    if (holds && lastChangeRequest && !onHead.some((review) => review.submittedAt >= lastChangeRequest.submittedAt && review.id !== lastChangeRequest.id)) {
      rejectedBy ??= { login: shown, member: member!.id, role: stage.role, sha: lastChangeRequest.commitId, at: lastChangeRequest.submittedAt, via: 'review', id: lastChangeRequest.id };
      continue;
    }
    const approvals = own.filter((review) => review.state === 'APPROVED');
    if (approvals.length === 0) continue;
    const latest = approvals[approvals.length - 1]!;
    let staleReason: LocalizedText | undefined;
    const reason = !member
      ? text('不在基础分支的名册中（或已离职）', 'not in the base roster (or has left)')
      : !holds
        ? text(`名册中不是${role.zh}`, `not a ${role.en} in the roster`)
        : reviewer === authorLogin || (author && member.id === author.id)
          ? text('是 PR 作者本人', 'is the PR author')
          : committerLogins.has(reviewer) || committerMembers.has(member.id)
            ? text('在这个 PR 里提交过内容（作者、提交者或共同作者）', 'committed to this PR (as author, committer or co-author)')
            : onHead.length === 0
              ? (staleReason = text(`批准的是旧提交 ${shortSha(latest.commitId)}，之后又有新的推送`, `approved the older commit ${shortSha(latest.commitId)}; there has been a push since`))
              : undefined;
    if (reason) {
      if (member && !holds && [...otherStageRoles].some((other) => holdsRole(member, other))) continue;
      const note = text(`@${shown} 的批准不计入${stage.label.zh}：${reason.zh}。`, `@${shown}'s approval does not count for ${stage.label.en}: ${reason.en}.`);
      (reason === staleReason ? stale : result.notes).push(note);
      continue;
    }
    const approval = onHead[0]!;
    if (!doneBy || approval.submittedAt < doneBy.at) doneBy = { login: shown, member: member!.id, role: stage.role, sha: approval.commitId, at: approval.submittedAt, via: 'review', id: approval.id };
  }
  if (rejectedBy) {
    result.state = 'rejected';
    result.rejectedBy = rejectedBy;
  } else if (doneBy) {
    result.state = 'done';
    result.doneBy = doneBy;
  }
  if (result.state !== 'done') result.notes.push(...stale);
  return result;
}

/**
 * The roster member a `Co-authored-by:` trailer names: by GitHub's no-reply address
 * (ID+login@users.noreply.github.com), or by a name equal to a member's login or roster name.
 */
function coAuthorMember(trailer: string, members: ReadonlyMap<string, TeamMember>, memberByLogin: ReadonlyMap<string, TeamMember>): TeamMember | undefined {
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

function describe(verdict: Verdict, stages: readonly StageResult[], violations: ReviewDecision['violations'], draft: boolean, head: string): LocalizedText {
  const sha = shortSha(head);
  if (violations.length > 0) {
    const first = violations[0]!;
    const more = violations.length > 1 ? text(` 等 ${violations.length} 处`, ` and ${violations.length - 1} more`) : text('', '');
    return text(`考核文件作者不符：${first.file}（提交 ${shortSha(first.commit)}）${more.zh}`, `Appraisal file written by the wrong person: ${first.file} (commit ${shortSha(first.commit)})${more.en}`);
  }
  const rejected = stages.find((stage) => stage.state === 'rejected');
  if (rejected) return text(`${rejected.label.zh}：@${rejected.rejectedBy!.login} 要求修改`, `${rejected.label.en}: @${rejected.rejectedBy!.login} requested changes`);
  if (draft) return text('草稿 PR：标记为可审核后才能通过', 'Draft pull request: mark it ready for review first');
  if (stages.length === 0) return text('这些改动不需要制度规定的审核环节', 'These changes need no review stage under the policy');
  const pending = stages.filter((stage) => stage.state === 'pending');
  if (verdict === 'success') return text(`审核完成（${stages.length} 个环节，提交 ${sha}）`, `Review complete (${stages.length} stage${stages.length === 1 ? '' : 's'}, commit ${sha})`);
  return text(`待完成：${pending.map((stage) => stage.label.zh).join('、')}（提交 ${sha}）`, `Waiting for: ${pending.map((stage) => stage.label.en).join(', ')} (commit ${sha})`);
}

function labelFor(verdict: Verdict, stages: readonly StageResult[]): ReviewLabel | null {
  if (verdict === 'success') return 'review: ready';
  if (stages.some((stage) => stage.kind === 'self-review' && stage.state !== 'done')) return 'review: self';
  if (stages.some((stage) => stage.kind === 'approval' && stage.state !== 'done')) return 'review: operator';
  return null;
}
