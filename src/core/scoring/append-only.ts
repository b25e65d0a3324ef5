/**
 * What no commit may do to a finalised month, judged against a base commit (CI passes the pull
 * request's base): rewrite or remove a finalisation, or change or drop a calibration that was
 * already recorded. Calibrations may only grow at the end.
 */
import { text, type LocalizedText } from '../i18n/language.ts';
import type { Repository } from '../repository/load-repository.ts';
import { canonicalJson } from './digest.ts';
import { policyFingerprint } from '../policy/policy-fingerprint.ts';
import type { MonthFinalisation } from '../model/types.generated.ts';

export interface HistoryFinding {
  file: string;
  message: LocalizedText;
}

export function appendOnlyFindings(base: Repository, now: Repository): HistoryFinding[] {
  const findings: HistoryFinding[] = [];
  const nowFinalisations = new Map((now.finalizations ?? []).map((record) => [record.data.period, record]));
  for (const record of base.finalizations ?? []) {
    const current = nowFinalisations.get(record.data.period);
    if (!current)
      findings.push({
        file: record.file,
        message: text(
          `${record.data.period} 的定稿记录被删除了；定稿不能撤销。`,
          `The finalisation of ${record.data.period} was removed; a finalisation cannot be undone.`,
        ),
      });
    else if (
      canonicalJson(current.data) !== canonicalJson(record.data) &&
      !addsOnlyBaseFingerprint(base, record.data, current.data)
    )
      findings.push({
        file: current.file,
        message: text(
          `${record.data.period} 的定稿记录被改动了；定稿后只能追加校准。`,
          `The finalisation of ${record.data.period} was changed; after finalisation only calibrations may be appended.`,
        ),
      });
  }
  const nowCalibrations = new Map((now.calibrations ?? []).map((record) => [record.data.period, record]));
  for (const record of base.calibrations ?? []) {
    const current = nowCalibrations.get(record.data.period);
    const before = record.data.entries ?? [];
    const after = current?.data.entries ?? [];
    const changed = before.findIndex(
      (entry, index) => after[index] === undefined || canonicalJson(after[index]) !== canonicalJson(entry),
    );
    if (changed !== -1) {
      findings.push({
        file: current?.file ?? record.file,
        message: text(
          `${record.data.period} 的第 ${changed + 1} 条校准（${before[changed]!.member}，${before[changed]!.at}）被改动或删除了；校准只能在末尾追加。`,
          `Calibration ${changed + 1} of ${record.data.period} (${before[changed]!.member}, ${before[changed]!.at}) was changed or removed; calibrations can only be appended.`,
        ),
      });
    }
  }
  return findings;
}

/**
 * A finalisation written before records carried the policy's fingerprint may be given one, once:
 * the fingerprint of the version as it is at the base commit, so it freezes what scored the month
 * and nothing else about the record changes.
 */
function addsOnlyBaseFingerprint(base: Repository, before: MonthFinalisation, after: MonthFinalisation): boolean {
  if (before.policy !== undefined || after.policy === undefined) return false;
  const { policy, ...rest } = after;
  if (canonicalJson(rest) !== canonicalJson(before)) return false;
  const version = base.policies.find((record) => record.valid && record.data.effective === policy.effective);
  return version !== undefined && canonicalJson(policyFingerprint(version.data)) === canonicalJson(policy);
}
