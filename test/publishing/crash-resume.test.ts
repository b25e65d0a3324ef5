import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { PublishStep } from '../../src/core/publishing/publish-article.ts';
import { PROJECT_ROOT } from '../helpers/fixture-repository.ts';
import {
  ARTICLE_ID,
  ARTICLE_TITLE,
  createPublishingWorld,
  RECORD_FILE,
  type PublishingWorld,
} from './publishing-fixture.ts';

class InjectedCrash extends Error {}

let world: PublishingWorld | undefined;
afterEach(async () => {
  await world?.dispose();
  world = undefined;
});

const IMAGES = 2;
/** The recorded steps of one article with two body images, in order. */
const STEPS: PublishStep[] = ['image', 'image', 'cover', 'draft', 'submit', 'published'];

describe('a crash after any recorded step', () => {
  it.each(STEPS.slice(0, -1).map((step, index) => [index + 1, step] as const))(
    'crash after step %i (%s): the rerun finishes and publishes exactly once',
    async (crashAt) => {
      world = await createPublishingWorld({ images: IMAGES });
      const seen: PublishStep[] = [];
      await expect(
        world.run({
          afterStep: (_article, step) => {
            seen.push(step);
            if (seen.length === crashAt) throw new InjectedCrash(`crash after ${step}`);
          },
        }),
      ).rejects.toBeInstanceOf(InjectedCrash);
      expect((await world.record())?.status).toBe('in-progress');

      const rerun = await world.run({ now: Date.parse('2026-09-02T20:50:00+08:00') });
      expect(rerun.entries[0]?.outcome).toBe('published');
      expect(world.fake.state.submitsByTitle.get(ARTICLE_TITLE)).toBe(1);
      // What was recorded is not done again.
      expect(world.fake.count('/cgi-bin/media/uploadimg')).toBe(IMAGES);
      expect(world.fake.count('/cgi-bin/material/add_material')).toBe(1);
      expect(world.fake.count('/cgi-bin/draft/add')).toBe(1);
      expect(world.fake.state.strippedImages).toEqual([]);

      const record = await world.record();
      const publish = [...world.fake.state.publishes.values()][0]!;
      expect(record).toMatchObject({
        article: ARTICLE_ID,
        status: 'published',
        publishId: String(publish.publishId),
        msgDataId: String(publish.msgDataId),
        wechatArticleId: publish.articleId,
      });
      expect(record?.images).toHaveLength(IMAGES);
      expect(record?.url).toContain(`mid=${publish.msgDataId}`);
      expect(record?.publishedAt).toBeDefined();
    },
  );
});

/** Runs the real CLI in a child process, as the scheduled workflow does. */
function runPublisher(
  world: PublishingWorld,
  now: string,
  options: { root?: string; extra?: string[]; env?: Record<string, string> } = {},
): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }> } {
  const child = spawn(
    process.execPath,
    [
      path.join(PROJECT_ROOT, 'scripts/mpflow.ts'),
      'publish',
      '--due',
      '--now',
      now,
      '--root',
      options.root ?? world.fixture.root,
      '--format',
      'json',
      ...(options.extra ?? []),
    ],
    {
      env: {
        ...options.env,
        PATH: process.env.PATH,
        LANG: 'en_US.UTF-8',
        WECHAT_APPID: world.fake.state.appId,
        WECHAT_APPSECRET: world.fake.state.appSecret,
        WECHAT_API_BASE: world.fake.url,
        MPFLOW_WECHAT_TOKEN_CACHE: path.join(world.tokenFolder, 'cli-token.json'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.resume();
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout })),
  );
  return { child, done };
}

