/**
 * The department's clock: its time zone, which day it is there, and the policy in force on that
 * day — from one function, so a command, a check and the site agree on "today" even around
 * midnight and across a policy change. "Now" itself comes from the process clock
 * (clock.ts: MPFLOW_NOW or the machine's); this module only reads it in the department's zone.
 */
import { isoInTimeZone } from '../calendar/wall-clock.ts';
import { isTimeZone } from '../model/dates.ts';
import { policyInForce } from './policy-versions.ts';

/** The zone of a policy that names none (or names one Intl does not know); `check` reports the latter. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** The time zone a policy version sets for the department, or the default. */
export function departmentTimeZone(policy: { readonly timezone?: unknown } | undefined): string {
  const zone = policy?.timezone;
  return typeof zone === 'string' && isTimeZone(zone) ? zone : DEFAULT_TIME_ZONE;
}

export interface DepartmentClock<P> {
  /** The zone of the policy in force (the default when there is none). */
  readonly timeZone: string;
  /** The date (YYYY-MM-DD) at `now` in that zone. */
  readonly today: string;
  /** The policy version in force today; before the first takes effect, undefined. */
  readonly policy: P | undefined;
}

/**
 * Which policy is in force depends on the date in the policy's own zone: look once with the
 * default zone to learn it, then again with that zone (the two differ only around midnight).
 */
export function departmentClock<P extends { readonly effective: string; readonly timezone?: unknown }>(
  policies: readonly P[],
  now: number,
): DepartmentClock<P> {
  const first = policyInForce(policies, isoInTimeZone(now, DEFAULT_TIME_ZONE).slice(0, 10));
  const policy = policyInForce(policies, isoInTimeZone(now, departmentTimeZone(first)).slice(0, 10)) ?? first;
  const timeZone = departmentTimeZone(policy);
  return { timeZone, today: isoInTimeZone(now, timeZone).slice(0, 10), policy };
}
