import path from 'node:path';
import { currentInstant } from '../../core/clock.ts';
import { createGitHubClient, githubOptionsFromEnvironment } from '../../core/github/client.ts';
import { toGitHubApiError } from '../../core/github/errors.ts';
import { fetchCommitChecks, parseRepositoryName } from '../../core/github/pull-request-snapshot.ts';
import {
  evaluatePullRequest,
  publishDecision,
  VerdictNotPostedError,
  type GateAction,
} from '../../core/github/review-gate.ts';
import { pick, type Language } from '../../core/i18n/language.ts';
import { appendReviewRecord, buildReviewRecord } from '../../core/review/audit-log.ts';
import { formatMoment, statusDescription } from '../../core/review/present-decision.ts';
import type { ReviewDecision } from '../../core/review/review-input.ts';
import { shortSha } from '../../core/review/sign-off.ts';
import { ROLE_NAMES } from '../../core/team/roster.ts';
import type { CommandContext } from '../context.ts';
import { CommandFailure, EXIT, UsageError } from '../errors.ts';
import { resolveRoot } from '../options.ts';
import { defineCommand, flag, parseCommand, value } from '../command.ts';
import { ROOT_OPTION_TEXT, formatOption } from '../shared-options.ts';

export const REVIEW_GATE_COMMAND = defineCommand({
  name: 'review-gate',
  options: {
    repo: value({ placeholder: 'OWNER/NAME' }),
    pr: value({ placeholder: 'N' }),
    'dry-run': flag(),
    event: value(),
    verdict: value({
      placeholder: 'check-run|status',
      default: 'status',
    }),
    format: formatOption(['text', 'json'] as const),
    'record-merge': flag(),
    root: value({
      ...ROOT_OPTION_TEXT,
    }),
  },
});

/** Test seam: shorter waits for rate limits and retries against the fake GitHub. */
export interface ReviewGateTuning {
  rateLimitMillisecondsPerSecond?: number;
  retryBaseMilliseconds?: number;
  writeSpacingMilliseconds?: number;
  now?: () => Date;
}

let tuning: ReviewGateTuning = {};
export function tuneReviewGate(next: ReviewGateTuning): void {
  tuning = next;
}

