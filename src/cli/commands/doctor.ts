import { currentInstant } from '../../core/clock.ts';
import { diagnose } from '../../core/doctor/diagnose.ts';
import { EXIT } from '../errors.ts';
import { renderIn } from '../messages.ts';
import { resolveRoot } from '../options.ts';
import { defineCommand, commandRunner } from '../command.ts';
import { ROOT_OPTION, formatOption } from '../shared-options.ts';

export const DOCTOR_COMMAND = defineCommand({
  name: 'doctor',
  options: {
    format: formatOption(['text', 'json'] as const),
    root: ROOT_OPTION,
  },
});

export const runDoctor = commandRunner(DOCTOR_COMMAND, async ({ values, say }, context) => {
  const format = values.format;
  const root = resolveRoot(values.root, context);
  const diagnosis = await diagnose(root, currentInstant(context.env ?? process.env));
  const exit = diagnosis.findings.length === 0 ? EXIT.clean : EXIT.problems;
  if (format === 'json') {
    context.stdout.write(
      `${JSON.stringify(
        {
          ok: exit === EXIT.clean,
          today: diagnosis.today,
          schemaVersion: diagnosis.schemaVersion,
          latestSchemaVersion: diagnosis.latestSchemaVersion,
          findings: diagnosis.findings.map((finding) => ({
            ...finding,
            message: renderIn(context)(finding.message),
            fix: renderIn(context)(finding.fix),
          })),
          notes: diagnosis.notes.map((note) => renderIn(context)(note)),
        },
        null,
        2,
      )}\n`,
    );
    return exit;
  }
  const lines: string[] = [];
  for (const finding of diagnosis.findings) {
    const where =
      finding.file === undefined
        ? ''
        : `${finding.file}${finding.line === undefined ? '' : `:${finding.line}${finding.column === undefined ? '' : `:${finding.column}`}`}  `;
    lines.push(
      `${where}${finding.kind}  ${renderIn(context)(finding.message)}`,
      `    → ${renderIn(context)(finding.fix)}`,
    );
  }
  for (const note of diagnosis.notes) lines.push(`${say('doctor.note')}: ${renderIn(context)(note)}`);
  const count = diagnosis.findings.length;
  lines.push(
    count === 0
      ? say('doctor.nothingFixDataFormat', { schemaVersion: diagnosis.schemaVersion, today: diagnosis.today })
      : say('doctor.thingFix', { count }),
  );
  context.stdout.write(`${lines.join('\n')}\n`);
  return exit;
});
