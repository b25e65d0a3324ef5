/**
 * What every KPI family reads of a Repository: the valid rows of a table within a range, the
 * valid policies, and the department's time zone on a date (from the policy in force then).
 */
import type { PolicyFile } from '../model/types.generated.ts';
import { departmentTimeZone } from '../policy/department-clock.ts';
import { policyInForce } from '../policy/policy-versions.ts';
import type { Repository, TableFile } from '../repository/load-repository.ts';
import { inRange, type DateRange } from '../calendar/days.ts';

/** Valid rows whose date falls in the range, whichever month's file holds them (the checker flags misfiled rows). */
export function rowsOf<T>(
  tables: readonly TableFile<T>[],
  range: DateRange,
  dateOf: (row: T) => string | undefined,
): T[] {
  const rows: T[] = [];
  for (const table of tables) {
    for (const row of table.rows) {
      if (!row.valid) continue;
      const date = dateOf(row.data);
      if (date !== undefined && inRange(date, range)) rows.push(row.data);
    }
  }
  return rows;
}

export function policyTimeZone(repository: Repository, date: string): string {
  const policy = policyInForce(validPolicies(repository), date);
  return departmentTimeZone(policy);
}

export function validPolicies(repository: Repository): PolicyFile[] {
  return repository.policies.filter((record) => record.valid).map((record) => record.data);
}
