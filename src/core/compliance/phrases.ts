import type { ComplianceRuleId } from './types.ts';
import { meetsNeeds, readPattern, type Needs } from './phrase-needs.ts';
import { alternativesOf } from './pattern-source.ts';
import { askedAt, readAsReport, statedAsFact } from './register.ts';
import { buildTextView } from './text-view.ts';
import { endsInsideWord, startsInsideWord, wordsAfter } from './words.ts';

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
  /**
   * A ranking that is a claim only in a seller's sentence: hedged by 之一, or in a sentence that reads
   * as a report (news, statistics, an award, history) with no word of a seller, it states a fact
   * (register.ts).
   */
  rankingClaim?: boolean;
  /**
   * A claim that binds only a seller: in a sentence that reads as a report with no word of a seller
   * around the match (register.ts readAsReport), it is told about the world, not made to a buyer.
   */
  reportable?: boolean;
  /** The claim is asserted: a yes-or-no question that asks it (这真的能稳赚吗？) is left alone (register.ts askedAt). */
  notAsked?: boolean;
  /** Anywhere else in the sentence, these words make the match a report or the thing's own field (a drug's approval names 治疗新冠). */
  exemptInSentence?: RegExp;
  /**
   * The match must begin on a word boundary (jieba's, see words.ts): 史上 in 历史上, 极品 in 积极品质,
   * 特供 in 独特供应, 刷单 in 牙刷单价 are the tail of one word and the head of the next.
   */
  wordStart?: boolean;
  /** The match must end on a word boundary: 第一 in 第一批 or 第一次 is an ordinal word, not a rank. */
  wordEnd?: boolean;
  /**
   * One of the two words right after the match makes it a fact, not a claim: 国家级 + 自然保护区,
   * 湿地/公园, 经济/技术开发区 (a category of the state's lists, however jieba splits the compound).
   */
  notBeforeWord?: RegExp;
  /** Severity of this entry when it differs from its rule's (team lexicon entries). */
  severity?: 'error' | 'warning';
  /** Where this entry's basis differs from its rule's (team lexicon entries). */
  basis?: string;
}

export interface PhraseSet {
  /**
   * The entries' regular expressions: one per entry for a short list (V8 scans a lone pattern much
   * faster than the same pattern as one branch of a long alternation), one joined expression for a
   * long list of literal terms (a department lexicon). `first` is the index of the chunk's first
   * entry, `count` the number of its entries.
   */
  chunks: ReadonlyArray<PhraseChunk>;
  /** All entries joined: fewer calls on a short text (a title, a digest, a campaign field). */
  joined: ReadonlyArray<PhraseChunk>;
  entries: readonly PhraseEntry[];
  /** What each entry's pattern needs in a text before it can match (phrase-needs.ts); undefined: not known. */
  needs: ReadonlyArray<Needs | undefined>;
  /** Normalised exception phrases of each entry. */
  exceptions: ReadonlyArray<readonly string[]>;
}

/** A clause: negations and phrase parts do not reach across these. */
export const CLAUSE_BREAK = /[。！？；，、!?;,\n]/;
const NEGATION =
  /不具备|不具有|并无|并未|并没|从未|毫无|无法|绝非|而非|不需要|不需|无需|无须|不用|不必|不要求|不会|不得|禁止|严禁|不能|不可|没有|并非|不是|并不|谨防|警惕|拒绝|勿|切勿|杜绝|不宜|不应|谈不上|算不上|不属于|冒充|虚假|违法|违规|不允许/;

/** One regular expression of a set and the entries it holds. */
interface PhraseChunk {
  regex: RegExp;
  first: number;
  count: number;
  /** For a chunk of one entry of several top-level alternatives: what each alternative needs (see alternativeScan). */
  alternatives?: EntryAlternatives;
}

/**
 * An entry's top-level alternatives, what each needs (phrase-needs.ts), and the expressions made
 * so far of the subsets of them that a block let through, by the subset.
 */
interface EntryAlternatives {
  sources: readonly string[];
  needs: ReadonlyArray<Needs | undefined>;
  bySubset: Map<string, RegExp>;
}

/** Expressions of subsets kept per entry: past this, a block whose subset is new is scanned with the whole entry. */
const SUBSETS_KEPT = 64;

