import { currentInstant } from '../../core/clock.ts';
import { publishingSettings, parseInstant } from '../../core/publishing/due-articles.ts';
import { publishDue, type DueReportEntry, type PublishDueReport } from '../../core/publishing/publish-due.ts';
import { loadRepository } from '../../core/repository/load-repository.ts';
import { DepartmentSettingsError } from '../../core/department/settings.ts';
import { DepartmentCssError, departmentRenderer } from '../../core/render/department-theme.ts';
import { wechatClientFromEnvironment } from '../../core/wechat/client.ts';
import { EXIT, UsageError } from '../errors.ts';
import { resolveRoot } from '../options.ts';
import { defineCommand, flag, commandRunner, value } from '../command.ts';
import { ROOT_OPTION, formatOption } from '../shared-options.ts';
import { dateOrInstant } from '../validators.ts';
import { renderIn, sayIn, type Speaking } from '../messages.ts';

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

export const runPublish = commandRunner(PUBLISH_COMMAND, async ({ values, say }, context) => {
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
      ? `${JSON.stringify(localizeReport(report, context), null, 2)}\n`
      : formatPublishReport(report, context),
  );
  return report.ok ? EXIT.clean : EXIT.problems;
});

/** The report with its messages in one language, for machines (workflow summaries). */
function localizeReport(report: PublishDueReport, speaking: Speaking): unknown {
  const render = renderIn(speaking);
  return {
    ...report,
    ...(report.stoppedBy ? { stoppedBy: render(report.stoppedBy) } : {}),
    entries: report.entries.map((entry) => ({
      ...entry,
      ...(entry.message ? { message: render(entry.message) } : {}),
      ...(entry.problems
        ? {
            problems: entry.problems.map((problem) => ({
              file: problem.file,
              line: problem.span.start.line,
              column: problem.span.start.column,
              ruleId: problem.ruleId,
              message: render(problem.message),
            })),
          }
        : {}),
    })),
  };
}

// What each outcome's line starts with; its words are the message publish.outcomes.<outcome>.
const OUTCOME_MARKS: Record<DueReportEntry['outcome'], string> = {
  published: '✓',
  publishing: '…',
  failed: '✗',
  blocked: '✗',
  stale: '✗',
  interrupted: '-',
  'not-attempted': '-',
  'would-publish': '→',
  'would-resume': '→',
  orphaned: '!',
};

export function formatPublishReport(report: PublishDueReport, speaking: Speaking): string {
  const say = sayIn(speaking);
  const render = renderIn(speaking);
  const lines: string[] = [];
  lines.push(
    say('publish.publishDueNow', {
      dryRun: report.dryRun ? say('publish.dryRunNote') : '',
      now: report.now,
      timeZone: report.timeZone,
    }),
  );
  if (report.entries.length === 0) lines.push(say('publish.noArticleDue'));
  for (const entry of report.entries) {
    const label = say(`publish.outcomes.${entry.outcome}`);
    const overdue = entry.overdue ? say('publish.overdue') : '';
    lines.push(`${OUTCOME_MARKS[entry.outcome]} ${entry.article}  ${entry.title}`);
    lines.push(
      entry.publishAt ? `    ${say('publish.publishat')} ${entry.publishAt}  ${label}${overdue}` : `    ${label}`,
    );
    if (entry.nextStep) {
      const images = entry.images !== undefined ? say('publish.bodyImage', { images: entry.images }) : '';
      lines.push(`    ${say('publish.starting')}${say(`publish.steps.${entry.nextStep}`)}${images}`);
    }
    if (entry.record?.url && entry.outcome === 'published') lines.push(`    ${entry.record.url}`);
    if (entry.message) lines.push(`    ${render(entry.message)}`);
    for (const problem of entry.problems ?? [])
      lines.push(
        `    ${problem.file}:${problem.span.start.line}:${problem.span.start.column}  ${problem.ruleId}  ${render(problem.message)}`,
      );
  }
  if (report.stoppedBy) lines.push('', `${say('publish.runStopped')}${render(report.stoppedBy)}`);
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
          publishing: count('would-publish') + count('would-resume'),
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
