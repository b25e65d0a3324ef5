/**
 * Raw HTML written in the Markdown, admitted by an allow-list made for the WeChat editor.
 *
 * Writers coming from other editors mix HTML into their Markdown: `10<sup>3</sup>`,
 * `H<sub>2</sub>O`, `第一行<br>第二行` in a table cell, `<p align="center">`, `<center>`,
 * `<img width="50%">`, `<details>`. What WeChat keeps is kept, what it would lose is turned into
 * what it keeps (alignment and widths into inline styles, `<details>` into an open section), and
 * everything else is removed — never silently: each removal is a RawHtmlRemoval with the line and
 * column of the source, which `mpflow render` prints and `mpflow lint`/`check` report.
 *
 * The elements that come from the Markdown itself are marked before hast-util-raw parses the raw
 * pieces (markMarkdownElements), so only the writer's own HTML goes through the allow-list. The
 * finished tree is sanitised once more by hast-util-sanitize with the schema below
 * (sanitizeForWeChat), the maintained safety net behind the allow-list.
 */
import type { Element, ElementContent, Properties, Root, RootContent } from 'hast';
import { sanitize, type Schema } from 'hast-util-sanitize';
import { SKIP, visit } from 'unist-util-visit';
import { text as localized, type LocalizedText } from '../i18n/language.ts';
import { FORBIDDEN_ELEMENTS } from './inline-styles.ts';
import { HEADING_TAGS } from './html-elements.ts';

export interface RawHtmlRemoval {
  /** 1-based line and column in the Markdown body the renderer was given. */
  line: number;
  column: number;
  /** What went: `<script>`, `class` on `<span>`, `position` in a style … */
  what: string;
  message: LocalizedText;
}

const MARK = 'dataMpMarkdown';

/** Marks every element the Markdown made, so the allow-list can tell them from raw HTML. */
export function markMarkdownElements(tree: Root): void {
  visit(tree, 'element', (node) => {
    node.properties[MARK] = '';
  });
}

/** Elements kept as they are (their attributes still filtered). */
const KEPT = new Set([
  'p',
  'br',
  'sup',
  'sub',
  'span',
  'section',
  'strong',
  'em',
  'del',
  's',
  'small',
  'hr',
  'blockquote',
  'ul',
  'ol',
  'li',
  ...HEADING_TAGS,
  'img',
  'figure',
  'figcaption',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'code',
  'pre',
  'ruby',
  'rt',
  'rp',
  'a',
]);

/** Elements WeChat would drop or misread, written as ones it keeps. */
const RENAMED: Record<string, { tagName: string; style?: string }> = {
  b: { tagName: 'strong' },
  i: { tagName: 'em' },
  strike: { tagName: 'del' },
  center: { tagName: 'section', style: 'text-align: center;' },
  div: { tagName: 'section' },
  article: { tagName: 'section' },
  aside: { tagName: 'section' },
  header: { tagName: 'section' },
  footer: { tagName: 'section' },
  // <details> cannot be opened in WeChat: shown expanded, its summary as a bold first line.
  details: { tagName: 'section', style: 'margin: 1em 0;' },
  summary: { tagName: 'p', style: 'font-weight: bold; margin: 0 0 0.6em 0;' },
  u: { tagName: 'span', style: 'text-decoration: underline;' },
  ins: { tagName: 'span', style: 'text-decoration: underline;' },
  mark: { tagName: 'span', style: 'background-color: #fff3a3;' },
  kbd: { tagName: 'code' },
  big: { tagName: 'span', style: 'font-size: 1.2em;' },
};

/**
 * Elements removed with everything inside: those the editor strips or that run code, embed pages
 * or are form controls (the renderer's own forbidden list), and media and documents besides.
 */
const DROPPED_WITH_CONTENT = new Set([
  ...FORBIDDEN_ELEMENTS,
  'video',
  'audio',
  'canvas',
  'svg',
  'math',
  'head',
  'title',
]);

/** Inline style properties that survive the editor and cannot hide or move content. */
const SAFE_STYLE =
  /^(?:color|background(?:-color)?|font-(?:size|weight|style|family)|text-(?:align|decoration|indent)|line-height|letter-spacing|margin(?:-(?:top|right|bottom|left))?|padding(?:-(?:top|right|bottom|left))?|border(?:-(?:top|right|bottom|left))?(?:-(?:width|style|color|radius))?|border-radius|width|max-width|height|display|vertical-align|white-space|word-break|box-sizing)$/;

const ALIGN = new Set(['left', 'right', 'center', 'justify']);

function describe(node: Element): string {
  return `<${node.tagName}>`;
}

export interface AllowListResult {
  removals: RawHtmlRemoval[];
}

