import { departmentClock, departmentTimeZone } from '../../core/policy/department-clock.ts';
import { currentInstant } from '../../core/clock.ts';
import path from 'node:path';
import { checkLoadedRepository } from '../../core/check/check-repository.ts';
import { dateInTimeZone, isYearMonth } from '../../core/model/dates.ts';
import { isoInTimeZone } from '../../core/calendar/wall-clock.ts';
import { writeFilesAllOrNothing } from '../../core/source/write-file-atomically.ts';
import { dateTimeOptionProblem, parseDateTimeOption } from '../../core/model/date-time-option.ts';
import { monthTodo } from '../../core/scoring/todo.ts';
import { formatTodo } from '../../core/scoring/todo-report.ts';
import { SAMPLE_ACCOUNT, sampleTargetsInForce } from '../../core/scoring/sample-targets.ts';
import { loadRepository, type Repository } from '../../core/repository/load-repository.ts';
import { nextMonth, previousMonth } from '../../core/calendar/days.ts';
import { cycleStatus } from '../../core/scoring/cycle.ts';
import { diffScores, repositoryAtRef, UnknownRefError } from '../../core/scoring/diff.ts';
import { appendOnlyFindings } from '../../core/scoring/append-only.ts';
import { explanationJson, explanationText } from '../../core/scoring/explain.ts';
import { policyForPeriod } from '../../core/scoring/gather-inputs.ts';
import { fixed2 } from '../../core/scoring/normalise.ts';
import { resultRecord, resultYaml } from '../../core/scoring/result-file.ts';
import {
  annualRecord,
  annualScores,
  finalisationRecord,
  finalisedInputDrift,
  resultPath,
  scorePeriod,
  verifyCommittedResults,
} from '../../core/scoring/score-period.ts';
import { indexMembers } from '../../core/team/roster.ts';
import type { CommandContext } from '../context.ts';
import { CommandFailure, EXIT, UsageError } from '../errors.ts';
import { parseFormat, resolveRoot } from '../options.ts';
import { defineCommand, flag, commandRunner, value, type Validator } from '../command.ts';
import { ROOT_OPTION } from '../shared-options.ts';
import { dateOrInstant } from '../validators.ts';
import { renderIn, type Say, sayIn } from '../messages.ts';

/** --period: a month (YYYY-MM) or a year (YYYY). */
const periodValue: Validator<string> = (raw, site) => {
  if (/^\d{4}$/.test(raw) || isYearMonth(raw)) return raw;
  throw new UsageError(sayIn(site)('score.periodMustYyyyMm', { raw }));
};

export const SCORE_COMMAND = defineCommand({
  name: 'score',
  positionals: true,
  options: {
    period: value({ placeholder: 'YYYY-MM|YYYY', parse: periodValue }),
    todo: flag(),
    force: flag(),
    reason: value(),
    write: flag(),
    finalize: flag(),
    by: value(),
    at: value({
      parse: dateOrInstant,
    }),
    explain: value(),
    verify: flag(),
    base: value(),
    diff: value(),
    today: value({
      parse: dateOrInstant,
    }),
    // The formats depend on --todo (markdown is only for it), so the command checks the value.
    format: value({
      placeholder: 'text|json|markdown',
      default: 'text',
    }),
    root: ROOT_OPTION,
  },
});

/** Output goes out in one write, so a reader that stops early (`| head`) does not cut a line in half. */
export async function runScore(argv: string[], context: CommandContext): Promise<number> {
  const say = sayIn(context);
  let buffered = '';
  try {
    return await scoreCommand(argv, { ...context, stdout: { write: (chunk: string) => (buffered += chunk) } });
  } catch (error) {
    if (!(error instanceof WriteFailure)) throw error;
    // Nothing was changed, so nothing that was printed about the change stands.
    buffered = '';
    throw new CommandFailure(say('score.couldNotWriteNo', { file: error.file, reason: error.reason }), EXIT.problems, {
      bare: true,
      cause: error,
    });
  } finally {
    if (buffered !== '') context.stdout.write(buffered);
  }
}

