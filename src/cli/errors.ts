import { LocalizedError } from '../core/i18n/localized-error.ts';
import type { LocalizedText } from '../core/i18n/language.ts';

export const EXIT = {
  clean: 0,
  problems: 1,
  usage: 2,
} as const;

/**
 * Errors a person can cause at the command line (a bad flag value, a missing file): exit 2 with a
 * plain message. Given one string, the caller has already picked the language.
 */
export class UsageError extends LocalizedError {
  constructor(message: LocalizedText | string) {
    super(typeof message === 'string' ? { zh: message, en: message } : message, { exitCode: EXIT.usage });
  }
}

/**
 * A command that ends early for a reason it has already explained, or explains now: the handler
 * prints the text as it is (no "mpflow:" heading when `bare`) and exits with the code.
 */
export class CommandFailure extends LocalizedError {
  readonly bare: boolean;
  constructor(message: LocalizedText | string, exitCode: number, options: { bare?: boolean; cause?: unknown } = {}) {
    super(typeof message === 'string' ? { zh: message, en: message } : message, { exitCode, cause: options.cause });
    this.bare = options.bare ?? false;
  }
}
