import { describe, expect, it } from 'vitest';
import {
  addDays,
  datesOf,
  isoWeek,
  monthRange,
  monthsOf,
  nextDay,
  nextMonth,
  previousMonth,
} from '../../src/core/calendar/days.ts';

describe('calendar arithmetic on plain dates', () => {
  it('counts days across month, year and leap-day boundaries, whatever the machine zone', () => {
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    expect(datesOf({ from: '2026-12-30', to: '2027-01-02' })).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
    ]);
  });

  it('names months and their ranges', () => {
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(nextMonth('2026-12')).toBe('2027-01');
    expect(previousMonth('2027-01')).toBe('2026-12');
    expect(monthsOf({ from: '2026-11-15', to: '2027-02-01' })).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
  });

  it('finds ISO weeks: 2027-01-01 is a Friday of 2026-W53', () => {
    expect(isoWeek('2027-01-01')).toEqual({ week: '2026-W53', monday: '2026-12-28' });
    expect(isoWeek('2027-01-04')).toEqual({ week: '2027-W01', monday: '2027-01-04' });
  });
});