describe('the publisher process killed (SIGKILL) while WeChat handles each call', () => {
  // Every API call of one publication with two images: the kill lands after WeChat received the
  // request, before the publisher hears the answer, the worst moment for idempotence.
  // mpflow publish looks in 发表记录 (freepublish/batchget) before every submission.
  const CALLS = [
    'stable_token',
    'media/uploadimg',
    'media/uploadimg',
    'material/add_material',
    'draft/add',
    'freepublish/batchget',
    'freepublish/submit',
    'freepublish/get',
  ];

  it.each(CALLS.map((call, index) => [index, call] as const))(
    'killed during call %i (%s): the rerun never publishes it twice',
    async (killAt, call) => {
      let victim: ChildProcess | undefined;
      world = await createPublishingWorld({
        images: IMAGES,
        fake: {
          pollsWhilePublishing: 0,
          onRequest: async (_call, index) => {
            if (index === killAt && victim) {
              victim.kill('SIGKILL');
              await new Promise((resolve) => victim!.once('exit', resolve));
            }
          },
        },
      });
      const first = runPublisher(world, '2026-09-02T20:35:00+08:00');
      victim = first.child;
      const killed = await first.done;
      expect(killed.signal).toBe('SIGKILL');
      expect(world.fake.calls[killAt]?.path).toBe(`/cgi-bin/${call}`);
      expect(world.fake.calls).toHaveLength(killAt + 1);

      const rerun = await runPublisher(world, '2026-09-02T20:50:00+08:00').done;
      const report = JSON.parse(rerun.stdout) as { entries: Array<{ outcome: string; message?: string }> };
      expect(world.fake.state.submitsByTitle.get(ARTICLE_TITLE) ?? 0).toBeLessThanOrEqual(1);
      const record = await world.record();
      if (call === 'freepublish/submit') {
        // WeChat accepted the submission but nobody heard: never resubmitted, handed to a person.
        expect(world.fake.state.submitsByTitle.get(ARTICLE_TITLE)).toBe(1);
        expect(report.entries[0]?.outcome).toBe('failed');
        expect(record).toMatchObject({ status: 'failed', failure: { step: 'submit' } });
        expect(rerun.code).toBe(1);
      } else {
        expect(report.entries[0]?.outcome).toBe('published');
        expect(rerun.code).toBe(0);
        expect(world.fake.state.submitsByTitle.get(ARTICLE_TITLE)).toBe(1);
        expect(record).toMatchObject({ status: 'published' });
        expect(record?.url).toBeDefined();
        expect(world.fake.state.strippedImages).toEqual([]);
      }
    },
  );
});

/** The fixture department as a clone of a bare origin, as a runner's checkout is. */
function gitWorld(world: PublishingWorld): {
  origin: string;
  env: Record<string, string>;
  git: (cwd: string, ...args: string[]) => string;
  clone: () => string;
} {
  const home = mkdtempSync(path.join(tmpdir(), 'mpflow-git-home-'));
  const env = {
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: '陈雨',
    GIT_AUTHOR_EMAIL: 'chenyu@example.com',
    GIT_COMMITTER_NAME: '陈雨',
    GIT_COMMITTER_EMAIL: 'chenyu@example.com',
  };
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', args, { cwd, env: { ...env, PATH: process.env.PATH }, encoding: 'utf8' }).trim();
  const origin = path.join(home, 'origin.git');
  git(home, 'init', '--quiet', '--bare', '--initial-branch=main', origin);
  const root = world.fixture.root;
  git(root, 'init', '--quiet', '--initial-branch=main');
  git(root, 'add', '--all');
  git(root, 'commit', '--quiet', '-m', '部门仓库');
  git(root, 'remote', 'add', 'origin', origin);
  git(root, 'push', '--quiet', 'origin', 'main');
  let clones = 0;
  const clone = () => {
    const target = path.join(home, `runner-${(clones += 1)}`);
    git(home, 'clone', '--quiet', origin, target);
    return target;
  };
  return { origin, env, git, clone };
}

