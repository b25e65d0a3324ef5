/**
 * What a phrase pattern needs in a text before it can match: a few clauses, each a list of strings
 * of which the text must contain one (`(?:保证|包)(?:过件|下款)` needs 过件 or 下款). Most of a
 * family's hundred-odd patterns cannot match a given article, and asking a table of the text's
 * characters and character pairs whether a pattern's clauses hold costs far less than letting V8
 * scan the article with the pattern, so findPhrases runs only the patterns whose clauses hold.
 *
 * The clauses are read from the pattern's source by a small parser of the syntax the rule files
 * use. Anything it does not know makes it give up on that pattern (the pattern is then always
 * run), so a clause is only ever a consequence of the pattern: skipping a pattern whose clauses
 * fail never changes a finding.
 */

/** Strings one of which the text must contain. */
export type Clause = readonly string[];

/** What is known of a part of a pattern. */
interface Info {
  /** Every string the part can match, when there are few (it may hold '', for an optional part). */
  exact: ReadonlySet<string> | undefined;
  /** Clauses the text meets whenever the part matches. */
  clauses: Clause[];
}

/** A cross product of exact lists longer than this is forgotten (it grows fast). */
const EXACT_LIMIT = 64;
/** An exact list of alternatives, or a clause, longer than this is forgotten: asking it would cost more than it saves. */
const LIST_LIMIT = 256;
/** A character class with more members than this matches "anything" as far as clauses go. */
const CLASS_LIMIT = 16;
/** Clauses kept per part: the most selective ones. */
const CLAUSES_KEPT = 3;

const ANY: Info = { exact: undefined, clauses: [] };
const EMPTY: Info = { exact: new Set(['']), clauses: [] };

class Unsupported extends Error {}

/** What a pattern needs: its clauses, and the same in the form meetsNeeds reads. */
export interface Needs {
  clauses: readonly Clause[];
  /**
   * Per clause, its strings as keys (see indexOf), grouped by their first key: for each string, the
   * number of its keys, where the next group starts, then the keys (of its character, or of each of
   * its character pairs).
   */
  codes: readonly Int32Array[];
}

/** What a pattern source (no flags other than g) needs, or undefined when the parser gives up or finds nothing. */
export function patternNeeds(source: string): Needs | undefined {
  return readPattern(source).needs;
}

/** A top-level alternative of a pattern: its source and what it needs. */
export interface AlternativeNeeds {
  source: string;
  needs: Needs | undefined;
}

/** What a pattern needs and what each of its top-level alternatives needs (see readPattern). */
export interface PatternReading {
  needs: Needs | undefined;
  alternatives: AlternativeNeeds[];
}

/** Readings of this thread, by pattern source: the engine, its tests and the rule modules compile the same entries more than once. */
const readings = new Map<string, PatternReading>();

/**
 * What a pattern needs (as patternNeeds) and, for a pattern of several top-level alternatives, what
 * each of them needs, from one reading of the source (phrases.ts scans a text with only the
 * alternatives it may hold). `alternatives` is empty for a single alternative or when the parser
 * gives up.
 */
export function readPattern(source: string): PatternReading {
  let reading = readings.get(source);
  if (!reading) {
    reading = parsePattern(source);
    readings.set(source, reading);
  }
  return reading;
}

function parsePattern(source: string): PatternReading {
  try {
    const parser = new Parser(source);
    const branches = parser.branches();
    if (parser.index !== source.length) return { needs: undefined, alternatives: [] };
    return {
      needs: needsOf(alternatives(branches.map((branch) => branch.info))),
      alternatives:
        branches.length > 1
          ? branches.map((branch) => ({ source: source.slice(branch.from, branch.to), needs: needsOf(branch.info) }))
          : [],
    };
  } catch (error) {
    if (error instanceof Unsupported) return { needs: undefined, alternatives: [] };
    throw error;
  }
}

/** Readings as another thread can receive them: the clauses only, for a key is a number of this thread's tables. */
export type SharedReadings = Array<
  [string, { clauses?: Clause[]; alternatives: Array<[string, Clause[] | undefined]> }]
