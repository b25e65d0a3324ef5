/**
 * The department's rendering settings (content/department.yaml, its `render` object; the schema
 * in schemas/department.schema.json describes every field): colours, fonts, heading styles, the
 * code theme, line breaks and a CSS file of its own. `mpflow render`, `publish` and the site's
 * phone preview all take them from here, so an article looks the same wherever it is rendered.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readDepartmentSettings } from '../department/settings.ts';
import { checkDepartmentCss, type CssFinding } from './department-css.ts';
import { renderArticle, type RenderedArticle, type RenderInput } from './render-article.ts';
import type { HeadingStyle, ThemeCustomisation } from './themes.ts';

export interface DepartmentRendering {
  /** The department's default for `breaks` (front matter and --breaks come first). */
  breaks?: boolean;
  customisation: ThemeCustomisation;
  /** The CSS file named by render.css, relative to the repository, when there is one. */
  cssFile?: string;
  /** What of that file was left out, with positions in it. */
  cssFindings: CssFinding[];
}

const COLOUR_KEYS = [
  'text',
  'muted',
  'accent',
  'accentStrong',
  'accentSoft',
  'border',
  'quoteText',
  'codeBackground',
  'codeText',
  'inlineCodeBackground',
  'inlineCodeText',
] as const;

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function heading(value: unknown): HeadingStyle | undefined {
  const given = record(value);
  if (Object.keys(given).length === 0) return undefined;
  const style: HeadingStyle = {};
  if (given.align === 'left' || given.align === 'center') style.align = given.align;
  if (
    given.decoration === 'bar' ||
    given.decoration === 'underline' ||
    given.decoration === 'filled' ||
    given.decoration === 'plain'
  )
    style.decoration = given.decoration;
  if (typeof given.colour === 'string') style.colour = given.colour;
  if (typeof given.fontSize === 'number') style.fontSize = given.fontSize;
  return style;
}

/** Thrown when render.css names a file that cannot be read. */
export class DepartmentCssError extends Error {
  readonly file: string;
  constructor(file: string, code: string) {
    super(`content/department.yaml names render.css ${file}, which cannot be read (${code}).`);
    this.name = 'DepartmentCssError';
    this.file = file;
  }
}

/**
 * The customisation a `render` object asks for (validated by the schema already: values of the
 * wrong kind are simply not used here). `root` is the repository, against which render.css is read.
 */
export function departmentRendering(render: Record<string, unknown>, root: string): DepartmentRendering {
  const customisation: ThemeCustomisation = {};
  const colours = record(render.colours);
  const pickedColours: NonNullable<ThemeCustomisation['colours']> = {};
  for (const key of COLOUR_KEYS) if (typeof colours[key] === 'string') pickedColours[key] = colours[key] as string;
  if (Object.keys(pickedColours).length > 0) customisation.colours = pickedColours;
  const fonts = record(render.fonts);
  const pickedFonts: NonNullable<ThemeCustomisation['fonts']> = {};
  for (const key of ['body', 'headings', 'code'] as const)
    if (typeof fonts[key] === 'string') pickedFonts[key] = fonts[key] as string;
  if (Object.keys(pickedFonts).length > 0) customisation.fonts = pickedFonts;
  const headings = record(render.headings);
  const pickedHeadings: NonNullable<ThemeCustomisation['headings']> = {};
  for (const level of ['h1', 'h2', 'h3'] as const) {
    const style = heading(headings[level]);
    if (style) pickedHeadings[level] = style;
  }
  if (Object.keys(pickedHeadings).length > 0) customisation.headings = pickedHeadings;
  const code = record(render.code);
  const pickedCode: NonNullable<ThemeCustomisation['code']> = {};
  if (typeof code.style === 'string') pickedCode.style = code.style;
  if (typeof code.macHeader === 'boolean') pickedCode.macHeader = code.macHeader;
  if (typeof code.lineNumbers === 'boolean') pickedCode.lineNumbers = code.lineNumbers;
  if (Object.keys(pickedCode).length > 0) customisation.code = pickedCode;
  const result: DepartmentRendering = { customisation, cssFindings: [] };
  if (typeof render.breaks === 'boolean') result.breaks = render.breaks;
  if (typeof render.css === 'string') {
    const file = render.css;
    let source: string;
    try {
      source = readFileSync(path.resolve(root, file), 'utf8');
    } catch (error) {
      throw new DepartmentCssError(file, (error as NodeJS.ErrnoException).code ?? 'error');
    }
    const checked = checkDepartmentCss(source);
    customisation.css = checked.css;
    result.cssFile = file;
    result.cssFindings = checked.findings;
  }
  return result;
}

/**
 * renderArticle with the department's look and its `breaks` default, for the renderers that
 * have only the repository to go on (publish, the site's phone preview): they then render an
 * article as `mpflow render` does. Settings that cannot be used throw DepartmentSettingsError
 * (or DepartmentCssError), plain messages with the place to fix.
 */
export function departmentRenderer(root: string): (input: RenderInput) => Promise<RenderedArticle> {
  const { customisation, breaks } = departmentRendering(readDepartmentSettings(root).render, root);
  return (input) => renderArticle({ customisation, ...input, breaks: input.breaks ?? breaks ?? false });
}
