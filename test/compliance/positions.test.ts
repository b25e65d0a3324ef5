import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixTypography, lintMarkdown } from '../../src/core/compliance/index.ts';
import { FIXTURE_DEPARTMENT } from '../helpers/fixture-repository.ts';

/** Every sample article, the bad fixture, and texts with awkward characters. */
function corpus(): Array<[string, string]> {
  const articles = path.join(FIXTURE_DEPARTMENT, 'content/articles/2026');
  const texts: Array<[string, string]> = readdirSync(articles).map((folder) => [
    folder,
    readFileSync(path.join(articles, folder, 'index.md'), 'utf8'),
  ]);
  texts.push(['bad-article', readFileSync(new URL('./fixtures/bad-article.md', import.meta.url), 'utf8')]);
  texts.push(['emoji and tabs', '🍵顶级好茶\t国家级🍵产品，用iPhone拍的😀。\n\n> 引用里的顶级\n']);
  texts.push(['empty', '']);
  texts.push(['front matter only', '---\ntitle: 顶级\n---\n']);
  texts.push(['unclosed front matter', '---\ntitle: 顶级\n正文国家级\n']);
  texts.push(['broken yaml', '---\ntitle: [顶级\n---\n正文国家级\n']);
  return texts;
}

describe('finding positions', () => {
  it.each(corpus())('point at the matched text in the original (%s)', (_name, source) => {
    const lines = source.split('\n');
    const { findings } = lintMarkdown(source);
    for (const finding of findings) {
      expect(finding.line).toBeGreaterThanOrEqual(1);
      expect(finding.column).toBeGreaterThanOrEqual(1);
      if (finding.line === finding.endLine && finding.matched !== '' && !finding.ruleId.startsWith('suppression/')) {
        expect(lines[finding.line - 1]!.slice(finding.column - 1, finding.endColumn - 1), finding.ruleId).toBe(
          finding.matched,
        );
      }
    }
    const fixed = fixTypography(source);
    expect(fixTypography(fixed)).toBe(fixed);
  });
});
