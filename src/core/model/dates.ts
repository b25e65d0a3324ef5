/** Calendar facts the content model relies on. All pure; no time zone of the machine is used. */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const YEAR_MONTH = /^(\d{4})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|z|[+-]\d{2}:\d{2})?$/;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function isYearMonth(value: string): boolean {
  const match = YEAR_MONTH.exec(value);
  return match !== null && Number(match[2]) >= 1 && Number(match[2]) <= 12;
}

export type DateTimeVerdict = 'valid' | 'missing-offset' | 'invalid';

export function judgeDateTime(value: string): DateTimeVerdict {
  const match = DATE_TIME.exec(value);
  if (!match) return 'invalid';
  const [, year, month, day, hour, minute, second, offset] = match;
  if (!isCalendarDate(`${year}-${month}-${day}`)) return 'invalid';
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 59) return 'invalid';
  if (offset && offset.length === 6) {
    const [offsetHours, offsetMinutes] = offset.slice(1).split(':').map(Number) as [number, number];
    if (offsetHours > 14 || offsetMinutes > 59) return 'invalid';
  }
  return offset ? 'valid' : 'missing-offset';
}

export function isOffsetDateTime(value: string): boolean {
  return judgeDateTime(value) === 'valid';
}

// Wall-clock readings in a zone live in the calendar layer; the model's date rules use them too.
export { dateInTimeZone, isTimeZone, offsetInTimeZone } from '../calendar/wall-clock.ts';
