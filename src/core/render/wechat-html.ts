/**
 * The HTML-level shaping for the WeChat editor, on the hast that remark-rehype made. Each step
 * works around something the editor (or `draft/add`) does to ordinary HTML:
 *
 * - Code blocks: `white-space: pre` is ignored, so every space becomes a no-break space and
 *   every line break a `<br>`; highlight.js tokens get classes that the theme's colours are
 *   inlined onto.
 * - Lists: nested `<ul>`/`<ol>` inside `<li>` lose their indentation and markers, so lists are
 *   drawn as one `<section>` per item with a typed marker and an indent per depth.
 * - Tables: wide tables sit in a `<section>` that scrolls sideways instead of squeezing.
 * - Images: a paragraph that holds only an image becomes `<figure>` with a `<figcaption>`
 *   from the image's title (or, without one, its alt text).
 *
 * Everything gets `mp-` classes for the theme; the classes are inlined and removed afterwards
 * (inline-styles.ts), so none of them reaches WeChat.
 */
import type { Element, ElementContent, Root, RootContent, Text } from 'hast';
import type { HLJSApi } from 'highlight.js';
import { SKIP, visit } from 'unist-util-visit';
import { HEADING_TAGS } from './html-elements.ts';
import { UNDRAWN_DIAGRAM_LANGUAGES } from './undrawn-diagrams.ts';

const NO_BREAK_SPACE = '\u00a0';
const TAB = NO_BREAK_SPACE.repeat(4);
const BULLETS = ['•', '◦', '▪', '▫'] as const;
const MAX_INDENT_DEPTH = 3;

const BLOCK_TAGS = new Set([
  'p',
  'ul',
  'ol',
  'figure',
  'section',
  'blockquote',
  'table',
  'pre',
  ...HEADING_TAGS,
  'hr',
  'div',
]);

function element(
  tagName: string,
  className: string | string[] | undefined,
  children: ElementContent[],
  properties: Element['properties'] = {},
): Element {
  return {
    type: 'element',
    tagName,
    properties:
      className === undefined
        ? properties
        : { ...properties, className: Array.isArray(className) ? className : [className] },
    children,
  };
}

function text(value: string): Text {
  return { type: 'text', value };
}

function isElement(node: RootContent | ElementContent | undefined, tagName?: string): node is Element {
  return node?.type === 'element' && (tagName === undefined || node.tagName === tagName);
}

function isBlank(node: ElementContent): boolean {
  return node.type === 'text' && node.value.trim() === '';
}

function classNames(node: Element): string[] {
  const value: unknown = node.properties.className;
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/\s+/) : [];
}

export function textContent(node: Root | RootContent | ElementContent): string {
  if (node.type === 'text') return node.value;
  if ('children' in node) return (node.children as ElementContent[]).map(textContent).join('');
  return '';
}

// --------------------------------------------------------------------- code -----

/** The highlight.js name for a fence's language, or undefined to show it unhighlighted. */
/** highlight.js and the parser of its token HTML, loaded only for an article with a code block. */
export interface Highlighter {
  hljs: HLJSApi;
  fromHtml: typeof import('hast-util-from-html').fromHtml;
}

let highlighter: Promise<Highlighter> | undefined;

export function loadHighlighter(): Promise<Highlighter> {
  highlighter ??= Promise.all([import('highlight.js/lib/common'), import('hast-util-from-html')]).then(
    ([hljs, html]) => ({ hljs: hljs.default, fromHtml: html.fromHtml }),
  );
  return highlighter;
}

/** The fence's language as written (```ts → "ts"), if any. */
function fenceLanguage(code: Element): string | undefined {
  return classNames(code)
    .find((className) => className.startsWith('language-'))
    ?.slice('language-'.length);
}

function languageOf(code: Element, hljs: HLJSApi | undefined): string | undefined {
  const name = fenceLanguage(code);
  return name !== undefined && hljs?.getLanguage(name) ? name : undefined;
}

/** How a department's code blocks look (department settings, render.code). */
export interface CodeBlockOptions {
  /** A title bar with three window dots, as doocs/md's "Mac style" code blocks. */
  macHeader?: boolean;
  /** A number before each line. */
  lineNumbers?: boolean;
}

