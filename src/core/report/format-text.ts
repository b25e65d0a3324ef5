import { pick, type Language } from '../i18n/language.ts';
import { countBySeverity, type Problem } from '../diagnostics/problem.ts';

export interface TextReportOptions {
  language: Language;
  filesChecked: number;
  color?: boolean;
  /** Compliance findings silenced by reasoned suppression comments. */
  suppressed?: number;
}

/**
 * Problems grouped by file, one line each (`file:line:column  rule-id  message`, which terminals
 * and editors turn into links). A compliance finding also shows its line with the matched text
 * underlined, and the fix hint. Then a one-line summary.
 */
export function formatText(problems: readonly Problem[], options: TextReportOptions): string {
  const paint = (code: string, value: string) => (options.color ? `\u001b[${code}m${value}\u001b[0m` : value);
  const lines: string[] = [];
  let previousFile: string | undefined;
  for (const problem of problems) {
    if (previousFile !== undefined && problem.file !== previousFile) lines.push('');
    previousFile = problem.file;
    const where = `${problem.file}:${problem.span.start.line}:${problem.span.start.column}`;
    const severity = problem.severity === 'error' ? paint('31', problem.ruleId) : paint('33', problem.ruleId);
    const label = problem.severity === 'warning' ? (options.language === 'zh-CN' ? '（警告）' : ' (warning)') : '';
    lines.push(`${paint('1', where)}  ${severity}  ${pick(problem.message, options.language)}${label}`);
    if (problem.lineText !== undefined) {
      const excerpt = underline(problem);
      if (excerpt)
        lines.push(`    ${excerpt.line}`, `    ${paint(problem.severity === 'error' ? '31' : '33', excerpt.marks)}`);
    }
    if (problem.hint)
      lines.push(
        `    ${paint('2', `${options.language === 'zh-CN' ? '建议：' : 'Fix: '}${pick(problem.hint, options.language)}`)}`,
      );
  }
  const summary = formatSummary(problems, options);
  return [...lines, ...(lines.length > 0 ? [''] : []), summary, ''].join('\n');
}

/** Terminal columns of a character: CJK and full-width forms take two. */
function displayWidth(character: string): number {
  const code = character.codePointAt(0)!;
  if (code === 0x09) return 4;
  return (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    code >= 0x1f300
    ? 2
    : 1;
}

/** The line (trimmed to a window around the match on long lines) and a row of ^ under the match. */
function underline(problem: Problem): { line: string; marks: string } | undefined {
  const text = problem.lineText!;
  const start = Math.max(0, problem.span.start.column - 1);
  const sameLine = problem.span.end && problem.span.end.line === problem.span.start.line;
  const end = Math.max(start + 1, Math.min(text.length, sameLine ? problem.span.end!.column - 1 : text.length));
  if (start > text.length) return undefined;
  // Long paragraphs: show about 30 characters either side of the match.
  const from = start > 30 ? start - 30 : 0;
  const to = Math.min(text.length, end + 30);
  const shown = `${from > 0 ? '…' : ''}${text.slice(from, to)}${to < text.length ? '…' : ''}`.replace(/\t/g, '    ');
  let pad = from > 0 ? 1 : 0;
  for (const character of text.slice(from, start)) pad += displayWidth(character);
  let width = 0;
  for (const character of text.slice(start, end)) width += displayWidth(character);
  return { line: shown, marks: `${' '.repeat(pad)}${'^'.repeat(Math.max(1, width))}` };
}

export function formatSummary(
  problems: readonly Problem[],
  options: { language: Language; filesChecked: number; suppressed?: number },
): string {
  const { errors, warnings } = countBySeverity(problems);
  const suppressed = options.suppressed ?? 0;
  const zhSuppressed = suppressed > 0 ? `另有 ${suppressed} 条已按注释豁免。` : '';
  const enSuppressed = suppressed > 0 ? ` ${count(suppressed, 'finding')} suppressed by comments.` : '';
  return options.language === 'zh-CN'
    ? errors + warnings === 0
      ? `✓ 检查了 ${options.filesChecked} 个文件，没有发现问题。${zhSuppressed}`
      : `检查了 ${options.filesChecked} 个文件：${errors} 个错误，${warnings} 个警告。${zhSuppressed}`
    : errors + warnings === 0
      ? `✓ Checked ${count(options.filesChecked, 'file')}; no problems.${enSuppressed}`
      : `Checked ${count(options.filesChecked, 'file')}: ${count(errors, 'error')}, ${count(warnings, 'warning')}.${enSuppressed}`;
}

function count(value: number, noun: string): string {
  return `${value} ${value === 1 ? noun : `${noun}s`}`;
}
