import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github-server.ts';
import {
  approve,
  articlePull,
  BASE,
  BASE_POLICY,
  BASE_TEAM,
  baseTree,
  commit,
  H1,
  outcome,
  OWNER,
  POLICY,
  REPO,
  runGate,
  say,
  setUpRepository,
  sha,
  TEAM,
  TOKEN,
} from './scenario-kit.ts';

/**
 * Attacks on the gate through what GitHub reports, run through the real CLI against the fake
 * GitHub. Each one got a false "success" (or read the wrong roster) before its fix.
 */
const h1 = H1.slice(0, 7);

describe('review gate: attacks through GitHub', () => {
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

  it('a second PR with the same head commit into a branch the author controls posts nothing on that commit', async () => {
    // PR 301 into main waits for the operator. The author pushes branch `evil-base` holding the
    // article already (so PR 302's diff is just the README) and opens PR 302 from the same head.
    const real = articlePull(301, { comments: [say('linxiao-writes', `/self-review ${h1}`, 10)] });
    const decoy = articlePull(302, {
      base: { sha: sha('evil-base'), ref: 'evil-base' },
      files: [{ filename: 'README.md', status: 'modified' }],
      reviews: [approve('zhoumin-minlan', H1, 5)],
    });
    const repository = setUpRepository(github, [real, decoy]);
    repository.trees.set(sha('evil-base'), baseTree());
    repository.branches.set('evil-base', sha('evil-base'));

    expect((await runGate(github, ['--pr', '301'])).exitCode).toBe(0);
    expect(outcome(repository, 301).status?.state).toBe('pending');
    const decoyRun = await runGate(github, ['--pr', '302'], { lang: 'en' });
    expect(decoyRun.exitCode).toBe(0);
    expect(decoyRun.stdout).toContain(
      'The gate judges only pull requests into the default branch (base evil-base is not the default branch main)',
    );
    // The commit still says what PR 301's review says: nothing was posted for the decoy.
    expect(outcome(repository, 301).status?.state).toBe('pending');
    expect(repository.statuses.filter((status) => status.sha === H1).map((status) => status.state)).toEqual([
      'pending',
    ]);
    expect(repository.pulls.get(302)!.comments ?? []).toEqual([]);
    expect(repository.pulls.get(302)!.labels ?? []).toEqual([]);
  });

  it('two summary comments left by an earlier overlap become one, the older kept and updated', async () => {
    const stale = (id: number, verdict: string) => ({
      id,
      user: 'github-actions[bot]',
      type: 'Bot' as const,
      body: `<!-- mpflow-review-gate -->\n### mpflow 审核 ${verdict}`,
      created_at: '2026-09-09T01:00:00Z',
    });
    const repository = setUpRepository(github, [
      articlePull(308, {
        comments: [stale(880001, '✅'), stale(880002, '⏳'), say('linxiao-writes', `/self-review ${h1}`, 10)],
      }),
    ]);
    await runGate(github, ['--pr', '308']);
    const stickies = (repository.pulls.get(308)!.comments ?? []).filter((entry) =>
      entry.body.includes('<!-- mpflow-review-gate -->'),
    );
    expect(stickies.map((entry) => entry.id)).toEqual([880001]);
    expect(stickies[0]!.body).toContain('待完成：运营审核');
    expect(github.writes().map((call) => `${call.method} ${call.path}`)).toContain(
      `DELETE /repos/${OWNER}/${REPO}/issues/comments/880002`,
    );
  });

  it.each([
    ['no roster', () => new Map([[POLICY, BASE_POLICY]]), 'There is no roster at content/team.yaml'],
    ['no policy folder', () => new Map([[TEAM, BASE_TEAM]]), 'There is no policy version under content/policy/.'],
    ['an empty roster file', () => baseTree({ [TEAM]: '' }), 'base commit content/team.yaml:1:1'],
  ])('a base commit with %s fails the gate, whatever the PR holds', async (_name, tree, message) => {
    const moved = sha(`base-${_name}`);
    const repository = setUpRepository(github, [
      articlePull(309, {
        comments: [say('linxiao-writes', `/self-review ${h1}`, 10)],
        reviews: [approve('chenyu-ops', H1, 30)],
      }),
    ]);
    repository.trees.set(moved, tree());
    repository.branches.set('main', moved);
    try {
      const run = await runGate(github, ['--pr', '309'], { lang: 'en' });
      expect(run.exitCode).toBe(0);
      const result = outcome(repository, 309);
      expect(result.status?.state).toBe('failure');
      expect(result.sticky).toContain(message);
      expect(result.labels).toEqual([]);
    } finally {
      repository.branches.set('main', BASE);
    }
  });

  it('a PR into a branch whose name has a slash is skipped without asking for that branch', async () => {
    const repository = setUpRepository(github, [articlePull(307, { base: { sha: BASE, ref: 'release/2026-q4' } })]);
    const run = await runGate(github, ['--pr', '307']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(
      '审核程序只判断合并到默认分支的 PR（base release/2026-q4 is not the default branch main）',
    );
    expect(github.calls.some((call) => call.path.includes('/git/ref/'))).toBe(false);
    expect(github.writes()).toEqual([]);
    expect(outcome(repository, 307).labels).toEqual([]);
  });

  it('reads the roster at the base branch as it is now, not at the PR’s recorded (older) base commit', async () => {
    // After PR 303 was opened, main moved on: chen-yu's leaving date was merged.
    const moved = sha('base-after-leave');
    const pull = articlePull(303, {
      comments: [say('linxiao-writes', `/self-review ${h1}`, 10)],
      reviews: [approve('chenyu-ops', H1, 30)],
    });
    const repository = setUpRepository(github, [pull]);
    repository.trees.set(
      moved,
      baseTree({
        [TEAM]: BASE_TEAM.replace('    joined: 2021-07-01\n', '    joined: 2021-07-01\n    left: 2026-09-05\n'),
      }),
    );
    repository.branches.set('main', moved);
    try {
      await runGate(github, ['--pr', '303']);
      const result = outcome(repository, 303);
      expect(result.status?.state).toBe('pending');
      expect(result.sticky).toContain('@chenyu-ops 的批准不计入运营审核：不在基础分支的名册中（或已离职、尚未入职）');
      expect(result.sticky).toContain(`审核规则与名册取自基础提交 \`${moved.slice(0, 7)}\``);
      expect(
        github.calls.filter((call) => call.path.includes('/contents/')).every((call) => call.query.ref === moved),
      ).toBe(true);
    } finally {
      repository.branches.set('main', BASE);
    }
  });

  it('a merged PR is recorded by the base it merged onto, never by the branch that now holds it', async () => {
    // The PR itself made lin-xiao an operator; main's tip now has that roster.
    const after = sha('main-after-merge');
    const pull = articlePull(304, {
      user: 'wangjia-tea',
      commits: [commit('head-1', 'wangjia-tea', { sha: H1 })],
      files: [{ filename: TEAM, status: 'modified' }],
      reviews: [approve('linxiao-writes', H1, 30)],
      merged_at: '2026-09-09T03:00:00Z',
      merged_by: 'wangjia-tea',
    });
    const repository = setUpRepository(github, [pull]);
    repository.trees.set(
      after,
      baseTree({
        [TEAM]: BASE_TEAM.replace(
          'roles: [copywriter]\n    title: 文案策划\n    supervisor: zhou-min\n    joined: 2022-03-14',
          'roles: [copywriter, head]\n    title: 文案策划\n    supervisor: zhou-min\n    joined: 2022-03-14',
        ),
      }),
    );
    repository.branches.set('main', after);
    try {
      const run = await runGate(github, ['--pr', '304', '--dry-run', '--format', 'json']);
      const output = JSON.parse(run.stdout) as { decision: { verdict: string; baseSha: string } };
      expect(output.decision).toMatchObject({ verdict: 'pending', baseSha: BASE });
      expect(github.calls.some((call) => call.path.includes('/git/ref/'))).toBe(false);
    } finally {
      repository.branches.set('main', BASE);
    }
  });

  it('an operator whose commit is number 251 (past what GitHub lists) cannot slip an approval through', async () => {
    const commits = [
      ...Array.from({ length: 250 }, (_, index) => commit(`c${index}`, 'linxiao-writes')),
      commit('head-1', 'chenyu-ops', { sha: H1 }),
    ];
    const repository = setUpRepository(github, [
      articlePull(305, {
        commits,
        comments: [say('linxiao-writes', `/self-review ${h1}`, 10)],
        reviews: [approve('chenyu-ops', H1, 30)],
      }),
    ]);
    await runGate(github, ['--pr', '305']);
    const result = outcome(repository, 305);
    expect(result.status?.state).toBe('failure');
    expect(result.status?.description).toBe('GitHub 没有列出这个 PR 的全部提交或文件，无法核对审核');
    expect(result.sticky).toContain('这个 PR 有 251 个提交，GitHub 只列出了 250 个');
    expect(result.labels).toEqual([]);
  });

  it('a supervisor’s section edited in a commit of more than 300 files is still found (the commit’s file list is paged)', async () => {
    const filler = Array.from(
      { length: 300 },
      (_, index) => `appraisals/2026-09/lin-xiao/notes/${String(index).padStart(3, '0')}.md`,
    );
    const files = [...filler, 'appraisals/2026-09/lin-xiao/supervisor.yaml'];
    const repository = setUpRepository(github, [
      articlePull(306, {
        title: '考核：9 月材料',
        files: files.map((filename) => ({ filename, status: 'added' })),
        commits: [commit('head-1', 'linxiao-writes', { sha: H1, files })],
        reviews: [approve('liufang-hr', H1, 30)],
      }),
    ]);
    await runGate(github, ['--pr', '306']);
    const result = outcome(repository, 306);
    expect(result.status?.state).toBe('failure');
    expect(result.sticky).toContain('appraisals/2026-09/lin-xiao/supervisor.yaml 只能由 zhou-min 本人填写');
    expect(
      github.calls
        .filter((call) => call.path === `/repos/${OWNER}/${REPO}/commits/${H1}`)
        .map((call) => call.query.page),
    ).toEqual(['1', '2']);
  });
});
