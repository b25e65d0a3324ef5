import type { LocalizedText } from '../i18n/language.ts';
import type { RuleId, Severity } from './rules.ts';

export type { Severity };

/**
 * A rule of a higher layer, named `<family>/<rule>` (compliance: ad-law/absolute-term,
 * suppression/…). Diagnostics cannot name those families without importing the layers that
 * define them; compliance's own `ComplianceRuleId` is a narrower case of this.
 */
export type FamilyRuleId = `${string}/${string}`;

/** 1-based line and column (UTF-16 code units, as editors and SARIF count them). */
export interface Position {
  line: number;
  column: number;
}

export interface Span {
  start: Position;
  end?: Position;
}

export interface Problem {
  /** Repository-relative path with forward slashes. */
  file: string;
  span: Span;
  /** A model rule (rules.ts) or a compliance rule (compliance/, e.g. ad-law/absolute-term). */
  ruleId: RuleId | FamilyRuleId;
  severity: Severity;
  message: LocalizedText;
  /** Dotted path of the field in the record, when the problem is about one field. */
  field?: string;
  /** Compliance findings: the rule family, the matched text, the line it is on and how to fix it. */
  family?: string;
  matched?: string;
  lineText?: string;
  hint?: LocalizedText;
}

export const FILE_START: Span = { start: { line: 1, column: 1 } };

export function compareProblems(a: Problem, b: Problem): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.span.start.line !== b.span.start.line) return a.span.start.line - b.span.start.line;
  if (a.span.start.column !== b.span.start.column) return a.span.start.column - b.span.start.column;
  return a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0;
}

export function countBySeverity(problems: readonly Problem[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const problem of problems) {
    if (problem.severity === 'error') errors += 1;
    else warnings += 1;
  }
  return { errors, warnings };
}
