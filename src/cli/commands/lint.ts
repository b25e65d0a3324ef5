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
  positionals: true,
  options: {
    format: formatOption(ALL_REPORT_FORMATS),
    fix: flag(),
    'list-rules': flag(),
    moderate: flag(),
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
