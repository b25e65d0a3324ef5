/**
 * Maths and Mermaid diagrams drawn at build time as inline SVG the WeChat editor keeps: no
 * `<style>`, no `<defs>`/`<use>`, no ids or references to them (the editor strips ids, so any
 * `url(#…)` would point nowhere), no CSS variables, no classes or data- attributes, and no wider
 * than the 677 px of a WeChat article column.
 *
 * MathJax (mathjax-full, lite adaptor, SVG output with fontCache "none": every glyph is its own
 * path) and beautiful-mermaid (no DOM needed) are imported only when an article uses them.
 */
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { Code, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { PLANTUML_NOT_DRAWN, UNDRAWN_DIAGRAM_LANGUAGES } from './undrawn-diagrams.ts';

/** A WeChat article column on a phone is at most this wide. */
export const MAX_SVG_WIDTH = 677;

export interface DiagramColours {
  background: string;
  text: string;
  accent: string;
}

// ------------------------------------------------------------------ maths -----

interface MathJaxConverter {
  convert(tex: string, display: boolean): string;
}

let mathJax: Promise<MathJaxConverter> | undefined;

async function loadMathJax(): Promise<MathJaxConverter> {
  const [{ mathjax }, { TeX }, { SVG }, { liteAdaptor }, { RegisterHTMLHandler }, { AllPackages }] = await Promise.all([
    import('mathjax-full/js/mathjax.js'),
    import('mathjax-full/js/input/tex.js'),
    import('mathjax-full/js/output/svg.js'),
    import('mathjax-full/js/adaptors/liteAdaptor.js'),
    import('mathjax-full/js/handlers/html.js'),
    import('mathjax-full/js/input/tex/AllPackages.js'),
  ]);
  const adaptor = liteAdaptor();
  RegisterHTMLHandler(adaptor);
  const document = mathjax.document('', {
    InputJax: new TeX({
      packages: AllPackages.filter((name: string) => name !== 'bussproofs'),
      formatError: (_jax: unknown, error: Error) => {
        throw error;
      },
    }),
    OutputJax: new SVG({ fontCache: 'none' }),
  });
  return {
    convert(tex, display) {
      const container = document.convert(tex, { display });
      return adaptor.innerHTML(container);
    },
  };
}

function svgElement(markup: string): Element | undefined {
  const tree = fromHtml(markup, { fragment: true });
  return tree.children.find((child): child is Element => child.type === 'element' && child.tagName === 'svg');
}

/** Removes what WeChat cannot keep from an SVG tree, in place; throws on what cannot be fixed. */
function cleanSvg(svg: Element, resolveColour: (value: string) => string): void {
  visit(svg, 'element', (node, index, parent) => {
    if (
      (node.tagName === 'style' || node.tagName === 'defs' || node.tagName === 'title' || node.tagName === 'desc') &&
      parent &&
      index !== undefined
    ) {
      parent.children.splice(index, 1);
      return index;
    }
    for (const [name, value] of Object.entries(node.properties)) {
      if (
        name === 'id' ||
        name === 'className' ||
        name.startsWith('data') ||
        name.startsWith('aria') ||
        name.startsWith('marker') ||
        /^on[A-Za-z]/.test(name) ||
        name === 'xmlnsXLink'
      ) {
        delete node.properties[name];
        continue;
      }
      if (typeof value === 'string' && value.includes('var(')) node.properties[name] = resolveColour(value);
      if (typeof value === 'string' && value.includes('url(')) delete node.properties[name];
    }
    return undefined;
  });
}

function inlineSvg(svg: Element, style: string): Element {
  const existing = typeof svg.properties.style === 'string' ? `${svg.properties.style.replace(/;?\s*$/, ';')} ` : '';
  svg.properties.style = `${existing}${style}`;
  return svg;
}

// ----------------------------------------------------------------- mermaid -----

interface Rgb {
  r: number;
  g: number;
  b: number;
}

function rgb(hex: string): Rgb {
  const value = hex.replace('#', '');
  const full = value.length === 3 ? [...value].map((char) => char + char).join('') : value;
  return { r: parseInt(full.slice(0, 2), 16), g: parseInt(full.slice(2, 4), 16), b: parseInt(full.slice(4, 6), 16) };
}

/** `color-mix(in srgb, a p%, b)`. */
function mix(a: string, percent: number, b: string): string {
  const x = rgb(a);
  const y = rgb(b);
  const channel = (p: number, q: number) =>
    Math.round(p * (percent / 100) + q * (1 - percent / 100))
      .toString(16)
      .padStart(2, '0');
  return `#${channel(x.r, y.r)}${channel(x.g, y.g)}${channel(x.b, y.b)}`;
}

/** The colours beautiful-mermaid derives from --bg and --fg (see its SVG's <style>), resolved. */
function mermaidPalette(colours: DiagramColours): Record<string, string> {
  const { background: bg, text: fg, accent } = colours;
  return {
    '--bg': bg,
    '--fg': fg,
    '--_text': fg,
    '--_text-sec': mix(fg, 60, bg),
    '--_text-muted': mix(fg, 40, bg),
    '--_text-faint': mix(fg, 25, bg),
    '--_line': mix(fg, 50, bg),
    '--_arrow': accent,
    '--_node-fill': mix(fg, 3, bg),
    '--_node-stroke': mix(fg, 20, bg),
    '--_group-fill': bg,
    '--_group-hdr': mix(fg, 5, bg),
    '--_inner-stroke': mix(fg, 12, bg),
    '--_key-badge': mix(fg, 10, bg),
  };
}

/** An arrowhead drawn where a marker-end would have been: markers need ids. */
function arrowHead(points: string, colour: string): Element | undefined {
  const pairs = points
    .trim()
    .split(/\s+/)
    .map((pair) => pair.split(',').map(Number) as [number, number]);
  if (pairs.length < 2) return undefined;
  const [x1, y1] = pairs.at(-2)!;
  const [x2, y2] = pairs.at(-1)!;
  const angle = Math.atan2(y2 - y1, x2 - x1);
  const length = 8;
  const half = 2.5;
  const round = (value: number) => Math.round(value * 100) / 100;
  const back = { x: x2 - length * Math.cos(angle), y: y2 - length * Math.sin(angle) };
  const left = { x: back.x + half * Math.sin(angle), y: back.y - half * Math.cos(angle) };
  const right = { x: back.x - half * Math.sin(angle), y: back.y + half * Math.cos(angle) };
  return {
    type: 'element',
    tagName: 'polygon',
    properties: {
      points: `${round(x2)},${round(y2)} ${round(left.x)},${round(left.y)} ${round(right.x)},${round(right.y)}`,
      fill: colour,
      stroke: colour,
    },
    children: [],
  };
}

type MermaidRenderer = (source: string, options: Record<string, unknown>) => string | Promise<string>;
let mermaid: Promise<MermaidRenderer> | undefined;

async function loadMermaid(): Promise<MermaidRenderer> {
  const module = await import('beautiful-mermaid');
  return module.renderMermaidSVG as unknown as MermaidRenderer;
}

export class DiagramError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.name = 'DiagramError';
    this.line = line;
  }
}

