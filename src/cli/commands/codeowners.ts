import { formatText } from '../../core/report/format-text.ts';
import {
  CODEOWNERS_PATH,
  compareCodeowners,
  generateCodeowners,
  readCodeownersSources,
  readCommittedCodeowners,
  writeCodeowners,
} from '../../core/team/codeowners.ts';
import { EXIT, UsageError } from '../errors.ts';
import { renderIn } from '../messages.ts';
import { resolveRoot } from '../options.ts';
import { defineCommand, flag, commandRunner } from '../command.ts';
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

export const runCodeowners = commandRunner(CODEOWNERS_COMMAND, async ({ values, say, language }, context) => {
  if (values.write && values.check) throw new UsageError(say('codeowners.useWriteCheckNot'));
  const root = resolveRoot(values.root, context);

  const read = await readCodeownersSources(root);
  if (!read.ok) {
    const filesChecked = new Set(read.problems.map((problem) => problem.file)).size;
    if (values.format === 'text') context.stderr.write(formatText(read.problems, { language, filesChecked }));
    else await writeReport(values.format, read.problems, { language, filesChecked, suppressed: 0 }, context);
    context.stderr.write(say('codeowners.rosterPolicyFileErrors'));
    return EXIT.problems;
  }
  const { text, notes } = generateCodeowners(read.sources);
  for (const note of notes) context.stderr.write(`${say('codeowners.note')}: ${renderIn(context)(note)}\n`);

  if (values.check) {
    const committed = await readCommittedCodeowners(root);
    if (committed === undefined) {
      context.stderr.write(say('codeowners.thereNoRunNpx', { codeownersPath: CODEOWNERS_PATH }));
      return EXIT.problems;
    }
    const comparison = compareCodeowners(text, committed);
    if (comparison.upToDate) {
      context.stdout.write(say('codeowners.upDateRosterPolicy', { codeownersPath: CODEOWNERS_PATH }));
      return EXIT.clean;
    }
    const lines = [
      ...comparison.missing.map((line) => `  + ${line}`),
      ...comparison.extra.map((line) => `  - ${line}`),
    ];
    context.stderr.write(
      say('codeowners.outDateContentTeam', { codeownersPath: CODEOWNERS_PATH, policyFile: read.sources.policyFile }) +
        (lines.length > 0
          ? `${say('codeowners.linesAddRemove')}\n${lines.join('\n')}\n`
          : say('codeowners.onlyOrderLinesWhitespace')),
    );
    return EXIT.problems;
  }
  if (values.write) {
    await writeCodeowners(root, text);
    context.stdout.write(
      say('codeowners.wroteFrom', { codeownersPath: CODEOWNERS_PATH, policyFile: read.sources.policyFile }),
    );
    return EXIT.clean;
  }
  context.stdout.write(text);
  return EXIT.clean;
});
