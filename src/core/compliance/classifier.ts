import { readFileSync } from 'node:fs';

/**
 * A small, explainable sentence classifier for the families that word lists cannot hold
 * (rumours, clickbait, fraud lures, and the long tail of medical, finance and education claims):
 * logistic regression over character n-grams of the normalised view, one-vs-rest per head.
 * A sentence's score is the head's prior log-odds plus the weights of the n-grams it contains
 * (each counted once); the n-grams that add the most are the reason shown with the finding.
 * Punctuation marks listed in the model (`marks`: 【, “, @, !, 。…) are features too, one per mark
 * present: a post that names its source in quotes or brackets reads differently from one that
 * shouts. No n-gram spans a mark.
 * Most heads judge one sentence at a time; a head of `paragraph` scope (rumours, whose evidence is
 * spread over a post's several sentences) judges the whole paragraph, a line of the text.
 *
 * The model is trained by scripts/dev/train-classifier.ts from the split corpus and committed as
 * content-model.json with the digest of the data it was trained on. It is read on first use (a
 * JSON file of a few hundred kilobytes, a few milliseconds), never at import.
 */
export interface FamilyModel {
  /** Prior log-odds of the family. */
  prior: number;
  /** Score at or above which a sentence is reported (chosen on the dev split). */
  threshold: number;
  /** n-gram → weight (logistic regression; positive raises the family's score). */
  weights: Record<string, number>;
}

/**
 * The model file: the n-grams once, and per family its prior, threshold and one weight per n-gram
 * (0 where the family gives it none). Arrays, not objects keyed by n-gram: they parse and load in
 * a fraction of the time.
 */
export type Scope = 'sentence' | 'paragraph';

export interface ContentModel {
  version: 4;
  ngrams: readonly number[];
  /** Punctuation marks that are features of their own (each a one-character feature; none is inside an n-gram). */
  marks: string;
  /** What the model was trained on: files, sentence count and the SHA-256 of the labelled data. */
  trainedOn: { files: string[]; sentences: number; sha256: string };
  families: string[];
  /** Per family: what one judgement covers, a sentence or a paragraph (a line of the text). */
  scopes: Scope[];
  priors: number[];
  thresholds: number[];
  features: string[];
  /** Row-major: weights[feature × families.length + family]. */
  weights: number[];
}

/** The model file for a set of fitted families. */
export function packModel(
  ngrams: readonly number[],
  trainedOn: ContentModel['trainedOn'],
  fitted: Record<string, FamilyModel>,
  paragraphHeads: readonly string[] = [],
  marks = '',
): ContentModel {
  const families = Object.keys(fitted);
  const features = [...new Set(families.flatMap((family) => Object.keys(fitted[family]!.weights)))].sort();
  const weights: number[] = [];
  for (const feature of features) for (const family of families) weights.push(fitted[family]!.weights[feature] ?? 0);
  return {
    version: 4,
    ngrams,
    marks,
    trainedOn,
    families,
    scopes: families.map((family) => (paragraphHeads.includes(family) ? 'paragraph' : 'sentence')),
    priors: families.map((family) => fitted[family]!.prior),
    thresholds: families.map((family) => fitted[family]!.threshold),
    features,
    weights,
  };
}

let model: ContentModel | undefined;

/** Far below the 0.001 steps of weights and thresholds, far above a float sum's rounding error. */
const SCORE_TOLERANCE = 1e-9;

export function contentModel(): ContentModel {
  model ??= JSON.parse(readFileSync(new URL('./content-model.json', import.meta.url), 'utf8')) as ContentModel;
  return model;
}

/**
 * The model as the scorer reads it: an open-addressing hash table over the n-grams (each a number
 * built from its UTF-16 units), pointing into one weight matrix, so that scoring a sentence makes
 * no strings and no map lookups (about 30 ns an n-gram instead of 800 with a Map).
 */