export async function runReviewGate(argv: string[], context: CommandContext): Promise<number> {
  const parsed = parseCommand(REVIEW_GATE_COMMAND, argv, context);
  if (!parsed) return EXIT.clean;
  const { values } = parsed;
  const language = context.language;
  const zh = language === 'zh-CN';
  const format = values.format;
  if (values.event !== undefined)
    return offlineGate(values.event, values['dry-run'] ?? false, format, values.root, context);
  if (values.repo === undefined)
    throw new UsageError({ zh: '缺少 --repo OWNER/NAME。', en: 'Missing --repo OWNER/NAME.' });
  const repository = parseRepositoryName(values.repo);
  if (!repository)
    throw new UsageError({
      zh: `--repo 应为 OWNER/NAME（收到“${values.repo}”）。`,
      en: `--repo must be OWNER/NAME (got "${values.repo}").`,
    });
  if (values.pr === undefined) throw new UsageError({ zh: '缺少 --pr N。', en: 'Missing --pr N.' });
  if (!/^[1-9]\d{0,9}$/.test(values.pr))
    throw new UsageError({
      zh: `--pr 应为正整数（收到“${values.pr}”）。`,
      en: `--pr must be a positive whole number (got "${values.pr}").`,
    });
  const number = Number(values.pr);
  const verdictKind = values.verdict;
  if (verdictKind !== 'check-run' && verdictKind !== 'status')
    throw new UsageError({
      zh: `--verdict 应为 check-run 或 status（收到“${verdictKind}”）。`,
      en: `--verdict must be check-run or status (got "${verdictKind}").`,
    });
  if (values['record-merge'] && values['dry-run'])
    throw new UsageError({
      zh: '--record-merge 不能和 --dry-run 一起用。',
      en: '--record-merge cannot be combined with --dry-run.',
    });

  const env = context.env ?? process.env;
  const { token, baseUrl } = githubOptionsFromEnvironment(env);
  if (!token && !values['dry-run']) {
    throw new UsageError({
      zh: '没有设置 GITHUB_TOKEN：写入状态、标签和评论需要令牌（只想看结论可以加 --dry-run）。',
      en: 'GITHUB_TOKEN is not set: a token is needed to write the status, labels and comment (add --dry-run to only see the decision).',
    });
  }
  const root = values['record-merge'] ? resolveRoot(values.root, context) : undefined;
  const client = createGitHubClient({
    ...(token ? { token } : {}),
    baseUrl: baseUrl!,
    ...tuning,
    notice: (message) => context.stderr.write(`mpflow: ${message}\n`),
  });
  try {
    const evaluation = await evaluatePullRequest(
      client,
      repository,
      number,
      tuning.now?.() ?? new Date(currentInstant(context.env)),
    );
    const { decision, snapshot } = evaluation;
    if (root !== undefined) {
      if (!snapshot.mergedAt) {
        context.stderr.write(
          `mpflow: ${zh ? `PR #${number} 还没有合并，没有可记录的最终审核。` : `PR #${number} is not merged; there is no final review to record.`}\n`,
        );
        return EXIT.problems;
      }
      const checks = await fetchCommitChecks(client, repository, decision.headSha);
      const record = buildReviewRecord(number, decision, {
        repository: `${repository.owner}/${repository.repo}`,
        title: snapshot.pullRequest.title,
        author: snapshot.pullRequest.author,
        createdAt: snapshot.pullRequest.createdAt,
        mergedAt: snapshot.mergedAt,
        mergedBy: snapshot.mergedBy,
        files: snapshot.pullRequest.files.map((file) => file.path),
        checks,
      });
      const result = await appendReviewRecord(root, record, decision.timeZone);
      if (format === 'json') context.stdout.write(`${JSON.stringify({ ...result, record }, null, 2)}\n`);
      else
        context.stdout.write(
          result.appended
            ? zh
              ? `已把 PR #${number} 的审核记录追加到 ${result.file}。\n`
              : `Appended the review record of PR #${number} to ${result.file}.\n`
            : zh
              ? `${result.file} 里已有 PR #${number} 的记录，未重复追加。\n`
              : `${result.file} already holds PR #${number}; nothing appended.\n`,
        );
      return EXIT.clean;
    }
    let actions: GateAction[] = [];
    if (!values['dry-run']) {
      try {
        actions = await publishDecision(client, repository, evaluation, language, verdictKind);
      } catch (error) {
        if (!(error instanceof VerdictNotPostedError)) throw error;
        const apiError = toGitHubApiError(error.cause, baseUrl!);
        const why = apiError
          ? pick(apiError.localized, language)
          : error.cause instanceof Error
            ? error.cause.message
            : String(error.cause);
        context.stderr.write(
          `mpflow: ${zh ? `PR #${number} 的审核结论（mpflow/review）没能发布：${why} 标签和摘要评论已改为“结论未发布”，不显示通过。` : `The review verdict (mpflow/review) of PR #${number} could not be posted: ${why} The label and summary comment now say the verdict is missing, not that it passed.`}\n`,
        );
        return EXIT.problems;
      }
    }
    if (format === 'json')
      context.stdout.write(
        `${JSON.stringify({ repository: `${repository.owner}/${repository.repo}`, dryRun: values['dry-run'], decision, status: { context: 'mpflow/review', state: decision.verdict, description: statusDescription(decision, language) }, actions }, null, 2)}\n`,
      );
    else context.stdout.write(formatDecisionText(decision, actions, values['dry-run'] ?? false, language));
    return EXIT.clean;
  } catch (error) {
    const apiError = toGitHubApiError(error, baseUrl!);
    if (!apiError) throw error;
    throw new CommandFailure(apiError.localized, EXIT.problems, { cause: error });
  }
}

