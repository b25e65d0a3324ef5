import { parseArgs } from 'node:util';
import { pick, type Language, type LocalizedText } from '../core/i18n/language.ts';
import type { CommandContext } from './context.ts';

// A command is declared once, as a table of its options; both the parsing (node:util parseArgs
// underneath) and the --help text are made from that table, so the two cannot drift apart.

/** What a validator knows about the value it checks: the option's name and the reader's language. */
export interface OptionSite {
  option: string;
  language: Language;
}

/** Turns an option's text into the value the command uses, or throws a UsageError naming it. */
export type Validator<T> = (raw: string, site: OptionSite) => T;

export interface Option<T> {
  readonly kind: 'flag' | 'value' | 'list';
  readonly short?: string;
  /** The value's name in the help (DIR, 目录); for a choice, its values. */
  readonly placeholder?: LocalizedText;
  readonly description: LocalizedText;
  /** The default as the help shows it. */
  readonly shownDefault?: string;
  /** --no-<name> is accepted too (the value is then false; absent, undefined). */
  readonly negatable?: boolean;
  readonly convert: (raw: unknown, site: OptionSite) => T;
}

type Options = Record<string, Option<unknown>>;

export type OptionValues<O extends Options> = { [K in keyof O]: O[K] extends Option<infer T> ? T : never };

/** An on/off switch; false unless given. */
export function flag(description: LocalizedText, options: { short?: string } = {}): Option<boolean> {
  return { kind: 'flag', description, ...options, convert: (raw) => raw === true };
}

/** An on/off switch with --no-<name>: true, false, or undefined when neither was given. */
export function negatableFlag(description: LocalizedText): Option<boolean | undefined> {
  return {
    kind: 'flag',
    description,
    negatable: true,
    convert: (raw) => (raw === undefined ? undefined : raw === true),
  };
}

interface PlainSpec {
  placeholder: LocalizedText;
  description: LocalizedText;
  short?: string;
}

// The overloads name the value's type from the validator when there is one (and string when there
// is none); a generic default alone would be overridden by the table's contextual type.

/** An option with one value; `default` goes through the validator like a given value. */
export function value<T>(spec: PlainSpec & { parse: Validator<T>; default: string }): Option<T>;
export function value<T>(spec: PlainSpec & { parse: Validator<T> }): Option<T | undefined>;
export function value(spec: PlainSpec & { default: string }): Option<string>;
export function value(spec: PlainSpec): Option<string | undefined>;
export function value(spec: PlainSpec & { parse?: Validator<unknown>; default?: string }): Option<unknown> {
  const parse = spec.parse ?? ((raw: string) => raw);
  return {
    kind: 'value',
    description: spec.description,
    placeholder: spec.placeholder,
    ...(spec.short !== undefined ? { short: spec.short } : {}),
    ...(spec.default !== undefined ? { shownDefault: spec.default } : {}),
    convert: (raw, site) => {
      const given = typeof raw === 'string' ? raw : spec.default;
      return given === undefined ? undefined : parse(given, site);
    },
  };
}

/** An option that may be given several times; its values in the order given. */
export function list<T>(spec: PlainSpec & { parse: Validator<T> }): Option<T[]>;
export function list(spec: PlainSpec): Option<string[]>;
export function list(spec: PlainSpec & { parse?: Validator<unknown> }): Option<unknown[]> {
  const parse = spec.parse ?? ((raw: string) => raw);
  return {
    kind: 'list',
    description: spec.description,
    placeholder: spec.placeholder,
    ...(spec.short !== undefined ? { short: spec.short } : {}),
    convert: (raw, site) => (Array.isArray(raw) ? raw.map((item: string) => parse(item, site)) : []),
  };
}

export interface CommandSpec<O extends Options> {
  name: string;
  /** What follows `mpflow <name>` on the usage line: {zh: '[路径...] [选项]', en: '[PATH...] [options]'}. */
  usage: LocalizedText;
  /** The prose between the usage line and the options. */
  description: LocalizedText;
  options: O;
  positionals?: boolean;
  /** Sections after the options: more about the options, exit codes. */
  epilogue?: LocalizedText;
}

export function defineCommand<O extends Options>(spec: CommandSpec<O>): CommandSpec<O> {
  return spec;
}

/**
 * Options every command shows in its help. --lang is taken off the line by main.ts before the
 * command runs (it may stand anywhere), so the command never parses it; --help is parsed here.
 */
