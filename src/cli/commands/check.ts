import path from 'node:path';
import { currentInstant } from '../../core/clock.ts';
import { checkRepository } from '../../core/check/check-repository.ts';
import { changedContent, listedContentFiles, type ChangedContent } from '../../core/check/changed-files.ts';
import { countBySeverity } from '../../core/diagnostics/problem.ts';
import { NO_CACHE, openCheckCache } from '../../core/cache/check-cache.ts';
import { pick, type Language } from '../../core/i18n/language.ts';
import { CONTENT_ROOTS } from '../../core/repository/classify-path.ts';
import { repositoryRelativePath } from '../../core/repository/find-repository-root.ts';
import { EXIT, UsageError } from '../errors.ts';
import { resolveRoot } from '../options.ts';
import { defineCommand, flag, parseCommand, value } from '../command.ts';
import { ROOT_OPTION, formatOption } from '../shared-options.ts';
import { ALL_REPORT_FORMATS, writeReport } from '../report-formats.ts';
import type { CommandContext } from '../context.ts';

export const CHECK_COMMAND = defineCommand({
  name: 'check',
  positionals: true,
  options: {
    format: formatOption(ALL_REPORT_FORMATS),
    changed: flag(),
    base: value(),
    fix: flag(),
    'no-cache': flag(),
    root: ROOT_OPTION,
    'list-rules': flag(),
  },
});

export async function runCheck(argv: string[], context: CommandContext): Promise<number> {
  const parsed = parseCommand(CHECK_COMMAND, argv, context);
  if (!parsed) return EXIT.clean;
  const { values, positionals } = parsed;
  const language = context.language;
  if (values['list-rules']) {
    context.stdout.write(await listRules(language));
    return EXIT.clean;
  }
  const format = values.format;
  const root = resolveRoot(values.root, context);
  const zh = language === 'zh-CN';
  const paths = positionals.map((given) => {
    const resolved = repositoryRelativePath(root, context.cwd, given);
    if (!resolved.ok) {
      throw new UsageError(
        resolved.reason === 'missing'
          ? { zh: `找不到“${given}”。`, en: `"${given}" does not exist.` }
          : { zh: `“${given}”不在仓库 ${root} 里。`, en: `"${given}" is outside the repository ${root}.` },
      );
    }
    const holdsContent =
      resolved.path === '.' ||
      CONTENT_ROOTS.some(
        (folder) =>
          resolved.path === folder || resolved.path.startsWith(`${folder}/`) || folder.startsWith(`${resolved.path}/`),
      );
    if (!holdsContent) {
      throw new UsageError({
        zh: `“${given}”不在 ${CONTENT_ROOTS.join(' 或 ')} 下；mpflow check 只检查这些文件夹里的文件。`,
        en: `"${given}" is not under ${CONTENT_ROOTS.join(' or ')}; mpflow check reads only those folders.`,
      });
    }
    return resolved.path;
  });
  if (values.base !== undefined && !values.changed)
    throw new UsageError({ zh: '--base 只能和 --changed 一起用。', en: '--base goes with --changed.' });
  if (values.changed && paths.length > 0)
    throw new UsageError({ zh: '--changed 不能和路径一起用。', en: '--changed cannot be combined with paths.' });
  let selection = paths;
  let changed: ChangedContent | undefined;
  if (values.changed) {
    // A base git cannot use is a ChangedFilesError: the one handler in main.ts says so, exit 2.
    changed = await changedContent(root, values.base ?? 'HEAD');
    selection = changed.changed;
    if (selection.length === 0) {
      const message = zh
        ? `✓ 相对 ${values.base ?? 'HEAD'} 没有改动的内容文件，无需检查。`
        : `✓ No content files changed since ${values.base ?? 'HEAD'}; nothing to check.`;
      await writeReport(format, [], { language, filesChecked: 0, suppressed: 0 }, context, message);
      return EXIT.clean;
    }
  }
  // A pull request's few files are checked against the rest of the repository as git lists it, without a walk.
  const listed = changed ? await listedContentFiles(root, changed) : undefined;
  const options = { ...(selection.length > 0 ? { paths: selection } : {}), ...(listed ? { files: listed } : {}) };
  if (values.fix) {
    // Typography only, and only in the articles being checked; then the check reports what is left.
    const loaded = await checkRepository(root, { ...options, compliance: false });
    const { fixTypographyInFiles } = await import('../../core/compliance/fix-files.ts');
    const fixed = await fixTypographyInFiles(
      loaded.repository.articles.map((article) => path.join(root, article.file)),
    );
    if (fixed.length > 0) {
      context.stderr.write(
        `${zh ? `已修正 ${fixed.length} 个文件的排版：` : `Fixed typography in ${fixed.length} file(s): `}${fixed.map((file) => path.relative(root, file).split(path.sep).join('/')).join(', ')}\n`,
      );
    }
  }
  const now = currentInstant(context.env ?? process.env);
  // Unchanged files are not parsed, validated and linted again (see check-cache.ts); --no-cache reads everything.
  const cache = values['no-cache'] ? NO_CACHE : openCheckCache(root, context.env ?? process.env);
  const result = await checkRepository(root, { ...options, now, cache });
  cache.save();
  const { problems, filesChecked, suppressed } = result;
  await writeReport(format, problems, { language, filesChecked, suppressed }, context);
  return countBySeverity(problems).errors > 0 ? EXIT.problems : EXIT.clean;
}

/** Every rule, the model's and the compliance engine's, with its default severity. */
export async function listRules(language: Language): Promise<string> {
  const catalog = (await import('../../core/report/rule-catalog.ts')).ruleCatalog();
  const width = Math.max(...catalog.map((rule) => rule.id.length));
  return `${catalog.map((rule) => `${rule.id.padEnd(width)}  ${rule.severity.padEnd(7)}  ${pick(rule.summary, language)} — ${pick(rule.help, language)}`).join('\n')}\n`;
}
