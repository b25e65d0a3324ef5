import {
  MessageCatalogue,
  SHIPPED_LOCALES,
  type Locale,
  type MessageParams,
  type Translator,
} from '../core/i18n/catalogue.ts';
import { type Language, type LocalizedText, renderLocalized } from '../core/i18n/language.ts';

// Everything the CLI says is a message in src/i18n/<locale>/cli.yaml (keys "cli.…"), read
// through the catalogue; a department's i18n/<locale>/cli.yaml adds a locale or overrides texts.

let shipped: MessageCatalogue | undefined;

/** The package's own messages, read once: what a command says when no department is in reach. */
export function shippedCatalogue(): MessageCatalogue {
  shipped ??= MessageCatalogue.load();
  return shipped;
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

/** A CLI message by its key below "cli.", its `{param}`s filled. */
export type Say = (key: string, params?: MessageParams) => string;

export function sayIn(speaking: Speaking): Say {
  const messages = messagesOf(speaking);
  return (key, params) => messages.t(`cli.${key}`, params);
}

/** A core text ({zh, en}, perhaps with a message key) in the context's locale. */
export function renderIn(speaking: Speaking): (text: LocalizedText) => string {
  const messages = messagesOf(speaking);
  return (text) => renderLocalized(text, messages);
}