const LANGUAGE_OPTION: Option<unknown> = {
  kind: 'value',
  placeholder: { zh: 'zh-CN|en', en: 'zh-CN|en' },
  description: {
    zh: '消息语言（默认取自 MPFLOW_LANG、LC_ALL、LANG 等环境变量）',
    en: 'message language (default from MPFLOW_LANG, LC_ALL, LANG…)',
  },
  convert: () => undefined,
};
const HELP_OPTION = flag({ zh: '显示帮助', en: 'show this help' }, { short: 'h' });

export interface ParsedCommand<O extends Options> {
  values: OptionValues<O>;
  positionals: string[];
}

/**
 * Parses a command's arguments by its table. With --help, prints the help and returns undefined
 * (the command then exits 0) before any value is validated. Unknown options and missing values
 * throw Node's ERR_PARSE_ARGS_* errors, which main.ts words in the user's language.
 */
export function parseCommand<O extends Options>(
  spec: CommandSpec<O>,
  argv: string[],
  context: Pick<CommandContext, 'language' | 'stdout'>,
): ParsedCommand<O> | undefined {
  const config: Record<string, { type: 'boolean' | 'string'; short?: string; multiple?: boolean }> = {
    help: { type: 'boolean', short: 'h' },
  };
  for (const [name, option] of Object.entries(spec.options)) {
    config[name] = {
      type: option.kind === 'flag' ? 'boolean' : 'string',
      ...(option.short !== undefined ? { short: option.short } : {}),
      ...(option.kind === 'list' ? { multiple: true } : {}),
    };
  }
  const negatable = Object.values(spec.options).some((option) => option.negatable === true);
  const parsed = parseArgs({
    args: argv,
    options: config,
    allowPositionals: spec.positionals ?? false,
    allowNegative: negatable,
    strict: true,
  });
  const raw = parsed.values as Record<string, unknown>;
  if (raw.help === true) {
    context.stdout.write(`${commandHelp(spec, context.language)}\n`);
    return undefined;
  }
  for (const [name, option] of Object.entries(spec.options)) {
    // allowNegative accepts --no-<name> for every boolean; only the negatable ones mean it.
    if (option.kind === 'flag' && option.negatable !== true && raw[name] === false) {
      throw Object.assign(new Error(`Unknown option '--no-${name}'`), { code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' });
    }
  }
  const values = Object.fromEntries(
    Object.entries(spec.options).map(([name, option]) => [
      name,
      option.convert(raw[name], { option: `--${name}`, language: context.language }),
    ]),
  );
  return { values: values as OptionValues<O>, positionals: parsed.positionals };
}

/** The help text, generated from the same table the parser reads. */
export function commandHelp<O extends Options>(spec: CommandSpec<O>, language: Language): string {
  const zh = language === 'zh-CN';
  const rows: Array<[string, string]> = [];
  const all: Array<[string, Option<unknown>]> = [
    ...Object.entries(spec.options),
    ['lang', LANGUAGE_OPTION],
    ['help', HELP_OPTION],
  ];
  for (const [name, option] of all) {
    const names = `${option.short !== undefined ? `-${option.short}, ` : ''}--${option.negatable ? `[no-]${name}` : name}`;
    const placeholder = option.placeholder ? ` ${pick(option.placeholder, language)}` : '';
    const repeat = option.kind === 'list' ? (zh ? '（可重复）' : ' (repeatable)') : '';
    const shown =
      option.shownDefault !== undefined
        ? zh
          ? `（默认 ${option.shownDefault}）`
          : ` (default ${option.shownDefault})`
        : '';
    rows.push([`${names}${placeholder}`, `${pick(option.description, language)}${shown}${repeat}`]);
  }
  const width = Math.min(34, Math.max(...rows.map(([left]) => displayWidth(left))));
  const indent = ' '.repeat(width + 4);
  const lines = rows.map(([left, right]) => {
    const body = right.split('\n').join(`\n${indent}`);
    // A long option name gets its own line, the description under it.
    return displayWidth(left) > width
      ? `  ${left}\n${indent}${body}`
      : `  ${left}${' '.repeat(width - displayWidth(left))}  ${body}`;
  });
  const sections = [
    `${zh ? '用法：' : 'Usage: '}mpflow ${spec.name} ${pick(spec.usage, language)}`,
    pick(spec.description, language),
    `${zh ? '选项：' : 'Options:'}\n${lines.join('\n')}`,
    ...(spec.epilogue ? [pick(spec.epilogue, language)] : []),
  ];
  return sections.filter((section) => section !== '').join('\n\n');
}

/** Columns on a terminal: CJK characters and full-width punctuation take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const character of text)
    width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
      character,
    )
      ? 2
      : 1;
  return width;
}
