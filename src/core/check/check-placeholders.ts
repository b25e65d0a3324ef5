import { text } from '../i18n/language.ts';
import type { Repository, SourcedRecord } from '../repository/load-repository.ts';
import type { PathSegment } from '../source/yaml-source.ts';
import { placeholderInValue, placeholdersInBody } from '../templates/placeholders.ts';
import type { Problem } from '../diagnostics/problem.ts';
import { makeProblem } from '../diagnostics/make-problem.ts';

/**
 * Text that `mpflow new` wrote for a person to replace (template/placeholder): left in an
 * article it would be published, left in a record it would be read as what was decided.
 */
export function checkPlaceholders(repository: Repository, problems: Problem[]): void {
  const report = (file: string, found: string, span: Problem['span'], field?: string) =>
    problems.push(
      makeProblem(
        file,
        'template/placeholder',
        text(
          `这里还是 mpflow new 写下的占位文字“${found}”，请换成真实内容。`,
          `This is still the placeholder mpflow new wrote, "${found}"; replace it with the real text.`,
        ),
        span,
        field,
      ),
    );

  for (const article of repository.articles) {
    walkStrings(article.data, [], (value, path) => {
      const found = placeholderInValue(value);
      if (found) report(article.file, found.text, article.locate(path), fieldName(path));
    });
    const placeholders = placeholdersInBody(article.body);
    if (placeholders.length === 0) continue;
    const lineStarts: number[] = [];
    let offset = 0;
    for (const line of article.body.split('\n')) {
      lineStarts.push(offset);
      offset += line.length + 1;
    }
    for (const found of placeholders) {
      let index = lineStarts.length - 1;
      while (index > 0 && lineStarts[index]! > found.offset) index -= 1;
      report(article.file, found.text, {
        start: { line: article.bodyFirstLine + index, column: found.offset - lineStarts[index]! + 1 },
      });
    }
  }

  const records: ReadonlyArray<SourcedRecord<unknown>> = [
    ...repository.topics,
    ...repository.campaigns,
    ...repository.trainingPlans,
    ...repository.trainingRecords,
    ...repository.ratings,
    ...repository.interviews,
    ...(repository.calibrations ?? []),
    ...repository.policies,
  ];
  for (const record of records) {
    walkStrings(record.data, [], (value, path) => {
      const found = placeholderInValue(value);
      if (found) report(record.file, found.text, record.locate(path), fieldName(path));
    });
  }
}

function walkStrings(value: unknown, path: PathSegment[], visit: (value: string, path: PathSegment[]) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) value.forEach((item, index) => walkStrings(item, [...path, index], visit));
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) walkStrings(item, [...path, key], visit);
}

function fieldName(path: readonly PathSegment[]): string {
  return path
    .map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`))
    .join('');
}
