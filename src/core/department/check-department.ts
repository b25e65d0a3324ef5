import type { Problem } from '../check/problem.ts';
import type { Repository } from '../repository/load-repository.ts';
import { checkDepartmentSettings, DEPARTMENT_SETTINGS_PATH, missingSettingsProblem, settingsFromFile, type DepartmentSettings } from './settings.ts';

/**
 * content/department.yaml beyond its schema. A repository without it still works on neutral
 * defaults, so that is a warning; a repository with no roster either (a folder that is not yet a
 * department, or a Repository built by hand) is not told twice.
 */
export function checkDepartment(repository: Repository, problems: Problem[]): void {
  const record = repository.department;
  if (!record) {
    if (!repository.files.has(DEPARTMENT_SETTINGS_PATH) && repository.files.has('content/team.yaml')) problems.push(missingSettingsProblem());
    return;
  }
  if (!record.valid) return;
  problems.push(...checkDepartmentSettings(record.data, record.locate));
}

/** The settings a loaded repository works by: its file's when that is usable, the defaults otherwise. */
export function repositorySettings(repository: Repository): DepartmentSettings {
  const record = repository.department;
  return settingsFromFile(record?.valid ? record.data : undefined);
}
