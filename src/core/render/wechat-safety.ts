/**
 * Does this HTML survive the WeChat editor and `draft/add` as it is? The editor keeps only
 * inline styles: `<style>` and `<script>` elements, `id`, `class` and event attributes are
 * stripped, so anything styled through them loses its look, and a body link may only point to
 * another WeChat article (bare `#anchor` links stop the draft from saving). The renderer's
 * output must pass; the publisher can run the same check on what it is about to send.
 */
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { text, type LocalizedText } from '../i18n/language.ts';
import { FORBIDDEN_ELEMENTS } from './inline-styles.ts';
import { classifyLink } from './wechat-links.ts';
import { WECHAT_LIMITS } from '../wechat/limits.ts';

/** `draft/add` takes a body under 20,000 characters (wechat-api.md). */
export const WECHAT_CONTENT_MAX_CHARS = WECHAT_LIMITS.bodyMaxChars;

export type SafetyProblemKind =
  | 'forbidden-element'
  | 'forbidden-attribute'
  | 'class-styling'
  | 'link'
  | 'dropped-style';

export interface SafetyProblem {
  kind: SafetyProblemKind;
  /** The element, e.g. `<a>`. */
  element: string;
  /** The offending attribute, element or value. */
  detail: string;
  message: LocalizedText;
}

// WeChat drops `position` (and with it anything laid out by it); CSS variables have no sheet to resolve against.
const DROPPED_DECLARATION = /(^|;)\s*position\s*:|var\(--/i;

/** Every reason the HTML would lose its look or fail to save in WeChat; empty when it is safe. */
export function findWeChatSafetyProblems(html: string | Root): SafetyProblem[] {
  const problems: SafetyProblem[] = [];
  const tree = typeof html === 'string' ? fromHtml(html, { fragment: true }) : html;
  visit(tree, 'element', (node: Element) => {
    const tag = `<${node.tagName}>`;
    if (FORBIDDEN_ELEMENTS.has(node.tagName)) {
      problems.push({
        kind: 'forbidden-element',
        element: tag,
        detail: node.tagName,
        message: text(`${tag} 元素会被微信编辑器删除。`, `The WeChat editor removes ${tag} elements.`),
      });
    }
    for (const [name, value] of Object.entries(node.properties)) {
      if (name === 'className') {
        problems.push({
          kind: 'class-styling',
          element: tag,
          detail: `class="${Array.isArray(value) ? value.join(' ') : String(value)}"`,
          message: text(
            `${tag} 带有 class：微信只保留行内样式，依赖 class 的样式会丢失。`,
            `${tag} has a class: WeChat keeps only inline styles, so styling by class is lost.`,
          ),
        });
      } else if (name === 'id' || /^on[A-Z]/.test(name) || /^on[a-z]/.test(name)) {
        const attribute = name === 'id' ? 'id' : name.toLowerCase();
        problems.push({
          kind: 'forbidden-attribute',
          element: tag,
          detail: attribute,
          message: text(
            `${tag} 的 ${attribute} 属性会被微信删除。`,
            `WeChat removes the ${attribute} attribute of ${tag}.`,
          ),
        });
      } else if (name === 'style' && DROPPED_DECLARATION.test(String(value))) {
        problems.push({
          kind: 'dropped-style',
          element: tag,
          detail: String(value),
          message: text(
            `${tag} 的样式里有 position 或 CSS 变量，微信会丢掉它们。`,
            `The style of ${tag} uses position or a CSS variable, which WeChat drops.`,
          ),
        });
      }
    }
    if (node.tagName === 'a') {
      const href = String(node.properties.href ?? '');
      if (classifyLink(href) !== 'wechat') {
        problems.push({
          kind: 'link',
          element: tag,
          detail: href,
          message: text(
            `正文链接只能指向微信文章（mp.weixin.qq.com），这里是“${href}”。`,
            `Body links may only point to WeChat articles (mp.weixin.qq.com); this one is "${href}".`,
          ),
        });
      }
    }
  });
  return problems;
}
