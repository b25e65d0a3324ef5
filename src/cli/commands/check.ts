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
import { defineCommand, flag, commandRunner, value } from '../command.ts';
import { ROOT_OPTION, formatOption } from '../shared-options.ts';
import { ALL_REPORT_FORMATS, writeReport } from '../report-formats.ts';
import type { FamilyRegistry } from '../../core/compliance/registry.ts';

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

export const runCheck = commandRunner(CHECK_COMMAND, async ({ values, positionals, say, language }, context) => {
  if (values['list-rules']) {
    context.stdout.write(await listRules(language));
    return EXIT.clean;
  }
  const format = values.format;
  const root = resolveRoot(values.root, context);
  const paths = positionals.map((given) => {
    const resolved = repositoryRelativePath(root, context.cwd, given);
    if (!resolved.ok) {
      throw new UsageError(
        resolved.reason === 'missing'
          ? say('check.doesNotExist', { given })
          : say('check.outsideRepository', { given, root }),
      );
    }
    const holdsContent =
      resolved.path === '.' ||
      CONTENT_ROOTS.some(
        (folder) =>
          resolved.path === folder || resolved.path.startsWith(`${folder}/`) || folder.startsWith(`${resolved.path}/`),
      );
    if (!holdsContent) {
      throw new UsageError(
        say('check.notUnderCheckReads', {
          given,
          roots: CONTENT_ROOTS.join(say('check.or')),
        }),
      );
    }
    return resolved.path;
  });
  if (values.base !== undefined && !values.changed) throw new UsageError(say('check.baseGoesChanged'));
  if (values.changed && paths.length > 0) throw new UsageError(say('check.changedCannotCombinedPaths'));
  let selection = paths;
  let changed: ChangedContent | undefined;
  if (values.changed) {
    // A base git cannot use is a ChangedFilesError: the one handler in main.ts says so, exit 2.
    changed = await changedContent(root, values.base ?? 'HEAD');
    selection = changed.changed;
    if (selection.length === 0) {
      const message = say('check.noContentFilesChanged', { base: values.base ?? 'HEAD' });
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
        `${say('check.fixedTypographyFile', { fixedCount: fixed.length })}${fixed.map((file) => path.relative(root, file).split(path.sep).join('/')).join(', ')}\n`,
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
});

/** Every rule, the model's and the compliance engine's, with its default severity. */
export async function listRules(language: Language, registry?: FamilyRegistry): Promise<string> {
  const catalog = (await import('../../core/report/rule-catalog.ts')).ruleCatalog(registry?.rulesById);
  const width = Math.max(...catalog.map((rule) => rule.id.length));
  return `${catalog.map((rule) => `${rule.id.padEnd(width)}  ${rule.severity.padEnd(7)}  ${pick(rule.summary, language)} — ${pick(rule.help, language)}`).join('\n')}\n`;
}
