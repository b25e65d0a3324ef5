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

/**
 * Reads every `<dir>/<locale>/<namespace>.yaml` below the folders, later folders overriding
 * earlier ones key by key (the package first, then the department). Values must be strings or
 * nested maps of strings; anything else is a MessageFileError naming the line and column.
 */
export function readMessageFolders(dirs: readonly string[]): Map<Locale, Map<string, MessageEntry>> {
  const tables = new Map<Locale, Map<string, MessageEntry>>();
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const locale of readdirSync(dir, { withFileTypes: true })) {
      if (!locale.isDirectory()) continue;
      const table = tables.get(locale.name) ?? new Map<string, MessageEntry>();
      tables.set(locale.name, table);
      const folder = path.join(dir, locale.name);
      for (const file of readdirSync(folder).sort()) {
        if (!file.endsWith('.yaml')) continue;
        readMessageFile(path.join(folder, file), file.slice(0, -'.yaml'.length), table);
      }
    }
  }
  return tables;
}

function readMessageFile(file: string, namespace: string, into: Map<string, MessageEntry>): void {
  const lineCounter = new LineCounter();
  const document = parseDocument(readFileSync(file, 'utf8'), { lineCounter, uniqueKeys: true });
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
    const entry = this.#chain.map((table) => table.get(key)).find((found) => found !== undefined);
    if (entry === undefined) {
      this.missing.add(key);
      return `[${key}]`;
    }
    const numberFormat = new Intl.NumberFormat(this.locale);
    return entry.text.replace(/\{(@?)([\w.-]+)\}/g, (whole, reference: string, name: string) => {
      if (reference) return depth < 4 ? this.#format(name, params, depth + 1) : whole;
      const value = params[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? numberFormat.format(value) : value;
    });
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
