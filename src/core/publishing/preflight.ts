/**
 * What would go wrong in WeChat with an article that `mpflow check` accepts: found on the rendered
 * HTML, before anything is uploaded, so a doomed article costs no API call and leaves no record.
 *
 * - A body image that is neither a file next to the article (uploaded by the publisher) nor
 *   already on WeChat's image host is silently removed by draft/add (wechat-api.md: "images
 *   inside the article body must be these URLs, others are filtered out").
 * - draft/add refuses a body of 20,000 characters or 1 MB or more. Characters are the visible
 *   text (what the editor counts as 字数), including the notes and references the renderer adds;
 *   bytes are the HTML's, which the theme's inline styles make several times the Markdown's size.
 *   The docs say "content … 必须少于2万字符，小于1M，且此处会去除JS" (developers.weixin.qq.com,
 *   draft_add); the editor counts 正文字数 on the visible text and stops at 20,000, while the
 *   markup is what weighs the megabyte. Counting the HTML against 20,000 would refuse plain
 *   prose from about 4,400 characters (the sample's HTML is 2.4–6.6× its text), which the
 *   publisher sends without complaint.
 * - Anything the WeChat editor would strip (the renderer's own guarantee, checked again on what
 *   is actually sent).
 */
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { text, type LocalizedText } from '../i18n/language.ts';
import { findWeChatSafetyProblems, WECHAT_CONTENT_MAX_CHARS } from '../render/wechat-safety.ts';
import { isLocalImage } from '../render/wechat-links.ts';
import { megabytes, WECHAT_LIMITS } from '../wechat/limits.ts';

/** draft/add's content limit in bytes (wechat-api.md: "< 20,000 chars and < 1 MB"). */
export const WECHAT_CONTENT_MAX_BYTES = WECHAT_LIMITS.bodyMaxBytes;

/** Hosts of images WeChat itself serves (uploadimg answers and material URLs); they survive draft/add. */
const WECHAT_IMAGE_HOSTS = new Set(['mmbiz.qpic.cn', 'mmbiz.qlogo.cn', 'mmecoa.qpic.cn']);

function isWeChatHostedImage(src: string): boolean {
  try {
    return WECHAT_IMAGE_HOSTS.has(new URL(src.startsWith('//') ? `https:${src}` : src).hostname);
  } catch {
    return false;
  }
}

export interface ContentMeasure {
  /** Visible characters, white space not counted: what the editor shows as 字数 and draft/add limits. */
  characters: number;
  /** UTF-8 bytes of the HTML itself. */
  bytes: number;
}

function countVisible(tree: Root): number {
  let visible = 0;
  visit(tree, 'text', (node) => {
    visible += [...node.value.replace(/\s+/g, '')].length;
  });
  return visible;
}

/** The two sizes draft/add limits, measured the one way `render` and `publish` both use. */
export function measureContent(html: string, tree?: Root): ContentMeasure {
  // The tree the HTML was serialised from (renderArticle's `tree`) has the same text: no second parse.
  return {
    characters: countVisible(tree ?? fromHtml(html, { fragment: true })),
    bytes: Buffer.byteLength(html, 'utf8'),
  };
}

export interface PreflightOptions {
  /**
   * An image source that is fine although it is neither local nor on WeChat's host: `mpflow
   * render --image-base` writes such addresses on purpose, for pasting (the editor fetches them).
   */
  acceptImage?: (src: string) => boolean;
  /** The tree the HTML was serialised from (renderArticle's `tree`): spares parsing it again. */
  tree?: Root;
}

/**
 * Reasons not to send this rendered body to draft/add; empty when it may go. `mpflow render`
 * and `publish` both call this, so the two never disagree on a limit.
 */
export function preflightProblems(html: string, options: PreflightOptions = {}): LocalizedText[] {
  return preflight(html, options).problems;
}

/** preflightProblems and measureContent from one parse of the HTML (`mpflow render` wants both). */
export function preflight(
  html: string,
  options: PreflightOptions = {},
): ContentMeasure & { problems: LocalizedText[] } {
  const problems: LocalizedText[] = [];
  const remote = new Set<string>();
  const tree = options.tree ?? fromHtml(html, { fragment: true });
  const visible = countVisible(tree);
  if (visible >= WECHAT_CONTENT_MAX_CHARS) {
    problems.push(
      text(
        `排版后的正文有 ${visible} 个字（含注释和参考资料），微信要求少于 ${WECHAT_CONTENT_MAX_CHARS} 字：请拆成两篇或删减。`,
        `The rendered body has ${visible} characters (notes and references included); WeChat needs fewer than ${WECHAT_CONTENT_MAX_CHARS}: split or shorten the article.`,
      ),
    );
  }
  visit(tree, 'element', (node: Element) => {
    if (node.tagName !== 'img') return;
    const src = String(node.properties.src ?? '');
    if (src !== '' && !isLocalImage(src) && !isWeChatHostedImage(src) && !options.acceptImage?.(src)) remote.add(src);
  });
  for (const src of remote) {
    problems.push(
      text(
        `正文图片 ${src} 不在文章文件夹里，微信会把它从草稿中删掉：请把图片下载到文章文件夹，用相对路径引用。`,
        `The body image ${src} is not a file in the article's folder, so WeChat would remove it from the draft: download it into the article's folder and refer to it by a relative path.`,
      ),
    );
  }
  const bytes = Buffer.byteLength(html, 'utf8');
  if (bytes >= WECHAT_CONTENT_MAX_BYTES) {
    problems.push(
      text(
        `排版后的正文有 ${bytes} 字节，微信要求小于 ${WECHAT_CONTENT_MAX_BYTES} 字节（${megabytes(WECHAT_CONTENT_MAX_BYTES)}）：请拆成两篇或删减。`,
        `The rendered body is ${bytes} bytes; WeChat needs less than ${WECHAT_CONTENT_MAX_BYTES} bytes (${megabytes(WECHAT_CONTENT_MAX_BYTES)}): split or shorten the article.`,
      ),
    );
  }
  for (const problem of findWeChatSafetyProblems(tree)) {
    problems.push(
      text(
        `排版结果不适合微信：${problem.message.zh}`,
        `The rendered HTML does not suit WeChat: ${problem.message.en}`,
      ),
    );
  }
  return { problems, characters: visible, bytes };
}
