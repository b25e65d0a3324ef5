/**
 * The error base class lives with the messages (i18n/, the bottom layer) so that reading message
 * files can raise it too; diagnostics re-exports it, where commands and checks have always found it.
 */
import type { LocalizedText } from '../i18n/language.ts';
import { LocalizedError } from '../i18n/localized-error.ts';

export { LocalizedError };

/**
 * A file the command refuses to go on with (exit 1): `file` names it, possibly with
 * `:line:column`, and `message` starts with it so logs and test failures say where.
 */
export class LocalizedFileError extends LocalizedError {
  readonly file: string;
  constructor(file: string, localized: LocalizedText) {
    super(localized, { exitCode: 1 });
    this.message = `${file}: ${localized.en}`;
    this.file = file;
  }
}
