/**
 * `mpflow score --verify` where the inputs are sealed and no identity opens them (CI, a
 * member's clone). The scores cannot be recomputed there: that needs the ratings. What can be
 * checked without any key is that each committed result is the one HR finalised and that the
 * sealed files are byte for byte those the finalisation locked — so the published score is
 * bound to inputs nobody has changed since. A reader holding an identity (HR:
 * MPFLOW_AGE_IDENTITY) gets the full recomputation instead.
 */
import { text } from '../i18n/language.ts';
import type { MonthlyAppraisalResult } from '../model/types.generated.ts';
import type { Repository, SourcedRecord } from '../repository/load-repository.ts';
import type { VerifyFinding } from './score-period.ts';
import type { FieldDifference } from './result-file.ts';
import { policyForPeriod } from './gather-inputs.ts';
import { gradeFor } from './score-member.ts';
import { round2 } from './normalise.ts';
import type { MemberMonthScore } from './score-types.ts';

/** Months with at least one sealed input that this run's identities did not open. */
export function lockedPeriods(repository: Repository): Set<string> {
  const periods = new Set<string>();
  for (const sealed of repository.sealed ?? []) {
    if (sealed.opened) continue;
    const period = /^appraisals\/([^/]+)\//.exec(sealed.file)?.[1];
    if (period) periods.add(period);
  }
  return periods;
}

/**
 * Findings for one committed result of a month whose inputs stay sealed; `locked` is what the
 * month's files digest to now (lockedRecords), by path within the month folder.
 */
export function verifySealedResult(
  repository: Repository,
  record: SourcedRecord<MonthlyAppraisalResult>,
  locked: ReadonlyMap<string, string>,
  recomputed?: MemberMonthScore,
): VerifyFinding[] {
  const { period, member } = record.data;
  const base = { file: record.file, member, period, differences: [] };
  // What needs no rating is recomputed in full: the policy in force and every measured indicator
  // (account metrics, campaigns), so a re-import of the figures after finalisation is still caught.
  const measured: FieldDifference[] = [];
  if (recomputed) {
    if (recomputed.policy !== record.data.policy)
      measured.push({ field: 'policy', committed: record.data.policy, recomputed: recomputed.policy });
    const indicators = (record.data.indicators ?? {}) as Record<string, number | null>;
    for (const node of recomputed.categories.flatMap((category) => category.children ?? [category])) {
      if (node.source === 'ratings' || node.source === undefined) continue;
      const now = node.score === null ? null : round2(node.score);
      if ((indicators[node.id] ?? null) !== now)
        measured.push({ field: `indicators.${node.id}`, committed: indicators[node.id], recomputed: now });
    }
  }
  const measuredFindings: VerifyFinding[] = measured.length > 0 ? [{ ...base, differences: measured }] : [];
  const finalisation = (repository.finalizations ?? []).find(
    (candidate) => candidate.valid && candidate.data.period === period,
  );
  if (!finalisation) {
    return [
      ...measuredFindings,
      {
        ...base,
        message: text(
          `${period} 的评价已加密，本机没有能打开它们的私钥，而这个月还没有定稿，结果无法核对。请由人力资源设置 MPFLOW_AGE_IDENTITY 后复算，或先定稿。`,
          `${period}'s ratings are sealed and no identity here opens them, and the month is not finalised, so this result cannot be checked. HR can recompute it with MPFLOW_AGE_IDENTITY set, or finalise the month first.`,
        ),
      },
    ];
  }
  const findings: VerifyFinding[] = [...measuredFindings];
  const finalised = (finalisation.data.results as Record<string, { score?: number; inputDigest?: string }>)[member];
  if (!finalised) {
    findings.push({
      ...base,
      message: text(
        `${period} 定稿时没有 ${member} 的得分，这份结果不应存在。`,
        `${period} was finalised without a score for ${member}, so this result should not exist.`,
      ),
    });
  } else {
    const differences: FieldDifference[] = [];
    // A calibration after finalisation moves score but never computedScore, which is what HR finalised.
    if (finalised.score !== record.data.computedScore)
      differences.push({ field: 'computedScore', committed: record.data.computedScore, recomputed: finalised.score });
    // Calibrations are public records: the final score and grade follow from them without any rating.
    let points = 0;
    let calibrated = false;
    for (const calibrations of repository.calibrations ?? []) {
      if (!calibrations.valid || calibrations.data.period !== period) continue;
      for (const entry of calibrations.data.entries) {
        if (entry.member !== member) continue;
        points += entry.points;
        calibrated = true;
      }
    }
    // The finalisation's digest is of the inputs before any calibration; a calibrated result's digest covers them too.
    if (!calibrated && finalised.inputDigest !== record.data.inputDigest)
      differences.push({ field: 'inputDigest', committed: record.data.inputDigest, recomputed: finalised.inputDigest });
    const calibration = round2(points);
    if (typeof finalised.score === 'number') {
      const score = round2(Math.min(100, Math.max(0, finalised.score + calibration)));
      if (record.data.calibration !== calibration)
        differences.push({ field: 'calibration', committed: record.data.calibration, recomputed: calibration });
      if (record.data.score !== score)
        differences.push({ field: 'score', committed: record.data.score, recomputed: score });
      const policy = policyForPeriod(repository, period);
      const grade = policy ? gradeFor(score, policy.appraisal) : undefined;
      if (grade && record.data.grade !== grade.grade)
        differences.push({ field: 'grade', committed: record.data.grade, recomputed: grade.grade });
    }
    if (differences.length > 0) findings.push({ ...base, differences });
  }
  const prefix = `${member}/`;
  const recorded = Object.entries(finalisation.data.records).filter(([path]) => path.startsWith(prefix));
  const changed = recorded.filter(([path, digest]) => locked.get(path) !== digest).map(([path]) => path);
  const added = [...locked.keys()].filter((path) => path.startsWith(prefix) && !(path in finalisation.data.records));
  if (changed.length > 0 || added.length > 0) {
    const files = [...changed, ...added].join(', ');
    findings.push({
      ...base,
      message: text(
        `${period} 定稿后，${member} 的加密评价或面谈记录变了（${files}），这份结果与定稿时的输入不再对应。`,
        `Since ${period} was finalised, ${member}'s sealed ratings or interview changed (${files}), so this result no longer stands on the inputs HR finalised.`,
      ),
    });
  }
  return findings;
}
