import { existsSync } from 'node:fs';
import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FixtureRepository } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';

describe('mpflow new article', () => {
  let repository: FixtureRepository;
  beforeEach(async () => {
    repository = await FixtureRepository.create();
  });
  afterEach(async () => {
    await repository.dispose();
  });

  const args = ['new', 'article', '--title', '冬天喝什么茶', '--slug', 'winter-tea', '--date', '2026-12-09', '--author', 'lin-xiao', '--topic', 'T-2026-001'];

  it('creates the folder and front matter with the policy publishing time and the Asia/Shanghai offset', async () => {
    const run = await runMpflow(args, { cwd: repository.root });
    expect(run.exitCode, run.stderr).toBe(0);
    const written = await repository.read('content/articles/2026/12-09-winter-tea/index.md');
    expect(written).toContain('title: 冬天喝什么茶');
    expect(written).toContain("publishAt: '2026-12-09T20:30:00+08:00'");
    expect(written).not.toMatch(/^status:/m);
    // Once the designer adds the cover, the new article passes the check.
    await repository.write('content/articles/2026/12-09-winter-tea/cover.png', Buffer.from('png'));
    expect((await runMpflow(['check'], { cwd: repository.root })).exitCode).toBe(0);
  });

  it('leaves nothing behind when the author is not a copywriter', async () => {
    const run = await runMpflow([...args.slice(0, -4), '--author', 'chen-yu', '--topic', 'T-2026-001'], { cwd: repository.root });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('ref/missing-role');
    expect(existsSync(path.join(repository.root, 'content/articles/2026/12-09-winter-tea'))).toBe(false);
  });

  it('says which file it could not write, in plain words, when the article folder cannot be made', async () => {
    // A dangling link where the folder should go: existsSync says "free", mkdir fails.
    await symlink(path.join(repository.root, 'nowhere'), path.join(repository.root, 'content/articles/2026/12-09-winter-tea'));
    const run = await runMpflow(args, { cwd: repository.root });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/^mpflow: Cannot write content\/articles\/2026\/12-09-winter-tea\/index\.md \(E[A-Z]+\): check that the folder exists and is writable\.\n$/);
    expect(run.stdout).toBe('');
  });

  it('refuses a date that does not exist and a slug in Chinese, with exit code 2', async () => {
    expect((await runMpflow([...args.slice(0, 6), '--date', '2026-02-29', ...args.slice(8)], { cwd: repository.root })).exitCode).toBe(2);
    expect((await runMpflow([...args.slice(0, 4), '--slug', '冬天', ...args.slice(6)], { cwd: repository.root })).exitCode).toBe(2);
  });
});
