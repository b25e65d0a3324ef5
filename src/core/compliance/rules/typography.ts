import { isCjkIdeograph, scriptTables } from '../chinese-script.ts';
import { EXCLUDED } from '../markdown-scan.ts';
import type { ComplianceRuleId } from '../types.ts';
import { defineFamily, type FamilyModule } from '../family.ts';
import table from './typography.rules.json' with { type: 'json' };

export interface TypographyFix {
  ruleId: ComplianceRuleId;
  /** The span reported, in the text's offsets. */
  start: number;
  end: number;
  /** The replacement of [fixStart, fixEnd). */
  fixStart: number;
  fixEnd: number;
  replacement: string;
}

const isAsciiAlnum = (code: number) =>
  (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
const FULL_WIDTH: Record<string, string> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '.': '。' };
const HALF_WIDTH: Record<string, string> = { '，': ',', '；': ';', '：': ':', '？': '?', '！': '!', '．': '.' };
const ELLIPSIS_OR_DASH = /\.{3,}|。{2,}|…+|-{2,}|—+/g;
const REPEATED = /([！？!?，,])\1+/g;
const PARENTHESES = /\(([^()\n]*)\)/g;
const STRAIGHT_QUOTES = /"([^"\n]*)"/g;
/** A CJK character, spaces, then full-width punctuation; or full-width punctuation, spaces, then a CJK character. */
const SPACED_PUNCTUATION =
  /([\u4e00-\u9fff])( +)(?=[，。！？；：、）」』”》])|([，。！？；：、（「『“《])( +)(?=[\u4e00-\u9fff])/g;

/** A finding of text[start, end) whose fix replaces text[fixStart, fixEnd) (by default the finding itself). */
function typographyFix(
  ruleId: TypographyFix['ruleId'],
  start: number,
  end: number,
  replacement: string,
  fixStart = start,
  fixEnd = end,
): TypographyFix {
  return { ruleId, start, end, fixStart, fixEnd, replacement };
}

