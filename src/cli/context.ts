import type { Locale, Translator } from '../core/i18n/catalogue.ts';
import type { Language } from '../core/i18n/language.ts';

/** What a command may touch: passed in, so tests run commands in-process with their own streams. */
export interface CommandContext {
  cwd: string;
  /** The core's language for the chosen locale (zh-TW reads zh-CN's core texts): what core functions take. */
  language: Language;
  /**
   * The chosen locale's messages (shipped and the department's i18n/); main.ts sets it. Without
   * it (a test building a context) a command speaks the shipped messages of `language`.
   */
  messages?: Translator;
  /** The locales --lang takes here (shipped and the department's), for the help. */
  locales?: readonly Locale[];
  version: string;
  color: boolean;
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  /** The process environment (tokens, API URLs); passed in so tests give each run its own. */
  env?: NodeJS.ProcessEnv;
}
