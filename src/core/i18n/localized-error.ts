import type { LocalizedText } from './language.ts';

/**
 * An error mpflow raises on purpose, for the person at the keyboard: it carries its message in
 * both languages (the edge picks one) and the exit code a command ends with. The CLI's one handler
 * (src/cli/main.ts) prints it without a stack trace; anything that is not one of these is a bug.
 * `message` is the English text, so logs and test failures stay readable.
 */
export class LocalizedError extends Error {
  readonly localized: LocalizedText;
  readonly exitCode: number;
  constructor(localized: LocalizedText, options: { exitCode?: number; cause?: unknown } = {}) {
    super(localized.en, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.localized = localized;
    this.exitCode = options.exitCode ?? 2;
  }
}