interface Compiled {
  families: string[];
  /** Per family: 1 when it judges paragraphs, 0 when it judges sentences. */
  paragraph: Uint8Array;
  /** The families that judge sentences and those that judge paragraphs: each n-gram adds to its own scope's only. */
  sentenceHeads: Int32Array;
  paragraphHeads: Int32Array;
  priors: Float64Array;
  /**
   * Each head's threshold less SCORE_TOLERANCE: weights and thresholds are multiples of 0.001 and a
   * threshold is often a dev sentence's exact score, but a sum's last bits depend on the order of its
   * terms (a line scored alone, or within its text), so a score equal to its threshold must reach it
   * whichever way it was summed.
   */
  thresholds: Float64Array;
  mask: number;
  /** Slot → n-gram key (0 = empty). */
  keys: Float64Array;
  /** Slot → feature index. */
  slots: Int32Array;
  /** feature × family weights. */
  matrix: Float64Array;
  features: string[];
  /** Per feature: the sentence that last counted it (each n-gram counts once per sentence). */
  stamp: Int32Array;
  /** Per feature: the paragraph that last counted it (once per paragraph for the paragraph heads). */
  paragraphStamp: Int32Array;
  sizes: readonly number[];
  /** Per n-gram size: 1 where a unit starts (bit 1) or ends (bit 2) some feature of that size; most n-grams fail this and are never looked up. */
  edges: Uint8Array[];
  /**
   * Bit sets of hashed pairs of units (pairFilterSlot): the bigram features, the first two units of
   * the trigram features and their last two. A pair whose bit is clear starts or ends no such
   * feature, so the n-gram is not looked up; a set bit may be another pair's (the lookup decides).
   * They fit the processor's first cache, which the feature table does not: most n-grams that pass
   * `edges` are no feature, and their lookups were most of the scorer's time.
   */
  bigramPairs: Int32Array;
  trigramHeads: Int32Array;
  trigramTails: Int32Array;
  /**
   * Per UTF-16 unit, what the scorer needs in one load: its class (bits 0–1, UNIT_CLASS), whether it
   * ends a sentence (bit 7) and the position of its mark in markFeatures (bits 2–6, 0: no mark).
   */
  units: Uint8Array;
  /** Per mark position (from 1): its feature. At most 30 marks, so that a sentence's marks fit one bit mask. */
  markFeatures: Int32Array;
  /** The marks (as bits: 1 << position) that some sentence head, and some paragraph head, gives a weight. */
  sentenceMarkMask: number;
  paragraphMarkMask: number;
}

/** An n-gram of up to three UTF-16 units as one exact number (3 × 16 bits, times 4 for the size, < 2^53). */
function keyOf(text: string, from: number, size: number): number {
  let key = 0;
  for (let index = from; index < from + size; index += 1) key = key * 65536 + text.charCodeAt(index);
  return key * 4 + size;
}

function hashOf(text: string, from: number, size: number): number {
  let hash = size;
  for (let index = from; index < from + size; index += 1) hash = Math.imul(hash ^ text.charCodeAt(index), 0x9e3779b1);
  return (hash ^ (hash >>> 15)) >>> 0;
}

const compiledOf = new WeakMap<ContentModel, Compiled>();

function compile(given: ContentModel): Compiled {
  let compiled = compiledOf.get(given);
  if (compiled) return compiled;
  const { families, features } = given;
  let size = 1;
  while (size < features.length * 4) size *= 2;
  const mask = size - 1;
  const keys = new Float64Array(size);
  const slots = new Int32Array(size);
  features.forEach((feature, index) => {
    let slot = hashOf(feature, 0, feature.length) & mask;
    while (keys[slot] !== 0) slot = (slot + 1) & mask;
    keys[slot] = keyOf(feature, 0, feature.length);
    slots[slot] = index;
  });
  compiled = {
    families,
    paragraph: Uint8Array.from(families.map((_, index) => (given.scopes?.[index] === 'paragraph' ? 1 : 0))),
    sentenceHeads: Int32Array.from(
      families.flatMap((_, index) => (given.scopes?.[index] === 'paragraph' ? [] : [index])),
    ),
    paragraphHeads: Int32Array.from(
      families.flatMap((_, index) => (given.scopes?.[index] === 'paragraph' ? [index] : [])),
    ),
    priors: Float64Array.from(given.priors),
    thresholds: Float64Array.from(given.thresholds, (threshold) => threshold - SCORE_TOLERANCE),
    mask,
    keys,
    slots,
    matrix: Float64Array.from(given.weights),
    features,
    stamp: new Int32Array(features.length).fill(-1),
    paragraphStamp: new Int32Array(features.length).fill(-1),
    sizes: given.ngrams,
    ...(() => {
      const units = Uint8Array.from(UNIT_CLASS);
      for (const code of SENTENCE_ENDS) units[code]! |= SENTENCE_END;
      const markFeatures = [-1];
      for (const mark of given.marks ?? '') {
        const feature = lookup({ keys, slots, mask } as Compiled, mark, 0, 1);
        if (feature === -1 || markFeatures.length > 30) continue;
        units[mark.charCodeAt(0)]! |= markFeatures.length << 2;
        markFeatures.push(feature);
      }
      const weighed = (scope: 'sentence' | 'paragraph') => {
        let bits = 0;
        markFeatures.forEach((feature, mark) => {
          if (mark === 0) return;
          for (let family = 0; family < families.length; family += 1)
            if (
              (given.scopes?.[family] === 'paragraph') === (scope === 'paragraph') &&
              given.weights[feature * families.length + family] !== 0
            )
              bits |= 1 << mark;
        });
        return bits;
      };
      return {
        units,
        markFeatures: Int32Array.from(markFeatures),
        sentenceMarkMask: weighed('sentence'),
        paragraphMarkMask: weighed('paragraph'),
      };
    })(),
    bigramPairs: pairFilter(features, 2, 0),
    trigramHeads: pairFilter(features, 3, 0),
    trigramTails: pairFilter(features, 3, 1),
    edges: [1, 2, 3].map((size) => {
      const edge = new Uint8Array(65536);
      for (const feature of features) {
        if (feature.length !== size) continue;
        edge[feature.charCodeAt(0)]! |= 1;
        edge[feature.charCodeAt(size - 1)]! |= 2;
      }
      return edge;
    }),
  };
  compiledOf.set(given, compiled);
  return compiled;
}

