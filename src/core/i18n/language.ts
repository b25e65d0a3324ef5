/** The two languages mpflow speaks. zh-CN is the department's working language; English second. */
export type Language = 'zh-CN' | 'en';

export interface LocalizedText {
  zh: string;
  en: string;
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

/** Locale variables in the order POSIX gives them precedence; C/POSIX locales mean "no preference". */
export function languageFromEnvironment(env: NodeJS.ProcessEnv): Language {
  for (const name of ['MPFLOW_LANG', 'LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const language = parseLanguage(env[name]);
    if (language) return language;
  }
  return 'en';
}
