/**
 * Wall-clock time in an IANA zone: the zone's offset at an instant and the instant written with
 * it. Plain arithmetic over Intl, below the data model, so the model, publishing and metrics
 * share one implementation.
 */

// Building an Intl.DateTimeFormat costs far more than using one; a repository has one or two zones.
const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's UTC offset in minutes at an instant (480 for Asia/Shanghai). */
export function offsetMinutesAt(instant: number, timeZone: string): number {
  let format = wallClockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    wallClockFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(
    format.formatToParts(new Date(instant)).map((part) => [part.type, Number(part.value)]),
  );
  const wallClock = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return Math.round((wallClock - Math.floor(instant / 1000) * 1000) / 60_000);
}

/**
 * An instant as an ISO date-time (whole seconds) with the zone's offset at that instant, e.g.
 * 2026-11-27T21:00:00+08:00. The offset comes from the instant itself, so it is right on both
 * sides of a daylight-saving change in zones that have one.
 */
export function isoInTimeZone(instant: number, timeZone: string): string {
  const offset = offsetMinutesAt(instant, timeZone);
  const wall = new Date(Math.floor(instant / 1000) * 1000 + offset * 60_000).toISOString();
  const sign = offset < 0 ? '-' : '+';
  const absolute = Math.abs(offset);
  return `${wall.slice(0, 19)}${sign}${String(Math.floor(absolute / 60)).padStart(2, '0')}:${String(absolute % 60).padStart(2, '0')}`;
}

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
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(guess)
      .find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-]\d{2}):?(\d{2})?/.exec(name);
  return match ? `${match[1]}:${match[2] ?? '00'}` : '+00:00';
}
