/**
 * The Markdown-level rewrites WeChat needs, on the mdast before it becomes HTML:
 *
 * - Links. A WeChat article body may only link to other WeChat articles (mp.weixin.qq.com);
 *   every other link becomes its text plus a numbered marker [n], and the addresses are listed
 *   under 参考资料 at the end, one entry per address however often it is linked. Bare `#anchor`
 *   links make the draft fail to save, so they are dropped, keeping their text; so are links to
 *   files next to the article, which mean nothing in WeChat.
 * - Footnotes (GFM). Footnote links are `#anchor` links too, so references become plain
 *   superscript markers and the notes are listed under 注释, numbered in order of first use.
 * - Images. Local sources are collected for upload and replaced by their uploaded address.
 *
 * Reference-style links and images ([text][id], ![alt][id]) are resolved first, so they follow
 * the same rules as inline ones.
 */
import path from 'node:path';
import type {
  BlockContent,
  Definition,
  FootnoteDefinition,
  Image,
  Link,
  Nodes,
  Parent,
  PhrasingContent,
  Root,
  RootContent,
  Text,
} from 'mdast';
import { SKIP, visit } from 'unist-util-visit';

export interface ArticleImage {
  /** The source as written in the Markdown. */
  src: string;
  alt: string;
  /** Resolved against the article's folder, when the renderer was given one. */
  absolutePath?: string;
}

export interface ArticleReference {
  number: number;
  url: string;
  /** The text of the first link to this address. */
  text: string;
}

export type LinkKind = 'wechat' | 'external' | 'anchor' | 'local';

const WECHAT_HOST = 'mp.weixin.qq.com';

/** What WeChat can do with a link: keep it (another WeChat article), cite it, or drop it. */
export function classifyLink(url: string): LinkKind {
  const trimmed = url.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return 'anchor';
  if (!/^[a-z][a-z0-9+.-]*:/i.test(trimmed) && !trimmed.startsWith('//')) return 'local';
  let parsed: URL;
  try {
    parsed = new URL(trimmed.startsWith('//') ? `https:${trimmed}` : trimmed);
  } catch {
    return 'local';
  }
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:')
    return parsed.hostname === WECHAT_HOST ? 'wechat' : 'external';
  if (parsed.protocol === 'mailto:' || parsed.protocol === 'tel:') return 'external';
  // javascript:, data:, file: and the like have no place in an article.
  return 'local';
}

/** A source that names a file next to the article rather than an address on the web. */
export function isLocalImage(src: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(src) && !src.startsWith('//');
}

export function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string' && node.type !== 'html') return node.value;
  if (node.type === 'image' || node.type === 'imageReference') return node.alt ?? '';
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('');
  return '';
}

/** A phrasing node that remark-rehype turns into `<tag class="…">`. */
function marker(tag: string, className: string, value: string): PhrasingContent {
  return {
    type: 'emphasis',
    data: { hName: tag, hProperties: { className: [className] } },
    children: [{ type: 'text', value }],
  };
}

/** A block node that remark-rehype turns into `<tag class="…">children</tag>`. */
function container(tag: string, className: string, children: BlockContent[]): BlockContent {
  return { type: 'blockquote', data: { hName: tag, hProperties: { className: [className] } }, children };
}