>;

/**
 * The readings of the given patterns, for a worker thread of mpflow check: reading the built-in
 * rules' patterns costs each thread 100–200 ms of CPU, and the clauses are what it would find.
 */
export function shareReadings(sources: Iterable<string>): SharedReadings {
  const shared: SharedReadings = [];
  for (const source of sources) {
    const { needs, alternatives } = readPattern(source);
    shared.push([
      source,
      {
        ...(needs ? { clauses: [...needs.clauses] } : {}),
        alternatives: alternatives.map((alternative) => [
          alternative.source,
          alternative.needs && [...alternative.needs.clauses],
        ]),
      },
    ]);
  }
  return shared;
}

/** Takes readings made by another thread (shareReadings) as this thread's, so their patterns are not read again. */
export function installReadings(shared: SharedReadings): void {
  const needsFrom = (clauses: readonly Clause[] | undefined): Needs | undefined =>
    clauses ? { clauses, codes: clauses.map(encodeClause) } : undefined;
  for (const [source, { clauses, alternatives }] of shared)
    if (!readings.has(source))
      readings.set(source, {
        needs: needsFrom(clauses),
        alternatives: alternatives.map(([alternative, own]) => ({ source: alternative, needs: needsFrom(own) })),
      });
}

function needsOf(info: Info): Needs | undefined {
  const clauses = best(allClauses(info));
  return clauses.length > 0 ? { clauses, codes: clauses.map(encodeClause) } : undefined;
}

/**
 * A rough chance that an article contains one of the clause's strings, for choosing the clauses
 * worth asking: lower is more selective. A single ideograph is common, a pair much rarer.
 */
function chance(clause: Clause): number {
  let none = 1;
  for (const text of clause) none *= text.length === 1 ? 0.7 : text.length === 2 ? 0.98 : 0.998;
  return 1 - none;
}

/**
 * The clause without the strings that hold another of its strings (关注本号 when 关注 is there too):
 * a text with the longer one has the shorter, so asking for the shorter alone says the same.
 */
function minimal(clause: Clause): Clause {
  if (clause.length < 2) return clause;
  const kept = new Set<string>();
  // Only the lengths of kept strings are tried: most are two or three characters long.
  const keptLengths: number[] = [];
  const holdsKept = (text: string) => {
    for (const length of keptLengths)
      for (let from = 0; from + length <= text.length; from += 1)
        if (kept.has(text.slice(from, from + length))) return true;
    return false;
  };
  for (const text of [...clause].sort((a, b) => a.length - b.length))
    if (!holdsKept(text)) {
      kept.add(text);
      if (!keptLengths.includes(text.length)) keptLengths.push(text.length);
    }
  return kept.size === clause.length ? clause : [...kept];
}

/** A clause goes up through every enclosing part: it is made minimal and weighed once. */
const weighed = new WeakMap<Clause, { clause: Clause; chance: number; key: string }>();

function best(clauses: readonly Clause[]): Clause[] {
  const scored = new Map<string, { clause: Clause; chance: number }>();
  for (const given of clauses) {
    if (given.length > LIST_LIMIT) continue;
    let item = weighed.get(given);
    if (!item) {
      const clause = minimal(given);
      item = { clause, chance: chance(clause), key: clause.join('\u0000') };
      weighed.set(given, item);
      weighed.set(clause, item);
    }
    scored.set(item.key, item);
  }
  return [...scored.values()]
    .sort((a, b) => a.chance - b.chance)
    .slice(0, CLAUSES_KEPT)
    .map((item) => item.clause);
}

/** The part's exact strings as a clause, when it cannot match the empty string. */
function ownClause(info: Info): Clause | undefined {
  if (!info.exact || info.exact.has('')) return undefined;
  let clause = ownClauses.get(info.exact);
  if (!clause) ownClauses.set(info.exact, (clause = [...info.exact]));
  return clause;
}
/** One clause per exact list, so that weighing it is remembered (see best). */
const ownClauses = new WeakMap<ReadonlySet<string>, Clause>();

