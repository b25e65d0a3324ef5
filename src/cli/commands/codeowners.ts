import { pick } from '../../core/i18n/language.ts';
import { formatText } from '../../core/report/format-text.ts';
import {
  CODEOWNERS_PATH,
  compareCodeowners,
  generateCodeowners,
  readCodeownersSources,
  readCommittedCodeowners,
  writeCodeowners,
} from '../../core/team/codeowners.ts';
import type { CommandContext } from '../context.ts';
import { EXIT, UsageError } from '../errors.ts';
import { resolveRoot } from '../options.ts';
import { defineCommand, flag, parseCommand } from '../command.ts';
import { ROOT_OPTION, formatOption } from '../shared-options.ts';
import { writeReport } from '../report-formats.ts';

export const CODEOWNERS_COMMAND = defineCommand({
  name: 'codeowners',
  options: {
    write: flag(),
    check: flag(),
    format: formatOption(['text', 'json', 'github'] as const),
    root: ROOT_OPTION,
  },
});

export async function runCodeowners(argv: string[], context: CommandContext): Promise<number> {
  const parsed = parseCommand(CODEOWNERS_COMMAND, argv, context);
  if (!parsed) return EXIT.clean;
  const { values } = parsed;
  const language = context.language;
  const zh = language === 'zh-CN';
  if (values.write && values.check)
    throw new UsageError({ zh: '--write 和 --check 只能选一个。', en: 'Use --write or --check, not both.' });
  const root = resolveRoot(values.root, context);

  const read = await readCodeownersSources(root);
  if (!read.ok) {
    const filesChecked = new Set(read.problems.map((problem) => problem.file)).size;
    if (values.format === 'text') context.stderr.write(formatText(read.problems, { language, filesChecked }));
    else await writeReport(values.format, read.problems, { language, filesChecked, suppressed: 0 }, context);
    context.stderr.write(
      zh
        ? '名册或制度文件有错误，无法生成 CODEOWNERS。请先改正上面的问题（npx mpflow check 会列出全部问题）。\n'
        : 'The roster or a policy file has errors, so CODEOWNERS cannot be generated. Fix the problems above first (npx mpflow check lists them all).\n',
    );
    return EXIT.problems;
  }
  const { text, notes } = generateCodeowners(read.sources);
  for (const note of notes) context.stderr.write(`${zh ? '注意' : 'Note'}: ${pick(note, language)}\n`);

  if (values.check) {
    const committed = await readCommittedCodeowners(root);
    if (committed === undefined) {
      context.stderr.write(
        zh
          ? `没有 ${CODEOWNERS_PATH}。运行 npx mpflow codeowners --write 生成它并提交。\n`
          : `There is no ${CODEOWNERS_PATH}. Run npx mpflow codeowners --write to generate it, and commit it.\n`,
      );
      return EXIT.problems;
    }
    const comparison = compareCodeowners(text, committed);
    if (comparison.upToDate) {
      context.stdout.write(
        zh
          ? `✓ ${CODEOWNERS_PATH} 与名册和制度一致。\n`
          : `✓ ${CODEOWNERS_PATH} is up to date with the roster and the policy.\n`,
      );
      return EXIT.clean;
    }
    const lines = [
      ...comparison.missing.map((line) => `  + ${line}`),
      ...comparison.extra.map((line) => `  - ${line}`),
    ];
    context.stderr.write(
      (zh
        ? `${CODEOWNERS_PATH} 已过期，与 content/team.yaml 和 ${read.sources.policyFile} 不一致。运行 npx mpflow codeowners --write 并提交结果。\n`
        : `${CODEOWNERS_PATH} is out of date with content/team.yaml and ${read.sources.policyFile}. Run npx mpflow codeowners --write and commit the result.\n`) +
        (lines.length > 0
          ? `${zh ? '应有（+）和多出（-）的行：' : 'Lines to add (+) and remove (-):'}\n${lines.join('\n')}\n`
          : zh
            ? '（只有行的顺序或空白不同。）\n'
            : '(Only the order of lines or whitespace differs.)\n'),
    );
    return EXIT.problems;
  }
  if (values.write) {
    await writeCodeowners(root, text);
    context.stdout.write(
      zh
        ? `已写入 ${CODEOWNERS_PATH}（依据 ${read.sources.policyFile}）。\n`
        : `Wrote ${CODEOWNERS_PATH} (from ${read.sources.policyFile}).\n`,
    );
    return EXIT.clean;
  }
  context.stdout.write(text);
  return EXIT.clean;
}
