/**
 * Reading a back-office export's rows, shared by the importers of its five kinds: where the
 * header is, which column is which, the data rows without blank and total lines, and a cell as a
 * date or a count, each problem placed at its file, line and column.
 */
import { text, type LocalizedText } from '../i18n/language.ts';
import { tokenizeCsv, type CsvCell, type CsvRow } from '../source/csv-source.ts';
import { normaliseHeader, parseExportDate, toSimplified } from './export-text.ts';
import type { Repository } from '../repository/load-repository.ts';
import type { Cells, MetricBatch } from './storage.ts';

export interface ExportMessage {
  /** Set on notices that are given once per file. */
  code?: 'excel-date';
  file: string;
  line?: number;
  column?: number;
  message: LocalizedText;
}

export class ExportImportError extends Error {
  readonly problems: ExportMessage[];
  constructor(problems: ExportMessage[]) {
    super(problems.map((problem) => `${where(problem)}: ${problem.message.en}`).join('\n'));
    this.name = 'ExportImportError';
    this.problems = problems;
  }
}

export function where(message: ExportMessage): string {
  return `${message.file}${message.line !== undefined ? `:${message.line}` : ''}${message.column !== undefined ? `:${message.column}` : ''}`;
}

export interface ExportImportOptions {
  /** Snapshot date for an audience export without a date column; default the day before `today`. */
  snapshotDate?: string;
  /** Today in the department's time zone (YYYY-MM-DD). */
  today: string;
}

const TOTAL_ROW = new Set(['合计', '总计', '汇总', '总和', '全部', 'total', 'sum']);

export function findColumn(header: CsvCell[], names: readonly string[]): number {
  const normalised = header.map((cell) => normaliseHeader(cell.value));
  for (const name of names) {
    const index = normalised.indexOf(name);
    if (index !== -1) return index;
  }
  return -1;
}

export interface Located {
  header: CsvCell[];
  rows: CsvRow[];
  headerLine: number;
}

/** What each kind's importer is given: the export's table and file, the repository it adds to, and where notices go. */
export interface ExportInput {
  located: Located;
  file: string;
  repository: Repository;
  options: ExportImportOptions;
  notices: ExportMessage[];
}

/** What each kind's importer answers: the rows to store, and how many rows of the export it read. */
export interface ImportedExport {
  batch: MetricBatch;
  rows: number;
}

/** The header is the first row (of the first ten) naming a known column: exports may start with a title line. */
export function locateHeader(rows: CsvRow[], known: readonly string[]): Located | undefined {
  for (let index = 0; index < Math.min(rows.length, 10); index += 1) {
    const row = rows[index]!;
    if (row.cells.some((cell) => known.includes(normaliseHeader(cell.value))))
      return { header: row.cells, rows: rows.slice(index + 1), headerLine: row.line };
  }
  return undefined;
}

/**
 * CSV rows of any width with the position of every cell. The store's parser insists on one width,
 * but exports open with a title line and end with notes, so every row is kept as it is, and text
 * Excel sometimes leaves after a closing quote stays in the cell rather than failing the export.
 */
export function csvRows(source: string, file: string, delimiter = ','): { rows: CsvRow[]; problems: ExportMessage[] } {
  const tokens = tokenizeCsv(source, { delimiter, afterQuote: 'keep' });
  if (tokens.ok) return { rows: tokens.rows, problems: [] };
  const { line, column, message } = tokens.error;
  return { rows: tokens.rows, problems: [{ file, line, column, message }] };
}

/** The header of a table as one line for a message: at most 12 cells, each at most 20 characters, never control characters. */
export function shownHeader(cells: readonly CsvCell[]): string {
  const shown = cells
    .map((cell) => cell.value.replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, '').trim())
    .filter((value) => value !== '')
    .slice(0, 12)
    .map((value) => ([...value].length > 20 ? `${[...value].slice(0, 19).join('')}…` : value));
  return shown.join(', ') + (cells.filter((cell) => cell.value.trim() !== '').length > 12 ? ', …' : '');
}

export interface Columns {
  [field: string]: number;
}

/** Finds the named columns; a missing required one is an error naming it and the header line. */
export function resolveColumns(
  located: Located,
  file: string,
  spec: Record<string, readonly string[]>,
  required: readonly string[],
  problems: ExportMessage[],
): Columns {
  const columns: Columns = {};
  for (const [field, names] of Object.entries(spec)) {
    const index = findColumn(located.header, names);
    if (index !== -1) columns[field] = index;
    else if (required.includes(field)) {
      const also = names.slice(1).join('、');
      problems.push({
        file,
        line: located.headerLine,
        message: text(
          `缺少“${names[0]}”列${also ? `（也认：${also}）` : ''}。表头是：${located.header.map((cell) => cell.value).join(', ')}。`,
          `The column "${names[0]}" is missing${also ? ` (also accepted: ${names.slice(1).join(', ')})` : ''}. The header is: ${located.header.map((cell) => cell.value).join(', ')}.`,
        ),
      });
    }
  }
  return columns;
}

