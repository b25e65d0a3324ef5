/**
 * The rendering themes for WeChat articles. A theme is plain CSS over the classes the renderer
 * puts on its output (all prefixed `mp-`) plus a highlight.js style for code tokens; the
 * renderer inlines both (style-sheet.ts) and then removes every class, so nothing here survives as a
 * selector — only as inline `style` attributes, which is all the WeChat editor keeps.
 *
 * Sizes follow what reads well on a phone in WeChat: 16 px body text, line-height 1.8 and a
 * little letter-spacing for Chinese, 13–15 px for secondary text.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { LocalizedText } from '../i18n/language.ts';
import { mergeStyleSheets, parseStyleSheet, type StyleSheet } from './style-sheet.ts';

const require = createRequire(import.meta.url);

export const THEME_NAMES = ['tea-green', 'ink'] as const;
export type ThemeName = (typeof THEME_NAMES)[number];

export interface RenderTheme {
  name: ThemeName;
  label: LocalizedText;
  description: LocalizedText;
  /** The highlight.js style (node_modules/highlight.js/styles/<name>.css) that colours code tokens. */
  codeStyle: string;
  css: string;
  /** The colours the CSS was made from (diagrams are drawn in them too). */
  palette: Palette;
  /** How code blocks are laid out (wechat-html.ts): the department's choice. */
  code: { macHeader: boolean; lineNumbers: boolean };
  /** Identifies the customisation, for caching parsed sheets; '' for a built-in theme as it is. */
  key: string;
  /** The department's own CSS (already checked, department-css.ts), inlined after the theme's. */
  departmentCss?: string;
}

export function isThemeName(name: string): name is ThemeName {
  return (THEME_NAMES as readonly string[]).includes(name);
}

// Unquoted family names (valid CSS identifiers): quotes would be escaped inside every style attribute.
export const FONT_BODY =
  '-apple-system, BlinkMacSystemFont, PingFang SC, Hiragino Sans GB, Microsoft YaHei, Noto Sans CJK SC, sans-serif';
export const FONT_SERIF = 'Songti SC, Noto Serif CJK SC, Source Han Serif SC, STSong, serif';
export const FONT_CODE = 'Menlo, Consolas, monospace';

export interface Palette {
  text: string;
  muted: string;
  accent: string;
  accentStrong: string;
  accentSoft: string;
  border: string;
  quoteText: string;
  codeBackground: string;
  codeText: string;
  inlineCodeBackground: string;
  inlineCodeText: string;
  /** List bullets and numbers, when the accent is too light for text (4.5:1 on white); else the accent. */
  marker?: string;
  /**
   * The code block's label and line numbers, when the block is dark and `muted` (a grey for white)
   * would be too faint on it; else `muted`. Only for the theme's own block colours.
   */
  codeMuted?: string;
  /** Only when it differs from the body's: every heading repeats it inline. */
  headingFont?: string;
  bodyFont: string;
  codeFont: string;
}

