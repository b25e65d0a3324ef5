/**
 * A department's own CSS file (department settings, render.css), checked before it is inlined
 * after the theme's. Only what the inliner can apply and the WeChat editor keeps is taken:
 * rules whose selectors are tag and class names joined by spaces (`h2`, `blockquote p`,
 * `.mp-toc-title`), with properties that neither hide nor move content. Everything else — an
 * at-rule, a pseudo-class, another combinator, `position`, `url()`, `var()`, `!important` — is
 * left out and reported with its line and column in the file, never dropped silently.
 */
export interface CssFinding {
  line: number;
  column: number;
  message: { zh: string; en: string };
}

export interface CheckedCss {
  /** The rules and declarations that can be inlined. */
  css: string;
  findings: CssFinding[];
}

/**
 * Properties a department's CSS may set: the inline styles WeChat keeps (raw-html.ts admits
 * the same in a writer's HTML) and the few more the built-in themes use for scrolling and tables.
 */
const THEME_PROPERTY =
  /^(?:color|background(?:-color)?|font(?:-(?:size|weight|style|family))?|text-(?:align|decoration|indent|underline-offset)|line-height|letter-spacing|margin(?:-(?:top|right|bottom|left))?|padding(?:-(?:top|right|bottom|left))?|border(?:-(?:top|right|bottom|left))?(?:-(?:width|style|color|radius))?|border-radius|border-collapse|width|min-width|max-width|height|display|vertical-align|white-space|word-break|overflow-wrap|overflow-x|box-sizing)$/;
const UNSAFE_VALUE = /var\(|expression\(|url\(|javascript:|!important/i;
const SELECTOR =
  /^(?:[a-z][a-z0-9]*|(?:[a-z][a-z0-9]*)?(?:\.[A-Za-z_][\w-]*)+)(?:\s+(?:[a-z][a-z0-9]*|(?:[a-z][a-z0-9]*)?(?:\.[A-Za-z_][\w-]*)+))*$/;

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

/** The index just after the block opened at `open` (a `{`), nested blocks included. */
function blockEnd(text: string, open: number): number {
  let depth = 0;
  for (let index = open; index < text.length; index += 1) {
    if (text[index] === '{') depth += 1;
    else if (text[index] === '}' && --depth === 0) return index + 1;
  }
  return text.length;
}

export function checkDepartmentCss(source: string): CheckedCss {
  // Comments blanked out, line breaks kept, so offsets still point into the file.
  const text = source.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '));
  const findings: CssFinding[] = [];
  const report = (offset: number, zh: string, en: string) =>
    findings.push({ ...position(text, offset), message: { zh, en } });
  const kept: string[] = [];
  let index = 0;
  while (index < text.length) {
    const start = text.slice(index).search(/\S/);
    if (start === -1) break;
    const at = index + start;
    if (text[at] === '@') {
      const brace = text.indexOf('{', at);
      const semicolon = text.indexOf(';', at);
      const name = /^@[\w-]+/.exec(text.slice(at))?.[0] ?? '@';
      report(
        at,
        `没有采用 ${name}：微信只保留行内样式，这类规则无法写进去。`,
        `Left out ${name}: WeChat keeps only inline styles, and such a rule cannot be written into them.`,
      );
      index =
        semicolon !== -1 && (brace === -1 || semicolon < brace)
          ? semicolon + 1
          : brace === -1
            ? text.length
            : blockEnd(text, brace);
      continue;
    }
    const open = text.indexOf('{', at);
    if (open === -1) {
      report(
        at,
        `这里读不懂：“${text.slice(at, at + 30).trim()}”没有 { } 括起来的声明。`,
        `Cannot read "${text.slice(at, at + 30).trim()}": no declarations in { }.`,
      );
      break;
    }
    const close = text.indexOf('}', open);
    const end = close === -1 ? text.length : close;
    const selectorText = text.slice(at, open);
    const accepted: string[] = [];
    let offset = at;
    for (const part of selectorText.split(',')) {
      const selector = part.trim();
      const where = offset + part.indexOf(selector);
      offset += part.length + 1;
      if (SELECTOR.test(selector)) accepted.push(selector.replace(/\s+/g, ' '));
      else
        report(
          where,
          `没有采用选择器“${selector}”：只能用标签名和类名（可用空格表示“里面的”），伪类、属性选择器和 >、+、~ 排版时无法判断。`,
          `Left out the selector "${selector}": only tag and class names (a space for "inside") can be inlined; pseudo-classes, attribute selectors and >, +, ~ cannot.`,
        );
    }
    const declarations: string[] = [];
    let declarationStart = open + 1;
    for (const part of text.slice(open + 1, end).split(';')) {
      const colon = part.indexOf(':');
      const property = (colon === -1 ? part : part.slice(0, colon)).trim().toLowerCase();
      const value = colon === -1 ? '' : part.slice(colon + 1).trim();
      const where = declarationStart + Math.max(0, part.search(/\S/));
      declarationStart += part.length + 1;
      if (part.trim() === '') continue;
      if (colon === -1 || value === '') {
        report(where, `这条声明读不懂：“${part.trim()}”。`, `Cannot read the declaration "${part.trim()}".`);
      } else if (!THEME_PROPERTY.test(property)) {
        report(
          where,
          `没有采用 ${property}：微信会丢掉它，或它会遮挡、移动内容。`,
          `Left out ${property}: WeChat drops it, or it could hide or move content.`,
        );
      } else if (UNSAFE_VALUE.test(value)) {
        report(
          where,
          `没有采用 ${property} 的值“${value}”：微信不认 url()、var()、expression() 和 !important。`,
          `Left out the value "${value}" of ${property}: WeChat takes no url(), var(), expression() or !important.`,
        );
      } else {
        declarations.push(`${property}: ${value};`);
      }
    }
    if (close === -1) report(open, '这条规则的 { 没有对应的 }。', "This rule's { has no closing }.");
    if (accepted.length > 0 && declarations.length > 0)
      kept.push(`${accepted.join(', ')} { ${declarations.join(' ')} }`);
    index = end + 1;
  }
  return { css: kept.join('\n'), findings };
}
