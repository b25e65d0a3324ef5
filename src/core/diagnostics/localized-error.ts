/**
 * The error base class lives with the messages (i18n/, the bottom layer) so that reading message
 * files can raise it too; diagnostics re-exports it, where commands and checks have always found it.
 */
export { LocalizedError } from '../i18n/localized-error.ts';
