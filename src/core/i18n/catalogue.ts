/**
 * Messages as data: the one way mpflow says things in more than one language.
 *
 * Every string a person reads (CLI output, check messages, site labels) is a message key whose
 * text lives in YAML files, one folder per locale and one file per namespace:
 *
 *     src/i18n/zh-CN/cli.yaml      → keys "cli.…"       (shipped with the package)
 *     src/i18n/en/site.yaml        → keys "site.…"
 *     <department>/i18n/ja/site.yaml  (a department's own locale, or its overrides)
 *
 * A locale the package does not ship is therefore its message files plus the line that lists it
 * in `content/department.yaml` (`locales:`). A key the locale lacks falls back along
 * `fallbackChain` (zh-TW → zh-CN → en), so a partial translation still shows a whole page.
 * `glossary.yaml` holds the shared terms (文章, 考核, 运营…) that other messages name as
 * `{@glossary.article}`, so one word is translated once.
 *
 * A text may choose its words by a number or a value, in the ICU message syntax translators know:
 * `{count, plural, one {# article} other {# articles}}` (`=0` for an exact number, `#` the number
 * in the locale's digits) and `{kind, select, lottery {抽奖} other {{kind}}}`. Chinese needs no
 * plural, so its files simply write `{count} 篇`; English needs the branches.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { LocalizedError } from './localized-error.ts';

/** A BCP 47 language tag as the department lists it: "zh-CN", "en", "zh-TW", "ja". */
export type Locale = string;

/** The locales whose messages ship with mpflow, the working language first. */
export const SHIPPED_LOCALES: readonly Locale[] = ['zh-CN', 'en'];

/** The package's own message folder (src/i18n, next to src/core). */
export const SHIPPED_MESSAGES_DIR = fileURLToPath(new URL('../../i18n/', import.meta.url));

/** Parameters of a message: `{name}` in the text is replaced by `params.name`. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** Where a message's text was written, for errors a translator can act on. */
interface MessageEntry {
  text: string;
  source: string;
}

/** One locale's messages, flattened to "namespace.key.subkey" → text. */
export type MessageTable = ReadonlyMap<string, MessageEntry>;

/** A message file that cannot be read: its path, line and column, and why. */
export class MessageFileError extends LocalizedError {
  constructor(file: string, line: number, column: number, zh: string, en: string) {
    super({ zh: `${file}:${line}:${column}: ${zh}`, en: `${file}:${line}:${column}: ${en}` });
  }
}

/**
 * The chain of locales to look a key up in: the locale itself, its language's shipped locale
 * (zh-TW and zh-HK → zh-CN), then English, then the working language.
 */
export function fallbackChain(locale: Locale): Locale[] {
  const chain: Locale[] = [locale];
  const language = locale.split('-')[0]!.toLowerCase();
  for (const shipped of SHIPPED_LOCALES) {
    if (shipped.split('-')[0]!.toLowerCase() === language) chain.push(shipped);
  }
  chain.push('en', 'zh-CN');
  return [...new Set(chain)];
}

/** Every `<locale>/<namespace>.yaml` below a message folder, as path → text (none when it is missing). */
export function readMessageFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  if (!existsSync(dir)) return files;
  for (const locale of readdirSync(dir, { withFileTypes: true })) {
    if (!locale.isDirectory()) continue;
    for (const file of readdirSync(path.join(dir, locale.name))) {
      if (file.endsWith('.yaml'))
        files[path.join(dir, locale.name, file)] = readFileSync(path.join(dir, locale.name, file), 'utf8');
    }
  }
  return files;
}

/**
 * Reads every `<dir>/<locale>/<namespace>.yaml` below the folders, later folders overriding
 * earlier ones key by key (the package first, then the department). Values must be strings or
 * nested maps of strings; anything else is a MessageFileError naming the line and column.
 */
export function readMessageFolders(
  dirs: readonly string[],
  tables: Map<Locale, Map<string, MessageEntry>> = new Map(),
): Map<Locale, Map<string, MessageEntry>> {
  for (const dir of dirs) readMessageTexts(readMessageFiles(dir), tables);
  return tables;
}

/**
 * The same from texts already in memory, each named by its path ".../<locale>/<namespace>.yaml":
 * what a bundler hands over (the site reads the shipped files through Vite's import.meta.glob,
 * where the package's folder is not a path it can read at build time).
 */
