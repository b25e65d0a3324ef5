import type { LocalizedText } from '../i18n/language.ts';
import type { Problem, Severity } from './problem.ts';

/**
 * What a text rule engine (compliance) reports about a place in a text: the shape diagnostics
 * needs, so it can turn findings into problems without importing the engine above it.
 */
export interface PositionedFinding {
  ruleId: string;
  severity: Severity;
  message: LocalizedText;
  family: string;
  matched: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  lineText?: string;
  hint?: LocalizedText;
}

export function findingToProblem(file: string, finding: PositionedFinding): Problem {
  const problem: Problem = {
    file,
    span: {
      start: { line: finding.line, column: finding.column },
      end: { line: finding.endLine, column: finding.endColumn },
    },
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
