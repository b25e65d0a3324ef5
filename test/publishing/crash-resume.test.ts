import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PublishStep } from '../../src/core/publishing/publish-article.ts';
import { PROJECT_ROOT } from '../helpers/fixture-repository.ts';
import { ARTICLE_ID, ARTICLE_TITLE, createPublishingWorld, type PublishingWorld } from './publishing-fixture.ts';

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
  it.each(STEPS.slice(0, -1).map((step, index) => [index + 1, step] as const))('crash after step %i (%s): the rerun finishes and publishes exactly once', async (crashAt) => {
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
    expect(record).toMatchObject({ article: ARTICLE_ID, status: 'published', publishId: String(publish.publishId), msgDataId: String(publish.msgDataId), wechatArticleId: publish.articleId });
    expect(record?.images).toHaveLength(IMAGES);
    expect(record?.url).toContain(`mid=${publish.msgDataId}`);
    expect(record?.publishedAt).toBeDefined();
  });
});

/** Runs the real CLI in a child process, as the scheduled workflow does. */
function runPublisher(world: PublishingWorld, now: string): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }> } {
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'scripts/mpflow.ts'), 'publish', '--due', '--now', now, '--root', world.fixture.root, '--format', 'json'], {
    env: {
      PATH: process.env.PATH,
      LANG: 'en_US.UTF-8',
      WECHAT_APPID: world.fake.state.appId,
      WECHAT_APPSECRET: world.fake.state.appSecret,
      WECHAT_API_BASE: world.fake.url,
      MPFLOW_WECHAT_TOKEN_CACHE: path.join(world.tokenFolder, 'cli-token.json'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.resume();
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout })));
  return { child, done };
}

describe('the publisher process killed (SIGKILL) while WeChat handles each call', () => {
  // Every API call of one publication with two images: the kill lands after WeChat received the
  // request, before the publisher hears the answer, the worst moment for idempotence.
  const CALLS = ['stable_token', 'media/uploadimg', 'media/uploadimg', 'material/add_material', 'draft/add', 'freepublish/submit', 'freepublish/get'];

  it.each(CALLS.map((call, index) => [index, call] as const))('killed during call %i (%s): the rerun never publishes it twice', async (killAt, call) => {
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
  });
});
