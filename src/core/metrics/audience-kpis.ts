/** Audience KPIs: the latest distribution of followers by gender, age, region, city, language and device. */
import type { Repository } from '../repository/load-repository.ts';
import { ratio } from './statistics.ts';

export type AudienceDimension = 'gender' | 'age' | 'region' | 'city' | 'language' | 'device';

export interface AudienceSnapshot {
  dimension: AudienceDimension;
  /** The snapshot's date: the latest one on or before the asked date. */
  date: string;
  total: number;
  buckets: Array<{ bucket: string; users: number; share: number | null }>;
}

/**
 * The latest audience distribution (from the back office's 用户属性 export) on or before a date,
 * one per dimension that has any. Gender runs 男, 女, then the rest; ages run youngest first;
 * regions, cities, languages and devices run largest first.
 */
export function audienceKpis(repository: Repository, on: string): AudienceSnapshot[] {
  const rows: Array<{ date: string; dimension: AudienceDimension; bucket: string; users: number }> = [];
  for (const table of repository.audience ?? []) {
    for (const row of table.rows) {
      const data = row.data;
      if (row.valid && typeof data.date === 'string' && data.date <= on)
        rows.push({ date: data.date, dimension: data.dimension, bucket: data.bucket, users: data.users });
    }
  }
  const snapshots: AudienceSnapshot[] = [];
  for (const dimension of ['gender', 'age', 'region', 'city', 'language', 'device'] as const) {
    const mine = rows.filter((row) => row.dimension === dimension);
    if (mine.length === 0) continue;
    const date = mine.reduce((latest, row) => (row.date > latest ? row.date : latest), '');
    const buckets = mine.filter((row) => row.date === date);
    const total = buckets.reduce((sum, row) => sum + row.users, 0);
    if (dimension !== 'gender' && dimension !== 'age')
      buckets.sort((a, b) => b.users - a.users || (a.bucket < b.bucket ? -1 : 1));
    else buckets.sort((a, b) => bucketOrder(a.bucket) - bucketOrder(b.bucket) || (a.bucket < b.bucket ? -1 : 1));
    snapshots.push({
      dimension,
      date,
      total,
      buckets: buckets.map((row) => ({ bucket: row.bucket, users: row.users, share: ratio(row.users, total) })),
    });
  }
  return snapshots;
}

/** Sort key of a gender or age bucket: 男 女 未知; "18岁以下" before "18-25岁", "60岁以上" after "46-60岁". */
function bucketOrder(bucket: string): number {
  const gender = ['男', '女'].indexOf(bucket);
  if (gender !== -1) return gender;
  const age = /(\d+)/.exec(bucket);
  if (!age) return 1000;
  const years = Number(age[1]);
  if (/以下|under|below/i.test(bucket)) return years - 0.5;
  if (/以上|over|above|\+/i.test(bucket)) return years + 0.5;
  return years;
}