const scoreCommand = commandRunner(SCORE_COMMAND, async ({ values, positionals, say, language }, context) => {
  const format = parseFormat(
    values.format,
    values.todo ? (['text', 'json', 'markdown'] as const) : (['text', 'json'] as const),
    language,
  );
  if (positionals.length > (values.todo ? 1 : 0))
    throw new UsageError(say('score.unexpectedArgumentOnlyTodo', { positionalsList: positionals.join(' ') }));
  if (values.force && (values.reason === undefined || values.reason.trim() === ''))
    throw new UsageError(say('score.forceNeedsReasonWhy'));
  const root = resolveRoot(values.root, context);
  const { repository, problems: loadProblems } = await loadRepository(root);
  const now = currentInstant(context.env ?? process.env);
  /** --today (a date, or a date-time read in the zone) or the clock, as a calendar date in the policy's zone. */
  const todayIn = (timeZone: string): string => {
    if (values.today === undefined) return dateInTimeZone(new Date(now).toISOString(), timeZone);
    const parsed = parseDateTimeOption(values.today, timeZone);
    if (!parsed) throw new UsageError(dateTimeOptionProblem('--today', values.today, timeZone));
    return parsed.date;
  };
  const out = (chunk: string) => context.stdout.write(chunk);
  const json = (value: unknown) => out(`${JSON.stringify(value, null, 2)}\n`);

  if (values.verify) return verify(root, repository, context, format, values.base);
  if (values.diff !== undefined) return diff(root, values.diff, repository, context, format);

  // --todo alone: the month whose cycle is running now, the one before this one in the department's zone.
  const period =
    values.period ??
    (values.todo
      ? previousMonth(
          todayIn(
            departmentClock(
              repository.policies.filter((record) => record.valid).map((record) => record.data),
              now,
            ).timeZone,
          ),
        )
      : undefined);
  if (period === undefined) throw new UsageError(say('score.givePeriodYyyyMm'));

  const errors = [...loadProblems, ...checkLoadedRepository(repository, { now })].filter(
    (problem) => problem.severity === 'error',
  );
  const refuseOnErrors = () => {
    if (errors.length === 0) return false;
    context.stderr.write(say('score.repositoryErrorsFixThem', { errorsCount: errors.length }));
    return true;
  };

  if (/^\d{4}$/.test(period)) {
    if (values.explain !== undefined || values.finalize) throw new UsageError(say('score.explainFinalizeTakeMonth'));
    const annual = annualScores(repository, Number(period));
    const yearPolicy = policyForPeriod(repository, `${Number(period) + 1}-01`);
    if (!annual && yearPolicy) {
      context.stderr.write(say('score.policyNoAnnualAppraisal', { effective: yearPolicy.effective }));
      return EXIT.problems;
    }
    if (!annual) {
      context.stderr.write(say('score.noPolicyForceSo', { nextYear: Number(period) + 1, period }));
      return EXIT.problems;
    }
    const record = annualRecord(annual);
    const today = todayIn(departmentTimeZone(annual.policy));
    if (values.write && today < `${Number(period) + 1}-01-01`) {
      // Policy 五（三）: the annual appraisal is made in January of the following year.
      context.stderr.write(say('score.notOverYetToday', { period, today, nextYear: Number(period) + 1 }));
      return EXIT.problems;
    }
    if (values.write) {
      if (refuseOnErrors()) return EXIT.problems;
      await writeAtomically(
        root,
        `appraisals/annual/${period}.yaml`,
        resultYaml(
          record,
          '# yaml-language-server: $schema=../../schemas/appraisal-annual.schema.json\n# 由 mpflow score --period <年份> --write 生成，请勿手改。\n# Written by mpflow score --period <year> --write; never edit by hand.\n',
        ),
      );
    }
    if (format === 'json') json(record);
    else {
      out(say('score.annualScoresPolicy', { period, method: annual.method, effective: annual.policy.effective }));
      for (const member of [...annual.members].sort(
        (a, b) => (b.score ?? -1) - (a.score ?? -1) || (a.member < b.member ? -1 : 1),
      )) {
        out(
          `  ${member.member.padEnd(12)} ${member.score === null ? '—' : fixed2(member.score)}  ${member.grade ?? '—'}  ${say('score.months')} ${member.months.join(',') || '—'}${member.excludedMonths.length > 0 ? say('score.leftOutLeave', { excludedMonthsList: member.excludedMonths.join(',') }) : ''}\n`,
        );
      }
      if (values.write) out(say('score.wroteAppraisalsAnnualYaml', { period }));
    }
    return EXIT.clean;
  }

  if (!isYearMonth(period)) throw new UsageError(say('score.periodMustYyyyMm2', { period }));
  const scores = scorePeriod(repository, period);
  if (!scores) {
    // A policy file that fails its schema is not "no policy": say which, so the fix is obvious.
    const unusable = repository.policies
      .filter(
        (record) =>
          !record.valid && typeof record.data.effective === 'string' && record.data.effective <= `${period}-01`,
      )
      .map((record) => record.file);
    context.stderr.write(
      unusable.length > 0
        ? say('score.doesNotMatchModel', {
            unusable: unusable.join(say('listSeparator')),
            period,
          })
        : say('score.noPolicyForceSo2', { period }),
    );
    return EXIT.problems;
  }
  const members = indexMembers(repository.team?.data);

  if (values.explain !== undefined) {
    const result = scores.results.find((entry) => entry.member === values.explain);
    if (!result) {
      throw new UsageError(
        say('score.notAppraisedAppraised', {
          period,
          explain: values.explain,
          results: scores.results.map((entry) => entry.member).join(say('listSeparator')),
        }),
      );
    }
    if (format === 'json') json(explanationJson(result));
    else out(explanationText(result, language, members.get(result.member)?.name));
    return EXIT.clean;
  }

  const timeZone = departmentTimeZone(scores.policy);
  const today = todayIn(timeZone);
  const monthOver = `${nextMonth(period)}-01`;

  if (values.todo) {
    const todo = monthTodo(repository, scores.policy, period, today);
    const only = positionals[0];
    if (only !== undefined && !members.has(only)) throw new UsageError(say('score.thereNoMemberRoster', { only }));
    const shown =
      only === undefined ? todo : { ...todo, people: todo.people.filter((person) => person.member === only) };
    if (format === 'json') json(shown);
    else out(formatTodo(shown, format === 'markdown' ? 'markdown' : 'text', language));
    return EXIT.clean;
  }

  if (values.finalize)
    return finalize(root, repository, scores, values.by, values.at, context, refuseOnErrors, {
      now,
      monthOver,
      force: values.force ? values.reason!.trim() : undefined,
    });

  if (values.write) {
    if (refuseOnErrors()) return EXIT.problems;
    if (today < monthOver && !values.force) {
      context.stderr.write(say('score.notOverYetToday2', { period, today, timeZone, monthOver }));
      return EXIT.problems;
    }
    // Rewriting a finalised month is for appended calibrations only; new inputs must not move its scores.
    const drifted = finalisedInputDrift(repository).filter((drift) => drift.period === period);
    if (drifted.length > 0) {
      const first = drifted[0]!;
      context.stderr.write(
        say('score.finalisedScoringInputsChanged', {
          period,
          finalizedAt: first.finalizedAt,
          finalizedBy: first.finalizedBy,
          drifted: drifted.map((drift) => drift.member).join(say('listSeparator')),
        }),
      );
      return EXIT.problems;
    }
    const early = today < monthOver ? earlyNote(values.reason!.trim(), isoInTimeZone(now, timeZone)) : '';
    await writeAllOrNothing(
      root,
      scores.results.map((result) => ({
        path: resultPath(period, result.member),
        content: resultYaml(resultRecord(result)).replace(/^((?:#[^\n]*\n)+)/, (header) => `${header}${early}`),
      })),
    );
  }

  const cycle = cycleStatus(repository, scores.policy, period, today);
  if (format === 'json') {
    json({ period, policy: scores.policy.effective, today, cycle, results: scores.results.map(resultRecord) });
    return EXIT.clean;
  }
  out(say('score.appraisalCyclePolicyToday', { period, effective: scores.policy.effective, today, timeZone }));
  const inherited = sampleTargetsInForce(scores.policy, repository.team?.data);
  if (inherited.length > 0) {
    out(
      say('score.noteTargetsPolicyStill', {
        effective: scores.policy.effective,
        inherited: inherited.join(say('listSeparator')),
        sampleAccount: SAMPLE_ACCOUNT,
      }),
    );
  }
  for (const member of cycle) {
    const missing = member.steps.filter((step) => !step.done);
    const postponed = (step: (typeof missing)[number]) =>
      step.postponedFrom ? say('score.movedFromLeave', { postponedFrom: step.postponedFrom }) : '';
    const summary =
      missing.length === 0
        ? say('score.allStepsDone')
        : missing
            .map(
              (step) =>
                `${say(`score.steps.${step.step}`)}${step.step === 'peers' ? ` ${step.received}/${step.required}` : ''} ${say('score.due')} ${step.due}${postponed(step)}${step.overdue ? say('score.overdue') : ''}`,
            )
            .join(say('score.semicolon'));
    const leave =
      member.leave.length > 0
        ? say('score.leave', {
            leave: member.leave.map((entry) => say('score.leaveRange', entry)).join(say('listSeparator')),
          })
        : '';
    out(
      `  ${member.name} ${member.member}${leave}: ${missing.length === 0 ? summary : `${say('score.missing')} ${summary}`}\n`,
    );
  }
  if (
    cycle.some((member) => member.steps.some((step) => !step.done && step.step !== 'hr' && step.step !== 'application'))
  ) {
    out(say('score.eachPersonFilesWhom', { period }));
  }
  out(say('score.scores'));
  const ranked = [...scores.results].sort(
    (a, b) => (b.score ?? -1) - (a.score ?? -1) || (a.member < b.member ? -1 : 1),
  );
  for (const result of ranked) {
    if (result.status === 'blocked')
      out(
        `  ${result.member.padEnd(12)} —      ${say('score.withheld')}: ${result.blockedBy.map(renderIn(context)).join(say('score.semicolon'))}\n`,
      );
    else out(`  ${result.member.padEnd(12)} ${fixed2(result.score!)}  ${result.grade}\n`);
  }
  if (values.write) out(say('score.wroteResultsAppraisals', { resultsCount: scores.results.length, period }));
  return EXIT.clean;
});

async function verify(
  root: string,
  repository: Repository,
  context: CommandContext,
  format: string,
  base: string | undefined,
): Promise<number> {
  const say = sayIn(context);
  const { checked, findings, sealed } = verifyCommittedResults(repository);
  if (base !== undefined) {
    const before = await atRef(root, base, say);
    try {
      for (const finding of appendOnlyFindings(before.repository, repository))
        findings.push({ file: finding.file, member: '*', period: '', differences: [], message: finding.message });
    } finally {
      await before.cleanup();
    }
  }
  if (format === 'json') {
    context.stdout.write(`${JSON.stringify({ checked, findings }, null, 2)}\n`);
    return findings.length > 0 ? EXIT.problems : EXIT.clean;
  }
  for (const finding of findings) {
    if (finding.message) context.stdout.write(`${finding.file}: ${renderIn(context)(finding.message)}\n`);
    for (const difference of finding.differences) {
      context.stdout.write(
        say('score.committedRecomputed', {
          file: finding.file,
          member: finding.member,
          period: finding.period,
          field: difference.field,
          show: show(difference.committed),
          show2: show(difference.recomputed),
        }),
      );
    }
  }
  if (findings.length > 0) {
    context.stdout.write(verifySummary(repository, checked, findings, say));
    return EXIT.problems;
  }
  if (sealed > 0) {
    // Sealed ratings no identity here opens (CI, a member's clone): bound to HR's finalisation, not recomputed.
    context.stdout.write(say('score.checkedResultsAllMatch', { checked, sealed }));
    return EXIT.clean;
  }
  context.stdout.write(say('score.recomputedResultsAllMatch', { checked }));
  return EXIT.clean;
}

/**
 * The verdict of --verify in words that count right: result files that differ apart from the
 * findings about finalised months, and advice only of what mpflow would then accept (a finalised
 * month is never rewritten; its scores change only by an appended calibration).
 */
function verifySummary(
  repository: Repository,
  checked: number,
  findings: ReadonlyArray<{ file: string; period: string }>,
  say: Say,
): string {
  const isResult = (file: string) => /\/result\.ya?ml$|^appraisals\/annual\//.test(file);
  const finalised = new Set((repository.finalizations ?? []).map((record) => record.data.period));
  const differing = [...new Set(findings.filter((finding) => isResult(finding.file)).map((finding) => finding.file))];
  const others = findings.filter((finding) => !isResult(finding.file)).length;
  const periodOf = (file: string) =>
    /^appraisals\/(\d{4}-\d{2})\//.exec(file)?.[1] ?? /^appraisals\/annual\/(\d{4})/.exec(file)?.[1] ?? '';
  const rewritable = [
    ...new Set(differing.map(periodOf).filter((period) => period !== '' && !finalised.has(period))),
  ].sort();
  const locked = [
    ...new Set([
      ...differing.map(periodOf).filter((period) => finalised.has(period)),
      ...findings
        .filter((finding) => !isResult(finding.file))
        .map((finding) => finding.period)
        .filter((period) => finalised.has(period)),
    ]),
  ].sort();
  const counted = say('score.recomputedResultsDiffer', {
    checked,
    differingCount: differing.length,
    finalisations: others > 0 ? say('score.findingsOnFinalisations', { count: others }) : '',
  });
  const advice: string[] = [];
  if (rewritable.length > 0)
    advice.push(
      say('score.regenerateMonthsNotYet', {
        rewritable: rewritable.map((period) => `mpflow score --period ${period} --write`).join(say('listSeparator')),
      }),
    );
  if (locked.length > 0)
    advice.push(
      say('score.finalisedCannotRegeneratedRevert', {
        locked: locked.join(say('listSeparator')),
        count: locked.length,
      }),
    );
  return `${[counted, ...advice].join(say('score.sentenceSeparator'))}\n`;
}

async function atRef(root: string, ref: string, say: Say): Promise<Awaited<ReturnType<typeof repositoryAtRef>>> {
  if (ref.startsWith('-')) throw new UsageError(say('score.commitNeededGot', { ref }));
  try {
    return await repositoryAtRef(root, ref);
  } catch (error) {
    if (error instanceof UnknownRefError) throw new UsageError(say('score.gitKnowsNoCommit', { ref }));
    throw error;
  }
}

function show(value: unknown): string {
  if (value === undefined) return '(—)';
  return typeof value === 'number' ? fixed2(value) : JSON.stringify(value);
}

async function diff(
  root: string,
  ref: string,
  now: Repository,
  context: CommandContext,
  format: string,
): Promise<number> {
  const say = sayIn(context);
  const before = await atRef(root, ref, say);
  try {
    const changes = diffScores(before.repository, now);
    if (format === 'json') {
      context.stdout.write(`${JSON.stringify({ ref, changes }, null, 2)}\n`);
      return EXIT.clean;
    }
    if (changes.length === 0) {
      context.stdout.write(say('score.noScoreChangedSince', { ref }));
      return EXIT.clean;
    }
    const score = (value: number | null, grade: string | null) =>
      value === null ? '—' : `${fixed2(value)} ${grade ?? ''}`.trim();
    for (const change of changes) {
      context.stdout.write(
        `${change.period} ${change.member}: ${score(change.before, change.beforeGrade)} → ${score(change.after, change.afterGrade)}\n`,
      );
      for (const reason of change.reasons) context.stdout.write(`  - ${renderIn(context)(reason)}\n`);
    }
    return EXIT.clean;
  } finally {
    await before.cleanup();
  }
}

async function finalize(
  root: string,
  repository: Repository,
  scores: NonNullable<ReturnType<typeof scorePeriod>>,
  by: string | undefined,
  at: string | undefined,
  context: CommandContext,
  refuseOnErrors: () => boolean,
  calendar: { now: number; monthOver: string; force: string | undefined },
): Promise<number> {
  const say = sayIn(context);
  const refuse = (message: string) => {
    context.stderr.write(`${message}\n`);
    return EXIT.problems;
  };
  if (by === undefined) throw new UsageError(say('score.finalizeNeedsHrMember'));
  const member = indexMembers(repository.team?.data).get(by);
  if (!member?.roles.includes('hr')) return refuse(say('score.onlyRosterMemberHr', { by }));
  if ((repository.finalizations ?? []).some((record) => record.data.period === scores.period))
    return refuse(say('score.alreadyFinalisedAppendLater', { period: scores.period }));
  const timeZone = departmentTimeZone(scores.policy);
  let instant = calendar.now;
  if (at !== undefined) {
    const parsed = parseDateTimeOption(at, timeZone);
    if (!parsed) throw new UsageError(dateTimeOptionProblem('--at', at, timeZone));
    if (parsed.instant > calendar.now)
      return refuse(
        say('score.laterThanNowFinalisation', {
          iso: parsed.iso,
          isoInTimeZone: isoInTimeZone(calendar.now, timeZone),
        }),
      );
    instant = parsed.instant;
  }
  const finalizedAt = isoInTimeZone(instant, timeZone);
  const early = dateInTimeZone(finalizedAt, timeZone) < calendar.monthOver;
  if (early && calendar.force === undefined) {
    return refuse(
      say('score.notOverYetSo', { period: scores.period, finalizedAt, timeZone, monthOver: calendar.monthOver }),
    );
  }
  if (refuseOnErrors()) return EXIT.problems;
  const blocked = scores.results.filter((result) => result.status === 'blocked');
  if (blocked.length > 0)
    return refuse(
      say('score.someScoresWithheldSo', {
        blocked: blocked
          .map((result) =>
            say('score.blockedMember', {
              member: result.member,
              reasons: result.blockedBy.map(renderIn(context)).join(say('score.semicolon')),
            }),
          )
          .join(say('score.memberSeparator')),
      }),
    );
  const committed = new Map(
    (repository.scoreResults ?? [])
      .filter((record) => record.data.period === scores.period)
      .map((record) => [record.data.member, record.data]),
  );
  const stale = scores.results.filter((result) => committed.get(result.member)?.inputDigest !== result.inputDigest);
  if (stale.length > 0)
    return refuse(
      say('score.resultsMissingOutDate', {
        stale: stale.map((result) => result.member).join(say('listSeparator')),
        period: scores.period,
      }),
    );
  const record = finalisationRecord(repository, scores, by, finalizedAt, early ? calendar.force : undefined);
  await writeAtomically(
    root,
    `appraisals/${scores.period}/finalized.yaml`,
    resultYaml(
      record,
      "# yaml-language-server: $schema=../../schemas/appraisal-finalization.schema.json\n# 由 mpflow score --finalize 生成：定稿后本月的评价与面谈记录被锁定，调整得分只能追加校准。\n# Written by mpflow score --finalize: the month's ratings and interviews are now locked; adjust scores only by appending calibrations.\n",
    ),
  );
  context.stdout.write(
    say('score.finalisedRecordsLocked', {
      period: scores.period,
      by,
      finalizedAt,
      ObjectCount: Object.keys(record.records as object).length,
    }),
  );
  return EXIT.clean;
}

/** The comment a result file carries when it was written before its month ended (--force --reason). */
function earlyNote(reason: string, at: string): string {
  const line = reason.replace(/\s+/g, ' ');
  return `# 月份结束前提前写入（${at}），原因：${line}\n# Written before the month ended (${at}); reason: ${line}\n`;
}

/** A file that could not be written: the CLI names it and exits 1, with every file as it was. */
class WriteFailure extends Error {
  readonly file: string;
  readonly reason: string;
  constructor(file: string, reason: string) {
    super(`${file}: ${reason}`);
    this.file = file;
    this.reason = reason;
  }
}

/** Writes a month's files all or nothing (see writeFilesAllOrNothing); a failure names the file, relative to the repository. */
async function writeAllOrNothing(root: string, files: ReadonlyArray<{ path: string; content: string }>): Promise<void> {
  await writeFilesAllOrNothing(
    files.map((file) => ({ file: path.join(root, file.path), content: file.content })),
    {
      describeFailure: (file, error) =>
        new WriteFailure(
          path.relative(root, file).split(path.sep).join('/'),
          (error as NodeJS.ErrnoException).code ?? String(error),
        ),
    },
  );
}

/** Write to a temporary file beside the target, then rename: a reader never sees half a file. */
async function writeAtomically(root: string, relativePath: string, content: string): Promise<void> {
  await writeAllOrNothing(root, [{ path: relativePath, content }]);
}
