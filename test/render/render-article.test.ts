/**
 * The WeChat renderer: golden files for a rich zh-CN sample in every theme, and the behaviours
 * a reader (or the WeChat editor) would notice, one table of cases per concern.
 *
 * Golden files: test/render/golden/<fixture>.<theme>.html. After an intended change to the
 * output, regenerate them with
 *
 *   UPDATE_GOLDEN=1 npx vitest run test/render
 *
 * and review the diff like any other change.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromHtml } from 'hast-util-from-html';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { renderArticle, THEME_NAMES, UnknownThemeError } from '../../src/core/render/render-article.ts';
import { findWeChatSafetyProblems } from '../../src/core/render/wechat-safety.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIXTURE_DIR = path.join(HERE, 'fixtures/rich-article');
const GOLDEN_DIR = path.join(HERE, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

async function richArticle(): Promise<string> {
  return readFile(path.join(FIXTURE_DIR, 'index.md'), 'utf8');
}

function elements(html: string, tagName?: string): Element[] {
  const tree: Root = fromHtml(html, { fragment: true });
  const found: Element[] = [];
  visit(tree, 'element', (node: Element) => {
    if (tagName === undefined || node.tagName === tagName) found.push(node);
  });
  return found;
}

function textOf(node: Element | Root): string {
  let out = '';
  visit(node, 'text', (child) => {
    out += child.value;
  });
  return out;
}

function style(node: Element): string {
  return String(node.properties.style ?? '');
}

async function render(markdown: string, theme?: string) {
  return renderArticle({ markdown, ...(theme ? { theme } : {}) });
}

describe('golden renders of the rich sample article', () => {
  for (const theme of THEME_NAMES) {
    it(`matches test/render/golden/rich-article.${theme}.html`, async () => {
      const { html } = await renderArticle({ markdown: await richArticle(), articleDir: FIXTURE_DIR, theme });
      const golden = path.join(GOLDEN_DIR, `rich-article.${theme}.html`);
      // The HTML is one line (WeChat mangles line feeds); the golden file breaks it after block ends so diffs stay readable.
      expect(html).not.toContain('\n');
      const readable = `${html.replace(/(<\/(?:p|section|h[1-6]|figure|table|tr|thead|tbody|pre|blockquote)>)/g, '$1\n').trimEnd()}\n`;
      if (UPDATE) {
        await mkdir(GOLDEN_DIR, { recursive: true });
        await writeFile(golden, readable);
      }
      expect(existsSync(golden), `${golden} is missing: run UPDATE_GOLDEN=1 npx vitest run test/render`).toBe(true);
      expect(readable).toBe(await readFile(golden, 'utf8'));
      expect(findWeChatSafetyProblems(html)).toEqual([]);
    });
  }

  it('gives each theme its own look', async () => {
    const markdown = await richArticle();
    const [green, ink] = await Promise.all(THEME_NAMES.map((theme) => render(markdown, theme)));
    const headingColour = (html: string) => style(elements(html, 'h2')[0]!).match(/(?:^|; )color: ([^;]+)/)?.[1];
    expect(headingColour(green!.html)).toBe('#2b6b47');
    expect(headingColour(ink!.html)).toBe('#111111');
    const codeBackground = (html: string) => style(elements(html, 'pre')[0]!).match(/background: ([^;]+)/)?.[1];
    expect(codeBackground(green!.html)).not.toBe(codeBackground(ink!.html));
  });

  it('lists the local images in body order, once each, resolved against the article folder', async () => {
    const { images, references } = await renderArticle({ markdown: await richArticle(), articleDir: FIXTURE_DIR });
    expect(images).toEqual([
      {
        src: 'tea-garden.png',
        alt: '武夷山岩壁之间的茶园，梯田层层叠叠',
        absolutePath: path.join(FIXTURE_DIR, 'tea-garden.png'),
      },
    ]);
    expect(references).toEqual([
      { number: 1, url: 'https://www.wuyishan.gov.cn/', text: '武夷山市政府网站' },
      { number: 2, url: 'https://zh.wikipedia.org/wiki/武夷岩茶', text: '维基百科“武夷岩茶”条目' },
      { number: 3, url: 'https://www.example.org/tea-standard', text: '茶叶审评标准' },
    ]);
  });
});

describe('links', () => {
  const cases: Array<{ name: string; markdown: string; text: string; links: string[]; references: string[] }> = [
    {
      name: 'an external link becomes text and a marker',
      markdown: '见[武夷山](https://www.wuyishan.gov.cn/)。',
      text: '见武夷山[1]。',
      links: [],
      references: ['https://www.wuyishan.gov.cn/'],
    },
    {
      name: 'a WeChat article stays a link',
      markdown: '见[上一篇](https://mp.weixin.qq.com/s/AbC)。',
      text: '见上一篇。',
      links: ['https://mp.weixin.qq.com/s/AbC'],
      references: [],
    },
    {
      name: 'an #anchor link keeps only its text',
      markdown: '见[上文](#二水温)。',
      text: '见上文。',
      links: [],
      references: [],
    },
    {
      name: 'a link to a file next to the article keeps only its text',
      markdown: '见[另一篇](../09-05-fuding/index.md)。',
      text: '见另一篇。',
      links: [],
      references: [],
    },
    {
      name: 'a javascript: link keeps only its text',
      markdown: '[点我](javascript:alert(1))',
      text: '点我',
      links: [],
      references: [],
    },
    {
      name: 'the same address twice is one reference',
      markdown: '[甲](https://a.example/) 与 [乙](https://a.example/) 与 [丙](https://b.example/)',
      text: '甲[1] 与 乙[1] 与 丙[2]',
      links: [],
      references: ['https://a.example/', 'https://b.example/'],
    },
    {
      name: 'a reference-style link follows the same rules',
      markdown: '见[茶经][cj]。\n\n[cj]: https://zh.wikisource.org/wiki/茶經',
      text: '见茶经[1]。',
      links: [],
      references: ['https://zh.wikisource.org/wiki/茶經'],
    },
    {
      name: 'a bare address (GFM autolink) is cited too',
      markdown: '官网 https://www.example.com 有说明',
      text: '官网 https://www.example.com[1] 有说明',
      links: [],
      references: ['https://www.example.com'],
    },
    {
      name: 'an e-mail address is cited, not linked',
      markdown: '来信[联系我们](mailto:tea@example.com)',
      text: '来信联系我们[1]',
      links: [],
      references: ['mailto:tea@example.com'],
    },
  ];
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const { html, references } = await render(testCase.markdown);
      const firstParagraph = elements(html, 'p')[0]!;
      expect(textOf(firstParagraph)).toBe(testCase.text);
      expect(elements(html, 'a').map((a) => String(a.properties.href))).toEqual(testCase.links);
      expect(references.map((reference) => reference.url)).toEqual(testCase.references);
      expect(findWeChatSafetyProblems(html)).toEqual([]);
    });
  }

  it('lists the references under 参考资料 at the end, numbered as in the text', async () => {
    const { html } = await render('[甲](https://a.example/x) 和 [乙](https://b.example/y)');
    const all = textOf(fromHtml(html, { fragment: true }));
    expect(all).toMatch(/参考资料\s*\[1\]甲：https:\/\/a\.example\/x\s*\[2\]乙：https:\/\/b\.example\/y\s*$/);
  });
});

describe('code blocks', () => {
  it('keeps indentation and line breaks as &nbsp; and <br>, colours inline on each token', async () => {
    const source = [
      'function steep(round: number) {',
      '  if (round <= 1) return 5;',
      '',
      '\treturn round * 5; // 每泡加 5 秒',
      '}',
    ].join('\n');
    const { html } = await render(`\`\`\`ts\n${source}\n\`\`\``);
    const code = elements(html, 'code')[0]!;
    expect(elements(html, 'br')).toHaveLength(4);
    // Every line's text, spaces read back as no-break spaces.
    const lines: string[] = [''];
    visit(code, (node) => {
      if (node.type === 'text') lines[lines.length - 1] += node.value;
      if (node.type === 'element' && node.tagName === 'br') lines.push('');
    });
    expect(lines).toEqual(source.split('\n').map((line) => line.replace(/\t/g, '    ').replace(/ /g, '\u00a0')));
    expect(html).toContain('&nbsp;&nbsp;<span style="color: #d73a49;">if</span>');
    const coloured = elements(html, 'span').filter((span) => /color: #/.test(style(span)));
    expect(coloured.length).toBeGreaterThan(5);
    expect(html).not.toMatch(/white-space:\s*pre/);
  });

  it('highlights bash, and shows an unknown language as plain text', async () => {
    const { html: bash } = await render('```bash\necho "你好"  &&  ls -l\n```');
    expect(elements(bash, 'span').some((span) => style(span).includes('color'))).toBe(true);
    expect(bash).toContain('&nbsp;&nbsp;&#x26;&#x26;&nbsp;&nbsp;');
    const { html: plain } = await render('```no-such-language\na  b\n```');
    expect(elements(plain, 'code')[0]!.children.map((child) => (child.type === 'text' ? child.value : ''))).toEqual([
      'a\u00a0\u00a0b',
    ]);
  });

  it('puts the code on a coloured background that scrolls sideways', async () => {
    const { html } = await render('```ts\nconst a = 1;\n```', 'ink');
    const pre = elements(html, 'pre')[0]!;
    expect(style(pre)).toContain('background: #282c34');
    expect(style(pre)).toContain('overflow-x: auto');
  });
});

describe('lists, tables, quotes, images and footnotes', () => {
  it('draws lists as sections with typed markers, nested items indented further', async () => {
    const { html } = await render('- 一\n  - 二\n    - 三\n- 四\n\n3. 第三步\n4. 第四步');
    expect(elements(html, 'ul')).toHaveLength(0);
    expect(elements(html, 'ol')).toHaveLength(0);
    expect(elements(html, 'li')).toHaveLength(0);
    const items = elements(html, 'section').filter((section) => style(section).includes('text-indent: -1.4em'));
    expect(items.map(textOf)).toEqual(['•一', '◦二', '▪三', '•四', '3.第三步', '4.第四步']);
    const indent = (item: Element) => Number(style(item).match(/margin-left: ([\d.]+)em/)?.[1] ?? 0);
    expect(items.slice(0, 4).map(indent)).toEqual([0, 1.4, 2.8, 0]);
  });

  it('turns task list checkboxes into ☑ and ☐', async () => {
    const { html } = await render('- [x] 备好盖碗\n- [ ] 买一把壶');
    expect(elements(html, 'input')).toHaveLength(0);
    expect(
      elements(html, 'section')
        .filter((section) => style(section).includes('text-indent'))
        .map(textOf),
    ).toEqual(['☑备好盖碗', '☐买一把壶']);
  });

  it('wraps tables in a section that scrolls sideways and keeps column alignment', async () => {
    const { html } = await render('| 茶 | 水温 |\n| :-- | --: |\n| 岩茶 | 100 |');
    const table = elements(html, 'table')[0]!;
    const wrappers = elements(html, 'section').filter((section) =>
      section.children.some((child) => child.type === 'element' && child.tagName === 'table'),
    );
    expect(wrappers).toHaveLength(1);
    expect(style(wrappers[0]!)).toContain('overflow-x: auto');
    expect(table).toBeDefined();
    expect(elements(html, 'td').map((cell) => style(cell).match(/text-align: (\w+)/)?.[1])).toEqual(['left', 'right']);
  });

  it('shows an image alone in its paragraph as a figure, captioned by its title or else its alt text', async () => {
    const { html, images } = await renderArticle({
      markdown:
        '![茶园](garden.png "图一：茶园")\n\n![只有替代文字](leaf%20one.png)\n\n文中小图 ![图标](https://cdn.example.com/i.png) 一枚',
      articleDir: '/repo/content/articles/2026/09-02-x',
      imageUrl: (src) => (src === 'garden.png' ? 'https://mmbiz.qpic.cn/garden' : undefined),
    });
    const figures = elements(html, 'figure');
    expect(figures).toHaveLength(2);
    expect(figures.map((figure) => textOf(figure))).toEqual(['图一：茶园', '只有替代文字']);
    expect(elements(html, 'img').map((img) => String(img.properties.src))).toEqual([
      'https://mmbiz.qpic.cn/garden',
      'leaf%20one.png',
      'https://cdn.example.com/i.png',
    ]);
    expect(images).toEqual([
      { src: 'garden.png', alt: '茶园', absolutePath: '/repo/content/articles/2026/09-02-x/garden.png' },
      { src: 'leaf%20one.png', alt: '只有替代文字', absolutePath: '/repo/content/articles/2026/09-02-x/leaf one.png' },
    ]);
  });

  it('numbers footnotes by first use and lists them under 注释, without ids or anchor links', async () => {
    const { html } = await render(
      '先说乙[^b]，再说甲[^a]，又提乙[^b]。\n\n[^a]: 甲的注。\n[^b]: 乙的注。\n[^unused]: 没人引用。',
    );
    expect(textOf(elements(html, 'p')[0]!)).toBe('先说乙[注1]，再说甲[注2]，又提乙[注1]。');
    expect(textOf(fromHtml(html, { fragment: true }))).toMatch(/注释\s*\[注1\]乙的注。\s*\[注2\]甲的注。\s*$/);
    expect(html).not.toContain('没人引用');
    expect(html).not.toMatch(/\sid=|href="#/);
  });

  it('styles quotes, bold, italic and inline code inline', async () => {
    const { html } = await render('> 其水，用山水上。\n\n**加粗**、*斜体*与 `code`');
    expect(style(elements(html, 'blockquote')[0]!)).toMatch(/border-left: 3px solid/);
    expect(style(elements(html, 'strong')[0]!)).toContain('font-weight: bold');
    expect(style(elements(html, 'em')[0]!)).toContain('font-style: italic');
    expect(style(elements(html, 'code')[0]!)).toContain('background');
  });

  it('sets Chinese body text for phones: 16 px, line-height 1.8, a little letter-spacing', async () => {
    const { html } = await render('正文');
    const root = style(elements(html, 'section')[0]!);
    expect(root).toContain('font-size: 16px');
    expect(root).toContain('line-height: 1.8');
    expect(root).toContain('letter-spacing: 0.5px');
  });
});

describe('what never reaches WeChat', () => {
  it('drops raw HTML, scripts, event handlers and styles written into the Markdown', async () => {
    const { html } = await render(
      '正文<script>alert(1)</script>\n\n<style>p{color:red}</style>\n\n<div onclick="x()" class="a" id="b">块</div>\n\n<img src="x.png" onerror="alert(1)">',
    );
    expect(html).not.toMatch(/<script|<style|onclick|onerror|class=|id=/);
    expect(findWeChatSafetyProblems(html)).toEqual([]);
  });

  it('drops an <iframe> and a javascript: link from the Markdown, keeping only readable text', async () => {
    const { html } = await render(
      '视频<iframe src="https://v.qq.com/x"></iframe>\n\n[点我](javascript:alert(1)) <a href="https://example.com" onclick="x()">原文</a>',
    );
    expect(html).not.toMatch(/<iframe|javascript:|onclick|<a /);
    expect(html).toContain('点我');
  });

  it('sends no line feed: breaks between tags go, a soft break is a space, or nothing between Chinese characters', async () => {
    const { html } = await render(
      '第一行\n第二行，then English\nwords.\n\n| 茶 | 水温 |\n| --- | --- |\n| 白茶 | 85℃ |\n\n- 一\n- 二',
    );
    expect(html).not.toContain('\n');
    expect(html).toContain('第一行第二行，then English words.');
    expect(elements(html, 'td')).toHaveLength(2);
  });

  it('keeps a tilde range as it is: 85~90℃ is not strikethrough (only ~~two~~ tildes are)', async () => {
    const { html } = await render('水温 85~90℃，浸泡 3~5 分钟。溫度 85~90℃。\n\n~~旧价~~ 新价');
    expect(html).toContain('水温 85~90℃，浸泡 3~5 分钟。溫度 85~90℃。');
    expect(elements(html, 'del')).toHaveLength(1);
    expect(html).toMatch(/<del[^>]*>旧价<\/del>/);
  });

  it('rejects an unknown theme by name', async () => {
    await expect(render('正文', 'neon')).rejects.toBeInstanceOf(UnknownThemeError);
  });
});
