import path from 'node:path';
import { currentInstant } from '../clock.ts';
import type { CheckCache } from '../cache/check-cache.ts';
import type { CheckContext } from '../diagnostics/check-context.ts';
import { loadRepository, type Repository } from '../repository/load-repository.ts';
import type { FoundFile } from '../repository/walk-files.ts';
import { checkAppraisals } from './check-appraisals.ts';
import { checkAppraisalLocks } from '../scoring/check-locks.ts';
import { checkAppraisalSealing } from '../appraisal-privacy/check-sealing.ts';
import { checkArticles } from './check-articles.ts';
import { checkCompliance } from './check-compliance.ts';
import { checkTopicsAndCampaigns } from './check-library.ts';
import { checkMetrics } from './check-metrics.ts';
import { checkPolicies } from './check-policy.ts';
import { checkTeam } from './check-team.ts';
import { checkDepartmentRendering } from './check-department-rendering.ts';
import { checkDepartment, checkUpcomingPolicy } from '../department/check-department.ts';
import { checkTraining } from './check-training.ts';
import { checkPublishRecords } from './check-publish-records.ts';
import { checkCampaignDraws } from '../campaigns/draw-record.ts';
import { checkPlaceholders } from './check-placeholders.ts';
import { internalError } from '../diagnostics/make-problem.ts';
import { compareProblems, type Problem } from '../diagnostics/problem.ts';

export interface CheckOptions {
  /** Repository-relative files (or folders) to report on; the rest of the repository is context. */
  paths?: readonly string[];
  /** Run the compliance and style engine too (default true). */
  compliance?: boolean;
  /** The repository's files, already listed (see listedContentFiles); the folders are then not walked. */
  files?: FoundFile[];
  /** What "now" is for the calendar rules (date/future); default the one clock (MPFLOW_NOW, else the machine's). */
  now?: number;
  /** What earlier runs learnt of unchanged files (parses, schema verdicts, findings); none by default. */
  cache?: CheckCache;
}

export interface CheckResult {
  repository: Repository;
  problems: Problem[];
  filesChecked: number;
  /** Compliance findings silenced by a reasoned suppression comment. */
  suppressed: number;
}

/** Every cross-file rule family, in the order a reader meets the records, with the place it is about. */
const CHECKS: ReadonlyArray<[(repository: Repository, problems: Problem[], context: CheckContext) => void, string]> = [
  [checkDepartment, 'content/department.yaml'],
  [checkDepartmentRendering, 'content/department.yaml'],
  [checkTeam, 'content/team.yaml'],
  [checkPolicies, 'content/policy'],
  [checkUpcomingPolicy, 'content/policy'],
  [checkTopicsAndCampaigns, 'content/topics'],
  [checkArticles, 'content/articles'],
  [checkTraining, 'content/training'],
  [checkAppraisals, 'appraisals'],
  [checkAppraisalLocks, 'appraisals'],
  [checkAppraisalSealing, 'appraisals'],
  [checkMetrics, 'content/metrics'],
  [checkPublishRecords, 'content/publishing'],
  [checkCampaignDraws, 'content/campaigns'],
  [checkPlaceholders, 'content'],
];

export function checkLoadedRepository(repository: Repository, context: Partial<CheckContext> = {}): Problem[] {
  const problems: Problem[] = [];
  // The one clock (MPFLOW_NOW or the machine's), so a site built at a pinned instant checks at it too.
  const full: CheckContext = { now: context.now ?? currentInstant() };
  for (const [check, area] of CHECKS) {
    try {
      check(repository, problems, full);
    } catch (error) {
      // A bug in one family of checks must not hide what the others find.
      problems.push(internalError(area, error));
    }
  }
  return problems;
}

/**
 * A roster or policy that cannot be used leaves every file that refers to it unchecked, so when
 * only some paths are checked, that is still said, whatever the paths; so is a bug in mpflow.
 */
function blocksContext(problem: Problem): boolean {
  if (problem.ruleId === 'internal/error' || problem.ruleId === 'team/missing' || problem.ruleId === 'policy/missing')
    return true;
  const isContext = problem.file === 'content/team.yaml' || problem.file.startsWith('content/policy');
  return isContext && problem.severity === 'error' && problem.ruleId !== 'schema/unknown-field';
}

export async function checkRepository(root: string, options: CheckOptions = {}): Promise<CheckResult> {
  const absoluteRoot = path.resolve(root);
  const selection = options.paths?.map((entry) => entry.replace(/\\/g, '/').replace(/\/+$/, '').replace(/^\.\//, ''));
  // Called for every file of the repository (10,000 articles and their images): a set lookup and a few prefixes.
  const selectedFiles = new Set(selection);
  // Entries git listed as files (check --changed) need no prefix test.
  const listedFiles = options.files ? new Set(options.files.map((file) => file.relativePath)) : undefined;
  const selectedFolders = (selection ?? []).filter((entry) => !listedFiles?.has(entry)).map((entry) => `${entry}/`);
  const everything = !selection || selectedFiles.has('.');
  const inSelection = (file: string) =>
    everything || selectedFiles.has(file) || selectedFolders.some((folder) => file.startsWith(folder));

  const cache = options.cache ? { cache: options.cache } : {};
  const { repository, problems: loadProblems } = await loadRepository(absoluteRoot, {
    ...(selection ? { only: inSelection } : {}),
    ...(options.files ? { files: options.files } : {}),
    ...cache,
  });

  // The other checks run on the main thread while worker threads lint the articles.
  let checked: Problem[] | undefined;
  const checkTheRest = () => {
    checked ??= checkLoadedRepository(repository, options.now === undefined ? {} : { now: options.now });
  };
  const compliance =
    options.compliance === false
      ? { problems: [], suppressed: 0 }
      : await checkCompliance(repository, { ...cache, whileLinting: checkTheRest });
  checkTheRest();
  const problems = [...loadProblems, ...checked!, ...compliance.problems].filter(
    (problem) => inSelection(problem.file) || blocksContext(problem),
  );
  problems.sort(compareProblems);
  const filesChecked = [...repository.files].filter(inSelection).length;
  return { repository, problems, filesChecked, suppressed: compliance.suppressed };
}