async function mermaidSvg(source: string, colours: DiagramColours): Promise<Element> {
  mermaid ??= loadMermaid();
  const render = await mermaid;
  const markup = await render(source, {
    bg: colours.background,
    fg: colours.text,
    accent: colours.accent,
    font: 'PingFang SC, sans-serif',
    transparent: true,
  });
  const svg = svgElement(markup);
  if (!svg) throw new Error('beautiful-mermaid returned no SVG');
  const palette = mermaidPalette(colours);
  const resolve = (value: string) =>
    value.replace(/var\((--[\w-]+)\)/g, (_whole, name: string) => palette[name] ?? colours.text);
  // Arrowheads first, while the marker attributes are still there.
  visit(svg, 'element', (node, index, parent) => {
    const marker = node.properties.markerEnd;
    if (
      typeof marker === 'string' &&
      marker.includes('url(') &&
      typeof node.properties.points === 'string' &&
      parent &&
      index !== undefined
    ) {
      const head = arrowHead(node.properties.points, resolve(String(node.properties.stroke ?? palette['--_arrow']!)));
      if (head) parent.children.splice(index + 1, 0, head);
      return index + 2;
    }
    return undefined;
  });
  cleanSvg(svg, resolve);
  const width = Number(svg.properties.width);
  const height = Number(svg.properties.height);
  if (Number.isFinite(width) && width > MAX_SVG_WIDTH && Number.isFinite(height)) {
    svg.properties.width = String(MAX_SVG_WIDTH);
    svg.properties.height = String(Math.round((height * MAX_SVG_WIDTH) / width));
  }
  delete svg.properties.style;
  return inlineSvg(svg, 'display: block; max-width: 100%; height: auto; margin: 0 auto;');
}