/** The parts both themes share: layout, spacing and the structure of lists, tables and figures. */
function baseCss(p: Palette): string {
  return `
.mp-article { font-family: ${p.bodyFont}; font-size: 16px; line-height: 1.8; letter-spacing: 0.5px; color: ${p.text}; text-align: justify; word-break: break-word; overflow-wrap: break-word; }
.mp-article p { margin: 0 0 1.2em 0; }
.mp-article strong { font-weight: bold; color: ${p.accentStrong}; }
.mp-article em { font-style: italic; }
.mp-article del { color: ${p.muted}; }
.mp-article a { color: ${p.accent}; text-decoration: none; border-bottom: 1px solid ${p.accent}; }
.mp-article hr { border: 0; border-top: 1px solid ${p.border}; margin: 2em 0; height: 0; }
${p.headingFont ? `.mp-article h1, .mp-article h2, .mp-article h3, .mp-article h4, .mp-article h5, .mp-article h6 { font-family: ${p.headingFont}; }` : ''}
.mp-article h1, .mp-article h2, .mp-article h3, .mp-article h4, .mp-article h5, .mp-article h6 { font-weight: bold; line-height: 1.5; letter-spacing: 1px; color: ${p.accentStrong}; text-align: left; }
.mp-article h1 { font-size: 22px; margin: 1.6em 0 1em 0; }
.mp-article h3 { font-size: 17px; margin: 1.6em 0 0.8em 0; }
.mp-article h4, .mp-article h5, .mp-article h6 { font-size: 16px; margin: 1.4em 0 0.6em 0; }
.mp-article blockquote { margin: 1.5em 0; padding: 12px 16px; border-left: 3px solid ${p.accent}; background: ${p.accentSoft}; color: ${p.quoteText}; font-size: 15px; }
.mp-article blockquote p { margin: 0 0 0.6em 0; }
.mp-inline-code { font-family: ${p.codeFont}; font-size: 14px; letter-spacing: 0; padding: 2px 4px; margin: 0 2px; border-radius: 3px; background: ${p.inlineCodeBackground}; color: ${p.inlineCodeText}; word-break: break-all; }
.mp-code-block { margin: 1.5em 0; border-radius: 6px; background: ${p.codeBackground}; overflow-x: auto; }
.mp-code-block pre { margin: 0; padding: 0; background: ${p.codeBackground}; overflow-x: auto; text-align: left; }
.mp-code-block code { display: block; padding: 12px 14px; font-family: ${p.codeFont}; font-size: 13px; line-height: 1.65; letter-spacing: 0; white-space: nowrap; background: ${p.codeBackground}; color: ${p.codeText}; }
.mp-code-header { padding: 8px 12px 0 12px; line-height: 1; text-align: left; background: ${p.codeBackground}; }
.mp-code-dot { display: inline-block; width: 10px; height: 10px; border-radius: 5px; margin-right: 6px; vertical-align: middle; }
.mp-code-dot-red { background: #ff5f56; }
.mp-code-dot-yellow { background: #ffbd2e; }
.mp-code-dot-green { background: #27c93f; }
.mp-code-label { display: inline-block; margin-left: 4px; font-family: ${p.codeFont}; font-size: 12px; letter-spacing: 0; color: ${p.codeMuted ?? p.muted}; vertical-align: middle; }
.mp-code-line-number { display: inline-block; margin-right: 12px; color: ${p.codeMuted ?? p.muted}; text-align: right; }
.mp-table-scroll { margin: 1.5em 0; overflow-x: auto; }
.mp-article table { border-collapse: collapse; min-width: 100%; font-size: 14px; line-height: 1.6; letter-spacing: 0; }
.mp-article th { padding: 6px 10px; border: 1px solid ${p.border}; background: ${p.accentSoft}; color: ${p.accentStrong}; font-weight: bold; white-space: nowrap; text-align: left; }
.mp-article td { padding: 6px 10px; border: 1px solid ${p.border}; min-width: 4em; vertical-align: top; }
.mp-figure { margin: 1.5em 0; padding: 0; text-align: center; }
.mp-article img { display: block; max-width: 100%; height: auto; margin: 0 auto; border-radius: 4px; }
.mp-inline-image { display: inline-block; vertical-align: middle; }
.mp-figure figcaption { margin-top: 8px; font-size: 13px; line-height: 1.5; color: ${p.muted}; text-align: center; }
.mp-list { margin: 0 0 1.2em 0; }
.mp-list-item { margin: 0 0 0.4em 0; padding-left: 1.4em; text-indent: -1.4em; }
.mp-list-continuation { margin: 0 0 0.4em 0; padding-left: 1.4em; }
.mp-list-marker { display: inline-block; width: 1.4em; text-indent: 0; color: ${p.marker ?? p.accent}; font-weight: bold; }
.mp-depth-1 { margin-left: 1.4em; }
.mp-depth-2 { margin-left: 2.8em; }
.mp-depth-3 { margin-left: 4.2em; }
.mp-ref-marker { font-size: 12px; line-height: 0; color: ${p.accent}; margin-left: 1px; }
.mp-footnote-ref { font-size: 12px; line-height: 0; color: ${p.accent}; margin-left: 1px; }
.mp-appendix { margin: 2.5em 0 0 0; padding-top: 1em; border-top: 1px solid ${p.border}; }
.mp-article .mp-appendix-title { font-size: 15px; font-weight: bold; color: ${p.accentStrong}; margin: 0 0 0.8em 0; }
.mp-appendix-item { font-size: 13px; line-height: 1.7; color: ${p.muted}; margin: 0 0 0.5em 0; text-align: left; }
.mp-appendix-item p { margin: 0; display: inline; }
.mp-appendix-number { color: ${p.accent}; margin-right: 4px; }
.mp-reference-url { word-break: break-all; font-family: ${p.codeFont}; font-size: 12px; }
.mp-ref-marker, .mp-footnote-ref, .mp-appendix-number { white-space: nowrap; }
.mp-align-left { text-align: left; }
.mp-alert-note, .mp-alert-tip, .mp-alert-important, .mp-alert-warning, .mp-alert-caution { margin: 1.5em 0; padding: 10px 14px; border-left: 4px solid ${p.accent}; background: ${p.accentSoft}; font-size: 15px; }
.mp-alert-note { border-left-color: #4c7fc0; background: #f0f5fb; }
.mp-alert-tip { border-left-color: #3f8f62; background: #eef7f1; }
.mp-alert-important { border-left-color: #7d5bbe; background: #f4f0fa; }
.mp-alert-warning { border-left-color: #c98a1b; background: #fdf6e8; }
.mp-alert-caution { border-left-color: #c4483c; background: #fbefed; }
.mp-article .mp-alert-title { margin: 0 0 0.4em 0; font-weight: bold; }
.mp-article .mp-alert-title-note { color: #3a6aa8; }
.mp-article .mp-alert-title-tip { color: #2f7a50; }
.mp-article .mp-alert-title-important { color: #6a49a8; }
.mp-article .mp-alert-title-warning { color: #a06a0a; }
.mp-article .mp-alert-title-caution { color: #a8352a; }
.mp-ruby-text { font-size: 0.6em; color: ${p.muted}; }
.mp-highlight { background-color: #fff1a8; padding: 0 2px; }
.mp-underline { text-decoration: underline; text-underline-offset: 3px; }
.mp-toc { margin: 1.5em 0; padding: 12px 16px; background: ${p.accentSoft}; text-align: left; }
.mp-article .mp-toc-title { margin: 0 0 0.5em 0; font-weight: bold; color: ${p.accentStrong}; }
.mp-article .mp-toc-item { margin: 0 0 0.3em 0; font-size: 15px; }
.mp-article .mp-toc-subitem { margin: 0 0 0.3em 1.4em; font-size: 14px; color: ${p.muted}; }
.mp-gallery { margin: 1.5em 0; overflow-x: auto; white-space: nowrap; text-align: left; }
.mp-gallery-slide { display: inline-block; width: 80%; margin-right: 8px; vertical-align: top; white-space: normal; }
.mp-math-block { margin: 1.2em 0; text-align: center; overflow-x: auto; }
.mp-math-inline { padding: 0 1px; }
.mp-diagram { margin: 1.5em 0; text-align: center; overflow-x: auto; }
`;
}

