import { createRequire } from 'node:module';
import type { Document, LineCounter, Node } from 'yaml';

// The YAML parser (72 modules) is loaded on the first parse: a check whose files all come from
// the check cache never parses YAML.
const require = createRequire(import.meta.url);
let yamlModule: typeof import('yaml') | undefined;
const yaml = (): typeof import('yaml') => (yamlModule ??= require('yaml') as typeof import('yaml'));
import { text, type LocalizedText } from '../i18n/language.ts';
import type { Problem, Span } from '../diagnostics/problem.ts';
import { makeProblem } from '../diagnostics/make-problem.ts';

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
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  // Merge keys (<<: *defaults) are YAML 1.1, but editors and people use them everywhere.
  const document = parseDocument(yamlText, {
    lineCounter,
    prettyErrors: true,
    uniqueKeys: true,
    version: '1.2',
    merge: true,
    logLevel: 'error',
  });
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
          text(
            `这里的引号没有闭合（${openQuote.quote} 开头，却没有对应的结尾引号）。`,
            `This quote is never closed (it opens with ${openQuote.quote} and has no closing quote).`,
          ),
          { start: { line: openQuote.line + firstLine - 1, column: openQuote.column } },
        );
      }
      if (error.code === 'DUPLICATE_KEY') {
        const key = keyAt(yamlText, error.pos[0]);
        return makeProblem(
          file,
          'yaml/duplicate-key',
          text(`字段 ${key} 在同一层级里出现了两次。`, `The key ${key} appears twice in the same mapping.`),
          span,
        );
      }
      const unclosedFlow =
        /must be sufficiently indented and end with a ([\]}])/.exec(detail) ??
        (error.code === 'MISSING_CHAR' ? /Expected (?:a )?([\]}])/.exec(detail) : null);
      if (unclosedFlow) {
        const closer = unclosedFlow[1]!;
        const opening = findUnclosedFlow(yamlText, closer === ']' ? '[' : '{');
        return makeProblem(
          file,
          'yaml/syntax',
          text(
            `这里的 ${closer === ']' ? '[' : '{'} 没有对应的 ${closer}。`,
            `This ${closer === ']' ? '[' : '{'} is never closed with ${closer}.`,
          ),
          opening ? { start: { line: opening.line + firstLine - 1, column: opening.column } } : span,
        );
      }
      const known = YAML_ERRORS[error.code];
      const message = known ?? text(`YAML 无法解析：${detail}`, `The YAML cannot be parsed: ${detail}`);
      return makeProblem(file, 'yaml/syntax', message, span);
    });
    return { ok: false, problems };
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // toJS throws for an alias with no anchor, or aliases that expand without bound ("billion laughs").
    const detail = error instanceof Error ? error.message : String(error);
    const message = /Unresolved alias/i.test(detail)
      ? YAML_ERRORS.BAD_ALIAS!
      : /alias/i.test(detail)
        ? text(
            '别名（*引用）展开得太多，文件会大得无法处理；请直接写出内容。',
            'Aliases (*references) expand too far for the file to be read; write the values out instead.',
          )
        : text(`YAML 无法解析：${detail}`, `The YAML cannot be parsed: ${detail}`);
    return {
      ok: false,
      problems: [makeProblem(file, 'yaml/syntax', message, { start: { line: firstLine, column: 1 } })],
    };
  }
  const selfReference = findSelfReferencingAlias(document);
  if (selfReference) {
    return {
      ok: false,
      problems: [
        makeProblem(
          file,
          'yaml/syntax',
          text(
            `别名 *${selfReference.name} 指向包含它自己的内容，形成循环。`,
            `The alias *${selfReference.name} points to a value that contains it, a loop.`,
          ),
          spanOfRange(
            { file, document, lineCounter, firstLine, data: undefined },
            selfReference.range[0],
            selfReference.range[1],
          ),
        ),
      ],
    };
  }
  return { ok: true, source: { file, document, lineCounter, firstLine, data } };
}

/** An alias inside the very node its anchor names, which would make the data endless. */
function findSelfReferencingAlias(document: Document.Parsed): { name: string; range: [number, number] } | undefined {
  const { visit } = yaml();
  const anchors = new Map<string, [number, number]>();
  let found: { name: string; range: [number, number] } | undefined;
  visit(document, {
    Node(_key, node) {
      if (node.anchor && node.range) anchors.set(node.anchor, [node.range[0], node.range[2]]);
    },
  });
  visit(document, {
    Alias(_key, node) {
      const target = anchors.get(node.source);
      if (target && node.range && node.range[0] >= target[0] && node.range[0] < target[1]) {
        found = { name: node.source, range: [node.range[0], node.range[1]] };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * Where a value (or, with `at: 'key'`, its key) sits in the file. Falls back to the nearest
 * ancestor that exists, so a problem always points somewhere useful.
 */
export function locateInYaml(source: YamlSource, path: readonly PathSegment[], at: 'value' | 'key' = 'value'): Span {
  const { isMap, isPair, isScalar, isSeq } = yaml();
  let node: Node | null = source.document.contents as Node | null;
  let keyNode: Node | null = null;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment),
      );
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

/** Plain words for the YAML mistakes people actually make; the rest keep the parser's message. */
const YAML_ERRORS: Partial<Record<string, LocalizedText>> = {
  TAB_AS_INDENT: text('YAML 不能用 Tab 缩进，请改用空格。', 'YAML cannot be indented with tabs; use spaces.'),
  MULTIPLE_DOCS: text(
    '文件里有多个 YAML 文档（多了一行 ---），一个文件只能有一个。',
    'The file holds more than one YAML document (an extra --- line); one file, one document.',
  ),
  BAD_INDENT: text('缩进不对：同一层级的字段要对齐。', 'Wrong indentation: keys of the same level must line up.'),
  MISSING_CHAR: text('缺少一个结束符号（引号、括号或方括号）。', 'A closing quote, brace or bracket is missing.'),
  BLOCK_AS_IMPLICIT_KEY: text(
    '这里缺少冒号后的空格，或者缩进不对。',
    'A space after a colon is missing here, or the indentation is wrong.',
  ),
  MULTILINE_IMPLICIT_KEY: text(
    '字段名不能跨行；检查上一行是否少了冒号或引号。',
    'A key cannot span lines; check the line above for a missing colon or quote.',
  ),
  UNEXPECTED_TOKEN: text('这里有一个 YAML 读不懂的符号。', 'YAML does not expect this character here.'),
  BAD_ALIAS: text('引用（*名称）找不到对应的锚点（&名称）。', 'This alias (*name) has no matching anchor (&name).'),
};

function keyAt(source: string, offset: number): string {
  const key =
    /^\s*(?:-\s+)?("[^"]*"|'[^']*'|[^:#\n]+?)\s*:/.exec(source.slice(offset, offset + 200))?.[1] ??
    source.slice(offset, offset + 20).split('\n')[0]!;
  return key.trim();
}

/** The first line whose flow collection opens with `opener` and does not close on that line. */
function findUnclosedFlow(yamlText: string, opener: '[' | '{'): { line: number; column: number } | undefined {
  const closer = opener === '[' ? ']' : '}';
  const lines = yamlText.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    const start = line.search(opener === '[' ? /(?:^|[:-]\s+)\[/ : /(?:^|[:-]\s+)\{/);
    if (start === -1) continue;
    const column = line.indexOf(opener, start);
    let depth = 0;
    for (const character of line.slice(column)) {
      if (character === opener) depth += 1;
      else if (character === closer) depth -= 1;
    }
    if (depth > 0) return { line: index + 1, column: column + 1 };
  }
  return undefined;
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
