/**
 * Turns the classed tree into what the WeChat editor keeps: the theme's CSS inlined into
 * `style` attributes (style-sheet.ts), then every attribute other than the few the editor needs
 * (style, href, src, alt, colspan, rowspan) removed — classes, ids, data-, aria- and event
 * attributes included — and any element that carries code or a style sheet dropped.
 */
import type { Element, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import { applyStyleSheet, type StyleSheet } from './style-sheet.ts';

/** hast property names of the attributes that survive, for every element. */
const KEPT_PROPERTIES = new Set(['style', 'href', 'src', 'alt', 'colSpan', 'rowSpan']);

/** Elements the editor strips (or that would run code); the renderer never makes them, so they only come from bugs. */
export const FORBIDDEN_ELEMENTS = new Set([
  'style',
  'script',
  'link',
  'meta',
  'iframe',
  'object',
  'embed',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'noscript',
  'template',
  'base',
]);

export function inlineStyles(tree: Root, sheet: StyleSheet): void {
  applyStyleSheet(tree, sheet);
  visit(tree, 'element', (node: Element, index, parent) => {
    if (FORBIDDEN_ELEMENTS.has(node.tagName) && parent && index !== undefined) {
      parent.children.splice(index, 1);
      return [SKIP, index];
    }
    if (node.tagName === 'svg') {
      // Maths and diagrams (figures-svg.ts): drawing attributes are their content; they carry no class or id.
      visit(node, 'element', (part: Element) => {
        delete part.properties.className;
        delete part.properties.id;
      });
      return SKIP;
    }
    for (const name of Object.keys(node.properties)) if (!KEPT_PROPERTIES.has(name)) delete node.properties[name];
    // A token span whose class had no colour is left with nothing: keep only its text.
    if (node.tagName === 'span' && Object.keys(node.properties).length === 0 && parent && index !== undefined) {
      parent.children.splice(index, 1, ...node.children);
      return [SKIP, index];
    }
    return undefined;
  });
}
