import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Locale, type MessageCatalogue, SHIPPED_LOCALES, type Translator } from '../core/i18n/catalogue.ts';
import {
  LOCALE_VARIABLES,
  type LocalizedText,
  languageOfLocale,
  localeFromPosix,
  renderLocalized,
} from '../core/i18n/language.ts';
import { LocalizedError } from '../core/i18n/localized-error.ts';
import { findRepositoryRoot } from '../core/repository/find-repository-root.ts';
import type { CommandContext } from './context.ts';
import { CommandFailure, EXIT, UsageError } from './errors.ts';
import { availableLocales, loadMessages, matchLocale, shippedCatalogue } from './messages.ts';

type Command = (argv: string[], context: CommandContext) => Promise<number>;

/**
 * The one list of commands. Each is imported only when it is called: `mpflow --help` then loads
 * nothing but this file (about 0.1 s instead of 0.9 s, when all eleven came in with their
 * dependencies), and a dev-only dependency behind one command (schema-types needs
 * json-schema-to-typescript) cannot break the others in an install without devDependencies.
 */
// Each command's line in `mpflow --help` is its message cli.<name>.summary.
const COMMANDS: Record<string, () => Promise<Command>> = {
  check: async () => (await import('./commands/check.ts')).runCheck,
  codeowners: async () => (await import('./commands/codeowners.ts')).runCodeowners,
  metrics: async () => (await import('./commands/metrics.ts')).runMetrics,
  draw: async () => (await import('./commands/draw.ts')).runDrawCommand,
  doctor: async () => (await import('./commands/doctor.ts')).runDoctor,
  init: async () => (await import('./commands/init.ts')).runInit,
  lint: async () => (await import('./commands/lint.ts')).runLint,
  migrate: async () => (await import('./commands/migrate.ts')).runMigrate,
  new: async () => (await import('./commands/new.ts')).runNew,
  publish: async () => (await import('./commands/publish.ts')).runPublish,
  render: async () => (await import('./commands/render.ts')).runRender,
  'review-gate': async () => (await import('./commands/review-gate.ts')).runReviewGate,
  seal: async () => (await import('./commands/seal.ts')).runSeal,
  score: async () => (await import('./commands/score.ts')).runScore,
  'schema-types': async () => (await import('./commands/schema-types.ts')).runSchemaTypes,
};

function mainHelp(messages: Translator, locales: readonly Locale[]): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const commands = Object.keys(COMMANDS)
    .map((name) => `  ${name.padEnd(width)}  ${messages.t(`cli.${name}.summary`)}`)
    .join('\n');
  return messages.t('cli.main.help', { commands, locales: locales.join('|') });
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string })
      .version;
  } catch {
    return '0.0.0';
  }
}

/**
 * Where a department's own messages are (its i18n/ folder): the --root given anywhere on the
 * line, else the repository around the working folder. `init` and `lint` may run outside one.
 */
function departmentRootOf(argv: readonly string[], cwd: string): string | undefined {
  for (let index = 0; index < argv.length && argv[index] !== '--'; index += 1) {
    const argument = argv[index]!;
    const given =
      argument === '--root' ? argv[index + 1] : argument.startsWith('--root=') ? argument.slice(7) : undefined;
    if (given !== undefined) return path.resolve(cwd, given);
  }
  return findRepositoryRoot(cwd);
}

/** The locale the environment asks for, among those available (MPFLOW_LANG, then POSIX order); else English. */
function localeFromEnvironment(env: NodeJS.ProcessEnv, available: readonly Locale[]): Locale {
  for (const name of LOCALE_VARIABLES) {
    const asked = localeFromPosix(env[name]);
    const locale = asked === undefined ? undefined : matchLocale(asked, available);
    if (locale !== undefined) return locale;
  }
  return 'en';
}

interface Speech {
  locale: Locale;
  messages: Translator;
  locales: readonly Locale[];
}

function speechIn(catalogue: MessageCatalogue, locale: Locale): Speech {
  return { locale, messages: catalogue.translator(locale), locales: availableLocales(catalogue) };
}

/** Splits off the global --lang option, which every command accepts anywhere on the line. */
function takeLocale(argv: string[], env: NodeJS.ProcessEnv, catalogue: MessageCatalogue): Speech & { rest: string[] } {
  const rest: string[] = [];
  const available = availableLocales(catalogue);
  let speech = speechIn(catalogue, localeFromEnvironment(env, available));
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    if (argument === '--') {
      rest.push(...argv.slice(index));
      break;
    }
    const value =
      argument === '--lang' ? argv[++index] : argument.startsWith('--lang=') ? argument.slice(7) : undefined;
    if (value === undefined && argument !== '--lang') {
      rest.push(argument);
      continue;
    }
    const locale = value === undefined ? undefined : matchLocale(value, available);
    if (locale === undefined) {
      const say = (language: 'zh-CN' | 'en') =>
        catalogue.translator(language).t('cli.main.unknownLocale', {
          value: value ?? '',
          locales: available.join(catalogue.translator(language).t('cli.main.localeSeparator')),
        });
      // Said in the language the environment asked for (the locale asked for is not known).
      throw new UsageError({ zh: say('zh-CN'), en: say('en') });
    }
    speech = speechIn(catalogue, locale);
  }
  return { ...speech, rest };
}

