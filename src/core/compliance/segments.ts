import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { QUOTED, scanMarkdown, type ScannedMarkdown } from './markdown-scan.ts';
import { buildTextView, type TextView } from './text-view.ts';
import type { YamlSource } from '../source/yaml-source.ts';

export interface FilePosition {
  line: number;
  column: number;
}

/**
 * A stretch of text the rules read — an article body, or one YAML value such as the title or a
 * campaign's rules — with the way back from an offset in it to a line and column of the file.
 */
export interface Segment {
  /** `body`, or the dotted path of a YAML value (`title`, `prizes.0.description`). */
  name: string;
  text: string;
  flags: Uint8Array;
  scan?: ScannedMarkdown;
  position(offset: number): FilePosition;
  /** Where a match ending just before `end` ends: right after its last character. */
  endPosition(end: number): FilePosition;
  lineText(line: number): string;
  view(): TextView;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

function lineIndexAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

function lazyView(text: string, flags: Uint8Array): () => TextView {
  let view: TextView | undefined;
  return () => (view ??= buildTextView(text, flags));
}

/** An article body (or any Markdown file's text) starting on `firstLine` of its file. */
export function bodySegment(body: string, firstLine: number): Segment {
  const scan = scanMarkdown(body);
  const starts = scan.lineStarts;
  return {
    name: 'body',
    text: body,
    flags: scan.flags,
    scan,
    position(offset) {
      const index = lineIndexAt(starts, offset);
      return { line: index + firstLine, column: offset - starts[index]! + 1 };
    },
    endPosition(end) {
      return this.position(end);
    },
    lineText(line) {
      const index = line - firstLine;
      const start = starts[index] ?? 0;
      const end = body.indexOf('\n', start);
      return body.slice(start, end === -1 ? body.length : end);
    },
    view: lazyView(body, scan.flags),
  };
}

/** Quotation marks in a plain text value (titles, campaign rules): same pairing as in a body. */
function quoteFlags(text: string): Uint8Array {
  const flags = new Uint8Array(text.length);
  let open = -1;
  let closer = '';
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index]!;
    if (character === '\n') open = -1;
    else if (open === -1) {
      closer =
        character === '“' ? '”' : character === '「' ? '」' : character === '『' ? '』' : character === '"' ? '"' : '';
      if (closer) open = index;
    } else if (character === closer) {
      flags.fill(QUOTED, open, index + 1);
      open = -1;
    }
  }
  return flags;
}

export interface YamlText {
  text: string;
  source: YamlSource;
}

/** The YAML node at a path, if it is a string scalar. */
function scalarAt(source: YamlSource, path: readonly (string | number)[]): Node | undefined {
  let node: unknown = source.document.contents;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment),
      );
      node = pair?.value;
    } else if (isSeq(node) && typeof segment === 'number') node = node.items[segment];
    else return undefined;
  }
  return isScalar(node) && typeof node.value === 'string' && node.range ? (node as Node) : undefined;
}

/** A YAML string value with, for each of its characters, the offset in the YAML text it came from. */
export interface YamlField {
  /** Dotted path (`title`, `prizes.0.description`). */
  name: string;
  value: string;
  origin: Int32Array;
  rangeStart: number;
}

/**
 * Finds a string value's characters, in order, in the node's source text, which maps them back
 * through quotes, block indentation and folded lines. Plain data: it can go to a worker thread.
 */
export function yamlField(yaml: YamlText, path: readonly (string | number)[]): YamlField | undefined {
  const node = scalarAt(yaml.source, path);
  if (!node) return undefined;
  const value = (node as unknown as { value: string }).value;
  const [rangeStart, rangeEnd] = node.range!;
  const origin = new Int32Array(value.length + 1);
  let cursor = rangeStart;
  for (let index = 0; index < value.length; index += 1) {
    const character = value.charCodeAt(index);
    const space = character === 0x20 || character === 0x0a || character === 0x09;
    let found = -1;
    for (let probe = cursor; probe < rangeEnd; probe += 1) {
      const candidate = yaml.text.charCodeAt(probe);
      if (candidate === character || (space && (candidate === 0x20 || candidate === 0x0a || candidate === 0x09))) {
        found = probe;
        break;
      }
    }
    origin[index] = found === -1 ? cursor : found;
    if (found !== -1) cursor = found + 1;
  }
  origin[value.length] = cursor;
  return { name: path.join('.'), value, origin, rangeStart };
}

/** A YAML value as a segment of the file whose YAML text starts on `firstLine`. */
export function fieldSegment(
  field: YamlField,
  yamlText: string,
  firstLine: number,
  starts: readonly number[] = lineStartsOf(yamlText),
): Segment {
  const { value, origin, rangeStart } = field;
  const flags = quoteFlags(value);
  const at = (sourceOffset: number): FilePosition => {
    const index = lineIndexAt(starts, sourceOffset);
    return { line: index + firstLine, column: sourceOffset - starts[index]! + 1 };
  };
  return {
    name: field.name,
    text: value,
    flags,
    position(offset) {
      return at(
        offset < value.length ? origin[offset]! : value.length > 0 ? origin[value.length - 1]! + 1 : rangeStart,
      );
    },
    endPosition(end) {
      return at(end > 0 ? origin[end - 1]! + 1 : rangeStart);
    },
    lineText(line) {
      const index = line - firstLine;
      const start = starts[index] ?? 0;
      const end = yamlText.indexOf('\n', start);
      return yamlText.slice(start, end === -1 ? yamlText.length : end);
    },
    view: lazyView(value, flags),
  };
}

export function yamlSegment(yaml: YamlText, path: readonly (string | number)[]): Segment | undefined {
  const field = yamlField(yaml, path);
  return field ? fieldSegment(field, yaml.text, yaml.source.firstLine) : undefined;
}