/** Spaces as no-break spaces and line breaks as `<br>`, inside the token spans as well. */
function preserveWhitespace(nodes: ElementContent[]): ElementContent[] {
  const out: ElementContent[] = [];
  for (const node of nodes) {
    if (node.type === 'text') {
      const lines = node.value.replace(/\t/g, TAB).replace(/ /g, NO_BREAK_SPACE).split('\n');
      lines.forEach((line, index) => {
        if (index > 0) out.push(element('br', undefined, []));
        if (line !== '') out.push(text(line));
      });
    } else if (node.type === 'element') {
      out.push({ ...node, children: preserveWhitespace(node.children) });
    }
  }
  return out;
}

/**
 * The token nodes cut into lines: a token spanning lines (a block comment) is repeated, with its
 * class, on each line it covers, so every line can get its own number.
 */
function splitLines(nodes: ElementContent[]): ElementContent[][] {
  const lines: ElementContent[][] = [[]];
  for (const node of nodes) {
    if (node.type === 'text') {
      node.value.split('\n').forEach((part, index) => {
        if (index > 0) lines.push([]);
        if (part !== '') lines.at(-1)!.push(text(part));
      });
    } else if (node.type === 'element') {
      splitLines(node.children).forEach((children, index) => {
        if (index > 0) lines.push([]);
        if (children.length > 0) lines.at(-1)!.push({ ...node, children });
      });
    }
  }
  return lines;
}

/** Token spans from highlight.js (its HTML output is spans with `hljs-*` classes and escaped text). */
function highlighted(source: string, language: string | undefined, tools: Highlighter | undefined): ElementContent[] {
  if (language === undefined || !tools) return [text(source)];
  const html = tools.hljs.highlight(source, { language, ignoreIllegals: true }).value;
  return tools.fromHtml(html, { fragment: true }).children as ElementContent[];
}

function codeHeader(label: string | undefined, options: CodeBlockOptions): Element | undefined {
  if (!options.macHeader && label === undefined) return undefined;
  const dots = options.macHeader
    ? ['red', 'yellow', 'green'].map((colour) => element('span', ['mp-code-dot', `mp-code-dot-${colour}`], []))
    : [];
  return element('section', 'mp-code-header', [
    ...dots,
    ...(label !== undefined ? [element('span', 'mp-code-label', [text(label)])] : []),
  ]);
}

function shapeCodeBlock(pre: Element, tools: Highlighter | undefined, options: CodeBlockOptions): Element {
  const code = pre.children.find((child): child is Element => isElement(child, 'code'));
  const source = (code ? textContent(code) : textContent(pre)).replace(/\n$/, '');
  const written = code ? fenceLanguage(code) : undefined;
  const language = code ? languageOf(code, tools?.hljs) : undefined;
  // A diagram left as its source says so on the block (the writer also gets a warning).
  const diagram = written !== undefined ? UNDRAWN_DIAGRAM_LANGUAGES.get(written.toLowerCase()) : undefined;
  const label =
    diagram !== undefined
      ? `${diagram} 源码（图未绘制）`
      : options.macHeader && written !== undefined
        ? written
        : undefined;
  const tokens = highlighted(source, language, tools);
  let body: ElementContent[];
  if (options.lineNumbers) {
    const lines = splitLines(tokens);
    const width = String(lines.length).length;
    body = lines.flatMap((line, index) => [
      ...(index > 0 ? [element('br', undefined, [])] : []),
      element('span', 'mp-code-line-number', [text(String(index + 1).padStart(width, NO_BREAK_SPACE))]),
      ...preserveWhitespace(line),
    ]);
  } else {
    body = preserveWhitespace(tokens);
  }
  const header = codeHeader(label, options);
  return element('section', 'mp-code-block', [
    ...(header ? [header] : []),
    element('pre', undefined, [element('code', undefined, body)]),
  ]);
}

// -------------------------------------------------------------------- lists -----

