import { pick, type Language } from '../i18n/language.ts';
import { countBySeverity, type Problem } from '../diagnostics/problem.ts';

export function formatJson(
  problems: readonly Problem[],
  options: { language: Language; filesChecked: number; suppressed?: number },
): string {
  const { errors, warnings } = countBySeverity(problems);
  const report = {
    summary: { filesChecked: options.filesChecked, errors, warnings, suppressed: options.suppressed ?? 0 },
    problems: problems.map((problem) => ({
      file: problem.file,
      line: problem.span.start.line,
      column: problem.span.start.column,
      ...(problem.span.end ? { endLine: problem.span.end.line, endColumn: problem.span.end.column } : {}),
      ruleId: problem.ruleId,
      severity: problem.severity,
      message: pick(problem.message, options.language),
      ...(problem.field ? { field: problem.field } : {}),
      ...(problem.family ? { family: problem.family } : {}),
      ...(problem.matched !== undefined ? { matched: problem.matched } : {}),
      ...(problem.hint ? { hint: pick(problem.hint, options.language) } : {}),
    })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
