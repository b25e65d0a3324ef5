import { type Option, value } from './command.ts';
import { formatChoice, pathValue } from './validators.ts';

// Options several commands take, defined once so their names, help and checks are the same
// everywhere; their help texts are cli.options.<name> and cli.placeholders.<name>.

/** --root: the repository; the command resolves it (see options.ts resolveRoot). */
export const ROOT_OPTION_TEXT = { parse: pathValue };
export const ROOT_OPTION: Option<string | undefined> = value(ROOT_OPTION_TEXT);

/** --format with the formats a command knows, text first and the default. */
export function formatOption<Format extends string>(formats: readonly Format[]): Option<Format> {
  return value({ placeholder: formats.join('|'), default: formats[0]!, parse: formatChoice(formats) });
}
