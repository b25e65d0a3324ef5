/**
 * The site's phone preview of an article: the same HTML `mpflow render` and the publisher make,
 * in the theme the policy names, with local images pointed at copies the site serves next to
 * the preview (article-images.ts) instead of WeChat's uploaded addresses.
 *
 * Each article is rendered and measured once per build, however many pages (zh-CN, English) ask for it.
 */
import path from 'node:path';
import { measureContent } from '../core/publishing/preflight.ts';
import { departmentRenderer, departmentRendering } from '../core/render/department-theme.ts';
import { readDepartmentSettings } from '../core/department/settings.ts';
import type { RenderedArticle } from '../core/render/render-article.ts';
import type { Entry } from './archive-view.ts';
import type { ArticleEntry } from './mpflow-loader.ts';
import type { Lang } from './site-labels.ts';
import { localizedUrl, withBase } from './localized-url.ts';
import { previewCache } from './preview-cache.ts';

/** The department repository the site is built from (the loader's rule: MPFLOW_REPOSITORY, else the project). */
export function siteRepositoryRoot(): string {
  const override = process.env.MPFLOW_REPOSITORY;
  return override ? path.resolve(override) : process.cwd();
}

/** An article's own page (/articles/<id>/): its phone preview, records and figures. */
export function articleHref(id: string, lang: Lang, base?: string): string {
  return localizedUrl(`articles/${id}/`, lang, base);
}

/** Where the site serves an article's image: next to its preview, shared by both languages. */
export function articleImageHref(id: string, src: string, base?: string): string {
  return withBase(`articles/${id}/${src}`, base);
}

/** A body image the site can serve: a plain relative path inside the article folder. */
export function isServableImage(src: string): boolean {
  return (
    /^[\w.-]+(?:\/[\w.-]+)*$/.test(src) && !src.split('/').includes('..') && /\.(png|jpe?g|gif|webp|svg)$/i.test(src)
  );
}

/** The article's folder, absolute, from the entry's repository-relative file. */
export function articleDirectory(entry: Entry<ArticleEntry>, root = siteRepositoryRoot()): string {
  return path.join(root, path.dirname(entry.data.file));
}

/** An article as its phone preview shows it, with the count draft/add and publish apply. */
export interface PreviewRender extends Omit<RenderedArticle, 'tree'> {
  /** Visible characters, not the HTML's length (preflight.ts measureContent). */
  characters: number;
}

/** The department's look (colours, fonts, its CSS file's text, the breaks default) as one string, for the preview cache's names. */
function departmentLookDigest(root: string): string {
  const { customisation, breaks } = departmentRendering(readDepartmentSettings(root).render, root);
  return JSON.stringify({ customisation, breaks });
}

const renders = new Map<string, Promise<PreviewRender>>();
// The department's look and breaks (content/department.yaml, render), as mpflow render and publish use them.
let departmentRender:
  | { root: string; render: ReturnType<typeof departmentRenderer>; settingsDigest: string }
  | undefined;

export function renderPreview(entry: Entry<ArticleEntry>, theme: string, base = '/'): Promise<PreviewRender> {
  const key = `${entry.id}\u0000${theme}\u0000${base}`;
  let render = renders.get(key);
  if (!render) {
    const root = siteRepositoryRoot();
    if (departmentRender?.root !== root)
      departmentRender = { root, render: departmentRenderer(root), settingsDigest: departmentLookDigest(root) };
    const renderer = departmentRender.render;
    const cache = previewCache();
    // The department's look is read with the renderer; its settings file is an input like the body.
    const name = cache?.nameOf([
      entry.id,
      theme,
      base,
      String(entry.data.breaks),
      entry.data.body,
      // The images' absolute paths in the render start with it.
      articleDirectory(entry, root),
      departmentRender.settingsDigest,
    ]);
    const cached = name ? cache!.read<PreviewRender>(name) : undefined;
    render = cached
      ? Promise.resolve(cached)
      : renderer({
          markdown: entry.data.body,
          ...(entry.data.breaks !== undefined ? { breaks: entry.data.breaks } : {}),
          articleDir: articleDirectory(entry),
          theme,
          imageUrl: (src) => (isServableImage(src) ? articleImageHref(entry.id, src, base) : undefined),
        })
          // Kept for the other language's page without its tree: 2,000 trees held to the end of a build cost memory and GC time.
          .then(({ tree, ...rendered }) => {
            const preview = { ...rendered, characters: measureContent(rendered.html, tree).characters };
            if (name) cache!.write(name, preview);
            return preview;
          });
    renders.set(key, render);
  }
  return render;
}
