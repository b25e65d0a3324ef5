/**
 * One rule for every date-time a person types on the command line (`--now`, `--at`, `--today`,
 * `MPFLOW_NOW`): an ISO 8601 date-time with an offset (`2027-01-12T10:00:00+08:00`, `…Z`), or
 * without one (`2027-01-12T10:00`, `2027-01-12 10:00`), read in the department's time zone, or a
 * bare date (`2027-01-12`), which means the start of that day there. Seconds are optional.
 * A local time that does not exist in the zone (skipped by a daylight-saving change) and dates
 * such as 30 February are refused, never rolled over.
 */
import { isoInTimeZone, offsetMinutesAt } from '../calendar/wall-clock.ts';
import { isCalendarDate, judgeDateTime } from './dates.ts';

export interface ParsedDateTime {
  /** Milliseconds since the epoch. */
  instant: number;
  /** The same instant as an ISO date-time with the zone's offset, e.g. 2027-01-12T10:00:00+08:00. */
  iso: string;
  /** The calendar date of the instant in the zone. */
  date: string;
}

const LOCAL = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(:\d{2})?)?$/;

export function parseDateTimeOption(value: string, timeZone: string): ParsedDateTime | undefined {
  const given = value.trim();
  const local = LOCAL.exec(given);
  if (local) {
    const [, date, time = '00:00', seconds = ':00'] = local as unknown as [
      string,
      string,
      string | undefined,
      string | undefined,
    ];
    if (!isCalendarDate(date)) return undefined;
    const wall = `${date}T${time}${seconds}`;
    if (judgeDateTime(`${wall}Z`) !== 'valid') return undefined;
    const wallClock = Date.parse(`${wall}Z`);
    // The offset at the wall-clock time read as UTC is off by at most one change; a second look settles it.
    const firstGuess = wallClock - offsetMinutesAt(wallClock, timeZone) * 60_000;
    const instant = wallClock - offsetMinutesAt(firstGuess, timeZone) * 60_000;
    const iso = isoInTimeZone(instant, timeZone);
    return iso.slice(0, 19) === wall ? { instant, iso, date: iso.slice(0, 10) } : undefined;
  }
  if (judgeDateTime(given) !== 'valid') return undefined;
  const instant = Date.parse(given);
  if (Number.isNaN(instant)) return undefined;
  const iso = isoInTimeZone(instant, timeZone);
  return { instant, iso, date: iso.slice(0, 10) };
}

/** The usage message for a date-time option that could not be read, in both languages. */
export function dateTimeOptionProblem(option: string, value: string, timeZone: string): { zh: string; en: string } {
  return {
    zh: `${option}“${value}”不是有效的时间。可以写 2027-01-12、2027-01-12T10:00（按 ${timeZone} 理解）或带时区的 2027-01-12T10:00:00+08:00。`,
    en: `${option} "${value}" is not a valid time. Write 2027-01-12, 2027-01-12T10:00 (read in ${timeZone}) or with an offset, 2027-01-12T10:00:00+08:00.`,
  };
}

/**
 * "Now" for a command: `MPFLOW_NOW` when set (read by the rule above, in UTC when it has no
 * offset), else the machine's clock. Undefined when MPFLOW_NOW is set but unreadable, so the
 * command can say so instead of silently using the real time.
 */
export function nowFromEnvironment(
  env: NodeJS.ProcessEnv | undefined,
  fallback: () => number = Date.now,
): number | undefined {
  const given = env?.MPFLOW_NOW;
  if (given === undefined || given === '') return fallback();
  return parseDateTimeOption(given, 'UTC')?.instant;
}
