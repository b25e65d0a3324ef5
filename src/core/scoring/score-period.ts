/**
 * Scoring a whole month, verifying committed results, finalising a month and the annual score.
 * Everything here takes a loaded repository and returns data; writing files is the CLI's job.
 */
import { departmentTimeZone } from '../policy/department-clock.ts';
import { text, type LocalizedText } from '../i18n/language.ts';
import type { PolicyFile } from '../model/types.generated.ts';
import type { Repository } from '../repository/load-repository.ts';
import { canonicalJson, digestOf, sha256 } from './digest.ts';
import { monthRange } from '../calendar/days.ts';
import { FigureCache, gatherPeriodInputs, policyForPeriod, validPolicies } from './gather-inputs.ts';
import { compareRecords, resultRecord, type FieldDifference, type ResultValue } from './result-file.ts';
import { gradeFor, scoreMemberMonth, scoringInputsOf } from './score-member.ts';
import type { MemberMonthScore } from './score-types.ts';
import { round2 } from './normalise.ts';
import { policyInForce } from '../policy/policy-versions.ts';
import { policyFingerprint } from '../policy/policy-fingerprint.ts';
import { lockedPeriods, verifySealedResult } from './sealed-results.ts';

export interface PeriodScores {
  period: string;
  policy: PolicyFile;
  results: MemberMonthScore[];
}

export function scorePeriod(repository: Repository, period: string, cache?: FigureCache): PeriodScores | undefined {
  const gathered = gatherPeriodInputs(repository, period, cache);
  if (!gathered) return undefined;
  return {
    period,
    policy: gathered.policy,
    results: gathered.members.map((inputs) => scoreMemberMonth(inputs, gathered.policy)),
  };
}

export function resultPath(period: string, member: string): string {
  return `appraisals/${period}/${member}/result.yaml`;
}

export interface VerifyFinding {
  file: string;
  member: string;
  period: string;
  differences: FieldDifference[];
  message?: LocalizedText;
}

/** Recomputes every committed monthly and annual result; any difference is a finding. */
export function verifyCommittedResults(repository: Repository): {
  checked: number;
  findings: VerifyFinding[];
  sealed: number;
} {
  const findings: VerifyFinding[] = [];
  const byPeriod = new Map<string, PeriodScores | undefined>();
  const caches = new Map<string, FigureCache>();
  let checked = 0;
  // Months whose sealed inputs no identity here opens: bound to the finalisation instead of recomputed.
  const sealedMonths = lockedPeriods(repository);
  let sealed = 0;
  for (const record of repository.scoreResults ?? []) {
    checked += 1;
    const { period, member } = record.data;
    if (!byPeriod.has(period)) {
      const policy = policyForPeriod(repository, period);
      const zone = departmentTimeZone(policy);
      const cache = caches.get(zone) ?? new FigureCache(repository, zone);
      caches.set(zone, cache);
      byPeriod.set(period, scorePeriod(repository, period, cache));
    }
    const scores = byPeriod.get(period);
    const result = scores?.results.find((entry) => entry.member === member);
    if (sealedMonths.has(period)) {
      // Recomputed without the ratings: the measured indicators and the policy still are checked.
      sealed += 1;
      findings.push(...verifySealedResult(repository, record, lockedRecords(repository, period), result));
      continue;
    }
    if (!result) {
      findings.push({
        file: record.file,
        member,
        period,
        differences: [],
        message: text(
          `${period} 没有需要考核的成员 ${member}（或该月没有生效的制度），这份结果不应存在。`,
          `${member} is not appraised in ${period} (or no policy is in force), so this result should not exist.`,
        ),
      });
      continue;
    }
    const differences = compareRecords(record.data, resultRecord(result));
    if (differences.length > 0) findings.push({ file: record.file, member, period, differences });
  }
  for (const record of repository.annualResults ?? []) {
    checked += 1;
    const annual = annualScores(repository, record.data.year);
    if (!annual) {
      findings.push({
        file: record.file,
        member: '*',
        period: String(record.data.year),
        differences: [],
        message: text(`${record.data.year} 年没有可用的制度版本。`, `No policy for ${record.data.year}.`),
      });
      continue;
    }
    const recomputed = annualRecord(annual);
    for (const member of new Set([
      ...Object.keys(record.data.members),
      ...Object.keys(recomputed.members as Record<string, unknown>),
    ])) {
      const differences = compareRecords(
        (record.data.members as Record<string, unknown>)[member],
        (recomputed.members as Record<string, unknown>)[member],
      );
      if (differences.length > 0)
        findings.push({ file: record.file, member, period: String(record.data.year), differences });
    }
    const top = compareRecords(
      { year: record.data.year, policy: record.data.policy, method: record.data.method },
      { year: recomputed.year, policy: recomputed.policy, method: recomputed.method },
    );
    if (top.length > 0)
      findings.push({ file: record.file, member: '*', period: String(record.data.year), differences: top });
  }
  for (const drift of finalisedInputDrift(repository)) {
    findings.push({
      file: drift.file,
      member: drift.member,
      period: drift.period,
      differences: [],
      message: text(
        `${drift.period} 已于 ${drift.finalizedAt} 由 ${drift.finalizedBy} 定稿，但 ${drift.member} 的计分输入（运营数据、制度、名册或评价）之后变了，定稿的得分不能再变。请撤回这处改动（用 mpflow score --diff <定稿时的提交> 查看是哪些输入变了）；确需调整得分的，在 calibrations.yaml 中追加校准。`,
        `${drift.period} was finalised on ${drift.finalizedAt} by ${drift.finalizedBy}, but ${drift.member}'s scoring inputs (metrics, policy, roster or ratings) have changed since, and a finalised score cannot move. Revert the change (mpflow score --diff <the finalisation commit> shows which inputs moved); to adjust a score, append a calibration to calibrations.yaml.`,
      ),
    });
  }
  return { checked, findings, sealed };
}

