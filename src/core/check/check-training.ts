import { text, type LocalizedText } from '../i18n/language.ts';
import type { Repository, SourcedRecord } from '../repository/load-repository.ts';
import { indexMembers } from '../team/roster.ts';
import type { Problem } from '../diagnostics/problem.ts';
import { makeProblem } from '../diagnostics/make-problem.ts';
import { isCalendarDate, isYearMonth } from '../model/dates.ts';
import { checkMemberReference, listOf } from './reference-helpers.ts';

export function checkTraining(repository: Repository, problems: Problem[]): void {
  const members = indexMembers(repository.team?.data);
  const coursesByYear = new Map<number, Set<string>>();

  for (const plan of repository.trainingPlans) {
    const { data } = plan;
    checkYearMatchesFileName(plan.file, data.year, () => plan.locate(['year']), problems);
    if (data.owner !== undefined) checkMemberReference(plan, ['owner'], data.owner, members, problems);
    const ids = new Set<string>();
    listOf(data.courses).forEach((course, index) => {
      if (!course) return;
      if (typeof course.id === 'string') {
        if (ids.has(course.id))
          problems.push(
            makeProblem(
              plan.file,
              'id/duplicate',
              text(`课程编号“${course.id}”重复。`, `Course id "${course.id}" is used twice.`),
              plan.locate(['courses', index, 'id']),
              `courses[${index}].id`,
            ),
          );
        ids.add(course.id);
      }
      if (course.trainer !== undefined)
        checkMemberReference(plan, ['courses', index, 'trainer'], course.trainer, members, problems);
      if (typeof course.month === 'string' && isYearMonth(course.month) && typeof data.year === 'number')
        checkInYear(plan, ['courses', index, 'month'], course.month, data.year, problems, (month, year) =>
          text(
            `课程月份 ${month} 不在计划年度 ${year} 内。`,
            `Course month ${month} is outside the plan year ${year}.`,
          ),
        );
    });
    if (typeof data.year === 'number') coursesByYear.set(data.year, ids);
  }

  for (const records of repository.trainingRecords) {
    const { data } = records;
    checkYearMatchesFileName(records.file, data.year, () => records.locate(['year']), problems);
    const courses = typeof data.year === 'number' ? coursesByYear.get(data.year) : undefined;
    listOf(data.sessions).forEach((session, index) => {
      if (!session) return;
      if (typeof session.course === 'string' && courses && !courses.has(session.course)) {
        problems.push(
          makeProblem(
            records.file,
            'ref/unknown-course',
            text(
              `课程“${session.course}”不在 ${data.year} 年培训计划中。`,
              `Course "${session.course}" is not in the ${data.year} plan.`,
            ),
            records.locate(['sessions', index, 'course']),
            `sessions[${index}].course`,
          ),
        );
      }
      listOf(session.attendees).forEach((attendee, attendeeIndex) =>
        checkMemberReference(records, ['sessions', index, 'attendees', attendeeIndex], attendee, members, problems),
      );
      if (typeof session.date === 'string' && isCalendarDate(session.date) && typeof data.year === 'number')
        checkInYear(records, ['sessions', index, 'date'], session.date, data.year, problems, (date, year) =>
          text(`培训日期 ${date} 不在 ${year} 年内。`, `Session date ${date} is outside ${year}.`),
        );
    });
  }
}

/** A course's month or a session's date (YYYY-MM…) must fall in the year of its file. */
function checkInYear(
  record: Pick<SourcedRecord<unknown>, 'file' | 'locate'>,
  [list, index, field]: [string, number, string],
  value: string,
  year: number,
  problems: Problem[],
  message: (value: string, year: number) => LocalizedText,
): void {
  if (value.startsWith(`${year}-`)) return;
  problems.push(
    makeProblem(
      record.file,
      'date/mismatch',
      message(value, year),
      record.locate([list, index, field]),
      `${list}[${index}].${field}`,
    ),
  );
}

// The span is worked out only for a problem: finding it means parsing a file the check cache spared.
function checkYearMatchesFileName(
  file: string,
  year: unknown,
  where: () => Problem['span'],
  problems: Problem[],
): void {
  const fileYear = /(\d{4})\.ya?ml$/.exec(file)?.[1];
  if (typeof year === 'number' && fileYear && Number(fileYear) !== year) {
    problems.push(
      makeProblem(
        file,
        'id/mismatch',
        text(
          `年份 ${year} 与文件名中的 ${fileYear} 不一致。`,
          `The year ${year} differs from ${fileYear} in the file name.`,
        ),
        where(),
        'year',
      ),
    );
  }
}
