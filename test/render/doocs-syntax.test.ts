/**
 * The syntax writers bring from doocs/md, rendered to what survives WeChat. One article
 * (fixtures/doocs-article) uses all of it: every sentence of its source must reach the HTML, and
 * nothing WeChat strips or refuses may remain — no class, id, <style>, <script>, event
 * attribute or external href; maths and Mermaid as inline SVG without ids, <defs> or url(#…).
 *
 * Golden files: test/render/golden/doocs-article.<theme>.html (UPDATE_GOLDEN=1 to regenerate).
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { preflightProblems } from '../../src/core/publishing/preflight.ts';
import { MAX_SVG_WIDTH } from '../../src/core/render/figures-svg.ts';
import { renderArticle, THEME_NAMES } from '../../src/core/render/render-article.ts';
import { findWeChatSafetyProblems } from '../../src/core/render/wechat-safety.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIXTURE_DIR = path.join(HERE, 'fixtures/doocs-article');
const GOLDEN_DIR = path.join(HERE, 'golden');

function tree(html: string): Root {
  return fromHtml(html, { fragment: true });
}

function elements(html: string, tagName?: string): Element[] {
  const found: Element[] = [];
  visit(tree(html), 'element', (node: Element) => {
    if (tagName === undefined || node.tagName === tagName) found.push(node);
  });
  return found;
}

/** The text a reader sees, SVG drawings left out (their glyphs are paths; diagram labels are text). */
function visibleText(html: string): string {
  let out = '';
  const walk = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type === 'text') out += child.value;
      else if (child.type === 'element' && child.tagName !== 'svg') walk(child);
    }
  };
  walk(tree(html));
  return out.replace(/[\s\u00a0]+/g, '');
}

/**
 * The sentences of the source as a reader should see them: the Markdown and HTML markers taken
 * off by hand here (not by the renderer's code), maths and diagrams left out (they become SVG).
 */
