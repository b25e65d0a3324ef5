import { parseArgs } from 'node:util';
import { type Locale, type MessageParams, SHIPPED_LOCALES, type Translator } from '../core/i18n/catalogue.ts';
import type { Language } from '../core/i18n/language.ts';
import type { CommandContext } from './context.ts';
import { EXIT } from './errors.ts';
import { messagesOf, type Say, sayIn, shippedCatalogue, type Speaking } from './messages.ts';

// A command is declared once, as a table of its options; both the parsing (node:util parseArgs
// underneath) and the --help text are made from that table, so the two cannot drift apart. The
// help's words are messages (src/i18n/<locale>/cli.yaml), found by the command's and the
// option's names: cli.<command>.usage, .summary, .description, .epilogue, .options.<option> and
// .placeholders.<option>, with cli.options.<option> and cli.placeholders.<option> for the options
// several commands share. test/cli/help-messages.test.ts checks that every one is written.

/** What a validator knows about the value it checks: the option's name and the reader's language. */
export interface OptionSite {
  option: string;
  language: Language;
  /** The reader's messages; without them, the shipped ones of `language`. */
  messages?: Translator;
}

/** Turns an option's text into the value the command uses, or throws a UsageError naming it. */
export type Validator<T> = (raw: string, site: OptionSite) => T;

export interface Option<T> {
  readonly kind: 'flag' | 'value' | 'list';
  readonly short?: string;
  /** A value's name in the help when it is not words (a choice's values: text|json); worded ones are messages. */
  readonly placeholder?: string;
  /** The default as the help shows it. */
  readonly shownDefault?: string;
  /** --no-<name> is accepted too (the value is then false; absent, undefined). */
  readonly negatable?: boolean;
  readonly convert: (raw: unknown, site: OptionSite) => T;
}

type Options = Record<string, Option<unknown>>;

export type OptionValues<O extends Options> = { [K in keyof O]: O[K] extends Option<infer T> ? T : never };

/** An on/off switch; false unless given. */
export function flag(options: { short?: string } = {}): Option<boolean> {
  return { kind: 'flag', ...options, convert: (raw) => raw === true };
}

/** An on/off switch with --no-<name>: true, false, or undefined when neither was given. */
export function negatableFlag(): Option<boolean | undefined> {
  return { kind: 'flag', negatable: true, convert: (raw) => (raw === undefined ? undefined : raw === true) };
}

interface PlainSpec {
  placeholder?: string;
  short?: string;
}

// The overloads name the value's type from the validator when there is one (and string when there
// is none); a generic default alone would be overridden by the table's contextual type.

/** An option with one value; `default` goes through the validator like a given value. */
export function value<T>(spec: PlainSpec & { parse: Validator<T>; default: string }): Option<T>;
export function value<T>(spec: PlainSpec & { parse: Validator<T> }): Option<T | undefined>;
export function value(spec: PlainSpec & { default: string }): Option<string>;
export function value(spec?: PlainSpec): Option<string | undefined>;
export function value(spec: PlainSpec & { parse?: Validator<unknown>; default?: string } = {}): Option<unknown> {
  const parse = spec.parse ?? ((raw: string) => raw);
  return {
    kind: 'value',
    ...optionalFields(spec),
    ...(spec.default !== undefined ? { shownDefault: spec.default } : {}),
    convert: (raw, site) => {
      const given = typeof raw === 'string' ? raw : spec.default;
      return given === undefined ? undefined : parse(given, site);
    },
  };
}

/** An option that may be given several times; its values in the order given. */
export function list<T>(spec: PlainSpec & { parse: Validator<T> }): Option<T[]>;
export function list(spec?: PlainSpec): Option<string[]>;
export function list(spec: PlainSpec & { parse?: Validator<unknown> } = {}): Option<unknown[]> {
  const parse = spec.parse ?? ((raw: string) => raw);
  return {
    kind: 'list',
    ...optionalFields(spec),
    convert: (raw, site) => (Array.isArray(raw) ? raw.map((item: string) => parse(item, site)) : []),
  };
}

function optionalFields(spec: PlainSpec): PlainSpec {
  return {
    ...(spec.placeholder !== undefined ? { placeholder: spec.placeholder } : {}),
    ...(spec.short !== undefined ? { short: spec.short } : {}),
  };
}