function depthClass(depth: number): string[] {
  const capped = Math.min(depth, MAX_INDENT_DEPTH);
  return capped === 0 ? [] : [`mp-depth-${capped}`];
}

function trimInline(nodes: ElementContent[]): ElementContent[] {
  const out = [...nodes];
  while (out.length > 0 && isBlank(out[0]!)) out.shift();
  while (out.length > 0 && isBlank(out.at(-1)!)) out.pop();
  const first = out[0];
  if (first?.type === 'text') out[0] = text(first.value.replace(/^\s+/, ''));
  const last = out.at(-1);
  if (last?.type === 'text') out[out.length - 1] = text(last.value.replace(/\s+$/, ''));
  return out;
}

/** A GFM task item's checkbox, which becomes its marker: form controls do not survive the editor. */
function takeCheckbox(lead: ElementContent[]): { checked: boolean; rest: ElementContent[] } | undefined {
  const first = lead[0];
  if (!isElement(first, 'input') || first.properties.type !== 'checkbox') return undefined;
  return { checked: Boolean(first.properties.checked), rest: lead.slice(1) };
}

/** One `<section>` per item, markers typed out, nested lists as deeper sections after their item. */
function flattenList(list: Element, depth: number): Element[] {
  const ordered = list.tagName === 'ol';
  let number = ordered ? Number(list.properties.start ?? 1) || 1 : 0;
  const sections: Element[] = [];
  for (const item of list.children) {
    if (!isElement(item, 'li')) continue;
    const markerText = ordered ? `${number}.` : BULLETS[depth % BULLETS.length]!;
    number += 1;
    let lead: ElementContent[] = [];
    let leadDone = false;
    const after: Element[] = [];
    for (const child of item.children) {
      const block = isElement(child) && BLOCK_TAGS.has(child.tagName);
      if (!block) {
        if (!leadDone) lead.push(child);
        else if (!isBlank(child))
          after.push(element('section', ['mp-list-continuation', ...depthClass(depth)], [child]));
        continue;
      }
      if (!leadDone && child.tagName === 'p' && lead.every(isBlank)) {
        lead = [...child.children];
        leadDone = true;
        continue;
      }
      leadDone = true;
      if (child.tagName === 'ul' || child.tagName === 'ol') after.push(...flattenList(child, depth + 1));
      else if (child.tagName === 'p')
        after.push(element('section', ['mp-list-continuation', ...depthClass(depth)], child.children));
      else after.push(element('section', ['mp-list-continuation', ...depthClass(depth)], [child]));
    }
    const trimmed = trimInline(lead);
    const checkbox = takeCheckbox(trimmed);
    const content = checkbox ? trimInline(checkbox.rest) : trimmed;
    const shownMarker = checkbox ? (checkbox.checked ? '☑' : '☐') : markerText;
    sections.push(
      element(
        'section',
        ['mp-list-item', ...depthClass(depth)],
        [element('span', 'mp-list-marker', [text(shownMarker)]), ...content],
      ),
    );
    sections.push(...after);
  }
  return sections;
}

// ------------------------------------------------------------------- images -----

function figureFrom(paragraph: Element): Element | undefined {
  const meaningful = paragraph.children.filter((child) => !isBlank(child));
  const image = meaningful[0];
  if (meaningful.length !== 1 || !isElement(image, 'img')) return undefined;
  const caption = String(image.properties.title ?? image.properties.alt ?? '').trim();
  const { title: _title, ...properties } = image.properties;
  const children: ElementContent[] = [{ ...image, properties }];
  if (caption !== '') children.push(element('figcaption', undefined, [text(caption)]));
  return element('figure', 'mp-figure', children);
}

// ------------------------------------------------------------------- tables -----

/** GFM column alignment arrives as `align`, which the editor drops: make it a style. */
function alignCells(table: Element): void {
  visit(table, 'element', (cell) => {
    if ((cell.tagName === 'td' || cell.tagName === 'th') && typeof cell.properties.align === 'string') {
      cell.properties.style = `text-align: ${cell.properties.align};`;
      delete cell.properties.align;
    }
  });
}

// -------------------------------------------------------------------- shape -----

