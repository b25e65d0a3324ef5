import { statSync } from 'node:fs';
import path from 'node:path';
import { lintArticle, lintCampaign, type Finding, type PolicyVersion } from '../compliance/index.ts';
import { policyInForce } from '../policy/policy-versions.ts';
import type { Repository } from '../repository/load-repository.ts';
import { indexMembers } from '../team/roster.ts';
import { internalError } from './make-problem.ts';
import type { Problem } from './problem.ts';

export interface ComplianceCheckResult {
  problems: Problem[];
  /** Findings silenced by a reasoned `mpflow-disable-next-line` comment. */
  suppressed: number;
}

export function findingToProblem(file: string, finding: Finding): Problem {
  const problem: Problem = {
    file,
    span: { start: { line: finding.line, column: finding.column }, end: { line: finding.endLine, column: finding.endColumn } },
    ruleId: finding.ruleId as Problem['ruleId'],
    severity: finding.severity,
    message: finding.message,
    family: finding.family,
    matched: finding.matched,
  };
  if (finding.lineText !== undefined) problem.lineText = finding.lineText;
  if (finding.hint) problem.hint = finding.hint;
  return problem;
}

/**
 * The compliance engine over what the loader read: article bodies, titles and digests, and the
 * published texts of campaigns. Each uses the policy in force on its date (an article's
 * publishAt, a campaign's start); without one, the engine's defaults.
 */
export function checkCompliance(repository: Repository): ComplianceCheckResult {
  const problems: Problem[] = [];
  let suppressed = 0;
  const policies = repository.policies.filter((policy) => policy.valid).map((policy) => policy.data);
  const latest = policies.reduce<(typeof policies)[number] | undefined>((chosen, policy) => (!chosen || policy.effective > chosen.effective ? policy : chosen), undefined);
  const policyOn = (date: unknown): PolicyVersion | undefined =>
    (typeof date === 'string' && /^\d{4}-\d{2}-\d{2}/.test(date) ? policyInForce(policies, date.slice(0, 10)) : undefined) ?? latest;
  const members = indexMembers(repository.team?.data);

  for (const article of repository.articles) {
    try {
      const data = article.data as unknown as Record<string, unknown>;
      const member = typeof data.author === 'string' ? members.get(data.author) : undefined;
      const policy = policyOn(data.publishAt);
      const result = lintArticle({
        data,
        ...(article.yaml ? { yaml: article.yaml } : {}),
        body: article.body,
        bodyFirstLine: article.bodyFirstLine,
        ...(policy ? { policy } : {}),
        ...(typeof member?.name === 'string' ? { authorName: member.name } : {}),
        imageBytes: (url) => imageSize(repository.root, article.directory, url),
      });
      suppressed += result.suppressed;
      for (const finding of result.findings) problems.push(findingToProblem(article.file, finding));
    } catch (error) {
      problems.push(internalError(article.file, error));
    }
  }
  for (const campaign of repository.campaigns) {
    if (!campaign.yaml) continue;
    try {
      const data = campaign.data as unknown as Record<string, unknown>;
      const period = data.period as { start?: unknown } | undefined;
      const policy = policyOn(period?.start);
      const result = lintCampaign(campaign.yaml, data, policy);
      suppressed += result.suppressed;
      for (const finding of result.findings) problems.push(findingToProblem(campaign.file, finding));
    } catch (error) {
      problems.push(internalError(campaign.file, error));
    }
  }
  return { problems, suppressed };
}

/** Bytes of a local body image, or undefined for remote or missing ones (ref/missing-file reports those). */
function imageSize(root: string, directory: string, url: string): number | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('/')) return undefined;
  let decoded = url.split(/[?#]/)[0]!;
  try {
    decoded = decodeURI(decoded);
  } catch {
    // A stray % is taken literally.
  }
  const target = path.posix.normalize(`${directory}/${decoded}`);
  if (target.startsWith('..')) return undefined;
  try {
    return statSync(path.join(root, target)).size;
  } catch {
    return undefined;
  }
}