/** 2^16 bits per pair filter: about one in ten is set by the model's 5,800 bigrams. */
const PAIR_FILTER_BITS = 16;

function pairFilterSlot(first: number, second: number): number {
  return Math.imul(Math.imul(first, 0x9e3779b1) ^ second, 0x85ebca6b) >>> (32 - PAIR_FILTER_BITS);
}

/** The pair filter of the features of `size` units, on their units at `at` and `at + 1`. */
function pairFilter(features: readonly string[], size: number, at: number): Int32Array {
  const bits = new Int32Array(1 << (PAIR_FILTER_BITS - 5));
  for (const feature of features) {
    if (feature.length !== size) continue;
    const slot = pairFilterSlot(feature.charCodeAt(at), feature.charCodeAt(at + 1));
    bits[slot >>> 5]! |= 1 << (slot & 31);
  }
  return bits;
}

function pairMayBe(bits: Int32Array, first: number, second: number): boolean {
  const slot = pairFilterSlot(first, second);
  return (bits[slot >>> 5]! & (1 << (slot & 31))) !== 0;
}

function lookup(compiled: Compiled, text: string, from: number, size: number): number {
  const key = keyOf(text, from, size);
  let slot = hashOf(text, from, size) & compiled.mask;
  for (;;) {
    const found = compiled.keys[slot]!;
    if (found === key) return compiled.slots[slot]!;
    if (found === 0) return -1;
    slot = (slot + 1) & compiled.mask;
  }
}

/** Runs of CJK ideographs and Latin letters; each run of digits becomes 0; anything else splits. */
function featureRuns(text: string): string[] {
  return text.replace(/[0-9]+/g, '0').split(/[^a-z0\u3400-\u4dbf\u4e00-\u9fff]+/);
}

/** The distinct n-grams of a normalised sentence (n-grams do not span punctuation or spaces), and the marks it has. */
export function sentenceFeatures(normalised: string, sizes: readonly number[], marks = ''): Set<string> {
  const features = new Set<string>();
  for (const run of featureRuns(normalised))
    for (const size of sizes)
      for (let index = 0; index + size <= run.length; index += 1) features.add(run.slice(index, index + size));
  for (const char of normalised) if (marks.includes(char)) features.add(char);
  return features;
}

export interface Verdict {
  family: string;
  score: number;
  /** The n-grams that raised the score most, strongest first. */
  reasons: string[];
}

let sentenceCount = 0;
let paragraphCount = 0;

/**
 * The families whose score reaches their threshold for one normalised text taken as one unit
 * (a sentence, or a paragraph for the paragraph heads); `scope` keeps only the heads of that scope.
 */