// --------------------------------------------------------------- the pass -----

export interface FigureOptions {
  colours: DiagramColours;
}

/** Problems the writer must fix: a formula MathJax cannot read, a diagram Mermaid cannot parse. */
export interface FigureProblem {
  line: number;
  column: number;
  message: { zh: string; en: string };
  /** render/figure: could not be drawn; render/diagram-not-drawn: no renderer for the language. */
  rule?: 'render/figure' | 'render/diagram-not-drawn';
}

/**
 * Replaces maths nodes (remark-math) and ```mermaid code blocks by inline SVG, in place. Does
 * nothing — and imports nothing — when the article has neither. A formula or diagram that
 * cannot be drawn stays as code and is returned as a problem.
 */
export async function drawFigures(tree: Root, options: FigureOptions): Promise<FigureProblem[]> {
  const maths: Array<{
    node: { type: string; value: string; data?: Record<string, unknown>; position?: Code['position'] };
    display: boolean;
  }> = [];
  const diagrams: Code[] = [];
  const undrawn: Code[] = [];
  visit(tree, (node) => {
    if (node.type === 'inlineMath' || node.type === 'math')
      maths.push({ node: node as never, display: node.type === 'math' });
    else if (node.type === 'code' && (node.lang === 'mermaid' || node.lang === 'mmd')) diagrams.push(node);
    else if (node.type === 'code' && node.lang && UNDRAWN_DIAGRAM_LANGUAGES.has(node.lang.toLowerCase()))
      undrawn.push(node);
  });
  const problems: FigureProblem[] = [];
  const where = (node: { position?: Code['position'] }) => ({
    line: node.position?.start.line ?? 1,
    column: node.position?.start.column ?? 1,
  });
  for (const node of undrawn)
    problems.push({ ...where(node), message: PLANTUML_NOT_DRAWN, rule: 'render/diagram-not-drawn' });
  if (maths.length > 0) {
    mathJax ??= loadMathJax();
    const converter = await mathJax;
    for (const { node, display } of maths) {
      let svg: Element | undefined;
      try {
        svg = svgElement(converter.convert(node.value, display));
      } catch (error) {
        problems.push({
          ...where(node),
          message: {
            zh: `公式读不懂（${(error as Error).message}），按原文显示。`,
            en: `The formula cannot be read (${(error as Error).message}); it is shown as written.`,
          },
        });
      }
      if (!svg) {
        node.data = { hName: display ? 'pre' : 'code', hChildren: [{ type: 'text', value: node.value }] };
        continue;
      }
      cleanSvg(svg, (value) => value);
      // MathJax sizes in ex and aligns with vertical-align; both survive the editor.
      const styled = inlineSvg(
        svg,
        display ? 'display: inline-block; max-width: 100%; overflow-x: auto;' : 'display: inline;',
      );
      node.data = {
        hName: display ? 'section' : 'span',
        hProperties: { className: [display ? 'mp-math-block' : 'mp-math-inline'] },
        hChildren: [styled] as ElementContent[],
      };
    }
  }
  for (const node of diagrams) {
    try {
      const svg = await mermaidSvg(node.value, options.colours);
      const replacement = {
        type: 'paragraph',
        data: { hName: 'section', hProperties: { className: ['mp-diagram'] }, hChildren: [svg] },
        children: [],
      };
      Object.assign(node, replacement);
    } catch (error) {
      problems.push({
        ...where(node),
        message: {
          zh: `Mermaid 图画不出来（${(error as Error).message.split('\n')[0]}），按代码显示。`,
          en: `The Mermaid diagram cannot be drawn (${(error as Error).message.split('\n')[0]}); it is shown as code.`,
        },
      });
    }
  }
  return problems;
}

export type { HastRoot };
