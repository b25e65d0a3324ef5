import { departmentSettings } from './0001-department-settings.ts';
import type { Migration } from './migration.ts';

/**
 * Every migration, oldest first; each `from` is the `to` of the one before. A new data format
 * adds a module here and raises DEPARTMENT_SCHEMA_VERSION (src/core/department/settings.ts) to
 * its `to` (a test holds the two together).
 */
export const MIGRATIONS: readonly Migration[] = [departmentSettings];

/** The newest version the migrations reach. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS.reduce((latest, migration) => Math.max(latest, migration.to), 0);

/** The steps that bring a repository at `version` to the latest, in order. */
export function pendingMigrations(version: number, migrations: readonly Migration[] = MIGRATIONS): Migration[] {
  const steps: Migration[] = [];
  let at = version;
  for (;;) {
    const next = migrations.find((migration) => migration.from === at);
    if (!next) return steps;
    steps.push(next);
    at = next.to;
  }
}