export function classifySentence(normalised: string, given: ContentModel = contentModel(), scope?: Scope): Verdict[] {
  const compiled = compile(given);
  const { families, priors, matrix, stamp, sizes } = compiled;
  const width = families.length;
  const scores = Float64Array.from(priors);
  const sentence = (sentenceCount = (sentenceCount + 1) & 0x3fffffff);
  const counted: number[] = [];
  const count = (feature: number) => {
    if (feature === -1 || stamp[feature] === sentence) return;
    stamp[feature] = sentence;
    counted.push(feature);
    for (let family = 0; family < width; family += 1) scores[family]! += matrix[feature * width + family]!;
  };
  for (const run of featureRuns(normalised))
    for (const size of sizes)
      for (let index = 0; index + size <= run.length; index += 1) count(lookup(compiled, run, index, size));
  // The marks after the n-grams, in the model's order of marks: as classifyText adds them.
  let marks = 0;
  for (let index = 0; index < normalised.length; index += 1)
    marks |= 1 << markOf(compiled.units[normalised.charCodeAt(index)]!);
  for (let mark = 1; mark < compiled.markFeatures.length; mark += 1)
    if ((marks & (1 << mark)) !== 0) count(compiled.markFeatures[mark]!);
  return verdictsOf(compiled, scores, counted, scope === undefined ? -1 : scope === 'paragraph' ? 1 : 0);
}

/** Per UTF-16 unit: 0 splits a run, 1 is a character kept as it is, 2 is a digit (a run of them is one 0). */
const UNIT_CLASS = (() => {
  const table = new Uint8Array(65536);
  for (let code = 0x61; code <= 0x7a; code += 1) table[code] = 1;
  for (let code = 0x3400; code <= 0x4dbf; code += 1) table[code] = 1;
  for (let code = 0x4e00; code <= 0x9fff; code += 1) table[code] = 1;
  for (let code = 0x30; code <= 0x39; code += 1) table[code] = 2;
  return table;
})();

/** What ends a sentence: 。！？!? a newline and ；; (as sentenceSpans). */
const SENTENCE_ENDS = [0x3002, 0xff01, 0xff1f, 0x21, 0x3f, 0x0a, 0xff1b, 0x3b];
/** The bit of a unit (Compiled.units) that ends a sentence. */
const SENTENCE_END = 128;

/** The position in markFeatures of a unit's mark, from its entry in Compiled.units (0: none). */
function markOf(unit: number): number {
  return (unit >> 2) & 31;
}

export interface SentenceVerdicts {
  /** The sentence's (or paragraph's) offsets in the text: [start, end), a sentence's closing punctuation included. */
  start: number;
  end: number;
  /** What the verdicts judged: one sentence, or the paragraph (the line) for the paragraph heads. */
  scope: Scope;
  verdicts: Verdict[];
}

/**
 * Every sentence of a normalised text that reaches a sentence head's threshold, and every paragraph
 * (line) that reaches a paragraph head's, in one pass over the text: the same sentences
 * (sentenceSpans), paragraphs (paragraphSpans) and n-grams (sentenceFeatures) as classifySentence,
 * without slicing a string per sentence or per n-gram. A paragraph comes after its sentences.
 */
