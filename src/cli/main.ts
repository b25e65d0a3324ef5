import { readFileSync } from 'node:fs';
import {
  languageFromEnvironment,
  parseLanguage,
  pick,
  type Language,
  type LocalizedText,
} from '../core/i18n/language.ts';
import { LocalizedError } from '../core/diagnostics/localized-error.ts';
import type { CommandContext } from './context.ts';
import { CommandFailure, EXIT, UsageError } from './errors.ts';

type Command = (argv: string[], context: CommandContext) => Promise<number>;

/**
 * The one list of commands. Each is imported only when it is called: `mpflow --help` then loads
 * nothing but this file (about 0.1 s instead of 0.9 s, when all eleven came in with their
 * dependencies), and a dev-only dependency behind one command (schema-types needs
 * json-schema-to-typescript) cannot break the others in an install without devDependencies.
 */
const COMMANDS: Record<string, { load: () => Promise<Command>; summary: { zh: string; en: string } }> = {
  check: {
    load: async () => (await import('./commands/check.ts')).runCheck,
    summary: {
      zh: '检查数据模型、引用、日期、制度权重，以及内容合规与排版',
      en: 'check the content model, references, dates, policy weights, and content compliance and style',
    },
  },
  codeowners: {
    load: async () => (await import('./commands/codeowners.ts')).runCodeowners,
    summary: {
      zh: '由名册和审核规则生成 .github/CODEOWNERS（--write 写入，--check 核对）',
      en: 'generate .github/CODEOWNERS from the roster and review rules (--write, --check)',
    },
  },
  metrics: {
    load: async () => (await import('./commands/metrics.ts')).runMetrics,
    summary: {
      zh: '从微信接口或后台导出的 CSV 导入数据（metrics import）',
      en: 'import figures from the WeChat API or back-office CSV exports (metrics import)',
    },
  },
  draw: {
    load: async () => (await import('./commands/draw.ts')).runDrawCommand,
    summary: {
      zh: '可复算的活动抽签（截止时封存报名名单摘要，种子取自事先公布的 drand 轮次；--write 记录结果）',
      en: 'reproducible campaign draw (entries sealed by digest at the close, seed from an announced drand round; --write records it)',
    },
  },
  doctor: {
    load: async () => (await import('./commands/doctor.ts')).runDoctor,
    summary: {
      zh: '列出仓库要处理的事：数据格式迁移、过期的工作流、未生效的制度、待填写的内容',
      en: 'list what the repository should fix: pending migrations, drifted workflows, no policy in force, placeholders left',
    },
  },
  init: {
    load: async () => (await import('./commands/init.ts')).runInit,
    summary: {
      zh: '新建一个微信部的仓库（--update 把工作流更新到当前版本）',
      en: 'create a department repository (--update brings its workflows up to this version)',
    },
  },
  lint: {
    load: async () => (await import('./commands/lint.ts')).runLint,
    summary: {
      zh: '对任意 Markdown 文件做合规与排版检查（可 --fix 修正排版）',
      en: 'check any Markdown file for compliance and style (--fix fixes typography)',
    },
  },
  migrate: {
    load: async () => (await import('./commands/migrate.ts')).runMigrate,
    summary: {
      zh: '把仓库的数据格式迁移到当前版本（--dry-run 只显示改动）',
      en: "migrate the repository's data format to this version (--dry-run shows the diff)",
    },
  },
  new: {
    load: async () => (await import('./commands/new.ts')).runNew,
    summary: {
      zh: '新建记录（文章、选题、活动、培训、评价、面谈、校准、制度版本），按制度填好已知内容',
      en: 'create a record (article, topic, campaign, training, rating, interview, calibration, policy version) with what the policy knows filled in',
    },
  },
  publish: {
    load: async () => (await import('./commands/publish.ts')).runPublish,
    summary: {
      zh: '发布到期的文章到微信（publish --due，可 --dry-run）',
      en: 'publish the articles that are due to WeChat (publish --due, --dry-run)',
    },
  },
  render: {
    load: async () => (await import('./commands/render.ts')).runRender,
    summary: {
      zh: '把文章渲染成可粘贴进微信编辑器的 HTML（只有行内样式）',
      en: 'render an article as HTML for the WeChat editor (inline styles only)',
    },
  },
  'review-gate': {
    load: async () => (await import('./commands/review-gate.ts')).runReviewGate,
    summary: {
      zh: '核对 PR 的两阶段审核，设置 mpflow/review 状态、标签和摘要评论',
      en: "check a pull request's two-stage review; set the mpflow/review status, labels and summary comment",
    },
  },
  seal: {
    load: async () => (await import('./commands/seal.ts')).runSeal,
    summary: {
      zh: '把评价、面谈记录和校准理由用 age 加密给制度允许的读者',
      en: 'seal ratings, interview notes and calibration reasons to the readers the policy allows',
    },
  },
  score: {
    load: async () => (await import('./commands/score.ts')).runScore,
    summary: {
      zh: '按制度计算绩效得分、说明、复算与考核进度',
      en: 'score appraisals by the policy: explain, verify, diff and cycle progress',
    },
  },
  'schema-types': {
    load: async () => (await import('./commands/schema-types.ts')).runSchemaTypes,
    summary: {
      zh: '由 JSON Schema 生成 TypeScript 类型（开发用）',
      en: 'generate TypeScript types from the JSON Schemas (development)',
    },
  },
};

