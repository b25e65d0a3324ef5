import type { BaseFile } from '../review/base-context.ts';
import type {
  ChangedFile,
  PullRequestComment,
  PullRequestCommit,
  PullRequestReview,
  ReviewPullRequest,
  ReviewState,
} from '../review/review-input.ts';
import type { ReviewAuditCheck } from '../review/audit-log.ts';
import type { GitHubClient } from './client.ts';
import { coAuthorTrailers } from '../review/commit-trailers.ts';

export interface RepositoryName {
  owner: string;
  repo: string;
}

export function parseRepositoryName(value: string): RepositoryName | undefined {
  const match = /^([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)\/([A-Za-z0-9._-]+)$/.exec(value.trim());
  if (!match || match[2] === '.' || match[2] === '..') return undefined;
  return { owner: match[1]!, repo: match[2]! };
}

/** What the gate read about one pull request, as GitHub reported it. */
export interface PullRequestSnapshot {
  pullRequest: ReviewPullRequest;
  reviews: PullRequestReview[];
  comments: Array<PullRequestComment & { htmlUrl?: string }>;
  labels: string[];
  /** The branch the pull request targets, and the repository's default branch (the protected one). */
  baseRef: string;
  defaultBranch: string | null;
  open: boolean;
  mergedAt: string | null;
  mergedBy: string | null;
}

const PER_PAGE = 100;

/**
 * Reads a pull request and everything about it the decision needs. Lists are paginated (GitHub
 * pages at 100); the five reads after the pull request itself go out together.
 */
export async function fetchPullRequestSnapshot(
  client: GitHubClient,
  repository: RepositoryName,
  number: number,
): Promise<PullRequestSnapshot> {
  const { data: pull } = await client.rest.pulls.get({ ...repository, pull_number: number });
  const [commits, files, reviews, comments] = await Promise.all([
    client.paginate(client.rest.pulls.listCommits, { ...repository, pull_number: number, per_page: PER_PAGE }),
    client.paginate(client.rest.pulls.listFiles, { ...repository, pull_number: number, per_page: PER_PAGE }),
    client.paginate(client.rest.pulls.listReviews, { ...repository, pull_number: number, per_page: PER_PAGE }),
    client.paginate(client.rest.issues.listComments, { ...repository, issue_number: number, per_page: PER_PAGE }),
  ]);
  return {
    pullRequest: {
      number: pull.number,
      title: pull.title,
      author: pull.user?.login ?? '',
      draft: pull.draft === true,
      headSha: pull.head.sha,
      baseSha: pull.base.sha,
      createdAt: pull.created_at,
      commitCount: pull.commits,
      changedFileCount: pull.changed_files,
      state: pull.state === 'closed' ? 'closed' : 'open',
      merged: pull.merged === true || !!pull.merged_at,
      commits: commits.map(
        (commit): PullRequestCommit => ({
          sha: commit.sha,
          authorLogin: commit.author?.login ?? null,
          committerLogin: commit.committer?.login ?? null,
          authorName: commit.commit.author?.name ?? '',
          authorEmail: commit.commit.author?.email ?? '',
          committerName: commit.commit.committer?.name ?? '',
          committerEmail: commit.commit.committer?.email ?? '',
          coAuthors: coAuthorTrailers(commit.commit.message),
          verified: commit.commit.verification?.verified === true,
        }),
      ),
      files: files.map(
        (file): ChangedFile =>
          file.previous_filename
            ? { path: file.filename, status: file.status, previousPath: file.previous_filename }
            : { path: file.filename, status: file.status },
      ),
    },
    reviews: reviews
      .filter((review) => review.user && review.submitted_at)
      .map((review) => ({
        id: review.id,
        user: review.user!.login,
        state: review.state as ReviewState,
        commitId: review.commit_id ?? '',
        submittedAt: review.submitted_at!,
      })),
    comments: comments.map((comment) => ({
      id: comment.id,
      user: comment.user?.login ?? '',
      userType: comment.user?.type ?? 'User',
      body: comment.body ?? '',
      createdAt: comment.created_at,
      edited: comment.updated_at !== comment.created_at,
      htmlUrl: comment.html_url,
    })),
    labels: pull.labels
      .map((label) => (typeof label === 'string' ? label : (label.name ?? '')))
      .filter((name) => name !== ''),
    baseRef: pull.base.ref,
    defaultBranch: pull.base.repo?.default_branch ?? null,
    open: pull.state === 'open',
    mergedAt: pull.merged_at ?? null,
    mergedBy: pull.merged_by?.login ?? null,
  };
}

/** A commit's file list comes 300 to a page, 3000 at most (GitHub's limits for GET /commits/{sha}). */
const COMMIT_FILES_PER_PAGE = 300;
const COMMIT_FILES_LIMIT = 3000;

/**
 * Per-commit file lists, needed only to tell who wrote which appraisal file. One request per commit
 * (more for a commit of over 300 files). A list that reaches GitHub's 3000-file limit may be cut
 * short, so it is left unknown, which the authorship check takes as "touches every file".
 */
export async function fetchCommitFiles(
  client: GitHubClient,
  repository: RepositoryName,
  commits: readonly PullRequestCommit[],
): Promise<PullRequestCommit[]> {
  return Promise.all(
    commits.map(async (commit) => {
      const files: string[] = [];
      let listed = 0;
      for (let page = 1; ; page += 1) {
        const { data } = await client.rest.repos.getCommit({
          ...repository,
          ref: commit.sha,
          per_page: COMMIT_FILES_PER_PAGE,
          page,
        });
        const entries = data.files ?? [];
        listed += entries.length;
        for (const file of entries)
          files.push(...(file.previous_filename ? [file.filename, file.previous_filename] : [file.filename]));
        if (entries.length < COMMIT_FILES_PER_PAGE) break;
        if (listed >= COMMIT_FILES_LIMIT) {
          const { files: _cut, ...unknown } = commit;
          return unknown;
        }
      }
      return { ...commit, files };
    }),
  );
}

/**
 * The commit the base branch points at now. An open pull request's recorded base SHA can be older
 * than the branch: a role taken away or a leaving date added there since must already count.
 */
export async function fetchBranchTip(
  client: GitHubClient,
  repository: RepositoryName,
  branch: string,
): Promise<string> {
  const { data } = await client.rest.git.getRef({ ...repository, ref: `heads/${branch}` });
  return data.object.sha;
}

export const TEAM_FILE = 'content/team.yaml';
export const POLICY_FOLDER = 'content/policy';

/** The roster and the policy files exactly as they are on the base commit. */
export async function fetchBaseFiles(
  client: GitHubClient,
  repository: RepositoryName,
  baseSha: string,
): Promise<{ team: BaseFile; policies: BaseFile[] }> {
  const [team, listing] = await Promise.all([
    readFileAt(client, repository, TEAM_FILE, baseSha),
    listFolderAt(client, repository, POLICY_FOLDER, baseSha),
  ]);
  const policyPaths = listing
    .filter((entry) => entry.type === 'file' && /\.ya?ml$/.test(entry.name))
    .map((entry) => entry.path);
  const policies = await Promise.all(
    policyPaths.map(async (file) => ({ file, text: await readFileAt(client, repository, file, baseSha) })),
  );
  return { team: { file: TEAM_FILE, text: team }, policies };
}

function isNotFound(error: unknown): boolean {
  return (error as { status?: number } | null)?.status === 404;
}

async function readFileAt(
  client: GitHubClient,
  repository: RepositoryName,
  file: string,
  ref: string,
): Promise<string | null> {
  try {
    const { data } = await client.rest.repos.getContent({ ...repository, path: file, ref });
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return null;
    return Buffer.from(data.content, 'base64').toString('utf8');
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

async function listFolderAt(
  client: GitHubClient,
  repository: RepositoryName,
  folder: string,
  ref: string,
): Promise<Array<{ type: string; name: string; path: string }>> {
  try {
    const { data } = await client.rest.repos.getContent({ ...repository, path: folder, ref });
    return Array.isArray(data) ? data.map((entry) => ({ type: entry.type, name: entry.name, path: entry.path })) : [];
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
}

/** The combined commit status and the check runs of a commit, for the audit record. */
export async function fetchCommitChecks(
  client: GitHubClient,
  repository: RepositoryName,
  sha: string,
): Promise<ReviewAuditCheck[]> {
  const [combined, runs] = await Promise.all([
    client.rest.repos.getCombinedStatusForRef({ ...repository, ref: sha, per_page: PER_PAGE }),
    client.paginate(client.rest.checks.listForRef, { ...repository, ref: sha, per_page: PER_PAGE }),
  ]);
  const checks: ReviewAuditCheck[] = combined.data.statuses.map((status) => ({
    name: status.context,
    kind: 'status',
    state: status.state,
  }));
  for (const run of runs) checks.push({ name: run.name, kind: 'check-run', state: run.conclusion ?? run.status });
  return checks.sort((a, b) =>
    a.kind === b.kind ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.kind === 'status' ? -1 : 1,
  );
}
