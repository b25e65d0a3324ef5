/**
 * The Markdown that writers bring from doocs/md and similar editors, on the mdast, each turned
 * into something the WeChat editor keeps (the classes are the theme's; they are inlined later):
 *
 * - GFM alerts `> [!NOTE]` … `> [!CAUTION]`: a callout with a Chinese title.
 * - Ruby `[茗]{míng}` (and `[茗]^(míng)`): `<ruby>` with `<rt>`.
 * - `==highlight==` and `++underline++`.
 * - `[TOC]` alone in a paragraph: the list of the article's headings (plain text: in-page
 *   anchors stop a WeChat draft from saving).
 * - Image width `![alt|300]`: the width as an inline style.
 * - A swipe gallery `<![a](1.png),![b](2.png)>`: images in a row that scrolls sideways.
 * - `breaks`: a line break in a paragraph is kept as a line break.
 * - A bare address followed by Chinese punctuation (`www.example.com/tea。`): GFM takes the
 *   punctuation into the address; it is given back to the sentence.
 *
 * Maths (`$…$`, `$$…$$`) is parsed by remark-math; escapeLoneDollars keeps prices such as
 * "标价 $30，另一饼标价 $45" from being read as maths, by the rule pandoc uses: an opening `$` has
 * a non-space after it, a closing `$` a non-space before it and no digit after it; and what lies between
 * holds no Chinese sentence punctuation (“标价 $45。公式 $E=mc^2$” is a price, then a formula).
 */
import type { BlockContent, Heading, Image, Link, Paragraph, PhrasingContent, Root, RootContent, Text } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import { plainText } from './wechat-links.ts';

// --------------------------------------------------------------- dollars -----

export interface PreparedSource {
  /** The Markdown as parsed. */
  text: string;
  /** Line and column of the parsed text → line and column of the writer's Markdown. */
  locate: (line: number, column: number) => { line: number; column: number };
}

const identity = (line: number, column: number) => ({ line, column });

/**
 * Escapes every `$` that cannot open or close inline maths, so remark-math leaves it as text.
 * Code (fenced, indented or inline) and `$$` display blocks are left alone.
 */
export function escapeLoneDollars(markdown: string): PreparedSource {
  if (!markdown.includes('$')) return { text: markdown, locate: identity };
  const lines = markdown.split('\n');
  const inserted = new Map<number, number[]>();
  let fence: string | undefined;
  let display = false;
  const out = lines.map((line, lineIndex) => {
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence !== undefined) {
      if (fenceMatch && fenceMatch[1]![0] === fence[0] && fenceMatch[1]!.length >= fence.length) fence = undefined;
      return line;
    }
    if (fenceMatch) {
      fence = fenceMatch[1]!;
      return line;
    }
    if (/^\s{0,3}\$\$/.test(line)) {
      // A line that opens or closes a display block; `$$ x $$` on one line does both.
      const count = (line.match(/\$\$/g) ?? []).length;
      if (count % 2 === 1) display = !display;
      return line;
    }
    if (display || /^( {4}|\t)/.test(line) || !line.includes('$')) return line;
    const positions = loneDollars(line);
    if (positions.length === 0) return line;
    inserted.set(lineIndex + 1, positions);
    let result = '';
    let last = 0;
    for (const position of positions) {
      result += `${line.slice(last, position)}\\`;
      last = position;
    }
    return result + line.slice(last);
  });
  if (inserted.size === 0) return { text: markdown, locate: identity };
  return {
    text: out.join('\n'),
    locate: (line, column) => {
      const positions = inserted.get(line);
      if (!positions) return { line, column };
      let shift = 0;
      for (const position of positions) if (position + shift + 1 < column) shift += 1;
      return { line, column: column - shift };
    },
  };
}

