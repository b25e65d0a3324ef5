import { departmentClock } from '../../core/policy/department-clock.ts';
import { readFile } from 'node:fs/promises';
import { currentInstant } from '../../core/clock.ts';
import path from 'node:path';
import type { LocalizedText } from '../../core/i18n/language.ts';
import { dateInTimeZone, isCalendarDate } from '../../core/model/dates.ts';
import { ExportImportError, importBackOfficeExport, where, type ExportMessage } from '../../core/metrics/csv-import.ts';
import { addDays, monthRange } from '../../core/metrics/kpis.ts';
import {
  METRIC_TABLES,
  MetricsStoreError,
  storeMetrics,
  type MetricBatch,
  type MetricFolder,
  type StoreSummary,
} from '../../core/metrics/storage.ts';
import { importFromWeChat, MetricsImportError } from '../../core/metrics/wechat-import.ts';
import { loadRepository } from '../../core/repository/load-repository.ts';
import { WeChatConfigurationError, WeChatNetworkError, wechatClientFromEnvironment } from '../../core/wechat/client.ts';
import type { CommandContext } from '../context.ts';
import { EXIT, UsageError } from '../errors.ts';
import { resolveRoot } from '../options.ts';
import { defineCommand, flag, commandRunner, value, type Validator } from '../command.ts';
import { ROOT_OPTION, formatOption } from '../shared-options.ts';
import { writeReport } from '../report-formats.ts';
import type { Problem } from '../../core/diagnostics/problem.ts';
import { calendarDate, oneOf } from '../validators.ts';
import { renderIn, type Say, said, sayIn } from '../messages.ts';

const WECHAT_TIME_ZONE = 'Asia/Shanghai';

const SOURCES = ['wechat', 'csv', 'wechat-support'] as const;

/** --since/--until: a real date, or the word yesterday (resolved in Beijing time by the command). */
const dayOrYesterday: Validator<string> = (raw, site) => (raw === 'yesterday' ? raw : calendarDate(raw, site));

export const METRICS_COMMAND = defineCommand({
  name: 'metrics',
  positionals: true,
  options: {
    from: value({ placeholder: SOURCES.join('|'), parse: oneOf(SOURCES) }),
    since: value({ placeholder: 'YYYY-MM-DD|yesterday', parse: dayOrYesterday }),
    until: value({ placeholder: 'YYYY-MM-DD', parse: dayOrYesterday }),
    date: value({ placeholder: 'YYYY-MM-DD', parse: calendarDate }),
    progress: flag(),
    'dry-run': flag(),
    format: formatOption(['text', 'json', 'github'] as const),
    root: ROOT_OPTION,
  },
});

/** The days an API import asks for: --since (required) to --until, real dates, "yesterday" read in Beijing. */
function apiDays(
  values: { since?: string | undefined; until?: string | undefined },
  wechatToday: string,
  say: Say,
): { since: string; until: string } {
  if (!values.since) throw new UsageError(say('metrics.missingSinceYyyyMm'));
  const yesterday = addDays(wechatToday, -1);
  const since = values.since === 'yesterday' ? yesterday : values.since;
  const until = values.until === undefined || values.until === 'yesterday' ? yesterday : values.until;
  for (const [option, value] of [
    ['--since', since],
    ['--until', until],
  ] as const) {
    if (!isCalendarDate(value)) throw new UsageError(say('metrics.notRealDateYyyy', { option, value }));
  }
  return { since, until };
}

