/**
 * The repository the dashboards read: the same memoised read and check as the site's content
 * loader (src/site/mpflow-loader.ts), so a build reads the department once. Only metrics, the
 * roster's names and article titles leave this module; no appraisal record is touched.
 */
import path from 'node:path';
import { checkedRepository } from '../../site/mpflow-loader.ts';
import type { Repository } from '../../core/repository/load-repository.ts';

export function repositoryRootForSite(): string {
  return path.resolve(process.env.MPFLOW_REPOSITORY ?? process.cwd());
}

export async function dashboardRepository(): Promise<Repository> {
  return (await checkedRepository(repositoryRootForSite())).repository;
}
