/** The two languages mpflow's core speaks. zh-CN is the department's working language; English second. */
export type Language = 'zh-CN' | 'en';

/**
 * A text in both of the core's languages. `key` (with `params`) names the same text in the
 * message catalogue, when it has one: a locale beyond the two (zh-TW, ja) then reads its own
 * translation, and every other locale the zh or en text (see renderLocalized).
 */
export interface LocalizedText {
  zh: string;
  en: string;
  key?: string;
  params?: Readonly<Record<string, string | number>>;
}

export function text(zh: string, en: string): LocalizedText {
  return { zh, en };
}

export function pick(message: LocalizedText, language: Language): string {
  return language === 'zh-CN' ? message.zh : message.en;
}

export function parseLanguage(value: string | undefined): Language | undefined {
  if (!value) return undefined;
  const lower = value.toLowerCase();
  if (lower.startsWith('zh')) return 'zh-CN';
  if (lower.startsWith('en')) return 'en';
  return undefined;
}

/** The core language a locale reads when a text has no translation of its own: Chinese for zh-*, else English. */
export function languageOfLocale(locale: string): Language {
  return locale.toLowerCase().split(/[-_]/)[0] === 'zh' ? 'zh-CN' : 'en';
}

/** What renderLocalized needs of a translator (src/core/i18n/catalogue.ts), without importing it. */
export interface MessageLookup {
  readonly locale: string;
  has(key: string): boolean;
  t(key: string, params?: Readonly<Record<string, string | number>>): string;
}

/**
 * The one way the edge (CLI, site) shows a core text in any locale: the catalogue's message when
 * the text names a key the catalogue has, else the zh text for a Chinese locale and the en text
 * for every other. The core keeps building `{zh, en}` pairs; only the edge knows the locale.
 */
export function renderLocalized(message: LocalizedText, messages: MessageLookup): string {
  if (message.key !== undefined && messages.has(message.key)) return messages.t(message.key, message.params);
  return pick(message, languageOfLocale(messages.locale));
}

/** A locale as the environment spells it (zh_TW.UTF-8, en_US) in BCP 47 form (zh-TW, en-US); C/POSIX give none. */
export function localeFromPosix(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const tag = value.split(/[.@]/)[0]!.replace(/_/g, '-');
  if (tag === '' || tag === 'C' || tag === 'POSIX') return undefined;
  return tag;
}

/** Locale variables in the order POSIX gives them precedence; C/POSIX locales mean "no preference". */
export const LOCALE_VARIABLES = ['MPFLOW_LANG', 'LC_ALL', 'LC_MESSAGES', 'LANG'] as const;

export function languageFromEnvironment(env: NodeJS.ProcessEnv): Language {
  for (const name of LOCALE_VARIABLES) {
    const language = parseLanguage(env[name]);
    if (language) return language;
  }
  return 'en';
}
