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
import { sayIn } from '../messages.ts';

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
  const say = sayIn(context);
  const parsed = parseCommand(PUBLISH_COMMAND, argv, context);
  if (!parsed) return EXIT.clean;
  const { values } = parsed;
  const language = context.language;
  if (!values.due) throw new UsageError(say('publish.passDuePublishOnly'));
  const format = values.format;
  const root = resolveRoot(values.root, context);

  let now = currentInstant(context.env);
  if (values.now !== undefined) {
    const { repository } = await loadRepository(root, { only: () => false });
    const { timeZone } = publishingSettings(repository, now);
    const given = parseInstant(values.now, timeZone);
    if (given === undefined) {
      throw new UsageError(say('publish.nowNotValidTime', { now: values.now }));
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
  const say = sayIn({ language });
  const lines: string[] = [];
  lines.push(
    say('publish.publishDueNow', {
      value: report.dryRun ? ' --dry-run（演练：不调用接口，不写文件）' : '',
      now: report.now,
      timeZone: report.timeZone,
      value2: report.dryRun ? ' --dry-run (no API call, nothing written)' : '',
    }),
  );
  if (report.entries.length === 0) lines.push(say('publish.noArticleDue'));
  for (const entry of report.entries) {
    const label = OUTCOME_LABELS[entry.outcome];
    const overdue = entry.overdue ? say('publish.overdue') : '';
    lines.push(`${label.mark} ${entry.article}  ${entry.title}`);
    lines.push(
      entry.publishAt
        ? `    ${say('publish.publishat')} ${entry.publishAt}  ${pick(label, language)}${overdue}`
        : `    ${pick(label, language)}`,
    );
    if (entry.nextStep) {
      const images = entry.images !== undefined ? say('publish.bodyImage', { images: entry.images }) : '';
      lines.push(`    ${say('publish.starting')}${pick(STEP_LABELS[entry.nextStep], language)}${images}`);
    }
    if (entry.record?.url && entry.outcome === 'published') lines.push(`    ${entry.record.url}`);
    if (entry.message) lines.push(`    ${pick(entry.message, language)}`);
    for (const problem of entry.problems ?? [])
      lines.push(
        `    ${problem.file}:${problem.span.start.line}:${problem.span.start.column}  ${problem.ruleId}  ${pick(problem.message, language)}`,
      );
  }
  if (report.stoppedBy) lines.push('', `${say('publish.runStopped')}${pick(report.stoppedBy, language)}`);
  if (report.upcoming.length > 0) {
    lines.push('', say('publish.comingUp'));
    for (const item of report.upcoming) lines.push(`  ${item.publishAt}  ${item.article}  ${item.title}`);
  }
  const count = (outcome: DueReportEntry['outcome']) =>
    report.entries.filter((entry) => entry.outcome === outcome).length;
  const overdue = report.entries.filter((entry) => entry.overdue).length;
  lines.push(
    '',
    report.dryRun
      ? say('publish.wouldGoOutBlocked', {
          value: count('would-publish') + count('would-resume'),
          count: count('blocked'),
          count2: count('failed'),
          overdue,
        })
      : say('publish.publishedPublishingFailedBlocked', {
          count: count('published'),
          count2: count('publishing'),
          count3: count('failed'),
          count4: count('blocked'),
          overdue,
        }),
  );
  return `${lines.join('\n')}\n`;
}
