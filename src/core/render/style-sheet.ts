/**
 * A small CSS inliner for the renderer's own style sheets (the themes and highlight.js styles):
 * rules of tag and class selectors joined by descendant combinators, applied by specificity and
 * source order as a browser (and juice) would. It exists because juice — a general inliner that
 * re-parses the CSS and queries the whole document once per selector — takes tens of
 * milliseconds per article, which the site's phone preview of every article cannot afford.
 * test/render/style-sheet.test.ts checks it against juice on the rich sample, element by element.
 *
 * Anything outside that subset (pseudo-classes, attribute selectors, other combinators,
 * at-rules) is refused when the sheet is parsed, so a theme cannot silently lose a rule.
 */
import type { Element, Root } from 'hast';

interface Compound {
  tag?: string;
  classes: string[];
}

interface Rule {
  /** Compounds from the outermost ancestor to the element itself. */
  compounds: Compound[];
  specificity: number;
  order: number;
  declarations: Array<[property: string, value: string]>;
}

export interface StyleSheet {
  /** Rules by the key of their last compound: `.class` (its first class) or the tag name. */
  byKey: Map<string, Rule[]>;
}

export class UnsupportedCssError extends Error {}

const COMPOUND = /^([a-z][a-z0-9]*)?((?:\.[\w-]+)*)$/i;

function parseCompound(text: string, selector: string): Compound {
  const match = COMPOUND.exec(text);
  if (!match || (match[1] === undefined && match[2] === ''))
    throw new UnsupportedCssError(`unsupported selector "${selector}"`);
  return {
    ...(match[1] ? { tag: match[1].toLowerCase() } : {}),
    classes: match[2] ? match[2].slice(1).split('.') : [],
  };
}

function parseDeclarations(block: string): Array<[string, string]> {
  const declarations: Array<[string, string]> = [];
  for (const part of block.split(';')) {
    const colon = part.indexOf(':');
    if (colon === -1) {
      if (part.trim() !== '') throw new UnsupportedCssError(`unreadable declaration "${part.trim()}"`);
      continue;
    }
    declarations.push([part.slice(0, colon).trim().toLowerCase(), part.slice(colon + 1).trim()]);
  }
  return declarations;
}

export interface ParseOptions {
  /** Rules of a higher layer beat any rule of a lower one, whatever their specificity. */
  layer?: number;
}

export function parseStyleSheet(css: string, options: ParseOptions = {}): StyleSheet {
  const layerBonus = (options.layer ?? 0) * 1_000_000;
  const source = css.replace(/\/\*[\s\S]*?\*\//g, '');
  if (source.includes('@')) throw new UnsupportedCssError('at-rules are not supported');
  const byKey = new Map<string, Rule[]>();
  const rule = /([^{}]+)\{([^{}]*)\}/g;
  let order = 0;
  let consumed = 0;
  for (let match = rule.exec(source); match; match = rule.exec(source)) {
    if (source.slice(consumed, match.index).trim() !== '')
      throw new UnsupportedCssError(`unreadable CSS near "${source.slice(consumed, match.index).trim().slice(0, 40)}"`);
    consumed = match.index + match[0].length;
    const declarations = parseDeclarations(match[2]!);
    for (const selector of match[1]!.split(',').map((part) => part.trim())) {
      const compounds = selector.split(/\s+/).map((part) => parseCompound(part, selector));
      const last = compounds.at(-1)!;
      const classes = compounds.reduce((sum, compound) => sum + compound.classes.length, 0);
      const tags = compounds.filter((compound) => compound.tag !== undefined).length;
      const key = last.classes.length > 0 ? `.${last.classes[0]}` : last.tag!;
      const list = byKey.get(key) ?? [];
      list.push({ compounds, specificity: layerBonus + classes * 1000 + tags, order: order++, declarations });
      byKey.set(key, list);
    }
  }
  if (source.slice(consumed).trim() !== '')
    throw new UnsupportedCssError(`unreadable CSS near "${source.slice(consumed).trim().slice(0, 40)}"`);
  return { byKey };
}

/** One sheet of both: `later`'s rules come after all of `first`'s in source order. */
export function mergeStyleSheets(first: StyleSheet, later: StyleSheet): StyleSheet {
  let offset = 0;
  for (const rules of first.byKey.values()) for (const rule of rules) offset = Math.max(offset, rule.order + 1);
  const byKey = new Map<string, Rule[]>();
  for (const [key, rules] of first.byKey) byKey.set(key, [...rules]);
  for (const [key, rules] of later.byKey)
    byKey.set(key, [...(byKey.get(key) ?? []), ...rules.map((rule) => ({ ...rule, order: rule.order + offset }))]);
  return { byKey };
}

function classList(node: Element): string[] {
  const value: unknown = node.properties.className;
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/\s+/).filter(Boolean) : [];
}

function matchesCompound(node: Element, classes: ReadonlySet<string>, compound: Compound): boolean {
  return (
    (compound.tag === undefined || compound.tag === node.tagName) && compound.classes.every((name) => classes.has(name))
  );
}

interface Ancestor {
  node: Element;
  classes: ReadonlySet<string>;
}

/** Whether the compounds before the last one match ancestors, innermost first (descendant combinators). */
function matchesAncestors(compounds: Compound[], ancestors: readonly Ancestor[]): boolean {
  let level = ancestors.length - 1;
  for (let index = compounds.length - 2; index >= 0; index -= 1) {
    while (level >= 0 && !matchesCompound(ancestors[level]!.node, ancestors[level]!.classes, compounds[index]!))
      level -= 1;
    if (level < 0) return false;
    level -= 1;
  }
  return true;
}

/** Parses a `style` attribute into declarations (our own output: no `;` inside values). */
function inlineDeclarations(style: unknown): Array<[string, string]> {
  return typeof style === 'string' ? parseDeclarations(style) : [];
}

/**
 * Writes every matching rule into the elements' `style` attributes: rules by specificity, then
 * source order; a declaration already in the attribute wins over the sheet, as inline styles do.
 * A property sits where its winning declaration was made (juice writes them in the same order).
 */
export function applyStyleSheet(tree: Root, sheet: StyleSheet): void {
  const ancestors: Ancestor[] = [];
  const visit = (node: Element) => {
    const classes = new Set(classList(node));
    const candidates = [
      ...(sheet.byKey.get(node.tagName) ?? []),
      ...[...classes].flatMap((name) => sheet.byKey.get(`.${name}`) ?? []),
    ];
    const matched = [...new Set(candidates)].filter(
      (rule) => matchesCompound(node, classes, rule.compounds.at(-1)!) && matchesAncestors(rule.compounds, ancestors),
    );
    if (matched.length > 0 || node.properties.style !== undefined) {
      matched.sort((a, b) => a.specificity - b.specificity || a.order - b.order);
      const values = new Map<string, string>();
      const set = (property: string, value: string) => {
        values.delete(property);
        values.set(property, value);
      };
      for (const rule of matched) for (const [property, value] of rule.declarations) set(property, value);
      for (const [property, value] of inlineDeclarations(node.properties.style)) set(property, value);
      if (values.size > 0)
        node.properties.style = [...values].map(([property, value]) => `${property}: ${value};`).join(' ');
    }
    ancestors.push({ node, classes });
    for (const child of node.children) if (child.type === 'element') visit(child);
    ancestors.pop();
  };
  for (const child of tree.children) if (child.type === 'element') visit(child);
}