function allClauses(info: Info): Clause[] {
  const own = ownClause(info);
  return own ? [...info.clauses, own] : info.clauses;
}

function product(left: ReadonlySet<string>, right: ReadonlySet<string>): Set<string> | undefined {
  if (left.size * right.size > EXACT_LIMIT) return undefined;
  const result = new Set<string>();
  for (const a of left) for (const b of right) result.add(a + b);
  return result;
}

function sequence(parts: readonly Info[]): Info {
  if (parts.length === 1) return parts[0]!;
  const clauses: Clause[] = [];
  // Runs of neighbouring exact parts make longer, more selective strings (治 + 愈|疗 → 治愈, 治疗).
  let run = new Set(['']);
  let whole: Set<string> | undefined = new Set(['']);
  const flush = () => {
    if (!run.has('')) clauses.push([...run]);
    run = new Set(['']);
  };
  let last: ReadonlySet<string> | undefined;
  for (const part of parts) {
    clauses.push(...allClauses(part));
    whole = whole && part.exact ? product(whole, part.exact) : undefined;
    if (!part.exact) {
      flush();
      last = undefined;
      continue;
    }
    const next = product(run, part.exact);
    if (next) run = next;
    else {
      flush();
      // The next run starts at the part before, so the strings across the cut are not lost.
      run = (last && product(last, part.exact)) ?? new Set(part.exact);
    }
    last = part.exact;
  }
  flush();
  return { exact: whole, clauses: best(clauses) };
}

function alternatives(branches: readonly Info[]): Info {
  if (branches.length === 1) return branches[0]!;
  let exact: Set<string> | undefined = new Set();
  for (const branch of branches) {
    if (!exact || !branch.exact || exact.size + branch.exact.size > LIST_LIMIT) exact = undefined;
    else for (const text of branch.exact) exact.add(text);
  }
  // One clause for the whole: each branch's most selective clause, joined.
  const joined = new Set<string>();
  for (const branch of branches) {
    const [first] = best(allClauses(branch));
    if (!first) return { exact, clauses: [] };
    for (const text of first) joined.add(text);
  }
  return { exact, clauses: joined.size <= LIST_LIMIT ? [[...joined]] : [] };
}

function repeated(info: Info, min: number, max: number): Info {
  if (min === 1 && max === 1) return info;
  if (min === 0) return max === 1 && info.exact ? { exact: new Set([...info.exact, '']), clauses: [] } : ANY;
  let exact: Set<string> | undefined;
  if (info.exact && max <= 3) {
    exact = new Set();
    let power: Set<string> | undefined = new Set(['']);
    for (let count = 1; count <= max && power && exact; count += 1) {
      power = product(power, info.exact);
      if (!power) exact = undefined;
      else if (count >= min) for (const text of power) exact.add(text);
      if (exact && exact.size > EXACT_LIMIT) exact = undefined;
    }
  }
  // At least one repetition: whatever one needs, the text has.
  return { exact, clauses: allClauses(info) };
}

const DIGITS = new Set('0123456789');
/** Groups read so far (after their opening parenthesis), by their first GROUP_HEAD characters. */
const groupsRead = new Map<string, Array<{ text: string; info: Info }>>();
const GROUP_HEAD = 12;
const CONTROL_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v', '0': '\0' };

class Parser {
  index = 0;
  private readonly source: string;
  constructor(source: string) {
    this.source = source;
  }

  private peek(): string | undefined {
    return this.source[this.index];
  }

  /** The alternatives from here to the end of the pattern or of its group, each with where it stands. */
  branches(): Array<{ from: number; to: number; info: Info }> {
    const found: Array<{ from: number; to: number; info: Info }> = [];
    for (;;) {
      const from = this.index;
      const info = this.sequence();
      found.push({ from, to: this.index, info });
      if (this.peek() !== '|') return found;
      this.index += 1;
    }
  }

