// The two suppression rules' texts are in rules/structure.rules.json (they are listed under structure).

export interface Suppression {
  /** Line of the comment, and the line it applies to (the next non-blank one). */
  line: number;
  column: number;
  endColumn: number;
  targetLine: number;
  ruleIds: string[];
  reason: string;
  lineText: string;
}

const MARKDOWN_COMMENT = /<!--\s*mpflow-disable-next-line\b([\s\S]*?)-->/g;
const YAML_COMMENT = /#\s*mpflow-disable-next-line\b(.*)$/gm;

/** Every suppression comment of a text that starts on `firstLine` of its file. */
export function findSuppressions(text: string, firstLine: number, kind: 'markdown' | 'yaml'): Suppression[] {
  if (!text.includes('mpflow-disable-next-line')) return [];
  const found: Suppression[] = [];
  const pattern = kind === 'markdown' ? MARKDOWN_COMMENT : YAML_COMMENT;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const content = match[1]!.trim();
    const colon = content.search(/[:：]/);
    const ids = (colon === -1 ? content : content.slice(0, colon)).split(/[\s,，]+/).filter(Boolean);
    const reason = colon === -1 ? '' : content.slice(colon + 1).trim();
    const before = text.slice(0, match.index);
    const line = firstLine + countNewlines(before);
    const lineStart = before.lastIndexOf('\n') + 1;
    const endOffset = match.index + match[0].length;
    const endLine = firstLine + countNewlines(text.slice(0, endOffset));
    // The next line with something on it.
    const lines = text.slice(endOffset).split('\n');
    let targetLine = endLine + 1;
    for (let index = 1; index < lines.length; index += 1) {
      if (lines[index]!.trim() !== '') {
        targetLine = endLine + index;
        break;
      }
    }
    const lineEnd = text.indexOf('\n', lineStart);
    found.push({
      line,
      column: match.index - lineStart + 1,
      endColumn: (endLine === line ? endOffset - lineStart : match.index - lineStart + match[0].length) + 1,
      targetLine,
      ruleIds: ids,
      reason,
      lineText: text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd),
    });
  }
  return found;
}

function countNewlines(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count += 1;
  return count;
}
