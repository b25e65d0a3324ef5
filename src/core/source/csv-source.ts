import { text, type LocalizedText } from '../i18n/language.ts';
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

export interface CsvTokenizeOptions {
  /** The column separator: a comma, or a tab for Excel's "Unicode text". */
  delimiter?: string;
  /**
   * Text between a closing quote and the next separator: refused as RFC 4180 says (the store's
   * files), or kept as part of the cell (Excel leaves some in the back office's exports).
   */
  afterQuote?: 'refuse' | 'keep';
  /** Leave out lines with nothing on them (a quoted empty cell is something). */
  skipBlankLines?: boolean;
}

export type CsvTokens =
  | { ok: true; rows: CsvRow[] }
  | { ok: false; rows: CsvRow[]; error: { line: number; column: number; message: LocalizedText } };

function endsCell(character: string | undefined, delimiter: string): boolean {
  return character === delimiter || character === '\n' || character === '\r';
}

/**
 * The one CSV tokenizer: rows of cells of any width, with the line and column of every cell.
 * Quoted cells may hold separators, doubled quotes and line breaks; lines end with LF or CRLF.
 */
export function tokenizeCsv(source: string, options: CsvTokenizeOptions = {}): CsvTokens {
  const delimiter = options.delimiter ?? ',';
  const keepAfterQuote = options.afterQuote === 'keep';
  const records: CsvRow[] = [];
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
        const message = text('引号没有闭合。', 'A quoted cell is never closed.');
        return { ok: false, rows: records, error: { line: cellLine, column: cellColumn, message } };
      }
      const next = source[index];
      if (next !== undefined && !endsCell(next, delimiter)) {
        if (!keepAfterQuote) {
          const message = text(
            '引号后面只能是逗号或换行。',
            'Only a comma or a line break may follow a closing quote.',
          );
          return { ok: false, rows: records, error: { line, column, message } };
        }
        while (index < source.length && !endsCell(source[index], delimiter)) {
          value += source[index];
          index += 1;
          column += 1;
        }
      }
    } else {
      // The hot loop of every metrics file: the three comparisons written out, not a function call.
      let character = source[index];
      while (character !== undefined && character !== delimiter && character !== '\n' && character !== '\r') {
        value += character;
        index += 1;
        column += 1;
        character = source[index];
      }
    }
    row.push({ value, line: cellLine, column: cellColumn });
    const separator = source[index];
    if (separator === delimiter) {
      index += 1;
      column += 1;
      continue;
    }
    if (separator === '\r') index += 1;
    index += 1;
    const isBlankLine = row.length === 1 && value === '' && !quoted;
    if (!(isBlankLine && options.skipBlankLines)) records.push({ line: rowLine, cells: row });
    row = [];
    line += 1;
    column = 1;
    rowLine = line;
    if (index >= source.length) break;
  }
  return { ok: true, rows: records };
}

/**
 * RFC 4180 CSV with the position of every cell. The metrics files are machine-written, but
 * people open them in spreadsheets, so quoted cells, CRLF and a trailing newline are accepted.
 */
export function parseCsvSource(source: string, file: string): CsvParseResult {
  const tokens = tokenizeCsv(source, { skipBlankLines: true });
  if (!tokens.ok) {
    const { line, column, message } = tokens.error;
    return { ok: false, problems: [makeProblem(file, 'csv/syntax', message, { start: { line, column } })] };
  }
  const records = tokens.rows;
  const problems: Problem[] = [];
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
