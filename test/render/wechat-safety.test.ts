/**
 * The safety check: HTML that the WeChat editor would change (or refuse to save) is named,
 * problem by problem; the renderer's output for every sample article passes it.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_DEPARTMENT } from '../helpers/fixture-repository.ts';
import { articleTheme } from '../../src/core/render/article-theme.ts';
import { renderArticle, THEME_NAMES } from '../../src/core/render/render-article.ts';
import { findWeChatSafetyProblems, WECHAT_CONTENT_MAX_CHARS } from '../../src/core/render/wechat-safety.ts';
import { loadRepository } from '../../src/core/repository/load-repository.ts';

describe('findWeChatSafetyProblems', () => {
  const cases: Array<{ html: string; kinds: string[]; detail?: string }> = [
    { html: '<section style="color: red;"><p style="margin: 0;">安全</p></section>', kinds: [] },
    { html: '<a href="https://mp.weixin.qq.com/s/x" style="color: green;">上一篇</a>', kinds: [] },
    { html: '<style>p { color: red; }</style><p>正文</p>', kinds: ['forbidden-element'], detail: 'style' },
    { html: '<p>正文</p><script>alert(1)</script>', kinds: ['forbidden-element'], detail: 'script' },
    { html: '<p class="lead">正文</p>', kinds: ['class-styling'], detail: 'class="lead"' },
    { html: '<h2 id="top">标题</h2>', kinds: ['forbidden-attribute'], detail: 'id' },
    { html: '<img src="a.png" onerror="alert(1)">', kinds: ['forbidden-attribute'], detail: 'onerror' },
    { html: '<p onclick="x()">点</p>', kinds: ['forbidden-attribute'], detail: 'onclick' },
    { html: '<a href="#section-2">上文</a>', kinds: ['link'], detail: '#section-2' },
    { html: '<a href="https://www.example.com/">外链</a>', kinds: ['link'], detail: 'https://www.example.com/' },
    { html: '<section style="position: absolute; top: 0;">浮层</section>', kinds: ['dropped-style'] },
    { html: '<p style="color: var(--accent);">变量</p>', kinds: ['dropped-style'] },
    {
      html: '<link rel="stylesheet" href="x.css"><p class="a" id="b">两处</p>',
      kinds: ['forbidden-element', 'class-styling', 'forbidden-attribute'],
    },
  ];
  for (const { html, kinds, detail } of cases) {
    it(`${kinds.length === 0 ? 'passes' : `finds ${kinds.join(', ')} in`} ${html}`, () => {
      const problems = findWeChatSafetyProblems(html);
      expect(problems.map((problem) => problem.kind)).toEqual(kinds);
      if (detail !== undefined) expect(problems[0]!.detail).toBe(detail);
      for (const problem of problems) {
        expect(problem.message.zh).not.toBe('');
        expect(problem.message.en).not.toBe('');
      }
    });
  }
});

describe('the sample department', () => {
  it('renders every article, in every theme, to safe HTML within the draft/add limit', async () => {
    const { repository } = await loadRepository(FIXTURE_DEPARTMENT);
    expect(repository.articles.length).toBeGreaterThanOrEqual(26);
    const policies = repository.policies.map((policy) => policy.data);
    for (const article of repository.articles) {
      expect(articleTheme(policies, article.id.slice(0, 10))).toBe('tea-green');
      for (const theme of THEME_NAMES) {
        const { html, images } = await renderArticle({
          markdown: article.body,
          articleDir: path.join(FIXTURE_DEPARTMENT, article.directory),
          theme,
        });
        expect(findWeChatSafetyProblems(html), `${article.id} (${theme})`).toEqual([]);
        expect(html.length, `${article.id} (${theme})`).toBeLessThan(WECHAT_CONTENT_MAX_CHARS);
        const files = new Set(await readdir(path.join(FIXTURE_DEPARTMENT, article.directory)));
        for (const image of images)
          expect(files.has(path.basename(image.absolutePath!)), `${article.id}: ${image.src}`).toBe(true);
      }
    }
  });
});