function mainHelp(language: Language): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const list = Object.entries(COMMANDS)
    .map(([name, command]) => `  ${name.padEnd(width)}  ${pick(command.summary, language)}`)
    .join('\n');
  return language === 'zh-CN'
    ? `mpflow —— 微信公众号部门的 git 工作系统\n\n用法：mpflow <命令> [选项]\n\n命令：\n${list}\n\n每个命令都支持 --help。全局选项：--lang zh-CN|en\n`
    : `mpflow — the git-based operating system for a WeChat Official Account department\n\nUsage: mpflow <command> [options]\n\nCommands:\n${list}\n\nEvery command takes --help. Global option: --lang zh-CN|en\n`;
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string })
      .version;
  } catch {
    return '0.0.0';
  }
}

/** Splits off the global --lang option, which every command accepts anywhere on the line. */
function takeLanguage(argv: string[], env: NodeJS.ProcessEnv): { language: Language; rest: string[] } {
  const rest: string[] = [];
  let language = languageFromEnvironment(env);
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
    const parsed = parseLanguage(value);
    if (!parsed) {
      throw new UsageError({
        zh: `--lang 只能是 zh-CN 或 en（收到“${value ?? ''}”）。`,
        en: `--lang must be zh-CN or en (got "${value ?? ''}").`,
      });
    }
    language = parsed;
  }
  return { language, rest };
}

export async function runCli(
  argv: string[],
  io: Pick<CommandContext, 'stdout' | 'stderr' | 'cwd'> & { env: NodeJS.ProcessEnv; color?: boolean },
): Promise<number> {
  let language = languageFromEnvironment(io.env);
  try {
    const { language: chosen, rest } = takeLanguage(argv, io.env);
    language = chosen;
    const [name, ...commandArgs] = rest;
    const context: CommandContext = {
      cwd: io.cwd,
      language,
      version: packageVersion(),
      color: io.color ?? false,
      stdout: io.stdout,
      stderr: io.stderr,
      env: io.env,
    };
    if (name === undefined) {
      io.stderr.write(mainHelp(language));
      return EXIT.usage;
    }
    if (name === '--help' || name === '-h' || name === 'help') {
      io.stdout.write(mainHelp(language));
      return EXIT.clean;
    }
    if (name === '--version' || name === '-v') {
      io.stdout.write(`${context.version}\n`);
      return EXIT.clean;
    }
    const command = COMMANDS[name];
    if (!command)
      throw new UsageError({
        zh: `没有“${name}”这个命令。运行 mpflow --help 查看全部命令。`,
        en: `There is no command "${name}". Run mpflow --help to list them.`,
      });
    const run = await command.load();
    return await run(commandArgs, context);
  } catch (error) {
    return reportError(error, language, io);
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
  language: Language,
  io: { stderr: CommandContext['stderr']; env: NodeJS.ProcessEnv },
): number {
  if (error instanceof LocalizedError) {
    const text = pick(error.localized, language);
    io.stderr.write(error instanceof CommandFailure && error.bare ? `${text}\n` : `mpflow: ${text}\n`);
    return error.exitCode;
  }
  if (error instanceof Error && isLocalizedText((error as { localized?: unknown }).localized)) {
    io.stderr.write(`mpflow: ${pick((error as Error & { localized: LocalizedText }).localized, language)}\n`);
    return EXIT.usage;
  }
  if (isParseArgsError(error)) {
    io.stderr.write(`mpflow: ${optionErrorMessage(error as Error & { code: string }, language)}\n`);
    return EXIT.usage;
  }
  const heading =
    language === 'zh-CN'
      ? 'mpflow 内部错误（这是 mpflow 的缺陷，不是您的操作有误）：'
      : 'mpflow internal error (a bug in mpflow, not something you did): ';
  const report =
    language === 'zh-CN'
      ? `请到 ${ISSUES_URL} 报告，附上这条命令和设置 MPFLOW_DEBUG=1 后重新运行的输出。`
      : `Please report it at ${ISSUES_URL} with the command and its output when rerun with MPFLOW_DEBUG=1.`;
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
function optionErrorMessage(error: Error & { code: string }, language: Language): string {
  // Node names an option as '--format' or '-h, --help'; the long name is the one people type.
  const named = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  const option = (named.split(/,\s*/).pop() ?? named).split(' ')[0]!;
  if (language !== 'zh-CN') {
    // Node's own wording for an unknown option talks about positional arguments, which confuses more than it helps.
    if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
      return `There is no option ${option}. Run with --help to see the options.`;
    return `${error.message.replace(/\.?$/, '.')} Run with --help to see the options.`;
  }
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `没有 ${option} 这个选项。加 --help 查看全部选项。`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take an argument/.test(error.message)
        ? `选项 ${option} 不带值。加 --help 查看用法。`
        : `选项 ${option} 需要一个值。加 --help 查看用法。`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `多余的参数。加 --help 查看用法。`;
    default:
      return error.message;
  }
}