// ------------------------------------------------------------------ finalisation

export interface FinalisedDrift {
  period: string;
  member: string;
  /** The finalisation record. */
  file: string;
  finalizedBy: string;
  finalizedAt: string;
}

/**
 * Members of finalised months whose scoring inputs are no longer those HR finalised (metrics
 * re-imported or revised, the policy or the roster edited, a member added or gone). Calibrations
 * are left out of the comparison: appending them is the one change a finalised month allows.
 */
export function finalisedInputDrift(repository: Repository): FinalisedDrift[] {
  const drift: FinalisedDrift[] = [];
  const sealedMonths = lockedPeriods(repository);
  for (const record of repository.finalizations ?? []) {
    if (!record.valid) continue;
    const { period, finalizedBy, finalizedAt, results } = record.data;
    // Sealed and not opened here: the ratings' digests cannot be recomputed; the locked ciphertext digests stand for them.
    if (sealedMonths.has(period)) continue;
    const gathered = gatherPeriodInputs(repository, period);
    const now = new Map(
      (gathered?.members ?? []).map((inputs) => [
        inputs.member,
        gathered ? digestOf(scoringInputsOf({ ...inputs, calibrations: [] }, gathered.policy)) : '',
      ]),
    );
    const finalised = new Map(
      Object.entries(results as Record<string, { inputDigest?: string }>).map(([member, result]) => [
        member,
        result.inputDigest,
      ]),
    );
    for (const member of [...new Set([...now.keys(), ...finalised.keys()])].sort()) {
      if (now.get(member) !== finalised.get(member))
        drift.push({ period, member, file: record.file, finalizedBy, finalizedAt });
    }
  }
  return drift;
}

