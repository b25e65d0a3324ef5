import type { Position } from '../diagnostics/problem.ts';

/** 1-based line and column of a UTF-16 offset in `source`. */
export function positionAt(source: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, source.length);
  for (let index = source.indexOf('\n'); index !== -1 && index < end; index = source.indexOf('\n', index + 1)) {
    line += 1;
    lineStart = index + 1;
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * positionAt for many offsets into one text: the line starts are found once, and each offset is
 * then placed by binary search (an article with hundreds of findings is not rescanned for each).
 */
export function positionsIn(source: string): (offset: number) => Position {
  const lineStarts = [0];
  for (let index = source.indexOf('\n'); index !== -1; index = source.indexOf('\n', index + 1))
    lineStarts.push(index + 1);
  return (offset) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low]! + 1 };
  };
}
