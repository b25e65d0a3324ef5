/**
 * The review gate without the GitHub API (`mpflow review-gate --dry-run --event FILE`): the pull
 * request from a saved GitHub event (`pull_request` or `pull_request_review`, as GitHub delivers
 * it to a workflow in GITHUB_EVENT_PATH), its commits and changed files from the local git
 * history between the event's base and head, and the roster and policy as they are on disk. A
 * department can try its review rules on a branch before any of it is pushed. Offline, a commit is
 * linked to an account only by a GitHub no-reply address (123+login@users.noreply.github.com, which
 * GitHub links the same way); any other commit counts as one GitHub links to no account, which
 * holds every approval back, as the gate does.
 */
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { text } from '../i18n/language.ts';
import { LocalizedError } from '../diagnostics/localized-error.ts';
import { coAuthorTrailers } from './commit-trailers.ts';
import type { BaseFile } from './base-context.ts';
import type {
  ChangedFile,
  PullRequestComment,
  PullRequestCommit,
  PullRequestReview,
  ReviewPullRequest,
  ReviewState,
} from './review-input.ts';

const run = promisify(execFile);

/** The --event file given to review-gate cannot be used: the user's to fix (exit 2). */
export class OfflineEventError extends LocalizedError {}

interface EventPullRequest {
  number?: number;
  title?: string;
  user?: { login?: string };
  draft?: boolean;
  state?: string;
  merged?: boolean;
  created_at?: string;
  head?: { sha?: string };
  base?: { sha?: string; ref?: string };
}

export interface OfflineInput {
  pullRequest: ReviewPullRequest;
  reviews: PullRequestReview[];
  comments: PullRequestComment[];
  team: BaseFile;
  policies: BaseFile[];
}

export async function offlineReviewInput(eventFile: string, root: string, shownAs = eventFile): Promise<OfflineInput> {
  let event: {
    pull_request?: EventPullRequest;
    review?: { id?: number; user?: { login?: string }; state?: string; commit_id?: string; submitted_at?: string };
    comment?: {
      id?: number;
      user?: { login?: string; type?: string };
      body?: string;
      created_at?: string;
      updated_at?: string;
    };
  };
  try {
    event = JSON.parse(await readFile(eventFile, 'utf8'));
  } catch (error) {
    const why = error instanceof SyntaxError ? 'JSON' : ((error as NodeJS.ErrnoException).code ?? String(error));
    throw new OfflineEventError(
      text(`无法读取事件文件 ${shownAs}（${why}）。`, `Cannot read the event file ${shownAs} (${why}).`),
    );
  }
  const pull = event.pull_request;
  const headSha = pull?.head?.sha;
  const baseSha = pull?.base?.sha;
  if (!pull || typeof pull.number !== 'number' || !headSha || !baseSha) {
    throw new OfflineEventError(
      text(
        `${shownAs} 不是 pull_request 或 pull_request_review 事件：缺少 pull_request.number、head.sha 或 base.sha。`,
        `${shownAs} is not a pull_request or pull_request_review event: pull_request.number, head.sha or base.sha is missing.`,
      ),
    );
  }
  const git = async (...args: string[]) => {
    try {
      return (await run('git', args, { cwd: root, maxBuffer: 64 * 1024 * 1024 })).stdout;
    } catch {
      throw new OfflineEventError(
        text(
          `本地 git 中找不到 ${baseSha.slice(0, 12)}..${headSha.slice(0, 12)}：请先 fetch 这个 PR 的分支。`,
          `Local git does not have ${baseSha.slice(0, 12)}..${headSha.slice(0, 12)}: fetch the pull request's branch first.`,
        ),
      );
    }
  };
  const log = await git(
    'log',
    '--reverse',
    '--format=%H%x1f%an%x1f%ae%x1f%cn%x1f%ce%x1f%B%x1e',
    `${baseSha}..${headSha}`,
  );
  const commits: PullRequestCommit[] = log
    .split('\x1e')
    .map((entry) => entry.replace(/^\n/, ''))
    .filter((entry) => entry.trim() !== '')
    .map((entry) => {
      const [sha, authorName, authorEmail, committerName, committerEmail, message] = entry.split('\x1f') as [
        string,
        string,
        string,
        string,
        string,
        string,
      ];
      return {
        sha,
        authorLogin: noreplyLogin(authorEmail),
        committerLogin: noreplyLogin(committerEmail),
        authorName,
        authorEmail,
        committerName,
        committerEmail,
        coAuthors: coAuthorTrailers(message),
        verified: false,
      };
    });
  // Each commit's own files, for the rule on who may write which appraisal file.
  const perCommit = await git('log', '--format=%x1e%H', '--name-only', `${baseSha}..${headSha}`);
  const filesOf = new Map(
    perCommit
      .split('\x1e')
      .filter((entry) => entry.trim() !== '')
      .map((entry) => {
        const [sha, ...names] = entry.trim().split('\n');
        return [sha!, names.filter((name) => name.trim() !== '')] as const;
      }),
  );
  for (const commit of commits) commit.files = filesOf.get(commit.sha) ?? [];
  const diff = await git('diff', '--name-status', '-M', `${baseSha}...${headSha}`);
  const files: ChangedFile[] = diff
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [status, first, second] = line.split('\t') as [string, string, string | undefined];
      if (status.startsWith('R') && second) return { path: second, status: 'renamed', previousPath: first };
      return {
        path: first,
        status: status.startsWith('A') ? 'added' : status.startsWith('D') ? 'removed' : 'modified',
      };
    });
  const pullRequest: ReviewPullRequest = {
    number: pull.number,
    title: pull.title ?? '',
    author: pull.user?.login ?? '',
    draft: pull.draft === true,
    headSha,
    baseSha,
    createdAt: pull.created_at ?? new Date(0).toISOString(),
    commitCount: commits.length,
    changedFileCount: files.length,
    state: pull.state === 'closed' ? 'closed' : 'open',
    merged: pull.merged === true,
    commits,
    files,
  };
  const reviews: PullRequestReview[] =
    event.review?.user?.login && event.review.submitted_at
      ? [
          {
            id: event.review.id ?? 1,
            user: event.review.user.login,
            state: String(event.review.state ?? '').toUpperCase() as ReviewState,
            commitId: event.review.commit_id ?? '',
            submittedAt: event.review.submitted_at,
          },
        ]
      : [];
  const comments: PullRequestComment[] =
    event.comment?.user?.login && event.comment.created_at
      ? [
          {
            id: event.comment.id ?? 1,
            user: event.comment.user.login,
            userType: event.comment.user.type ?? 'User',
            body: event.comment.body ?? '',
            createdAt: event.comment.created_at,
            edited: (event.comment.updated_at ?? event.comment.created_at) !== event.comment.created_at,
          },
        ]
      : [];
  const readOrNull = (file: string) => readFile(path.join(root, file), 'utf8').catch(() => null);
  const team: BaseFile = { file: 'content/team.yaml', text: await readOrNull('content/team.yaml') };
  const names = await readdir(path.join(root, 'content/policy')).catch(() => [] as string[]);
  const policies: BaseFile[] = [];
  for (const name of names.filter((entry) => /\.ya?ml$/.test(entry)).sort())
    policies.push({ file: `content/policy/${name}`, text: await readOrNull(`content/policy/${name}`) });
  return { pullRequest, reviews, comments, team, policies };
}

/** The account a GitHub no-reply address belongs to; null for any other address. */
export function noreplyLogin(email: string): string | null {
  return /^(?:\d+\+)?([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))@users\.noreply\.github\.com$/i.exec(email.trim())?.[1] ?? null;
}