describe('a lost runner (SIGKILL, its checkout gone) never leads to a second submission', () => {
  it('with --push-records the record reaches the branch before the submission; a fresh runner hands it to a person', async () => {
    let victim: ChildProcess | undefined;
    world = await createPublishingWorld({
      images: 1,
      fake: {
        pollsWhilePublishing: 0,
        onRequest: async (call) => {
          if (call.path === '/cgi-bin/freepublish/submit' && victim) {
            victim.kill('SIGKILL');
            await new Promise((resolve) => victim!.once('exit', resolve));
          }
        },
      },
    });
    const repo = gitWorld(world);
    const first = runPublisher(world, '2026-09-02T20:35:00+08:00', { extra: ['--push-records'], env: repo.env });
    victim = first.child;
    expect((await first.done).signal).toBe('SIGKILL');
    // WeChat received the submission (it goes on to publish it); the publisher never heard back.
    expect(world.fake.count('/cgi-bin/freepublish/submit')).toBe(1);
    // On the branch, pushed before freepublish/submit was called: the submission may exist.
    const pushed = repo.git(repo.origin, 'show', `main:${RECORD_FILE}`);
    expect(pushed).toMatch(/^submitStartedAt: /m);
    expect(pushed).not.toMatch(/^publishId: /m);
    expect(repo.git(repo.origin, 'log', '-1', '--format=%s', 'main')).toBe(
      `发布记录：${ARTICLE_ID} 提交发布 / Publish record: ${ARTICLE_ID} submitted`,
    );

    // The runner is gone with its checkout; the next run starts from the branch.
    const next = repo.clone();
    const rerun = await runPublisher(world, '2026-09-02T20:50:00+08:00', {
      root: next,
      extra: ['--push-records'],
      env: repo.env,
    }).done;
    const report = JSON.parse(rerun.stdout) as { entries: Array<{ outcome: string; message?: string }> };
    expect(world.fake.state.submitsByTitle.get(ARTICLE_TITLE)).toBe(1);
    expect(report.entries[0]?.outcome).toBe('failed');
    expect(rerun.code).toBe(1);
    expect(parse(readFileSync(path.join(next, RECORD_FILE), 'utf8'))).toMatchObject({
      status: 'failed',
      failure: { step: 'submit' },
    });
  });

  it('killed while polling, after WeChat accepted it: the publish_id is on the branch and a fresh runner only polls', async () => {
    let victim: ChildProcess | undefined;
    world = await createPublishingWorld({
      images: 1,
      fake: {
        pollsWhilePublishing: 0,
        onRequest: async (call) => {
          if (call.path === '/cgi-bin/freepublish/get' && victim) {
            victim.kill('SIGKILL');
            await new Promise((resolve) => victim!.once('exit', resolve));
          }
        },
      },
    });
    const repo = gitWorld(world);
    const first = runPublisher(world, '2026-09-02T20:35:00+08:00', { extra: ['--push-records'], env: repo.env });
    victim = first.child;
    expect((await first.done).signal).toBe('SIGKILL');
    expect(repo.git(repo.origin, 'show', `main:${RECORD_FILE}`)).toMatch(/^publishId: /m);
    victim = undefined;
    const next = repo.clone();
    const rerun = await runPublisher(world, '2026-09-02T20:50:00+08:00', {
      root: next,
      extra: ['--push-records'],
      env: repo.env,
    }).done;
    expect(rerun.code).toBe(0);
    expect((JSON.parse(rerun.stdout) as { entries: Array<{ outcome: string }> }).entries[0]?.outcome).toBe('published');
    expect(world.fake.count('/cgi-bin/freepublish/submit')).toBe(1);
    expect(parse(readFileSync(path.join(next, RECORD_FILE), 'utf8'))).toMatchObject({ status: 'published' });
  });

  it('without a pushed record, the look in 发表记录 (freepublish/batchget) finds the article and does not submit it again', async () => {
    world = await createPublishingWorld({ images: 1, fake: { pollsWhilePublishing: 0 } });
    const repo = gitWorld(world);
    // A first run publishes in full, but its records never reach the branch (the runner was lost
    // before the commit step, and this run pushed nothing itself).
    const lost = await runPublisher(world, '2026-09-02T20:35:00+08:00', { env: repo.env }).done;
    expect(lost.code).toBe(0);
    expect(world.fake.state.submitsByTitle.get(ARTICLE_TITLE)).toBe(1);
    expect(() => repo.git(repo.origin, 'show', `main:${RECORD_FILE}`)).toThrow();

    const next = repo.clone();
    const rerun = await runPublisher(world, '2026-09-02T20:50:00+08:00', {
      root: next,
      extra: ['--push-records'],
      env: repo.env,
    }).done;
    const report = JSON.parse(rerun.stdout) as { entries: Array<{ outcome: string; message?: string }> };
    expect(world.fake.state.submitsByTitle.get(ARTICLE_TITLE)).toBe(1);
    expect(report.entries[0]).toMatchObject({ outcome: 'failed' });
    expect(report.entries[0]?.message).toContain(
      'The publication list already holds this article (https://mp.weixin.qq.com/s?__biz=',
    );
    const record = parse(readFileSync(path.join(next, RECORD_FILE), 'utf8')) as Record<string, unknown>;
    expect(record).toMatchObject({ status: 'failed', failure: { step: 'submit' } });
    // Nothing was submitted, so nothing says a submission started.
    expect(record.submitStartedAt).toBeUndefined();
    expect(world.fake.count('/cgi-bin/freepublish/submit')).toBe(1);
  });

  it('a push that is refused holds the submission: nothing goes out, the run stops, the next one can go on', async () => {
    world = await createPublishingWorld({ images: 1, fake: { pollsWhilePublishing: 0 } });
    const repo = gitWorld(world);
    // The branch refuses every push (a ruleset the token is not allowed past).
    writeFileSync(
      path.join(repo.origin, 'hooks/pre-receive'),
      '#!/bin/sh\necho "refusing: protected branch" >&2\nexit 1\n',
    );
    chmodSync(path.join(repo.origin, 'hooks/pre-receive'), 0o755);
    const run = await runPublisher(world, '2026-09-02T20:35:00+08:00', { extra: ['--push-records'], env: repo.env })
      .done;
    const report = JSON.parse(run.stdout) as {
      entries: Array<{ outcome: string; message?: string }>;
      stoppedBy?: string;
    };
    expect(run.code).toBe(1);
    expect(world.fake.count('/cgi-bin/freepublish/submit')).toBe(0);
    expect(report.entries[0]?.outcome).toBe('not-attempted');
    expect(report.stoppedBy).toContain('The publish record could not be pushed to the repository');
    const record = parse(readFileSync(path.join(world.fixture.root, RECORD_FILE), 'utf8')) as Record<string, unknown>;
    expect(record).toMatchObject({ status: 'in-progress' });
    expect(record.submitStartedAt).toBeUndefined();
    expect(record.draftMediaId).toBeDefined();
  });
});
