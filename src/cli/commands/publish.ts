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
  usage: { zh: '--due [--now 时间] [--dry-run] [选项]', en: '--due [--now TIME] [--dry-run] [options]' },
  description: {
    zh: `发布到期的文章：找出本分支上 publishAt 已到、还没有发布记录的文章，重新检查，然后依次
上传正文图片、上传封面、新建草稿、提交发布、查询结果。每一步的结果先写进
content/publishing/<文章编号>.yaml 再做下一步，中断后重跑会接着做，绝不重复发布。`,
    en: `Publishes the articles that are due: those on this branch whose publishAt has come and that have
no publish record yet. Each is checked again, then: body images uploaded, cover uploaded, draft
created, submitted, result polled. Every step's result is written to
content/publishing/<articleId>.yaml before the next step, so a rerun after a crash carries on
and never publishes twice.`,
  },
  options: {
    due: flag({ zh: '发布所有到期的文章（目前唯一的模式）', en: 'publish every due article (the only mode so far)' }),
    now: value({
      placeholder: { zh: '时间', en: 'TIME' },
      parse: dateOrInstant,
      description: {
        zh: '以这个时间为“现在”（ISO 8601；不带时区偏移时按制度时区理解）',
        en: 'take this as "now" (ISO 8601; without an offset, read in the policy\'s time zone)',
      },
    }),
    'dry-run': flag({
      zh: '只列出将要发布和被拦下的文章，不调用接口、不写文件',
      en: 'list what would go out and what is blocked; no API call, no file written',
    }),
    'push-records': flag({
      zh: '每次提交发布前，先把发布记录提交并推送到当前分支（发布工作流使用；\n令牌取自 MPFLOW_PUSH_TOKEN）。推送失败则不提交',
      en: 'before each submission, commit the publish records and push them to the\ncurrent branch (the publish workflow does; token from MPFLOW_PUSH_TOKEN).\nA push that fails holds the submission',
    }),
    format: formatOption(['text', 'json'] as const),
    root: ROOT_OPTION,
  },
  epilogue: {
    zh: `环境变量：WECHAT_APPID、WECHAT_APPSECRET（必需，仅从环境读取）、WECHAT_API_BASE（固定 IP
代理的地址，https，可选）、MPFLOW_WECHAT_TOKEN_CACHE（access_token 缓存文件，可选）、
MPFLOW_PUSH_TOKEN 与 GITHUB_SERVER_URL（--push-records 推送用，可选）。
每次提交发布前都会先查发表记录（freepublish/batchget）：已有同标题、作者、摘要的文章就不再提交。

退出码：0 一切正常；1 有文章失败、被检查拦下且已逾期、逾期未发或错过太久、提交后又被修改、
文章已删除但发布记录未处理，或接口错误让运行中止；2 用法错误。失败的文章不会自动重试：核实后在 PR 中删除它的发布记录即可重新发布。`,
    en: `Environment: WECHAT_APPID, WECHAT_APPSECRET (required, read only from the environment),
WECHAT_API_BASE (a fixed-IP proxy, https, optional), MPFLOW_WECHAT_TOKEN_CACHE (access token cache
file, optional), MPFLOW_PUSH_TOKEN and GITHUB_SERVER_URL (for --push-records, optional).
Before every submission the account's publications (freepublish/batchget) are searched: an article
with the same title, author and digest already out is not submitted again.

Exit codes: 0 all well; 1 an article failed, is blocked past its deadline, overdue or missed too
long ago, changed after it was submitted, or was removed while its publish record is in progress,
or an API error stopped the run; 2 usage error. A failed article is never retried by
itself: once checked, delete its publish record in a pull request to publish it again.`,
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
  let client;
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
  let render;
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