  alternation(): Info {
    const branches = [this.sequence()];
    while (this.peek() === '|') {
      this.index += 1;
      branches.push(this.sequence());
    }
    return alternatives(branches);
  }

  private sequence(): Info {
    const parts: Info[] = [];
    while (this.index < this.source.length && this.peek() !== '|' && this.peek() !== ')') {
      const atom = this.atom();
      parts.push(this.quantified(atom));
    }
    return parts.length === 0 ? EMPTY : sequence(parts);
  }

  private quantified(atom: Info): Info {
    const char = this.peek();
    let min: number;
    let max: number;
    if (char === '?') [min, max] = [0, 1];
    else if (char === '*') [min, max] = [0, Number.POSITIVE_INFINITY];
    else if (char === '+') [min, max] = [1, Number.POSITIVE_INFINITY];
    else if (char === '{') {
      const braces = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.index));
      if (!braces) throw new Unsupported();
      min = Number(braces[1]);
      max = braces[2] === undefined ? min : braces[3] === '' ? Number.POSITIVE_INFINITY : Number(braces[3]);
      this.index += braces[0].length - 1;
    } else return atom;
    this.index += 1;
    if (this.peek() === '?') this.index += 1;
    const next = this.peek();
    if (next !== undefined && '?*+{'.includes(next)) throw new Unsupported();
    return repeated(atom, min, max);
  }

  private atom(): Info {
    const char = this.source[this.index]!;
    this.index += 1;
    if (char === '(') return this.group();
    if (char === '[') return this.characterClass();
    if (char === '.') return ANY;
    if (char === '^' || char === '$') return EMPTY;
    if (char === '\\') return this.escape();
    if ('?*+{}]'.includes(char)) throw new Unsupported();
    return { exact: new Set([char]), clauses: [] };
  }

  /**
   * A group is read the same wherever its text stands, and the rule files repeat long ones in many
   * alternatives and patterns (the tests of a question after a claim): each text is read once per
   * process. A group is known by its text, found again by the few characters it starts with.
   */
  private group(): Info {
    const start = this.index;
    const head = this.source.slice(start, start + GROUP_HEAD);
    for (const known of groupsRead.get(head) ?? [])
      if (this.source.startsWith(known.text, start)) {
        this.index += known.text.length;
        return known.info;
      }
    const info = this.readGroup();
    const text = this.source.slice(start, this.index);
    let list = groupsRead.get(head);
    if (!list) groupsRead.set(head, (list = []));
    list.push({ text, info });
    return info;
  }

  private readGroup(): Info {
    const rest = this.source.slice(this.index, this.index + 3);
    let kind: 'group' | 'look' | 'negative';
    if (rest.startsWith('?:')) [kind, this.index] = ['group', this.index + 2];
    else if (rest.startsWith('?=')) [kind, this.index] = ['look', this.index + 2];
    else if (rest.startsWith('?!')) [kind, this.index] = ['negative', this.index + 2];
    else if (rest === '?<=') [kind, this.index] = ['look', this.index + 3];
    else if (rest === '?<!') [kind, this.index] = ['negative', this.index + 3];
    else if (rest.startsWith('?')) throw new Unsupported();
    else kind = 'group';
    const inner = this.alternation();
    if (this.peek() !== ')') throw new Unsupported();
    this.index += 1;
    if (kind === 'group') return inner;
    // A lookaround matches no text of its own, but what a positive one looks at is in the text too.
    return kind === 'look' ? { exact: EMPTY.exact, clauses: allClauses(inner) } : EMPTY;
  }

  /** One escaped character, or undefined for a class escape such as \s. */
  private escapedCharacter(inClass: boolean): string | Set<string> | undefined {
    const char = this.source[this.index];
    if (char === undefined) throw new Unsupported();
    this.index += 1;
    if (char === 'd') return DIGITS;
    if ('DsSwW'.includes(char)) return undefined;
    if (char === 'u' || char === 'x') {
      const digits = char === 'u' ? 4 : 2;
      const hex = this.source.slice(this.index, this.index + digits);
      if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(hex)) throw new Unsupported();
      this.index += digits;
      return String.fromCharCode(Number.parseInt(hex, 16));
    }
    if (char in CONTROL_ESCAPES) {
      if (char === '0' && /\d/.test(this.peek() ?? '')) throw new Unsupported();
      return CONTROL_ESCAPES[char]!;
    }
    if (!inClass && 'bB'.includes(char)) throw new Unsupported();
    // Escaped punctuation stands for itself; a letter or digit escape (backreferences, \c, \k) is not read.
    if (/[A-Za-z0-9]/.test(char)) throw new Unsupported();
    return char;
  }

  private escape(): Info {
    const char = this.peek();
    if (char === 'b' || char === 'B') {
      this.index += 1;
      return EMPTY;
    }
    const escaped = this.escapedCharacter(false);
    if (escaped === undefined) return ANY;
    return { exact: typeof escaped === 'string' ? new Set([escaped]) : escaped, clauses: [] };
  }

  private characterClass(): Info {
    const negated = this.peek() === '^';
    if (negated) this.index += 1;
    if (this.peek() === ']') throw new Unsupported();
    const members = new Set<string>();
    let anything = negated;
    while (this.peek() !== ']') {
      if (this.index >= this.source.length) throw new Unsupported();
      const from = this.classAtom();
      if (this.peek() === '-' && this.source[this.index + 1] !== ']') {
        this.index += 1;
        const to = this.classAtom();
        if (typeof from !== 'string' || typeof to !== 'string') throw new Unsupported();
        const low = from.charCodeAt(0);
        const high = to.charCodeAt(0);
        if (high < low) throw new Unsupported();
        if (high - low >= CLASS_LIMIT) anything = true;
        else for (let code = low; code <= high; code += 1) members.add(String.fromCharCode(code));
      } else if (from === undefined) anything = true;
      else if (typeof from === 'string') members.add(from);
      else for (const member of from) members.add(member);
    }
    this.index += 1;
    return anything || members.size > CLASS_LIMIT ? ANY : { exact: members, clauses: [] };
  }

  private classAtom(): string | Set<string> | undefined {
    const char = this.source[this.index]!;
    this.index += 1;
    if (char !== '\\') return char;
    // \b in a class is a backspace.
    if (this.peek() === 'b') {
      this.index += 1;
      return '\b';
    }
    return this.escapedCharacter(true);
  }
}

