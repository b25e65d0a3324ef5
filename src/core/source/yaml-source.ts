import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { text } from '../i18n/language.ts';
import type { Problem, Span } from '../check/problem.ts';
import { makeProblem } from '../check/make-problem.ts';

export type PathSegment = string | number;

/** A parsed YAML text that still knows where every value came from. */
export interface YamlSource {
  file: string;
  document: Document.Parsed;
  lineCounter: LineCounter;
  /** Line of the file on which the YAML text starts (front matter starts on line 2). */
  firstLine: number;
  data: unknown;
}

export type YamlParseResult = { ok: true; source: YamlSource } | { ok: false; problems: Problem[] };

export function parseYamlSource(yamlText: string, file: string, firstLine = 1): YamlParseResult {
  const lineCounter = new LineCounter();
  const document = parseDocument(yamlText, { lineCounter, prettyErrors: true, uniqueKeys: true, version: '1.2' });
  if (document.errors.length > 0) {
    const problems = document.errors.map((error) => {
      const [start, end] = error.linePos ?? [{ line: 1, col: 1 }];
      const span: Span = {
        start: { line: start.line + firstLine - 1, column: start.col },
        ...(end ? { end: { line: end.line + firstLine - 1, column: end.col } } : {}),
      };
      const detail = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      const openQuote = error.code === 'MISSING_CHAR' && /quote/.test(detail) ? findUnclosedQuote(yamlText) : undefined;
      if (openQuote) {
        return makeProblem(
          file,
          'yaml/syntax',
          text(`这里的引号没有闭合（${openQuote.quote} 开头，却没有对应的结尾引号）。`, `This quote is never closed (it opens with ${openQuote.quote} and has no closing quote).`),
          { start: { line: openQuote.line + firstLine - 1, column: openQuote.column } },
        );
      }
      if (error.code === 'DUPLICATE_KEY') {
        return makeProblem(file, 'yaml/duplicate-key', text(`同一层级里有重复的字段（${detail}）。`, `A key is repeated in the same mapping (${detail}).`), span);
      }
      return makeProblem(file, 'yaml/syntax', text(`YAML 无法解析：${detail}`, `The YAML cannot be parsed: ${detail}`), span);
    });
    return { ok: false, problems };
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      problems: [makeProblem(file, 'yaml/syntax', text(`YAML 无法解析：${detail}`, `The YAML cannot be parsed: ${detail}`), { start: { line: firstLine, column: 1 } })],
    };
  }
  return { ok: true, source: { file, document, lineCounter, firstLine, data } };
}

/**
 * Where a value (or, with `at: 'key'`, its key) sits in the file. Falls back to the nearest
 * ancestor that exists, so a problem always points somewhere useful.
 */
export function locateInYaml(source: YamlSource, path: readonly PathSegment[], at: 'value' | 'key' = 'value'): Span {
  let node: Node | null = source.document.contents as Node | null;
  let keyNode: Node | null = null;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      keyNode = pair.key as Node;
      node = (pair.value as Node | null) ?? keyNode;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      keyNode = null;
      node = item;
    } else {
      break;
    }
  }
  const target = at === 'key' && keyNode ? keyNode : node;
  if (!target?.range) return { start: { line: source.firstLine, column: 1 } };
  return spanOfRange(source, target.range[0], target.range[1]);
}

export function spanOfRange(source: YamlSource, startOffset: number, endOffset: number): Span {
  const start = source.lineCounter.linePos(startOffset);
  const end = source.lineCounter.linePos(endOffset);
  return {
    start: { line: start.line + source.firstLine - 1, column: start.col },
    end: { line: end.line + source.firstLine - 1, column: end.col },
  };
}

/**
 * The yaml parser reports an unclosed quote at the end of the file, far from the mistake.
 * The first value that opens a quote and does not close it on its own line is almost always it.
 */
function findUnclosedQuote(yamlText: string): { line: number; column: number; quote: string } | undefined {
  const lines = yamlText.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const match = /^(\s*(?:-\s+)?(?:[^\s#"'][^:#]*:\s+)?)(["'])/.exec(lines[index]!);
    if (!match) continue;
    const quote = match[2]!;
    const rest = lines[index]!.slice(match[1]!.length + 1);
    const closed = quote === '"' ? /(^|[^\\])(\\\\)*"/.test(rest) : rest.replace(/''/g, '').includes("'");
    if (!closed) return { line: index + 1, column: match[1]!.length + 1, quote };
  }
  return undefined;
}
