/**
 * Calendar arithmetic on plain dates (YYYY-MM-DD) and months (YYYY-MM), in UTC so the machine's
 * time zone never shifts a day. Which day "today" is belongs to the department clock
 * (policy/department-clock.ts); this module only counts.
 */

export interface DateRange {
  /** First day, YYYY-MM-DD, inclusive. */
  from: string;
  /** Last day, YYYY-MM-DD, inclusive. */
  to: string;
}

const DAY_MS = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Every date of a range, in order. */
export function datesOf(range: DateRange): string[] {
  const dates: string[] = [];
  for (let date = range.from; date <= range.to; date = addDays(date, 1)) dates.push(date);
  return dates;
}

export function inRange(date: string, range: DateRange): boolean {
  return date >= range.from && date <= range.to;
}

/** The months (YYYY-MM) a range touches, in order. */
export function monthsOf(range: DateRange): string[] {
  const months: string[] = [];
  let month = range.from.slice(0, 7);
  while (month <= range.to.slice(0, 7)) {
    months.push(month);
    month = nextMonth(month);
  }
  return months;
}

/** The whole calendar month `YYYY-MM` as a range. */
export function monthRange(month: string): DateRange {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, number, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** ISO 8601 week of a date: weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeek(date: string): { week: string; monday: string } {
  const time = Date.parse(`${date}T00:00:00Z`);
  const weekday = (new Date(time).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const monday = new Date(time - weekday * DAY_MS);
  const thursday = new Date(monday.getTime() + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const firstThursday = Date.UTC(year, 0, 4);
  const firstMonday = firstThursday - ((new Date(firstThursday).getUTCDay() + 6) % 7) * DAY_MS;
  const number = Math.round((monday.getTime() - firstMonday) / (7 * DAY_MS)) + 1;
  return { week: `${year}-W${String(number).padStart(2, '0')}`, monday: monday.toISOString().slice(0, 10) };
}

/** The day after a date. */
export function nextDay(date: string): string {
  return addDays(date, 1);
}

/** The month after `YYYY-MM`. */
export function nextMonth(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
}

/** The month before `YYYY-MM`. */
export function previousMonth(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return number === 1 ? `${year - 1}-12` : `${year}-${String(number - 1).padStart(2, '0')}`;
}
