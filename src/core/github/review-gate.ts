import { text, type Language } from '../i18n/language.ts';
import { readBaseContext } from '../review/base-context.ts';
import { decideReview } from '../review/decide-review.ts';
import { renderStickyComment, STATUS_CONTEXT, statusDescription, STICKY_MARKER } from '../review/present-decision.ts';
import { REVIEW_LABELS, type ReviewDecision } from '../review/review-input.ts';
import type { GitHubClient } from './client.ts';
import {
  fetchBaseFiles,
  fetchBranchTip,
  fetchCommitFiles,
  fetchPullRequestSnapshot,
  type PullRequestSnapshot,
  type RepositoryName,
} from './pull-request-snapshot.ts';

export interface Evaluation {
  snapshot: PullRequestSnapshot;
  decision: ReviewDecision;
}

/** Reads the pull request and the base commit's roster and policy, then decides. */
export async function evaluatePullRequest(
  client: GitHubClient,
  repository: RepositoryName,
  number: number,
  now: Date = new Date(),
): Promise<Evaluation> {
  const snapshot = await fetchPullRequestSnapshot(client, repository, number);
  // An open pull request is judged by the base branch as it is now; a merged one by the base it was
  // merged onto (the branch now holds the pull request itself, which must never judge itself).
  if (snapshot.open && judgedBranch(snapshot).judged)
    snapshot.pullRequest.baseSha = await fetchBranchTip(client, repository, snapshot.baseRef);
  const { team, policies } = await fetchBaseFiles(client, repository, snapshot.pullRequest.baseSha);
  const base = readBaseContext(team, policies, now);
  // Who wrote which appraisal file needs each commit's own file list; other pull requests skip it.
  if (
    snapshot.pullRequest.files.some(
      (file) => file.path.startsWith('appraisals/') || file.previousPath?.startsWith('appraisals/'),
    )
  ) {
    snapshot.pullRequest.commits = await fetchCommitFiles(client, repository, snapshot.pullRequest.commits);
  }
  const decision = decideReview({
    pullRequest: snapshot.pullRequest,
    reviews: snapshot.reviews,
    comments: snapshot.comments,
    base,
  });
  return { snapshot, decision };
}

export type GateAction =
  | { kind: 'label-added'; label: string }
  | { kind: 'label-removed'; label: string }
  | { kind: 'comment-created'; id: number }
  | { kind: 'comment-updated'; id: number }
  | { kind: 'comment-unchanged'; id: number }
  | { kind: 'comment-deleted'; id: number }
  | { kind: 'status-set'; state: string; description: string }
  | { kind: 'check-run-set'; state: string; description: string }
  | { kind: 'skipped'; reason: string };

/**
 * Only pull requests into the repository's default branch get a verdict. A commit status belongs
 * to the commit, not to a pull request: the same head commit in a second pull request into a branch
 * anyone can push to (with a roster of their own making, or a base that already holds the article)
 * would otherwise post "success" on the very commit the real pull request is waiting on.
 */
export function judgedBranch(snapshot: PullRequestSnapshot): { judged: true } | { judged: false; reason: string } {
  if (snapshot.defaultBranch !== null && snapshot.baseRef === snapshot.defaultBranch) return { judged: true };
  return {
    judged: false,
    reason: `base ${snapshot.baseRef} is not the default branch ${snapshot.defaultBranch ?? '(unknown)'}`,
  };
}

/**
 * How the verdict is posted. `check-run`: a check run created with the GitHub App's token; the
 * ruleset requires mpflow/review from that App, and no workflow on a branch holds its key. `status`:
 * a commit status, which any workflow's GITHUB_TOKEN with statuses: write could post too.
 */
export type VerdictKind = 'check-run' | 'status';

/** GitHub cuts check-run summaries at 65,535 characters. */
const CHECK_RUN_SUMMARY_LIMIT = 65_535;

/** The verdict could not be posted; labels and the comment were set to say so, not to claim success. */
export class VerdictNotPostedError extends Error {
  readonly cause: unknown;
  readonly actions: GateAction[];
  constructor(cause: unknown, actions: GateAction[]) {
    super('the review verdict could not be posted');
    this.cause = cause;
    this.actions = actions;
  }
}

/**
 * Writes the decision back: review labels in step (only the gate's three labels are touched), the
 * one sticky summary comment created or updated in place, and the `mpflow/review` verdict on the
 * head commit. A verdict other than success is posted last, so it always follows a comment that
 * explains it. A success is posted FIRST: if GitHub refuses it, the label and comment written next
 * say that the verdict is missing instead of showing "ready", and the error is passed on.
 */
