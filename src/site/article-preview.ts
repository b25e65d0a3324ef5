/**
 * The site's phone preview of an article: the same HTML `mpflow render` and the publisher make,
 * in the theme the policy names, with local images pointed at copies the site serves next to
 * the preview (article-images.ts) instead of WeChat's uploaded addresses.
 *
 * Each article is rendered once per build, however many pages (zh-CN, English) ask for it.
 */
import path from 'node:path';
import { renderArticle, type RenderedArticle } from '../core/render/render-article.ts';
import type { Entry } from './archive-view.ts';
import type { ArticleEntry } from './mpflow-loader.ts';
import type { Lang } from './site-labels.ts';

/** The department repository the site is built from (the loader's rule: MPFLOW_REPOSITORY, else the project). */
export function siteRepositoryRoot(): string {
  const override = process.env.MPFLOW_REPOSITORY;
  return override ? path.resolve(override) : process.cwd();
}

function rootOf(base: string): string {
  return base.endsWith('/') ? base : `${base}/`;
}

export function previewHref(id: string, lang: Lang, base = '/'): string {
  return `${rootOf(base)}${lang === 'en' ? 'en/' : ''}articles/${id}/preview/`;
}

/** Where the site serves an article's image: next to its preview, shared by both languages. */
export function articleImageHref(id: string, src: string, base = '/'): string {
  return `${rootOf(base)}articles/${id}/${src}`;
}

/** A body image the site can serve: a plain relative path inside the article folder. */
export function isServableImage(src: string): boolean {
  return /^[\w.-]+(?:\/[\w.-]+)*$/.test(src) && !src.split('/').includes('..') && /\.(png|jpe?g|gif|webp|svg)$/i.test(src);
}

/** The article's folder, absolute, from the entry's repository-relative file. */
export function articleDirectory(entry: Entry<ArticleEntry>, root = siteRepositoryRoot()): string {
  return path.join(root, path.dirname(entry.data.file));
}

const renders = new Map<string, Promise<RenderedArticle>>();

export function renderPreview(entry: Entry<ArticleEntry>, theme: string, base = '/'): Promise<RenderedArticle> {
  const key = `${entry.id}\u0000${theme}\u0000${base}`;
  let render = renders.get(key);
  if (!render) {
    render = renderArticle({
      markdown: entry.data.body,
      articleDir: articleDirectory(entry),
      theme,
      imageUrl: (src) => (isServableImage(src) ? articleImageHref(entry.id, src, base) : undefined),
    });
    renders.set(key, render);
  }
  return render;
}

/**
 * How many articles get a phone preview page: the latest ones by publishAt, which include
 * everything still scheduled. The preview is the check before publishing; an article published
 * long ago is read in WeChat itself (the calendar links it). Building a preview of every article
 * of a 2,000-article archive in two languages tripled the site's build time (README,
 * "Rendering for WeChat"); 120 is more than a year of a department publishing twice a week.
 * `mpflow render` renders any article, however old.
 */
export const PREVIEW_LATEST_ARTICLES = 120;

/** The articles that get a preview page: the PREVIEW_LATEST_ARTICLES latest by publishAt (then id). */
export function previewedArticles<T extends { id: string; data: { publishAt: string } }>(articles: readonly T[], limit = PREVIEW_LATEST_ARTICLES): T[] {
  return [...articles].sort((a, b) => Date.parse(b.data.publishAt) - Date.parse(a.data.publishAt) || a.id.localeCompare(b.id)).slice(0, limit);
}
