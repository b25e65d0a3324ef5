/**
 * A unified diff of two texts (3 lines of context), as `git diff` prints it, for
 * `mpflow migrate --dry-run`. Line-based longest common subsequence: the files a migration
 * touches are settings and rosters of a few hundred lines at most.
 */
export function unifiedDiff(file: string, before: string | undefined, after: string | undefined, context = 3): string {
  const a = before === undefined ? [] : splitLines(before);
  const b = after === undefined ? [] : splitLines(after);
  const ops = diffLines(a, b);
  const header = `--- ${before === undefined ? '/dev/null' : `a/${file}`}\n+++ ${after === undefined ? '/dev/null' : `b/${file}`}\n`;
  const hunks: string[] = [];
  let index = 0;
  while (index < ops.length) {
    if (ops[index]!.kind === ' ') {
      index += 1;
      continue;
    }
    let start = index;
    while (start > 0 && index - start < context && ops[start - 1]!.kind === ' ') start -= 1;
    let end = index;
    for (;;) {
      while (end < ops.length && ops[end]!.kind !== ' ') end += 1;
      let gap = end;
      while (gap < ops.length && ops[gap]!.kind === ' ' && gap - end < 2 * context) gap += 1;
      if (gap < ops.length && ops[gap]!.kind !== ' ') end = gap;
      else {
        end = Math.min(ops.length, end + context);
        break;
      }
    }
    const slice = ops.slice(start, end);
    const oldStart = slice[0]!.oldLine;
    const newStart = slice[0]!.newLine;
    const oldCount = slice.filter((op) => op.kind !== '+').length;
    const newCount = slice.filter((op) => op.kind !== '-').length;
    hunks.push(
      `@@ -${oldCount === 0 ? oldStart - 1 : oldStart},${oldCount} +${newCount === 0 ? newStart - 1 : newStart},${newCount} @@\n${slice.map((op) => `${op.kind}${op.text}\n`).join('')}`,
    );
    index = end;
  }
  return hunks.length === 0 ? '' : header + hunks.join('');
}

interface Op {
  kind: ' ' | '-' | '+';
  text: string;
  oldLine: number;
  newLine: number;
}

function splitLines(value: string): string[] {
  const lines = value.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

function diffLines(a: string[], b: string[]): Op[] {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const lengths = new Uint32Array(rows * columns);
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      lengths[i * columns + j] =
        a[i] === b[j]
          ? lengths[(i + 1) * columns + j + 1]! + 1
          : Math.max(lengths[(i + 1) * columns + j]!, lengths[i * columns + j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ kind: ' ', text: a[i]!, oldLine: i + 1, newLine: j + 1 });
      i += 1;
      j += 1;
    } else if (i < a.length && (j === b.length || lengths[(i + 1) * columns + j]! >= lengths[i * columns + j + 1]!)) {
      ops.push({ kind: '-', text: a[i]!, oldLine: i + 1, newLine: j + 1 });
      i += 1;
    } else {
      ops.push({ kind: '+', text: b[j]!, oldLine: i + 1, newLine: j + 1 });
      j += 1;
    }
  }
  return ops;
}
