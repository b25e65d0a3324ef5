import { parseArgs } from 'node:util';
import { compareProblems, countBySeverity } from '../../core/diagnostics/problem.ts';
import { fixTypographyInFiles } from '../../core/compliance/fix-files.ts';
import { expandMarkdownPaths, lintFiles, moderationOf, nearestPolicy } from '../../core/compliance/lint-files.ts';
import type { PolicyVersion } from '../../core/compliance/engine.ts';
import { currentInstant } from '../../core/clock.ts';
import { splitFrontMatter } from '../../core/source/front-matter.ts';
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
  --moderate                                 把缓存里没有结论的段落发给制度 compliance.moderation 配置的云端审核，
                                             结论按段落摘要写入仓库里的缓存（密钥从环境变量读取）
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
  --moderate                                 send the paragraphs the cache has no verdict for to the cloud
                                             moderation of the policy's compliance.moderation, and record the
                                             verdicts by paragraph digest in the repository (key from the environment)
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
      moderate: { type: 'boolean', default: false },
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
  if (values.moderate) await refreshModeration(context, files, policy);
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

/**
 * lint --moderate: the paragraphs of the files' bodies that the cache has no verdict for go to the
 * provider, one request each; the cache is written once, after every answer came (nothing
 * half-written when the provider fails midway).
 */
async function refreshModeration(context: CommandContext, files: readonly string[], policy: PolicyVersion | undefined): Promise<void> {
  const zh = context.language === 'zh-CN';
  const cloud = moderationOf(context.cwd, policy);
  if (!cloud) throw new UsageError(zh ? '--moderate 需要在部门仓库里、且制度的 compliance.moderation 配置了 provider、endpoint 和 keyEnv。' : '--moderate needs a department repository whose policy sets compliance.moderation (provider, endpoint, keyEnv).');
  const { moderate, paragraphsOf, readModerationCache, writeModerationCache, ModerationError } = await import('../../core/compliance/moderation.ts');
  const { readFileSync } = await import('node:fs');
  const paragraphs: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8').replace(/\r\n?/g, '\n');
    const split = splitFrontMatter(text);
    for (const paragraph of paragraphsOf(split.kind === 'ok' ? split.body : text)) paragraphs.push(paragraph.text);
  }
  const before = readModerationCache(cloud.cacheFile);
  try {
    const { cache, sent } = await moderate(cloud.settings, paragraphs, before, { env: context.env ?? process.env, now: currentInstant(context.env ?? process.env) });
    if (sent > 0) await writeModerationCache(cloud.cacheFile, cache);
    context.stderr.write(`${zh ? `云端审核：发送 ${sent} 段，${paragraphs.length - sent} 段已有缓存结论。` : `Cloud moderation: ${sent} paragraph(s) sent, ${paragraphs.length - sent} already cached.`}\n`);
  } catch (error) {
    if (error instanceof ModerationError) throw new UsageError(zh ? `云端审核失败（缓存未改动）：${error.message}` : `Cloud moderation failed (cache unchanged): ${error.message}`);
    throw error;
  }
}
