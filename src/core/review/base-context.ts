import { departmentClock } from '../policy/department-clock.ts';
import { checkPolicies } from '../check/check-policy.ts';
import { checkTeam } from '../check/check-team.ts';
import type { Problem } from '../diagnostics/problem.ts';
import { text, type LocalizedText } from '../i18n/language.ts';
import { validateRecord, type Locator } from '../model/validate-record.ts';
import type { PolicyFile, TeamFile } from '../model/types.generated.ts';
import { classifyPath } from '../repository/classify-path.ts';
import type { Repository, SourcedRecord } from '../repository/load-repository.ts';
import { locateInYaml, parseYamlSource } from '../source/yaml-source.ts';
import type { BaseContext } from './review-input.ts';

export interface BaseFile {
  /** Repository-relative path, e.g. content/policy/2026-01-01.yaml. */
  file: string;
  /** Null when the file does not exist on the base commit. */
  text: string | null;
}

/**
 * Builds the roster and policy the gate judges by, from the files as they are on the BASE commit.
 * They go through the same parser, schema and cross-checks as `mpflow check`, so a roster the
 * checks would reject can never grant anyone a review right.
 */
export function readBaseContext(team: BaseFile, policies: readonly BaseFile[], evaluatedAt: Date): BaseContext {
  const problems: Problem[] = [];
  // Only the roster and the policies are read: the checks below look at nothing else of a Repository.
  const repository = {
    root: '.',
    files: new Set([team, ...policies].filter((file) => file.text !== null).map((file) => file.file)),
    articleIds: new Set(),
    policies: [] as SourcedRecord<PolicyFile>[],
  } as Partial<Repository> as Repository;
  if (team.text !== null) repository.team = parseRecord<TeamFile>('team', team.file, team.text, problems);
  for (const policy of policies) {
    if (policy.text === null || classifyPath(policy.file).role !== 'record') continue;
    const record = parseRecord<PolicyFile>('policy', policy.file, policy.text, problems);
    if (record) repository.policies.push(record);
  }
  checkTeam(repository, problems);
  checkPolicies(repository, problems);
  const errors = problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) return { ok: false, problems: errors.map(describeProblem) };

  const roster = repository.team;
  if (!roster)
    return {
      ok: false,
      problems: [text('基础分支上没有 content/team.yaml。', 'The base commit has no content/team.yaml.')],
    };
  // The date is taken in the department's time zone: a policy effective "2027-01-01" starts at midnight there.
  const versions = repository.policies.map((record) => ({
    record,
    effective: record.data.effective,
    timezone: record.data.timezone,
  }));
  const { today, policy } = departmentClock(versions, evaluatedAt.getTime());
  const inForce = policy?.record;
  if (!inForce) {
    return {
      ok: false,
      problems: [
        text(
          `基础分支上没有在 ${today} 生效的制度版本（content/policy/）。`,
          `The base commit has no policy version in force on ${today} (content/policy/).`,
        ),
      ],
    };
  }
  return { ok: true, roster: roster.data, policy: inForce.data, policyFile: inForce.file, asOf: today };
}

function parseRecord<T>(
  kind: 'team' | 'policy',
  file: string,
  yamlText: string,
  problems: Problem[],
): SourcedRecord<T> | undefined {
  const parsed = parseYamlSource(yamlText, file);
  if (!parsed.ok) {
    problems.push(...parsed.problems);
    return undefined;
  }
  const { source } = parsed;
  const locate: Locator = (segments, at) => locateInYaml(source, segments, at);
  const schemaProblems = validateRecord(kind, source.data, file, locate);
  problems.push(...schemaProblems);
  if (source.data === null || typeof source.data !== 'object' || Array.isArray(source.data)) return undefined;
  return { file, data: source.data as T, valid: schemaProblems.length === 0, locate };
}

function describeProblem(problem: Problem): LocalizedText {
  const where = `${problem.file}:${problem.span.start.line}:${problem.span.start.column}`;
  return text(`基础分支 ${where}：${problem.message.zh}`, `base commit ${where}: ${problem.message.en}`);
}