export async function runCli(
  argv: string[],
  io: Pick<CommandContext, 'stdout' | 'stderr' | 'cwd'> & { env: NodeJS.ProcessEnv; color?: boolean },
): Promise<number> {
  let speech: Speech | undefined;
  try {
    // A department's i18n/ adds its locales and overrides texts; a broken message file there is a
    // plain error with its place, like any other file of the repository.
    const catalogue = loadMessages(departmentRootOf(argv, io.cwd), io.env);
    speech = speechIn(catalogue, localeFromEnvironment(io.env, availableLocales(catalogue)));
    const { rest, ...chosen } = takeLocale(argv, io.env, catalogue);
    speech = chosen;
    const [name, ...commandArgs] = rest;
    const context: CommandContext = {
      cwd: io.cwd,
      language: languageOfLocale(speech.locale),
      messages: speech.messages,
      locales: speech.locales,
      version: packageVersion(),
      color: io.color ?? false,
      stdout: io.stdout,
      stderr: io.stderr,
      env: io.env,
    };
    if (name === undefined) {
      io.stderr.write(mainHelp(speech.messages, speech.locales));
      return EXIT.usage;
    }
    if (name === '--help' || name === '-h' || name === 'help') {
      io.stdout.write(mainHelp(speech.messages, speech.locales));
      return EXIT.clean;
    }
    if (name === '--version' || name === '-v') {
      io.stdout.write(`${context.version}\n`);
      return EXIT.clean;
    }
    const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!command) throw new UsageError(speech.messages.t('cli.main.unknownCommand', { name }));
    const run = await command();
    return await run(commandArgs, context);
  } catch (error) {
    // Before the catalogue is read (a department's message file is broken): the shipped messages.
    const messages =
      speech?.messages ?? shippedCatalogue(io.env).translator(localeFromEnvironment(io.env, SHIPPED_LOCALES));
    return reportError(error, messages, io);
  }
}

/**
 * The one place errors become messages and exit codes. mpflow's own errors (LocalizedError:
 * UsageError, CommandFailure, and the core's errors built on it) carry both languages and their
 * exit code; older core errors that carry `localized` text are the user's doing too (exit 2). Node's
 * option-parsing errors are worded here. Anything else is a bug: a short message and where to
 * report it; the stack only with MPFLOW_DEBUG=1, so a user never sees `at …` lines.
 */
function reportError(
  error: unknown,
  messages: Translator,
  io: { stderr: CommandContext['stderr']; env: NodeJS.ProcessEnv },
): number {
  if (error instanceof LocalizedError) {
    const text = renderLocalized(error.localized, messages);
    io.stderr.write(error instanceof CommandFailure && error.bare ? `${text}\n` : `mpflow: ${text}\n`);
    return error.exitCode;
  }
  if (error instanceof Error && isLocalizedText((error as { localized?: unknown }).localized)) {
    io.stderr.write(
      `mpflow: ${renderLocalized((error as Error & { localized: LocalizedText }).localized, messages)}\n`,
    );
    return EXIT.usage;
  }
  if (isParseArgsError(error)) {
    io.stderr.write(`mpflow: ${optionErrorMessage(error as Error & { code: string }, messages)}\n`);
    return EXIT.usage;
  }
  const heading = messages.t('cli.main.internalError');
  const report = messages.t('cli.main.reportBug', { url: ISSUES_URL });
  const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
  io.stderr.write(`${heading}${detail}\n${report}\n`);
  if (io.env.MPFLOW_DEBUG === '1' && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  return EXIT.usage;
}

const ISSUES_URL = 'https://github.com/mpflow/mpflow/issues';

function isLocalizedText(value: unknown): value is LocalizedText {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as LocalizedText).zh === 'string' &&
    typeof (value as LocalizedText).en === 'string'
  );
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

/** Node's option-parsing errors, in the user's language. */
function optionErrorMessage(error: Error & { code: string }, messages: Translator): string {
  // Node names an option as '--format' or '-h, --help'; the long name is the one people type.
  const named = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  const option = (named.split(/,\s*/).pop() ?? named).split(' ')[0]!;
  switch (error.code) {
    // Node's own wording for an unknown option talks about positional arguments, which confuses more than it helps.
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return messages.t('cli.main.unknownOption', { option });
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take an argument/.test(error.message)
        ? messages.t('cli.main.optionTakesNoValue', { option, node: error.message.replace(/\.?$/, '.') })
        : messages.t('cli.main.optionNeedsValue', { option, node: error.message.replace(/\.?$/, '.') });
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return messages.t('cli.main.unexpectedArgument', { node: error.message.replace(/\.?$/, '.') });
    default:
      return messages.t('cli.main.otherOptionError', { node: error.message.replace(/\.?$/, '.'), raw: error.message });
  }
}
