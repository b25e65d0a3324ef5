import { departmentClock } from '../../core/policy/department-clock.ts';
import { readFile } from 'node:fs/promises';
import { currentInstant } from '../../core/clock.ts';
import path from 'node:path';
import { pick, text, type LocalizedText } from '../../core/i18n/language.ts';
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
import { defineCommand, flag, parseCommand, value, type Validator } from '../command.ts';
import { ROOT_OPTION, formatOption } from '../shared-options.ts';
import { writeReport } from '../report-formats.ts';
import type { Problem } from '../../core/diagnostics/problem.ts';
import { calendarDate, oneOf } from '../validators.ts';

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

export async function runMetrics(argv: string[], context: CommandContext): Promise<number> {
  const parsed = parseCommand(METRICS_COMMAND, argv, context);
  if (!parsed) return EXIT.clean;
  const { values, positionals } = parsed;
  const zh = context.language === 'zh-CN';
  const say = (message: LocalizedText) => pick(message, context.language);
  const [action, ...files] = positionals;
  if (action !== 'import')
    throw new UsageError({
      zh: '用法：mpflow metrics import --from wechat|csv …（加 --help 查看说明）',
      en: 'Usage: mpflow metrics import --from wechat|csv … (see --help)',
    });
  if (values.from !== 'wechat' && values.from !== 'csv' && values.from !== 'wechat-support')
    throw new UsageError({
      zh: '--from 只能是 wechat、wechat-support 或 csv。',
      en: '--from must be wechat, wechat-support or csv.',
    });

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
      if (files.length > 0)
        throw new UsageError({
          zh: '--from wechat-support 不接受文件参数。',
          en: '--from wechat-support takes no files.',
        });
      if (!values.since)
        throw new UsageError({
          zh: '缺少 --since（YYYY-MM-DD 或 yesterday）。',
          en: 'Missing --since (YYYY-MM-DD or yesterday).',
        });
      const since = values.since === 'yesterday' ? addDays(wechatToday, -1) : values.since;
      const until =
        values.until === undefined || values.until === 'yesterday' ? addDays(wechatToday, -1) : values.until;
      for (const [option, value] of [
        ['--since', since],
        ['--until', until],
      ] as const) {
        if (!isCalendarDate(value))
          throw new UsageError({
            zh: `${option}“${value}”不是真实的日期（YYYY-MM-DD）。`,
            en: `${option} "${value}" is not a real date (YYYY-MM-DD).`,
          });
      }
      if (since > until)
        throw new UsageError({
          zh: `--since ${since} 晚于 --until ${until}。`,
          en: `--since ${since} is after --until ${until}.`,
        });
      if (until >= wechatToday)
        throw new UsageError({
          zh: `--until 最晚只能是昨天（${addDays(wechatToday, -1)}，北京时间）。`,
          en: `--until can be yesterday (${addDays(wechatToday, -1)}, Beijing time) at the latest.`,
        });
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
      for (const notice of result.notices) context.stderr.write(`${say(notice)}\n`);
      const lines = [zh ? `调用客服消息记录接口 ${result.calls} 次。` : `${result.calls} message-record API calls.`];
      lines.push(
        zh
          ? `${dryRun ? '将新增' : '新增'}客服会话 ${result.added} 次；${result.handKept} 次已有手工记录，保留手工记录。`
          : `${dryRun ? 'Would add' : 'Added'} ${result.added} support conversations; ${result.handKept} already kept by hand were left as they are.`,
      );
      if (result.digests > 0)
        lines.push(
          zh
            ? `${result.digests} 次会话记下了用户的加盐摘要（不含 openid）。`
            : `${result.digests} conversations got their user's salted digest (no openid).`,
        );
      if (result.conduct.length > 0) {
        lines.push(
          zh
            ? '客服回复的沟通规范检查（部门制度四（二）3，只记数目）：'
            : "Agents' replies checked against the policy's 沟通规范 (4(2)3; counts only):",
        );
        for (const entry of result.conduct)
          lines.push(
            zh
              ? `  ${entry.agent}：回复 ${entry.replies} 条，不礼貌 ${entry.impolite} 条，与用户争执 ${entry.arguing} 条`
              : `  ${entry.agent}: ${entry.replies} replies, ${entry.impolite} impolite, ${entry.arguing} arguing with the user`,
          );
      }
      if (result.files.length === 0) lines.push(zh ? '文件未改动。' : 'No file changed.');
      else
        lines.push(
          `${zh ? (dryRun ? '将写入' : '已写入') : dryRun ? 'Would write' : 'Wrote'}:`,
          ...result.files.map((file) => `  ${file}`),
        );
      context.stdout.write(`${lines.join('\n')}\n`);
      return EXIT.clean;
    }
    if (values.from === 'wechat') {
      if (files.length > 0)
        throw new UsageError({ zh: '--from wechat 不接受文件参数。', en: '--from wechat takes no files.' });
      if (!values.since)
        throw new UsageError({
          zh: '缺少 --since（YYYY-MM-DD 或 yesterday）。',
          en: 'Missing --since (YYYY-MM-DD or yesterday).',
        });
      const since = values.since === 'yesterday' ? addDays(wechatToday, -1) : values.since;
      const until =
        values.until === undefined || values.until === 'yesterday' ? addDays(wechatToday, -1) : values.until;
      for (const [option, value] of [
        ['--since', since],
        ['--until', until],
      ] as const) {
        if (!isCalendarDate(value))
          throw new UsageError({
            zh: `${option}“${value}”不是真实的日期（YYYY-MM-DD）。`,
            en: `${option} "${value}" is not a real date (YYYY-MM-DD).`,
          });
      }
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
        notices.push(
          say(
            text(
              '北京时间还不到 8 点，微信昨天的数据可能还不完整；之后重新导入会把修订记入 content/metrics/revisions/。',
              "It is before 08:00 Beijing time; WeChat's figures for yesterday may be incomplete. Importing again later records any revision in content/metrics/revisions/.",
            ),
          ),
        );
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
                const line = `${zh ? '导入中' : 'Importing'} ${done}/${total} (${percent}%) ${call.endpoint} ${call.begin}`;
                context.stderr.write(isTerminal ? `\r${line.padEnd(72)}` : `${line}\n`);
              },
            }
          : {}),
      });
      if (showProgress && isTerminal) context.stderr.write('\n');
      calls = result.calls;
      notices.push(...result.notices.map(say));
      for (const entry of result.unmatched) {
        notices.push(
          say(
            text(
              `微信数据里的文章 msgid ${entry.msgid}（“${entry.title}”，${entry.dates.join('、')}）对不上任何发布记录（content/publishing/），没有写入。`,
              `Article msgid ${entry.msgid} ("${entry.title}", ${entry.dates.join(', ')}) matches no publish record (content/publishing/); its figures were not stored.`,
            ),
          ),
        );
      }
      for (const notice of notices) context.stderr.write(`${notice}\n`);
      context.stdout.write(describe(mergeSummaries(monthSummaries), calls, dryRun, context));
      return EXIT.clean;
    } else {
      if (files.length === 0)
        throw new UsageError({ zh: '请给出要导入的 CSV 文件。', en: 'Name the CSV files to import.' });
      if (values.date !== undefined && !isCalendarDate(values.date))
        throw new UsageError({
          zh: `--date“${values.date}”不是真实的日期。`,
          en: `--date "${values.date}" is not a real date.`,
        });
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
            message: text(
              `无法读取（${(error as NodeJS.ErrnoException).code ?? 'unknown'}）。`,
              `Cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown'}).`,
            ),
          });
          continue;
        }
        try {
          const result = await importBackOfficeExport(bytes, file, repository, {
            today,
            ...(values.date ? { snapshotDate: values.date } : {}),
          });
          for (const notice of result.notices) notices.push(`${where(notice)}: ${say(notice.message)}`);
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
            context.stderr.write(`${where(problem)}: ${zh ? '错误' : 'error'}: ${say(problem.message)}\n`);
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
        context.stderr.write(zh ? '没有写入任何文件。\n' : 'Nothing was written.\n');
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
    const message = say(error.localized);
    const prefix = error instanceof MetricsStoreError ? `${error.file}: ` : '';
    context.stderr.write(`mpflow: ${prefix}${message}\n`);
    if (storedThrough !== undefined && range !== undefined) {
      const resume = addDays(storedThrough, 1);
      const files = mergeSummaries(monthSummaries).files;
      context.stderr.write(
        zh
          ? `${range.from} 至 ${storedThrough} 的数据已完整写入（${files.length} 个文件）；之后的没有写入。从 ${resume} 继续：mpflow metrics import --from wechat --since ${resume}${values.until ? ` --until ${range.to}` : ''}\n`
          : `The figures from ${range.from} to ${storedThrough} were stored completely (${files.length} files); nothing after that was written. Continue from ${resume}: mpflow metrics import --from wechat --since ${resume}${values.until ? ` --until ${range.to}` : ''}\n`,
      );
    } else context.stderr.write(zh ? '没有写入任何文件。\n' : 'Nothing was written.\n');
    return EXIT.problems;
  }
}

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
  const zh = context.language === 'zh-CN';
  const added = (Object.entries(summary.added) as Array<[MetricFolder, number]>).filter(([, count]) => count > 0);
  const lines: string[] = [];
  if (calls !== undefined) lines.push(zh ? `调用微信接口 ${calls} 次。` : `${calls} WeChat API calls.`);
  const addedText = added.map(([folder, count]) => `${METRIC_TABLES[folder].folder} +${count}`).join(zh ? '，' : ', ');
  if (summary.files.length === 0)
    lines.push(
      zh
        ? `没有新数据：${summary.unchanged} 行与仓库中一致，文件未改动。`
        : `Nothing new: ${summary.unchanged} rows already match the repository; no file changed.`,
    );
  else {
    lines.push(
      zh
        ? `${dryRun ? '将新增' : '新增'}：${addedText || '无'}；${summary.unchanged} 行未变；${summary.revisions.length} 处修订。`
        : `${dryRun ? 'Would add' : 'Added'}: ${addedText || 'none'}; ${summary.unchanged} rows unchanged; ${summary.revisions.length} revised figures.`,
    );
    for (const revision of summary.revisions.slice(0, 20))
      lines.push(
        `  ${zh ? '修订' : 'revised'} ${revision.kind} ${revision.key} ${revision.field}: ${revision.old} → ${revision.new}`,
      );
    if (summary.revisions.length > 20)
      lines.push(
        zh
          ? `  ……另有 ${summary.revisions.length - 20} 处，见 content/metrics/revisions/。`
          : `  … and ${summary.revisions.length - 20} more, in content/metrics/revisions/.`,
      );
    lines.push(`${zh ? (dryRun ? '将写入' : '已写入') : dryRun ? 'Would write' : 'Wrote'}:`);
    for (const file of summary.files) lines.push(`  ${file}`);
  }
  return `${lines.join('\n')}\n`;
}