/**
 * The expression to scan a block with for an entry of several alternatives, or undefined when no
 * alternative can match in it. An entry's needs are those its alternatives share, often one
 * common character (收益|回报|…|投资小… needs one of 收, 回, 投…), so the whole entry ran on nearly
 * every article for alternatives none of which could match there; V8 also scans an alternation
 * position by position, branch by branch. The alternatives whose needs the block meets, joined in
 * their order, give the same match as the whole entry at every position of the block: an
 * alternative left out matches nowhere in it, and the entries hold no backreference or capturing
 * group that could tie one alternative to another.
 */
function alternativeScan(chunk: PhraseChunk, alternatives: EntryAlternatives, block: string): RegExp | undefined {
  let key = '';
  let all = true;
  let any = false;
  for (const needs of alternatives.needs) {
    const possible = meetsNeeds(block, needs);
    key += possible ? '1' : '0';
    all &&= possible;
    any ||= possible;
  }
  if (!any) return undefined;
  if (all) return chunk.regex;
  let regex = alternatives.bySubset.get(key);
  if (!regex) {
    if (alternatives.bySubset.size >= SUBSETS_KEPT) return chunk.regex;
    const kept = alternatives.sources.filter((_, index) => key[index] === '1');
    regex = new RegExp(`(${foldAlternatives(kept.join('|'))})`, 'g');
    alternatives.bySubset.set(key, regex);
  }
  return regex;
}

/**
 * Up to this many entries, each gets its own regular expression. A built-in family past 32 entries
 * (induce-share at 34) fell back to one joined expression, which on the 10,000-article bench cost
 * about 1.4 s of CPU more than its entries run one by one behind their needs; the joined expression
 * is for a department lexicon of hundreds of literal terms.
 */
const SEPARATE_UP_TO = 64;
/** Below this length a text is scanned with the joined expression: per-call cost outweighs the scan. */
const SHORT_TEXT = 600;

/**
 * The same pattern with the top-level alternatives that begin with the same ideograph folded under
 * it (降血压|降血糖|洗肺 → 降(?:血压|血糖)|洗肺): V8 tries a long alternation branch by branch at every
 * position, and one branch per first character is measured 10–20% faster on long texts. Only a
 * literal ideograph not followed by a quantifier is folded; a branch that begins otherwise stays as it is.
 */
