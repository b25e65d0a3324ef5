/** A row of a CSV table as the record the schema validates, and where each of its fields stands. */
import type { Span } from '../diagnostics/problem.ts';
import type { Locator } from '../model/validate-record.ts';
import type { CsvCell, CsvRow } from '../source/csv-source.ts';
import type { PathSegment } from '../source/yaml-source.ts';

/** A field's cell, or the row's first column when the row has no cell for it. */
export function cellSpan(
  cellsByName: ReadonlyMap<string, CsvCell>,
  segments: readonly PathSegment[],
  line: number,
): Span {
  const cell = cellsByName.get(String(segments[0] ?? ''));
  if (!cell) return { start: { line, column: 1 } };
  return {
    start: { line: cell.line, column: cell.column },
    end: { line: cell.line, column: cell.column + cell.value.length },
  };
}

/**
 * The row by column name, an empty cell left out and every other read by `coerce` (CSV cells are
 * text: the table decides which become numbers), with a locator pointing at a field's cell.
 */
export function csvRowRecord(
  row: CsvRow,
  columns: readonly string[],
  coerce: (value: string, column: string) => unknown,
): { data: Record<string, unknown>; locate: Locator } {
  const data: Record<string, unknown> = {};
  const cellsByName = new Map<string, CsvCell>();
  row.cells.forEach((cell, index) => {
    const name = columns[index]!;
    cellsByName.set(name, cell);
    if (cell.value === '') return;
    data[name] = coerce(cell.value, name);
  });
  return { data, locate: (segments) => cellSpan(cellsByName, segments, row.line) };
}
