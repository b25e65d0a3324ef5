/**
 * `mpflow render` for writers: any Markdown file inside or outside a repository, many files and
 * folders in one run, --stdout, --out folders, image addresses for pasting (--image-base, or
 * --upload through media/uploadimg against the fake WeChat server, cached by digest), removed
 * raw HTML reported at its line and column in the file, and the same length rule as publish.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeWeChat, type FakeWeChat } from '../helpers/fake-wechat-server.ts';
import { FIXTURE_DEPARTMENT, PROJECT_ROOT, TINY_PNG } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';
import { preflightProblems, measureContent } from '../../src/core/publishing/preflight.ts';
import { renderArticle } from '../../src/core/render/render-article.ts';
import { findWeChatSafetyProblems } from '../../src/core/render/wechat-safety.ts';

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'mpflow-render-files-'));
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

// Render remembers parsed front matter by digest in the cache folder: one of the tests' own.
const ENV = { LANG: 'en_US.UTF-8', MPFLOW_CACHE_DIR: path.join(tmpdir(), 'mpflow-render-test-cache') };

const DRAFT = `---
title: 草稿：冬日围炉
---
围炉煮茶，先把**白茶**掰成小块。

<p align="center">扫码关注</p>

<marquee>滚动字幕</marquee>

![炉子](stove.png)
`;

describe('mpflow render outside a repository', () => {
  it('renders a loose draft with the default theme and reports removed HTML at its line in the file', async () => {
    await writeFile(path.join(folder, 'draft.md'), DRAFT);
    await writeFile(path.join(folder, 'stove.png'), TINY_PNG);
    const run = await runMpflow(['render', 'draft.md'], { cwd: folder, env: ENV });
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toContain('Rendered draft.md (theme tea-green)');
    expect(run.stderr).toContain('1 local image to upload');
    // Front matter is three lines: <marquee> is on line 8 of the file.
    expect(run.stderr).toMatch(/^draft\.md:8:1 {2}warning {2}render\/raw-html {2}Removed the HTML element <marquee>/m);
    const html = run.stdout.trim();
    expect(html).toContain('围炉煮茶');
    expect(html).toContain('滚动字幕');
    expect(html).not.toContain('title:');
    expect(findWeChatSafetyProblems(html)).toEqual([]);
  });

  it("keeps single line breaks with --breaks or a draft's breaks: true, and reports broken front matter at its line", async () => {
    await writeFile(path.join(folder, 'poem.md'), '---\nbreaks: true\n---\n寒夜客来茶当酒，\n竹炉汤沸火初红。\n');
    await writeFile(path.join(folder, 'prose.md'), '寒夜客来茶当酒，\n竹炉汤沸火初红。\n');
    const poem = await runMpflow(['render', 'poem.md'], { cwd: folder, env: ENV });
    expect(poem.stdout).toMatch(/寒夜客来茶当酒，<br>竹炉汤沸火初红。/);
    const prose = await runMpflow(['render', 'prose.md'], { cwd: folder, env: ENV });
    expect(prose.stdout).toContain('寒夜客来茶当酒，竹炉汤沸火初红。');
    const flagged = await runMpflow(['render', 'prose.md', '--breaks'], { cwd: folder, env: ENV });
    expect(flagged.stdout).toContain('<br>');
    // The same text read before is remembered as readable; a changed one is parsed again.
    await writeFile(path.join(folder, 'broken.md'), '---\ntitle: 草稿\n---\n正文。\n');
    expect((await runMpflow(['render', 'broken.md'], { cwd: folder, env: ENV })).exitCode).toBe(0);
    expect(existsSync(path.join(ENV.MPFLOW_CACHE_DIR, 'render-front-matter.json'))).toBe(true);
    await writeFile(path.join(folder, 'broken.md'), '---\ntitle: 草稿\nbreaks: [true\n---\n正文。\n');
    const broken = await runMpflow(['render', 'broken.md', 'prose.md'], { cwd: folder, env: ENV });
    expect(broken.exitCode).toBe(1);
    expect(broken.stderr).toMatch(/^broken\.md:[34]:\d+ {2}yaml\/syntax/m);
    expect(broken.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('renders many files and folders in one run, one line of HTML each, or into an --out folder', async () => {
    await mkdir(path.join(folder, 'series/part-2'), { recursive: true });
    await writeFile(path.join(folder, 'series/part-1.md'), '第一篇：选茶。');
    await writeFile(path.join(folder, 'series/part-2/index.md'), '第二篇：选水。');
    await writeFile(path.join(folder, 'extra.md'), '番外：茶点。');
    const run = await runMpflow(['render', 'series', 'extra.md', '--stdout'], { cwd: folder, env: ENV });
    expect(run.exitCode).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('第一篇：选茶。');
    expect(lines[1]).toContain('第二篇：选水。');
    expect(lines[2]).toContain('番外：茶点。');

    const out = await runMpflow(['render', 'series', 'extra.md', '--out', 'html'], { cwd: folder, env: ENV });
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toBe('');
    expect(await readFile(path.join(folder, 'html/series/part-2/index.html'), 'utf8')).toContain('第二篇：选水。');
    expect((await readdir(path.join(folder, 'html'))).sort()).toEqual(['extra.html', 'series']);
  });

  it('writes local images under --image-base for pasting and leaves remote ones to be flagged', async () => {
    await writeFile(path.join(folder, 'a.md'), '![茶园](img/garden.png)\n\n![外链](https://example.com/remote.png)\n');
    await mkdir(path.join(folder, 'img'));
    await writeFile(path.join(folder, 'img/garden.png'), TINY_PNG);
    const run = await runMpflow(['render', 'a.md', '--image-base', 'https://cdn.example.cn/tea/'], {
      cwd: folder,
      env: ENV,
    });
    expect(run.stdout).toContain('src="https://cdn.example.cn/tea/img/garden.png"');
    expect(run.stderr).toContain('The body image https://example.com/remote.png is not a file');
    expect(run.stderr).not.toContain('cdn.example.cn/tea/img/garden.png is not');
    expect(run.exitCode).toBe(1);
  });
});

describe('mpflow render --upload', () => {
  let fake: FakeWeChat;
  beforeEach(async () => {
    fake = await startFakeWeChat();
  });
  afterEach(async () => {
    await fake.close();
  });

  it('uploads each image once through media/uploadimg, by content, and writes the WeChat addresses', async () => {
    await writeFile(path.join(folder, 'one.md'), '![茶园](garden.png)\n\n同一张图换个名字：![茶园](copy.png)\n');
    await writeFile(path.join(folder, 'two.md'), '![茶园](garden.png)\n');
    await writeFile(path.join(folder, 'garden.png'), TINY_PNG);
    await writeFile(path.join(folder, 'copy.png'), TINY_PNG);
    const env = {
      ...ENV,
      WECHAT_APPID: fake.state.appId,
      WECHAT_APPSECRET: fake.state.appSecret,
      WECHAT_API_BASE: fake.url,
      MPFLOW_CACHE_DIR: path.join(folder, 'cache'),
      MPFLOW_WECHAT_TOKEN_CACHE: path.join(folder, 'token.json'),
    };
    const first = await runMpflow(['render', 'one.md', 'two.md', '--upload'], { cwd: folder, env });
    expect(first.exitCode).toBe(0);
    expect(fake.count('/cgi-bin/media/uploadimg')).toBe(1);
    const [one, two] = first.stdout.trim().split('\n');
    const url = [...fake.state.imageUrls][0]!;
    expect(one!.split(`src="${url}"`)).toHaveLength(3);
    expect(two).toContain(`src="${url}"`);
    expect(first.stderr).toContain('2 images uploaded (1 from the cache)');
    expect(preflightProblems(two!)).toEqual([]);

    const again = await runMpflow(['render', 'two.md', '--upload'], { cwd: folder, env });
    expect(again.exitCode).toBe(0);
    expect(fake.count('/cgi-bin/media/uploadimg')).toBe(1);
    expect(again.stderr).toContain('1 image uploaded (1 from the cache)');

    await writeFile(path.join(folder, 'garden.png'), Buffer.concat([TINY_PNG, Buffer.from([0])]));
    await runMpflow(['render', 'two.md', '--upload'], { cwd: folder, env });
    expect(fake.count('/cgi-bin/media/uploadimg')).toBe(2);
  });

  it('names the refused request when WeChat refuses an upload, and prints no HTML with local images', async () => {
    await writeFile(path.join(folder, 'one.md'), '![茶园](garden.png)\n');
    await writeFile(path.join(folder, 'garden.png'), TINY_PNG);
    fake.injectError('/cgi-bin/media/uploadimg', 45009);
    const env = {
      ...ENV,
      WECHAT_APPID: fake.state.appId,
      WECHAT_APPSECRET: fake.state.appSecret,
      WECHAT_API_BASE: fake.url,
      MPFLOW_CACHE_DIR: path.join(folder, 'cache'),
      MPFLOW_WECHAT_TOKEN_CACHE: path.join(folder, 'token.json'),
    };
    const run = await runMpflow(['render', 'one.md', '--upload'], { cwd: folder, env });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/^one\.md: .*45009/m);
    expect(run.stderr).toContain('media/uploadimg');
    expect(run.stdout).toBe('');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('says plainly what is missing without credentials, and writes nothing', async () => {
    await writeFile(path.join(folder, 'one.md'), '![茶园](garden.png)\n');
    const run = await runMpflow(['render', 'one.md', '--upload', '--out', 'one.html'], { cwd: folder, env: ENV });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/Missing environment variable WECHAT_APPID, WECHAT_APPSECRET/);
    expect(existsSync(path.join(folder, 'one.html'))).toBe(false);
  });
});

describe('one length rule for render and publish', () => {
  it('accepts long plain prose whose HTML is far over 20,000 characters, as publish does', async () => {
    const paragraph = '岩茶的焙火讲究文火慢炖，一焙再焙，茶汤才会醇厚。'.repeat(10);
    const markdown = Array.from({ length: 40 }, (_, index) => `${index + 1}. **${paragraph}**`).join('\n');
    await writeFile(path.join(folder, 'long.md'), markdown);
    const run = await runMpflow(['render', 'long.md'], { cwd: folder, env: ENV });
    const html = run.stdout.trim();
    const { characters } = measureContent(html);
    expect(html.length).toBeGreaterThan(20_000);
    expect(characters).toBeLessThan(20_000);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toContain(`${characters} characters (draft/add takes fewer than 20000)`);
    expect(preflightProblems(html)).toEqual([]);
  });

  it('refuses 20,000 visible characters in render exactly as publish does', async () => {
    await writeFile(path.join(folder, 'huge.md'), Array.from({ length: 400 }, () => '茶'.repeat(50)).join('\n\n'));
    const run = await runMpflow(['render', 'huge.md'], { cwd: folder, env: ENV });
    expect(run.exitCode).toBe(1);
    const publishSays = preflightProblems(run.stdout.trim()).map((problem) => problem.en);
    expect(publishSays).toHaveLength(1);
    expect(run.stderr).toContain(`huge.md: ${publishSays[0]}`);
  });

  it('agrees with publish on every sample article', async () => {
    const run = await runMpflow(['render', 'content/articles', '--stdout'], { cwd: FIXTURE_DEPARTMENT, env: ENV });
    expect(run.exitCode).toBe(0);
    const lines = run.stdout.trim().split('\n');
    const summaries = run.stderr.split('\n').filter((line) => line.startsWith('Rendered '));
    expect(lines.length).toBe(summaries.length);
    expect(lines.length).toBeGreaterThanOrEqual(26);
    lines.forEach((html, index) => {
      expect(preflightProblems(html)).toEqual([]);
      expect(summaries[index]).toContain(` ${measureContent(html).characters} characters `);
    });
  });

  it('agrees with publish on the rich article', async () => {
    const fixture = path.join(PROJECT_ROOT, 'test/render/fixtures/rich-article');
    const run = await runMpflow(['render', 'index.md'], {
      cwd: fixture,
      env: { ...ENV, MPFLOW_NOW: '2026-12-03T10:00:00+08:00' },
    });
    const direct = await renderArticle({
      markdown: await readFile(path.join(fixture, 'index.md'), 'utf8'),
      articleDir: fixture,
    });
    expect(run.stdout.trim()).toBe(direct.html);
    expect(run.exitCode).toBe(preflightProblems(direct.html).length === 0 ? 0 : 1);
    expect(run.stderr).toContain(` ${measureContent(direct.html).characters} characters `);
  });
});
