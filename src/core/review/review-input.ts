import type { LocalizedText } from '../i18n/language.ts';
import type { PolicyFile, TeamFile } from '../model/types.generated.ts';
import type { Role } from '../team/roster.ts';

/**
 * Everything the review decision looks at, already fetched. GitHub's shapes are reduced to the
 * fields that matter, so the decision is a pure function that tests drive with plain objects.
 */
export interface ReviewInput {
  pullRequest: ReviewPullRequest;
  reviews: PullRequestReview[];
  comments: PullRequestComment[];
  /** The roster and policy as they are on the BASE commit, never the pull request's head. */
  base: BaseContext;
}

export interface ReviewPullRequest {
  number: number;
  title: string;
  /** GitHub login of the account that opened the pull request. */
  author: string;
  draft: boolean;
  headSha: string;
  baseSha: string;
  createdAt: string;
  commits: PullRequestCommit[];
  files: ChangedFile[];
  /**
   * What GitHub says the pull request holds (`commits`, `changed_files` of the pull request). The
   * list endpoints stop at 250 commits and 3000 files; when fewer came back than these counts the
   * gate has not seen everything and must not pass the pull request.
   */
  commitCount?: number;
  changedFileCount?: number;
  /**
   * GitHub's state of the pull request. A closed pull request that was not merged gets no success,
   * whatever its reviews say (its head commit could be reused by another pull request).
   */
  state?: 'open' | 'closed';
  merged?: boolean;
}

export interface PullRequestCommit {
  sha: string;
  /** GitHub account linked to the commit's author e-mail; null when GitHub could not link one. */
  authorLogin: string | null;
  committerLogin: string | null;
  /** The name written in the commit, shown when no account is linked. */
  authorName: string;
  /** The e-mail written in the commit: with the name, how an unlinked commit is matched to the roster. */
  authorEmail?: string;
  committerName?: string;
  committerEmail?: string;
  /** Files this commit touched; fetched only when a rule needs it (appraisal files). */
  files?: string[];
  /** `Co-authored-by:` trailers of the commit message, as written ("陈雨 <123+chenyu-ops@users.noreply.github.com>"). */
  coAuthors?: string[];
  /** GitHub's `verification.verified`: the commit carries a signature GitHub verified. */
  verified?: boolean;
}

export interface ChangedFile {
  path: string;
  status: string;
  /** For a rename, where the file came from: moving a file away is a change to that path too. */
  previousPath?: string;
}

export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';

export interface PullRequestReview {
  id: number;
  user: string;
  state: ReviewState;
  /** The commit the review was made on. */
  commitId: string;
  submittedAt: string;
}

export interface PullRequestComment {
  id: number;
  user: string;
  /** "User" or "Bot": the gate's own sticky comment is a Bot comment. */
  userType: string;
  body: string;
  createdAt: string;
  /** True when the comment was changed after it was posted (updated_at differs from created_at). */
  edited: boolean;
}

/** The roster and the policy version in force, read from the base commit. */
export type BaseContext =
  | {
      ok: true;
      roster: TeamFile;
      policy: PolicyFile;
      policyFile: string /** The evaluation date in the department's time zone: members who have left by then hold no role. */;
      asOf: string;
    }
  | { ok: false; problems: LocalizedText[] };

export type StageKind = 'self-review' | 'approval';
export type StageState = 'pending' | 'done' | 'rejected';

/** Who completed (or rejected) a stage, on which commit, when. */
export interface StageActor {
  login: string;
  member: string;
  role: Role;
  sha: string;
  at: string;
  via: 'comment' | 'review';
  /** The comment or review, for links. */
  id: number;
}

export interface StageResult {
  id: string;
  kind: StageKind;
  role: Role;
  /**
   * Roles that may approve in the role's stead, but only when no holder of the role may (all of
   * them wrote or committed to the pull request, e.g. the department's only operator).
   */
  standIn: Role[];
  label: LocalizedText;
  /** The changed files that made this stage required. */
  files: string[];
  state: StageState;
  /** Set when the state is done. */
  doneBy?: StageActor;
  /** Set when the state is rejected: the reviewer whose "changes requested" stands. */
  rejectedBy?: StageActor;
  /** Sign-offs and approvals that were seen but do not count, with the reason. */
  notes: LocalizedText[];
}

export interface AuthorshipViolation {
  file: string;
  commit: string;
  /** Login (or, when GitHub linked none, the commit's author name) of who wrote the commit. */
  actor: string;
  /** Member id who alone may write the file, when known. */
  allowed?: string;
  message: LocalizedText;
}

export type Verdict = 'success' | 'pending' | 'failure';
export type ReviewLabel = 'review: self' | 'review: operator' | 'review: ready';
export const REVIEW_LABELS: readonly ReviewLabel[] = ['review: self', 'review: operator', 'review: ready'];

export interface ReviewDecision {
  pr: number;
  headSha: string;
  baseSha: string;
  draft: boolean;
  stages: StageResult[];
  violations: AuthorshipViolation[];
  /** Problems with the base roster or policy: nothing can be verified while they stand. */
  problems: LocalizedText[];
  /** Changed files that no review rule covers. */
  uncoveredFiles: string[];
  verdict: Verdict;
  /** One line for the commit status (GitHub allows 140 characters). */
  description: LocalizedText;
  /** The one review label that should be on the pull request, or none. */
  label: ReviewLabel | null;
  /** The policy file whose review rules were applied. */
  policyFile?: string;
  /** The department's time zone (from the policy), for showing times. */
  timeZone: string;
}
