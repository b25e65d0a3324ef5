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

// Building an Intl.DateTimeFormat costs far more than using one; a repository has one or two zones.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of an offset date-time in the given IANA time zone. */
export function dateInTimeZone(instant: string, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(instant));
  const part = (type: string) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

const knownTimeZones = new Map<string, boolean>();

export function isTimeZone(name: string): boolean {
  let known = knownTimeZones.get(name);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: name });
      known = true;
    } catch {
      known = false;
    }
    knownTimeZones.set(name, known);
  }
  return known;
}

/** The UTC offset (e.g. "+08:00") of an IANA time zone at a local date and time. */
export function offsetInTimeZone(localDate: string, localTime: string, timeZone: string): string {
  const guess = new Date(`${localDate}T${localTime}:00Z`);
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(guess).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-]\d{2}):?(\d{2})?/.exec(name);
  return match ? `${match[1]}:${match[2] ?? '00'}` : '+00:00';
}
