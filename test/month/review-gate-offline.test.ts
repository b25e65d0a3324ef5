import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ARTICLE_DIRECTORY, FixtureRepository } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';

const git = promisify(execFile);

/**
 * `mpflow review-gate --dry-run --event FILE`: the department's review rules tried on a branch
 * with no GitHub API, from a saved event (the shape GitHub writes to GITHUB_EVENT_PATH), local git
 * and the roster and policy on disk (issue 19, item 7).
 */
describe('review-gate --dry-run --event', () => {
  let repository: FixtureRepository;
  let base = '';
  let head = '';
  const env = { LANG: 'en_US.UTF-8', MPFLOW_NOW: '2026-09-01T06:00:00Z' };
  const inRepo = (...args: string[]) => git('git', args, { cwd: repository.root });

  beforeEach(async () => {
    repository = await FixtureRepository.create();
    await inRepo('init', '--quiet', '--initial-branch', 'main');
    await inRepo('add', '.');
    await inRepo(
      '-c',
      'user.name=周敏',
      '-c',
      'user.email=2001+zhoumin-minlan@users.noreply.github.com',
      'commit',
      '--quiet',
      '-m',
      'department',
    );
    base = (await inRepo('rev-parse', 'HEAD')).stdout.trim();
    await inRepo('checkout', '--quiet', '-b', 'yancha');
    const file = `${ARTICLE_DIRECTORY}/index.md`;
    await repository.write(
      file,
      (await repository.read(file)).replace('先闻干茶，再闻杯底。', '先闻干茶，再闻杯底，最后尝一口。'),
    );
    await inRepo(
      '-c',
      'user.name=林晓',
      '-c',
      'user.email=1001+linxiao-writes@users.noreply.github.com',
      'commit',
      '--quiet',
      '-am',
      '岩韵：补一句品饮顺序',
    );
    head = (await inRepo('rev-parse', 'HEAD')).stdout.trim();
  });
  afterEach(async () => {
    await repository.dispose();
  });

  const pullRequest = () => ({
    number: 7,
    title: '岩韵：补一句品饮顺序',
    user: { login: 'linxiao-writes' },
    draft: false,
    state: 'open',
    created_at: '2026-09-01T02:00:00Z',
    head: { sha: head },
    base: { sha: base, ref: 'main' },
  });

  it('names the stages the rules ask for and who did them, from a pull_request_review event', async () => {
    const event = {
      action: 'submitted',
      pull_request: pullRequest(),
      review: {
        id: 55,
        user: { login: 'chenyu-ops' },
        state: 'approved',
        commit_id: head,
        submitted_at: '2026-09-01T03:00:00Z',
      },
    };
    await repository.write('event.json', JSON.stringify(event));
    const run = await runMpflow(['review-gate', '--dry-run', '--event', 'event.json', '--format', 'json'], {
      cwd: repository.root,
      env,
    });
    expect(run.exitCode, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as {
      decision: { verdict: string; stages: Array<{ id: string; state: string; doneBy?: { member: string } }> };
    };
    expect(result.decision.verdict).toBe('pending');
    expect(result.decision.stages.map((stage) => [stage.id, stage.state, stage.doneBy?.member ?? null])).toEqual([
      ['author-self-review', 'pending', null],
      ['operator-approval', 'done', 'chen-yu'],
    ]);
    const text = await runMpflow(['review-gate', '--dry-run', '--event', 'event.json'], { cwd: repository.root, env });
    expect(text.stdout).toContain(`PR #7 ${head.slice(0, 7)}: pending`);
    expect(text.stdout).toContain('(--dry-run: nothing written to GitHub)');
  });

  it('passes once the author has signed the head commit, with no token and no network', async () => {
    const event = {
      action: 'created',
      pull_request: pullRequest(),
      review: {
        id: 55,
        user: { login: 'chenyu-ops' },
        state: 'approved',
        commit_id: head,
        submitted_at: '2026-09-01T03:00:00Z',
      },
      comment: {
        id: 9,
        user: { login: 'linxiao-writes', type: 'User' },
        body: `/self-review ${head.slice(0, 8)}`,
        created_at: '2026-09-01T02:30:00Z',
        updated_at: '2026-09-01T02:30:00Z',
      },
    };
    await repository.write('event.json', JSON.stringify(event));
    const run = await runMpflow(['review-gate', '--dry-run', '--event', 'event.json', '--format', 'json'], {
      cwd: repository.root,
      env,
    });
    expect(run.exitCode, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as { decision: { verdict: string } }).decision.verdict).toBe('success');
  });

  it('says plainly what is wrong with the event or the history', async () => {
    await repository.write('event.json', JSON.stringify({ action: 'opened' }));
    expect(
      await runMpflow(['review-gate', '--dry-run', '--event', 'event.json'], { cwd: repository.root, env }),
    ).toMatchObject({
      exitCode: 2,
      stderr:
        'mpflow: event.json is not a pull_request or pull_request_review event: pull_request.number, head.sha or base.sha is missing.\n',
    });
    await repository.write(
      'event.json',
      JSON.stringify({ pull_request: { ...pullRequest(), head: { sha: 'f'.repeat(40) } } }),
    );
    const missing = await runMpflow(['review-gate', '--dry-run', '--event', 'event.json'], {
      cwd: repository.root,
      env,
    });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('Local git does not have');
    expect((await runMpflow(['review-gate', '--event', 'event.json'], { cwd: repository.root, env })).stderr).toBe(
      'mpflow: --event works with --dry-run only: offline, nothing is written to GitHub.\n',
    );
  });
});
