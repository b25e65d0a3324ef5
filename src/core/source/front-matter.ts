/**
 * Splits a Markdown file into its YAML front matter and body, keeping line numbers so that
 * every problem in either part points at the right line of the file. (gray-matter's split
 * loses positions and reads an unclosed fence as front matter, so it is not used here.)
 */
export type FrontMatterSplit =
  | { kind: 'ok'; yamlText: string; yamlFirstLine: number; body: string; bodyFirstLine: number; closingLine: number }
  | { kind: 'missing' }
  | { kind: 'unclosed'; lastLine: number };

const OPENING_FENCE = /^---[ \t]*$/;
const CLOSING_FENCE = /^(?:---|\.\.\.)[ \t]*$/gm;

export function splitFrontMatter(source: string): FrontMatterSplit {
  const text = source.includes('\r') ? source.replace(/\r\n?/g, '\n') : source;
  const firstLineEnd = text.indexOf('\n');
  if (!OPENING_FENCE.test(firstLineEnd === -1 ? text : text.slice(0, firstLineEnd))) return { kind: 'missing' };
  const closing = firstLineEnd === -1 ? null : findClosingFence(text, firstLineEnd + 1);
  if (!closing) return { kind: 'unclosed', lastLine: countLines(text, text.length) };
  const closingLine = countLines(text, closing.start);
  const bodyStart = Math.min(closing.end + 1, text.length);
  return {
    kind: 'ok',
    yamlText: text.slice(firstLineEnd + 1, Math.max(firstLineEnd + 1, closing.start - 1)),
    yamlFirstLine: 2,
    body: text.slice(bodyStart),
    bodyFirstLine: closingLine + 1,
    closingLine,
  };
}

function findClosingFence(text: string, from: number): { start: number; end: number } | null {
  CLOSING_FENCE.lastIndex = from;
  const match = CLOSING_FENCE.exec(text);
  return match ? { start: match.index, end: match.index + match[0].length } : null;
}

/** 1-based number of the line on which `offset` sits. */
function countLines(text: string, offset: number): number {
  let lines = 1;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1))
    lines += 1;
  return lines;
}
