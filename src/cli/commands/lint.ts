import { parseArgs } from 'node:util';
import { compareProblems, countBySeverity } from '../../core/check/problem.ts';
import { fixTypographyInFiles } from '../../core/compliance/fix-files.ts';
import { expandMarkdownPaths, lintFiles, nearestPolicy } from '../../core/compliance/lint-files.ts';
import { formatGithub } from '../../core/report/format-github.ts';
import { formatJson } from '../../core/report/format-json.ts';
import { formatMarkdown } from '../../core/report/format-markdown.ts';
import { formatSarif } from '../../core/report/format-sarif.ts';
import { formatSummary, formatText } from '../../core/report/format-text.ts';
import { EXIT, UsageError } from '../errors.ts';
import { parseFormat, writeHelp } from '../options.ts';
import type { CommandContext } from '../context.ts';
import { listRules } from './check.ts';

const LINT_HELP = {
  zh: `用法：mpflow lint 文件或文件夹... [选项]

对任意 Markdown 文件做合规与排版检查（头信息可有可无，不必在部门仓库里）：
广告法绝对化用语、医疗功效、金融与教育承诺、诱导分享/关注、转载与原创、团队词库、
中文排版、结构与可读性、微信限制。在部门仓库里使用当前制度的阈值，否则用默认值。

豁免某一行：<!-- mpflow-disable-next-line 规则编号: 理由 -->（必须写理由）

选项：
  --format text|json|github|sarif|markdown   输出格式（默认 text）
  --fix                                      自动修正排版问题（只改排版）
  --list-rules                               列出所有规则
  --lang zh-CN|en                            消息语言
  -h, --help                                 显示帮助

退出码：0 没有错误；1 发现错误；2 用法错误。`,
  en: `Usage: mpflow lint FILE-OR-FOLDER... [options]

Checks any Markdown file for compliance and style (front matter optional, no repository needed):
Advertising Law absolute terms, medical claims, finance and education guarantees, inducing shares
and follows, reprints and originality, the team lexicon, Chinese typography, structure and
readability, WeChat limits. Inside a department repository the current policy's thresholds
apply; elsewhere the defaults.

Suppress one line: <!-- mpflow-disable-next-line RULE-ID: reason --> (the reason is required)

Options:
  --format text|json|github|sarif|markdown   output format (default text)
  --fix                                      fix typography in place (typography only)
  --list-rules                               list every rule
  --lang zh-CN|en                            message language
  -h, --help                                 show this help

Exit codes: 0 no errors; 1 errors found; 2 usage error.`,
};

const FORMATS = ['text', 'json', 'github', 'sarif', 'markdown'] as const;

export async function runLint(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      fix: { type: 'boolean', default: false },
      'list-rules': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const language = context.language;
  const zh = language === 'zh-CN';
  if (values.help) return writeHelp(LINT_HELP, context);
  if (values['list-rules']) {
    context.stdout.write(await listRules(language));
    return EXIT.clean;
  }
  const format = parseFormat(values.format, FORMATS, language);
  if (positionals.length === 0) throw new UsageError(zh ? '请给出要检查的 Markdown 文件或文件夹。' : 'Name the Markdown files or folders to lint.');
  const { files, missing } = expandMarkdownPaths(context.cwd, positionals);
  if (missing.length > 0) throw new UsageError(zh ? `找不到：${missing.join('、')}。` : `Not found: ${missing.join(', ')}.`);
  if (files.length === 0) throw new UsageError(zh ? '给出的文件夹里没有 Markdown 文件。' : 'The folders given hold no Markdown files.');

  if (values.fix) {
    const fixed = await fixTypographyInFiles(files);
    if (fixed.length > 0) context.stderr.write(`${zh ? `已修正 ${fixed.length} 个文件的排版。` : `Fixed typography in ${fixed.length} file(s).`}\n`);
  }
  const policy = await nearestPolicy(context.cwd);
  const { problems, suppressed, filesChecked } = await lintFiles(context.cwd, files, policy);
  problems.sort(compareProblems);
  const summary = { language, filesChecked, suppressed };
  switch (format) {
    case 'text':
      context.stdout.write(formatText(problems, { ...summary, color: context.color }));
      break;
    case 'json':
      context.stdout.write(formatJson(problems, summary));
      break;
    case 'github':
      context.stdout.write(formatGithub(problems, { language }));
      context.stderr.write(`${formatSummary(problems, summary)}\n`);
      break;
    case 'sarif':
      context.stdout.write(formatSarif(problems, { language, toolVersion: context.version, suppressed }));
      break;
    case 'markdown':
      context.stdout.write(formatMarkdown(problems, summary));
      break;
  }
  return countBySeverity(problems).errors > 0 ? EXIT.problems : EXIT.clean;
}