/** The files of a month that finalisation locks: ratings and interviews, by path within the month folder. */
export function lockedRecords(repository: Repository, period: string): Map<string, string> {
  const prefix = `appraisals/${period}/`;
  const records = new Map<string, string>();
  for (const record of [...repository.ratings, ...repository.interviews]) {
    if (record.file.startsWith(prefix)) records.set(record.file.slice(prefix.length), recordDigest(record.data));
  }
  // A sealed input is locked as committed (its armoured text), so the lock holds with or without a key.
  for (const sealed of repository.sealed ?? [])
    if (sealed.file.startsWith(prefix)) records.set(sealed.file.slice(prefix.length), sealed.digest);
  return new Map([...records].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** A record's content digest: whitespace, comments and key order in the YAML do not change it. */
export function recordDigest(data: unknown): string {
  return sha256(canonicalJson(data));
}

export function finalisationRecord(
  repository: Repository,
  scores: PeriodScores,
  by: string,
  at: string,
  earlyReason?: string,
): Record<string, ResultValue> {
  return {
    period: scores.period,
    finalizedBy: by,
    finalizedAt: at,
    ...(earlyReason === undefined ? {} : { early: { reason: earlyReason } }),
    records: Object.fromEntries(lockedRecords(repository, scores.period)),
    results: Object.fromEntries(
      scores.results.map((result) => [result.member, { score: result.score, inputDigest: result.inputDigest }]),
    ),
    // The version that scored the month: from now on it may not change (policy/immutable in mpflow check).
    policy: policyFingerprint(scores.policy),
  };
}

// ------------------------------------------------------------------ annual

export interface AnnualMember {
  member: string;
  score: number | null;
  grade: string | null;
  application: { bonusCoefficient: number; promotionEligible: boolean; trainingNeed: boolean } | null;
  months: string[];
  excludedMonths: string[];
  monthScores: Array<{ period: string; score: number }>;
  inputDigest: string;
}

export interface AnnualScores {
  year: number;
  policy: PolicyFile;
  method: string;
  members: AnnualMember[];
}

function leaveDaysIn(leave: ReadonlyArray<{ from: string; to: string }> | undefined, period: string): number {
  const { from, to } = monthRange(period);
  let days = 0;
  for (const entry of leave ?? []) {
    const start = entry.from > from ? entry.from : from;
    const end = entry.to < to ? entry.to : to;
    if (start <= end) days += (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000 + 1;
  }
  return days;
}

/**
 * The annual score, in January for the year before (policy 五（三）): the policy in force on
 * 1 January of the scoring month names the method. `mean-of-finalized-months` is the mean of the
 * year's finalised monthly scores (after calibration); months with at least the declared number
 * of leave days are left out, so a long leave neither lifts nor drags the year.
 */
export function annualScores(repository: Repository, year: number): AnnualScores | undefined {
  const policy = policyInForce(validPolicies(repository), `${year + 1}-01-01`);
  if (!policy) return undefined;
  const rule = policy.appraisal.annual;
  // A department that appraises monthly only has no annual score.
  if (!rule) return undefined;
  const finalised = new Set(
    (repository.finalizations ?? [])
      .filter((record) => record.valid && record.data.period.startsWith(`${year}-`))
      .map((record) => record.data.period),
  );
  const results = (repository.scoreResults ?? []).filter((record) => record.valid && finalised.has(record.data.period));
  const members = repository.team?.valid ? repository.team.data.members : [];
  const annual: AnnualMember[] = [];
  const ids = [...new Set(results.map((record) => record.data.member))].sort();
  for (const id of ids) {
    const member = members.find((entry) => entry.id === id);
    const months: string[] = [];
    const excludedMonths: string[] = [];
    const monthScores: AnnualMember['monthScores'] = [];
    for (const record of results
      .filter((entry) => entry.data.member === id)
      .sort((a, b) => (a.data.period < b.data.period ? -1 : 1))) {
      if (record.data.status !== 'scored' || typeof record.data.score !== 'number') continue;
      if (leaveDaysIn(member?.leave, record.data.period) >= rule.excludeMonthWhenLeaveDaysAtLeast) {
        excludedMonths.push(record.data.period);
        continue;
      }
      months.push(record.data.period);
      monthScores.push({ period: record.data.period, score: record.data.score });
    }
    const score =
      monthScores.length > 0
        ? round2(monthScores.reduce((sum, entry) => sum + entry.score, 0) / monthScores.length)
        : null;
    const graded = score === null ? undefined : gradeFor(score, policy.appraisal);
    annual.push({
      member: id,
      score,
      grade: graded?.grade ?? null,
      application: graded?.application ?? null,
      months,
      excludedMonths,
      monthScores,
      inputDigest: digestOf({ policy: policy.effective, rule, monthScores, excludedMonths }),
    });
  }
  return { year, policy, method: rule.method, members: annual };
}

export function annualRecord(annual: AnnualScores): Record<string, ResultValue> {
  return {
    year: annual.year,
    policy: annual.policy.effective,
    method: annual.method,
    members: Object.fromEntries(
      annual.members.map((member) => [
        member.member,
        {
          score: member.score,
          grade: member.grade,
          ...(member.application ? { application: { ...member.application } } : {}),
          months: member.months,
          excludedMonths: member.excludedMonths,
          inputDigest: member.inputDigest,
        },
      ]),
    ),
  };
}
