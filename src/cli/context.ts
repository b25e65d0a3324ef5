import type { Language } from '../core/i18n/language.ts';

/** What a command may touch: passed in, so tests run commands in-process with their own streams. */
export interface CommandContext {
  cwd: string;
  language: Language;
  version: string;
  color: boolean;
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  /** The process environment (tokens, API URLs); passed in so tests give each run its own. */
  env?: NodeJS.ProcessEnv;
}
