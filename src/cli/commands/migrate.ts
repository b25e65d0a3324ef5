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
  usage: { zh: '[--dry-run] [选项]', en: '[--dry-run] [options]' },
  description: {
    zh: `把仓库的数据格式（content/department.yaml 的 schemaVersion；没有这个文件即第 0 版）迁移到这个
mpflow 的版本。所有待做的迁移先在内存里算完，全部成功才写入；任何一步出错都不改动任何文件。
升级 mpflow 后运行（mpflow doctor 会列出待做的迁移）；迁移后用 git diff 查看并提交。`,
    en: `Brings the repository's data format (schemaVersion in content/department.yaml; version 0 without
that file) up to this mpflow's. Every pending migration is computed in memory first and written
only when all have succeeded; an error in any step changes no file. Run it after upgrading mpflow
(mpflow doctor lists pending migrations); then review with git diff and commit.`,
  },
  options: {
    'dry-run': flag({
      zh: '只显示会做的改动（统一 diff 格式），不写入',
      en: 'show the changes (as a unified diff) without writing',
    }),
    format: formatOption(['text', 'json'] as const),
    root: ROOT_OPTION,
  },
  epilogue: {
    zh: '退出码：0 已迁移、无需迁移或已显示改动（--dry-run）；1 迁移失败（没有写入）；2 用法错误，或仓库比这个 mpflow 新。',
    en: `Exit codes: 0 migrated, nothing to do, or the changes shown (--dry-run); 1 a migration failed
(nothing written); 2 usage error, or the repository is newer than this mpflow.`,
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
