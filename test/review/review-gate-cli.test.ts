import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readReviewAuditLog } from '../../src/core/review/audit-log.ts';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github-server.ts';
import {
  approve,
  articlePull,
  BASE,
  baseTree,
  commit,
  COVER,
  H1,
  H2,
  outcome,
  POLICY,
  REPO,
  OWNER,
  runGate,
  say,
  setUpRepository,
  TEAM,
  TOKEN,
  at,
} from './scenario-kit.ts';

const h1 = H1.slice(0, 7);

describe('mpflow review-gate against a fake GitHub', () => {
  let github: FakeGitHub;
  beforeAll(async () => {
    github = await startFakeGitHub({ token: TOKEN });
  });
  afterAll(async () => {
    await github?.close();
  });
  beforeEach(() => {
    github.calls.length = 0;
  });

  it('makes 9 reads and 3 writes for a first evaluation, and keeps ONE comment updated in place as the PR moves on', async () => {
    const pull = articlePull(1);
    const repository = setUpRepository(github, [pull]);
    const first = await runGate(github, ['--pr', '1']);
    expect(first.exitCode).toBe(0);
    const reads = github.calls.filter((call) => call.method === 'GET');
    expect(reads.map((call) => `${call.method} ${call.path}`).sort()).toEqual(
      [
        `GET /repos/${OWNER}/${REPO}/git/ref/heads/main`,
        `GET /repos/${OWNER}/${REPO}/contents/content/policy`,
        `GET /repos/${OWNER}/${REPO}/contents/${POLICY}`,
        `GET /repos/${OWNER}/${REPO}/contents/${TEAM}`,
        `GET /repos/${OWNER}/${REPO}/issues/1/comments`,
        `GET /repos/${OWNER}/${REPO}/pulls/1`,
        `GET /repos/${OWNER}/${REPO}/pulls/1/commits`,
        `GET /repos/${OWNER}/${REPO}/pulls/1/files`,
        `GET /repos/${OWNER}/${REPO}/pulls/1/reviews`,
      ].sort(),
    );
    expect(github.writes().map((call) => `${call.method} ${call.path}`)).toEqual([
      `POST /repos/${OWNER}/${REPO}/issues/1/labels`,
      `POST /repos/${OWNER}/${REPO}/issues/1/comments`,
      `POST /repos/${OWNER}/${REPO}/statuses/${H1}`,
    ]);
    const status = github.writes()[2]!.body as Record<string, string>;
    expect(status).toMatchObject({ state: 'pending', context: 'mpflow/review' });
    expect(status.target_url).toMatch(/#issuecomment-\d+$/);
    expect(outcome(repository, 1).labels).toEqual(['review: self']);

    // The author signs off: the label moves on, the old one is removed, the same comment is edited.
    pull.comments!.push(say('linxiao-writes', `/self-review ${h1}`, 10));
    github.calls.length = 0;
    await runGate(github, ['--pr', '1']);
    expect(github.writes().map((call) => `${call.method} ${call.path}`)).toEqual([
      `DELETE /repos/${OWNER}/${REPO}/issues/1/labels/review: self`,
      `POST /repos/${OWNER}/${REPO}/issues/1/labels`,
      expect.stringMatching(new RegExp(`^PATCH /repos/${OWNER}/${REPO}/issues/comments/\\d+$`)),
      `POST /repos/${OWNER}/${REPO}/statuses/${H1}`,
    ]);
    expect(outcome(repository, 1)).toMatchObject({ labels: ['review: operator'], stickyCount: 1 });

    // Evaluated again with nothing new: the comment is left alone, only the status is re-posted.
    github.calls.length = 0;
    await runGate(github, ['--pr', '1']);
    expect(github.writes().map((call) => call.method)).toEqual(['POST']);

    // Operator approves: ready. Other labels on the PR are never touched.
    pull.labels!.push('文章');
    pull.reviews!.push(approve('chenyu-ops', H1, 30));
    await runGate(github, ['--pr', '1']);
    expect(outcome(repository, 1)).toMatchObject({
      labels: ['review: ready', '文章'],
      status: { state: 'success' },
      stickyCount: 1,
    });
  });

  it('fetches each commit’s files (one more request per commit) only for appraisal PRs', async () => {
    setUpRepository(github, [
      articlePull(2, {
        files: [{ filename: 'appraisals/2026-09/lin-xiao/self.yaml', status: 'added' }],
        commits: [
          commit('s1', 'linxiao-writes', { files: ['appraisals/2026-09/lin-xiao/self.yaml'] }),
          commit('head-1', 'linxiao-writes', { sha: H1, files: ['appraisals/2026-09/lin-xiao/self.yaml'] }),
        ],
      }),
    ]);
    await runGate(github, ['--pr', '2', '--dry-run']);
    expect(github.calls.filter((call) => /\/commits\/[0-9a-f]{40}$/.test(call.path))).toHaveLength(2);
    expect(github.calls).toHaveLength(11);
  });

  it('--dry-run --format json prints the decision and writes nothing', async () => {
    setUpRepository(github, [
      articlePull(3, {
        comments: [say('linxiao-writes', `/self-review ${h1}`, 10)],
        reviews: [approve('chenyu-ops', H1, 30)],
      }),
    ]);
    const run = await runGate(github, ['--pr', '3', '--dry-run', '--format', 'json'], { lang: 'en' });
    expect(run.exitCode).toBe(0);
    expect(github.writes()).toEqual([]);
    const output = JSON.parse(run.stdout) as {
      dryRun: boolean;
      decision: {
        verdict: string;
        stages: Array<{ id: string; state: string; doneBy: { login: string; sha: string } }>;
      };
      status: { description: string };
    };
    expect(output.dryRun).toBe(true);
    expect(output.decision.verdict).toBe('success');
    expect(
      output.decision.stages.map((stage) => [stage.id, stage.state, stage.doneBy.login, stage.doneBy.sha]),
    ).toEqual([
      ['author-self-review', 'done', 'linxiao-writes', H1],
      ['operator-approval', 'done', 'chenyu-ops', H1],
    ]);
    expect(output.status.description).toBe(`Review complete (2 stages, commit ${h1})`);
  });

  it('--dry-run works without a token; writing needs one', async () => {
    const open = await startFakeGitHub();
    try {
      setUpRepository(open, [articlePull(4)]);
      expect((await runGate(open, ['--pr', '4', '--dry-run'], { token: null })).exitCode).toBe(0);
      const refused = await runGate(open, ['--pr', '4'], { token: null, lang: 'en' });
      expect(refused.exitCode).toBe(2);
      expect(refused.stderr).toContain('GITHUB_TOKEN is not set');
      expect(open.writes()).toEqual([]);
    } finally {
      await open.close();
    }
  });

  it('works under a GitHub Enterprise API prefix (GITHUB_API_URL=https://HOST/api/v3)', async () => {
    const enterprise = await startFakeGitHub({ token: TOKEN, prefix: '/api/v3' });
    try {
      const repository = setUpRepository(enterprise, [
        articlePull(5, { comments: [say('linxiao-writes', `/self-review ${h1}`, 10)] }),
      ]);
      const run = await runGate(enterprise, ['--pr', '5']);
      expect(run.exitCode).toBe(0);
      expect(outcome(repository, 5).labels).toEqual(['review: operator']);
    } finally {
      await enterprise.close();
    }
  });

  it('a 5xx that persists after retries fails with the request named, and writes nothing', async () => {
    setUpRepository(github, [articlePull(6)]);
    github.fail({ path: /\/pulls\/6\/reviews$/, status: 503, times: 10, body: { message: 'Service Unavailable' } });
    const run = await runGate(github, ['--pr', '6'], { lang: 'en' });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe(
      `mpflow: GET /repos/${OWNER}/${REPO}/pulls/6/reviews failed: GitHub answered 503, still failing after retries (GitHub: Service Unavailable). Run it again later.\n`,
    );
    expect(github.calls.filter((call) => call.path.endsWith('/pulls/6/reviews'))).toHaveLength(4);
    expect(github.writes()).toEqual([]);
  });

  it('a repository that does not exist: 404 named plainly, in Chinese too', async () => {
    const run = await runGate(github, ['--pr', '7', '--repo', 'minlan-tea/no-such-repo']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(
      /^mpflow: GET \/repos\/minlan-tea\/no-such-repo\/pulls\/7 返回 404：没有这个仓库、PR 或文件，或令牌无权访问它（GitHub：Not Found）。/,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('an API URL nobody answers at: says it cannot reach it, after retries', async () => {
    const gone = await startFakeGitHub();
    const url = gone.url;
    await gone.close();
    const run = await runGate({ ...github, url }, ['--pr', '1', '--dry-run'], { lang: 'en' });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(
      new RegExp(
        `^mpflow: GET /repos/${OWNER}/${REPO}/pulls/1 got no answer: cannot reach ${url.replace(/[.]/g, '\\.')} \\(ECONNREFUSED\\), still failing after retries\\.`,
      ),
    );
  });

  it('a bad token: 401 with what to fix, and the token never printed', async () => {
    setUpRepository(github, [articlePull(8)]);
    const run = await runGate(github, ['--pr', '8'], { token: 'ghs_WRONGtoken_should_not_leak', lang: 'en' });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(
      `GET /repos/${OWNER}/${REPO}/pulls/8 was refused: 401 unauthorised (GitHub: Bad credentials). GITHUB_TOKEN is missing, expired or invalid.`,
    );
    expect(run.stdout + run.stderr).not.toContain('ghs_WRONGtoken');
  });

  it('a 403 without a rate limit is a permissions error naming the write that failed', async () => {
    setUpRepository(github, [articlePull(9)]);
    github.fail({
      method: 'POST',
      path: /\/statuses\//,
      status: 403,
      times: 1,
      body: { message: 'Resource not accessible by integration' },
    });
    const run = await runGate(github, ['--pr', '9'], { lang: 'en' });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(
      `POST /repos/${OWNER}/${REPO}/statuses/${H1} was refused: 403 forbidden (GitHub: Resource not accessible by integration). Check the workflow's permissions`,
    );
  });

  it('a rate limit that never lifts gives up after three waits with a clear message', async () => {
    setUpRepository(github, [articlePull(10)]);
    github.rateLimit(/\/pulls\/10$/, { times: 20, status: 429 });
    const run = await runGate(github, ['--pr', '10'], { lang: 'en' });
    expect(run.exitCode).toBe(1);
    expect(run.stderr.match(/waiting \d+ s/g)).toHaveLength(3);
    expect(run.stderr).toContain(`GET /repos/${OWNER}/${REPO}/pulls/10 kept hitting GitHub's rate limit after waiting`);
    expect(github.calls.filter((call) => call.path.endsWith('/pulls/10'))).toHaveLength(4);
  });

  it('a broken roster on the base commit fails the gate and says where', async () => {
    const repository = setUpRepository(github, [articlePull(11)]);
    repository.trees.set(
      BASE,
      baseTree({ [TEAM]: 'members:\n  - id: lin-xiao\n    name: 林晓\n    roles: [copywriter\n' }),
    );
    const run = await runGate(github, ['--pr', '11']);
    expect(run.exitCode).toBe(0);
    const result = outcome(repository, 11);
    expect(result.status).toMatchObject({
      state: 'failure',
      description: '基础分支上的名册或制度文件有错误，无法核对审核。',
    });
    expect(result.sticky).toMatch(/基础分支 content\/team\.yaml:4:\d+：这里的 \[ 没有对应的 \]/);
    expect(result.labels).toEqual([]);
    repository.trees.set(BASE, baseTree());
  });

  it('a person pasting the marker into a comment does not get it overwritten', async () => {
    const pull = articlePull(12, {
      comments: [say('wangjia-tea', '<!-- mpflow-review-gate --> 假装是审核摘要：全部通过 ✅', 5)],
    });
    const repository = setUpRepository(github, [pull]);
    await runGate(github, ['--pr', '12']);
    expect(pull.comments![0]!.body).toBe('<!-- mpflow-review-gate --> 假装是审核摘要：全部通过 ✅');
    expect(outcome(repository, 12).stickyCount).toBe(1);
    expect(github.writes().some((call) => call.method === 'PATCH')).toBe(false);
  });

  it('rejects bad options with usage errors', async () => {
    expect((await runGate(github, ['--pr', 'abc'], { lang: 'en' })).stderr).toContain(
      '--pr must be a positive whole number',
    );
    expect((await runGate(github, ['--pr', '1', '--repo', 'nope'], { lang: 'en' })).stderr).toContain(
      '--repo must be OWNER/NAME',
    );
    expect((await runGate(github, ['--pr', '1', '--format', 'xml'], { lang: 'en' })).exitCode).toBe(2);
  });

  describe('--record-merge', () => {
    let root: string;
    beforeEach(async () => {
      root = await mkdtemp(path.join(tmpdir(), 'mpflow-review-log-'));
      await mkdir(path.join(root, 'content'), { recursive: true });
    });

    it('appends the final record once, with stages, durations and the head commit’s checks', async () => {
      const repository = setUpRepository(github, [
        articlePull(20, {
          merged_at: '2026-12-31T17:30:00Z',
          merged_by: 'chenyu-ops',
          files: [
            { filename: 'content/articles/2026/09-07-bailu-white-tea/index.md', status: 'added' },
            { filename: COVER, status: 'added' },
          ],
          commits: [commit('a1', 'linxiao-writes'), commit('head-1', 'huangshan-design', { sha: H1 })],
          comments: [
            say('linxiao-writes', `/self-review ${h1}`, 90),
            say('huangshan-design', `/self-review ${h1}`, 120),
          ],
          reviews: [approve('chenyu-ops', H1, 180)],
        }),
      ]);
      repository.statuses.push({ sha: H1, state: 'success', context: 'mpflow/review', created_at: at(181) });
      repository.checkRuns.set(H1, [
        { name: 'check', status: 'completed', conclusion: 'success' },
        { name: 'compliance', status: 'completed', conclusion: 'success' },
      ]);
      const run = await runGate(github, ['--pr', '20', '--record-merge', '--root', root], { lang: 'en' });
      expect(run.stderr).toBe('');
      expect(run.exitCode).toBe(0);
      // Merged at 01:30 on 1 January in Shanghai: the new year's log.
      expect(run.stdout).toBe('Appended the review record of PR #20 to content/reviews/2027.jsonl.\n');
      expect(github.writes()).toEqual([]);
      const again = await runGate(github, ['--pr', '20', '--record-merge', '--root', root], { lang: 'en' });
      expect(again.stdout).toBe('content/reviews/2027.jsonl already holds PR #20; nothing appended.\n');
      const lines = (await readFile(path.join(root, 'content/reviews/2027.jsonl'), 'utf8')).trim().split('\n');
      expect(lines).toHaveLength(1);
      const [record] = await readReviewAuditLog(root);
      expect(record).toMatchObject({
        pr: 20,
        repository: `${OWNER}/${REPO}`,
        title: '文章：白露喝白茶',
        author: 'linxiao-writes',
        mergedBy: 'chenyu-ops',
        headSha: H1,
        baseSha: BASE,
        verdict: 'success',
        stages: [
          {
            id: 'author-self-review',
            state: 'done',
            actor: 'linxiao-writes',
            member: 'lin-xiao',
            role: 'copywriter',
            sha: H1,
            durationSeconds: 90 * 60,
          },
          {
            id: 'designer-self-review',
            state: 'done',
            actor: 'huangshan-design',
            member: 'huang-shan',
            role: 'designer',
            sha: H1,
            durationSeconds: 120 * 60,
          },
          {
            id: 'operator-approval',
            state: 'done',
            actor: 'chenyu-ops',
            member: 'chen-yu',
            role: 'operator',
            sha: H1,
            durationSeconds: 60 * 60,
          },
        ],
        checks: [
          { name: 'mpflow/review', kind: 'status', state: 'success' },
          { name: 'check', kind: 'check-run', state: 'success' },
          { name: 'compliance', kind: 'check-run', state: 'success' },
        ],
      });
      await rm(root, { recursive: true, force: true });
    });

    it('refuses a PR that is not merged', async () => {
      setUpRepository(github, [articlePull(21)]);
      const run = await runGate(github, ['--pr', '21', '--record-merge', '--root', root], { lang: 'en' });
      expect(run.exitCode).toBe(1);
      expect(run.stderr).toBe('mpflow: PR #21 is not merged; there is no final review to record.\n');
      await rm(root, { recursive: true, force: true });
    });

    it('keeps lines already in the log and names a malformed line when reading', async () => {
      await mkdir(path.join(root, 'content/reviews'), { recursive: true });
      await writeFile(path.join(root, 'content/reviews/2026.jsonl'), '{"pr": 1, "title": "x"}\n');
      await expect(readReviewAuditLog(root)).rejects.toThrow(/^content\/reviews\/2026\.jsonl:1: /);
      await rm(root, { recursive: true, force: true });
    });
  });

  void H2;
});