function normalizeIdentifier(identifier: string): string {
  return identifier.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** [text][id] and ![alt][id] become ordinary links and images; their definitions go. */
function resolveReferences(tree: Root): void {
  const definitions = new Map<string, Definition>();
  let references = false;
  visit(tree, (node) => {
    if (node.type === 'linkReference' || node.type === 'imageReference') references = true;
    if (node.type !== 'definition') return;
    const key = normalizeIdentifier(node.identifier);
    if (!definitions.has(key)) definitions.set(key, node);
  });
  // Most articles have neither: skip the second walk.
  if (!references && definitions.size === 0) return;
  visit(tree, (node, index, parent) => {
    if (!parent || index === undefined) return;
    if (node.type === 'definition') {
      parent.children.splice(index, 1);
      return [SKIP, index];
    }
    if (node.type !== 'linkReference' && node.type !== 'imageReference') return;
    const definition = definitions.get(normalizeIdentifier(node.identifier));
    if (!definition) {
      // No definition: CommonMark shows the brackets as text.
      const text = node.type === 'imageReference' ? `![${node.alt ?? ''}]` : `[${plainText(node)}]`;
      parent.children.splice(index, 1, { type: 'text', value: text } as Text);
      return [SKIP, index + 1];
    }
    const replacement: Link | Image =
      node.type === 'linkReference'
        ? { type: 'link', url: definition.url, title: definition.title, children: node.children }
        : { type: 'image', url: definition.url, title: definition.title, alt: node.alt };
    (parent.children as Nodes[])[index] = replacement;
    return undefined;
  });
}

export interface LinkRewriteOptions {
  articleDir?: string;
  imageUrl?: (src: string) => string | undefined;
  /** Headings of the two lists at the end. */
  labels: { notes: string; references: string };
}

export interface LinkRewriteResult {
  images: ArticleImage[];
  references: ArticleReference[];
  /** Adds an image found later (in raw HTML) to `images` and returns the address to write. */
  addImage: (src: string, alt: string) => string;
}

/**
 * Rewrites the tree in place for WeChat and returns the images to upload and the references.
 * The notes and references lists are appended to the end of the tree.
 */
export function rewriteForWeChat(tree: Root, options: LinkRewriteOptions): LinkRewriteResult {
  resolveReferences(tree);
  const notes = collectFootnotes(tree);

  const images: ArticleImage[] = [];
  const seenImages = new Set<string>();
  const references: ArticleReference[] = [];
  const referenceNumbers = new Map<string, number>();

  const rewrite = (root: Root) =>
    visit(root, (node, index, parent) => {
      if (node.type === 'image') {
        rewriteImage(node);
        return undefined;
      }
      if (node.type !== 'link' || !parent || index === undefined) return undefined;
      const kind = classifyLink(node.url);
      if (kind === 'wechat') return undefined;
      const replacement: PhrasingContent[] = [...node.children];
      if (kind === 'external') {
        const url = node.url.trim();
        let number = referenceNumbers.get(url);
        if (number === undefined) {
          number = references.length + 1;
          referenceNumbers.set(url, number);
          references.push({ number, url, text: plainText(node).trim() || url });
        }
        replacement.push(marker('sup', 'mp-ref-marker', `[${number}]`));
      }
      (parent.children as PhrasingContent[]).splice(index, 1, ...replacement);
      // Visit the link's own children where they now sit (they may hold images).
      return [SKIP, index];
    });

  const addImage = (src: string, alt: string): string => {
    if (!isLocalImage(src)) return src;
    if (!seenImages.has(src)) {
      seenImages.add(src);
      const image: ArticleImage = { src, alt };
      if (options.articleDir !== undefined) image.absolutePath = path.resolve(options.articleDir, decodePath(src));
      images.push(image);
    }
    return options.imageUrl?.(src) ?? src;
  };
  const rewriteImage = (node: Image) => {
    node.url = addImage(node.url, node.alt ?? '');
  };

  rewrite(tree);

  // The notes come after the body, so links inside them are numbered after the body's.
  if (notes.length > 0) {
    const items = notes.map(({ number, definition }): BlockContent => {
      const children = [...definition.children] as BlockContent[];
      const first = children[0];
      const label = marker('span', 'mp-appendix-number', `[注${number}]`);
      if (first?.type === 'paragraph') children[0] = { ...first, children: [label, ...first.children] };
      else children.unshift({ type: 'paragraph', children: [label] });
      return container('section', 'mp-appendix-item', children);
    });
    const section = container('section', 'mp-appendix', [
      {
        type: 'paragraph',
        data: { hName: 'p', hProperties: { className: ['mp-appendix-title'] } },
        children: [{ type: 'text', value: options.labels.notes }],
      },
      ...items,
    ]);
    rewrite({ type: 'root', children: [section] } as Root);
    tree.children.push(section as RootContent);
  }

  if (references.length > 0) {
    tree.children.push(
      container('section', 'mp-appendix', [
        {
          type: 'paragraph',
          data: { hName: 'p', hProperties: { className: ['mp-appendix-title'] } },
          children: [{ type: 'text', value: options.labels.references }],
        },
        ...references.map(
          (reference): BlockContent =>
            container('section', 'mp-appendix-item', [
              {
                type: 'paragraph',
                children: [
                  marker('span', 'mp-appendix-number', `[${reference.number}]`),
                  { type: 'text', value: reference.text === reference.url ? '' : `${reference.text}：` },
                  marker('span', 'mp-reference-url', reference.url),
                ],
              },
            ]),
        ),
      ]) as RootContent,
    );
  }
  return { images, references, addImage };
}

function decodePath(src: string): string {
  const withoutQuery = src.split(/[?#]/)[0] ?? src;
  try {
    return decodeURIComponent(withoutQuery);
  } catch {
    return withoutQuery;
  }
}

interface Note {
  number: number;
  definition: FootnoteDefinition;
}

/**
 * Footnote references become superscript markers numbered by first use; the definitions leave
 * the body and are returned in that order. Definitions nobody refers to are dropped, as GFM does.
 */
function collectFootnotes(tree: Root): Note[] {
  const definitions = new Map<string, FootnoteDefinition>();
  visit(tree, 'footnoteDefinition', (node, index, parent) => {
    const key = normalizeIdentifier(node.identifier);
    if (!definitions.has(key)) definitions.set(key, node);
    if (parent && index !== undefined) {
      parent.children.splice(index, 1);
      return [SKIP, index];
    }
    return undefined;
  });
  const numbers = new Map<string, number>();
  const notes: Note[] = [];
  const replaceReferences = (root: Parent) =>
    visit(root, 'footnoteReference', (node, index, parent) => {
      if (!parent || index === undefined) return undefined;
      const key = normalizeIdentifier(node.identifier);
      const definition = definitions.get(key);
      if (!definition) {
        (parent.children as PhrasingContent[])[index] = { type: 'text', value: `[^${node.label ?? node.identifier}]` };
        return undefined;
      }
      let number = numbers.get(key);
      if (number === undefined) {
        number = notes.length + 1;
        numbers.set(key, number);
        notes.push({ number, definition });
      }
      (parent.children as PhrasingContent[])[index] = marker('sup', 'mp-footnote-ref', `[注${number}]`);
      return undefined;
    });
  if (definitions.size === 0) return notes;
  replaceReferences(tree);
  // A note may cite another note; the list grows while it is walked.
  for (let index = 0; index < notes.length; index += 1) replaceReferences(notes[index]!.definition);
  return notes;
}
