import { pick } from '../../core/i18n/language.ts';
import { MigrationError } from '../../core/migrations/migration.ts';
import {
  applyMigrationPlan,
  planMigrations,
  tooNewMessage,
  type MigrationPlan,
} from '../../core/migrations/run-migrations.ts';
import { unifiedDiff } from '../../core/migrations/unified-diff.ts';
import type { CommandContext } from '../context.ts';
import { CommandFailure, EXIT } from '../errors.ts';
import { resolveRoot } from '../options.ts';
import { defineCommand, flag, parseCommand } from '../command.ts';
import { ROOT_OPTION, formatOption } from '../shared-options.ts';

export const MIGRATE_COMMAND = defineCommand({
  name: 'migrate',
  options: {
    'dry-run': flag(),
    format: formatOption(['text', 'json'] as const),
    root: ROOT_OPTION,
  },
});

export async function runMigrate(argv: string[], context: CommandContext): Promise<number> {
  const parsed = parseCommand(MIGRATE_COMMAND, argv, context);
  if (!parsed) return EXIT.clean;
  const { values } = parsed;
  const format = values.format;
  const root = resolveRoot(values.root, context);
  const language = context.language;
  const zh = language === 'zh-CN';
  let plan: MigrationPlan;
  try {
    plan = await planMigrations(root);
  } catch (error) {
    if (!(error instanceof MigrationError)) throw error;
    throw new CommandFailure(
      {
        zh: `${error.file}: ${error.localized.zh}\n没有改动任何文件。`,
        en: `${error.file}: ${error.localized.en}\nNo file was changed.`,
      },
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
            description: pick(step.description, language),
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
      context.stderr.write(`mpflow: ${pick(tooNewMessage(plan.version, plan.latest), language)}\n`);
    return EXIT.usage;
  }
  if (plan.steps.length === 0) {
    if (format === 'text')
      context.stdout.write(
        zh
          ? `✓ 数据格式已是第 ${plan.version} 版，无需迁移。\n`
          : `✓ The data format is already version ${plan.version}; nothing to migrate.\n`,
      );
    return EXIT.clean;
  }
  if (format === 'text') {
    const lines = [
      zh
        ? `数据格式：第 ${plan.version} 版 → 第 ${plan.latest} 版`
        : `Data format: version ${plan.version} → version ${plan.latest}`,
    ];
    for (const step of plan.steps)
      lines.push(`  ${step.id} (${step.from} → ${step.to}): ${pick(step.description, language)}`);
    context.stdout.write(`${lines.join('\n')}\n`);
  }
  if (dryRun) {
    if (format === 'text') {
      context.stdout.write(
        `\n${plan.changes.map((change) => unifiedDiff(change.path, change.before, change.after)).join('')}\n`,
      );
      context.stdout.write(
        zh
          ? `（--dry-run：没有写入。去掉 --dry-run 执行这 ${plan.changes.length} 处改动。）\n`
          : `(--dry-run: nothing written. Run without --dry-run to make these ${plan.changes.length} changes.)\n`,
      );
    }
    return EXIT.clean;
  }
  try {
    await applyMigrationPlan(root, plan);
  } catch (error) {
    const reason = (error as Error).message;
    throw new CommandFailure(
      { zh: `写入失败，没有改动任何文件：${reason}`, en: `writing failed; no file was changed: ${reason}` },
      EXIT.problems,
      { cause: error },
    );
  }
  if (format === 'text') {
    const changed = plan.changes
      .map((change) => `  ${change.before === undefined ? '+' : change.after === undefined ? '-' : 'M'} ${change.path}`)
      .join('\n');
    context.stdout.write(
      zh
        ? `已迁移到第 ${plan.latest} 版：\n${changed}\n用 git diff 查看后提交；然后运行 npx mpflow check。\n`
        : `Migrated to version ${plan.latest}:\n${changed}\nReview with git diff and commit; then run npx mpflow check.\n`,
    );
  }
  return EXIT.clean;
}
