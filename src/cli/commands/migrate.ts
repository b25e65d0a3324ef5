import { MigrationError } from '../../core/migrations/migration.ts';
import {
  applyMigrationPlan,
  planMigrations,
  tooNewMessage,
  type MigrationPlan,
} from '../../core/migrations/run-migrations.ts';
import { unifiedDiff } from '../../core/migrations/unified-diff.ts';
import { CommandFailure, EXIT } from '../errors.ts';
import { renderIn } from '../messages.ts';
import { resolveRoot } from '../options.ts';
import { defineCommand, flag, commandRunner } from '../command.ts';
import { ROOT_OPTION, formatOption } from '../shared-options.ts';

export const MIGRATE_COMMAND = defineCommand({
  name: 'migrate',
  options: {
    'dry-run': flag(),
    format: formatOption(['text', 'json'] as const),
    root: ROOT_OPTION,
  },
});

export const runMigrate = commandRunner(MIGRATE_COMMAND, async ({ values, say }, context) => {
  const format = values.format;
  const root = resolveRoot(values.root, context);
  let plan: MigrationPlan;
  try {
    plan = await planMigrations(root);
  } catch (error) {
    if (!(error instanceof MigrationError)) throw error;
    throw new CommandFailure(
      say('migrate.noFileChanged', { file: error.file, reason: renderIn(context)(error.localized) }),
      EXIT.problems,
      { bare: true, cause: error },
    );
  }
  const dryRun = values['dry-run'];
  if (format === 'json') {
    context.stdout.write(
      `${JSON.stringify(
        {
          version: plan.version,
          latest: plan.latest,
          dryRun,
          migrations: plan.steps.map((step) => ({
            id: step.id,
            from: step.from,
            to: step.to,
            description: renderIn(context)(step.description),
          })),
          changes: plan.changes.map((change) => ({
            path: change.path,
            action: change.before === undefined ? 'create' : change.after === undefined ? 'delete' : 'modify',
            diff: unifiedDiff(change.path, change.before, change.after),
          })),
        },
        null,
        2,
      )}\n`,
    );
  }
  if (plan.version > plan.latest) {
    if (format === 'text')
      context.stderr.write(`mpflow: ${renderIn(context)(tooNewMessage(plan.version, plan.latest))}\n`);
    return EXIT.usage;
  }
  if (plan.steps.length === 0) {
    if (format === 'text') context.stdout.write(say('migrate.dataFormatAlreadyVersion', { version: plan.version }));
    return EXIT.clean;
  }
  if (format === 'text') {
    const lines = [say('migrate.dataFormatVersionVersion', { version: plan.version, latest: plan.latest })];
    for (const step of plan.steps)
      lines.push(`  ${step.id} (${step.from} → ${step.to}): ${renderIn(context)(step.description)}`);
    context.stdout.write(`${lines.join('\n')}\n`);
  }
  if (dryRun) {
    if (format === 'text') {
      context.stdout.write(
        `\n${plan.changes.map((change) => unifiedDiff(change.path, change.before, change.after)).join('')}\n`,
      );
      context.stdout.write(say('migrate.dryRunNothingWritten', { changesCount: plan.changes.length }));
    }
    return EXIT.clean;
  }
  try {
    await applyMigrationPlan(root, plan);
  } catch (error) {
    const reason = (error as Error).message;
    throw new CommandFailure(say('migrate.writingFailedNoFile', { reason }), EXIT.problems, { cause: error });
  }
  if (format === 'text') {
    const changed = plan.changes
      .map((change) => `  ${change.before === undefined ? '+' : change.after === undefined ? '-' : 'M'} ${change.path}`)
      .join('\n');
    context.stdout.write(say('migrate.migratedVersionReviewGit', { latest: plan.latest, changed }));
  }
  return EXIT.clean;
});
