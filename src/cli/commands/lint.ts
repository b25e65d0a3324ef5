import { compareProblems, countBySeverity } from '../../core/diagnostics/problem.ts';
import { fixTypographyInFiles } from '../../core/compliance/fix-files.ts';
import { expandMarkdownPaths, lintFiles, moderationOf, nearestPolicy } from '../../core/compliance/lint-files.ts';
import type { PolicyVersion } from '../../core/compliance/engine.ts';
import { currentInstant } from '../../core/clock.ts';
import { splitFrontMatter } from '../../core/source/front-matter.ts';
import { EXIT, UsageError } from '../errors.ts';
import { defineCommand, flag, commandRunner } from '../command.ts';
import { formatOption } from '../shared-options.ts';
import { ALL_REPORT_FORMATS, writeReport } from '../report-formats.ts';
import type { CommandContext } from '../context.ts';
import { listRules } from './check.ts';
import { sayIn } from '../messages.ts';

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

export const runLint = commandRunner(LINT_COMMAND, async ({ values, positionals, say, language }, context) => {
  if (values['list-rules']) {
    context.stdout.write(await listRules(language));
    return EXIT.clean;
  }
  const format = values.format;
  if (positionals.length === 0) throw new UsageError(say('lint.nameMarkdownFilesFolders'));
  const { files, missing } = expandMarkdownPaths(context.cwd, positionals);
  if (missing.length > 0) throw new UsageError(say('lint.notFound', { missing: missing.join(say('listSeparator')) }));
  if (files.length === 0) throw new UsageError(say('lint.foldersGivenHoldNo'));

  if (values.fix) {
    const fixed = await fixTypographyInFiles(files);
    if (fixed.length > 0) context.stderr.write(`${say('lint.fixedTypographyFile', { fixedCount: fixed.length })}\n`);
  }
  const policy = await nearestPolicy(context.cwd);
  if (values.moderate) await refreshModeration(context, files, policy);
  const { problems, suppressed, filesChecked } = await lintFiles(context.cwd, files, policy);
  problems.sort(compareProblems);
  const summary = { language, filesChecked, suppressed };
  await writeReport(format, problems, summary, context);
  return countBySeverity(problems).errors > 0 ? EXIT.problems : EXIT.clean;
});

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
  const say = sayIn(context);
  const cloud = moderationOf(context.cwd, policy);
  if (!cloud) throw new UsageError(say('lint.moderateNeedsDepartmentRepository'));
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
    context.stderr.write(`${say('lint.cloudModerationParagraphSent', { sent, cached: paragraphs.length - sent })}\n`);
  } catch (error) {
    if (error instanceof ModerationError)
      throw new UsageError(say('lint.cloudModerationFailedCache', { message: error.message }));
    throw error;
  }
}