/** Colours for diagrams drawn as SVG (figures-svg.ts): the theme's text and accent on white. */
export function themeDiagramColours(theme: RenderTheme): { background: string; text: string; accent: string } {
  return { background: '#ffffff', text: theme.palette.text, accent: theme.palette.accent };
}

const TEA_GREEN: Palette = {
  text: '#333333',
  // Greys and markers are text: 4.5:1 on white and on the soft accent (WCAG AA; #888888 was 3.5:1).
  muted: '#6b6b6b',
  accent: '#3f8f62',
  accentStrong: '#2b6b47',
  accentSoft: '#f0f7f2',
  marker: '#2b6b47',
  border: '#d6e6dc',
  quoteText: '#555555',
  codeBackground: '#f6f8f6',
  codeText: '#24292e',
  inlineCodeBackground: '#eaf4ed',
  inlineCodeText: '#2b6b47',
  bodyFont: FONT_BODY,
  codeFont: FONT_CODE,
};

const INK: Palette = {
  text: '#2b2b2b',
  // Captions, ruby and appendix greys are text on white: 5.3:1 (#8a8a8a was 3.4:1).
  muted: '#6b6b6b',
  // On the dark block (#282c34) labels and line numbers need a light grey: 4.9:1.
  codeMuted: '#9199a6',
  accent: '#555555',
  accentStrong: '#111111',
  accentSoft: '#f5f5f3',
  border: '#dddddd',
  quoteText: '#555555',
  codeBackground: '#282c34',
  codeText: '#abb2bf',
  inlineCodeBackground: '#f0f0ee',
  inlineCodeText: '#b4441f',
  headingFont: FONT_SERIF,
  bodyFont: FONT_BODY,
  codeFont: FONT_CODE,
};

/** How the department wants its headings: each level's alignment, decoration and colour. */
export interface HeadingStyle {
  align?: 'left' | 'center';
  /** bar: a line at the left; underline: a line below; filled: accent background, white text; plain: none. */
  decoration?: 'bar' | 'underline' | 'filled' | 'plain';
  colour?: string;
  fontSize?: number;
}

/** A department's changes to a built-in theme (department settings, render.*: department-theme.ts). */
export interface ThemeCustomisation {
  colours?: Partial<
    Pick<
      Palette,
      | 'text'
      | 'muted'
      | 'accent'
      | 'accentStrong'
      | 'accentSoft'
      | 'border'
      | 'quoteText'
      | 'codeBackground'
      | 'codeText'
      | 'inlineCodeBackground'
      | 'inlineCodeText'
    >
  >;
  fonts?: { body?: string; headings?: string; code?: string };
  headings?: Partial<Record<'h1' | 'h2' | 'h3', HeadingStyle>>;
  code?: { style?: string; macHeader?: boolean; lineNumbers?: boolean };
  /** CSS of the department's own file, checked (department-css.ts). */
  css?: string;
}