function sourceSentences(markdown: string): string[] {
  const prose = markdown
    .replace(/```mermaid[\s\S]*?```/g, '')
    .replace(/\$\$[\s\S]*?\$\$/g, '')
    .replace(/(^|[^\\])\$(?=\S)[^$\n]*?[^\s$]\$(?!\d)/g, '$1')
    .replace(/^```.*$/gm, '')
    .replace(/<[^>]+>/g, '')
    .replace(/^\[\^(\w+)\]:/gm, '')
    .replace(/\[\^\w+\]/g, '')
    .replace(/^>\s*\[!\w+\]\s*$/gm, '')
    .replace(/^\[TOC\]$/gm, '')
    // An image shows its title as the caption; its alt text is checked on the <img> itself.
    .replace(
      /<?!\[([^\]|]*)(?:\|\d+)?\]\(([^)\s]+)(?:\s+"([^"]*)")?\)>?,?/g,
      (_match, _alt: string, _src: string, title?: string) => title ?? '',
    )
    .replace(/\[([^\]]+)\](?:\{([^}]+)\}|\^\(([^)]+)\))/g, '$1$2$3')
    .replace(/==|\+\+|\*\*/g, '')
    .replace(/^\s*(?:#+|>|-|\|)\s?/gm, '')
    .replace(/\|/g, '')
    .replace(/^-{3,}.*$/gm, '');
  return prose
    .split(/(?<=[。！？])|\n/)
    .map((sentence) => sentence.replace(/[\s\u00a0]+/g, ''))
    .filter((sentence) => sentence.length > 1 && !/^[:\-| ]+$/.test(sentence));
}

async function fixture(): Promise<string> {
  return readFile(path.join(FIXTURE_DIR, 'index.md'), 'utf8');
}

describe('an article using every doocs syntax', () => {
  for (const theme of THEME_NAMES) {
    it(`loses no sentence and keeps nothing WeChat strips (${theme})`, async () => {
      const markdown = await fixture();
      const { html, removals, figureProblems } = await renderArticle({ markdown, articleDir: FIXTURE_DIR, theme });
      expect(removals).toEqual([]);
      // Only the PlantUML diagram is not drawn (nothing offline draws it), and the writer is told.
      expect(figureProblems.map((problem) => [problem.line, problem.rule])).toEqual([
        [markdown.split('\n').indexOf('```plantuml') + 1, 'render/diagram-not-drawn'],
      ]);
      expect(visibleText(html)).toContain('PlantUML源码（图未绘制）@startuml茶农->茶厂:送来鲜叶@enduml');

      // The renderer adds reference and note markers ([1], [注1]) after the words they belong to.
      const shown = visibleText(html).replace(/\[注?\d+\]/g, '');
      const sentences = sourceSentences(markdown);
      expect(sentences.length).toBeGreaterThan(30);
      for (const sentence of sentences) expect(shown, sentence).toContain(sentence);
      const alts = [...markdown.matchAll(/!\[([^\]|]+)(?:\|\d+)?\]|alt="([^"]+)"/g)].map(
        (match) => match[1] ?? match[2],
      );
      expect(elements(html, 'img').map((image) => image.properties.alt)).toEqual(alts);

      for (const node of elements(html)) {
        expect(['style', 'script', 'defs', 'use', 'iframe', 'input', 'marker'], node.tagName).not.toContain(
          node.tagName,
        );
        for (const name of Object.keys(node.properties)) {
          expect(['className', 'id'], `${node.tagName} ${name}`).not.toContain(name);
          expect(name, node.tagName).not.toMatch(/^(on|data)[A-Z]/);
        }
        if (node.tagName === 'a') expect(String(node.properties.href)).toMatch(/^https:\/\/mp\.weixin\.qq\.com\//);
      }
      expect(html).not.toMatch(/url\(#|var\(--|xlink:href/);
      expect(findWeChatSafetyProblems(html)).toEqual([]);
      expect(preflightProblems(html)).toEqual([]);

      // Three formulas and one diagram, each an inline SVG.
      const svgs = elements(html, 'svg');
      expect(svgs.length).toBe(4);
      for (const svg of svgs)
        expect(Number.parseFloat(String(svg.properties.width))).toBeLessThanOrEqual(MAX_SVG_WIDTH);
      const diagram = svgs.at(-1)!;
      let labels = '';
      visit(diagram, 'text', (node) => {
        labels += node.value;
      });
      for (const label of ['温杯', '投茶', '出汤']) expect(labels).toContain(label);

      // Nothing of the syntax is left as text.
      const text = visibleText(html);
      for (const literal of ['[!NOTE]', '[TOC]', '$$', '==', '++', ']{', ']^(', '|300]', '```', '<![', '\\times'])
        expect(text, literal).not.toContain(literal);
      // Prices stay prices.
      expect(text).toContain('老白茶标价$30，另一饼标价$45，差价不到一半。');
    });

    it(`matches test/render/golden/doocs-article.${theme}.html`, async () => {
      const { html } = await renderArticle({ markdown: await fixture(), articleDir: FIXTURE_DIR, theme });
      const golden = path.join(GOLDEN_DIR, `doocs-article.${theme}.html`);
      const readable = `${html.replace(/></g, '>\n<')}\n`;
      if (process.env.UPDATE_GOLDEN === '1') await writeFile(golden, readable);
      expect(existsSync(golden), `${golden} is missing: run UPDATE_GOLDEN=1 npx vitest run test/render`).toBe(true);
      expect(readable).toBe(await readFile(golden, 'utf8'));
    });
  }
});

describe('the same article in a department theme', () => {
  // Every customisation a department can make, on the built-in theme it starts from.
  const customisation = {
    colours: { accent: '#9c4a2f', accentStrong: '#6b2a17', accentSoft: '#fbf3ef' },
    fonts: { headings: 'Noto Serif CJK SC, serif' },
    headings: {
      h2: { align: 'center' as const, decoration: 'filled' as const },
      h3: { decoration: 'underline' as const },
    },
    code: { style: 'vs2015', macHeader: true, lineNumbers: true },
    css: 'blockquote { border-left: 0; padding: 8px 12px; }\n.mp-toc-title { letter-spacing: 2px; }',
  };
  for (const theme of THEME_NAMES) {
    it(`matches test/render/golden/doocs-article.${theme}.department.html and keeps nothing WeChat strips`, async () => {
      const { html } = await renderArticle({
        markdown: await fixture(),
        articleDir: FIXTURE_DIR,
        theme,
        customisation,
      });
      expect(findWeChatSafetyProblems(html)).toEqual([]);
      expect(preflightProblems(html)).toEqual([]);
      for (const node of elements(html))
        for (const name of Object.keys(node.properties))
          expect(['className', 'id'], `${node.tagName} ${name}`).not.toContain(name);
      const golden = path.join(GOLDEN_DIR, `doocs-article.${theme}.department.html`);
      const readable = `${html.replace(/></g, '>\n<')}\n`;
      if (process.env.UPDATE_GOLDEN === '1') await writeFile(golden, readable);
      expect(existsSync(golden), `${golden} is missing: run UPDATE_GOLDEN=1 npx vitest run test/render`).toBe(true);
      expect(readable).toBe(await readFile(golden, 'utf8'));
    });
  }
});

