/**
 * `mpflow check` rules for finalised months: once HR has finalised a month, its ratings and
 * interviews are locked (their content digests are in finalized.yaml); the only change allowed
 * afterwards is an appended calibration, by a role the policy names, within the policy's bound.
 */
import { departmentTimeZone } from '../policy/department-clock.ts';
import { text } from '../i18n/language.ts';
import type { Problem } from '../diagnostics/problem.ts';
import { makeProblem } from '../diagnostics/make-problem.ts';
import type { Repository } from '../repository/load-repository.ts';
import { indexMembers } from '../team/roster.ts';
import { appraisedMembers, policyForPeriod } from './gather-inputs.ts';
import { lockedRecords } from './score-period.ts';
import { fixed2 } from './normalise.ts';
import type { CheckContext } from '../diagnostics/check-context.ts';
import { dateInTimeZone } from '../model/dates.ts';
import { policyChanges } from '../policy/policy-fingerprint.ts';
import { nextMonth } from '../calendar/days.ts';

const MONTH_FOLDER = /^appraisals\/([^/]+)\//;

export function checkAppraisalLocks(repository: Repository, problems: Problem[], context: CheckContext): void {
  const members = indexMembers(repository.team?.data);
  const finalised = new Map<string, { at: string; file: string }>();
  checkFinalisationCalendar(repository, problems, context);

  for (const record of repository.finalizations ?? []) {
    if (!record.valid) continue;
    const { data, file } = record;
    const folder = MONTH_FOLDER.exec(file)?.[1];
    if (folder !== undefined && folder !== data.period) {
      problems.push(
        makeProblem(
          file,
          'id/mismatch',
          text(
            `period ${data.period} 与所在文件夹 ${folder} 不一致。`,
            `period ${data.period} differs from the folder ${folder}.`,
          ),
          record.locate(['period']),
          'period',
        ),
      );
      continue;
    }
    finalised.set(data.period, { at: data.finalizedAt, file });
    const finaliser = members.get(data.finalizedBy);
    if (!finaliser) {
      problems.push(
        makeProblem(
          file,
          'appraisal/finalization',
          text(
            `名册中没有成员 ${data.finalizedBy}；只有名册中有 hr 角色的成员可以定稿。`,
            `${data.finalizedBy} is not in the roster; only a roster member with the hr role may finalise.`,
          ),
          record.locate(['finalizedBy']),
          'finalizedBy',
        ),
      );
    } else if (!finaliser.roles.includes('hr')) {
      problems.push(
        makeProblem(
          file,
          'appraisal/finalization',
          text(
            `只有人力资源可以定稿，${data.finalizedBy} 没有 hr 角色。`,
            `Only HR finalises a month; ${data.finalizedBy} does not hold the hr role.`,
          ),
          record.locate(['finalizedBy']),
          'finalizedBy',
        ),
      );
    }
    const now = lockedRecords(repository, data.period);
    const locked = new Map(Object.entries(data.records));
    for (const [path, digest] of now) {
      const was = locked.get(path);
      const where = `appraisals/${data.period}/${path}`;
      if (was === undefined) {
        problems.push(
          makeProblem(
            where,
            'appraisal/locked',
            text(
              `${data.period} 已于 ${data.finalizedAt} 由 ${data.finalizedBy} 定稿，之后不能再添加评价或面谈记录；如需调整得分，请在 calibrations.yaml 中追加校准。`,
              `${data.period} was finalised on ${data.finalizedAt} by ${data.finalizedBy}; no rating or interview can be added afterwards. To adjust a score, append a calibration to calibrations.yaml.`,
            ),
          ),
        );
      } else if (was !== digest) {
        problems.push(
          makeProblem(
            where,
            'appraisal/locked',
            text(
              `${data.period} 已于 ${data.finalizedAt} 由 ${data.finalizedBy} 定稿，这份记录在定稿后被改动了。请撤回改动；如需调整得分，请在 calibrations.yaml 中追加校准。`,
              `${data.period} was finalised on ${data.finalizedAt} by ${data.finalizedBy}, and this record changed afterwards. Revert the change; to adjust a score, append a calibration to calibrations.yaml.`,
            ),
          ),
        );
      }
    }
    for (const path of locked.keys()) {
      // Checking a few paths reads only those records; a file that exists but was not read is not deleted.
      if (!now.has(path) && !repository.files.has(`appraisals/${data.period}/${path}`)) {
        problems.push(
          makeProblem(
            file,
            'appraisal/locked',
            text(
              `定稿时的记录 ${path} 已被删除；定稿后的记录不能删除。`,
              `${path}, recorded at finalisation, has been deleted; finalised records cannot be removed.`,
            ),
            record.locate(['records', path], 'key'),
            `records.${path}`,
          ),
        );
      }
    }
  }

  for (const record of repository.calibrations ?? []) {
    if (!record.valid) continue;
    const { data, file } = record;
    const final = finalised.get(data.period);
    const policy = policyForPeriod(repository, data.period);
    if (!final) {
      problems.push(
        makeProblem(
          file,
          'appraisal/calibration',
          text(
            `${data.period} 还没有定稿；定稿前请直接修改评价，校准只用于定稿之后。`,
            `${data.period} is not finalised; before finalisation change the ratings, calibrations are for afterwards.`,
          ),
          record.locate(['period']),
          'period',
        ),
      );
      continue;
    }
    if (!policy) continue;
    const { maxPoints, roles } = policy.appraisal.calibration;
    const totals = new Map<string, number>();
    let previous = '';
    const appraised = new Set(appraisedMembers(repository, data.period).map((member) => member.id));
    data.entries.forEach((entry, index) => {
      // A calibration of someone not appraised that month would be silently ignored by the scorer.
      if (!appraised.has(entry.member)) {
        problems.push(
          makeProblem(
            file,
            'appraisal/calibration',
            text(
              `${entry.member} 不是 ${data.period} 的考核对象，这条校准不会计入任何得分。`,
              `${entry.member} is not appraised in ${data.period}, so this calibration would count for nothing.`,
            ),
            record.locate(['entries', index, 'member']),
            `entries[${index}].member`,
          ),
        );
      }
      const recorder = members.get(entry.by);
      if (!recorder) {
        problems.push(
          makeProblem(
            file,
            'appraisal/calibration',
            text(
              `名册中没有成员 ${entry.by}；校准只能由以下角色记录：${roles.join('、')}。`,
              `${entry.by} is not in the roster; only ${roles.join(', ')} may record a calibration.`,
            ),
            record.locate(['entries', index, 'by']),
            `entries[${index}].by`,
          ),
        );
      } else if (!recorder.roles.some((role) => (roles as readonly string[]).includes(role))) {
        problems.push(
          makeProblem(
            file,
            'appraisal/calibration',
            text(
              `校准只能由以下角色记录：${roles.join('、')}；${entry.by} 不是。`,
              `Only ${roles.join(', ')} may record a calibration; ${entry.by} may not.`,
            ),
            record.locate(['entries', index, 'by']),
            `entries[${index}].by`,
          ),
        );
      }
      if (Date.parse(entry.at) > context.now) {
        problems.push(
          makeProblem(
            file,
            'date/future',
            text(
              `校准时间 ${entry.at} 晚于现在；写实际记录的时间。`,
              `The calibration is dated ${entry.at}, later than now; use when it was recorded.`,
            ),
            record.locate(['entries', index, 'at']),
            `entries[${index}].at`,
          ),
        );
      }
      if (Date.parse(entry.at) < Date.parse(final.at)) {
        problems.push(
          makeProblem(
            file,
            'appraisal/calibration',
            text(
              `校准时间 ${entry.at} 早于定稿时间 ${final.at}。`,
              `The calibration at ${entry.at} is before the finalisation at ${final.at}.`,
            ),
            record.locate(['entries', index, 'at']),
            `entries[${index}].at`,
          ),
        );
      }
      // Appended in time order: an entry dated before the one above it was inserted, not appended.
      if (previous && Date.parse(entry.at) < Date.parse(previous)) {
        problems.push(
          makeProblem(
            file,
            'appraisal/calibration',
            text(
              `校准记录只能按时间追加在末尾；这一条（${entry.at}）早于上一条（${previous}）。`,
              `Calibrations are appended in time order; this one (${entry.at}) is earlier than the one above (${previous}).`,
            ),
            record.locate(['entries', index, 'at']),
            `entries[${index}].at`,
          ),
        );
      }
      previous = entry.at;
      const total = (totals.get(entry.member) ?? 0) + entry.points;
      totals.set(entry.member, total);
      if (Math.abs(total) > maxPoints + 1e-9) {
        problems.push(
          makeProblem(
            file,
            'appraisal/calibration-bound',
            text(
              `${entry.member} 在 ${data.period} 的校准累计 ${fixed2(total)} 分，超过制度允许的 ±${maxPoints} 分。`,
              `${entry.member}'s calibrations for ${data.period} add up to ${fixed2(total)} points, beyond the policy's ±${maxPoints}.`,
            ),
            record.locate(['entries', index, 'points']),
            `entries[${index}].points`,
          ),
        );
      }
    });
  }

  for (const record of repository.scoreResults ?? []) {
    const match = /^appraisals\/([^/]+)\/([^/]+)\/result\.ya?ml$/.exec(record.file);
    if (!match || !record.valid) continue;
    if (record.data.period !== match[1] || record.data.member !== match[2]) {
      problems.push(
        makeProblem(
          record.file,
          'id/mismatch',
          text(
            `结果文件中的 ${record.data.member} / ${record.data.period} 与所在文件夹 ${match[2]} / ${match[1]} 不一致。`,
            `${record.data.member} / ${record.data.period} differs from the folders ${match[2]} / ${match[1]}.`,
          ),
          record.locate(['member']),
          'member',
        ),
      );
    }
  }
}

