import { pick, type Language } from '../i18n/language.ts';
import { countBySeverity, type Problem } from '../check/problem.ts';

export function formatJson(problems: readonly Problem[], options: { language: Language; filesChecked: number }): string {
  const { errors, warnings } = countBySeverity(problems);
  const report = {
    summary: { filesChecked: options.filesChecked, errors, warnings },
    problems: problems.map((problem) => ({
      file: problem.file,
      line: problem.span.start.line,
      column: problem.span.start.column,
      ...(problem.span.end ? { endLine: problem.span.end.line, endColumn: problem.span.end.column } : {}),
      ruleId: problem.ruleId,
      severity: problem.severity,
      message: pick(problem.message, options.language),
      ...(problem.field ? { field: problem.field } : {}),
    })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
