/**
 * A department's own look: colours, fonts, heading styles and code blocks from the `render`
 * object of content/department.yaml, a CSS file of its own inlined after the theme (what WeChat
 * would not keep is reported with its line and column, never dropped silently), and PlantUML
 * fences, which nothing offline can draw, shown as labelled code with a warning.
 */
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkDepartmentCss } from '../../src/core/render/department-css.ts';
import { renderArticle, THEME_NAMES } from '../../src/core/render/render-article.ts';
import { findWeChatSafetyProblems } from '../../src/core/render/wechat-safety.ts';
import { ARTICLE_DIRECTORY, FixtureRepository } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';

function elements(html: string, tagName: string): Element[] {
  const found: Element[] = [];
  visit(fromHtml(html, { fragment: true }), 'element', (node: Element) => {
    if (node.tagName === tagName) found.push(node);
  });
  return found;
}

const style = (node: Element) => String(node.properties.style ?? '');

function visibleText(node: Element): string {
  let out = '';
  visit(node, 'text', (child) => {
    out += child.value;
  });
  return out;
}

const CODE = '```ts\n// 冲泡参数\nconst 水温 = 95;\n/* 第一泡\n   十秒出汤 */\nconst 出汤秒数 = 10;\n```\n';

describe('a department customising a built-in theme', () => {
  for (const theme of THEME_NAMES) {
    it(`takes its colours, fonts and heading style in ${theme}`, async () => {
      const markdown = '## 岩茶的山场\n\n正文里有**重点**和[链接](https://example.com/tea)。\n';
      const plain = await renderArticle({ markdown, theme });
      const custom = await renderArticle({
        markdown,
        theme,
        customisation: {
          colours: { accent: '#b5523b', accentStrong: '#7a2e1f', text: '#222222' },
          fonts: { body: 'Noto Sans CJK SC, sans-serif', headings: 'Noto Serif CJK SC, serif' },
          headings: { h2: { align: 'center', decoration: 'filled', fontSize: 18 } },
        },
      });
      const h2 = elements(custom.html, 'h2')[0]!;
      expect(style(h2)).toMatch(/text-align: center/);
      expect(style(h2)).toMatch(/background: #b5523b/);
      expect(style(h2)).toMatch(/color: #ffffff/);
      expect(style(h2)).toMatch(/font-size: 18px/);
      expect(style(h2)).toMatch(/font-family: Noto Serif CJK SC, serif/);
      expect(style(h2)).toMatch(/border-left: 0/);
      expect(style(h2)).not.toMatch(/border-left: 4px|border-bottom: 1px/);
      expect(style(elements(custom.html, 'strong')[0]!)).toMatch(/color: #7a2e1f/);
      expect(style(elements(custom.html, 'section')[0]!)).toMatch(
        /font-family: Noto Sans CJK SC, sans-serif; .*color: #222222/,
      );
      expect(findWeChatSafetyProblems(custom.html)).toEqual([]);
      // The built-in theme itself is untouched by another department's changes.
      expect((await renderArticle({ markdown, theme })).html).toBe(plain.html);
      expect(plain.html).not.toContain('#b5523b');
    });
  }

  it('draws Mac-style code blocks with the language and numbers every line, a comment across lines included', async () => {
    const { html } = await renderArticle({
      markdown: CODE,
      customisation: { code: { macHeader: true, lineNumbers: true, style: 'vs2015' } },
    });
    const block = elements(html, 'section').find(
      (section) => elements(html, 'pre').length > 0 && /border-radius: 6px/.test(style(section)),
    )!;
    const dots = elements(html, 'span').filter((span) => /border-radius: 5px/.test(style(span)));
    expect(dots.map((dot) => /background: (#\w+)/.exec(style(dot))![1])).toEqual(['#ff5f56', '#ffbd2e', '#27c93f']);
    expect(visibleText(block)).toContain('ts');
    const code = elements(html, 'code')[0]!;
    // Each line starts with its number; the comment's second line carries the comment colour too.
    const lines: string[] = [''];
    for (const child of code.children) {
      if (child.type === 'element' && child.tagName === 'br') lines.push('');
      else lines[lines.length - 1] += child.type === 'text' ? child.value : visibleText(child as Element);
    }
    expect(lines.map((line) => line.replace(/\u00a0/g, ' ').trimStart())).toEqual([
      '1// 冲泡参数',
      '2const 水温 = 95;',
      '3/* 第一泡',
      '4   十秒出汤 */',
      '5const 出汤秒数 = 10;',
    ]);
    const commentColour = (line: number) => {
      const spans = code.children.filter(
        (child): child is Element => child.type === 'element' && child.tagName === 'span',
      );
      return spans.filter((span) => visibleText(span).includes(line === 3 ? '第一泡' : '十秒出汤')).map(style)[0];
    };
    expect(commentColour(3)).toBeDefined();
    expect(commentColour(4)).toBe(commentColour(3));
    expect(findWeChatSafetyProblems(html)).toEqual([]);
    // A dark code style brings its dark block with it.
    expect(style(elements(html, 'code')[0]!)).toMatch(/background: #1e1e1e; color: #dcdcdc/);
    // Without the options, no header and no numbers.
    const plain = await renderArticle({ markdown: CODE });
    expect(elements(plain.html, 'span').filter((span) => /border-radius: 5px/.test(style(span)))).toHaveLength(0);
    expect(visibleText(elements(plain.html, 'code')[0]!)).toMatch(/^\/\/\u00a0冲泡参数/);
  });
});

describe('PlantUML', () => {
  it('stays its source under a "not drawn" label, with a warning at the fence', async () => {
    const markdown = '前言。\n\n```plantuml\n@startuml\n茶农 -> 茶厂: 鲜叶\n@enduml\n```\n';
    const { html, figureProblems } = await renderArticle({ markdown });
    expect(html).toContain('PlantUML 源码（图未绘制）');
    expect(html).toContain('茶农&nbsp;->&nbsp;茶厂:&nbsp;鲜叶');
    expect(figureProblems).toEqual([expect.objectContaining({ line: 3, column: 1, rule: 'render/diagram-not-drawn' })]);
    expect(figureProblems[0]!.message.en).toMatch(/not drawn: every PlantUML renderer needs Java or a PlantUML server/);
  });
});

describe('mpflow check and PlantUML', () => {
  it('warns at the fence the renderer would leave undrawn, and not at one shown inside another code block', async () => {
    const fixture = await FixtureRepository.create();
    try {
      const article = await fixture.read(`${ARTICLE_DIRECTORY}/index.md`);
      const body =
        '\n流程如下：\n\n```plantuml\n@startuml\n茶农 -> 茶厂: 鲜叶\n@enduml\n```\n\n写法示例：\n\n````markdown\n```puml\nA -> B\n```\n````\n';
      const source = `${article.trimEnd()}\n${body}`;
      await fixture.write(`${ARTICLE_DIRECTORY}/index.md`, source);
      const line = source.split('\n').indexOf('```plantuml') + 1;
      const check = await runMpflow(['check'], { cwd: fixture.root });
      const output = check.stdout + check.stderr;
      expect(output).toMatch(
        new RegExp(`${ARTICLE_DIRECTORY}/index\\.md:${line}:1\\s+(?:warning\\s+)?render/diagram-not-drawn`),
      );
      expect(output.match(/render\/diagram-not-drawn/g)).toHaveLength(1);
      const render = await runMpflow(['render', '2026-09-02-yancha-yanyun'], { cwd: fixture.root });
      expect(render.stderr).toMatch(
        new RegExp(`^${ARTICLE_DIRECTORY}/index\\.md:${line}:1  warning  render/diagram-not-drawn`, 'm'),
      );
      expect(render.stderr.match(/render\/diagram-not-drawn/g)).toHaveLength(1);
    } finally {
      await fixture.dispose();
    }
  });
});

describe("a department's own CSS", () => {
  it('keeps tag and class rules WeChat keeps and reports the rest at its line and column', () => {
    const css = [
      'h2 { color: #7a2e1f; position: absolute; }',
      '@media (max-width: 600px) { p { color: red; } }',
      'p:first-child, blockquote p { font-size: 15px; }',
      '.mp-toc-title { background: url(x.png); letter-spacing: 2px !important; }',
      'a > b { color: red; }',
    ].join('\n');
    const checked = checkDepartmentCss(css);
    expect(checked.css).toBe('h2 { color: #7a2e1f; }\nblockquote p { font-size: 15px; }');
    expect(
      checked.findings.map((finding) => `${finding.line}:${finding.column} ${finding.message.en.split(':')[0]}`),
    ).toEqual([
      '1:22 Left out position',
      '2:1 Left out @media',
      '3:1 Left out the selector "p',
      '4:17 Left out the value "url(x.png)" of background',
      '4:41 Left out the value "2px !important" of letter-spacing',
      '5:1 Left out the selector "a > b"',
    ]);
  });
});

describe('mpflow render in a department with render settings', () => {
  let fixture: FixtureRepository;
  beforeEach(async () => {
    fixture = await FixtureRepository.create();
  });
  afterEach(async () => {
    await fixture.dispose();
  });

  const SETTINGS = `schemaVersion: 1
department: { zh: 闽岚茶业微信部, en: Minlan Tea WeChat Department }
account: { zh: 闽岚茶事, en: Minlan Tea Notes }
render:
  breaks: true
  colours: { accent: '#b5523b' }
  headings:
    h2: { align: center, decoration: underline }
  code: { macHeader: true }
  css: content/render/article.css
`;

  it('renders with the settings and its CSS, and says what of the CSS was left out', async () => {
    await fixture.write('content/department.yaml', SETTINGS);
    await fixture.write(
      'content/render/article.css',
      '/* 部门样式 */\nh2 { letter-spacing: 3px; }\np { position: fixed; }\n',
    );
    const article = await fixture.read(`${ARTICLE_DIRECTORY}/index.md`);
    await fixture.write(
      `${ARTICLE_DIRECTORY}/index.md`,
      article.replace(/\n---\n/, '\n---\n\n寒夜客来茶当酒，\n竹炉汤沸火初红。\n\n'),
    );
    expect((await runMpflow(['check'], { cwd: fixture.root })).exitCode).toBe(0);
    const run = await runMpflow(['render', '2026-09-02-yancha-yanyun'], { cwd: fixture.root });
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toMatch(
      /^content\/render\/article\.css:3:5 {2}warning {2}render\/department-css {2}Left out position/m,
    );
    const h2 = elements(run.stdout, 'h2')[0]!;
    expect(style(h2)).toMatch(/text-align: center/);
    expect(style(h2)).toMatch(/border-bottom: 1px solid #b5523b/);
    expect(style(h2)).toMatch(/letter-spacing: 3px/);
    expect(run.stdout).toContain('寒夜客来茶当酒，<br>竹炉汤沸火初红。');
    expect(run.stdout).not.toMatch(/position/);
    expect(
      (await runMpflow(['render', '2026-09-02-yancha-yanyun', '--no-breaks'], { cwd: fixture.root })).stdout,
    ).toContain('寒夜客来茶当酒，竹炉汤沸火初红。');
  });

  it('refuses settings it cannot use with the place to fix', async () => {
    await fixture.write(
      'content/department.yaml',
      SETTINGS.replace('content/render/article.css', 'content/render/missing.css'),
    );
    const missing = await runMpflow(['render', '2026-09-02-yancha-yanyun'], { cwd: fixture.root });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/render\.css content\/render\/missing\.css, which cannot be read \(ENOENT\)/);
    await fixture.write(
      'content/department.yaml',
      SETTINGS.replace("colours: { accent: '#b5523b' }", 'colours: { accent: brown }'),
    );
    const invalid = await runMpflow(['render', '2026-09-02-yancha-yanyun'], { cwd: fixture.root });
    expect(invalid.exitCode).toBe(2);
    expect(invalid.stderr).toMatch(/^mpflow: content\/department\.yaml:6:\d+/m);
    await fixture.write(
      'content/department.yaml',
      SETTINGS.replace('code: { macHeader: true }', 'code: { macHeader: true, style: no-such-style }').replace(
        /^ {2}css: .*\n/m,
        '',
      ),
    );
    const style = await runMpflow(['render', '2026-09-02-yancha-yanyun'], { cwd: fixture.root });
    expect(style.exitCode).toBe(2);
    expect(style.stderr).toMatch(
      /render\.code\.style "no-such-style" in content\/department\.yaml is not a highlight\.js style/,
    );
  });
});