/** Every typography problem of a Markdown body, each with its fix. */
export function typographyFixes(text: string, flags: Uint8Array): TypographyFix[] {
  const fixes: TypographyFix[] = [];
  const prose = (index: number) => index >= 0 && index < text.length && (flags[index]! & EXCLUDED) === 0;
  const cjkAt = (index: number) => prose(index) && isCjkIdeograph(text.charCodeAt(index));
  /** The Latin word (and spaces) ending before `index` follows a Chinese character. */
  const chineseBeforeLatinRun = (index: number) => {
    let at = index - 1;
    while (at >= 0 && (isAsciiAlnum(text.charCodeAt(at)) || text[at] === ' ')) at -= 1;
    // A Chinese character or Chinese punctuation (联系方式：WeChat：teahouse) before the Latin word.
    return cjkAt(at) || (prose(at) && text.charCodeAt(at) >= 0x3000);
  };
  const { traditionalOnly, toSimplified } = scriptTables();
  let traditionalCount = 0;
  let simplifiedCount = 0;
  const simplifiedTargets = simplifiedTargetTable();

  const length = text.length;
  for (let index = 0; index < length; index += 1) {
    // Hot loop: character codes and flag bytes only; strings are made only for a finding.
    if ((flags[index]! & EXCLUDED) !== 0) continue;
    const code = text.charCodeAt(index);
    const next = index + 1 < length && (flags[index + 1]! & EXCLUDED) === 0 ? text.charCodeAt(index + 1) : -1;
    if (code >= 0x3400 && code <= 0x9fff) {
      if (traditionalOnly[code]) traditionalCount += 1;
      else if (simplifiedTargets[code]) simplifiedCount += 1;
      if (next !== -1 && isAsciiAlnum(next))
        fixes.push(typographyFix('typography/cjk-latin-space', index, index + 2, ' ', index + 1, index + 1));
      continue;
    }
    if (code < 0x7b) {
      if (isAsciiAlnum(code)) {
        if (next !== -1 && isCjkIdeograph(next))
          fixes.push(typographyFix('typography/cjk-latin-space', index, index + 2, ' ', index + 1, index + 1));
        continue;
      }
      if (code !== 0x2c && code !== 0x3b && code !== 0x3a && code !== 0x3f && code !== 0x21 && code !== 0x2e) continue;
      if (!cjkAt(index - 1)) continue;
      const character = text[index]!;
      const after = text[index + 1];
      if (character === '.' && !(after === undefined || after === '\n' || after === ' ' || cjkAt(index + 1))) continue;
      if (character === '!' && after === '[') continue;
      if ((character === '.' || character === '!' || character === '?' || character === ',') && after === character)
        continue;
      const dropSpace = after === ' ' && index + 2 < length && text[index + 2] !== '\n' && text[index + 2] !== ' ';
      fixes.push(
        typographyFix(
          'typography/fullwidth-punctuation',
          index,
          index + 1,
          FULL_WIDTH[character]!,
          index,
          dropSpace ? index + 2 : index + 1,
        ),
      );
      continue;
    }
    if (code < 0xff01 || code > 0xff5e) continue;
    if (isAsciiAlnum(code - 0xfee0)) {
      // A run of full-width letters or digits (１００) is one finding.
      let end = index;
      let replacement = '';
      while (
        end < length &&
        prose(end) &&
        text.charCodeAt(end) >= 0xff01 &&
        text.charCodeAt(end) <= 0xff5e &&
        isAsciiAlnum(text.charCodeAt(end) - 0xfee0)
      ) {
        replacement += String.fromCharCode(text.charCodeAt(end) - 0xfee0);
        end += 1;
      }
      fixes.push(typographyFix('typography/halfwidth-in-latin', index, end, replacement));
      index = end - 1;
      continue;
    }
    const halfWidth = HALF_WIDTH[text[index]!];
    if (
      halfWidth &&
      prose(index - 1) &&
      isAsciiAlnum(text.charCodeAt(index - 1)) &&
      next !== -1 &&
      isAsciiAlnum(next)
    ) {
      const character = text[index]!;
      const numeric =
        character === '．' || (character === '：' && /\d/.test(text[index - 1]!) && /\d/.test(text[index + 1]!));
      // A label and its value inside a Chinese sentence (加 vx：chaye2026) take the full-width colon
      // the sentence is written in; only a colon inside Latin text (Note：this) is wrong.
      if (character === '：' && !numeric && chineseBeforeLatinRun(index)) continue;
      fixes.push(
        typographyFix('typography/halfwidth-in-latin', index, index + 1, numeric ? halfWidth : `${halfWidth} `),
      );
    }
  }

  REPEATED.lastIndex = 0;
  for (let match = REPEATED.exec(text); match; match = REPEATED.exec(text)) {
    if (!prose(match.index)) continue;
    const mark = match[1]!;
    // Half-width !!! in an English sentence stays an English matter; in Chinese it becomes one full-width mark.
    const chinese = mark.charCodeAt(0) > 0xff || cjkAt(match.index - 1);
    if (!chinese) continue;
    fixes.push(
      typographyFix(
        'typography/repeated-punctuation',
        match.index,
        match.index + match[0].length,
        FULL_WIDTH[mark] ?? mark,
      ),
    );
  }
  ELLIPSIS_OR_DASH.lastIndex = 0;
  for (let match = ELLIPSIS_OR_DASH.exec(text); match; match = ELLIPSIS_OR_DASH.exec(text)) {
    const value = match[0];
    const start = match.index;
    const end = start + value.length;
    if (!prose(start) || value === '……' || value === '——') continue;
    const dash = value[0] === '-' || value[0] === '—';
    if (dash) {
      // Only between Chinese characters: -- in English, Markdown rules and tables stay.
      if (!(cjkAt(start - 1) && cjkAt(end))) continue;
      fixes.push(typographyFix('typography/repeated-punctuation', start, end, '——'));
    } else {
      if (!(cjkAt(start - 1) || (value[0] !== '.' && cjkAt(end)))) continue;
      fixes.push(typographyFix('typography/repeated-punctuation', start, end, '……'));
    }
  }
  // Spaces next to full-width punctuation (“紫砂壶 ，”) are never wanted.
  SPACED_PUNCTUATION.lastIndex = 0;
  for (let match = SPACED_PUNCTUATION.exec(text); match; match = SPACED_PUNCTUATION.exec(text)) {
    const spaces = match[2] ?? match[4] ?? '';
    const spaceStart = match.index + 1;
    if (!prose(match.index) || !prose(match.index + match[0].length - 1)) continue;
    fixes.push(typographyFix('typography/space-around-punctuation', spaceStart, spaceStart + spaces.length, ''));
  }
  // Straight double quotes around Chinese text become “ and ”.
  STRAIGHT_QUOTES.lastIndex = 0;
  for (let match = STRAIGHT_QUOTES.exec(text); match; match = STRAIGHT_QUOTES.exec(text)) {
    const start = match.index;
    const end = start + match[0].length;
    if (!prose(start) || !prose(end - 1) || !/[\u4e00-\u9fff]/.test(match[1]!)) continue;
    fixes.push(typographyFix('typography/fullwidth-punctuation', start, start + 1, '“'));
    fixes.push(typographyFix('typography/fullwidth-punctuation', end - 1, end, '”'));
  }
  PARENTHESES.lastIndex = 0;
  for (let match = PARENTHESES.exec(text); match; match = PARENTHESES.exec(text)) {
    const start = match.index;
    const end = start + match[0].length;
    if (!prose(start) || !prose(end - 1) || !/[\u4e00-\u9fff]/.test(match[1]!)) continue;
    if (!(cjkAt(start - 1) || cjkAt(start + 1))) continue;
    fixes.push(typographyFix('typography/fullwidth-punctuation', start, start + 1, '（'));
    fixes.push(typographyFix('typography/fullwidth-punctuation', end - 1, end, '）'));
  }

  // Traditional characters are a problem only in an article written in Simplified.
  if (traditionalCount > 0 && simplifiedCount >= traditionalCount) {
    for (let index = 0; index < text.length; index += 1) {
      const code = text.charCodeAt(index);
      if (!traditionalOnly[code] || !prose(index)) continue;
      let end = index + 1;
      while (end < text.length && traditionalOnly[text.charCodeAt(end)] && prose(end)) end += 1;
      let replacement = '';
      for (let at = index; at < end; at += 1) replacement += String.fromCharCode(toSimplified[text.charCodeAt(at)]!);
      fixes.push(typographyFix('typography/mixed-script', index, end, replacement));
      index = end - 1;
    }
  }
  return fixes;
}

