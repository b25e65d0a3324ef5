import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ARTICLE_DIRECTORY, FixtureRepository, MINIMAL_ARTICLE } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0)) await step();
});

async function setUp() {
  const fixture = await FixtureRepository.create();
  const cacheFolder = await mkdtemp(path.join(tmpdir(), 'mpflow-check-cache-'));
  cleanup.push(
    () => fixture.dispose(),
    () => rm(cacheFolder, { recursive: true, force: true }),
  );
  const env = { LANG: 'en_US.UTF-8', MPFLOW_CACHE_DIR: cacheFolder, MPFLOW_NOW: '2026-11-20T10:00:00+08:00' };
  const check = (...args: string[]) => runMpflow(['check', '--format', 'json', ...args], { cwd: fixture.root, env });
  const cacheText = async () => {
    const files = await readdir(path.join(cacheFolder, 'check'));
    return Promise.all(files.map((file) => readFile(path.join(cacheFolder, 'check', file), 'utf8'))).then((texts) =>
      texts.join('\n'),
    );
  };
  return { fixture, check, cacheText };
}

const ruleIds = (stdout: string) =>
  (JSON.parse(stdout) as { problems: Array<{ ruleId: string; file: string }> }).problems.map(
    (problem) => `${problem.file} ${problem.ruleId}`,
  );

describe('mpflow check remembers unchanged files', () => {
  it('gives the same report from the cache as without it', async () => {
    const { fixture, check, cacheText } = await setUp();
    await fixture.write(
      `${ARTICLE_DIRECTORY}/index.md`,
      MINIMAL_ARTICLE.replace('其实可以尝出来。', '其实可以尝出来，这是全网最好的岩茶。'),
    );
    const first = await check();
    expect(ruleIds(first.stdout).some((id) => id.includes('ad-law/'))).toBe(true);
    expect(await cacheText()).toContain('"tool"');
    const cached = await check();
    expect(cached.stdout).toBe(first.stdout);
    expect(cached.exitCode).toBe(first.exitCode);
    const fresh = await check('--no-cache');
    expect(fresh.stdout).toBe(first.stdout);
  });

  it('reads a changed file again: a new finding appears and a fixed one goes', async () => {
    const { fixture, check } = await setUp();
    expect((await check()).exitCode).toBe(0);
    await fixture.write(
      `${ARTICLE_DIRECTORY}/index.md`,
      MINIMAL_ARTICLE.replace('其实可以尝出来。', '其实可以尝出来，这是国家级的好茶。'),
    );
    const broken = await check();
    expect(ruleIds(broken.stdout).some((id) => id.startsWith(`${ARTICLE_DIRECTORY}/index.md ad-law/`))).toBe(true);
    await fixture.write(`${ARTICLE_DIRECTORY}/index.md`, MINIMAL_ARTICLE);
    expect(ruleIds((await check()).stdout)).toEqual([]);
  });

  it('sees a schema error and a cross-file error that appear in files it had cached', async () => {
    const { fixture, check } = await setUp();
    expect((await check()).exitCode).toBe(0);
    // The article's topic no longer exists: the article itself did not change, its context did.
    await fixture.remove('content/topics/T-2026-001.yaml');
    const missingTopic = await check();
    expect(missingTopic.exitCode).toBe(1);
    expect(ruleIds(missingTopic.stdout)).toContainEqual(
      expect.stringMatching(new RegExp(`^${ARTICLE_DIRECTORY}/index.md ref/`)),
    );
    await fixture.write(
      `${ARTICLE_DIRECTORY}/index.md`,
      MINIMAL_ARTICLE.replace('publishAt: 2026-09-02T20:30:00+08:00', 'publishAt: 2026-09-31T20:30:00+08:00'),
    );
    expect(ruleIds((await check()).stdout)).toContainEqual(
      expect.stringMatching(new RegExp(`^${ARTICLE_DIRECTORY}/index.md (schema|date)/`)),
    );
  });

  it('checks an image again when it changed size though the article did not', async () => {
    const { fixture, check } = await setUp();
    expect((await check()).exitCode).toBe(0);
    await fixture.write(`${ARTICLE_DIRECTORY}/figure-1.png`, Buffer.alloc(2 * 1024 * 1024 + 1));
    expect(ruleIds((await check()).stdout)).toContain(`${ARTICLE_DIRECTORY}/index.md wechat-limits/image-size`);
  });

  it('follows a policy change that turns a rule off, without the article changing', async () => {
    const { fixture, check } = await setUp();
    await fixture.write(
      `${ARTICLE_DIRECTORY}/index.md`,
      MINIMAL_ARTICLE.replace('其实可以尝出来。', '其实可以尝出来，这是国家级的好茶。'),
    );
    const before = ruleIds((await check()).stdout).filter((id) => id.includes('ad-law/'));
    expect(before.length).toBeGreaterThan(0);
    const policy = await fixture.read('content/policy/2026-01-01.yaml');
    const ruleId = before[0]!.split(' ')[1]!;
    const withOverride = policy.replace('\n  severities: {}\n', `\n  severities:\n    ${ruleId}: off\n`);
    expect(withOverride).not.toBe(policy);
    await fixture.write('content/policy/2026-01-01.yaml', withOverride);
    expect(ruleIds((await check()).stdout)).not.toContain(before[0]);
  });
});