/**
 * --dry-run --event FILE: the decision for a saved GitHub event, its commits and files from local
 * git and the roster and policy on disk; nothing is read from or written to GitHub.
 */
async function offlineGate(
  eventFile: string,
  dryRun: boolean,
  format: string,
  rootOption: string | undefined,
  context: CommandContext,
): Promise<number> {
  const language = context.language;
  const zh = language === 'zh-CN';
  if (!dryRun)
    throw new UsageError({
      zh: '--event 只能和 --dry-run 一起用：离线时不会写入 GitHub。',
      en: '--event works with --dry-run only: offline, nothing is written to GitHub.',
    });
  const root = resolveRoot(rootOption, context);
  const { offlineReviewInput } = await import('../../core/review/offline-input.ts');
  const { readBaseContext } = await import('../../core/review/base-context.ts');
  const { decideReview } = await import('../../core/review/decide-review.ts');
  // An unusable event file is an OfflineEventError: main.ts reports it, exit 2.
  const input = await offlineReviewInput(path.resolve(context.cwd, eventFile), root, eventFile);
  const base = readBaseContext(input.team, input.policies, new Date(currentInstant(context.env)));
  const decision = decideReview({
    pullRequest: input.pullRequest,
    reviews: input.reviews,
    comments: input.comments,
    base,
  });
  if (format === 'json')
    context.stdout.write(
      `${JSON.stringify({ event: eventFile, dryRun: true, decision, status: { context: 'mpflow/review', state: decision.verdict, description: statusDescription(decision, language) } }, null, 2)}\n`,
    );
  else context.stdout.write(formatDecisionText(decision, [], true, language));
  return EXIT.clean;
}

function formatDecisionText(
  decision: ReviewDecision,
  actions: readonly GateAction[],
  dryRun: boolean,
  language: Language,
): string {
  const zh = language === 'zh-CN';
  const lines = [
    `PR #${decision.pr} ${shortSha(decision.headSha)}: ${decision.verdict} — ${pick(decision.description, language)}`,
  ];
  for (const problem of decision.problems) lines.push(`  ! ${pick(problem, language)}`);
  for (const stage of decision.stages) {
    const actor = stage.state === 'rejected' ? stage.rejectedBy : stage.doneBy;
    const who = actor
      ? ` @${actor.login} (${actor.member}, ${pick(ROLE_NAMES[actor.role], language)}) ${formatMoment(actor.at, decision.timeZone)} ${shortSha(actor.sha)}`
      : '';
    lines.push(`  ${stage.state.padEnd(8)} ${pick(stage.label, language)}${who}`);
    for (const note of stage.notes) lines.push(`           · ${pick(note, language)}`);
  }
  for (const violation of decision.violations) lines.push(`  ✗ ${pick(violation.message, language)}`);
  lines.push(`  ${zh ? '标签' : 'label'}: ${decision.label ?? '—'}`);
  const skipped = actions.find((action) => action.kind === 'skipped');
  if (skipped) {
    lines.push(
      zh
        ? `  审核程序只判断合并到默认分支的 PR（${skipped.reason}）：没有设置状态、标签或评论。`
        : `  The gate judges only pull requests into the default branch (${skipped.reason}): no status, label or comment was posted.`,
    );
  }
  if (dryRun) lines.push(zh ? '（--dry-run：没有写入 GitHub）' : '(--dry-run: nothing written to GitHub)');
  else for (const action of actions) lines.push(`  → ${describeAction(action)}`);
  return `${lines.join('\n')}\n`;
}

function describeAction(action: GateAction): string {
  switch (action.kind) {
    case 'label-added':
    case 'label-removed':
      return `${action.kind} ${action.label}`;
    case 'status-set':
      return `status mpflow/review ${action.state}: ${action.description}`;
    case 'check-run-set':
      return `check run mpflow/review ${action.state}: ${action.description}`;
    case 'skipped':
      return `nothing posted: ${action.reason}`;
    default:
      return `${action.kind} #${action.id}`;
  }
}
