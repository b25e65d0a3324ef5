/**
 * Reading a regular expression's source without compiling it: what the phrase matcher folds
 * (phrases.ts) and what the register's tests of a claim's end are appended to (register.ts).
 */

/** The top-level alternatives of a pattern source (escapes, classes and groups kept whole). */
export function alternativesOf(source: string): string[] {
  const found: string[] = [];
  let depth = 0;
  let inClass = false;
  let from = 0;
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index];
    if (char === '\\') index += 1;
    else if (inClass) inClass = char !== ']';
    else if (char === '[') inClass = true;
    else if (char === '(') depth += 1;
    else if (char === ')') depth -= 1;
    else if (char === '|' && depth === 0) {
      found.push(source.slice(from, index));
      from = index + 1;
    }
  }
  found.push(source.slice(from));
  return found;
}
