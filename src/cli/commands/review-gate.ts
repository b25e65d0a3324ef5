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
import { appendReviewRecord, buildReviewRecord } from '../../core/review/audit-log.ts';
import { formatMoment, statusDescription } from '../../core/review/present-decision.ts';
import type { ReviewDecision } from '../../core/review/review-input.ts';
import { shortSha } from '../../core/review/sign-off.ts';
import { ROLE_NAMES } from '../../core/team/roster.ts';
import type { CommandContext } from '../context.ts';
import { CommandFailure, EXIT, UsageError } from '../errors.ts';
import { resolveRoot } from '../options.ts';
import { defineCommand, flag, commandRunner, value } from '../command.ts';
import { ROOT_OPTION_TEXT, formatOption } from '../shared-options.ts';
import { type Speaking, renderIn, sayIn } from '../messages.ts';

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

export const runReviewGate = commandRunner(REVIEW_GATE_COMMAND, async ({ values, say, language }, context) => {
  const format = values.format;
  if (values.event !== undefined)
    return offlineGate(values.event, values['dry-run'] ?? false, format, values.root, context);
  if (values.repo === undefined) throw new UsageError(say('review-gate.missingRepoOwnerName'));
  const repository = parseRepositoryName(values.repo);
  if (!repository) throw new UsageError(say('review-gate.repoMustOwnerName', { repo: values.repo }));
  if (values.pr === undefined) throw new UsageError(say('review-gate.missingPrN'));
  if (!/^[1-9]\d{0,9}$/.test(values.pr))
    throw new UsageError(say('review-gate.prMustPositiveWhole', { pr: values.pr }));
  const number = Number(values.pr);
  const verdictKind = values.verdict;
  if (verdictKind !== 'check-run' && verdictKind !== 'status')
    throw new UsageError(say('review-gate.verdictMustCheckRun', { verdictKind }));
  if (values['record-merge'] && values['dry-run']) throw new UsageError(say('review-gate.recordMergeCannotCombined'));

  const env = context.env ?? process.env;
  const { token, baseUrl } = githubOptionsFromEnvironment(env);
  if (!token && !values['dry-run']) {
    throw new UsageError(say('review-gate.githubTokenNotSet'));
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
        context.stderr.write(`mpflow: ${say('review-gate.prNotMergedThere', { number })}\n`);
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
            ? say('review-gate.appendedReviewRecordPr', { number, file: result.file })
            : say('review-gate.alreadyHoldsPrNothing', { file: result.file, number }),
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
          ? renderIn(context)(apiError.localized)
          : error.cause instanceof Error
            ? error.cause.message
            : String(error.cause);
        context.stderr.write(`mpflow: ${say('review-gate.reviewVerdictReviewPr', { number, why })}\n`);
        return EXIT.problems;
      }
    }
    if (format === 'json')
      context.stdout.write(
        `${JSON.stringify({ repository: `${repository.owner}/${repository.repo}`, dryRun: values['dry-run'], decision, status: { context: 'mpflow/review', state: decision.verdict, description: statusDescription(decision, language) }, actions }, null, 2)}\n`,
      );
    else context.stdout.write(formatDecisionText(decision, actions, values['dry-run'] ?? false, context));
    return EXIT.clean;
  } catch (error) {
    const apiError = toGitHubApiError(error, baseUrl!);
    if (!apiError) throw error;
    throw new CommandFailure(apiError.localized, EXIT.problems, { cause: error });
  }
});

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
  const say = sayIn(context);
  const language = context.language;
  if (!dryRun) throw new UsageError(say('review-gate.eventWorksDryRun'));
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
  else context.stdout.write(formatDecisionText(decision, [], true, context));
  return EXIT.clean;
}

function formatDecisionText(
  decision: ReviewDecision,
  actions: readonly GateAction[],
  dryRun: boolean,
  speaking: Speaking,
): string {
  const say = sayIn(speaking);
  const render = renderIn(speaking);
  const lines = [
    `PR #${decision.pr} ${shortSha(decision.headSha)}: ${decision.verdict} — ${render(decision.description)}`,
  ];
  for (const problem of decision.problems) lines.push(`  ! ${render(problem)}`);
  for (const stage of decision.stages) {
    const actor = stage.state === 'rejected' ? stage.rejectedBy : stage.doneBy;
    const who = actor
      ? ` @${actor.login} (${actor.member}, ${render(ROLE_NAMES[actor.role])}) ${formatMoment(actor.at, decision.timeZone)} ${shortSha(actor.sha)}`
      : '';
    lines.push(`  ${stage.state.padEnd(8)} ${render(stage.label)}${who}`);
    for (const note of stage.notes) lines.push(`           · ${render(note)}`);
  }
  for (const violation of decision.violations) lines.push(`  ✗ ${render(violation.message)}`);
  lines.push(`  ${say('review-gate.label')}: ${decision.label ?? '—'}`);
  const skipped = actions.find((action) => action.kind === 'skipped');
  if (skipped) {
    lines.push(say('review-gate.gateJudgesOnlyPull', { reason: skipped.reason }));
  }
  if (dryRun) lines.push(say('review-gate.dryRunNothingWritten'));
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
