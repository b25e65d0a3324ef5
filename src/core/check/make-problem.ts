import type { LocalizedText } from '../i18n/language.ts';
import type { Problem, Span } from './problem.ts';
import { FILE_START } from './problem.ts';
import { RULES, type RuleId } from './rules.ts';

export function makeProblem(
  file: string,
  ruleId: RuleId,
  message: LocalizedText,
  span: Span = FILE_START,
  field?: string,
): Problem {
  const problem: Problem = { file, span, ruleId, severity: RULES[ruleId].severity, message };
  if (field !== undefined) problem.field = field;
  return problem;
}