/** The named columns of an export, which cannot be imported when a required one is missing. */
export function requireColumns(
  located: Located,
  file: string,
  spec: Record<string, readonly string[]>,
  required: readonly string[],
): Columns {
  const problems: ExportMessage[] = [];
  const columns = resolveColumns(located, file, spec, required, problems);
  if (problems.length > 0) throw new ExportImportError(problems);
  return columns;
}

/**
 * Files a row under its key. A second row with the same key and the same figures (an export with
 * a block pasted twice) is skipped with a notice; with different figures it is an error, since
 * mpflow cannot tell which one is right. Returns whether the row was kept.
 */
export function keepRow(
  rows: Map<string, Cells>,
  key: string,
  cells: Cells,
  row: CsvRow,
  file: string,
  what: LocalizedText,
  problems: ExportMessage[],
  notices: ExportMessage[],
): boolean {
  const earlier = rows.get(key);
  if (!earlier) {
    rows.set(key, cells);
    firstLines.set(cells, row.line);
    return true;
  }
  const line = firstLines.get(earlier);
  const same = Object.keys(cells).every((field) => String(cells[field]) === String(earlier[field]));
  if (same)
    notices.push({
      file,
      line: row.line,
      message: text(
        `${what.zh}与第 ${line} 行完全相同，已跳过重复的这一行。`,
        `${what.en} repeats line ${line} exactly; the repeated row was skipped.`,
      ),
    });
  else
    problems.push({
      file,
      line: row.line,
      message: text(
        `${what.zh}出现了两次（另见第 ${line} 行），数字不同，无法判断哪一行对。`,
        `${what.en} appears twice (see also line ${line}) with different figures; mpflow cannot tell which is right.`,
      ),
    });
  return false;
}

/** The line each kept row came from, for the duplicate message. */
const firstLines = new WeakMap<Cells, number>();

export function isTotalRow(row: CsvRow): boolean {
  const first = row.cells.find((cell) => cell.value.trim() !== '');
  if (first === undefined) return false;
  const value = toSimplified(first.value.trim()).toLowerCase();
  // 合计, and also 合计：, 总计（11月）, Total: — never a title that merely starts with 全部.
  return TOTAL_ROW.has(value) || /^(?:合计|总计|汇总|总和|total|sum)\s*[:：（(]/.test(value);
}

export function isBlank(row: CsvRow): boolean {
  return row.cells.every((cell) => cell.value.trim() === '');
}

/** Reads the table rows, skipping blank and total rows (with a notice for totals). */
export function dataRows(located: Located, file: string, notices: ExportMessage[]): CsvRow[] {
  const rows: CsvRow[] = [];
  for (const row of located.rows) {
    if (isBlank(row)) continue;
    if (isTotalRow(row)) {
      notices.push({
        file,
        line: row.line,
        message: text(
          `跳过了合计行“${row.cells.find((cell) => cell.value.trim())!.value.trim()}”。`,
          `Skipped the total row "${row.cells.find((cell) => cell.value.trim())!.value.trim()}".`,
        ),
      });
      continue;
    }
    rows.push(row);
  }
  return rows;
}

export function cellAt(row: CsvRow, index: number): CsvCell {
  return row.cells[index] ?? { value: '', line: row.line, column: (row.cells[row.cells.length - 1]?.column ?? 1) + 1 };
}

export function readDate(
  row: CsvRow,
  index: number,
  file: string,
  problems: ExportMessage[],
  notices: ExportMessage[],
): string | undefined {
  const cell = cellAt(row, index);
  const date = parseExportDate(cell.value);
  // Say once per file that Excel's day numbers were read as dates, with the first as an example to check.
  if (
    date &&
    /^\d{5}(\.0+)?$/.test(cell.value.trim()) &&
    !notices.some((notice) => notice.code === 'excel-date' && notice.file === file)
  ) {
    notices.push({
      code: 'excel-date',
      file,
      line: cell.line,
      column: cell.column,
      message: text(
        `日期列是 Excel 日期序号，已按日期读取（如 ${cell.value.trim()} 即 ${date}）。`,
        `The date column holds Excel date numbers; they were read as dates (${cell.value.trim()} is ${date}).`,
      ),
    });
  }
  if (!date) {
    problems.push({
      file,
      line: cell.line,
      column: cell.column,
      message: text(
        `“${cell.value}”不是可识别的日期（例如 2026-11-01、2026/11/1、2026年11月1日或 Excel 日期序号）。`,
        `"${cell.value}" is not a date mpflow can read (e.g. 2026-11-01, 2026/11/1, 2026年11月1日 or an Excel date number).`,
      ),
    });
  }
  return date;
}

export function readCount(
  row: CsvRow,
  index: number | undefined,
  file: string,
  problems: ExportMessage[],
  header: string,
): number {
  if (index === undefined) return 0;
  const cell = cellAt(row, index);
  const value = cell.value.trim().replace(/[,，\s]/g, '');
  if (value === '' || value === '-' || value === '--') return 0;
  if (/^\d+(\.0+)?$/.test(value)) return Number(value);
  problems.push({
    file,
    line: cell.line,
    column: cell.column,
    message: text(
      `“${header}”应是人数或次数（非负整数），这里是“${cell.value}”。`,
      `"${header}" should be a count (a whole number ≥ 0); it is "${cell.value}".`,
    ),
  });
  return 0;
}
