/**
 * Markdown → HTML that survives the WeChat editor and `draft/add`.
 *
 *   remark (+ GFM) → mdast rewrites (links, footnotes, images: wechat-links.ts)
 *   → remark-rehype → hast shaping (code, lists, tables, figures: wechat-html.ts)
 *   → theme CSS inlined, classes and other attributes removed (style-sheet.ts, inline-styles.ts)
 *
 * The result carries only inline styles; findWeChatSafetyProblems (wechat-safety.ts) checks that.
 * Pure apart from reading the installed highlight.js style sheet once: no network, no files of
 * the article are read (images are only listed, for the publisher to upload).
 */
import type { Root } from 'hast';
import rehypeStringify from 'rehype-stringify';
import { remark } from 'remark';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import { inlineStyles } from './inline-styles.ts';
import { parsedThemeStyleSheet, renderTheme, THEME_NAMES, isThemeName, type ThemeName } from './themes.ts';
import { removeSourceNewlines, shapeForWeChat } from './wechat-html.ts';
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
// Strikethrough only with ~~two~~ tildes: Chinese writes ranges with one (水温 85~90℃，泡 3~5 分钟),
// which GFM's single-tilde form would strike through.
const processor = remark().use(remarkGfm, { singleTilde: false }).use(remarkRehype).use(rehypeStringify).freeze();

export interface ClassedArticle {
  /** The shaped tree with the theme's `mp-` classes, before the styles are inlined. */
  tree: Root;
  images: ArticleImage[];
  references: ArticleReference[];
}

/** Everything up to the inlining: exported so tests can inline the same tree another way (juice). */
export async function classedArticle(input: Pick<RenderInput, 'markdown' | 'articleDir' | 'imageUrl'>): Promise<ClassedArticle> {
  const mdast = processor.parse(input.markdown);
  const { images, references } = rewriteForWeChat(mdast, {
    ...(input.articleDir !== undefined ? { articleDir: input.articleDir } : {}),
    ...(input.imageUrl !== undefined ? { imageUrl: input.imageUrl } : {}),
    labels: LABELS,
  });
  const tree = await processor.run(mdast);
  shapeForWeChat(tree);
  return { tree, images, references };
}

/**
 * HTML of a tree, on one line (line feeds are removed from the tree first: WeChat mangles them);
 * no-break spaces written as &nbsp; (the same HTML, but visible in golden files and diffs).
 */
export function serializeHtml(tree: Root): string {
  removeSourceNewlines(tree);
  return processor.stringify(tree).replace(/\u00a0/g, '&nbsp;');
}

export async function renderArticle(input: { markdown: string; articleDir?: string; theme?: string; imageUrl?: (src: string) => string | undefined }): Promise<RenderedArticle> {
  const themeName = input.theme ?? DEFAULT_THEME;
  if (!isThemeName(themeName)) throw new UnknownThemeError(themeName);
  const { tree, images, references } = await classedArticle(input);
  inlineStyles(tree, parsedThemeStyleSheet(renderTheme(themeName)));
  return { html: serializeHtml(tree), images, references };
}