export function classifyText(text: string, given: ContentModel = contentModel()): SentenceVerdicts[] {
  const compiled = compile(given);
  const { families, paragraph, priors, thresholds, matrix, stamp, paragraphStamp, sizes, keys, slots, mask } = compiled;
  const { sentenceHeads, paragraphHeads, units, bigramPairs, trigramHeads, trigramTails } = compiled;
  // The marks seen in the current sentence and paragraph, one bit each (bit 0: no mark, ignored).
  let sentenceMarks = 0;
  let paragraphMarks = 0;
  const anyParagraphHead = paragraphHeads.length > 0;
  const [edge1, edge2, edge3] = compiled.edges as [Uint8Array, Uint8Array, Uint8Array];
  const width = families.length;
  const scores = new Float64Array(width);
  const counted: number[] = [];
  const paragraphScores = Float64Array.from(priors);
  const paragraphCounted: number[] = [];
  let paragraphStart = 0;
  paragraphCount = (paragraphCount + 1) & 0x3fffffff;
  let paragraphId = paragraphCount;
  const results: SentenceVerdicts[] = [];
  const wantUnigrams = sizes.includes(1);
  const wantBigrams = sizes.includes(2);
  const wantTrigrams = sizes.includes(3);
  sentenceCount = (sentenceCount + 1) & 0x3fffffff;
  let sentence = sentenceCount;
  let start = 0;
  // The last two units of the current run (-1: none), digits already folded to 0.
  let previous = -1;
  let beforePrevious = -1;
  let lastWasDigit = false;
  scores.set(priors);
  const length = text.length;
  for (let index = 0; index <= length; index += 1) {
    let code = index < length ? text.charCodeAt(index) : 0x0a;
    const unit = units[code]!;
    if ((unit & SENTENCE_END) !== 0) {
      // A sentence's closing mark (!, ?, 。) is its own.
      const mark = 1 << markOf(unit);
      sentenceMarks |= mark;
      paragraphMarks |= mark;
      // The sentence heads weigh no mark today (they are trained without them): most sentences skip this.
      if ((sentenceMarks & compiled.sentenceMarkMask) !== 0)
        addMarks(compiled, sentenceMarks, scores, counted, sentenceHeads);
      sentenceMarks = 0;
      if (counted.length > 0) {
        let reached = false;
        for (let family = 0; family < width; family += 1)
          if (paragraph[family] === 0 && scores[family]! >= thresholds[family]!) reached = true;
        if (reached)
          results.push({
            start,
            end: index === length || code === 0x0a ? index : index + 1,
            scope: 'sentence',
            verdicts: verdictsOf(compiled, scores, counted, 0),
          });
        counted.length = 0;
        scores.set(priors);
      }
      if (anyParagraphHead && (index === length || code === 0x0a)) {
        if ((paragraphMarks & compiled.paragraphMarkMask) !== 0)
          addMarks(compiled, paragraphMarks, paragraphScores, paragraphCounted, paragraphHeads);
        paragraphMarks = 0;
        if (paragraphCounted.length > 0) {
          let reached = false;
          for (let family = 0; family < width; family += 1)
            if (paragraph[family] === 1 && paragraphScores[family]! >= thresholds[family]!) reached = true;
          if (reached)
            results.push({
              start: paragraphStart,
              end: index,
              scope: 'paragraph',
              verdicts: verdictsOf(compiled, paragraphScores, paragraphCounted, 1),
            });
          paragraphCounted.length = 0;
          paragraphScores.set(priors);
        }
        paragraphCount = (paragraphCount + 1) & 0x3fffffff;
        paragraphId = paragraphCount;
        paragraphStart = index + 1;
      }
      sentenceCount = (sentenceCount + 1) & 0x3fffffff;
      sentence = sentenceCount;
      start = index + 1;
      previous = -1;
      beforePrevious = -1;
      lastWasDigit = false;
      continue;
    }
    const kind = unit & 3;
    if (kind === 0) {
      const mark = 1 << markOf(unit);
      sentenceMarks |= mark;
      paragraphMarks |= mark;
      previous = -1;
      beforePrevious = -1;
      lastWasDigit = false;
      continue;
    }
    if (kind === 2) {
      if (lastWasDigit) continue;
      lastWasDigit = true;
      code = 0x30;
    } else lastWasDigit = false;
    // Up to three n-grams end here; each is looked up only when its first and last units can start and end a feature.
    for (let size = 1; size <= 3; size += 1) {
      let key: number;
      let hash: number;
      if (size === 1) {
        if (!wantUnigrams || edge1[code] !== 3) continue;
        key = code * 4 + 1;
        hash = hashUnits(1, code, 0, 0);
      } else if (size === 2) {
        if (!wantBigrams || previous === -1 || (edge2[previous]! & 1) === 0 || (edge2[code]! & 2) === 0) continue;
        if (!pairMayBe(bigramPairs, previous, code)) continue;
        key = (previous * 65536 + code) * 4 + 2;
        hash = hashUnits(2, previous, code, 0);
      } else {
        if (!wantTrigrams || beforePrevious === -1 || (edge3[beforePrevious]! & 1) === 0 || (edge3[code]! & 2) === 0)
          continue;
        if (!pairMayBe(trigramHeads, beforePrevious, previous) || !pairMayBe(trigramTails, previous, code)) continue;
        key = ((beforePrevious * 65536 + previous) * 65536 + code) * 4 + 3;
        hash = hashUnits(3, beforePrevious, previous, code);
      }
      let slot = hash & mask;
      let found = keys[slot]!;
      while (found !== 0 && found !== key) {
        slot = (slot + 1) & mask;
        found = keys[slot]!;
      }
      if (found === 0) continue;
      const feature = slots[slot]!;
      const row = feature * width;
      if (anyParagraphHead && paragraphStamp[feature] !== paragraphId) {
        paragraphStamp[feature] = paragraphId;
        paragraphCounted.push(feature);
        for (let head = 0; head < paragraphHeads.length; head += 1) {
          const family = paragraphHeads[head]!;
          paragraphScores[family]! += matrix[row + family]!;
        }
      }
      if (stamp[feature] === sentence) continue;
      stamp[feature] = sentence;
      counted.push(feature);
      for (let head = 0; head < sentenceHeads.length; head += 1) {
        const family = sentenceHeads[head]!;
        scores[family]! += matrix[row + family]!;
      }
    }
    beforePrevious = previous;
    previous = code;
  }
  return results;
}