let simplifiedTargets: Uint8Array | undefined;

/** 1 for characters that are the Simplified form of some Traditional one (国, 级…): evidence of a Simplified text. */
function simplifiedTargetTable(): Uint8Array {
  if (simplifiedTargets) return simplifiedTargets;
  const { toSimplified } = scriptTables();
  simplifiedTargets = new Uint8Array(0x10000);
  for (let code = 0; code < 0x10000; code += 1) {
    const target = toSimplified[code]!;
    if (target && !toSimplified[target]) simplifiedTargets[target] = 1;
  }
  return simplifiedTargets;
}

/** Applies non-overlapping fixes from the end; overlapping ones wait for the next pass. */
/** The fixes applyFixes applies: in order, skipping any that overlaps one already chosen. */
export function chosenFixes(fixes: readonly TypographyFix[]): TypographyFix[] {
  const ordered = [...fixes].sort((a, b) => a.fixStart - b.fixStart || a.fixEnd - b.fixEnd);
  const chosen: TypographyFix[] = [];
  let reached = -1;
  for (const fix of ordered) {
    if (
      fix.fixStart < reached ||
      (fix.fixStart === reached &&
        fix.fixEnd === fix.fixStart &&
        chosen.at(-1)?.fixEnd === fix.fixStart &&
        chosen.at(-1)?.fixStart === fix.fixStart)
    )
      continue;
    chosen.push(fix);
    reached = Math.max(reached, fix.fixEnd);
  }
  return chosen;
}

export function applyFixes(text: string, fixes: readonly TypographyFix[]): string {
  const chosen = chosenFixes(fixes);
  let result = text;
  for (let index = chosen.length - 1; index >= 0; index -= 1) {
    const fix = chosen[index]!;
    result = result.slice(0, fix.fixStart) + fix.replacement + result.slice(fix.fixEnd);
  }
  return result;
}

/** The family's registry entry (registry.ts): its table of rules and texts, and what finds them. */
export const FAMILY: FamilyModule<'typography'> = defineFamily('typography', table, {});
