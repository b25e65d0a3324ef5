import { currentInstant } from '../../core/clock.ts';
import { diagnose } from '../../core/doctor/diagnose.ts';
import { pick } from '../../core/i18n/language.ts';
import type { CommandContext } from '../context.ts';
import { EXIT } from '../errors.ts';
import { resolveRoot } from '../options.ts';
import { defineCommand, parseCommand } from '../command.ts';
import { ROOT_OPTION, formatOption } from '../shared-options.ts';

export const DOCTOR_COMMAND = defineCommand({
  name: 'doctor',
  usage: { zh: '[选项]', en: '[options]' },
  description: {
    zh: `列出部门仓库要处理的事（只读，不改任何文件）：
  · 待做的数据格式迁移（mpflow migrate）
  · 缺少或有错的部门设置 content/department.yaml
  · 与这个版本的模板不同或缺少的工作流、PR 模板（mpflow init --update）
  · 今天没有生效的制度（只有将来生效的版本时，说明从哪天起生效）
  · mpflow new 留下的【待填写：…】
  · 名册里 mpflow init 写的临时 GitHub 用户名、过期的 CODEOWNERS
升级 mpflow 后先运行它。“今天”取 MPFLOW_NOW 或本机时间，按制度时区。`,
    en: `Lists what the department repository should fix (read-only; changes no file):
  · pending data-format migrations (mpflow migrate)
  · missing or broken department settings, content/department.yaml
  · workflows and the PR template that differ from this version's templates, or are missing (mpflow init --update)
  · no policy in force today (when only a later version exists: the day it takes effect)
  · 【待填写：…】 placeholders left by mpflow new
  · the stand-in GitHub login mpflow init wrote into the roster, a stale CODEOWNERS
Run it after upgrading mpflow. "Today" is MPFLOW_NOW or the clock, in the policy's time zone.`,
  },
  options: {
    format: formatOption(['text', 'json'] as const),
    root: ROOT_OPTION,
  },
  epilogue: {
    zh: '退出码：0 没有要处理的；1 有要处理的；2 用法错误。',
    en: 'Exit codes: 0 nothing to fix; 1 something to fix; 2 usage error.',
  },
});

export async function runDoctor(argv: string[], context: CommandContext): Promise<number> {
  const parsed = parseCommand(DOCTOR_COMMAND, argv, context);
  if (!parsed) return EXIT.clean;
  const { values } = parsed;
  const format = values.format;
  const root = resolveRoot(values.root, context);
  const language = context.language;
  const zh = language === 'zh-CN';
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
            message: pick(finding.message, language),
            fix: pick(finding.fix, language),
          })),
          notes: diagnosis.notes.map((note) => pick(note, language)),
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
    lines.push(`${where}${finding.kind}  ${pick(finding.message, language)}`, `    → ${pick(finding.fix, language)}`);
  }
  for (const note of diagnosis.notes) lines.push(`${zh ? '注意' : 'Note'}: ${pick(note, language)}`);
  const count = diagnosis.findings.length;
  lines.push(
    count === 0
      ? zh
        ? `✓ 没有要处理的（数据格式第 ${diagnosis.schemaVersion} 版，今天 ${diagnosis.today}）。`
        : `✓ Nothing to fix (data format version ${diagnosis.schemaVersion}, today ${diagnosis.today}).`
      : zh
        ? `共 ${count} 项要处理。`
        : `${count} thing${count === 1 ? '' : 's'} to fix.`,
  );
  context.stdout.write(`${lines.join('\n')}\n`);
  return exit;
}