export function readMessageTexts(
  files: Readonly<Record<string, string>>,
  tables: Map<Locale, Map<string, MessageEntry>> = new Map(),
): Map<Locale, Map<string, MessageEntry>> {
  for (const file of Object.keys(files).sort()) {
    const match = /([^/\\]+)[/\\]([^/\\]+)\.yaml$/.exec(file);
    if (!match) continue;
    const [, locale, namespace] = match as unknown as [string, string, string];
    const table = tables.get(locale) ?? new Map<string, MessageEntry>();
    tables.set(locale, table);
    readMessageFile(file, namespace, table, files[file]);
  }
  return tables;
}

function readMessageFile(
  file: string,
  namespace: string,
  into: Map<string, MessageEntry>,
  text: string = readFileSync(file, 'utf8'),
): void {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true });
  const at = (offset: number | undefined) => lineCounter.linePos(offset ?? 0);
  const [firstError] = document.errors;
  if (firstError) {
    const { line, col } = at(firstError.pos[0]);
    throw new MessageFileError(
      file,
      line,
      col,
      `YAML 无法解析：${firstError.code}`,
      `not valid YAML: ${firstError.code}`,
    );
  }
  const visit = (node: unknown, prefix: string): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        visit(pair.value, `${prefix}.${key}`);
      }
      return;
    }
    const offset = (node as { range?: [number, number] } | null)?.range?.[0];
    if (isScalar(node) && typeof node.value === 'string') {
      const { line, col } = at(offset);
      into.set(prefix, { text: node.value, source: `${file}:${line}:${col}` });
      return;
    }
    const { line, col } = at(offset);
    const kind = isSeq(node) ? 'a list' : 'not text';
    throw new MessageFileError(
      file,
      line,
      col,
      `消息 ${prefix} 必须是文字`,
      `message ${prefix} must be text, found ${kind}`,
    );
  };
  if (document.contents === null) return;
  visit(document.contents, namespace);
}

/**
 * Messages of one locale, with fallback. `t` never throws for a missing key: it returns the key
 * itself in brackets so a page still builds, and `missing` lists what a translator must add.
 */
export class Translator {
  readonly locale: Locale;
  readonly #chain: MessageTable[];
  readonly #tables: ReadonlyMap<Locale, MessageTable>;
  readonly missing = new Set<string>();
  // Made once per translator: constructing an Intl formatter costs ~13 µs, 40× a format call, and
  // a site build formats hundreds of thousands of numbers.
  #numberFormat: Intl.NumberFormat | undefined;
  #pluralRules: Intl.PluralRules | undefined;

  constructor(locale: Locale, tables: ReadonlyMap<Locale, MessageTable>) {
    this.locale = locale;
    this.#tables = tables;
    this.#chain = fallbackChain(locale)
      .map((each) => tables.get(each))
      .filter((table): table is MessageTable => table !== undefined);
  }

  /** Whether the key has a text in this locale or a locale it falls back to. */
  has(key: string): boolean {
    return this.#chain.some((table) => table.has(key));
  }

  /** Whether this locale itself (not a fallback) has the key: what a translation test checks. */
  translates(key: string): boolean {
    return this.#tables.get(this.locale)?.has(key) ?? false;
  }

  /** The text of a key with its `{param}`s filled and `{@other.key}` references expanded. */
  t(key: string, params: MessageParams = {}): string {
    return this.#format(key, params, 0);
  }

  #format(key: string, params: MessageParams, depth: number): string {
    let entry: MessageEntry | undefined;
    for (const table of this.#chain) if ((entry = table.get(key)) !== undefined) break;
    if (entry === undefined) {
      this.missing.add(key);
      return `[${key}]`;
    }
    return this.#expand(entry.text, params, depth, undefined);
  }

