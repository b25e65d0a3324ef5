import { compareProblems, countBySeverity } from '../../core/diagnostics/problem.ts';
import { fixTypographyInFiles } from '../../core/compliance/fix-files.ts';
import { expandMarkdownPaths, lintFiles, moderationOf, nearestPolicy } from '../../core/compliance/lint-files.ts';
import type { PolicyVersion } from '../../core/compliance/engine.ts';
import { currentInstant } from '../../core/clock.ts';
import { splitFrontMatter } from '../../core/source/front-matter.ts';
import { EXIT, UsageError } from '../errors.ts';
import { defineCommand, flag, parseCommand } from '../command.ts';
import { formatOption } from '../shared-options.ts';
import { ALL_REPORT_FORMATS, writeReport } from '../report-formats.ts';
import type { CommandContext } from '../context.ts';
import { listRules } from './check.ts';

export const LINT_COMMAND = defineCommand({
  name: 'lint',
  usage: { zh: '文件或文件夹... [选项]', en: 'FILE-OR-FOLDER... [options]' },
  description: {
    zh: `对任意 Markdown 文件做合规与排版检查（头信息可有可无，不必在部门仓库里）：
广告法绝对化用语、医疗功效、金融与教育承诺、诱导分享/关注、转载与原创、团队词库、
中文排版、结构与可读性、微信限制。在部门仓库里使用当前制度的阈值，否则用默认值。

豁免某一行：<!-- mpflow-disable-next-line 规则编号: 理由 -->（必须写理由）`,
    en: `Checks any Markdown file for compliance and style (front matter optional, no repository needed):
Advertising Law absolute terms, medical claims, finance and education guarantees, inducing shares
and follows, reprints and originality, the team lexicon, Chinese typography, structure and
readability, WeChat limits. Inside a department repository the current policy's thresholds
apply; elsewhere the defaults.

Suppress one line: <!-- mpflow-disable-next-line RULE-ID: reason --> (the reason is required)`,
  },
  positionals: true,
  options: {
    format: formatOption(ALL_REPORT_FORMATS),
    fix: flag({ zh: '自动修正排版问题（只改排版）', en: 'fix typography in place (typography only)' }),
    'list-rules': flag({ zh: '列出所有规则', en: 'list every rule' }),
    moderate: flag({
      zh: '把缓存里没有结论的段落发给制度 compliance.moderation 配置的云端审核，\n结论按段落摘要写入仓库里的缓存（密钥从环境变量读取）',
      en: "send the paragraphs the cache has no verdict for to the cloud moderation\nof the policy's compliance.moderation, and record the verdicts by paragraph\ndigest in the repository (key from the environment)",
    }),
  },
  epilogue: {
    zh: '退出码：0 没有错误；1 发现错误；2 用法错误。',
    en: 'Exit codes: 0 no errors; 1 errors found; 2 usage error.',
  },
});

export async function runLint(argv: string[], context: CommandContext): Promise<number> {
  const parsed = parseCommand(LINT_COMMAND, argv, context);
  if (!parsed) return EXIT.clean;
  const { values, positionals } = parsed;
  const language = context.language;
  const zh = language === 'zh-CN';
  if (values['list-rules']) {
    context.stdout.write(await listRules(language));
    return EXIT.clean;
  }
  const format = values.format;
  if (positionals.length === 0)
    throw new UsageError({
      zh: '请给出要检查的 Markdown 文件或文件夹。',
      en: 'Name the Markdown files or folders to lint.',
    });
  const { files, missing } = expandMarkdownPaths(context.cwd, positionals);
  if (missing.length > 0)
    throw new UsageError({ zh: `找不到：${missing.join('、')}。`, en: `Not found: ${missing.join(', ')}.` });
  if (files.length === 0)
    throw new UsageError({ zh: '给出的文件夹里没有 Markdown 文件。', en: 'The folders given hold no Markdown files.' });

  if (values.fix) {
    const fixed = await fixTypographyInFiles(files);
    if (fixed.length > 0)
      context.stderr.write(
        `${zh ? `已修正 ${fixed.length} 个文件的排版。` : `Fixed typography in ${fixed.length} file(s).`}\n`,
      );
  }
  const policy = await nearestPolicy(context.cwd);
  if (values.moderate) await refreshModeration(context, files, policy);
  const { problems, suppressed, filesChecked } = await lintFiles(context.cwd, files, policy);
  problems.sort(compareProblems);
  const summary = { language, filesChecked, suppressed };
  await writeReport(format, problems, summary, context);
  return countBySeverity(problems).errors > 0 ? EXIT.problems : EXIT.clean;
}

/**
 * lint --moderate: the paragraphs of the files' bodies that the cache has no verdict for go to the
 * provider, one request each; the cache is written once, after every answer came (nothing
 * half-written when the provider fails midway).
 */
async function refreshModeration(
  context: CommandContext,
  files: readonly string[],
  policy: PolicyVersion | undefined,
): Promise<void> {
  const zh = context.language === 'zh-CN';
  const cloud = moderationOf(context.cwd, policy);
  if (!cloud)
    throw new UsageError({
      zh: '--moderate 需要在部门仓库里、且制度的 compliance.moderation 配置了 provider、endpoint 和 keyEnv。',
      en: '--moderate needs a department repository whose policy sets compliance.moderation (provider, endpoint, keyEnv).',
    });
  const { moderate, paragraphsOf, readModerationCache, writeModerationCache, ModerationError } = await import(
    '../../core/compliance/moderation.ts'
  );
  const { readFileSync } = await import('node:fs');
  const paragraphs: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8').replace(/\r\n?/g, '\n');
    const split = splitFrontMatter(text);
    for (const paragraph of paragraphsOf(split.kind === 'ok' ? split.body : text)) paragraphs.push(paragraph.text);
  }
  const before = readModerationCache(cloud.cacheFile);
  try {
    const { cache, sent } = await moderate(cloud.settings, paragraphs, before, {
      env: context.env ?? process.env,
      now: currentInstant(context.env ?? process.env),
    });
    if (sent > 0) await writeModerationCache(cloud.cacheFile, cache);
    context.stderr.write(
      `${zh ? `云端审核：发送 ${sent} 段，${paragraphs.length - sent} 段已有缓存结论。` : `Cloud moderation: ${sent} paragraph(s) sent, ${paragraphs.length - sent} already cached.`}\n`,
    );
  } catch (error) {
    if (error instanceof ModerationError)
      throw new UsageError({
        zh: `云端审核失败（缓存未改动）：${error.message}`,
        en: `Cloud moderation failed (cache unchanged): ${error.message}`,
      });
    throw error;
  }
}