async function render(markdown: string, options: { breaks?: boolean } = {}) {
  return renderArticle({ markdown, ...options });
}

describe('each doocs syntax on its own', () => {
  it('titles the five GFM alerts in Chinese and keeps their text', async () => {
    const kinds = [
      ['NOTE', '说明'],
      ['TIP', '提示'],
      ['IMPORTANT', '重要'],
      ['WARNING', '警告'],
      ['CAUTION', '注意'],
    ] as const;
    for (const [kind, title] of kinds) {
      const { html } = await render(`> [!${kind}]\n> 茶汤太烫，稍等片刻。`);
      const paragraphs = elements(html, 'p');
      expect(
        paragraphs.map((paragraph) =>
          visibleText(`<p>${(paragraph.children[0] as { value?: string }).value ?? ''}</p>`),
        ),
      ).toEqual([title, '茶汤太烫，稍等片刻。']);
      expect(html).not.toContain('[!');
    }
    // An ordinary quote stays a quote.
    expect(elements((await render('> [!NOTE] 不是单独一行的标记')).html, 'blockquote')).toHaveLength(1);
  });

  it('reads dollars as maths only where a formula can be', async () => {
    const cases: Array<[string, number]> = [
      ['标价 $30，另一饼标价 $45', 0],
      ['这饼 $30 那饼 $45 都不贵', 0],
      ['价格 $5$ 不对称也不是公式吗？$x$ 才是', 2],
      ['`$x$` 在代码里', 0],
      ['能量 $E=mc^2$，动量 $p=mv$。', 2],
      ['转义 \\$x\\$ 不是公式', 0],
    ];
    for (const [markdown, formulas] of cases) {
      const { html } = await render(markdown);
      expect(elements(html, 'svg').length, markdown).toBe(formulas);
    }
  });

  it('draws a display formula as an SVG without ids, and keeps an unreadable one as text with a notice', async () => {
    const { html } = await render('$$\n\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}\n$$');
    expect(elements(html, 'svg')).toHaveLength(1);
    expect(html).not.toMatch(/ id=|<defs|<use/);
    const broken = await render('公式 $\\frac{1$ 写错了。');
    expect(broken.figureProblems).toHaveLength(1);
    expect(broken.figureProblems[0]!.message.en).toContain('The formula cannot be read');
    expect(broken.figureProblems[0]!.column).toBe(4);
    expect(visibleText(broken.html)).toContain('\\frac{1');
  });

  it('draws Mermaid as static SVG that fits the column, arrowheads drawn without markers', async () => {
    const wide = Array.from(
      { length: 12 },
      (_, index) => `  N${index}[第${index}步] --> N${index + 1}[第${index + 1}步]`,
    ).join('\n');
    const { html } = await render(`\`\`\`mermaid\ngraph LR\n${wide}\n\`\`\``);
    const [svg] = elements(html, 'svg');
    expect(Number(svg!.properties.width)).toBe(MAX_SVG_WIDTH);
    expect(html).not.toMatch(/marker|url\(#|<style|var\(--/);
    expect(elements(html, 'polygon').length).toBeGreaterThanOrEqual(12);
    const broken = await render('```mermaid\nthis is not a diagram\n```');
    expect(broken.figureProblems[0]!.message.en).toContain('The Mermaid diagram cannot be drawn');
    expect(visibleText(broken.html)).toContain('thisisnotadiagram');
  });

  it('writes ruby, highlight and underline, but not C++ or a == b', async () => {
    const { html } = await render('[茗]{míng}与[荈]^(chuǎn)，==重点==和++下划线++；C++和C++，a == b == c。');
    expect(elements(html, 'ruby')).toHaveLength(2);
    expect(elements(html, 'rt').map((rt) => (rt.children[0] as { value: string }).value)).toEqual(['míng', 'chuǎn']);
    const spans = elements(html, 'span').map((span) => String(span.properties.style));
    expect(spans.some((style) => style.includes('background-color'))).toBe(true);
    expect(spans.some((style) => style.includes('text-decoration: underline'))).toBe(true);
    expect(visibleText(html)).toContain('C++和C++，a==b==c。');
  });

  it('lists the headings for [TOC] as plain text (in-page anchors stop a draft from saving)', async () => {
    const { html } = await render('[TOC]\n\n## 选茶\n\n### 看干茶\n\n## 选水');
    expect(visibleText(html).startsWith('目录选茶看干茶选水')).toBe(true);
    expect(elements(html, 'a')).toHaveLength(0);
  });

  it('sets image widths from ![alt|300] and lays a gallery out sideways', async () => {
    const { html, images } = await render('![茶园|300](a.png)\n\n<![一](b.png),![二](c.png)>');
    const [first, second, third] = elements(html, 'img');
    expect(String(first!.properties.style)).toContain('width: 300px;');
    expect(first!.properties.alt).toBe('茶园');
    expect(second!.properties.alt).toBe('一');
    expect(third!.properties.alt).toBe('二');
    expect(images.map((image) => image.src)).toEqual(['a.png', 'b.png', 'c.png']);
    const gallery = elements(html, 'section').find((section) =>
      String(section.properties.style).includes('overflow-x: auto; white-space: nowrap'),
    );
    expect(gallery).toBeDefined();
    expect(visibleText(html)).not.toMatch(/[<>]/);
  });

  it('keeps line breaks only when the writer asks for breaks', async () => {
    const markdown = '第一行\n第二行';
    expect(elements((await render(markdown)).html, 'br')).toHaveLength(0);
    expect(elements((await render(markdown, { breaks: true })).html, 'br')).toHaveLength(1);
  });

  it('gives the sentence back its Chinese punctuation after a bare address', async () => {
    const { html, references } = await render(
      '见 www.example.com/tea。下一句，还有 https://zh.wikipedia.org/wiki/武夷岩茶！',
    );
    expect(references.map((reference) => reference.url)).toEqual([
      'http://www.example.com/tea',
      'https://zh.wikipedia.org/wiki/武夷岩茶',
    ]);
    expect(visibleText(html)).toContain(
      '见www.example.com/tea[1]。下一句，还有https://zh.wikipedia.org/wiki/武夷岩茶[2]！',
    );
  });

  it('aligns a paragraph with a long address left instead of stretching its spaces', async () => {
    const { html } = await render(
      '裸网址也常见 https://www.example.org/a/very/long/path/that/cannot/break.html 这样。\n\n普通的一段。',
    );
    const [withUrl, plain] = elements(html, 'p');
    expect(String(withUrl!.properties.style)).toContain('text-align: left;');
    expect(String(plain!.properties.style)).not.toContain('text-align: left;');
  });

  it('aligns a list item or table cell with a long address left as well', async () => {
    const long = 'https://www.example.org/a/very/long/path/that/cannot/break.html';
    const { html } = await render(
      `- 见 ${long} 这里\n- 短的一项\n\n| 出处 | 说明 |\n| --- | --- |\n| ${long} | 茶经 |\n`,
    );
    const items = elements(html, 'section').filter((section) =>
      /text-indent: -1\.4em/.test(String(section.properties.style)),
    );
    expect(items.map((item) => String(item.properties.style).includes('text-align: left;'))).toEqual([true, false]);
    const cells = elements(html, 'td');
    expect(cells.map((cell) => String(cell.properties.style).includes('text-align: left;'))).toEqual([true, false]);
  });

  it('keeps a note marker on one line and gives a fourth list level its own bullet', async () => {
    const { html } = await render('说法见此[^1]。\n\n- 一\n  - 二\n    - 三\n      - 四\n\n[^1]: 出处。');
    const marker = elements(html, 'sup')[0]!;
    expect(String(marker.properties.style)).toContain('white-space: nowrap;');
    const bullets = elements(html, 'span')
      .map((span) => (span.children[0] as { value?: string }).value)
      .filter((value) => value && /^[•◦▪▫]$/.test(value));
    expect(bullets).toEqual(['•', '◦', '▪', '▫']);
  });
});
