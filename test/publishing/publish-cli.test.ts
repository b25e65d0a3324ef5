import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURE_DEPARTMENT } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';
import { ARTICLE_ID, createPublishingWorld, type PublishingWorld } from './publishing-fixture.ts';

let world: PublishingWorld | undefined;
afterEach(async () => {
  await world?.dispose();
  world = undefined;
});

function wechatEnv(target: PublishingWorld, language = 'en_US.UTF-8'): NodeJS.ProcessEnv {
  return {
    LANG: language,
    WECHAT_APPID: target.fake.state.appId,
    WECHAT_APPSECRET: target.fake.state.appSecret,
    WECHAT_API_BASE: target.fake.url,
    MPFLOW_WECHAT_TOKEN_CACHE: path.join(target.tokenFolder, 'cli-token.json'),
  };
}

describe('mpflow publish on the sample department', () => {
  it('--dry-run: nothing is due on the evening of 27 November; the next article is named', async () => {
    const run = await runMpflow(['publish', '--due', '--dry-run', '--now', '2026-11-27T21:00:00+08:00'], {
      cwd: FIXTURE_DEPARTMENT,
    });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('No article is due.');
    expect(run.stdout).toMatch(/2026-11-28T20:30:00\+08:00 {2}2026-11-28-beginner-notes {2}写给新茶友的入门笔记/);
  });

  it('--dry-run on 28 November at 20:31 (local time, read in the policy time zone) lists the beginner notes, in Chinese', async () => {
    const run = await runMpflow(['publish', '--due', '--dry-run', '--now', '2026-11-28T20:31', '--lang', 'zh-CN'], {
      cwd: FIXTURE_DEPARTMENT,
    });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('→ 2026-11-28-beginner-notes  写给新茶友的入门笔记');
    expect(run.stdout).toContain('将发布');
    expect(run.stdout).toContain('现在：2026-11-28T20:31:00+08:00（Asia/Shanghai）');
  });
});

describe('mpflow publish against the fake WeChat', () => {
  it('publishes and prints the article URL; exit 0', async () => {
    world = await createPublishingWorld({ fake: { pollsWhilePublishing: 0 } });
    const run = await runMpflow(
      ['publish', '--due', '--now', '2026-09-02T20:35:00+08:00', '--root', world.fixture.root],
      { cwd: world.fixture.root, env: wechatEnv(world) },
    );
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(`✓ ${ARTICLE_ID}`);
    expect(run.stdout).toMatch(/https:\/\/mp\.weixin\.qq\.com\/s\?__biz=/);
    expect(run.stdout).toContain('1 published, 0 publishing, 0 failed, 0 blocked, 0 overdue.');
  });

  it('a failed publication exits 1 with its meaning, in JSON for the workflow summary', async () => {
    world = await createPublishingWorld({ fake: { pollsWhilePublishing: 0, publishOutcome: () => 6 } });
    const run = await runMpflow(['publish', '--due', '--now', '2026-09-02T20:35:00+08:00', '--format', 'json'], {
      cwd: world.fixture.root,
      env: wechatEnv(world),
    });
    expect(run.exitCode).toBe(1);
    const report = JSON.parse(run.stdout) as { ok: boolean; entries: Array<{ outcome: string; message: string }> };
    expect(report.ok).toBe(false);
    expect(report.entries[0]).toMatchObject({ outcome: 'failed' });
    expect(report.entries[0]?.message).toContain('Banned by the system');
  });

  it('an IP whitelist refusal stops the run with the outbound IP named; exit 1; the secret never printed', async () => {
    world = await createPublishingWorld();
    world.fake.injectError('/cgi-bin/stable_token', 40164);
    const run = await runMpflow(['publish', '--due', '--now', '2026-09-02T20:35:00+08:00', '--lang', 'zh-CN'], {
      cwd: world.fixture.root,
      env: wechatEnv(world),
    });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('运行中止：POST /cgi-bin/stable_token 失败：错误码 40164');
    expect(run.stdout).toContain('203.0.113.7');
    expect(run.stdout + run.stderr).not.toContain(world.fake.state.appSecret);
  });

  it('45009 at submit, after the cover and draft were uploaded: the article reads as started and stopped, not as not attempted', async () => {
    world = await createPublishingWorld({ images: 0 });
    world.fake.injectError('/cgi-bin/freepublish/submit', 45009);
    const run = await runMpflow(['publish', '--due', '--now', '2026-09-02T20:35:00+08:00'], {
      cwd: world.fixture.root,
      env: wechatEnv(world),
    });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(
      'started, then the run stopped (the steps done are recorded; the next run carries on)',
    );
    expect(run.stdout).not.toContain('not attempted');
    expect(run.stdout).toContain('Run stopped: POST /cgi-bin/freepublish/submit failed: errcode 45009');
    const zh = await runMpflow(
      ['publish', '--due', '--now', '2026-09-02T20:36:00+08:00', '--lang', 'zh-CN', '--dry-run'],
      { cwd: world.fixture.root, env: wechatEnv(world) },
    );
    expect(zh.stdout).toContain('从这一步开始：提交发布');
  });

  it('without credentials it says which variable is missing; exit 1', async () => {
    world = await createPublishingWorld();
    const run = await runMpflow(['publish', '--due', '--now', '2026-09-02T20:35:00+08:00'], {
      cwd: world.fixture.root,
      env: { LANG: 'en_US.UTF-8' },
    });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('WECHAT_APPID, WECHAT_APPSECRET');
    expect(world.fake.calls).toEqual([]);
  });
});

describe('usage errors', () => {
  it.each([
    [['publish'], 'Pass --due'],
    [['publish', '--due', '--now', 'next tuesday'], '--now "next tuesday" is not a valid time'],
    [['publish', '--due', '--format', 'xml'], 'Unknown format "xml"'],
  ])('mpflow %j exits 2', async (args, message) => {
    const run = await runMpflow(args, { cwd: FIXTURE_DEPARTMENT });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(message);
  });
});