  /** Replaces each `{…}` of a text; `count` is the number `#` stands for inside a plural branch. */
  #expand(text: string, params: MessageParams, depth: number, count: number | undefined): string {
    let result = '';
    let index = 0;
    while (index < text.length) {
      const open = text.indexOf('{', index);
      const hash = count === undefined ? -1 : text.indexOf('#', index);
      if (hash !== -1 && (open === -1 || hash < open)) {
        result += text.slice(index, hash) + this.#number(count!);
        index = hash + 1;
        continue;
      }
      if (open === -1) {
        result += text.slice(index);
        break;
      }
      const close = matchingBrace(text, open);
      if (close === -1) {
        result += text.slice(index);
        break;
      }
      result += text.slice(index, open) + this.#placeholder(text.slice(open, close + 1), params, depth);
      index = close + 1;
    }
    return result;
  }

  #placeholder(whole: string, params: MessageParams, depth: number): string {
    const inner = whole.slice(1, -1);
    const reference = /^@([\w.-]+)$/.exec(inner);
    if (reference) return depth < 4 ? this.#format(reference[1]!, params, depth + 1) : whole;
    const plain = /^([\w.-]+)$/.exec(inner);
    if (plain) {
      const value = params[plain[1]!];
      if (value === undefined) return whole;
      return typeof value === 'number' ? this.#number(value) : value;
    }
    const choice = /^\s*([\w.-]+)\s*,\s*(plural|select)\s*,/.exec(inner);
    if (!choice) return whole;
    const value = params[choice[1]!];
    if (value === undefined) return whole;
    const branches = choiceBranches(inner.slice(choice[0].length));
    let chosen: string | undefined;
    if (choice[2] === 'plural') {
      const number = Number(value);
      chosen =
        branches.get(`=${number}`) ??
        branches.get((this.#pluralRules ??= new Intl.PluralRules(this.locale)).select(number)) ??
        branches.get('other');
      return chosen === undefined ? whole : this.#expand(chosen, params, depth, number);
    }
    chosen = branches.get(String(value)) ?? branches.get('other');
    return chosen === undefined ? whole : this.#expand(chosen, params, depth, undefined);
  }

  #number(value: number): string {
    this.#numberFormat ??= new Intl.NumberFormat(this.locale);
    return this.#numberFormat.format(value);
  }
}

/** The index of the `}` closing the `{` at `open`, or -1. */
function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let index = open; index < text.length; index += 1) {
    if (text[index] === '{') depth += 1;
    else if (text[index] === '}') {
      depth -= 1;
      if (depth === 0) return index;
    }
  }
  return -1;
}

/** `one {…} other {…}` → the branches by their selector. */
function choiceBranches(text: string): Map<string, string> {
  const branches = new Map<string, string>();
  let index = 0;
  for (;;) {
    const selector = /\s*(=?[\w.-]+)\s*\{/y;
    selector.lastIndex = index;
    const found = selector.exec(text);
    if (!found) return branches;
    const open = selector.lastIndex - 1;
    const close = matchingBrace(text, open);
    if (close === -1) return branches;
    branches.set(found[1]!, text.slice(open + 1, close));
    index = close + 1;
  }
}

/** Translators per locale over the package's messages and, after them, a department's folder. */
export class MessageCatalogue {
  readonly #tables: Map<Locale, Map<string, MessageEntry>>;
  readonly #translators = new Map<Locale, Translator>();

  constructor(tables: Map<Locale, Map<string, MessageEntry>>) {
    this.#tables = tables;
  }

  /** The shipped messages plus `<root>/i18n/` when a department has one. */
  static load(options: { departmentRoot?: string; extraDirs?: readonly string[] } = {}): MessageCatalogue {
    const dirs = [SHIPPED_MESSAGES_DIR, ...(options.extraDirs ?? [])];
    if (options.departmentRoot !== undefined) dirs.push(path.join(options.departmentRoot, 'i18n'));
    return new MessageCatalogue(readMessageFolders(dirs));
  }

  /**
   * The shipped messages given as texts (path → YAML, e.g. from Vite's import.meta.glob), then
   * `<root>/i18n/` read from disk: how the site loads them inside Astro's build.
   */
  static fromTexts(
    shipped: Readonly<Record<string, string>>,
    options: { departmentRoot?: string } = {},
  ): MessageCatalogue {
    const tables = readMessageTexts(shipped);
    if (options.departmentRoot !== undefined) readMessageFolders([path.join(options.departmentRoot, 'i18n')], tables);
    return new MessageCatalogue(tables);
  }

  /** Every key of one locale's own files (no fallback), for completeness tests. */
  keys(locale: Locale): string[] {
    return [...(this.#tables.get(locale)?.keys() ?? [])];
  }

  /** The locales that have at least one message file. */
  get locales(): Locale[] {
    return [...this.#tables.keys()];
  }

  translator(locale: Locale): Translator {
    let translator = this.#translators.get(locale);
    if (translator === undefined) {
      translator = new Translator(locale, this.#tables);
      this.#translators.set(locale, translator);
    }
    return translator;
  }
}
