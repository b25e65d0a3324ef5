import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tuneReviewGate } from '../../src/cli/commands/review-gate.ts';
import type {
  FakeComment,
  FakeCommit,
  FakeGitHub,
  FakePull,
  FakeRepository,
  FakeReview,
} from '../helpers/fake-github-server.ts';
import { FIXTURE_DEPARTMENT } from '../helpers/fixture-repository.ts';
import { runMpflow, type CliRun } from '../helpers/run-cli.ts';

export const OWNER = 'minlan-tea';
export const REPO = 'wechat-dept';
export const TOKEN = 'ghs_FAKEtoken0123456789abcdefSECRET';
export const NOW = new Date('2026-09-10T04:00:00Z');

/** A stable 40-hex SHA from a name, so scenarios read as "h1", "h2". */
export function sha(name: string): string {
  return createHash('sha1').update(name).digest('hex');
}
export const BASE = sha('base');
export const H1 = sha('head-1');
export const H2 = sha('head-2');

export const ARTICLE = 'content/articles/2026/09-07-bailu-white-tea/index.md';
export const COVER = 'content/articles/2026/09-07-bailu-white-tea/cover.png';
export const FIGURE = 'content/articles/2026/09-07-bailu-white-tea/figure-1.jpg';
export const POLICY = 'content/policy/2026-01-01.yaml';
export const TEAM = 'content/team.yaml';

/** The sample department's own roster and policy are the base commit's. */
export const BASE_TEAM = readFileSync(path.join(FIXTURE_DEPARTMENT, TEAM), 'utf8');
export const BASE_POLICY = readFileSync(path.join(FIXTURE_DEPARTMENT, POLICY), 'utf8');

export function baseTree(overrides: Record<string, string> = {}): Map<string, string> {
  return new Map(
    Object.entries({
      [TEAM]: BASE_TEAM,
      [POLICY]: BASE_POLICY,
      'content/policy/README.md': '制度版本说明\n',
      ...overrides,
    }),
  );
}

export function at(minutes: number): string {
  return new Date(Date.parse('2026-09-09T01:00:00Z') + minutes * 60_000).toISOString().replace('.000Z', 'Z');
}

export function commit(name: string, author: string | null, options: Partial<FakeCommit> = {}): FakeCommit {
  return { sha: sha(name), author, authorName: author ?? '匿名', ...options };
}

export function approve(
  user: string,
  on: string,
  minutes: number,
  state: FakeReview['state'] = 'APPROVED',
): FakeReview {
  return { user, state, commit_id: on, submitted_at: at(minutes) };
}

export function say(user: string, body: string, minutes: number, options: Partial<FakeComment> = {}): FakeComment {
  return { user, body, created_at: at(minutes), ...options };
}

export function articlePull(number: number, changes: Partial<FakePull> = {}): FakePull {
  return {
    number,
    title: '文章：白露喝白茶',
    user: 'linxiao-writes',
    created_at: at(0),
    head: { sha: H1, ref: 'article/bailu-white-tea' },
    base: { sha: BASE, ref: 'main' },
    commits: [commit('head-1', 'linxiao-writes', { sha: H1 })],
    files: [{ filename: ARTICLE, status: 'added' }],
    reviews: [],
    comments: [],
    labels: [],
    ...changes,
  };
}

export function setUpRepository(
  github: FakeGitHub,
  pulls: FakePull[],
  tree: Map<string, string> = baseTree(),
): FakeRepository {
  const repository = github.repositories.get(`${OWNER}/${REPO}`.toLowerCase()) ?? github.addRepository(OWNER, REPO);
  repository.trees.set(BASE, tree);
  // The base branch points at the base commit unless a test moves it on.
  if (!repository.branches.has('main')) repository.branches.set('main', BASE);
  for (const pull of pulls) repository.pulls.set(pull.number, pull);
  return repository;
}

export async function runGate(
  github: FakeGitHub,
  args: string[],
  options: { token?: string | null; lang?: 'zh-CN' | 'en'; cwd?: string } = {},
): Promise<CliRun> {
  tuneReviewGate({
    rateLimitMillisecondsPerSecond: 1,
    retryBaseMilliseconds: 1,
    writeSpacingMilliseconds: 0,
    now: () => NOW,
  });
  const env: NodeJS.ProcessEnv = { LANG: 'en_US.UTF-8', GITHUB_API_URL: github.url };
  if (options.token !== null) env.GITHUB_TOKEN = options.token ?? TOKEN;
  return runMpflow(['review-gate', '--repo', `${OWNER}/${REPO}`, ...args, '--lang', options.lang ?? 'zh-CN'], {
    cwd: options.cwd ?? FIXTURE_DEPARTMENT,
    env,
  });
}

/** What the gate left on a pull request: its latest status, labels and sticky comment. */
export function outcome(repository: FakeRepository, number: number) {
  const pull = repository.pulls.get(number)!;
  const statuses = repository.statuses.filter(
    (status) => status.sha === pull.head.sha && status.context === 'mpflow/review',
  );
  const sticky = (pull.comments ?? []).filter(
    (comment) => comment.body.includes('<!-- mpflow-review-gate -->') && comment.type === 'Bot',
  );
  return {
    status: statuses[statuses.length - 1],
    statusCount: statuses.length,
    labels: [...(pull.labels ?? [])].sort(),
    sticky: sticky[0]?.body ?? '',
    stickyCount: sticky.length,
  };
}
