/**
 * Which files the site publishes next to the phone previews: web images inside article folders,
 * never design sources or files elsewhere in the repository.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { articleImageFiles } from '../../src/site/article-images.ts';
import { articleHref, articleImageHref, isServableImage } from '../../src/site/article-preview.ts';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'mpflow-images-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function touch(relative: string): Promise<void> {
  await mkdir(path.dirname(path.join(root, relative)), { recursive: true });
  await writeFile(path.join(root, relative), 'x');
}

describe('articleImageFiles', () => {
  it('lists the web images of every article folder, subfolders included, under the article id', async () => {
    for (const file of [
      'content/articles/2026/09-02-yancha-yanyun/index.md',
      'content/articles/2026/09-02-yancha-yanyun/figure-1.png',
      'content/articles/2026/09-02-yancha-yanyun/cover.JPG',
      'content/articles/2026/09-02-yancha-yanyun/images/tea.webp',
      'content/articles/2026/09-02-yancha-yanyun/design.psd',
      'content/articles/2026/Not-An-Article/x.png',
      'content/topics/T-2026-001.png',
      'appraisals/2026-09/lin-xiao/photo.png',
    ]) {
      await touch(file);
    }
    const files = await articleImageFiles(root);
    expect(files.map((file) => file.target).sort()).toEqual([
      'articles/2026-09-02-yancha-yanyun/cover.JPG',
      'articles/2026-09-02-yancha-yanyun/figure-1.png',
      'articles/2026-09-02-yancha-yanyun/images/tea.webp',
    ]);
    for (const file of files)
      expect(file.source.startsWith(path.join(root, 'content/articles/2026/09-02-yancha-yanyun'))).toBe(true);
  });

  it('finds nothing in a repository without articles', async () => {
    expect(await articleImageFiles(root)).toEqual([]);
  });
});

describe('article addresses', () => {
  it('puts each article’s page under each language and its images next to the zh-CN page, with the site base', () => {
    expect(articleHref('2026-09-02-yancha-yanyun', 'zh-CN')).toBe('/articles/2026-09-02-yancha-yanyun/');
    expect(articleHref('2026-09-02-yancha-yanyun', 'en', '/mpflow')).toBe(
      '/mpflow/en/articles/2026-09-02-yancha-yanyun/',
    );
    expect(articleImageHref('2026-09-02-yancha-yanyun', 'images/a.png', '/mpflow/')).toBe(
      '/mpflow/articles/2026-09-02-yancha-yanyun/images/a.png',
    );
  });

  const sources: Array<[string, boolean]> = [
    ['figure-1.png', true],
    ['images/tea.webp', true],
    ['../other/figure.png', false],
    ['/etc/passwd.png', false],
    ['https://example.com/a.png', false],
    ['design.psd', false],
  ];
  for (const [src, servable] of sources) {
    it(`${servable ? 'serves' : 'does not serve'} ${src}`, () => {
      expect(isServableImage(src)).toBe(servable);
    });
  }
});
