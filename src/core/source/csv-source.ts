import { text } from '../i18n/language.ts';
import type { Problem } from '../diagnostics/problem.ts';
import { makeProblem } from '../diagnostics/make-problem.ts';

export interface CsvCell {
  value: string;
  line: number;
  column: number;
}

export interface CsvRow {
  line: number;
  cells: CsvCell[];
}

export interface CsvSource {
  file: string;
  header: CsvCell[];
  rows: CsvRow[];
}

export type CsvParseResult = { ok: true; source: CsvSource; problems: Problem[] } | { ok: false; problems: Problem[] };

/**
 * RFC 4180 CSV with the position of every cell. The metrics files are machine-written, but
 * people open them in spreadsheets, so quoted cells, CRLF and a trailing newline are accepted.
 */
export function parseCsvSource(source: string, file: string): CsvParseResult {
  const records: CsvRow[] = [];
  const problems: Problem[] = [];
  let line = 1;
  let column = 1;
  let index = 0;
  let row: CsvCell[] = [];
  let rowLine = 1;

  while (index <= source.length) {
    const cellLine = line;
    const cellColumn = column;
    let value = '';
    const quoted = source[index] === '"';
    if (quoted) {
      index += 1;
      column += 1;
      let closed = false;
      while (index < source.length) {
        const character = source[index]!;
        if (character === '"') {
          if (source[index + 1] === '"') {
            value += '"';
            index += 2;
            column += 2;
            continue;
          }
          index += 1;
          column += 1;
          closed = true;
          break;
        }
        value += character;
        index += 1;
        if (character === '\n') {
          line += 1;
          column = 1;
        } else {
          column += 1;
        }
      }
      if (!closed) {
        problems.push(
          makeProblem(file, 'csv/syntax', text('引号没有闭合。', 'A quoted cell is never closed.'), {
            start: { line: cellLine, column: cellColumn },
          }),
        );
        return { ok: false, problems };
      }
      const next = source[index];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        problems.push(
          makeProblem(
            file,
            'csv/syntax',
            text('引号后面只能是逗号或换行。', 'Only a comma or a line break may follow a closing quote.'),
            { start: { line, column } },
          ),
        );
        return { ok: false, problems };
      }
    } else {
      while (index < source.length && source[index] !== ',' && source[index] !== '\n' && source[index] !== '\r') {
        value += source[index];
        index += 1;
        column += 1;
      }
    }
    row.push({ value, line: cellLine, column: cellColumn });
    const separator = source[index];
    if (separator === ',') {
      index += 1;
      column += 1;
      continue;
    }
    if (separator === '\r') index += 1;
    index += 1;
    const isBlankLine = row.length === 1 && value === '' && !quoted;
    if (!isBlankLine) records.push({ line: rowLine, cells: row });
    row = [];
    line += 1;
    column = 1;
    rowLine = line;
    if (index >= source.length) break;
  }

  const [headerRow, ...rows] = records;
  if (!headerRow) {
    return { ok: false, problems: [makeProblem(file, 'file/empty', text('文件是空的。', 'The file is empty.'))] };
  }
  const width = headerRow.cells.length;
  const wellFormed: CsvRow[] = [];
  for (const candidate of rows) {
    if (candidate.cells.length !== width) {
      const last = candidate.cells[candidate.cells.length - 1]!;
      problems.push(
        makeProblem(
          file,
          'csv/syntax',
          text(
            `这一行有 ${candidate.cells.length} 列，表头有 ${width} 列。`,
            `This row has ${candidate.cells.length} cells; the header has ${width}.`,
          ),
          {
            start: { line: candidate.line, column: 1 },
            end: { line: candidate.line, column: last.column + last.value.length },
          },
        ),
      );
      continue;
    }
    wellFormed.push(candidate);
  }
  return { ok: true, source: { file, header: headerRow.cells, rows: wellFormed }, problems };
}

/**
 * The `csv/header` problem when a table's header is not exactly the expected columns in order,
 * placed on the first cell that differs (the last one when the header is short).
 */
export function headerProblem(
  file: string,
  header: readonly CsvCell[],
  expected: readonly string[],
): Problem | undefined {
  const actual = header.map((cell) => cell.value.trim());
  if (actual.join(',') === expected.join(',')) return undefined;
  const firstDifference = expected.findIndex((name, index) => actual[index] !== name);
  const cell = header[firstDifference] ?? header[header.length - 1]!;
  return makeProblem(
    file,
    'csv/header',
    text(
      `表头应为 ${expected.join(',')}，实际是 ${actual.join(',')}。`,
      `The header should be ${expected.join(',')}; it is ${actual.join(',')}.`,
    ),
    { start: { line: cell.line, column: cell.column } },
  );
}
