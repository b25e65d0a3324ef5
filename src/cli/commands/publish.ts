import { currentInstant } from '../../core/clock.ts';
import { pick, type Language } from '../../core/i18n/language.ts';
import { publishingSettings, parseInstant } from '../../core/publishing/due-articles.ts';
import { publishDue, type DueReportEntry, type PublishDueReport } from '../../core/publishing/publish-due.ts';
import { loadRepository } from '../../core/repository/load-repository.ts';
import { DepartmentSettingsError } from '../../core/department/settings.ts';
import { DepartmentCssError, departmentRenderer } from '../../core/render/department-theme.ts';
import { wechatClientFromEnvironment } from '../../core/wechat/client.ts';
import type { CommandContext } from '../context.ts';
import { EXIT, UsageError } from '../errors.ts';
import { resolveRoot } from '../options.ts';
import { defineCommand, flag, parseCommand, value } from '../command.ts';
import { ROOT_OPTION, formatOption } from '../shared-options.ts';
import { dateOrInstant } from '../validators.ts';

export const PUBLISH_COMMAND = defineCommand({
  name: 'publish',
  options: {
    due: flag(),
    now: value({
      parse: dateOrInstant,
    }),
    'dry-run': flag(),
    'push-records': flag(),
    format: formatOption(['text', 'json'] as const),
    root: ROOT_OPTION,
  },
});

export async function runPublish(argv: string[], context: CommandContext): Promise<number> {
  const parsed = parseCommand(PUBLISH_COMMAND, argv, context);
  if (!parsed) return EXIT.clean;
  const { values } = parsed;
  const language = context.language;
  const zh = language === 'zh-CN';
  if (!values.due)
    throw new UsageError({
      zh: '请加 --due：mpflow publish 目前只发布到期的文章。',
      en: 'Pass --due: mpflow publish only publishes the articles that are due.',
    });
  const format = values.format;
  const root = resolveRoot(values.root, context);

  let now = currentInstant(context.env);
  if (values.now !== undefined) {
    const { repository } = await loadRepository(root, { only: () => false });
    const { timeZone } = publishingSettings(repository, now);
    const given = parseInstant(values.now, timeZone);
    if (given === undefined) {
      throw new UsageError({
        zh: `--now “${values.now}” 不是有效的时间，例如 2026-11-27T21:00:00+08:00。`,
        en: `--now "${values.now}" is not a valid time; for example 2026-11-27T21:00:00+08:00.`,
      });
    }
    now = given;
  }

  const env = context.env ?? process.env;
  let client: ReturnType<typeof wechatClientFromEnvironment> | undefined;
  if (!values['dry-run']) {
    // Missing credentials: a WeChatConfigurationError, reported by main.ts with exit 1.
    client = wechatClientFromEnvironment(env);
  }
  const pushRecords =
    values['push-records'] && !values['dry-run']
      ? {
          ...(env.MPFLOW_PUSH_TOKEN ? { token: env.MPFLOW_PUSH_TOKEN } : {}),
          ...(env.GITHUB_SERVER_URL ? { serverUrl: env.GITHUB_SERVER_URL } : {}),
        }
      : undefined;
  let render: ReturnType<typeof departmentRenderer>;
  try {
    // The department's look and breaks (content/department.yaml, render), as mpflow render uses them.
    render = departmentRenderer(root);
  } catch (error) {
    if (error instanceof DepartmentSettingsError || error instanceof DepartmentCssError)
      throw new UsageError(error.message);
    throw error;
  }
  const report = await publishDue({
    root,
    now,
    dryRun: values['dry-run'],
    render,
    checkPublishedBeforeSubmit: true,
    ...(pushRecords ? { pushRecords } : {}),
    ...(client ? { client } : {}),
  });
  context.stdout.write(
    format === 'json'
      ? `${JSON.stringify(localizeReport(report, language), null, 2)}\n`
      : formatPublishReport(report, language),
  );
  return report.ok ? EXIT.clean : EXIT.problems;
}

/** The report with its messages in one language, for machines (workflow summaries). */
function localizeReport(report: PublishDueReport, language: Language): unknown {
  return {
    ...report,
    ...(report.stoppedBy ? { stoppedBy: pick(report.stoppedBy, language) } : {}),
    entries: report.entries.map((entry) => ({
      ...entry,
      ...(entry.message ? { message: pick(entry.message, language) } : {}),
      ...(entry.problems
        ? {
            problems: entry.problems.map((problem) => ({
              file: problem.file,
              line: problem.span.start.line,
              column: problem.span.start.column,
              ruleId: problem.ruleId,
              message: pick(problem.message, language),
            })),
          }
        : {}),
    })),
  };
}