/** A run of Latin characters without a space long enough to take most of a phone's line. */
const LONG_UNBROKEN = /[\x21-\x7e]{28,}/;

/**
 * Reshapes the tree in place and wraps it in the article `<section>` the theme styles.
 * Order matters: code and figures first, so the list flattening sees them as blocks. Code is
 * highlighted with `tools` (loadHighlighter); without them it is shown uncoloured.
 */
export function shapeForWeChat(tree: Root, tools?: Highlighter, code: CodeBlockOptions = {}): void {
  visit(tree, 'element', (node, index, parent) => {
    if (!parent || index === undefined) return undefined;
    if (node.tagName === 'pre') {
      parent.children[index] = shapeCodeBlock(node, tools, code);
      return SKIP;
    }
    if (node.tagName === 'code') {
      node.properties.className = ['mp-inline-code'];
      return SKIP;
    }
    if (node.tagName === 'p') {
      const figure = figureFrom(node);
      if (figure) {
        parent.children[index] = figure;
        return SKIP;
      }
      // Justified lines stretch their spaces around an address that cannot break ("裸 网 址 也 常 见").
      if (LONG_UNBROKEN.test(textContent(node))) node.properties.className = [...classNames(node), 'mp-align-left'];
    }
    if (node.tagName === 'img') {
      node.properties.className = ['mp-inline-image'];
      delete node.properties.title;
      return undefined;
    }
    if (node.tagName === 'table') {
      alignCells(node);
      parent.children[index] = element('section', 'mp-table-scroll', [node]);
      return SKIP;
    }
    return undefined;
  });
  // Lists last, outermost first: flattenList walks nested lists itself.
  visit(tree, 'element', (node, index, parent) => {
    if (!parent || index === undefined || (node.tagName !== 'ul' && node.tagName !== 'ol')) return undefined;
    parent.children[index] = element('section', 'mp-list', flattenList(node, 0));
    return SKIP;
  });
  // List items and table cells are justified too (inherited): the same long runs stretch them.
  visit(tree, 'element', (node) => {
    const listItem = node.tagName === 'section' && classNames(node).includes('mp-list-item');
    if (
      (listItem || node.tagName === 'td') &&
      !classNames(node).includes('mp-align-left') &&
      LONG_UNBROKEN.test(textContent(node))
    )
      node.properties.className = [...classNames(node), 'mp-align-left'];
  });
  tree.children = [element('section', 'mp-article', tree.children as ElementContent[])];
}

// ------------------------------------------------------------- line breaks -----

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

function isBlockNode(node: ElementContent | undefined): boolean {
  return (
    node !== undefined &&
    node.type === 'element' &&
    (BLOCK_TAGS.has(node.tagName) ||
      ['li', 'tr', 'td', 'th', 'thead', 'tbody', 'figcaption', 'br'].includes(node.tagName))
  );
}

/**
 * No line feed may reach WeChat: draft/add turns the source's line breaks between tags into empty
 * lines or stray list items (code blocks already carry theirs as `<br>`). A line break between
 * tags is dropped; a soft line break inside a paragraph becomes a space, or nothing between two
 * Chinese characters, where a space would show as a gap.
 */
export function removeSourceNewlines(tree: Root): void {
  visit(tree, (node, index, parent) => {
    if (node.type !== 'text' || !parent || index === undefined || !node.value.includes('\n')) return undefined;
    const siblings = parent.children as ElementContent[];
    if (node.value.trim() === '') {
      const before = siblings[index - 1];
      const after = siblings[index + 1];
      if (
        before === undefined ||
        after === undefined ||
        isBlockNode(before) ||
        isBlockNode(after) ||
        parent.type === 'root'
      ) {
        siblings.splice(index, 1);
        return index;
      }
      node.value = ' ';
      return undefined;
    }
    node.value = node.value.replace(/[ \t]*\n[ \t]*/g, (match, offset: number, whole: string) => {
      const previous = whole[offset - 1];
      const next = whole[offset + match.length];
      return previous !== undefined && next !== undefined && CJK.test(previous) && CJK.test(next) ? '' : ' ';
    });
    return undefined;
  });
}
