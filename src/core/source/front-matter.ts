/**
 * Splits a Markdown file into its YAML front matter and body, keeping line numbers so that
 * every problem in either part points at the right line of the file. (gray-matter's split
 * loses positions and reads an unclosed fence as front matter, so it is not used here.)
 */
export type FrontMatterSplit =
  | { kind: 'ok'; yamlText: string; yamlFirstLine: number; body: string; bodyFirstLine: number; closingLine: number }
  | { kind: 'missing' }
  | { kind: 'unclosed'; lastLine: number };

const FENCE = /^---[ \t]*$/;
const CLOSING_FENCE = /^(---|\.\.\.)[ \t]*$/;

export function splitFrontMatter(source: string): FrontMatterSplit {
  const lines = source.split('\n').map((line) => line.replace(/\r$/, ''));
  if (!FENCE.test(lines[0] ?? '')) return { kind: 'missing' };
  for (let index = 1; index < lines.length; index += 1) {
    if (CLOSING_FENCE.test(lines[index]!)) {
      return {
        kind: 'ok',
        yamlText: lines.slice(1, index).join('\n'),
        yamlFirstLine: 2,
        body: lines.slice(index + 1).join('\n'),
        bodyFirstLine: index + 2,
        closingLine: index + 1,
      };
    }
  }
  return { kind: 'unclosed', lastLine: lines.length };
}
