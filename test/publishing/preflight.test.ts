import { afterEach, describe, expect, it } from 'vitest';
import { preflightProblems, WECHAT_CONTENT_MAX_BYTES } from '../../src/core/publishing/preflight.ts';
import { ARTICLE_DIRECTORY } from '../helpers/fixture-repository.ts';
import { createPublishingWorld, RECORD_FILE, type PublishingWorld } from './publishing-fixture.ts';

let world: PublishingWorld | undefined;
afterEach(async () => {
  await world?.dispose();
  world = undefined;
});

describe('preflight of the rendered body', () => {
  it('names a remote image, which draft/add would silently drop', () => {
    const problems = preflightProblems(
      '<p>茶汤</p><figure><img src="https://example.com/tea.png" alt="茶汤"></figure>',
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]?.en).toContain('https://example.com/tea.png');
    expect(problems[0]?.zh).toContain('文章文件夹');
  });

  it('accepts local files (uploaded by the publisher) and images already on WeChat’s host', () => {
    expect(
      preflightProblems(
        '<p><img src="figure-1.png" alt=""><img src="http://mmbiz.qpic.cn/mmbiz_png/abc/0?wx_fmt=png" alt=""></p>',
      ),
    ).toEqual([]);
  });

  it('refuses a body of 1 MB or more, measured in UTF-8 bytes of the HTML', () => {
    // Each Chinese character is 3 bytes in UTF-8: about 350,000 of them pass 1 MB.
    const big = `<p>${'茶'.repeat(Math.ceil(WECHAT_CONTENT_MAX_BYTES / 3) + 10)}</p>`;
    expect(
      preflightProblems(big)
        .map((problem) => problem.en)
        .join(' '),
    ).toMatch(/bytes; WeChat needs less than 1048576/);
    expect(preflightProblems(`<p>${'茶'.repeat(1000)}</p>`)).toEqual([]);
  });

  it('counts the visible text the way the editor does (tags, styles and spaces not counted): 20,000 or more is refused', () => {
    const styled = (count: number) =>
      `<section style="font-size: 16px; line-height: 1.8"><p style="margin: 0">${'岩'.repeat(count)}</p></section>`;
    expect(preflightProblems(styled(19_999))).toEqual([]);
    expect(preflightProblems(styled(20_000))[0]?.en).toMatch(/20000 characters .*fewer than 20000/);
  });

  it('catches what the editor would strip, on the HTML that is actually sent', () => {
    expect(preflightProblems('<p onclick="x()">点</p>')[0]?.en).toContain('onclick');
  });
});

describe('publish --due with an article whose rendered body would not survive draft/add', () => {
  it('blocks the article before any upload and writes no record', async () => {
    world = await createPublishingWorld({ images: 1 });
    const source = await world.fixture.read(`${ARTICLE_DIRECTORY}/index.md`);
    await world.fixture.write(
      `${ARTICLE_DIRECTORY}/index.md`,
      `${source.trimEnd()}\n\n![远处的茶园](https://example.com/garden.jpg)\n`,
    );

    const dry = await world.run({ dryRun: true });
    expect(dry.entries[0]?.outcome).toBe('blocked');

    const report = await world.run();
    expect(report.entries[0]).toMatchObject({ outcome: 'blocked' });
    expect(report.entries[0]?.message?.en).toContain('https://example.com/garden.jpg');
    expect(world.fake.calls).toEqual([]);
    expect(await world.record()).toBeUndefined();
    await expect(world.fixture.read(RECORD_FILE)).rejects.toThrow();
  });
});