/**
 * The characters and character pairs of a text, asked by every pattern of every family: built once
 * per text. Only the characters and pairs that some pattern asks for are looked at: each has a
 * number (its key, given when a clause is encoded), and a text's table holds, per key, the number
 * of the last text that had it, so nothing needs clearing between texts. A pair is known by a hash
 * (its slot), so a pair can seem present when it is not (a pattern then runs for nothing), never
 * the other way round. An article's body and its short title and digest have tables of their own:
 * the body is asked again after them (reprint rules) and is then not indexed twice.
 *
 * Keys rather than a table of every slot a text has: the families ask a body's table several
 * thousand times, and a table of the few thousand keys stays in the core's nearest cache where
 * one of 2^20 slots did not (those scattered reads were most of findPhrases' time).
 */
const PAIR_BITS = 20;
const SHORT_TEXT = 600;
/** Keys are 16-bit; past the last, a character or pair gets ALWAYS_KEY, which every text holds. */
const ALWAYS_KEY = 1;
const KEY_LIMIT = 0x10000;
/** The key of each pair slot and of each character asked by some clause (0: none asks). */
const pairKeys = new Uint16Array(1 << PAIR_BITS);
/**
 * One bit per pair slot: whether it has a key. A text's pairs are looked up here first (128 KB,
 * which the cache keeps) and most of them have none, so the 2 MB of pairKeys is read for few.
 */
const pairAsked = new Int32Array((1 << PAIR_BITS) >>> 5);
const characterKeys = new Uint16Array(0x10000);
let nextKey = ALWAYS_KEY + 1;