function filterStyle(value: string, removed: (what: string) => void): string {
  const kept: string[] = [];
  for (const part of value.split(';')) {
    const colon = part.indexOf(':');
    if (colon === -1) continue;
    const property = part.slice(0, colon).trim().toLowerCase();
    const declared = part.slice(colon + 1).trim();
    if (property === '' || declared === '') continue;
    if (!SAFE_STYLE.test(property) || /var\(|expression\(|url\(|javascript:/i.test(declared)) {
      removed(property);
      continue;
    }
    kept.push(`${property}: ${declared};`);
  }
  return kept.join(' ');
}

function cssLength(value: string): string | undefined {
  const trimmed = value.trim();
  if (/^\d+(?:\.\d+)?$/.test(trimmed)) return `${trimmed}px`;
  if (/^\d+(?:\.\d+)?(?:px|%|em|rem)$/.test(trimmed)) return trimmed;
  return undefined;
}

/**
 * Applies the allow-list to every element that did not come from the Markdown, in place, and
 * removes the markers. `locate` turns the tree's positions (of the text that was parsed) into
 * positions of the writer's body.
 */
export function applyRawHtmlAllowList(
  tree: Root,
  locate: (line: number, column: number) => { line: number; column: number },
  /** Each `<img src>` of the raw HTML, for the renderer's image list; returns the address to write. */
  image: (src: string) => string = (src) => src,
): AllowListResult {
  const removals: RawHtmlRemoval[] = [];
  const at = (node: Element | RootContent) => {
    const start = node.position?.start;
    return start ? locate(start.line, start.column) : { line: 1, column: 1 };
  };
  const report = (node: Element, what: string, message: LocalizedText) => removals.push({ ...at(node), what, message });

  visit(tree, (node, index, parent) => {
    if (node.type === 'comment' && parent && index !== undefined) {
      // Comments are the writer's notes to themselves: removed without a finding.
      parent.children.splice(index, 1);
      return [SKIP, index];
    }
    if (node.type !== 'element' || !parent || index === undefined) return undefined;
    if (MARK in node.properties) {
      delete node.properties[MARK];
      return undefined;
    }
    const tag = describe(node);
    const original = node.tagName;
    if (DROPPED_WITH_CONTENT.has(original)) {
      report(
        node,
        tag,
        localized(
          `删除了 HTML 元素 ${tag} 及其内容：微信不接受它。`,
          `Removed the HTML element ${tag} with its content: WeChat does not accept it.`,
        ),
      );
      parent.children.splice(index, 1);
      return [SKIP, index];
    }
    const renamed = RENAMED[original];
    if (!KEPT.has(original) && !renamed) {
      report(
        node,
        tag,
        original === 'mpprofile' || original.startsWith('mp-')
          ? localized(
              `删除了组件 ${tag}：公众号名片、小程序卡片等只能在微信编辑器里插入；请在粘贴后补上。`,
              `Removed the component ${tag}: account cards and mini-program cards can only be inserted in the WeChat editor; add it there after pasting.`,
            )
          : localized(
              `删除了微信不支持的 HTML 元素 ${tag}，保留其中的文字。`,
              `Removed the HTML element ${tag}, which WeChat does not support; its text is kept.`,
            ),
      );
      parent.children.splice(index, 1, ...(node.children as ElementContent[]));
      return [SKIP, index];
    }
    if (original === 'a' && !/^https?:\/\/mp\.weixin\.qq\.com(?:[/?#]|$)/i.test(String(node.properties.href ?? ''))) {
      report(
        node,
        tag,
        localized(
          `HTML 链接 ${String(node.properties.href ?? '')} 在微信里不能点，已改成文字；写成 Markdown 链接 [文字](地址) 可以列进“参考资料”。`,
          `The HTML link ${String(node.properties.href ?? '')} cannot be followed in WeChat and became text; write it as a Markdown link [text](address) to list it under 参考资料.`,
        ),
      );
      parent.children.splice(index, 1, ...(node.children as ElementContent[]));
      return [SKIP, index];
    }
    const styles: string[] = [];
    if (renamed) {
      node.tagName = renamed.tagName;
      if (renamed.style) styles.push(renamed.style);
    }
    const properties: Properties = {};
    for (const [name, value] of Object.entries(node.properties)) {
      const stringValue = Array.isArray(value) ? value.join(' ') : String(value);
      if (name === 'style') {
        const kept = filterStyle(stringValue, (property) =>
          report(
            node,
            `${property} (${tag})`,
            localized(
              `删除了 ${tag} 样式里的 ${property}：微信会丢掉它，或它会遮挡内容。`,
              `Removed ${property} from the style of ${tag}: WeChat drops it or it could hide content.`,
            ),
          ),
        );
        if (kept !== '') styles.push(kept);
      } else if (name === 'align' && ALIGN.has(stringValue.toLowerCase()) && node.tagName !== 'img') {
        styles.push(`text-align: ${stringValue.toLowerCase()};`);
      } else if ((name === 'width' || name === 'height') && node.tagName === 'img') {
        const length = cssLength(stringValue);
        if (length) styles.push(`${name}: ${length};`);
        else
          report(
            node,
            `${name} (${tag})`,
            localized(
              `${tag} 的 ${name}="${stringValue}" 看不懂，已删除。`,
              `Removed the unreadable ${name}="${stringValue}" of ${tag}.`,
            ),
          );
      } else if (node.tagName === 'img' && name === 'src') {
        properties[name] = image(stringValue);
      } else if (node.tagName === 'img' && (name === 'alt' || name === 'title')) {
        properties[name] = stringValue;
      } else if (node.tagName === 'a' && (name === 'href' || name === 'title')) {
        properties[name] = stringValue;
      } else if ((node.tagName === 'td' || node.tagName === 'th') && (name === 'colSpan' || name === 'rowSpan')) {
        properties[name] = value as string | number;
      } else if (node.tagName === 'ol' && name === 'start') {
        properties[name] = value as string | number;
      } else if (name === 'align' && node.tagName === 'img') {
        // <img align="center"> means a centred picture: a block with auto margins.
        if (stringValue.toLowerCase() === 'center' || stringValue.toLowerCase() === 'middle')
          styles.push('display: block; margin-left: auto; margin-right: auto;');
      } else {
        const attribute =
          name === 'className'
            ? 'class'
            : name
                .replace(/^data([A-Z])/, (_m, letter: string) => `data-${letter.toLowerCase()}`)
                .replace(/^on([A-Z])/, (_m, letter: string) => `on${letter.toLowerCase()}`);
        report(
          node,
          `${attribute} (${tag})`,
          localized(
            `删除了 ${tag} 的 ${attribute} 属性：微信只保留行内样式。`,
            `Removed the ${attribute} attribute of ${tag}: WeChat keeps only inline styles.`,
          ),
        );
      }
    }
    if (styles.length > 0) properties.style = styles.join(' ');
    node.properties = properties;
    return undefined;
  });
  return { removals };
}

// ---------------------------------------------------------------- sanitiser -----

const SVG_TAGS = ['svg', 'g', 'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'text', 'tspan'];
const SVG_ATTRIBUTES = [
  'viewBox',
  'width',
  'height',
  'xmlns',
  'x',
  'y',
  'x1',
  'y1',
  'x2',
  'y2',
  'cx',
  'cy',
  'r',
  'rx',
  'ry',
  'd',
  'points',
  'transform',
  'fill',
  'fillOpacity',
  'fillRule',
  'stroke',
  'strokeWidth',
  'strokeLinecap',
  'strokeLinejoin',
  'strokeDasharray',
  'strokeOpacity',
  'opacity',
  'fontSize',
  'fontWeight',
  'fontFamily',
  'fontStyle',
  'textAnchor',
  'dominantBaseline',
  'dy',
  'dx',
  'role',
  'focusable',
  'preserveAspectRatio',
  'style',
];

/** What may reach WeChat: the renderer's own output only needs these. */
export const WECHAT_SCHEMA: Schema = {
  strip: ['script', 'style', 'iframe', 'object', 'embed', 'template', 'noscript'],
  tagNames: [...KEPT, 'section', ...SVG_TAGS],
  attributes: {
    '*': ['style'],
    a: ['href'],
    img: ['src', 'alt'],
    td: ['colSpan', 'rowSpan'],
    th: ['colSpan', 'rowSpan'],
    ...Object.fromEntries(SVG_TAGS.map((tag) => [tag, SVG_ATTRIBUTES])),
  },
  protocols: { href: ['http', 'https', 'mailto', 'tel'], src: ['http', 'https', 'data'] },
  clobberPrefix: '',
  clobber: [],
  ancestors: {},
  required: {},
  allowComments: false,
  allowDoctypes: false,
};

/** The maintained sanitiser over the finished tree: nothing outside WECHAT_SCHEMA survives. */
export function sanitizeForWeChat(tree: Root): Root {
  return sanitize(tree, WECHAT_SCHEMA) as Root;
}

// ------------------------------------------------------------- for checks -----

const START_TAG = /<([A-Za-z][\w:-]*)((?:\s+[^\s"'=<>`/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
const ATTRIBUTE = /([^\s"'=<>`/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const HAST_NAMES: Record<string, string> = { class: 'className', colspan: 'colSpan', rowspan: 'rowSpan' };

/**
 * What the renderer's allow-list would remove from one piece of raw HTML of the Markdown (an
 * mdast `html` node's value starting at `start` of the body), without rendering: `mpflow check`
 * reports these as warnings. Each start tag is judged on its own, by the same tables.
 */
export function rawHtmlFindings(html: string, start: { line: number; column: number }): RawHtmlRemoval[] {
  const elements: Element[] = [];
  for (const match of html.matchAll(START_TAG)) {
    const before = html.slice(0, match.index);
    const lineBreaks = before.split('\n');
    const line = start.line + lineBreaks.length - 1;
    const column = lineBreaks.length === 1 ? start.column + before.length : lineBreaks.at(-1)!.length + 1;
    const properties: Properties = {};
    for (const attribute of match[2]!.matchAll(ATTRIBUTE)) {
      const name = attribute[1]!.toLowerCase();
      properties[HAST_NAMES[name] ?? name] = attribute[2] ?? attribute[3] ?? attribute[4] ?? '';
    }
    elements.push({
      type: 'element',
      tagName: match[1]!.toLowerCase(),
      properties,
      children: [],
      position: { start: { line, column }, end: { line, column } },
    });
  }
  if (elements.length === 0) return [];
  return applyRawHtmlAllowList({ type: 'root', children: elements }, (line, column) => ({ line, column })).removals;
}
