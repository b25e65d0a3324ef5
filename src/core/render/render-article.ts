/**
 * Markdown → HTML that survives the WeChat editor and `draft/add`.
 *
 *   remark (+ GFM) → mdast rewrites (links, footnotes, images: wechat-links.ts)
 *   → remark-rehype → hast shaping (code, lists, tables, figures: wechat-html.ts)
 *   → theme CSS inlined by juice, classes and other attributes removed (inline-styles.ts)
 *
 * The result carries only inline styles; findWeChatSafetyProblems (wechat-safety.ts) checks that.
 * Pure apart from reading the installed highlight.js style sheet once: no network, no files of
 * the article are read (images are only listed, for the publisher to upload).
 */
import rehypeStringify from 'rehype-stringify';
import { remark } from 'remark';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import { inlineStyles } from './inline-styles.ts';
import { renderTheme, THEME_NAMES, isThemeName, themeStyleSheet, type ThemeName } from './themes.ts';
import { shapeForWeChat } from './wechat-html.ts';
import { rewriteForWeChat, type ArticleImage, type ArticleReference } from './wechat-links.ts';

export { THEME_NAMES, isThemeName, type ThemeName } from './themes.ts';
export type { ArticleImage, ArticleReference } from './wechat-links.ts';

/** The theme when neither the caller nor the policy names one. */
export const DEFAULT_THEME: ThemeName = 'tea-green';

export interface RenderInput {
  /** The article body, without front matter. */
  markdown: string;
  /** The article's folder: local image sources are resolved against it. */
  articleDir?: string;
  /** One of THEME_NAMES; default DEFAULT_THEME. */
  theme?: string;
  /** The uploaded address of a local image source; undefined keeps the source (previews). */
  imageUrl?: (src: string) => string | undefined;
}

export interface RenderedArticle {
  html: string;
  /** Local image sources in body order, each once. */
  images: ArticleImage[];
  /** External links, numbered as their markers in the text. */
  references: ArticleReference[];
}

export class UnknownThemeError extends Error {
  readonly theme: string;
  constructor(theme: string) {
    super(`There is no rendering theme "${theme}"; the themes are ${THEME_NAMES.join(', ')}.`);
    this.name = 'UnknownThemeError';
    this.theme = theme;
  }
}

/** The two lists the renderer appends; articles are written in Chinese, so are their headings. */
const LABELS = { notes: '注释', references: '参考资料' };

// Raw HTML in the Markdown is dropped (remark-rehype's default): it could carry anything.
const processor = remark().use(remarkGfm).use(remarkRehype).use(rehypeStringify).freeze();

export async function renderArticle(input: { markdown: string; articleDir?: string; theme?: string; imageUrl?: (src: string) => string | undefined }): Promise<RenderedArticle> {
  const themeName = input.theme ?? DEFAULT_THEME;
  if (!isThemeName(themeName)) throw new UnknownThemeError(themeName);
  const theme = renderTheme(themeName);

  const mdast = processor.parse(input.markdown);
  const { images, references } = rewriteForWeChat(mdast, {
    ...(input.articleDir !== undefined ? { articleDir: input.articleDir } : {}),
    ...(input.imageUrl !== undefined ? { imageUrl: input.imageUrl } : {}),
    labels: LABELS,
  });
  const hast = await processor.run(mdast);
  shapeForWeChat(hast);
  const classed = processor.stringify(hast);
  const inlined = inlineStyles(classed, themeStyleSheet(theme));
  // No-break spaces written as &nbsp;: the same HTML, but visible in golden files and diffs.
  const html = processor.stringify(inlined).replace(/\u00a0/g, '&nbsp;');
  return { html, images, references };
}