export const runMetrics = commandRunner(METRICS_COMMAND, async ({ values, positionals, say }, context) => {
  const render = (message: LocalizedText) => renderIn(context)(message);
  const [action, ...files] = positionals;
  if (action !== 'import') throw new UsageError(say('metrics.usageMetricsImportFrom'));
  if (values.from !== 'wechat' && values.from !== 'csv' && values.from !== 'wechat-support')
    throw new UsageError(say('metrics.fromMustWechatWechat'));

  const root = resolveRoot(values.root, context);
  const { repository } = await loadRepository(root);
  const env = context.env ?? process.env;
  const now = currentInstant(env);
  const { timeZone, today } = departmentClock(
    repository.policies.filter((record) => record.valid).map((record) => record.data),
    now,
  );
  // WeChat's "end_date at most yesterday" is yesterday in Beijing, whatever the department's zone.
  const wechatToday = dateInTimeZone(new Date(now).toISOString(), WECHAT_TIME_ZONE);
  const dryRun = values['dry-run'];

  let batch: MetricBatch;
  const notices: string[] = [];
  let calls: number | undefined;
  let range: { from: string; to: string } | undefined;
  const monthSummaries: StoreSummary[] = [];
  /** The last day of the last month an API import stored before it stopped. */
  let storedThrough: string | undefined;
  try {
    if (values.from === 'wechat-support') {
      if (files.length > 0) throw new UsageError(say('metrics.fromWechatSupportTakes'));
      const { since, until } = apiDays(values, wechatToday, say);
      if (since > until) throw new UsageError(say('metrics.sinceAfterUntil', { since, until }));
      if (until >= wechatToday)
        throw new UsageError(say('metrics.untilCanYesterdayBeijing', { addDays: addDays(wechatToday, -1) }));
      const { importSupportConversations } = await import('../../core/metrics/support-import.ts');
      const result = await importSupportConversations({
        client: wechatClientFromEnvironment(env),
        repository,
        root,
        range: { from: since, to: until },
        timeZone,
        ...(dryRun ? { dryRun: true } : {}),
        ...(env.MPFLOW_SUPPORT_SALT ? { salt: env.MPFLOW_SUPPORT_SALT } : {}),
      });
      for (const notice of result.notices) context.stderr.write(`${render(notice)}\n`);
      const lines = [say('metrics.messageRecordApiCalls', { calls: result.calls })];
      lines.push(
        say('metrics.supportConversationsAlreadyKept', {
          verb: say(dryRun ? 'metrics.wouldAdd' : 'metrics.added'),
          added: result.added,
          handKept: result.handKept,
        }),
      );
      if (result.digests > 0) lines.push(say('metrics.conversationsGotTheirUser', { digests: result.digests }));
      if (result.conduct.length > 0) {
        lines.push(say('metrics.agentsRepliesCheckedAgainst'));
        for (const entry of result.conduct)
          lines.push(
            say('metrics.repliesImpoliteArguingUser', {
              agent: entry.agent,
              replies: entry.replies,
              impolite: entry.impolite,
              arguing: entry.arguing,
            }),
          );
      }
      if (result.files.length === 0) lines.push(say('metrics.noFileChanged'));
      else lines.push(say(dryRun ? 'metrics.wouldWrite' : 'metrics.wrote'), ...result.files.map((file) => `  ${file}`));
      context.stdout.write(`${lines.join('\n')}\n`);
      return EXIT.clean;
    }
    if (values.from === 'wechat') {
      if (files.length > 0) throw new UsageError(say('metrics.fromWechatTakesNo'));
      const { since, until } = apiDays(values, wechatToday, say);
      range = { from: since, to: until };
      const showProgress = values.progress || (context.stderr as { isTTY?: boolean }).isTTY === true;
      const isTerminal = (context.stderr as { isTTY?: boolean }).isTTY === true;
      let lastShown = -1;
      const client = wechatClientFromEnvironment(env);
      const hourInShanghai = Number(
        new Intl.DateTimeFormat('en-GB', { timeZone: WECHAT_TIME_ZONE, hour: '2-digit', hourCycle: 'h23' }).format(
          new Date(now),
        ),
      );
      if (until === addDays(wechatToday, -1) && hourInShanghai < 8) {
        notices.push(say('metrics.beforeBeijingTimeWechat'));
      }
      const result = await importFromWeChat({
        client,
        repository,
        range,
        today: wechatToday,
        // Each month is stored as soon as it is complete: a quota error later keeps it, and the rerun resumes after it.
        onMonth: async (month, monthBatch) => {
          monthSummaries.push(
            await storeMetrics(root, monthBatch, { importedOn: today, ...(dryRun ? { dryRun: true } : {}) }),
          );
          if (!dryRun) storedThrough = monthRange(month).to < until ? monthRange(month).to : until;
        },
        ...(showProgress
          ? {
              onProgress: (done: number, total: number, call: { endpoint: string; begin: string }) => {
                const percent = Math.floor((done / total) * 100);
                if (!isTerminal && percent === lastShown) return;
                if (!isTerminal && percent % 10 !== 0 && done !== total) return;
                lastShown = percent;
                const line = `${say('metrics.importing')} ${done}/${total} (${percent}%) ${call.endpoint} ${call.begin}`;
                context.stderr.write(isTerminal ? `\r${line.padEnd(72)}` : `${line}\n`);
              },
            }
          : {}),
      });
      if (showProgress && isTerminal) context.stderr.write('\n');
      calls = result.calls;
      notices.push(...result.notices.map(render));
      for (const entry of result.unmatched) {
        notices.push(
          say('metrics.articleMsgidMatchesNo', {
            msgid: entry.msgid,
            title: entry.title,
            dates: entry.dates.join(say('listSeparator')),
          }),
        );
      }
      for (const notice of notices) context.stderr.write(`${notice}\n`);
      context.stdout.write(describe(mergeSummaries(monthSummaries), calls, dryRun, context));
      return EXIT.clean;
    } else {
      if (files.length === 0) throw new UsageError(say('metrics.nameCsvFilesImport'));
      if (values.date !== undefined && !isCalendarDate(values.date))
        throw new UsageError(say('metrics.dateNotRealDate', { date: values.date }));
      batch = {};
      const problems: ExportMessage[] = [];
      for (const file of files) {
        const absolute = path.resolve(context.cwd, file);
        let bytes: Buffer;
        try {
          bytes = await readFile(absolute);
        } catch (error) {
          problems.push({
            file,
            message: said(say('metrics.cannotRead', { code: (error as NodeJS.ErrnoException).code ?? 'unknown' })),
          });
          continue;
        }
        try {
          const result = await importBackOfficeExport(bytes, file, repository, {
            today,
            ...(values.date ? { snapshotDate: values.date } : {}),
          });
          for (const notice of result.notices) notices.push(`${where(notice)}: ${render(notice.message)}`);
          for (const [folder, rows] of Object.entries(result.batch) as Array<
            [MetricFolder, NonNullable<MetricBatch[MetricFolder]>]
          >) {
            batch[folder] = [...(batch[folder] ?? []), ...rows];
          }
        } catch (error) {
          if (!(error instanceof ExportImportError)) throw error;
          problems.push(...error.problems);
        }
      }
      if (problems.length > 0) {
        for (const notice of notices) context.stderr.write(`${notice}\n`);
        if (values.format === 'text') {
          for (const problem of problems)
            context.stderr.write(`${where(problem)}: ${say('metrics.error')}: ${render(problem.message)}\n`);
        } else {
          // For CI: the same problems as positioned diagnostics (a JSON report, or annotations on the files).
          const positioned: Problem[] = problems.map((problem) => ({
            file: problem.file,
            span: { start: { line: problem.line ?? 1, column: problem.column ?? 1 } },
            ruleId: 'metrics/import',
            severity: 'error',
            message: problem.message,
          }));
          await writeReport(
            values.format,
            positioned,
            { language: context.language, filesChecked: files.length, suppressed: 0 },
            context,
          );
        }
        context.stderr.write(say('metrics.nothingWritten'));
        return EXIT.problems;
      }
    }
    const summary = await storeMetrics(root, batch, { importedOn: today, ...(dryRun ? { dryRun: true } : {}) });
    for (const notice of notices) context.stderr.write(`${notice}\n`);
    context.stdout.write(describe(summary, calls, dryRun, context));
    return EXIT.clean;
  } catch (error) {
    const known =
      error instanceof MetricsImportError ||
      error instanceof MetricsStoreError ||
      error instanceof WeChatConfigurationError ||
      error instanceof WeChatNetworkError;
    if (!known) throw error;
    for (const notice of notices) context.stderr.write(`${notice}\n`);
    const message = render(error.localized);
    const prefix = error instanceof MetricsStoreError ? `${error.file}: ` : '';
    context.stderr.write(`mpflow: ${prefix}${message}\n`);
    if (storedThrough !== undefined && range !== undefined) {
      const resume = addDays(storedThrough, 1);
      const files = mergeSummaries(monthSummaries).files;
      context.stderr.write(
        say('metrics.figuresFromWereStored', {
          from: range.from,
          storedThrough,
          filesCount: files.length,
          resume,
          until: values.until ? ` --until ${range.to}` : '',
        }),
      );
    } else context.stderr.write(say('metrics.nothingWritten'));
    return EXIT.problems;
  }
});

