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
  /** Earlier in the sentence, these words make the match an aim or a motto (我们始终追求……最好的茶), not a claim. */
  exemptBefore?: RegExp;
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
    if (entry.negatable && (isNegated(text, start, match[0]) || deniedAfter(text, end))) continue;
    if (MENTIONED.test(text.slice(end, end + 6))) continue;
    if (entry.exemptBefore && entry.exemptBefore.test(sentenceBefore(text, start))) continue;
    reached.set(entry.rule, end);
    matches.push({ entry, start, end });
  }
  return matches;
}

/** Right after the match: the word is talked about as a word (极品这个词……不能用). */
const MENTIONED = /^(?:这个词|这个字|这类词|这些词|一词|二字|这种说法|这个说法|这句话|之类的词|等词)/;
/** The next clause denies what the match claims (有人说……能降血压，这种说法并没有证据). */
const DENIED_AFTER = /^[^。！？!?\n]{0,24}?(?:这种|这个|此|该|这类)(?:说法|传言|谣言|观点)[^。！？!?\n]{0,6}?(?:没有|并没有|并无|缺乏|不成立|不科学|是错|是假|站不住|不可信|不靠谱)/;

function deniedAfter(text: string, end: number): boolean {
  return DENIED_AFTER.test(text.slice(end, end + 48));
}

/** The sentence up to `start` (at most 40 characters back). */
function sentenceBefore(text: string, start: number): string {
  const from = Math.max(0, start - 40);
  const before = text.slice(from, start);
  const cut = Math.max(before.lastIndexOf('。'), before.lastIndexOf('！'), before.lastIndexOf('？'), before.lastIndexOf('!'), before.lastIndexOf('?'), before.lastIndexOf('\n'));
  return before.slice(cut + 1);
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
