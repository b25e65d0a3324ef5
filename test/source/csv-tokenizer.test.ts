import { describe, expect, it } from 'vitest';
import { parseCsvSource, tokenizeCsv } from '../../src/core/source/csv-source.ts';

// One tokenizer serves the store's files (strict) and the back office's exports (lenient).
describe('the CSV tokenizer', () => {
  it('places every cell, through quoted commas, doubled quotes and line breaks', () => {
    const tokens = tokenizeCsv('标题,阅读\n"茶，与""岩韵""",12\n"两行\n标题",3\n');
    expect(tokens.ok).toBe(true);
    expect(tokens.rows.map((row) => row.cells.map((cell) => [cell.value, cell.line, cell.column]))).toEqual([
      [
        ['标题', 1, 1],
        ['阅读', 1, 4],
      ],
      [
        ['茶，与"岩韵"', 2, 1],
        ['12', 2, 13],
      ],
      [
        ['两行\n标题', 3, 1],
        ['3', 4, 5],
      ],
    ]);
  });

  it('refuses text after a closing quote in a store file, and keeps it in an export', () => {
    const source = 'title,reads\n"岩茶" 2026,5\n';
    const strict = parseCsvSource(source, 'content/metrics/articles/2026-11.csv');
    expect(strict.ok).toBe(false);
    expect(strict.problems.map((problem) => [problem.ruleId, problem.span?.start])).toEqual([
      ['csv/syntax', { line: 2, column: 5 }],
    ]);
    const lenient = tokenizeCsv(source, { afterQuote: 'keep' });
    expect(lenient.ok && lenient.rows[1]!.cells.map((cell) => cell.value)).toEqual(['岩茶 2026', '5']);
  });

  it('splits on tabs when told, keeps blank lines unless told not to, and names an unclosed quote', () => {
    const tabbed = tokenizeCsv('日期\t人数\n\n2026-11-01\t8\n', { delimiter: '\t' });
    expect(tabbed.rows.map((row) => row.cells.map((cell) => cell.value))).toEqual([
      ['日期', '人数'],
      [''],
      ['2026-11-01', '8'],
    ]);
    expect(tokenizeCsv('a\n\nb\n', { skipBlankLines: true }).rows.map((row) => row.line)).toEqual([1, 3]);
    const unclosed = tokenizeCsv('a,"b\n');
    expect(unclosed.ok ? undefined : [unclosed.error.line, unclosed.error.column, unclosed.error.message.en]).toEqual([
      1,
      3,
      'A quoted cell is never closed.',
    ]);
  });
});