export interface CommandSpec<O extends Options> {
  /** The command's name, and where its help's messages are: cli.<name>.… */
  name: string;
  options: O;
  positionals?: boolean;
  /** Values the help's messages name as {param} (a constant such as the draw algorithm's name). */
  helpParams?: (messages: Translator) => MessageParams;
}

export function defineCommand<O extends Options>(spec: CommandSpec<O>): CommandSpec<O> {
  return spec;
}

/**
 * Options every command shows in its help. --lang is taken off the line by main.ts before the
 * command runs (it may stand anywhere), so the command never parses it; --help is parsed here.
 */
const LANGUAGE_OPTION: Option<unknown> = { kind: 'value', convert: () => undefined };
const HELP_OPTION = flag({ short: 'h' });

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
  context: Speaking & Pick<CommandContext, 'stdout'>,
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
    context.stdout.write(`${commandHelp(spec, messagesOf(context), context.locales)}\n`);
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
      option.convert(raw[name], {
        option: `--${name}`,
        language: context.language,
        ...(context.messages !== undefined ? { messages: context.messages } : {}),
      }),
    ]),
  );
  return { values: values as OptionValues<O>, positionals: parsed.positionals };
}

/** What a command's body is given: its parsed options, and the reader's language and messages. */
export interface CommandInput<O extends Options> extends ParsedCommand<O> {
  language: Language;
  say: Say;
}

/**
 * A command's entry point from its table and its body: --help (exit 0), the parsing and the
 * reader's messages are done here once, so every command starts the same way.
 */
export function commandRunner<O extends Options>(
  spec: CommandSpec<O>,
  body: (input: CommandInput<O>, context: CommandContext) => Promise<number>,
): (argv: string[], context: CommandContext) => Promise<number> {
  return async (argv, context) => {
    const parsed = parseCommand(spec, argv, context);
    if (parsed === undefined) return EXIT.clean;
    return body({ ...parsed, language: context.language, say: sayIn(context) }, context);
  };
}

/** The help text, generated from the same table the parser reads, in the words of the locale's messages. */
export function commandHelp<O extends Options>(
  spec: CommandSpec<O>,
  locale: Locale | Translator,
  locales: readonly Locale[] = SHIPPED_LOCALES,
): string {
  const messages = typeof locale === 'string' ? shippedCatalogue().translator(locale) : locale;
  const params = spec.helpParams?.(messages) ?? {};
  const own = (key: string) => `cli.${spec.name}.${key}`;
  // The command's own text, else the one its shared option has everywhere.
  const optionText = (section: 'options' | 'placeholders', name: string): string | undefined => {
    for (const key of [own(`${section}.${name}`), `cli.${section}.${name}`])
      if (messages.has(key)) return messages.t(key, params);
    return undefined;
  };
  const rows: Array<[string, string]> = [];
  const all: Array<[string, Option<unknown>]> = [
    ...Object.entries(spec.options),
    ['lang', { ...LANGUAGE_OPTION, placeholder: locales.join('|') }],
    ['help', HELP_OPTION],
  ];
  for (const [name, option] of all) {
    const names = `${option.short !== undefined ? `-${option.short}, ` : ''}--${option.negatable ? `[no-]${name}` : name}`;
    const placeholderText = optionText('placeholders', name) ?? option.placeholder;
    const placeholder = placeholderText !== undefined ? ` ${placeholderText}` : '';
    const repeat = option.kind === 'list' ? messages.t('cli.help.repeatable') : '';
    const shown =
      option.shownDefault !== undefined ? messages.t('cli.help.default', { value: option.shownDefault }) : '';
    const description = optionText('options', name) ?? messages.t(own(`options.${name}`));
    rows.push([`${names}${placeholder}`, `${description}${shown}${repeat}`]);
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
    messages.t('cli.help.usage', { command: spec.name, usage: messages.t(own('usage'), params) }),
    messages.t(own('description'), params),
    `${messages.t('cli.help.options')}\n${lines.join('\n')}`,
    ...(messages.has(own('epilogue')) ? [messages.t(own('epilogue'), params)] : []),
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
