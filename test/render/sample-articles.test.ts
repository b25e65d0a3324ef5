/**
 * Every article of the sample department, rendered the way the publisher renders it, in every
 * theme: nothing the WeChat editor would strip, nothing draft/add would drop or refuse, and every
 * local image resolves to a file the publisher can upload.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { preflightProblems } from '../../src/core/publishing/preflight.ts';
import { renderArticle, THEME_NAMES } from '../../src/core/render/render-article.ts';
import { findWeChatSafetyProblems } from '../../src/core/render/wechat-safety.ts';
import { loadRepository } from '../../src/core/repository/load-repository.ts';
import { FIXTURE_DEPARTMENT } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';

const { repository } = await loadRepository(FIXTURE_DEPARTMENT);

describe('the sample department’s articles', () => {
  it('are there to render', () => {
    expect(repository.articles.length).toBeGreaterThanOrEqual(20);
  });

  it.each(THEME_NAMES.map((theme) => [theme]))('all render safely for WeChat in the %s theme', async (theme) => {
    for (const article of repository.articles) {
      const articleDir = path.join(FIXTURE_DEPARTMENT, article.directory);
      const { html, images } = await renderArticle({
        markdown: article.body,
        articleDir,
        theme,
        imageUrl: (src) => `http://mmbiz.qpic.cn/mmbiz_png/${encodeURIComponent(src)}/0?wx_fmt=png`,
      });
      expect({ article: article.id, problems: findWeChatSafetyProblems(html) }).toEqual({
        article: article.id,
        problems: [],
      });
      expect({ article: article.id, problems: preflightProblems(html) }).toEqual({ article: article.id, problems: [] });
      // Visible text survives: the title-less body is never rendered empty.
      expect(html.replace(/<[^>]+>/g, '').trim().length, article.id).toBeGreaterThan(50);
      for (const image of images) expect(existsSync(image.absolutePath!), `${article.id}: ${image.src}`).toBe(true);
    }
  });

  it('mpflow render succeeds on every one, with the policy’s theme, and its output is safe', async () => {
    for (const article of repository.articles) {
      const result = await runMpflow(['render', article.id], { cwd: FIXTURE_DEPARTMENT });
      expect({ article: article.id, exitCode: result.exitCode, stderr: result.stderr }).toEqual({
        article: article.id,
        exitCode: 0,
        stderr: expect.any(String),
      });
      expect({ article: article.id, problems: findWeChatSafetyProblems(result.stdout) }).toEqual({
        article: article.id,
        problems: [],
      });
      expect(result.stdout).toContain('<section');
    }
  });
});
