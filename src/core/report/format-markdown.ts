import { pick, type Language } from '../i18n/language.ts';
import { countBySeverity, type Problem } from '../diagnostics/problem.ts';

export interface MarkdownReportOptions {
  language: Language;
  filesChecked: number;
  suppressed?: number;
  /** At most this many problems are listed; the counts always cover all of them. */
  maxRows?: number;
}

/**
 * Marks the summary as mpflow's: the CI workflow writes it to the job summary, and a workflow that
 * posts it as a pull-request comment can find its earlier one by this line and replace it.
 */
const MARKDOWN_MARKER = '<!-- mpflow-check-summary -->';

/** A summary for a pull-request comment: counts by family, then the problems grouped by file. */
export function formatMarkdown(problems: readonly Problem[], options: MarkdownReportOptions): string {
  const zh = options.language === 'zh-CN';
  const { errors, warnings } = countBySeverity(problems);
  const suppressed = options.suppressed ?? 0;
  const maxRows = options.maxRows ?? 200;
  const out: string[] = [MARKDOWN_MARKER];
  const status = errors > 0 ? '❌' : warnings > 0 ? '⚠️' : '✅';
  out.push(
    zh
      ? `### ${status} mpflow 检查：${errors} 个错误，${warnings} 个警告，${suppressed} 条已豁免（共检查 ${options.filesChecked} 个文件）`
      : `### ${status} mpflow check: ${errors} errors, ${warnings} warnings, ${suppressed} suppressed (${options.filesChecked} files checked)`,
    '',
  );
  out.push(
    zh
      ? errors > 0
        ? '有错误时不能合并；警告只作提醒。'
        : '没有阻止合并的错误。'
      : errors > 0
        ? 'Errors block the merge; warnings do not.'
        : 'Nothing blocks the merge.',
    '',
  );
  if (problems.length === 0) return `${out.join('\n')}\n`;

  const byFamily = new Map<string, { errors: number; warnings: number }>();
  for (const problem of problems) {
    const family = problem.family ?? problem.ruleId.split('/')[0]!;
    const entry = byFamily.get(family) ?? { errors: 0, warnings: 0 };
    if (problem.severity === 'error') entry.errors += 1;
    else entry.warnings += 1;
    byFamily.set(family, entry);
  }
  out.push(zh ? '| 类别 | 错误 | 警告 |' : '| Family | Errors | Warnings |', '| --- | ---: | ---: |');
  for (const [family, counts] of [...byFamily].sort((a, b) => b[1].errors - a[1].errors || (a[0] < b[0] ? -1 : 1)))
    out.push(`| \`${family}\` | ${counts.errors} | ${counts.warnings} |`);
  out.push('');

  const byFile = new Map<string, Problem[]>();
  for (const problem of problems) byFile.set(problem.file, [...(byFile.get(problem.file) ?? []), problem]);
  let shown = 0;
  for (const [file, fileProblems] of byFile) {
    if (shown >= maxRows) break;
    const fileErrors = fileProblems.filter((problem) => problem.severity === 'error').length;
    out.push(
      `<details${fileErrors > 0 ? ' open' : ''}><summary><code>${escapeHtml(file)}</code> — ${zh ? `${fileErrors} 个错误，${fileProblems.length - fileErrors} 个警告` : `${fileErrors} errors, ${fileProblems.length - fileErrors} warnings`}</summary>`,
      '',
    );
    out.push(
      zh ? '| 行:列 | 规则 | 说明 | 建议 |' : '| Line:col | Rule | Message | Fix |',
      '| --- | --- | --- | --- |',
    );
    for (const problem of fileProblems) {
      if (shown >= maxRows) break;
      shown += 1;
      const icon = problem.severity === 'error' ? '❌' : '⚠️';
      out.push(
        `| ${problem.span.start.line}:${problem.span.start.column} | ${icon} \`${problem.ruleId}\` | ${cell(pick(problem.message, options.language))} | ${problem.hint ? cell(pick(problem.hint, options.language)) : ''} |`,
      );
    }
    out.push('', '</details>', '');
  }
  if (shown < problems.length)
    out.push(
      zh
        ? `还有 ${problems.length - shown} 条未列出，完整结果见检查日志。`
        : `${problems.length - shown} more not listed; see the check log for all of them.`,
      '',
    );
  return `${out.join('\n')}\n`;
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text in a table cell: no pipes or line breaks, no HTML, no accidental mentions. */
function cell(value: string): string {
  return escapeHtml(value).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/@/g, '@\u200b');
}
