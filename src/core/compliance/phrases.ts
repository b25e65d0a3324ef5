import type { ComplianceRuleId } from './types.ts';
import { buildTextView } from './text-view.ts';

/**
 * A phrase rule entry, written against the normalised view (Simplified, lower-case, half-width,
 * no symbols between CJK characters). `pattern` is a regular-expression source without capturing
 * groups; a family's entries are joined into ONE regular expression, so a text is scanned once
 * per family however long the lexicon grows.
 */
export interface PhraseEntry {
  rule: ComplianceRuleId;
  pattern: string;
  /** Phrases in which the match is a fact, not a claim (国家级非物质文化遗产, 世界第一高峰). */
  except?: readonly string[];
  /** A negation in the same clause (不能治愈, 无需转发) means the text says the opposite. */
  negatable?: boolean;
  /** Severity of this entry when it differs from its rule's (team lexicon entries). */
  severity?: 'error' | 'warning';
  /** Where this entry's basis differs from its rule's (team lexicon entries). */
  basis?: string;
}

export interface PhraseSet {
  regex: RegExp;
  entries: readonly PhraseEntry[];
  /** Normalised exception phrases of each entry. */
  exceptions: ReadonlyArray<readonly string[]>;
}

/** A clause: negations and phrase parts do not reach across these. */
export const CLAUSE_BREAK = /[。！？；，、!?;,\n]/;
const NEGATION = /不需要|不需|无需|无须|不用|不必|不要求|不会|不得|禁止|严禁|不能|不可|没有|并非|不是|并不|谨防|警惕|拒绝|勿|切勿|杜绝|不宜|不应|谈不上|算不上|不属于|冒充|虚假|违法|违规|不允许/;

export function compilePhrases(entries: readonly PhraseEntry[]): PhraseSet {
  const source = entries.map((entry) => `(${entry.pattern})`).join('|');
  return {
    regex: new RegExp(source, 'g'),
    entries,
    // Exceptions go through the same normalisation as the text, so 國家級非物質文化遺產 is one too.
    exceptions: entries.map((entry) => (entry.except ?? []).map((phrase) => buildTextView(phrase).text)),
  };
}

export interface PhraseMatch {
  entry: PhraseEntry;
  /** Offsets in the normalised view. */
  start: number;
  end: number;
}

/** Every match of the set in a normalised text, with exceptions and negations applied. */
export function findPhrases(set: PhraseSet, text: string): PhraseMatch[] {
  const matches: PhraseMatch[] = [];
  const { regex, entries, exceptions } = set;
  // The end of the last match of each rule: a match of the same rule overlapping it is the same finding.
  const reached = new Map<string, number>();
  regex.lastIndex = 0;
  for (let match = regex.exec(text); match; match = regex.exec(text)) {
    // Try again from the next position, not past the match: matches of other rules may overlap it.
    regex.lastIndex = match.index + 1;
    if (match[0].length === 0) continue;
    let index = 1;
    while (match[index] === undefined) index += 1;
    const entry = entries[index - 1]!;
    const start = match.index;
    const end = start + match[0].length;
    if (start < (reached.get(entry.rule) ?? -1)) continue;
    if (isException(text, start, end, exceptions[index - 1]!)) continue;
    if (entry.negatable && isNegated(text, start, match[0])) continue;
    reached.set(entry.rule, end);
    matches.push({ entry, start, end });
  }
  return matches;
}

function isException(text: string, start: number, end: number, phrases: readonly string[]): boolean {
  for (const phrase of phrases) {
    let at = text.indexOf(phrase, Math.max(0, start - phrase.length + 1));
    while (at !== -1 && at <= start) {
      if (at + phrase.length >= end) return true;
      at = text.indexOf(phrase, at + 1);
    }
  }
  return false;
}

function isNegated(text: string, start: number, matched: string): boolean {
  if (NEGATION.test(matched)) return true;
  let from = Math.max(0, start - 10);
  const before = text.slice(from, start);
  let cut = -1;
  for (let index = before.length - 1; index >= 0; index -= 1) {
    if (CLAUSE_BREAK.test(before[index]!)) {
      cut = index;
      break;
    }
  }
  from = cut + 1;
  return NEGATION.test(before.slice(from)) || /[不非无未别]$/.test(before);
}
