import { departmentClock, departmentTimeZone } from '../../core/policy/department-clock.ts';
import { currentInstant } from '../../core/clock.ts';
import path from 'node:path';
import { checkLoadedRepository } from '../../core/check/check-repository.ts';
import { pick, type Language } from '../../core/i18n/language.ts';
import { dateInTimeZone, isYearMonth } from '../../core/model/dates.ts';
import { isoInTimeZone } from '../../core/calendar/wall-clock.ts';
import { writeFilesAllOrNothing } from '../../core/source/write-file-atomically.ts';
import { dateTimeOptionProblem, parseDateTimeOption } from '../../core/model/date-time-option.ts';
import { monthTodo } from '../../core/scoring/todo.ts';
import { formatTodo } from '../../core/scoring/todo-report.ts';
import { SAMPLE_ACCOUNT, sampleTargetsInForce } from '../../core/scoring/sample-targets.ts';
import { loadRepository, type Repository } from '../../core/repository/load-repository.ts';
import { nextMonth, previousMonth } from '../../core/calendar/days.ts';
import { cycleStatus, type CycleStepId } from '../../core/scoring/cycle.ts';
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
import { defineCommand, flag, parseCommand, value, type Validator } from '../command.ts';
import { ROOT_OPTION } from '../shared-options.ts';
import { dateOrInstant } from '../validators.ts';