export function foldAlternatives(source: string): string {
  const branches = alternativesOf(source);
  if (branches.length < 3) return source;
  const groups = new Map<string, string[]>();
  for (const [index, branch] of branches.entries()) {
    const head = branch[0] ?? '';
    const literal = /[\u4e00-\u9fff]/.test(head) && !/^[?*+{]/.test(branch.slice(1));
    const key = literal ? head : `#${index}`;
    const tails = groups.get(key) ?? [];
    tails.push(literal ? branch.slice(1) : branch);
    groups.set(key, tails);
  }
  return [...groups.entries()]
    .map(([key, tails]) =>
      key.startsWith('#') ? tails[0]! : tails.length === 1 ? key + tails[0] : `${key}(?:${tails.join('|')})`,
    )
    .join('|');
}

export function compilePhrases(entries: readonly PhraseEntry[]): PhraseSet {
  const readings = entries.map((entry) => readPattern(entry.pattern));
  const joined = [
    {
      regex: new RegExp(entries.map((entry) => `(${entry.pattern})`).join('|'), 'g'),
      first: 0,
      count: entries.length,
    },
  ];
  const chunks: PhraseChunk[] =
    entries.length <= SEPARATE_UP_TO
      ? entries.map((entry, index) => {
          const { alternatives } = readings[index]!;
          const sources = alternatives.map((alternative) => alternative.source);
          return {
            regex: new RegExp(`(${foldAlternatives(entry.pattern)})`, 'g'),
            first: index,
            count: 1,
            // The parser's alternatives are used only when they are the ones the expression has.
            ...(sources.length > 1 && sources.join('\u0000') === alternativesOf(entry.pattern).join('\u0000')
              ? {
                  alternatives: {
                    sources,
                    needs: alternatives.map((alternative) => alternative.needs),
                    bySubset: new Map<string, RegExp>(),
                  },
                }
              : {}),
          };
        })
      : joined;
  return {
    chunks,
    joined,
    entries,
    needs: readings.map((reading) => reading.needs),
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

/** Above this length a text is scanned block by block (see blocksOf). */
const BLOCKS_FROM = 4000;
/** A block runs to the end of the first line that reaches this length. */
const BLOCK_LENGTH = 1500;

/**
 * A long text's blocks: whole lines, each ending just after its newline, of about BLOCK_LENGTH
 * characters. No entry matches across a line (their gaps stop at a newline, as at a sentence's end),
 * so each entry need only be run on the blocks that hold what it needs (phrase-needs.ts): in a long
 * article most entries' words are somewhere, but in few of its blocks.
 */
function blocksOf(text: string): Array<[number, number]> {
  if (text.length < BLOCKS_FROM) return [[0, text.length]];
  const blocks: Array<[number, number]> = [];
  for (let from = 0; from < text.length; ) {
    const newline = from + BLOCK_LENGTH >= text.length ? -1 : text.indexOf('\n', from + BLOCK_LENGTH);
    const to = newline === -1 ? text.length : newline + 1;
    blocks.push([from, to]);
    from = to;
  }
  return blocks;
}

/** Every match of the set in a normalised text, with exceptions and negations applied. */
export function findPhrases(set: PhraseSet, text: string): PhraseMatch[] {
  const { entries, exceptions } = set;
  const chunks = text.length < SHORT_TEXT ? set.joined : set.chunks;
  // Candidates from every chunk; at one position the earliest entry wins, as in one alternation.
  const firstAt = new Map<number, { entry: number; end: number }>();
  for (const [from, to] of blocksOf(text)) {
    const block = from === 0 && to === text.length ? text : text.slice(from, to);
    for (const chunk of chunks) {
      const { first, count } = chunk;
      // A chunk none of whose patterns can match this block is not run (phrase-needs.ts).
      let possible = false;
      for (let entry = first; entry < first + count && !possible; entry += 1)
        possible = meetsNeeds(block, set.needs[entry]);
      if (!possible) continue;
      const regex = chunk.alternatives ? alternativeScan(chunk, chunk.alternatives, block) : chunk.regex;
      if (!regex) continue;
      regex.lastIndex = 0;
      for (let match = regex.exec(block); match; match = regex.exec(block)) {
        // Try again from the next position, not past the match: matches of other rules may overlap it.
        regex.lastIndex = match.index + 1;
        if (match[0].length === 0) continue;
        let group = 1;
        while (match[group] === undefined) group += 1;
        const entry = first + group - 1;
        const at = from + match.index;
        const known = firstAt.get(at);
        if (known === undefined || entry < known.entry) firstAt.set(at, { entry, end: at + match[0].length });
      }
    }
  }
  const matches: PhraseMatch[] = [];
  // The end of the last match of each rule: a match of the same rule overlapping it is the same finding.
  const reached = new Map<string, number>();
  for (const start of [...firstAt.keys()].sort((a, b) => a - b)) {
    const { entry: index, end } = firstAt.get(start)!;
    const entry = entries[index]!;
    if (start < (reached.get(entry.rule) ?? -1)) continue;
    if (isException(text, start, end, exceptions[index]!)) continue;
    if (entry.negatable && (isNegated(text, start, text.slice(start, end)) || deniedAfter(text, end))) continue;
    if (MENTIONED.test(text.slice(end, end + 6)) || SO_CALLED.test(text.slice(Math.max(0, start - 5), start))) continue;
    if (entry.exemptBefore?.test(sentenceBefore(text, start))) continue;
    if (entry.rankingClaim && statedAsFact(text, start, end)) continue;
    if (entry.notAsked && askedAt(text, start, end)) continue;
    if (entry.reportable && readAsReport(text, start, end)) continue;
    if (entry.exemptInSentence && elsewhereInSentence(text, start, end, entry.exemptInSentence)) continue;
    // Word questions last: the segmenter loads only when a candidate gets this far.
    if (entry.wordStart && startsInsideWord(text, start, end) === true) continue;
    if (entry.wordEnd && endsInsideWord(text, start, end) === true) continue;
    if (entry.notBeforeWord) {
      const next = wordsAfter(text, end, 2);
      if (next?.some((word) => entry.notBeforeWord!.test(word))) continue;
    }
    reached.set(entry.rule, end);
    matches.push({ entry, start, end });
  }
  return matches;
}

/** Right after the match: the word is talked about as a word (极品这个词……不能用, 广告中使用“第一品牌”等内容). */
const MENTIONED =
  /^(?:这个词|这个字|这类词|这些词|一词|二字|这种说法|这个说法|这句话|之类的词|等词|["”」』]?(?:等|之类)的?(?:内容|用语|词语|词汇|字样|说法|表述|宣传语))/;
/** Right before the match: a so-called or self-styled claim, held at a distance (真的有所谓的「穩賺不賠」?, 号称世界第一智库). */
const SO_CALLED = /(?:所谓的?|号称|自称|自诩)["“「『]?$/;
/** The next clause denies what the match claims (有人说……能降血压，这种说法并没有证据). */
const DENIED_AFTER =
  /^[^。！？!?\n]{0,24}?(?:这种|这个|此|该|这类)(?:说法|传言|谣言|观点)[^。！？!?\n]{0,6}?(?:没有|并没有|并无|缺乏|不成立|不科学|是错|是假|站不住|不可信|不靠谱)/;

/**
 * The same sentence says the reward does not depend on the action (抽奖与此无关, 不影响领奖): the
 * compliant way to run a prize draw that the platform rules describe, not an inducement.
 */
/** The rest of the sentence says it is false: no evidence (其实并没有依据), a rumour (纯属谣传), a scam (不存在, 是骗局). */
const NO_EVIDENCE_AFTER =
  /^[^。！？!?\n]{0,10}?(?:不存在|是骗局|都是骗局|是骗人的|是谎言|是陷阱)|^[^。！？!?\n]{0,10}?(?:是|纯属|属于|系|早已被证实是)(?:谣言|谣传|误传|假消息|不实信息)|^[^。！？!?\n]{0,24}?(?:其实|实际上|事实上|但|然而)[^。！？!?\n]{0,4}?(?:并没有|没有|并无|缺乏|并不能|不能)(?:任何)?(?:科学|可靠|医学|临床)?(?:依据|证据|根据|这样的效果|这种效果|这种作用|这个功效)/;
const DECOUPLED_AFTER =
  /^[^。！？!?\n]{0,12}?(?:与此无关|与(?:是否)?(?:分享|转发|关注|点赞)无关|不影响(?:抽奖|中奖|领奖|领取|参与|结果))/;

function deniedAfter(text: string, end: number): boolean {
  const after = text.slice(end, end + 48);
  return DENIED_AFTER.test(after) || NO_EVIDENCE_AFTER.test(after) || DECOUPLED_AFTER.test(after);
}

/** The sentence up to `start` (at most 40 characters back). */
function sentenceBefore(text: string, start: number): string {
  const from = Math.max(0, start - 40);
  const before = text.slice(from, start);
  const cut = Math.max(
    before.lastIndexOf('。'),
    before.lastIndexOf('！'),
    before.lastIndexOf('？'),
    before.lastIndexOf('!'),
    before.lastIndexOf('?'),
    before.lastIndexOf('\n'),
  );
  return before.slice(cut + 1);
}

/** The pattern matches the sentence around [start, end), the match itself left out. */
function elsewhereInSentence(text: string, start: number, end: number, pattern: RegExp): boolean {
  let from = start;
  while (from > 0 && !SENTENCE_END.test(text[from - 1]!)) from -= 1;
  let to = end;
  while (to < text.length && !SENTENCE_END.test(text[to]!)) to += 1;
  return pattern.test(text.slice(from, start)) || pattern.test(text.slice(end, to));
}
const SENTENCE_END = /[。！？!?；;\n]/;

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
  const clause = before.slice(from);
  return NEGATION.test(clause) || /[不非无未别]$/.test(before) || negationStraddles(clause, matched);
}

const NEGATION_EVERYWHERE = new RegExp(NEGATION.source, 'g');

/**
 * A negation word the match begins inside (谨防|感冒: 防感冒 is matched, 谨防 is the word): the clause before
 * the match and the match's first character hold it, the match alone does not.
 */
function negationStraddles(clause: string, matched: string): boolean {
  if (clause.length === 0) return false;
  const joined = clause.slice(-3) + matched.slice(0, 2);
  const cut = Math.min(clause.length, 3);
  NEGATION_EVERYWHERE.lastIndex = 0;
  for (let found = NEGATION_EVERYWHERE.exec(joined); found; found = NEGATION_EVERYWHERE.exec(joined)) {
    if (found.index < cut && found.index + found[0].length > cut) return true;
    NEGATION_EVERYWHERE.lastIndex = found.index + 1;
  }
  return false;
}