interface TextIndex {
  /** Per key, the stamp of the last text that held it. */
  held: Uint32Array;
  stamp: number;
  text: string | undefined;
  /** nextKey when the text was indexed: a key given since then is not in the table yet. */
  keys: number;
}

const newIndex = (): TextIndex => ({ held: new Uint32Array(KEY_LIMIT), stamp: 0, text: undefined, keys: 0 });
const longTexts = newIndex();
const shortTexts = newIndex();

function pairSlot(first: number, second: number): number {
  return Math.imul(Math.imul(first, 0x9e3779b1) ^ second, 0x85ebca6b) >>> (32 - PAIR_BITS);
}

function keyOf(table: Uint16Array, at: number): number {
  let key = table[at]!;
  if (key === 0) {
    key = nextKey < KEY_LIMIT ? nextKey++ : ALWAYS_KEY;
    table[at] = key;
    if (table === pairKeys) pairAsked[at >>> 5]! |= 1 << (at & 31);
  }
  return key;
}

function indexOf(text: string): TextIndex {
  const index = text.length < SHORT_TEXT ? shortTexts : longTexts;
  if (text === index.text && index.keys === nextKey) return index;
  index.text = text;
  index.keys = nextKey;
  index.stamp += 1;
  if (index.stamp === 0xffffffff) {
    index.held.fill(0);
    index.stamp = 1;
  }
  const { held, stamp } = index;
  held[ALWAYS_KEY] = stamp;
  let previous = -1;
  for (let at = 0; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    const character = characterKeys[code]!;
    if (character !== 0) held[character] = stamp;
    if (previous !== -1) {
      const slot = pairSlot(previous, code);
      if ((pairAsked[slot >>> 5]! >>> (slot & 31)) & 1) held[pairKeys[slot]!] = stamp;
    }
    previous = code;
  }
  return index;
}

/** The keys of a string: of its character when it has one, else of each of its character pairs. */
function keysOf(part: string): number[] {
  if (part.length === 1) return [keyOf(characterKeys, part.charCodeAt(0))];
  const keys: number[] = [];
  for (let index = 1; index < part.length; index += 1)
    keys.push(keyOf(pairKeys, pairSlot(part.charCodeAt(index - 1), part.charCodeAt(index))));
  return keys;
}

function encodeClause(clause: Clause): Int32Array {
  const strings = clause.map(keysOf).sort((a, b) => a[0]! - b[0]!);
  const codes: number[] = [];
  let groupStart = -1;
  for (const [index, keys] of strings.entries()) {
    if (index === 0 || keys[0] !== strings[index - 1]![0]) {
      // The previous group's strings jump here when their shared first key is missing.
      for (let at = groupStart; at !== -1 && at < codes.length; at += 2 + codes[at]!) codes[at + 1] = codes.length;
      groupStart = codes.length;
    }
    codes.push(keys.length, 0, ...keys);
  }
  for (let at = groupStart; at !== -1 && at < codes.length; at += 2 + codes[at]!) codes[at + 1] = codes.length;
  return Int32Array.from(codes);
}

/** Whether the text may hold one of the clause's strings: each of its keys occurs in the text (pairs are hashed, so "may"). */
function clauseMayHold(codes: Int32Array, { held, stamp }: TextIndex): boolean {
  let at = 0;
  while (at < codes.length) {
    const count = codes[at]!;
    let holds = true;
    for (let item = 0; item < count; item += 1) {
      if (held[codes[at + 2 + item]!] !== stamp) {
        holds = false;
        // Without the first key, no string of the group is there.
        if (item === 0) at = codes[at + 1]!;
        else at += 2 + count;
        break;
      }
    }
    if (holds) return true;
  }
  return false;
}

/** Whether `text` meets every clause (undefined: nothing is known, so yes). */
export function meetsNeeds(text: string, needs: Needs | undefined): boolean {
  if (!needs) return true;
  const index = indexOf(text);
  for (const codes of needs.codes) if (!clauseMayHold(codes, index)) return false;
  return true;
}