function headingCss(level: 'h1' | 'h2' | 'h3', style: HeadingStyle, p: Palette): string {
  const colour = style.colour ?? p.accentStrong;
  const declarations: string[] = [`text-align: ${style.align ?? 'left'}`, `color: ${colour}`];
  if (style.fontSize !== undefined) declarations.push(`font-size: ${style.fontSize}px`);
  // Each decoration resets the others' properties, so it fully replaces the theme's.
  switch (style.decoration) {
    case 'bar':
      declarations.push(
        `padding: 0 0 0 10px`,
        `border-left: 4px solid ${p.accent}`,
        `border-bottom: 0`,
        `background: transparent`,
      );
      break;
    case 'underline':
      declarations.push(
        `padding: 0 0 6px 0`,
        `border-left: 0`,
        `border-bottom: 1px solid ${p.accent}`,
        `background: transparent`,
      );
      break;
    case 'filled':
      declarations.push(
        `padding: 4px 12px`,
        `border-left: 0`,
        `border-bottom: 0`,
        `border-radius: 4px`,
        `background: ${p.accent}`,
        `color: #ffffff`,
      );
      break;
    case 'plain':
      declarations.push(`padding: 0`, `border-left: 0`, `border-bottom: 0`, `background: transparent`);
      break;
    default:
  }
  return `.mp-article ${level} { ${declarations.join('; ')}; }`;
}

const BUILT_IN: Record<
  ThemeName,
  {
    label: LocalizedText;
    description: LocalizedText;
    codeStyle: string;
    palette: Palette;
    extraCss: (p: Palette) => string;
  }
> = {
  'tea-green': {
    label: { zh: '青绿', en: 'Green' },
    description: { zh: '青绿色标题与强调，浅色代码块。', en: 'Green headings and accents, light code blocks.' },
    codeStyle: 'github',
    palette: TEA_GREEN,
    extraCss: (p) => `
.mp-article h2 { font-size: 19px; margin: 2em 0 1em 0; padding-left: 10px; border-left: 4px solid ${p.accent}; }
`,
  },
  ink: {
    label: { zh: '水墨', en: 'Ink' },
    description: {
      zh: '黑白灰，宋体标题居中，深色代码块。',
      en: 'Black and grey, centred serif headings, dark code blocks.',
    },
    codeStyle: 'atom-one-dark',
    palette: INK,
    extraCss: (p) => `
.mp-article h2 { font-size: 20px; margin: 2.2em 0 1.2em 0; padding-bottom: 6px; text-align: center; border-bottom: 1px solid ${p.accentStrong}; }
.mp-article blockquote { border-left: 0; border-top: 1px solid ${p.border}; border-bottom: 1px solid ${p.border}; font-family: ${FONT_SERIF}; }
`,
  },
};

/** A built-in theme, with a department's changes when it has any. */
export function renderTheme(name: ThemeName, custom: ThemeCustomisation = {}): RenderTheme {
  const base = BUILT_IN[name];
  const codeColours = custom.code?.style !== undefined ? codeStyleColours(custom.code.style) : {};
  const blockChanged = codeColours.codeBackground !== undefined || custom.colours?.codeBackground !== undefined;
  const palette: Palette = {
    ...base.palette,
    // Another code style brings its own background and text colour (dark styles need a dark block).
    ...codeColours,
    ...(custom.colours ?? {}),
    // The built-in marker darkens the built-in accent: a department's own accent marks its lists.
    ...(custom.colours?.accent !== undefined ? { marker: custom.colours.accent } : {}),
    ...(custom.fonts?.body !== undefined ? { bodyFont: custom.fonts.body } : {}),
    ...(custom.fonts?.code !== undefined ? { codeFont: custom.fonts.code } : {}),
    ...(custom.fonts?.headings !== undefined ? { headingFont: custom.fonts.headings } : {}),
  };
  // The theme's grey for its own block would be wrong on another: one made from the block's colours.
  if (blockChanged) palette.codeMuted = readableGrey(palette.codeText, palette.codeBackground);
  const headings = Object.entries(custom.headings ?? {}).map(([level, style]) =>
    headingCss(level as 'h1' | 'h2' | 'h3', style, palette),
  );
  const customised = Object.keys(custom).length > 0;
  return {
    name,
    label: base.label,
    description: base.description,
    codeStyle: custom.code?.style ?? base.codeStyle,
    css: `${baseCss(palette)}${base.extraCss(palette)}${headings.join('\n')}`,
    palette,
    code: { macHeader: custom.code?.macHeader ?? false, lineNumbers: custom.code?.lineNumbers ?? false },
    key: customised ? JSON.stringify(custom) : '',
    ...(custom.css !== undefined ? { departmentCss: custom.css } : {}),
  };
}

