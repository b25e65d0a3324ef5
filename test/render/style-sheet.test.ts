/**
 * The renderer's CSS inliner against juice, the well-kept general inliner: on the rich sample,
 * in every theme, both must write exactly the same HTML. Plus the cascade rules it relies on
 * and the CSS it refuses.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromHtml } from 'hast-util-from-html';
import juice from 'juice';
import { describe, expect, it } from 'vitest';
import { classedArticle, serializeHtml, THEME_NAMES } from '../../src/core/render/render-article.ts';
import { applyStyleSheet, parseStyleSheet, UnsupportedCssError } from '../../src/core/render/style-sheet.ts';
import { renderTheme, themeStyleSheet } from '../../src/core/render/themes.ts';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/rich-article/index.md');

function inline(html: string, css: string): string {
  const tree = fromHtml(html, { fragment: true });
  applyStyleSheet(tree, parseStyleSheet(css));
  return serializeHtml(tree);
}

function viaJuice(html: string, css: string): string {
  const inlined = juice.inlineContent(html, css, {
    applyAttributesTableElements: false,
    applyWidthAttributes: false,
    applyHeightAttributes: false,
    inlinePseudoElements: false,
  });
  return serializeHtml(fromHtml(inlined, { fragment: true }));
}

describe('applyStyleSheet', () => {
  for (const theme of THEME_NAMES) {
    it(`writes the same inline styles as juice for the rich sample in ${theme}`, async () => {
      const { tree } = await classedArticle({ markdown: await readFile(FIXTURE, 'utf8') });
      const classed = serializeHtml(tree);
      const css = themeStyleSheet(renderTheme(theme));
      const ours = inline(classed, css);
      expect(ours).toBe(viaJuice(classed, css));
      expect(ours).toContain('style="');
    });
  }

  const cascade: Array<{ name: string; html: string; css: string; expected: string }> = [
    {
      name: 'a class beats a tag, whatever the order',
      html: '<p class="x">a</p>',
      css: '.x { color: red; } p { color: blue; }',
      expected: '<p class="x" style="color: red;">a</p>',
    },
    {
      name: 'the later of equal rules wins',
      html: '<p>a</p>',
      css: 'p { color: blue; } p { color: green; }',
      expected: '<p style="color: green;">a</p>',
    },
    {
      name: 'a descendant selector needs the ancestor',
      html: '<section class="a"><p>in</p></section><p>out</p>',
      css: '.a p { margin: 0; }',
      expected: '<section class="a"><p style="margin: 0;">in</p></section><p>out</p>',
    },
    {
      name: 'an ancestor several levels up counts',
      html: '<section class="a"><div><p>deep</p></div></section>',
      css: '.a p { margin: 0; }',
      expected: '<section class="a"><div><p style="margin: 0;">deep</p></div></section>',
    },
    {
      name: 'a compound selector needs every class',
      html: '<span class="t c">1</span><span class="t">2</span>',
      css: '.t.c { color: red; }',
      expected: '<span class="t c" style="color: red;">1</span><span class="t">2</span>',
    },
    {
      name: 'a style already on the element wins',
      html: '<td style="text-align: right;">1</td>',
      css: 'td { text-align: left; padding: 0; }',
      expected: '<td style="padding: 0; text-align: right;">1</td>',
    },
  ];
  for (const { name, html, css, expected } of cascade) {
    it(name, () => {
      expect(inline(html, css)).toBe(expected);
      expect(viaJuice(html, css)).toBe(expected);
    });
  }
});

describe('parseStyleSheet', () => {
  for (const css of [
    'a:hover { color: red; }',
    'ul > li { margin: 0; }',
    '[data-x] { color: red; }',
    '@media (max-width: 10px) { p { color: red; } }',
    'p { color red }',
    '#id { color: red; }',
  ]) {
    it(`refuses ${css}`, () => {
      expect(() => parseStyleSheet(css)).toThrow(UnsupportedCssError);
    });
  }

  it('reads every theme and the highlight.js styles they use', () => {
    for (const theme of THEME_NAMES) expect(() => parseStyleSheet(themeStyleSheet(renderTheme(theme)))).not.toThrow();
  });
});
