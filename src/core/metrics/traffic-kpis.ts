/** Reading-source and share-scene KPIs (getuserread, getusershare) over a range. */
import type { Repository } from '../repository/load-repository.ts';
import type { DateRange } from '../calendar/days.ts';
import { rowsOf } from './kpi-inputs.ts';
import { ratio } from './statistics.ts';

export interface ReadSourceKpi {
  source: number;
  readers: number;
  reads: number;
  shares: number;
  /** This source's share of all reads in the range. */
  shareOfReads: number | null;
}

/** Account-wide reads per reading source over a range, most reads first; the "all" row (99999999) is left out. */
export function readSourceKpis(repository: Repository, range: DateRange): ReadSourceKpi[] {
  const bySource = new Map<number, { readers: number; reads: number; shares: number }>();
  for (const row of rowsOf(repository.readsBySource ?? [], range, (row) => row.date)) {
    if (row.source === 99_999_999) continue;
    const entry = bySource.get(row.source) ?? { readers: 0, reads: 0, shares: 0 };
    entry.readers += row.readers;
    entry.reads += row.reads;
    entry.shares += row.shares;
    bySource.set(row.source, entry);
  }
  const total = [...bySource.values()].reduce((sum, entry) => sum + entry.reads, 0);
  return [...bySource]
    .map(([source, entry]) => ({ source, ...entry, shareOfReads: ratio(entry.reads, total) }))
    .sort((a, b) => b.reads - a.reads || a.source - b.source);
}

/** Shares per scene (friends, Moments, other) over a range. */
export function shareSceneKpis(
  repository: Repository,
  range: DateRange,
): Array<{ scene: number; shares: number; shareUsers: number }> {
  const byScene = new Map<number, { shares: number; shareUsers: number }>();
  for (const row of rowsOf(repository.sharesByScene ?? [], range, (row) => row.date)) {
    const entry = byScene.get(row.scene) ?? { shares: 0, shareUsers: 0 };
    entry.shares += row.shares;
    entry.shareUsers += row.shareUsers;
    byScene.set(row.scene, entry);
  }
  return [...byScene].map(([scene, entry]) => ({ scene, ...entry })).sort((a, b) => a.scene - b.scene);
}
