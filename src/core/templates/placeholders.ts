/**
 * The text `mpflow new` writes where only a person can say what goes: always between 【待填写：
 * and 】, so `mpflow check` finds every one left behind (rule template/placeholder) and
 * `mpflow publish` refuses an article that still has one. The phrases older versions of
 * `mpflow new article` wrote are recognised too, so a draft begun with them is caught as well.
 */

export const PLACEHOLDER_OPEN = '【待填写';

/** A placeholder with its instruction, e.g. 【待填写：一两句话的摘要，最多 128 个字】. */
export function placeholder(instruction: string): string {
  return `${PLACEHOLDER_OPEN}：${instruction}】`;
}

/** Whole texts (after trimming) that earlier templates wrote and that nobody would mean. */
const LEGACY_WHOLE = new Set(['（一两句话的摘要，最多 128 个字）', '正文。']);
/** Lines of earlier templates, recognised wherever they stand in a body. */
const LEGACY_LINES = new Set(['开头用一两段话说清楚这篇文章要讲什么。', '正文。']);

export interface PlaceholderMatch {
  /** Offset of the placeholder in the text (UTF-16 code units). */
  offset: number;
  /** The placeholder as written. */
  text: string;
}

/** The first placeholder in a field value (front matter, a record's text field), if any. */
export function placeholderInValue(value: string): PlaceholderMatch | undefined {
  const marked = markedPlaceholder(value);
  if (marked) return marked;
  const trimmed = value.trim();
  if (LEGACY_WHOLE.has(trimmed)) return { offset: value.indexOf(trimmed), text: trimmed };
  return undefined;
}

/** Every placeholder in a Markdown body: the marked ones and the template lines of earlier versions. */
export function placeholdersInBody(body: string): PlaceholderMatch[] {
  const found: PlaceholderMatch[] = [];
  // Most bodies hold none of them: three searches instead of splitting and trimming every line.
  if (!body.includes(PLACEHOLDER_OPEN) && ![...LEGACY_LINES].some((line) => body.includes(line))) return found;
  let offset = 0;
  for (const line of body.split('\n')) {
    const marked = markedPlaceholder(line);
    if (marked) found.push({ offset: offset + marked.offset, text: marked.text });
    else if (LEGACY_LINES.has(line.trim()))
      found.push({ offset: offset + line.indexOf(line.trim()), text: line.trim() });
    offset += line.length + 1;
  }
  return found;
}

function markedPlaceholder(value: string): PlaceholderMatch | undefined {
  const start = value.indexOf(PLACEHOLDER_OPEN);
  if (start === -1) return undefined;
  const end = value.indexOf('】', start);
  return { offset: start, text: value.slice(start, end === -1 ? value.length : end + 1) };
}
