import { pick, type Language } from '../i18n/language.ts';
import { countBySeverity, type Problem } from '../check/problem.ts';

export interface TextReportOptions {
  language: Language;
  filesChecked: number;
  color?: boolean;
}

/** One line per problem, `file:line:column  rule-id  message`, then a one-line summary. */
export function formatText(problems: readonly Problem[], options: TextReportOptions): string {
  const paint = (code: string, value: string) => (options.color ? `\u001b[${code}m${value}\u001b[0m` : value);
  const lines = problems.map((problem) => {
    const where = `${problem.file}:${problem.span.start.line}:${problem.span.start.column}`;
    const severity = problem.severity === 'error' ? paint('31', problem.ruleId) : paint('33', problem.ruleId);
    const label = problem.severity === 'warning' ? (options.language === 'zh-CN' ? '（警告）' : ' (warning)') : '';
    return `${paint('1', where)}  ${severity}  ${pick(problem.message, options.language)}${label}`;
  });
  const summary = formatSummary(problems, options);
  return [...lines, ...(lines.length > 0 ? [''] : []), summary, ''].join('\n');
}

export function formatSummary(problems: readonly Problem[], options: { language: Language; filesChecked: number }): string {
  const { errors, warnings } = countBySeverity(problems);
  return options.language === 'zh-CN'
      ? errors + warnings === 0
        ? `✓ 检查了 ${options.filesChecked} 个文件，没有发现问题。`
        : `检查了 ${options.filesChecked} 个文件：${errors} 个错误，${warnings} 个警告。`
      : errors + warnings === 0
        ? `✓ Checked ${count(options.filesChecked, 'file')}; no problems.`
        : `Checked ${count(options.filesChecked, 'file')}: ${count(errors, 'error')}, ${count(warnings, 'warning')}.`;
}

function count(value: number, noun: string): string {
  return `${value} ${value === 1 ? noun : `${noun}s`}`;
}
