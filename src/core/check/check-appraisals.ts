import { departmentTimeZone } from '../policy/department-clock.ts';
import { text } from '../i18n/language.ts';
import { policyInForce, qualitativeIndicatorIds } from '../policy/policy-versions.ts';
import type { Repository, SourcedRecord } from '../repository/load-repository.ts';
import { indexMembers } from '../team/roster.ts';
import type { Problem } from '../diagnostics/problem.ts';
import { makeProblem } from '../diagnostics/make-problem.ts';
import { checkMemberReference, isWellFormedId } from './reference-helpers.ts';
import { isYearMonth } from '../model/dates.ts';
import { yamlKind } from '../model/record-kinds.ts';
import type { TeamMember } from '../model/types.generated.ts';
import { dateInTimeZone, judgeDateTime } from '../model/dates.ts';
import type { CheckContext } from '../diagnostics/check-context.ts';

// A sealed input (.yaml.age), once opened, is checked at its place like its plain-text form.
const RATING_PATH = /^appraisals\/([^/]+)\/([^/]+)\/(self|supervisor|peer-([^/]+)|interview)\.ya?ml(?:\.age)?$/;

/**
 * Who may rate whom follows from the file's place: appraisals/<month>/<member>/self.yaml is
 * the member's own, supervisor.yaml the roster supervisor's, peer-<id>.yaml that peer's.
 */
export function checkAppraisals(repository: Repository, problems: Problem[], context: CheckContext): void {
  const members = indexMembers(repository.team?.data);
  const policies = repository.policies.filter((policy) => policy.valid).map((policy) => policy.data);
  // With a policy file that cannot be used, "no policy in force" would be a guess; its own errors say enough.
  const policyPlace = yamlKind('policy').pattern;
  const policyFiles = [...repository.files].filter((file) => policyPlace.test(file)).length;
  const allPoliciesReadable = policies.length === policyFiles;

  /** The roster's supervisor of a member, when it names a member that exists (else the roster's own check speaks). */
  const supervisorOf = (member: TeamMember | undefined): string | undefined =>
    member && isWellFormedId('member', member.supervisor) && members.has(member.supervisor)
      ? member.supervisor
      : undefined;

  const checkPlace = (record: SourcedRecord<{ member: string; period: string }>) => {
    const match = RATING_PATH.exec(record.file);
    if (!match) return undefined;
    const [, folderPeriod, folderMember, name, peer] = match as unknown as [
      string,
      string,
      string,
      string,
      string | undefined,
    ];
    // The folders say whose and which month's record it is; the fields must agree with them.
    const mismatch = (field: 'period' | 'member', folder: string) =>
      problems.push(
        makeProblem(
          record.file,
          'id/mismatch',
          text(
            `${field} ${record.data[field]} 与所在文件夹 ${folder} 不一致。`,
            `${field} ${record.data[field]} differs from the folder ${folder}.`,
          ),
          record.locate([field]),
          field,
        ),
      );
    if (isYearMonth(String(record.data.period)) && record.data.period !== folderPeriod)
      mismatch('period', folderPeriod);
    if (isWellFormedId('member', record.data.member) && record.data.member !== folderMember)
      mismatch('member', folderMember);
    return { folderPeriod, folderMember, name, peer };
  };

  for (const rating of repository.ratings) {
    const place = checkPlace(rating);
    const { data } = rating;
    const member = checkMemberReference(rating, ['member'], data.member, members, problems);
    checkMemberReference(rating, ['rater'], data.rater, members, problems);
    if (place) {
      const expectedRole = place.name === 'self' ? 'self' : place.name === 'supervisor' ? 'supervisor' : 'peer';
      if (typeof data.role === 'string' && data.role !== expectedRole) {
        problems.push(
          makeProblem(
            rating.file,
            'appraisal/rater',
            text(
              `文件 ${place.name}.yaml 只能是 ${expectedRole} 评价，这里写的是 ${data.role}。`,
              `${place.name}.yaml holds a ${expectedRole} rating, not ${data.role}.`,
            ),
            rating.locate(['role']),
            'role',
          ),
        );
      }
      const expectedRater =
        expectedRole === 'self'
          ? place.folderMember
          : expectedRole === 'supervisor'
            ? supervisorOf(member)
            : place.peer;
      if (isWellFormedId('member', data.rater) && expectedRater !== undefined && data.rater !== expectedRater) {
        const why =
          expectedRole === 'self'
            ? text('自评只能由本人填写', 'a self-assessment is written by the member')
            : expectedRole === 'supervisor'
              ? text(
                  `名册中 ${place.folderMember} 的上级是 ${expectedRater}`,
                  `the roster names ${expectedRater} as ${place.folderMember}'s supervisor`,
                )
              : text(`文件名表明评价人是 ${expectedRater}`, `the file name names ${expectedRater} as the rater`);
        problems.push(
          makeProblem(
            rating.file,
            'appraisal/rater',
            text(
              `评价人应为 ${expectedRater}（${why.zh}），这里是 ${data.rater}。`,
              `The rater should be ${expectedRater} (${why.en}), not ${data.rater}.`,
            ),
            rating.locate(['rater']),
            'rater',
          ),
        );
      }
      if (expectedRole === 'supervisor' && member && member.supervisor === undefined) {
        problems.push(
          makeProblem(
            rating.file,
            'appraisal/rater',
            text(
              `名册中 ${place.folderMember} 没有上级，无法有上级评价。`,
              `The roster gives ${place.folderMember} no supervisor, so there can be no supervisor rating.`,
            ),
            rating.locate(['rater']),
            'rater',
          ),
        );
      }
      if (expectedRole === 'peer' && place.peer === place.folderMember) {
        problems.push(
          makeProblem(
            rating.file,
            'appraisal/rater',
            text('同事互评不能评价自己。', 'A peer rating cannot be of oneself.'),
            rating.locate(['rater']),
            'rater',
          ),
        );
      }
    }
    // Timing needs only the period and the date, so a rating with an empty score is judged too.
    if (typeof data.period === 'string' && isYearMonth(data.period))
      checkWhen(
        rating,
        ['submittedAt'],
        data.submittedAt,
        data.period,
        departmentTimeZone(policyInForce(policies, `${data.period}-01`)),
        context,
        problems,
      );
    if (!rating.valid || typeof data.period !== 'string') continue;
    const policy = policyInForce(policies, `${data.period}-01`);
    if (!policy && !allPoliciesReadable) continue;
    if (!policy) {
      problems.push(
        makeProblem(
          rating.file,
          'ref/no-policy',
          text(
            `${data.period} 月初没有生效的制度版本，无法核对指标。`,
            `No policy version is in force at the start of ${data.period}, so indicators cannot be checked.`,
          ),
          rating.locate(['period']),
          'period',
        ),
      );
      continue;
    }
    const indicators = qualitativeIndicatorIds(policy);
    const known = new Set(indicators);
    const { min, max } = policy.appraisal.ratingScale;
    for (const [indicator, value] of Object.entries(data.ratings)) {
      if (!known.has(indicator)) {
        problems.push(
          makeProblem(
            rating.file,
            'ref/unknown-indicator',
            text(
              `“${indicator}”不是 ${policy.effective} 版制度中的定性指标；可评的指标：${indicators.join('、')}。`,
              `"${indicator}" is not a qualitative indicator of the ${policy.effective} policy; rateable: ${indicators.join(', ')}.`,
            ),
            rating.locate(['ratings', indicator], 'key'),
            `ratings.${indicator}`,
          ),
        );
      } else if (value < min || value > max) {
        problems.push(
          makeProblem(
            rating.file,
            'appraisal/scale',
            text(
              `${indicator} 的分数 ${value} 超出评分范围 ${min}–${max}。`,
              `${indicator} is rated ${value}, outside the scale ${min}–${max}.`,
            ),
            rating.locate(['ratings', indicator]),
            `ratings.${indicator}`,
          ),
        );
      }
    }
    const missing = indicators.filter((indicator) => !(indicator in data.ratings));
    if (missing.length > 0) {
      problems.push(
        makeProblem(
          rating.file,
          'appraisal/incomplete',
          text(`没有给这些指标打分：${missing.join('、')}。`, `These indicators are not rated: ${missing.join(', ')}.`),
          rating.locate(['ratings'], 'key'),
          'ratings',
        ),
      );
    }
  }

  for (const interview of repository.interviews) {
    checkPlace(interview);
    const { data } = interview;
    const member = checkMemberReference(interview, ['member'], data.member, members, problems);
    if (typeof data.period === 'string' && isYearMonth(data.period))
      checkWhen(
        interview,
        ['date'],
        data.date,
        data.period,
        departmentTimeZone(policyInForce(policies, `${data.period}-01`)),
        context,
        problems,
      );
    checkMemberReference(interview, ['interviewer'], data.interviewer, members, problems);
    const supervisor = supervisorOf(member);
    if (supervisor !== undefined && isWellFormedId('member', data.interviewer) && data.interviewer !== supervisor) {
      problems.push(
        makeProblem(
          interview.file,
          'appraisal/rater',
          text(
            `绩效面谈应由上级 ${supervisor} 进行，这里是 ${data.interviewer}。`,
            `The feedback interview is held by the supervisor ${supervisor}, not ${data.interviewer}.`,
          ),
          interview.locate(['interviewer']),
          'interviewer',
        ),
      );
    }
  }
}

