import path from 'node:path';
import { loadRepository } from '../../core/repository/load-repository.ts';
import { CommandFailure, EXIT } from '../errors.ts';
import { resolveRoot } from '../options.ts';
import { defineCommand, commandRunner } from '../command.ts';
import { ROOT_OPTION } from '../shared-options.ts';

export const SEAL_COMMAND = defineCommand({
  name: 'seal',
  positionals: true,
  options: { root: ROOT_OPTION },
});

export const runSeal = commandRunner(SEAL_COMMAND, async ({ values, positionals, say }, context) => {
  const root = resolveRoot(values.root, context);
  const only =
    positionals.length > 0
      ? positionals.map((file) => path.relative(root, path.resolve(context.cwd, file)).split(path.sep).join('/'))
      : undefined;
  const { repository } = await loadRepository(root, { identities: [] });
  const { sealInputs, SealRefused } = await import('../../core/appraisal-privacy/seal-files.ts');
  try {
    const plan = await sealInputs(repository, only);
    for (const { to, readers } of plan.sealed) context.stdout.write(say('seal.sealedReaders', { to, readers }));
    for (const file of plan.finalisations) context.stdout.write(say('seal.reLocked', { file }));
    for (const file of plan.calibrations) context.stdout.write(say('seal.sealedCalibrationReasons', { file }));
    if (plan.sealed.length === 0 && plan.calibrations.length === 0) context.stdout.write(say('seal.noPlainRecordSeal'));
    return EXIT.clean;
  } catch (error) {
    // Refused before anything changed: the reason as it is, exit 1.
    if (error instanceof SealRefused)
      throw new CommandFailure(error.localized, EXIT.problems, { bare: true, cause: error });
    throw error;
  }
});
