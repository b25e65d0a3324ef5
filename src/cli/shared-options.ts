import { value, type Option } from './command.ts';
import { formatChoice, pathValue } from './validators.ts';

// Options several commands take, defined once so their names, help and checks are the same everywhere.

/** --root: the repository; the command resolves it (see options.ts resolveRoot). */
export const ROOT_OPTION_TEXT = {
  placeholder: { zh: '目录', en: 'DIR' },
  description: {
    zh: '仓库根目录（默认：当前目录或其上级中有 content/ 的那个）',
    en: 'repository root (default: the nearest folder up from here with content/)',
  },
  parse: pathValue,
};
export const ROOT_OPTION: Option<string | undefined> = value(ROOT_OPTION_TEXT);

/** --format with the formats a command knows, text first and the default. */
export function formatOption<Format extends string>(
  formats: readonly Format[],
  description?: { zh: string; en: string },
): Option<Format> {
  return value({
    placeholder: { zh: formats.join('|'), en: formats.join('|') },
    description: description ?? { zh: '输出格式', en: 'output format' },
    default: formats[0]!,
    parse: formatChoice(formats),
  });
}
