import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { mpflowCacheFolder } from '../core/cache/user-cache.ts';
import {
  type Locale,
  MessageCatalogue,
  readMessageFiles,
  readMessageTexts,
  SHIPPED_LOCALES,
  SHIPPED_MESSAGES_DIR,
  type Translator,
} from '../core/i18n/catalogue.ts';
import { type Language, type LocalizedText, renderLocalized } from '../core/i18n/language.ts';

// Everything the CLI says is a message in src/i18n/<locale>/cli.yaml (keys "cli.…"), read
// through the catalogue; a department's i18n/<locale>/cli.yaml adds a locale or overrides texts.

let shipped: MessageCatalogue | undefined;

/** The package's own messages, read once: what a command says when no department is in reach. */
export function shippedCatalogue(env: NodeJS.ProcessEnv = process.env): MessageCatalogue {
  shipped ??= loadMessages(undefined, env);
  return shipped;
}

type Tables = ConstructorParameters<typeof MessageCatalogue>[0];

/** Message sets kept: the shipped one and a few departments' (older ones are read again if needed). */
const KEPT_CACHE_FILES = 8;

/** Deletes all but the most recently written cache files; one another process removes first is fine. */
function pruneCache(folder: string, keep: number): void {
  const files = readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .map((name) => ({ file: path.join(folder, name), written: statSync(path.join(folder, name)).mtimeMs }))
    .sort((left, right) => right.written - left.written);
  for (const { file } of files.slice(keep)) rmSync(file, { force: true });
}

/**
 * The shipped messages and a department's i18n/ (which overrides them key by key), as
 * MessageCatalogue.load reads them, with the parsed tables kept in the user's cache under a digest
 * of every file's path and text. Parsing the YAML took ≈ 50 ms of every command's start (mpflow
 * --help went from 0.04 s to 0.17 s); reading the files and one JSON takes ≈ 2 ms. A message file
 * with a mistake is never cached: it raises its MessageFileError on every run until fixed.
 */
export function loadMessages(departmentRoot: string | undefined, env: NodeJS.ProcessEnv): MessageCatalogue {
  const layers = [
    SHIPPED_MESSAGES_DIR,
    ...(departmentRoot === undefined ? [] : [path.join(departmentRoot, 'i18n')]),
  ].map(readMessageFiles);
  const digest = createHash('sha256').update(JSON.stringify(layers)).digest('hex');
  // Named by the texts, not by the department: every repository without an i18n/ folder (and
  // every test's temporary one) shares the shipped messages' file.
  const folder = path.join(mpflowCacheFolder(env), 'messages');
  const cacheFile = path.join(folder, `${digest.slice(0, 32)}.json`);
  try {
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as {
      digest: string;
      tables: Array<[Locale, Array<[string, { text: string; source: string }]>]>;
    };
    if (cached.digest === digest)
      return new MessageCatalogue(new Map(cached.tables.map(([locale, entries]) => [locale, new Map(entries)])));
  } catch {
    // No cache yet, or an unreadable one: read the files.
  }
  const tables: Tables = new Map();
  for (const layer of layers) readMessageTexts(layer, tables);
  try {
    mkdirSync(path.dirname(cacheFile), { recursive: true });
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(
      temporary,
      JSON.stringify({ digest, tables: [...tables].map(([locale, table]) => [locale, [...table]]) }),
    );
    renameSync(temporary, cacheFile);
    pruneCache(folder, KEPT_CACHE_FILES);
  } catch {
    // A cache that cannot be written costs the next run its 50 ms, nothing else.
  }
  return new MessageCatalogue(tables);
}

/** The locales a catalogue offers, the shipped ones first, for --lang's help and its error. */
export function availableLocales(catalogue: MessageCatalogue): Locale[] {
  return [...new Set([...SHIPPED_LOCALES, ...catalogue.locales.sort()])];
}

/**
 * The locale a person asked for, among those available: the same tag in any case (zh-tw is
 * zh-TW), else a shipped locale of the same language (zh, zh-HK → zh-CN; en-US → en), else none.
 */
export function matchLocale(asked: string, available: readonly Locale[]): Locale | undefined {
  const exact = available.find((locale) => locale.toLowerCase() === asked.toLowerCase());
  if (exact !== undefined) return exact;
  const language = asked.toLowerCase().split('-')[0];
  return SHIPPED_LOCALES.find((locale) => locale.toLowerCase().split('-')[0] === language);
}

/** What a command's texts are read from: its context's translator, or the shipped one for its language. */
export interface Speaking {
  language: Language;
  messages?: Translator;
  /** The locales --lang takes here, for the help. */
  locales?: readonly Locale[];
}

export function messagesOf(speaking: Speaking): Translator {
  return speaking.messages ?? shippedCatalogue().translator(speaking.language);
}

/**
 * A CLI message by its key below "cli.", its `{param}`s filled with each value as a template
 * literal writes it (2026 stays 2026, not 2,026: the values are years, counts and ids).
 */
export type Say = (key: string, params?: Readonly<Record<string, unknown>>) => string;

export function sayIn(speaking: Speaking): Say {
  const messages = messagesOf(speaking);
  return (key, params = {}) =>
    messages.t(`cli.${key}`, Object.fromEntries(Object.entries(params).map(([name, value]) => [name, String(value)])));
}

/** A core text ({zh, en}, perhaps with a message key) in the context's locale. */
export function renderIn(speaking: Speaking): (text: LocalizedText) => string {
  const messages = messagesOf(speaking);
  return (text) => renderLocalized(text, messages);
}

/** A text already said in the reader's locale, where a core error wants both languages. */
export function said(text: string): LocalizedText {
  return { zh: text, en: text };
}
