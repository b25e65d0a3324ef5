import { dateInTimeZone } from '../../src/core/model/dates.ts';

export { addDays } from '../../src/core/metrics/kpis.ts';

/** Today's date in Asia/Shanghai, as the CLI computes it. */
export function dateInTimeZoneForTest(now: Date): string {
  return dateInTimeZone(now.toISOString(), 'Asia/Shanghai');
}