/** 0-based indexes of the `$` in one line that are not part of inline maths. */
function loneDollars(line: string): number[] {
  const lone: number[] = [];
  let index = 0;
  const codeTicks = 0;
  while (index < line.length) {
    const char = line[index]!;
    if (char === '\\') {
      index += 2;
      continue;
    }
    if (char === '`') {
      let run = 0;
      while (line[index + run] === '`') run += 1;
      const close = line.indexOf('`'.repeat(run), index + run);
      if (close !== -1 && codeTicks === 0) {
        index = close + run;
        continue;
      }
      index += run;
      continue;
    }
    if (char !== '$') {
      index += 1;
      continue;
    }
    if (line[index + 1] === '$') {
      // Inline `$$…$$`: leave to remark-math.
      const close = line.indexOf('$$', index + 2);
      index = close === -1 ? index + 2 : close + 2;
      continue;
    }
    const next = line[index + 1];
    let closing = -1;
    if (next !== undefined && !/\s/.test(next)) {
      for (let probe = index + 1; probe < line.length; probe += 1) {
        if (line[probe] === '\\') {
          probe += 1;
          continue;
        }
        if (line[probe] !== '$') continue;
        if (!/\s/.test(line[probe - 1]!) && !/\d/.test(line[probe + 1] ?? '') && line[probe + 1] !== '$') {
          // A price and the formula after it (“$45。公式 $E=mc^2$”): Chinese sentence punctuation is not maths.
          if (!/[，。；！？、]/.test(line.slice(index + 1, probe))) closing = probe;
          break;
        }
      }
    }
    if (closing === -1) {
      lone.push(index);
      index += 1;
    } else {
      index = closing + 1;
    }
  }
  return lone;
}

// ----------------------------------------------------------------- helpers -----

function hNode(
  hName: string,
  className: string | undefined,
  children: PhrasingContent[],
  extra: Record<string, unknown> = {},
): PhrasingContent {
  return {
    type: 'emphasis',
    data: { hName, hProperties: { ...(className ? { className: [className] } : {}), ...extra } },
    children,
  };
}

function block(hName: string, className: string, children: BlockContent[]): BlockContent {
  return { type: 'blockquote', data: { hName, hProperties: { className: [className] } }, children };
}

// ------------------------------------------------------------------ alerts -----

const ALERTS: Record<string, string> = {
  NOTE: '说明',
  TIP: '提示',
  IMPORTANT: '重要',
  WARNING: '警告',
  CAUTION: '注意',
};
const ALERT_MARK = /^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*(?:\n|$)/i;

function rewriteAlerts(tree: Root): void {
  visit(tree, 'blockquote', (node, index, parent) => {
    if (!parent || index === undefined) return undefined;
    const first = node.children[0];
    if (first?.type !== 'paragraph') return undefined;
    const lead = first.children[0];
    if (lead?.type !== 'text') return undefined;
    const match = ALERT_MARK.exec(lead.value);
    if (!match) return undefined;
    const kind = match[1]!.toUpperCase();
    const rest = lead.value.slice(match[0].length);
    const paragraphChildren = [...(rest === '' ? [] : [{ ...lead, value: rest } as Text]), ...first.children.slice(1)];
    // A line break right after the marker leaves a `break` first.
    while (paragraphChildren[0]?.type === 'break') paragraphChildren.shift();
    const body = [
      ...(paragraphChildren.length > 0 ? [{ ...first, children: paragraphChildren } as Paragraph] : []),
      ...node.children.slice(1),
    ] as BlockContent[];
    const title: Paragraph = {
      type: 'paragraph',
      data: { hName: 'p', hProperties: { className: ['mp-alert-title', `mp-alert-title-${kind.toLowerCase()}`] } },
      children: [{ type: 'text', value: ALERTS[kind]! }],
    };
    (parent.children as RootContent[])[index] = block('section', `mp-alert-${kind.toLowerCase()}`, [
      title,
      ...body,
    ]) as RootContent;
    return SKIP;
  });
}

// ------------------------------------------------------- inline text syntax -----

interface InlinePattern {
  pattern: RegExp;
  build: (match: RegExpExecArray) => PhrasingContent;
}

