/**
 * Raw HTML in the Markdown: what WeChat keeps is kept (or rewritten into what it keeps), and
 * every removal is reported with the line and column of the source — never silent.
 */
import { fromHtml } from 'hast-util-from-html';
import type { Element } from 'hast';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { renderArticle } from '../../src/core/render/render-article.ts';
import { findWeChatSafetyProblems } from '../../src/core/render/wechat-safety.ts';

function visibleText(html: string): string {
  let out = '';
  visit(fromHtml(html, { fragment: true }), 'text', (node) => {
    out += node.value;
  });
  return out;
}

function firstElement(html: string, tagName: string): Element | undefined {
  let found: Element | undefined;
  visit(fromHtml(html, { fragment: true }), 'element', (node: Element) => {
    if (!found && node.tagName === tagName) found = node;
  });
  return found;
}

describe('raw HTML by the WeChat allow-list', () => {
  it('keeps superscripts, subscripts and line breaks in table cells', async () => {
    const { html, removals } = await renderArticle({
      markdown:
        '一饼茶约 10<sup>3</sup> 克，泡茶的水是 H<sub>2</sub>O。\n\n| 器具 | 说明 |\n| --- | --- |\n| 盖碗 | 第一行<br>第二行 |\n',
    });
    expect(html).toContain('10<sup');
    expect(html).toMatch(/>3<\/sup>/);
    expect(html).toMatch(/H<sub[^>]*>2<\/sub>O/);
    expect(html).toMatch(/第一行<br>第二行/);
    expect(removals).toEqual([]);
    expect(findWeChatSafetyProblems(html)).toEqual([]);
  });

  it('turns align, <center>, image widths and <details> into what WeChat keeps', async () => {
    const markdown = [
      '<p align="center">扫码关注“岩韵茶社”</p>',
      '',
      '<center>每周三更新</center>',
      '',
      '<img src="tea-garden.png" width="50%" alt="茶园">',
      '',
      '<details>',
      '<summary>冲泡参数</summary>',
      '',
      '水温 **100℃**，出汤 5 秒。',
      '',
      '</details>',
    ].join('\n');
    const { html, removals, images } = await renderArticle({ markdown });
    expect(removals).toEqual([]);
    const text = visibleText(html);
    for (const sentence of ['扫码关注“岩韵茶社”', '每周三更新', '冲泡参数', '水温 100℃，出汤 5 秒。'])
      expect(text).toContain(sentence);
    expect(html).toMatch(/<p style="[^"]*text-align: center;[^"]*">扫码关注/);
    expect(html).toMatch(/<section style="[^"]*text-align: center;[^"]*">每周三更新/);
    expect(String(firstElement(html, 'img')?.properties.style)).toContain('width: 50%;');
    expect(images.map((image) => image.src)).toEqual(['tea-garden.png']);
    expect(findWeChatSafetyProblems(html)).toEqual([]);
  });

  it('reports each removal with the line and column where the writer wrote it', async () => {
    const markdown = [
      '第一段。',
      '',
      '<MpProfile nickname="岩韵茶社" />',
      '',
      '正文里有 <span style="color: #c00; position: absolute" class="red" onclick="steal()">红字</span>。',
      '',
      '<script>alert(1)</script>',
      '',
      '<iframe src="https://v.qq.com/x"></iframe>',
      '',
      '看 <a href="https://www.example.com/">这里</a>。',
    ].join('\n');
    const { html, removals } = await renderArticle({ markdown });
    expect(removals.map(({ line, column, what }) => `${line}:${column} ${what}`)).toEqual([
      '3:1 <mpprofile>',
      '5:6 position (<span>)',
      '5:6 class (<span>)',
      '5:6 onclick (<span>)',
      '7:1 <script>',
      '9:1 <iframe>',
      '11:3 <a>',
    ]);
    expect(removals[0]!.message.zh).toContain('公众号名片');
    expect(html).toContain('红字');
    expect(html).toMatch(/<span style="color: #c00;">红字<\/span>/);
    expect(html).not.toMatch(/script|iframe|onclick|class=|position/);
    expect(visibleText(html)).toContain('看 这里。');
    expect(findWeChatSafetyProblems(html)).toEqual([]);
  });

  it('gives positions in the writer’s lines when prices were escaped before parsing', async () => {
    const { removals } = await renderArticle({ markdown: '标价 $30，另一饼标价 $45，<font color="red">限时</font>。' });
    expect(removals.map(({ line, column, what }) => `${line}:${column} ${what}`)).toEqual(['1:18 <font>']);
  });
});

describe('mpflow check reports the raw HTML the renderer would remove', () => {
  it('as a warning at the line and column of the article file', async () => {
    const { FixtureRepository, ARTICLE_DIRECTORY } = await import('../helpers/fixture-repository.ts');
    const { runMpflow } = await import('../helpers/run-cli.ts');
    const fixture = await FixtureRepository.create();
    try {
      const file = `${ARTICLE_DIRECTORY}/index.md`;
      const source = await fixture.read(file);
      const added =
        '\n\n上标 10<sup>3</sup> 保留，<font color="red">限时</font>和 <span class="x">样式</span>不保留。\n';
      await fixture.write(file, source.replace(/\n*$/, added));
      const line = source.replace(/\n*$/, '').split('\n').length + 2;
      const run = await runMpflow(['check'], { cwd: fixture.root });
      const output = run.stdout + run.stderr;
      expect(output).toMatch(new RegExp(`${file.replace(/[.]/g, '\\.')}:${line}:22\\s+render/raw-html`));
      expect(output).toMatch(new RegExp(`:${line}:51\\s+render/raw-html`));
      expect(output).toContain('Removed the HTML element <font>');
      expect(output).toContain('Removed the class attribute of <span>');
      expect(output).not.toMatch(/<sup>/);
    } finally {
      await fixture.dispose();
    }
  });
});
