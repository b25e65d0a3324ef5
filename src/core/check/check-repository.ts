import path from 'node:path';
import { loadRepository, type Repository } from '../repository/load-repository.ts';
import { checkAppraisals } from './check-appraisals.ts';
import { checkArticles } from './check-articles.ts';
import { checkTopicsAndCampaigns } from './check-library.ts';
import { checkMetrics } from './check-metrics.ts';
import { checkPolicies } from './check-policy.ts';
import { checkTeam } from './check-team.ts';
import { checkTraining } from './check-training.ts';
import { compareProblems, type Problem } from './problem.ts';

export interface CheckOptions {
  /** Repository-relative files (or folders) to report on; the rest of the repository is context. */
  paths?: readonly string[];
}

export interface CheckResult {
  repository: Repository;
  problems: Problem[];
  filesChecked: number;
}

/** Every cross-file rule, in the order a reader meets the records. */
export function checkLoadedRepository(repository: Repository): Problem[] {
  const problems: Problem[] = [];
  checkTeam(repository, problems);
  checkPolicies(repository, problems);
  checkTopicsAndCampaigns(repository, problems);
  checkArticles(repository, problems);
  checkTraining(repository, problems);
  checkAppraisals(repository, problems);
  checkMetrics(repository, problems);
  return problems;
}

export async function checkRepository(root: string, options: CheckOptions = {}): Promise<CheckResult> {
  const absoluteRoot = path.resolve(root);
  const selection = options.paths?.map((entry) => entry.replace(/\\/g, '/').replace(/\/+$/, '').replace(/^\.\//, ''));
  const inSelection = (file: string) => !selection || selection.some((entry) => entry === '.' || file === entry || file.startsWith(`${entry}/`));

  const { repository, problems: loadProblems } = await loadRepository(absoluteRoot, selection ? { only: inSelection } : {});

  const problems = [...loadProblems, ...checkLoadedRepository(repository)].filter((problem) => inSelection(problem.file));
  problems.sort(compareProblems);
  const filesChecked = [...repository.files].filter(inSelection).length;
  return { repository, problems, filesChecked };
}