/**
 * Adds the features of the marks in a bit mask (a sentence's or a paragraph's) to the heads' scores,
 * in the model's order of marks, after the n-grams. The loop only sets bits: a call or a stamp per
 * mark (commas and full stops are many) made the classifier about 8% slower on the bench.
 */
function addMarks(compiled: Compiled, marks: number, scores: Float64Array, counted: number[], heads: Int32Array): void {
  const { matrix, markFeatures } = compiled;
  const width = compiled.families.length;
  for (let mark = 1; mark < markFeatures.length; mark += 1) {
    if ((marks & (1 << mark)) === 0) continue;
    const feature = markFeatures[mark]!;
    counted.push(feature);
    for (let head = 0; head < heads.length; head += 1) {
      const family = heads[head]!;
      scores[family]! += matrix[feature * width + family]!;
    }
  }
}

/** hashOf for units given one by one (the same value for the same n-gram). */
function hashUnits(size: number, first: number, second: number, third: number): number {
  let hash = Math.imul(size ^ first, 0x9e3779b1);
  if (size > 1) hash = Math.imul(hash ^ second, 0x9e3779b1);
  if (size > 2) hash = Math.imul(hash ^ third, 0x9e3779b1);
  return (hash ^ (hash >>> 15)) >>> 0;
}

/** The verdicts of the heads that reach their threshold; `paragraph` 0 or 1 keeps the heads of that scope, -1 all. */
function verdictsOf(
  compiled: Compiled,
  scores: Float64Array,
  counted: readonly number[],
  paragraph: number,
): Verdict[] {
  const { families, thresholds, matrix } = compiled;
  const width = families.length;
  const verdicts: Verdict[] = [];
  for (let family = 0; family < width; family += 1) {
    if (paragraph !== -1 && compiled.paragraph[family] !== paragraph) continue;
    if (scores[family]! < thresholds[family]!) continue;
    const contributions: Array<[string, number]> = [];
    for (const feature of counted) {
      const weight = matrix[feature * width + family]!;
      if (weight > 0) contributions.push([compiled.features[feature]!, weight]);
    }
    // Phrases of two or more characters explain better than single characters: they come first.
    contributions.sort(
      (a, b) =>
        Number(b[0].length > 1) - Number(a[0].length > 1) || b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0),
    );
    // Overlapping n-grams say the same thing twice (刷单, 刷单返): keep those that add a new phrase.
    const reasons: string[] = [];
    for (const [feature] of contributions) {
      if (reasons.some((kept) => kept.includes(feature) || feature.includes(kept))) continue;
      reasons.push(feature);
      if (reasons.length === 3) break;
    }
    verdicts.push({ family: families[family]!, score: scores[family]!, reasons });
  }
  return verdicts;
}

/** Sentence spans of a normalised text: [start, end) offsets, ends included with their punctuation. */
export function sentenceSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let start = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (
      char === '。' ||
      char === '！' ||
      char === '？' ||
      char === '!' ||
      char === '?' ||
      char === '\n' ||
      char === '；' ||
      char === ';'
    ) {
      if (index > start) spans.push([start, index + (char === '\n' ? 0 : 1)]);
      start = index + 1;
    }
  }
  if (start < text.length) spans.push([start, text.length]);
  return spans;
}

/** Paragraph spans of a normalised text (its lines): [start, end) offsets, the newline left out, empty lines skipped. */
export function paragraphSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let start = 0;
  for (let index = 0; index <= text.length; index += 1) {
    if (index < text.length && text[index] !== '\n') continue;
    if (index > start) spans.push([start, index]);
    start = index + 1;
  }
  return spans;
}