/**
 * A rating or interview belongs to its month: written after the month began, never dated later
 * than now. (Against the month's finalisation it is judged in check-locks.)
 */
function checkWhen(
  record: SourcedRecord<unknown>,
  path: string[],
  value: string,
  period: string,
  zone: string,
  context: CheckContext,
  problems: Problem[],
): void {
  if (typeof value !== 'string') return;
  // An unknown zone is reported against the policy itself (policy/timezone).
  const timeZone = departmentTimeZone({ timezone: zone });
  const isDate = /^\d{4}-\d{2}-\d{2}$/.test(value);
  if (!isDate && judgeDateTime(value) !== 'valid') return;
  const localDate = isDate ? value : dateInTimeZone(value, timeZone);
  const today = dateInTimeZone(new Date(context.now).toISOString(), timeZone);
  const future = isDate ? localDate > today : Date.parse(value) > context.now;
  const field = path.join('.');
  if (future) {
    problems.push(
      makeProblem(
        record.file,
        'date/future',
        text(
          `${field} ${value} 晚于现在（${today}，${timeZone}）；写实际提交或面谈的时间。`,
          `${field} ${value} is later than now (${today}, ${timeZone}); use when it actually happened.`,
        ),
        record.locate(path),
        field,
      ),
    );
  } else if (localDate < `${period}-01`) {
    problems.push(
      makeProblem(
        record.file,
        'appraisal/before-period',
        text(
          `${field} ${value} 早于考核月份 ${period} 的开始；这个月的评价要在月中或月末之后写。`,
          `${field} ${value} is before ${period} began; a month's ratings are written once the month is under way or over.`,
        ),
        record.locate(path),
        field,
      ),
    );
  }
}
