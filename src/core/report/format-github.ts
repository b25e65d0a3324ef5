import { pick, type Language } from '../i18n/language.ts';
import type { Problem } from '../diagnostics/problem.ts';

/**
 * GitHub Actions workflow commands (`::error file=…,line=…::message`), which the runner turns
 * into annotations on the pull request's changed lines.
 */
export function formatGithub(problems: readonly Problem[], options: { language: Language }): string {
  const lines = problems.map((problem) => {
    const properties = [
      `file=${escapeProperty(problem.file)}`,
      `line=${problem.span.start.line}`,
      `col=${problem.span.start.column}`,
      ...(problem.span.end ? [`endLine=${problem.span.end.line}`, `endColumn=${problem.span.end.column}`] : []),
      `title=${escapeProperty(problem.ruleId)}`,
    ];
    const command = problem.severity === 'error' ? 'error' : 'warning';
    // A compliance finding carries its fix hint on a second line of the annotation.
    const hint = problem.hint
      ? `\n${options.language === 'zh-CN' ? '建议：' : 'Fix: '}${pick(problem.hint, options.language)}`
      : '';
    return `::${command} ${properties.join(',')}::${escapeData(pick(problem.message, options.language) + hint)}`;
  });
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

// The escaping rules of the Actions toolkit's command.ts: data escapes %, CR, LF; properties also : and ,.
function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
