import { departmentTimeZone } from '../policy/department-clock.ts';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CheckContext } from '../diagnostics/check-context.ts';
import { makeProblem } from '../diagnostics/make-problem.ts';
import type { Problem } from '../diagnostics/problem.ts';
import { text } from '../i18n/language.ts';
import { dateInTimeZone } from '../model/dates.ts';
import { policyInForce } from '../policy/policy-versions.ts';
import type { Repository } from '../repository/load-repository.ts';
import {
  checkDepartmentSettings,
  checkLocaleMessages,
  DEPARTMENT_SETTINGS_PATH,
  missingSettingsProblem,
  settingsFromFile,
  type DepartmentSettings,
} from './settings.ts';

/**
 * content/department.yaml beyond its schema. A repository without it still works on neutral
 * defaults, so that is a warning; a repository with no roster either (a folder that is not yet a
 * department, or a Repository built by hand) is not told twice.
 */
export function checkDepartment(repository: Repository, problems: Problem[]): void {
  const record = repository.department;
  if (!record) {
    if (!repository.files.has(DEPARTMENT_SETTINGS_PATH) && repository.files.has('content/team.yaml'))
      problems.push(missingSettingsProblem());
    return;
  }
  if (!record.valid) return;
  problems.push(...checkDepartmentSettings(record.data, record.locate));
  // The site build refuses a language without words; check says so first, on the settings line.
  problems.push(...checkLocaleMessages(record.data, repository.root, record.locate));
  // The logo and icon are served from public/; a wrong path would only show as a broken image.
  for (const field of ['logo', 'favicon'] as const) {
    const sitePath = record.data[field];
    if (typeof sitePath !== 'string' || existsSync(path.join(repository.root, 'public', sitePath))) continue;
    problems.push(
      makeProblem(
        record.file,
        'department/missing-file',
        text(
          `${field} 指向的 public${sitePath} 不存在，网站上会显示成破图。`,
          `${field} names public${sitePath}, which does not exist; the site would show a broken image.`,
        ),
        record.locate([field]),
        field,
      ),
    );
  }
}

/**
 * A department preparing its first month (the policy takes effect next month) is told so: the
 * commands and the site work, but nothing can be scored before that day.
 */
export function checkUpcomingPolicy(repository: Repository, problems: Problem[], context: CheckContext): void {
  const versions = repository.policies.filter((record) => record.valid && typeof record.data.effective === 'string');
  if (versions.length === 0) return;
  const first = versions.reduce((earliest, record) =>
    record.data.effective < earliest.data.effective ? record : earliest,
  );
  const zone = departmentTimeZone(first.data);
  const today = dateInTimeZone(new Date(context.now).toISOString(), zone);
  if (
    policyInForce(
      versions.map((record) => record.data),
      today,
    )
  )
    return;
  problems.push(
    makeProblem(
      first.file,
      'policy/upcoming',
      text(
        `今天（${today}）还没有生效的制度版本：第一个版本 ${first.data.effective} 起生效，在此之前无法计分，网站手册显示的是这个即将生效的版本。`,
        `No policy version is in force today (${today}): the first takes effect on ${first.data.effective}. Nothing can be scored before then; the handbook shows this upcoming version.`,
      ),
      first.locate(['effective']),
      'effective',
    ),
  );
}

/** The settings a loaded repository works by: its file's when that is usable, the defaults otherwise. */
export function repositorySettings(repository: Repository): DepartmentSettings {
  const record = repository.department;
  return settingsFromFile(record?.valid ? record.data : undefined);
}