export async function publishDecision(
  client: GitHubClient,
  repository: RepositoryName,
  evaluation: Evaluation,
  language: Language,
  verdictKind: VerdictKind = 'status',
): Promise<GateAction[]> {
  const { snapshot, decision } = evaluation;
  const actions: GateAction[] = [];
  const number = snapshot.pullRequest.number;
  const judged = judgedBranch(snapshot);
  if (!judged.judged) return [{ kind: 'skipped', reason: judged.reason }];

  const stickies = snapshot.comments
    .filter((comment) => comment.userType === 'Bot' && comment.body.includes(STICKY_MARKER))
    .sort((a, b) => a.id - b.id);
  let postFailure: unknown;
  if (decision.verdict === 'success') {
    try {
      actions.push(
        await postVerdict(client, repository, decision, decision, language, verdictKind, stickies[0]?.htmlUrl),
      );
    } catch (error) {
      postFailure = error;
    }
  }
  // What the label and comment show: the decision, or, when its success could not be posted, a failure saying so.
  const shown: ReviewDecision =
    postFailure === undefined
      ? decision
      : {
          ...decision,
          verdict: 'failure',
          label: null,
          problems: [...decision.problems, notPosted(verdictKind)],
          description: notPosted(verdictKind),
        };

  const present = new Set(snapshot.labels);
  for (const label of REVIEW_LABELS) {
    if (label === shown.label || !present.has(label)) continue;
    try {
      await client.rest.issues.removeLabel({ ...repository, issue_number: number, name: label });
    } catch (error) {
      // Someone removed it meanwhile: the goal is reached.
      if ((error as { status?: number }).status !== 404) throw error;
    }
    actions.push({ kind: 'label-removed', label });
  }
  if (shown.label && !present.has(shown.label)) {
    await client.rest.issues.addLabels({ ...repository, issue_number: number, labels: [shown.label] });
    actions.push({ kind: 'label-added', label: shown.label });
  }

  // Only a bot's comment can be the sticky one: a person pasting the marker cannot make the gate overwrite their comment.
  const body = renderStickyComment(shown, language);
  const sticky = stickies[0];
  // Two evaluations that once overlapped may have left two summaries saying different things: one stays.
  for (const extra of stickies.slice(1)) {
    try {
      await client.rest.issues.deleteComment({ ...repository, comment_id: extra.id });
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw error;
    }
    actions.push({ kind: 'comment-deleted', id: extra.id });
  }
  let commentUrl: string | undefined;
  if (!sticky) {
    const { data } = await client.rest.issues.createComment({ ...repository, issue_number: number, body });
    actions.push({ kind: 'comment-created', id: data.id });
    commentUrl = data.html_url;
  } else if (sticky.body !== body) {
    const { data } = await client.rest.issues.updateComment({ ...repository, comment_id: sticky.id, body });
    actions.push({ kind: 'comment-updated', id: sticky.id });
    commentUrl = data.html_url;
  } else {
    actions.push({ kind: 'comment-unchanged', id: sticky.id });
    commentUrl = sticky.htmlUrl;
  }

  if (postFailure !== undefined) throw new VerdictNotPostedError(postFailure, actions);
  if (decision.verdict !== 'success')
    actions.push(await postVerdict(client, repository, decision, shown, language, verdictKind, commentUrl));
  return actions;
}

function notPosted(kind: VerdictKind) {
  return text(
    kind === 'check-run'
      ? '审核结论（mpflow/review 检查）没能发布到 GitHub：合并前请重新运行审核程序。'
      : '审核结论（mpflow/review 状态）没能发布到 GitHub：合并前请重新运行审核程序。',
    kind === 'check-run'
      ? 'The review verdict (the mpflow/review check run) could not be posted to GitHub: run the review gate again before merging.'
      : 'The review verdict (the mpflow/review status) could not be posted to GitHub: run the review gate again before merging.',
  );
}

async function postVerdict(
  client: GitHubClient,
  repository: RepositoryName,
  decision: ReviewDecision,
  shown: ReviewDecision,
  language: Language,
  kind: VerdictKind,
  link: string | undefined,
): Promise<GateAction> {
  const description = statusDescription(decision, language);
  if (kind === 'status') {
    await client.rest.repos.createCommitStatus({
      ...repository,
      sha: decision.headSha,
      state: decision.verdict,
      context: STATUS_CONTEXT,
      description,
      ...(link ? { target_url: link } : {}),
    });
    return { kind: 'status-set', state: decision.verdict, description };
  }
  const summary = renderStickyComment(shown, language).replace(STICKY_MARKER, '').trim();
  const output = {
    title: description,
    summary:
      [...summary].length > CHECK_RUN_SUMMARY_LIMIT
        ? `${[...summary].slice(0, CHECK_RUN_SUMMARY_LIMIT - 1).join('')}…`
        : summary,
  };
  await client.rest.checks.create({
    ...repository,
    name: STATUS_CONTEXT,
    head_sha: decision.headSha,
    // Waiting is a check still in progress: a required check that is not completed blocks the merge.
    ...(decision.verdict === 'pending'
      ? { status: 'in_progress' as const }
      : { status: 'completed' as const, conclusion: decision.verdict }),
    output,
    ...(link ? { details_url: link } : {}),
  });
  return { kind: 'check-run-set', state: decision.verdict, description };
}