const OUTCOME_LABELS: Record<DueReportEntry['outcome'], { zh: string; en: string; mark: string }> = {
  published: { zh: '已发布', en: 'published', mark: '✓' },
  publishing: { zh: '发布中', en: 'publishing', mark: '…' },
  failed: { zh: '失败', en: 'failed', mark: '✗' },
  blocked: { zh: '被检查拦下', en: 'blocked by checks', mark: '✗' },
  stale: { zh: '错过太久，未补发', en: 'missed too long ago, not made up', mark: '✗' },
  interrupted: {
    zh: '已开始，运行中止（已完成的步骤已记录，下次运行接着做）',
    en: 'started, then the run stopped (the steps done are recorded; the next run carries on)',
    mark: '-',
  },
  'not-attempted': { zh: '未处理（运行已中止）', en: 'not attempted (run stopped)', mark: '-' },
  'would-publish': { zh: '将发布', en: 'would publish', mark: '→' },
  'would-resume': { zh: '将继续发布', en: 'would resume', mark: '→' },
  orphaned: { zh: '文章已删除，发布记录待处理', en: 'article removed; its publish record needs a person', mark: '!' },
};

const STEP_LABELS = {
  images: { zh: '上传正文图片', en: 'upload body images' },
  cover: { zh: '上传封面', en: 'upload the cover' },
  draft: { zh: '新建草稿', en: 'create the draft' },
  submit: { zh: '提交发布', en: 'submit' },
  poll: { zh: '查询发布结果', en: 'poll the result' },
};

export function formatPublishReport(report: PublishDueReport, language: Language): string {
  const zh = language === 'zh-CN';
  const lines: string[] = [];
  lines.push(
    zh
      ? `mpflow publish --due${report.dryRun ? ' --dry-run（演练：不调用接口，不写文件）' : ''}　现在：${report.now}（${report.timeZone}）`
      : `mpflow publish --due${report.dryRun ? ' --dry-run (no API call, nothing written)' : ''}  now: ${report.now} (${report.timeZone})`,
  );
  if (report.entries.length === 0) lines.push(zh ? '没有到期待发布的文章。' : 'No article is due.');
  for (const entry of report.entries) {
    const label = OUTCOME_LABELS[entry.outcome];
    const overdue = entry.overdue ? (zh ? '【已逾期】' : ' [OVERDUE]') : '';
    lines.push(`${label.mark} ${entry.article}  ${entry.title}`);
    lines.push(
      entry.publishAt
        ? `    ${zh ? '计划' : 'publishAt'} ${entry.publishAt}  ${pick(label, language)}${overdue}`
        : `    ${pick(label, language)}`,
    );
    if (entry.nextStep) {
      const images =
        entry.images !== undefined ? (zh ? `；正文图片 ${entry.images} 张` : `; ${entry.images} body image(s)`) : '';
      lines.push(
        `    ${zh ? '从这一步开始：' : 'starting at: '}${pick(STEP_LABELS[entry.nextStep], language)}${images}`,
      );
    }
    if (entry.record?.url && entry.outcome === 'published') lines.push(`    ${entry.record.url}`);
    if (entry.message) lines.push(`    ${pick(entry.message, language)}`);
    for (const problem of entry.problems ?? [])
      lines.push(
        `    ${problem.file}:${problem.span.start.line}:${problem.span.start.column}  ${problem.ruleId}  ${pick(problem.message, language)}`,
      );
  }
  if (report.stoppedBy) lines.push('', `${zh ? '运行中止：' : 'Run stopped: '}${pick(report.stoppedBy, language)}`);
  if (report.upcoming.length > 0) {
    lines.push('', zh ? '接下来：' : 'Coming up:');
    for (const item of report.upcoming) lines.push(`  ${item.publishAt}  ${item.article}  ${item.title}`);
  }
  const count = (outcome: DueReportEntry['outcome']) =>
    report.entries.filter((entry) => entry.outcome === outcome).length;
  const overdue = report.entries.filter((entry) => entry.overdue).length;
  lines.push(
    '',
    report.dryRun
      ? zh
        ? `将发布 ${count('would-publish') + count('would-resume')} 篇，拦下 ${count('blocked')} 篇，失败 ${count('failed')} 篇，逾期 ${overdue} 篇。`
        : `${count('would-publish') + count('would-resume')} would go out, ${count('blocked')} blocked, ${count('failed')} failed, ${overdue} overdue.`
      : zh
        ? `已发布 ${count('published')} 篇，发布中 ${count('publishing')} 篇，失败 ${count('failed')} 篇，拦下 ${count('blocked')} 篇，逾期 ${overdue} 篇。`
        : `${count('published')} published, ${count('publishing')} publishing, ${count('failed')} failed, ${count('blocked')} blocked, ${overdue} overdue.`,
  );
  return `${lines.join('\n')}\n`;
}
