import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkRepository } from '../../core/check/check-repository.ts';
import { countBySeverity } from '../../core/check/problem.ts';
import { RULE_IDS, RULES } from '../../core/check/rules.ts';
import { pick, type Language } from '../../core/i18n/language.ts';
import { CONTENT_ROOTS } from '../../core/repository/classify-path.ts';
import { findRepositoryRoot, isDirectory, repositoryRelativePath } from '../../core/repository/find-repository-root.ts';
import { formatGithub } from '../../core/report/format-github.ts';
import { formatJson } from '../../core/report/format-json.ts';
import { formatSarif } from '../../core/report/format-sarif.ts';
import { formatSummary, formatText } from '../../core/report/format-text.ts';
import { EXIT, UsageError } from '../errors.ts';
import type { CommandContext } from '../context.ts';

const CHECK_HELP = {
  zh: `用法：mpflow check [路径...] [选项]

检查整个仓库（或给出的文件、文件夹）：数据模型、交叉引用、日期和制度权重。

选项：
  --format text|json|github|sarif   输出格式（默认 text）
  --lang zh-CN|en                   消息语言（默认取自 LANG 环境变量）
  --root 目录                        仓库根目录（默认当前目录）
  --list-rules                      列出所有规则
  -h, --help                        显示帮助

退出码：0 没有错误；1 发现错误；2 用法错误或内部错误。`,
  en: `Usage: mpflow check [PATH...] [options]

Checks the whole repository (or the files and folders given): the content model, references,
dates and policy weights.

Options:
  --format text|json|github|sarif   output format (default text)
  --lang zh-CN|en                   message language (default from LANG)
  --root DIR                        repository root (default: current directory)
  --list-rules                      list every rule
  -h, --help                        show this help

Exit codes: 0 no errors; 1 errors found; 2 usage or internal error.`,
};

const FORMATS = ['text', 'json', 'github', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

export async function runCheck(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      root: { type: 'string' },
      'list-rules': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const language = context.language;
  if (values.help) {
    context.stdout.write(`${pick(CHECK_HELP, language)}\n`);
    return EXIT.clean;
  }
  if (values['list-rules']) {
    context.stdout.write(listRules(language));
    return EXIT.clean;
  }
  const format = values.format as Format;
  if (!FORMATS.includes(format)) {
    throw new UsageError(language === 'zh-CN' ? `不支持的格式“${values.format}”，可选：${FORMATS.join('、')}。` : `Unknown format "${values.format}"; use one of ${FORMATS.join(', ')}.`);
  }
  const root = resolveRoot(values.root, context);
  const zh = language === 'zh-CN';
  const paths = positionals.map((given) => {
    const resolved = repositoryRelativePath(root, context.cwd, given);
    if (!resolved.ok) {
      throw new UsageError(
        resolved.reason === 'missing'
          ? zh ? `找不到“${given}”。` : `"${given}" does not exist.`
          : zh ? `“${given}”不在仓库 ${root} 里。` : `"${given}" is outside the repository ${root}.`,
      );
    }
    const holdsContent = resolved.path === '.' || CONTENT_ROOTS.some((folder) => resolved.path === folder || resolved.path.startsWith(`${folder}/`) || folder.startsWith(`${resolved.path}/`));
    if (!holdsContent) {
      throw new UsageError(
        zh
          ? `“${given}”不在 ${CONTENT_ROOTS.join(' 或 ')} 下；mpflow check 只检查这些文件夹里的文件。`
          : `"${given}" is not under ${CONTENT_ROOTS.join(' or ')}; mpflow check reads only those folders.`,
      );
    }
    return resolved.path;
  });
  const result = await checkRepository(root, paths.length > 0 ? { paths } : {});
  const { problems, filesChecked } = result;
  switch (format) {
    case 'text':
      context.stdout.write(formatText(problems, { language, filesChecked, color: context.color }));
      break;
    case 'json':
      context.stdout.write(formatJson(problems, { language, filesChecked }));
      break;
    case 'github':
      context.stdout.write(formatGithub(problems, { language }));
      context.stderr.write(`${formatSummary(problems, { language, filesChecked })}\n`);
      break;
    case 'sarif':
      context.stdout.write(formatSarif(problems, { language, toolVersion: context.version }));
      break;
  }
  return countBySeverity(problems).errors > 0 ? EXIT.problems : EXIT.clean;
}

/** --root as given, or the nearest folder above the working directory that holds content/. */
export function resolveRoot(given: string | undefined, context: CommandContext): string {
  const zh = context.language === 'zh-CN';
  if (given !== undefined) {
    const root = path.resolve(context.cwd, given);
    if (!isDirectory(root)) throw new UsageError(zh ? `--root ${given} 不是一个文件夹。` : `--root ${given} is not a folder.`);
    return root;
  }
  const found = findRepositoryRoot(context.cwd);
  if (!found) {
    throw new UsageError(
      zh
        ? `这里不是微信部的仓库：${context.cwd} 及其上级目录中都没有 content/ 文件夹。请在仓库里运行，或用 --root 指定。`
        : `This is not a department repository: neither ${context.cwd} nor any folder above it has a content/ folder. Run mpflow inside the repository or pass --root.`,
    );
  }
  return found;
}

function listRules(language: Language): string {
  const width = Math.max(...RULE_IDS.map((id) => id.length));
  return `${RULE_IDS.map((id) => `${id.padEnd(width)}  ${RULES[id].severity.padEnd(7)}  ${pick(RULES[id].summary, language)} — ${pick(RULES[id].help, language)}`).join('\n')}\n`;
}