/** --period: a month (YYYY-MM) or a year (YYYY). */
const periodValue: Validator<string> = (raw, { language }) => {
  if (/^\d{4}$/.test(raw) || isYearMonth(raw)) return raw;
  throw new UsageError({
    zh: `--period 应为 YYYY-MM 或 YYYY（收到“${raw}”）。`,
    en: `--period must be YYYY-MM or YYYY (got "${raw}").`,
  });
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

const STEP_LABELS: Record<CycleStepId, { zh: string; en: string }> = {
  self: { zh: '自评', en: 'self-assessment' },
  supervisor: { zh: '上级评价', en: 'supervisor rating' },
  peers: { zh: '同事互评', en: 'peer ratings' },
  hr: { zh: '人力汇总计算', en: 'HR computation' },
  interview: { zh: '绩效面谈', en: 'feedback interview' },
  application: { zh: '定稿与结果应用', en: 'finalisation and application' },
};

/** Output goes out in one write, so a reader that stops early (`| head`) does not cut a line in half. */
export async function runScore(argv: string[], context: CommandContext): Promise<number> {
  let buffered = '';
  try {
    return await scoreCommand(argv, { ...context, stdout: { write: (chunk: string) => (buffered += chunk) } });
  } catch (error) {
    if (!(error instanceof WriteFailure)) throw error;
    // Nothing was changed, so nothing that was printed about the change stands.
    buffered = '';
    throw new CommandFailure(
      {
        zh: `无法写入 ${error.file}（${error.reason}）；没有任何文件被改动。`,
        en: `Could not write ${error.file} (${error.reason}); no file was changed.`,
      },
      EXIT.problems,
      { bare: true, cause: error },
    );
  } finally {
    if (buffered !== '') context.stdout.write(buffered);
  }
}

async function scoreCommand(argv: string[], context: CommandContext): Promise<number> {
  const parsed = parseCommand(SCORE_COMMAND, argv, context);
  if (!parsed) return EXIT.clean;
  const { values, positionals } = parsed;
  const language = context.language;
  const zh = language === 'zh-CN';
  const format = parseFormat(
    values.format,
    values.todo ? (['text', 'json', 'markdown'] as const) : (['text', 'json'] as const),
    language,
  );
  if (positionals.length > (values.todo ? 1 : 0))
    throw new UsageError({
      zh: `多余的参数：${positionals.join(' ')}。只有 --todo 后面可以跟一位成员。`,
      en: `Unexpected argument: ${positionals.join(' ')}. Only --todo takes a member after it.`,
    });
  if (values.force && (values.reason === undefined || values.reason.trim() === ''))
    throw new UsageError({
      zh: '--force 需要 --reason "原因"：提前写入或定稿的原因会被记录下来。',
      en: '--force needs --reason "why": the reason for writing or finalising early is recorded.',
    });
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
  if (period === undefined)
    throw new UsageError({
      zh: '请用 --period 指定月份（YYYY-MM）或年份（YYYY），或使用 --verify / --diff。加 --help 查看用法。',
      en: 'Give --period (YYYY-MM or YYYY), or use --verify / --diff. Run with --help for usage.',
    });

  const errors = [...loadProblems, ...checkLoadedRepository(repository, { now })].filter(
    (problem) => problem.severity === 'error',
  );
  const refuseOnErrors = () => {
    if (errors.length === 0) return false;
    context.stderr.write(
      zh
        ? `仓库中有 ${errors.length} 个错误，先运行 mpflow check 修正后再写入结果。\n`
        : `The repository has ${errors.length} errors; fix them (mpflow check) before writing results.\n`,
    );
    return true;
  };

  if (/^\d{4}$/.test(period)) {
    if (values.explain !== undefined || values.finalize)
      throw new UsageError({
        zh: '--explain 和 --finalize 只用于月份。',
        en: '--explain and --finalize take a month.',
      });
    const annual = annualScores(repository, Number(period));
    const yearPolicy = policyForPeriod(repository, `${Number(period) + 1}-01`);
    if (!annual && yearPolicy) {
      context.stderr.write(
        zh
          ? `${yearPolicy.effective} 版制度没有年度考核（appraisal.annual），部门只做月度考核。\n`
          : `The ${yearPolicy.effective} policy has no annual appraisal (appraisal.annual); the department appraises monthly only.\n`,
      );
      return EXIT.problems;
    }
    if (!annual) {
      context.stderr.write(
        zh
          ? `${Number(period) + 1}-01-01 没有生效的制度版本，无法计算 ${period} 年度得分。\n`
          : `No policy is in force on ${Number(period) + 1}-01-01, so ${period} cannot be scored.\n`,
      );
      return EXIT.problems;
    }
    const record = annualRecord(annual);
    const today = todayIn(departmentTimeZone(annual.policy));
    if (values.write && today < `${Number(period) + 1}-01-01`) {
      // Policy 五（三）: the annual appraisal is made in January of the following year.
      context.stderr.write(
        zh
          ? `${period} 年还没有结束（今天 ${today}）；年度得分在 ${Number(period) + 1} 年 1 月写入。不加 --write 可以查看暂算结果。\n`
          : `${period} is not over yet (today ${today}); the annual score is written in January ${Number(period) + 1}. Leave out --write to see the provisional figures.\n`,
      );
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
      out(
        zh
          ? `${period} 年度得分（${annual.method}，制度 ${annual.policy.effective}）\n`
          : `${period} annual scores (${annual.method}, policy ${annual.policy.effective})\n`,
      );
      for (const member of [...annual.members].sort(
        (a, b) => (b.score ?? -1) - (a.score ?? -1) || (a.member < b.member ? -1 : 1),
      )) {
        out(
          `  ${member.member.padEnd(12)} ${member.score === null ? '—' : fixed2(member.score)}  ${member.grade ?? '—'}  ${zh ? '计入' : 'months'} ${member.months.join(',') || '—'}${member.excludedMonths.length > 0 ? (zh ? `  休假不计入 ${member.excludedMonths.join(',')}` : `  left out for leave ${member.excludedMonths.join(',')}`) : ''}\n`,
        );
      }
      if (values.write)
        out(zh ? `已写入 appraisals/annual/${period}.yaml\n` : `Wrote appraisals/annual/${period}.yaml\n`);
    }
    return EXIT.clean;
  }

  if (!isYearMonth(period))
    throw new UsageError({
      zh: `--period 应为 YYYY-MM 或 YYYY（收到“${period}”）。`,
      en: `--period must be YYYY-MM or YYYY (got "${period}").`,
    });
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
        ? zh
          ? `${unusable.join('、')} 不符合数据模型，无法计分；先运行 mpflow check 修正。\n`
          : `${unusable.join(', ')} does not match the model, so ${period} cannot be scored; run mpflow check and fix it.\n`
        : zh
          ? `${period}-01 没有生效的制度版本，无法计分。\n`
          : `No policy is in force on ${period}-01, so ${period} cannot be scored.\n`,
    );
    return EXIT.problems;
  }
  const members = indexMembers(repository.team?.data);

  if (values.explain !== undefined) {
    const result = scores.results.find((entry) => entry.member === values.explain);
    if (!result) {
      throw new UsageError({
        zh: `${period} 没有需要考核的成员“${values.explain}”；本月考核：${scores.results.map((entry) => entry.member).join('、')}。`,
        en: `"${values.explain}" is not appraised in ${period}; appraised: ${scores.results.map((entry) => entry.member).join(', ')}.`,
      });
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
    if (only !== undefined && !members.has(only))
      throw new UsageError({ zh: `名册中没有成员“${only}”。`, en: `There is no member "${only}" in the roster.` });
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
      context.stderr.write(
        zh
          ? `${period} 还没有结束（今天 ${today}，${timeZone}），结果要在 ${monthOver} 之后写入。不加 --write 可以查看暂算结果；确需提前写入的，用 --force --reason "原因"，原因会写进结果文件。\n`
          : `${period} is not over yet (today ${today}, ${timeZone}); results are written from ${monthOver}. Leave out --write to see the provisional figures; if they must be written now, use --force --reason "why", which is recorded in the result files.\n`,
      );
      return EXIT.problems;
    }
    // Rewriting a finalised month is for appended calibrations only; new inputs must not move its scores.
    const drifted = finalisedInputDrift(repository).filter((drift) => drift.period === period);
    if (drifted.length > 0) {
      const first = drifted[0]!;
      context.stderr.write(
        zh
          ? `${period} 已于 ${first.finalizedAt} 由 ${first.finalizedBy} 定稿，之后 ${drifted.map((drift) => drift.member).join('、')} 的计分输入变了，不能重写这个月的结果。请撤回改动；确需调整得分的，追加校准。\n`
          : `${period} was finalised on ${first.finalizedAt} by ${first.finalizedBy}, and the scoring inputs of ${drifted.map((drift) => drift.member).join(', ')} have changed since, so its results cannot be rewritten. Revert the change; to adjust a score, append a calibration.\n`,
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
  out(
    zh
      ? `${period} 考核进度（制度 ${scores.policy.effective}，今天 ${today}，${timeZone}）\n`
      : `${period} appraisal cycle (policy ${scores.policy.effective}, today ${today}, ${timeZone})\n`,
  );
  const inherited = sampleTargetsInForce(scores.policy, repository.team?.data);
  if (inherited.length > 0) {
    out(
      zh
        ? `  注意：${scores.policy.effective} 版制度中 ${inherited.join('、')} 的目标值仍是示例部门（${SAMPLE_ACCOUNT}）的；按本号的粉丝和阅读水平定自己的目标，写进新的制度版本（mpflow new policy）。\n`
        : `  Note: the targets of ${inherited.join(', ')} in the ${scores.policy.effective} policy are still the sample department's (${SAMPLE_ACCOUNT}); set your own from your account's figures in a new policy version (mpflow new policy).\n`,
    );
  }
  for (const member of cycle) {
    const missing = member.steps.filter((step) => !step.done);
    const postponed = (step: (typeof missing)[number]) =>
      step.postponedFrom
        ? zh
          ? `（因休假由 ${step.postponedFrom} 顺延）`
          : ` (moved from ${step.postponedFrom} for leave)`
        : '';
    const summary =
      missing.length === 0
        ? zh
          ? '全部完成'
          : 'all steps done'
        : missing
            .map(
              (step) =>
                `${pick(STEP_LABELS[step.step], language)}${step.step === 'peers' ? ` ${step.received}/${step.required}` : ''} ${zh ? '截止' : 'due'} ${step.due}${postponed(step)}${step.overdue ? (zh ? '（已逾期）' : ' (OVERDUE)') : ''}`,
            )
            .join(zh ? '；' : '; ');
    const leave =
      member.leave.length > 0
        ? zh
          ? `（休假 ${member.leave.map((entry) => `${entry.from}—${entry.to}`).join('、')}）`
          : ` (on leave ${member.leave.map((entry) => `${entry.from}–${entry.to}`).join(', ')})`
        : '';
    out(
      `  ${member.name} ${member.member}${leave}: ${missing.length === 0 ? summary : `${zh ? '缺' : 'missing'} ${summary}`}\n`,
    );
  }
  if (
    cycle.some((member) => member.steps.some((step) => !step.done && step.step !== 'hr' && step.step !== 'application'))
  ) {
    out(
      zh
        ? `  每人要写的文件、评谁和生成命令：mpflow score --period ${period} --todo\n`
        : `  Each person's files, whom to rate and the commands: mpflow score --period ${period} --todo\n`,
    );
  }
  out(zh ? '\n得分\n' : '\nScores\n');
  const ranked = [...scores.results].sort(
    (a, b) => (b.score ?? -1) - (a.score ?? -1) || (a.member < b.member ? -1 : 1),
  );
  for (const result of ranked) {
    if (result.status === 'blocked')
      out(
        `  ${result.member.padEnd(12)} —      ${zh ? '暂不出分' : 'withheld'}: ${result.blockedBy.map((reason) => pick(reason, language)).join(zh ? '；' : '; ')}\n`,
      );
    else out(`  ${result.member.padEnd(12)} ${fixed2(result.score!)}  ${result.grade}\n`);
  }
  if (values.write)
    out(
      zh
        ? `\n已写入 ${scores.results.length} 份结果到 appraisals/${period}/\n`
        : `\nWrote ${scores.results.length} results to appraisals/${period}/\n`,
    );
  return EXIT.clean;
}

async function verify(
  root: string,
  repository: Repository,
  context: CommandContext,
  format: string,
  base: string | undefined,
): Promise<number> {
  const zh = context.language === 'zh-CN';
  const { checked, findings, sealed } = verifyCommittedResults(repository);
  if (base !== undefined) {
    const before = await atRef(root, base, zh);
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
    if (finding.message) context.stdout.write(`${finding.file}: ${pick(finding.message, context.language)}\n`);
    for (const difference of finding.differences) {
      context.stdout.write(
        zh
          ? `${finding.file}: ${finding.member} ${finding.period} 的 ${difference.field} 提交的是 ${show(difference.committed)}，复算为 ${show(difference.recomputed)}\n`
          : `${finding.file}: ${finding.member} ${finding.period} ${difference.field} is ${show(difference.committed)} as committed, ${show(difference.recomputed)} recomputed\n`,
      );
    }
  }
  if (findings.length > 0) {
    context.stdout.write(verifySummary(repository, checked, findings, zh));
    return EXIT.problems;
  }
  if (sealed > 0) {
    // Sealed ratings no identity here opens (CI, a member's clone): bound to HR's finalisation, not recomputed.
    context.stdout.write(
      zh
        ? `✓ 核对了 ${checked} 份结果，全部一致；其中 ${sealed} 份的评价已加密、本机打不开，核对的是定稿记录、加密文件摘要、校准和重新计算的数据类指标（完整复算需人力资源设置 MPFLOW_AGE_IDENTITY）。\n`
        : `✓ Checked ${checked} results; all match. ${sealed} of them rest on sealed ratings no identity here opens: checked against the finalisation, the sealed files' digests, the calibrations and the measured indicators recomputed (full recomputation needs HR's MPFLOW_AGE_IDENTITY).\n`,
    );
    return EXIT.clean;
  }
  context.stdout.write(
    zh ? `✓ 复算了 ${checked} 份结果，全部一致。\n` : `✓ Recomputed ${checked} results; all match.\n`,
  );
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
  zh: boolean,
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
  const counted = zh
    ? `✗ 复算了 ${checked} 份结果，${differing.length} 份不一致${others > 0 ? `；另有 ${others} 条关于定稿记录的问题` : ''}。`
    : `✗ Recomputed ${checked} results; ${differing.length} differ${others > 0 ? `, and ${others} finding${others === 1 ? '' : 's'} concern finalisations` : ''}.`;
  const advice: string[] = [];
  if (rewritable.length > 0)
    advice.push(
      zh
        ? `未定稿的月份用 ${rewritable.map((period) => `mpflow score --period ${period} --write`).join('、')} 重新生成，不要手改结果。`
        : `Regenerate the months not yet finalised with ${rewritable.map((period) => `mpflow score --period ${period} --write`).join(', ')}; never edit results by hand.`,
    );
  if (locked.length > 0)
    advice.push(
      zh
        ? `已定稿的 ${locked.join('、')} 不能重新生成：撤回改变其输入的改动（mpflow score --diff <定稿时的提交> 会列出），制度的改动写进新版本（mpflow new policy --effective <日期>）；确需调整得分的，追加校准（mpflow new calibration）。`
        : `${locked.join(', ')} ${locked.length === 1 ? 'is' : 'are'} finalised and cannot be regenerated: revert the change that moved ${locked.length === 1 ? 'its' : 'their'} inputs (mpflow score --diff <the finalisation commit> lists it), put policy changes in a new version (mpflow new policy --effective DATE), and adjust a score only by appending a calibration (mpflow new calibration).`,
    );
  return `${[counted, ...advice].join(zh ? '' : ' ')}\n`;
}

async function atRef(root: string, ref: string, zh: boolean): Promise<Awaited<ReturnType<typeof repositoryAtRef>>> {
  if (ref.startsWith('-'))
    throw new UsageError({ zh: `需要一个提交（收到“${ref}”）。`, en: `A commit is needed (got "${ref}").` });
  try {
    return await repositoryAtRef(root, ref);
  } catch (error) {
    if (error instanceof UnknownRefError)
      throw new UsageError({ zh: `git 中没有“${ref}”这个提交。`, en: `git knows no commit "${ref}".` });
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
  const zh = context.language === 'zh-CN';
  const before = await atRef(root, ref, zh);
  try {
    const changes = diffScores(before.repository, now);
    if (format === 'json') {
      context.stdout.write(`${JSON.stringify({ ref, changes }, null, 2)}\n`);
      return EXIT.clean;
    }
    if (changes.length === 0) {
      context.stdout.write(zh ? `与 ${ref} 相比，没有任何得分变化。\n` : `No score changed since ${ref}.\n`);
      return EXIT.clean;
    }
    const score = (value: number | null, grade: string | null) =>
      value === null ? '—' : `${fixed2(value)} ${grade ?? ''}`.trim();
    for (const change of changes) {
      context.stdout.write(
        `${change.period} ${change.member}: ${score(change.before, change.beforeGrade)} → ${score(change.after, change.afterGrade)}\n`,
      );
      for (const reason of change.reasons) context.stdout.write(`  - ${pick(reason, context.language)}\n`);
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
  const language: Language = context.language;
  const zh = language === 'zh-CN';
  const refuse = (message: string) => {
    context.stderr.write(`${message}\n`);
    return EXIT.problems;
  };
  if (by === undefined)
    throw new UsageError({
      zh: '--finalize 需要 --by <人力资源成员编号>。',
      en: '--finalize needs --by <HR member id>.',
    });
  const member = indexMembers(repository.team?.data).get(by);
  if (!member?.roles.includes('hr'))
    return refuse(
      zh
        ? `只有名册中有 hr 角色的成员可以定稿，${by} 不是。`
        : `Only a roster member with the hr role may finalise; ${by} is not one.`,
    );
  if ((repository.finalizations ?? []).some((record) => record.data.period === scores.period))
    return refuse(
      zh
        ? `${scores.period} 已经定稿；之后的调整请追加到 calibrations.yaml。`
        : `${scores.period} is already finalised; append later adjustments to calibrations.yaml.`,
    );
  const timeZone = departmentTimeZone(scores.policy);
  let instant = calendar.now;
  if (at !== undefined) {
    const parsed = parseDateTimeOption(at, timeZone);
    if (!parsed) throw new UsageError(dateTimeOptionProblem('--at', at, timeZone));
    if (parsed.instant > calendar.now)
      return refuse(
        zh
          ? `--at ${parsed.iso} 晚于现在（${isoInTimeZone(calendar.now, timeZone)}）；定稿时间不能写在未来。`
          : `--at ${parsed.iso} is later than now (${isoInTimeZone(calendar.now, timeZone)}); a finalisation cannot be dated in the future.`,
      );
    instant = parsed.instant;
  }
  const finalizedAt = isoInTimeZone(instant, timeZone);
  const early = dateInTimeZone(finalizedAt, timeZone) < calendar.monthOver;
  if (early && calendar.force === undefined) {
    return refuse(
      zh
        ? `${scores.period} 还没有结束（${finalizedAt}，${timeZone}），不能定稿：定稿会锁定这个月的评价。请在 ${calendar.monthOver} 之后定稿；确需提前的，加 --force --reason "原因"，原因会写进定稿记录。`
        : `${scores.period} is not over yet (${finalizedAt}, ${timeZone}), so it cannot be finalised: finalising locks the month's ratings. Finalise from ${calendar.monthOver}; if it must be earlier, add --force --reason "why", which is recorded in the finalisation.`,
    );
  }
  if (refuseOnErrors()) return EXIT.problems;
  const blocked = scores.results.filter((result) => result.status === 'blocked');
  if (blocked.length > 0)
    return refuse(
      zh
        ? `还有成员暂不出分，不能定稿：${blocked.map((result) => `${result.member}（${result.blockedBy.map((reason) => reason.zh).join('；')}）`).join('，')}`
        : `Some scores are withheld, so the month cannot be finalised: ${blocked.map((result) => `${result.member} (${result.blockedBy.map((reason) => reason.en).join('; ')})`).join(', ')}`,
    );
  const committed = new Map(
    (repository.scoreResults ?? [])
      .filter((record) => record.data.period === scores.period)
      .map((record) => [record.data.member, record.data]),
  );
  const stale = scores.results.filter((result) => committed.get(result.member)?.inputDigest !== result.inputDigest);
  if (stale.length > 0)
    return refuse(
      zh
        ? `这些成员的结果文件缺失或已过期：${stale.map((result) => result.member).join('、')}。先运行 mpflow score --period ${scores.period} --write。`
        : `Results missing or out of date for ${stale.map((result) => result.member).join(', ')}; run mpflow score --period ${scores.period} --write first.`,
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
    zh
      ? `已定稿 ${scores.period}（${by}，${finalizedAt}），锁定 ${Object.keys(record.records as object).length} 份记录。\n`
      : `Finalised ${scores.period} (${by}, ${finalizedAt}); ${Object.keys(record.records as object).length} records locked.\n`,
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