/**
 * The calendar of a finalised month: not before the month has ended (unless the record says
 * why), not in the future, nothing in it submitted after it, and the policy version that scored
 * it unchanged since (its fingerprint is in the record; later changes go into a new version).
 */
function checkFinalisationCalendar(repository: Repository, problems: Problem[], context: CheckContext): void {
  const monthsByPolicy = new Map<
    string,
    { policy: (typeof repository.policies)[number]; months: string[]; changes: ReturnType<typeof policyChanges> }
  >();
  for (const record of repository.finalizations ?? []) {
    if (!record.valid) continue;
    const { data, file } = record;
    const policy = policyForPeriod(repository, data.period);
    // An unknown zone is reported against the policy itself (policy/timezone).
    const timeZone = departmentTimeZone(policy);
    const finalisedAt = Date.parse(data.finalizedAt);
    const monthEnds = `${nextMonth(data.period)}-01`;
    if (finalisedAt > context.now) {
      problems.push(
        makeProblem(
          file,
          'date/future',
          text(`定稿时间 ${data.finalizedAt} 晚于现在。`, `finalizedAt ${data.finalizedAt} is later than now.`),
          record.locate(['finalizedAt']),
          'finalizedAt',
        ),
      );
    }
    if (dateInTimeZone(data.finalizedAt, timeZone) < monthEnds && data.early === undefined) {
      problems.push(
        makeProblem(
          file,
          'appraisal/early-finalization',
          text(
            `${data.period} 在 ${data.finalizedAt} 定稿，那时这个月还没有结束（${timeZone}）。请在 ${monthEnds} 之后定稿；确需提前的，用 mpflow score --finalize --force --reason 记录原因。`,
            `${data.period} was finalised at ${data.finalizedAt}, before the month had ended (${timeZone}). Finalise on or after ${monthEnds}; if it must be earlier, mpflow score --finalize --force --reason records why.`,
          ),
          record.locate(['finalizedAt']),
          'finalizedAt',
        ),
      );
    }
    const prefix = `appraisals/${data.period}/`;
    for (const rating of repository.ratings) {
      if (
        !rating.file.startsWith(prefix) ||
        typeof rating.data.submittedAt !== 'string' ||
        Number.isNaN(Date.parse(rating.data.submittedAt))
      )
        continue;
      if (Date.parse(rating.data.submittedAt) > finalisedAt) {
        problems.push(
          makeProblem(
            rating.file,
            'appraisal/after-finalization',
            text(
              `提交时间 ${rating.data.submittedAt} 晚于 ${data.period} 的定稿时间 ${data.finalizedAt}；定稿时还没有的评价不能算在这个月。`,
              `submittedAt ${rating.data.submittedAt} is after ${data.period} was finalised (${data.finalizedAt}); a rating that did not exist at finalisation cannot count for the month.`,
            ),
            rating.locate(['submittedAt']),
            'submittedAt',
          ),
        );
      }
    }
    for (const interview of repository.interviews) {
      if (!interview.file.startsWith(prefix) || typeof interview.data.date !== 'string') continue;
      if (interview.data.date > dateInTimeZone(data.finalizedAt, timeZone)) {
        problems.push(
          makeProblem(
            interview.file,
            'appraisal/after-finalization',
            text(
              `面谈日期 ${interview.data.date} 晚于 ${data.period} 的定稿时间 ${data.finalizedAt}。`,
              `The interview date ${interview.data.date} is after ${data.period} was finalised (${data.finalizedAt}).`,
            ),
            interview.locate(['date']),
            'date',
          ),
        );
      }
    }
    if (data.policy === undefined || !policy) continue;
    const version = repository.policies.find(
      (candidate) => candidate.valid && candidate.data.effective === data.policy!.effective,
    );
    if (!version) continue;
    if (policy.effective !== data.policy.effective) {
      const newer = repository.policies.find(
        (candidate) => candidate.valid && candidate.data.effective === policy.effective,
      );
      if (newer) {
        problems.push(
          makeProblem(
            newer.file,
            'policy/immutable',
            text(
              `这个版本从 ${policy.effective} 起生效，会改变已定稿的 ${data.period}（定稿时按 ${data.policy.effective} 版计分）。新版本的生效日期要晚于最后一个定稿月份。`,
              `This version takes effect on ${policy.effective}, which would rescore ${data.period}, finalised under the ${data.policy.effective} version. A new version must take effect after the last finalised month.`,
            ),
            newer.locate(['effective']),
            'effective',
          ),
        );
      }
      continue;
    }
    const entry = monthsByPolicy.get(version.file) ?? { policy: version, months: [], changes: [] };
    entry.months.push(data.period);
    for (const change of policyChanges(data.policy.parts, version.data))
      if (!entry.changes.some((known) => known.key === change.key)) entry.changes.push(change);
    monthsByPolicy.set(version.file, entry);
  }
  for (const { policy, months, changes } of monthsByPolicy.values()) {
    const list = [...new Set(months)].sort().join(', ');
    for (const change of changes) {
      const what = {
        changed: text('被改动了', 'was changed'),
        added: text('是新加的', 'was added'),
        removed: text('被删除了', 'was removed'),
      }[change.kind];
      problems.push(
        makeProblem(
          policy.file,
          'policy/immutable',
          text(
            `${change.key} ${what.zh}，但 ${policy.data.effective} 版已经给定稿的月份（${list}）计过分，不能再改。请撤回，并用 mpflow new policy --effective <下个月 1 日> 新建版本写入这处改动。`,
            `${change.key} ${what.en}, but the ${policy.data.effective} version has scored finalised months (${list}) and cannot change. Revert it and put the change in a new version: mpflow new policy --effective <first day of next month>.`,
          ),
          change.segments.length > 0
            ? policy.locate(change.segments, change.kind === 'changed' || change.kind === 'added' ? 'key' : 'value')
            : { start: { line: 1, column: 1 } },
          change.key,
        ),
      );
    }
  }
}