const INLINE: InlinePattern[] = [
  // [茗]{míng} and [茗]^(míng)
  {
    pattern: /\[([^[\]\n]+)\](?:\{([^{}\n]+)\}|\^\(([^()\n]+)\))/g,
    build: (match) => ({
      type: 'emphasis',
      data: { hName: 'ruby', hProperties: {} },
      children: [
        { type: 'text', value: match[1]! },
        hNode('rt', 'mp-ruby-text', [{ type: 'text', value: (match[2] ?? match[3])! }]),
      ],
    }),
  },
  {
    pattern: /(?<![A-Za-z0-9=])==(?=\S)([^=\n]*?\S)==/g,
    build: (match) => hNode('span', 'mp-highlight', [{ type: 'text', value: match[1]! }]),
  },
  {
    pattern: /(?<![A-Za-z0-9+])\+\+(?=\S)([^+\n]*?\S)\+\+/g,
    build: (match) => hNode('span', 'mp-underline', [{ type: 'text', value: match[1]! }]),
  },
];

function rewriteInlineText(tree: Root): void {
  visit(tree, 'text', (node, index, parent) => {
    if (!parent || index === undefined) return undefined;
    if (!/[[=+]/.test(node.value)) return undefined;
    let pieces: PhrasingContent[] = [node];
    for (const { pattern, build } of INLINE) {
      pieces = pieces.flatMap((piece) => {
        if (piece.type !== 'text') return [piece];
        const out: PhrasingContent[] = [];
        let last = 0;
        pattern.lastIndex = 0;
        for (let match = pattern.exec(piece.value); match; match = pattern.exec(piece.value)) {
          if (match.index > last) out.push({ type: 'text', value: piece.value.slice(last, match.index) });
          out.push(build(match));
          last = match.index + match[0].length;
        }
        if (out.length === 0) return [piece];
        if (last < piece.value.length) out.push({ type: 'text', value: piece.value.slice(last) });
        return out;
      });
    }
    if (pieces.length === 1 && pieces[0] === node) return undefined;
    (parent.children as PhrasingContent[]).splice(index, 1, ...pieces);
    return [SKIP, index + pieces.length];
  });
}

// --------------------------------------------------------------------- TOC -----

function rewriteToc(tree: Root): void {
  const isToc = (node: RootContent) =>
    node.type === 'paragraph' &&
    node.children.length === 1 &&
    node.children[0]!.type === 'text' &&
    /^\s*\[TOC\]\s*$/i.test(node.children[0]!.value);
  if (!tree.children.some(isToc)) return;
  const headings = tree.children.filter(
    (node): node is Heading => node.type === 'heading' && node.depth >= 2 && node.depth <= 3,
  );
  tree.children = tree.children.map((node) => {
    if (!isToc(node)) return node;
    const items = headings.map(
      (heading): BlockContent => ({
        type: 'paragraph',
        data: { hName: 'p', hProperties: { className: [heading.depth === 2 ? 'mp-toc-item' : 'mp-toc-subitem'] } },
        children: [{ type: 'text', value: plainText(heading).trim() }],
      }),
    );
    return block('section', 'mp-toc', [
      {
        type: 'paragraph',
        data: { hName: 'p', hProperties: { className: ['mp-toc-title'] } },
        children: [{ type: 'text', value: '目录' }],
      },
      ...items,
    ]) as RootContent;
  });
}

// ------------------------------------------------------------------ images -----

function rewriteImageWidths(tree: Root): void {
  visit(tree, 'image', (node: Image) => {
    const match = /^(.*?)\s*\|\s*(\d{1,4})(%|px)?\s*$/.exec(node.alt ?? '');
    if (!match) return;
    node.alt = match[1]!;
    const width = `${match[2]}${match[3] ?? 'px'}`;
    node.data = { ...node.data, hProperties: { ...(node.data?.hProperties ?? {}), style: `width: ${width};` } };
  });
}

/** `<![a](1.png),![b](2.png)>` alone in a paragraph. */
function rewriteGalleries(tree: Root): void {
  visit(tree, 'paragraph', (node, index, parent) => {
    if (!parent || index === undefined) return undefined;
    const children = node.children;
    const first = children[0];
    const last = children.at(-1);
    if (
      first?.type !== 'text' ||
      last?.type !== 'text' ||
      !/^\s*<$/.test(first.value) ||
      !/^>\s*$/.test(last.value) ||
      children.length < 3
    )
      return undefined;
    const middle = children.slice(1, -1);
    const images = middle.filter((child): child is Image => child.type === 'image');
    const separatorsOnly = middle.every(
      (child) => child.type === 'image' || (child.type === 'text' && /^\s*[,，]\s*$/.test(child.value)),
    );
    if (images.length === 0 || !separatorsOnly) return undefined;
    const slides = images.map((image) => hNode('section', 'mp-gallery-slide', [image]));
    (parent.children as RootContent[])[index] = {
      type: 'paragraph',
      data: { hName: 'section', hProperties: { className: ['mp-gallery'] } },
      children: slides,
    } as Paragraph;
    return SKIP;
  });
}

// ------------------------------------------------------------------- links -----

/** Chinese (full-width) punctuation: never part of an address written bare in a sentence. */
const CJK_PUNCTUATION = /[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65“”‘’…—]/u;

/**
 * GFM autolink literals run on to the next space, and Chinese puts none after an address:
 * `www.example.com/tea。下一句` would link "tea。下一句". The address ends at the first Chinese
 * punctuation mark; the rest goes back to the sentence. (Chinese letters stay: wiki addresses have them.)
 */
function trimAutolinkPunctuation(tree: Root): void {
  visit(tree, 'link', (node: Link, index, parent) => {
    if (!parent || index === undefined || node.children.length !== 1 || node.children[0]!.type !== 'text')
      return undefined;
    const label = node.children[0] as Text;
    const bare =
      node.url === label.value || node.url === `http://${label.value}` || node.url === `mailto:${label.value}`;
    if (!bare) return undefined;
    const cut = label.value.search(CJK_PUNCTUATION);
    if (cut <= 0) return undefined;
    const rest = label.value.slice(cut);
    label.value = label.value.slice(0, cut);
    node.url = node.url.slice(0, node.url.length - rest.length);
    (parent.children as PhrasingContent[]).splice(index + 1, 0, { type: 'text', value: rest });
    return undefined;
  });
}

// ------------------------------------------------------------------ breaks -----

function keepLineBreaks(tree: Root): void {
  visit(tree, 'text', (node, index, parent) => {
    if (!parent || index === undefined || !node.value.includes('\n')) return undefined;
    const parts = node.value.split(/[ \t]*\n[ \t]*/);
    const out: PhrasingContent[] = [];
    parts.forEach((part, partIndex) => {
      if (partIndex > 0) out.push({ type: 'break' });
      if (part !== '') out.push({ type: 'text', value: part });
    });
    (parent.children as PhrasingContent[]).splice(index, 1, ...out);
    return [SKIP, index + out.length];
  });
}

export interface ExtensionOptions {
  /** Keep single line breaks inside paragraphs (doocs' "breaks"); default false, as CommonMark. */
  breaks?: boolean;
}

/**
 * Applies every rewrite above, in place, before the WeChat link rewrites. `source` is the
 * Markdown the tree was parsed from: a rewrite whose syntax does not occur in it is skipped, so
 * an ordinary article costs no extra walk of its tree.
 */
export function applyMarkdownExtensions(tree: Root, source: string, options: ExtensionOptions = {}): void {
  if (source.includes('[!')) rewriteAlerts(tree);
  if (/\[TOC\]/i.test(source)) rewriteToc(tree);
  if (source.includes('<![')) rewriteGalleries(tree);
  if (source.includes('|') && source.includes('![')) rewriteImageWidths(tree);
  if (
    /(?:https?:\/\/|www\.|@)[^\s]*[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65“”‘’…—]/u.test(
      source,
    )
  )
    trimAutolinkPunctuation(tree);
  if (/\]\{|\]\^\(|==|\+\+/.test(source)) rewriteInlineText(tree);
  if (options.breaks) keepLineBreaks(tree);
}
