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
import { drawFigures, type FigureProblem } from './figures-svg.ts';
import { inlineStyles } from './inline-styles.ts';
import { applyMarkdownExtensions, escapeLoneDollars } from './markdown-extensions.ts';
import { applyRawHtmlAllowList, markMarkdownElements, sanitizeForWeChat, type RawHtmlRemoval } from './raw-html.ts';
import {
  parsedThemeStyleSheet,
  renderTheme,
  THEME_NAMES,
  isThemeName,
  themeDiagramColours,
  type ThemeCustomisation,
  type ThemeName,
} from './themes.ts';
import { loadHighlighter, removeSourceNewlines, shapeForWeChat } from './wechat-html.ts';
import { rewriteForWeChat, type ArticleImage, type ArticleReference } from './wechat-links.ts';

export { THEME_NAMES, isThemeName, type ThemeCustomisation, type ThemeName } from './themes.ts';
export type { ArticleImage, ArticleReference } from './wechat-links.ts';
export type { RawHtmlRemoval } from './raw-html.ts';

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
  /** Keep single line breaks inside paragraphs as line breaks (doocs' option); default false. */
  breaks?: boolean;
  /** The department's changes to the theme (department-theme.ts); none by default. */
  customisation?: ThemeCustomisation;
}

/** Something of the source that did not reach the HTML as written, with its place in `markdown`. */
export interface RenderNotice {
  line: number;
  column: number;
  message: { zh: string; en: string };
  /** The rule id it is reported under (render/figure when unset). */
  rule?: string;
}

export interface RenderedArticle {
  html: string;
  /** Local image sources in body order, each once. */
  images: ArticleImage[];
  /** External links, numbered as their markers in the text. */
  references: ArticleReference[];
  /** Raw HTML the WeChat allow-list removed, in source order (raw-html.ts). */
  removals: RawHtmlRemoval[];
  /** Formulas and diagrams that could not be drawn and are shown as written. */
  figureProblems: RenderNotice[];
  /** The tree `html` was written from, for checks that would otherwise parse the HTML again. */
  tree?: Root;
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

// Raw HTML is parsed (hast-util-raw) and admitted by the WeChat allow-list (raw-html.ts).
// Strikethrough only with ~~two~~ tildes: Chinese writes ranges with one (水温 85~90℃，泡 3~5 分钟),
// which GFM's single-tilde form would strike through.
const processor = remark()
  .use(remarkGfm, { singleTilde: false })
  .use(remarkRehype, { allowDangerousHtml: true })
  .use(rehypeStringify)
  .freeze();
// `$…$` maths only costs its parser when a `$` is there at all.
let mathProcessor: Promise<typeof processor> | undefined;

function loadMathProcessor(): Promise<typeof processor> {
  mathProcessor ??= import('remark-math').then(
    ({ default: remarkMath }) =>
      remark()
        .use(remarkGfm, { singleTilde: false })
        .use(remarkMath)
        .use(remarkRehype, { allowDangerousHtml: true })
        .use(rehypeStringify)
        .freeze() as unknown as typeof processor,
  );
  return mathProcessor;
}

export interface ClassedArticle {
  /** The shaped tree with the theme's `mp-` classes, before the styles are inlined. */
  tree: Root;
  images: ArticleImage[];
  references: ArticleReference[];
  removals: RawHtmlRemoval[];
  figureProblems: RenderNotice[];
}

function hasNode(tree: { children?: unknown[] }, type: string): boolean {
  const stack: Array<{ type?: string; children?: unknown[] }> = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === type) return true;
    if (node.children) stack.push(...(node.children as Array<{ type?: string; children?: unknown[] }>));
  }
  return false;
}

function hasRaw(tree: Root): boolean {
  const stack: Array<Root | Root['children'][number]> = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'raw') return true;
    if ('children' in node) stack.push(...(node.children as Root['children']));
  }
  return false;
}

/** Everything up to the inlining: exported so tests can inline the same tree another way (juice). */
export async function classedArticle(
  input: Pick<RenderInput, 'markdown' | 'articleDir' | 'imageUrl' | 'breaks' | 'customisation'> & { theme?: ThemeName },
): Promise<ClassedArticle> {
  const theme = renderTheme(input.theme ?? DEFAULT_THEME, input.customisation);
  const source = escapeLoneDollars(input.markdown);
  const parser = source.text.includes('$') ? await loadMathProcessor() : processor;
  const mdast = parser.parse(source.text);
  applyMarkdownExtensions(mdast, source.text, { breaks: input.breaks ?? false });
  const { images, references, addImage } = rewriteForWeChat(mdast, {
    ...(input.articleDir !== undefined ? { articleDir: input.articleDir } : {}),
    ...(input.imageUrl !== undefined ? { imageUrl: input.imageUrl } : {}),
    labels: LABELS,
  });
  const figureProblems: FigureProblem[] = await drawFigures(mdast, { colours: themeDiagramColours(theme) });
  const hasCode = mdast.children.length > 0 && hasNode(mdast, 'code');
  let tree = await parser.run(mdast);
  let removals: RawHtmlRemoval[] = [];
  if (hasRaw(tree)) {
    // parse5 (through hast-util-raw) only for an article with HTML in it.
    const [{ raw }, { VFile }] = await Promise.all([import('hast-util-raw'), import('vfile')]);
    markMarkdownElements(tree);
    tree = raw(tree, { file: new VFile(source.text) }) as Root;
    removals = applyRawHtmlAllowList(tree, source.locate, (src) => addImage(src, '')).removals;
  }
  shapeForWeChat(tree, hasCode ? await loadHighlighter() : undefined, theme.code);
  return {
    tree,
    images,
    references,
    removals,
    figureProblems: figureProblems.map((problem) => ({ ...problem, ...source.locate(problem.line, problem.column) })),
  };
}

/**
 * HTML of a tree, on one line (line feeds are removed from the tree first: WeChat mangles them);
 * no-break spaces written as &nbsp; (the same HTML, but visible in golden files and diffs).
 */
export function serializeHtml(tree: Root): string {
  removeSourceNewlines(tree);
  return processor.stringify(tree).replace(/\u00a0/g, '&nbsp;');
}

export async function renderArticle(input: RenderInput): Promise<RenderedArticle> {
  const themeName = input.theme ?? DEFAULT_THEME;
  if (!isThemeName(themeName)) throw new UnknownThemeError(themeName);
  const { tree, images, references, removals, figureProblems } = await classedArticle({ ...input, theme: themeName });
  inlineStyles(tree, parsedThemeStyleSheet(renderTheme(themeName, input.customisation)));
  const finished = sanitizeForWeChat(tree);
  const html = serializeHtml(finished);
  return { html, tree: finished, images, references, removals, figureProblems };
}