/** One summary for an import stored month by month. */
function mergeSummaries(summaries: readonly StoreSummary[]): StoreSummary {
  const merged: StoreSummary = { files: [], added: {}, unchanged: 0, revisions: [] };
  for (const summary of summaries) {
    merged.files.push(...summary.files);
    for (const [folder, count] of Object.entries(summary.added) as Array<[MetricFolder, number]>)
      merged.added[folder] = (merged.added[folder] ?? 0) + count;
    merged.unchanged += summary.unchanged;
    merged.revisions.push(...summary.revisions);
  }
  merged.files = [...new Set(merged.files)].sort();
  return merged;
}

function describe(summary: StoreSummary, calls: number | undefined, dryRun: boolean, context: CommandContext): string {
  const say = sayIn(context);
  const added = (Object.entries(summary.added) as Array<[MetricFolder, number]>).filter(([, count]) => count > 0);
  const lines: string[] = [];
  if (calls !== undefined) lines.push(say('metrics.wechatApiCalls', { calls }));
  const addedText = added
    .map(([folder, count]) => `${METRIC_TABLES[folder].folder} +${count}`)
    .join(say('metrics.listSeparator'));
  if (summary.files.length === 0) lines.push(say('metrics.nothingNewRowsAlready', { unchanged: summary.unchanged }));
  else {
    lines.push(
      say('metrics.rowsUnchangedRevisedFigures', {
        verb: say(dryRun ? 'metrics.wouldAdd' : 'metrics.added'),
        added: addedText || say('metrics.none'),
        unchanged: summary.unchanged,
        revisionsCount: summary.revisions.length,
      }),
    );
    for (const revision of summary.revisions.slice(0, 20))
      lines.push(
        `  ${say('metrics.revised')} ${revision.kind} ${revision.key} ${revision.field}: ${revision.old} → ${revision.new}`,
      );
    if (summary.revisions.length > 20)
      lines.push(say('metrics.moreContentMetricsRevisions', { more: summary.revisions.length - 20 }));
    lines.push(say(dryRun ? 'metrics.wouldWrite' : 'metrics.wrote'));
    for (const file of summary.files) lines.push(`  ${file}`);
  }
  return `${lines.join('\n')}\n`;
}