/** #rgb or #rrggbb as 0–255 channels; undefined for anything else. */
function hexChannels(colour: string): [number, number, number] | undefined {
  const digits = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour)?.[1];
  if (!digits) return undefined;
  const full = digits.length === 3 ? [...digits].map((digit) => digit + digit).join('') : digits;
  return [0, 2, 4].map((at) => Number.parseInt(full.slice(at, at + 2), 16)) as [number, number, number];
}

/** WCAG 2 relative luminance. */
function luminance([red, green, blue]: [number, number, number]): number {
  const linear = (channel: number) => {
    const value = channel / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue);
}

/**
 * A grey between a block's text and its background, as faint as it can be while still 4.5:1 on
 * the background (WCAG AA): the text mixed in at 55 %, then more until it reads. The text itself
 * when a colour is not a hex colour.
 */
export function readableGrey(text: string, background: string): string {
  const fore = hexChannels(text);
  const back = hexChannels(background);
  if (!fore || !back) return text;
  const backLuminance = luminance(back);
  for (let share = 0.55; share < 1; share += 0.05) {
    const mixed = fore.map((channel, index) => Math.round(channel * share + back[index]! * (1 - share))) as [
      number,
      number,
      number,
    ];
    const [lighter, darker] = [luminance(mixed), backLuminance].sort((a, b) => b - a) as [number, number];
    if ((lighter + 0.05) / (darker + 0.05) >= 4.5)
      return `#${mixed.map((channel) => channel.toString(16).padStart(2, '0')).join('')}`;
  }
  return text;
}

/** The block colours a highlight.js style sets on `.hljs`, as palette entries. */
function codeStyleColours(style: string): Partial<Pick<Palette, 'codeBackground' | 'codeText'>> {
  if (!isCodeStyle(style)) return {};
  const rule = /(?:^|\})\s*\.hljs\s*\{([^}]*)\}/.exec(codeStyleCss(style).replace(/\/\*[\s\S]*?\*\//g, ''))?.[1] ?? '';
  const background = /(?:^|;|\s)background(?:-color)?\s*:\s*(#[0-9a-f]{3,8})\b/i.exec(rule)?.[1];
  const text = /(?:^|;|\s)color\s*:\s*(#[0-9a-f]{3,8})\b/i.exec(rule)?.[1];
  return {
    ...(background ? { codeBackground: background.toLowerCase() } : {}),
    ...(text ? { codeText: text.toLowerCase() } : {}),
  };
}

/** Whether highlight.js ships a style of this name (node_modules/highlight.js/styles/<name>.css). */
export function isCodeStyle(style: string): boolean {
  if (!/^[a-z0-9-]+(?:\/[a-z0-9-]+)?$/.test(style)) return false;
  try {
    require.resolve(`highlight.js/styles/${style}.css`);
    return true;
  } catch {
    return false;
  }
}

const codeStyles = new Map<string, string>();

/** The highlight.js style sheet a theme names, read once from the installed package. */
export function codeStyleCss(style: string): string {
  let css = codeStyles.get(style);
  if (css === undefined) {
    css = readFileSync(require.resolve(`highlight.js/styles/${style}.css`), 'utf8');
    codeStyles.set(style, css);
  }
  return css;
}

/** Everything inlined for a theme: token colours first, so the theme's own rules win ties. */
export function themeStyleSheet(theme: RenderTheme): string {
  return `${codeStyleCss(theme.codeStyle)}\n${theme.css}`;
}

const parsedSheets = new Map<string, StyleSheet>();

/**
 * The theme's style sheet, parsed once per process and customisation. The department's own CSS
 * comes last and in a layer above the theme's, so its `h2 { … }` beats the theme's `.mp-article h2`.
 */
export function parsedThemeStyleSheet(theme: RenderTheme): StyleSheet {
  const key = `${theme.name}\u0000${theme.key}`;
  let sheet = parsedSheets.get(key);
  if (!sheet) {
    sheet = parseStyleSheet(themeStyleSheet(theme));
    if (theme.departmentCss !== undefined)
      sheet = mergeStyleSheets(sheet, parseStyleSheet(theme.departmentCss, { layer: 1 }));
    parsedSheets.set(key, sheet);
  }
  return sheet;
}
