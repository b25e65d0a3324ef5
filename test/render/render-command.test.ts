/**
 * `mpflow render`: an article by path, folder or id, to a file or standard output, in the
 * policy's theme or the one asked for; mistakes give one plain line and a non-zero exit.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ARTICLE_DIRECTORY, FixtureRepository } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';
import { findWeChatSafetyProblems } from '../../src/core/render/wechat-safety.ts';

let fixture: FixtureRepository;
let out: string;

beforeEach(async () => {
  fixture = await FixtureRepository.create();
  out = await mkdtemp(path.join(tmpdir(), 'mpflow-render-'));
});

afterEach(async () => {
  await fixture.dispose();
  await rm(out, { recursive: true, force: true });
});

const ARTICLE_ID = '2026-09-02-yancha-yanyun';

describe('mpflow render', () => {
  it('writes the HTML to --out and says what the publisher will have to upload', async () => {
    const target = path.join(out, 'article.html');
    const run = await runMpflow(['render', `${ARTICLE_DIRECTORY}/index.md`, '--out', target], { cwd: fixture.root });
    expect(run.stderr).toContain('theme tea-green');
    expect(run.stderr).toContain('1 local image to upload');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe('');
    const html = await readFile(target, 'utf8');
    expect(html.startsWith('<section style="')).toBe(true);
    expect(findWeChatSafetyProblems(html)).toEqual([]);
    expect(await readdir(out)).toEqual(['article.html']);
  });

  it('takes an article id or folder, and writes to standard output without --out', async () => {
    const byId = await runMpflow(['render', ARTICLE_ID, '--theme', 'ink'], { cwd: fixture.root });
    expect(byId.exitCode).toBe(0);
    expect(byId.stdout).toContain('<section style="');
    expect(byId.stderr).toContain('theme ink');
    const byFolder = await runMpflow(['render', ARTICLE_DIRECTORY, '--theme', 'ink'], { cwd: fixture.root });
    expect(byFolder.stdout).toBe(byId.stdout);
  });

  it('uses the theme the policy names', async () => {
    const policy = await fixture.read('content/policy/2026-01-01.yaml');
    await fixture.write('content/policy/2026-01-01.yaml', policy.replace(/theme: tea-green/, 'theme: ink'));
    const run = await runMpflow(['render', ARTICLE_ID], { cwd: fixture.root });
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toContain('theme ink');
  });

  it('is caught by mpflow check when the policy names a theme that does not exist', async () => {
    const policy = await fixture.read('content/policy/2026-01-01.yaml');
    const broken = policy.replace(/theme: tea-green/, 'theme: neon');
    await fixture.write('content/policy/2026-01-01.yaml', broken);
    const line = broken.split('\n').findIndex((text) => text.includes('theme: neon')) + 1;
    const check = await runMpflow(['check'], { cwd: fixture.root });
    expect(check.exitCode).toBe(1);
    expect(check.stderr + check.stdout).toMatch(
      new RegExp(`content/policy/2026-01-01\\.yaml:${line}:\\d+\\s+policy/theme`),
    );
    expect(check.stderr + check.stdout).toContain('There is no rendering theme "neon"; the themes are tea-green, ink.');
    const render = await runMpflow(['render', ARTICLE_ID], { cwd: fixture.root });
    expect(render.exitCode).toBe(2);
    expect(render.stderr).toMatch(/publishing\.theme "neon" is not a theme/);
  });

  it("keeps an article's single line breaks when its front matter says breaks: true, unless --no-breaks", async () => {
    const article = await fixture.read(`${ARTICLE_DIRECTORY}/index.md`);
    const poem = '寒夜客来茶当酒，\n竹炉汤沸火初红。\n\n';
    await fixture.write(
      `${ARTICLE_DIRECTORY}/index.md`,
      article.replace(/^tags:/m, 'breaks: true\ntags:').replace(/\n---\n/, `\n---\n\n${poem}`),
    );
    expect((await runMpflow(['check'], { cwd: fixture.root })).exitCode).toBe(0);
    const kept = await runMpflow(['render', ARTICLE_ID], { cwd: fixture.root });
    expect(kept.stdout).toContain('寒夜客来茶当酒，<br>竹炉汤沸火初红。');
    const overridden = await runMpflow(['render', ARTICLE_ID, '--no-breaks'], { cwd: fixture.root });
    expect(overridden.stdout).toContain('寒夜客来茶当酒，竹炉汤沸火初红。');
    const plain = article.replace(/\n---\n/, `\n---\n\n${poem}`);
    await fixture.write(`${ARTICLE_DIRECTORY}/index.md`, plain);
    expect((await runMpflow(['render', ARTICLE_ID], { cwd: fixture.root })).stdout).toContain(
      '寒夜客来茶当酒，竹炉汤沸火初红。',
    );
    expect((await runMpflow(['render', ARTICLE_ID, '--breaks'], { cwd: fixture.root })).stdout).toContain(
      '寒夜客来茶当酒，<br>竹炉汤沸火初红。',
    );
  });

  it('answers in Chinese with --lang zh-CN', async () => {
    const run = await runMpflow(['render', ARTICLE_ID, '--lang', 'zh-CN'], { cwd: fixture.root });
    expect(run.stderr).toContain('已渲染');
    expect(run.stderr).toContain('主题 tea-green');
  });

  const mistakes: Array<{ name: string; args: string[]; message: RegExp }> = [
    {
      name: 'an unknown theme',
      args: ['render', ARTICLE_ID, '--theme', 'neon'],
      message: /no theme "neon"; the themes are tea-green, ink/,
    },
    { name: 'an article that does not exist', args: ['render', '2026-12-31-nothing-here'], message: /does not exist/ },
    {
      name: 'a file that is not Markdown',
      args: ['render', 'content/team.yaml'],
      message: /"content\/team\.yaml" is not a Markdown file/,
    },
    { name: 'nothing to render', args: ['render'], message: /Name a Markdown file, folder or article id/ },
    {
      name: 'a path that does not exist',
      args: ['render', 'drafts/none.md'],
      message: /Cannot find "drafts\/none\.md"/,
    },
    {
      name: 'both --out and --stdout',
      args: ['render', ARTICLE_ID, '--out', 'x.html', '--stdout'],
      message: /Choose --out or --stdout/,
    },
    {
      name: 'an --image-base that is not an address',
      args: ['render', ARTICLE_ID, '--image-base', 'cdn/images'],
      message: /--image-base "cdn\/images" is not an http/,
    },
    {
      name: 'an unwritable --out',
      args: ['render', ARTICLE_ID, '--out', '/nonexistent-folder/x.html'],
      message: /Cannot write --out/,
    },
  ];
  for (const { name, args, message } of mistakes) {
    it(`refuses ${name} with one plain line`, async () => {
      const run = await runMpflow(args, { cwd: fixture.root });
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('reports an article it cannot read and writes nothing', async () => {
    await fixture.write(`${ARTICLE_DIRECTORY}/index.md`, '---\ntitle: [unclosed\n---\n正文');
    const target = path.join(out, 'x.html');
    const run = await runMpflow(['render', ARTICLE_ID, '--out', target], { cwd: fixture.root });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(`${ARTICLE_DIRECTORY}/index.md:`);
    expect(existsSync(target)).toBe(false);
  });

  it('fails when a body image is missing from the article folder', async () => {
    await fixture.remove(`${ARTICLE_DIRECTORY}/figure-1.png`);
    const run = await runMpflow(['render', ARTICLE_ID], { cwd: fixture.root });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/the image figure-1\.png does not exist/);
  });
});
