/** Follower KPIs: gains, losses and totals over a range, by source, day, ISO week and month. */
import type { FollowerChangeRow, FollowerCumulativeRow } from '../model/types.generated.ts';
import type { Repository } from '../repository/load-repository.ts';
import { addDays, datesOf, isoWeek, type DateRange } from '../calendar/days.ts';
import { rowsOf } from './kpi-inputs.ts';
import { ratio } from './statistics.ts';

export interface FollowerPeriod {
  /** `YYYY-MM-DD` for days, `YYYY-Www` (ISO week) for weeks, `YYYY-MM` for months. */
  period: string;
  from: string;
  to: string;
  new: number;
  cancelled: number;
  net: number;
  /** Followers at the end of the period's last recorded day; null when no day of the period is recorded. */
  cumulativeEnd: number | null;
  /** Cancelled ÷ followers at the start of the period (流失率); null without a starting figure. */
  churnRate: number | null;
}

export interface SourceKpi {
  source: FollowerChangeRow['source'];
  new: number;
  cancelled: number;
  net: number;
  /** This source's share of all new followers in the range. */
  shareOfNew: number | null;
}

export interface FollowerKpis {
  range: DateRange;
  new: number;
  cancelled: number;
  net: number;
  /** Followers at the end of the day before the range; null when not recorded. */
  cumulativeStart: number | null;
  /** Followers at the end of the range: its last recorded day's total (null when no day of the range is recorded). */
  cumulativeEnd: number | null;
  /** Cancelled ÷ cumulativeStart. */
  churnRate: number | null;
  /** Days in the range with at least one follower row. */
  daysWithData: number;
  bySource: SourceKpi[];
  daily: FollowerPeriod[];
  weekly: FollowerPeriod[];
  monthly: FollowerPeriod[];
}

export interface DatedValue {
  date: string;
  value: number;
}

/** Cumulative followers by date, sorted. */
export function cumulativeByDate(repository: Repository): DatedValue[] {
  const values: DatedValue[] = [];
  for (const table of repository.followerTotals) {
    for (const row of table.rows) {
      const data = row.data as FollowerCumulativeRow;
      if (row.valid && typeof data.date === 'string' && typeof data.cumulative === 'number')
        values.push({ date: data.date, value: data.cumulative });
    }
  }
  return values.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export function latestOnOrBefore(values: readonly DatedValue[], date: string): DatedValue | undefined {
  let low = 0;
  let high = values.length - 1;
  let found: DatedValue | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (values[middle]!.date <= date) {
      found = values[middle];
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/**
 * The follower figures of a range. The start figure is the cumulative count at the end of the day
 * before the range; when that day is not recorded it is derived from the range's first recorded
 * total minus the net change up to it, so a range starting on the first imported day still has one.
 */
export function followerKpis(repository: Repository, range: DateRange): FollowerKpis {
  const changes = rowsOf<FollowerChangeRow>(repository.followerChanges, range, (row) => row.date);
  const cumulative = cumulativeByDate(repository);
  const byDate = new Map<string, { new: number; cancelled: number }>();
  const bySource = new Map<FollowerChangeRow['source'], { new: number; cancelled: number }>();
  for (const row of changes) {
    const day = byDate.get(row.date) ?? { new: 0, cancelled: 0 };
    day.new += row.new;
    day.cancelled += row.cancelled;
    byDate.set(row.date, day);
    const source = bySource.get(row.source) ?? { new: 0, cancelled: 0 };
    source.new += row.new;
    source.cancelled += row.cancelled;
    bySource.set(row.source, source);
  }

  const startOf = (from: string): number | null => {
    const before = latestOnOrBefore(cumulative, addDays(from, -1));
    if (before && before.date === addDays(from, -1)) return before.value;
    // Derive from the first recorded total on or after `from` (within the range's data).
    const first = cumulative.find((entry) => entry.date >= from);
    if (!first) return before?.value ?? null;
    let net = 0;
    for (const date of datesOf({ from, to: first.date })) {
      const day = byDate.get(date);
      if (day) net += day.new - day.cancelled;
    }
    return first.value - net;
  };
  const endOf = (from: string, to: string): number | null => {
    const entry = latestOnOrBefore(cumulative, to);
    // The latest recorded total inside the period: a day without one has none, a month in progress has its last day's.
    return entry && entry.date >= from ? entry.value : null;
  };

  const period = (name: string, from: string, to: string): FollowerPeriod => {
    let added = 0;
    let cancelled = 0;
    for (const date of datesOf({ from, to })) {
      const day = byDate.get(date);
      if (!day) continue;
      added += day.new;
      cancelled += day.cancelled;
    }
    const start = startOf(from);
    return {
      period: name,
      from,
      to,
      new: added,
      cancelled,
      net: added - cancelled,
      cumulativeEnd: endOf(from, to),
      churnRate: start === null ? null : ratio(cancelled, start),
    };
  };

  const daily = datesOf(range).map((date) => period(date, date, date));
  const weekly: FollowerPeriod[] = [];
  const monthly: FollowerPeriod[] = [];
  for (const date of datesOf(range)) {
    const { week } = isoWeek(date);
    const lastWeek = weekly[weekly.length - 1];
    if (!lastWeek || lastWeek.period !== week) weekly.push({ ...period(week, date, date) });
    else weekly[weekly.length - 1] = period(week, lastWeek.from, date);
    const month = date.slice(0, 7);
    const lastMonth = monthly[monthly.length - 1];
    if (!lastMonth || lastMonth.period !== month) monthly.push(period(month, date, date));
    else monthly[monthly.length - 1] = period(month, lastMonth.from, date);
  }

  const totalNew = changes.reduce((sum, row) => sum + row.new, 0);
  const totalCancelled = changes.reduce((sum, row) => sum + row.cancelled, 0);
  const cumulativeStart = startOf(range.from);
  return {
    range,
    new: totalNew,
    cancelled: totalCancelled,
    net: totalNew - totalCancelled,
    cumulativeStart,
    cumulativeEnd: endOf(range.from, range.to),
    churnRate: cumulativeStart === null ? null : ratio(totalCancelled, cumulativeStart),
    daysWithData: byDate.size,
    bySource: [...bySource]
      .map(([source, figures]) => ({
        source,
        ...figures,
        net: figures.new - figures.cancelled,
        shareOfNew: ratio(figures.new, totalNew),
      }))
      .sort((a, b) => b.new - a.new || a.source - b.source),
    daily,
    weekly,
    monthly,
  };
}
