import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Word boundaries of the normalised view, by jieba's segmenter (@node-rs/jieba, a native addon
 * shipped in the npm package for each platform: nothing is downloaded at install or run time).
 *
 * The segmenter is loaded on the first question about a word boundary, never at import, and only
 * the phrase entries that ask (wordStart, wordEnd, notBeforeWord) do, once a candidate match has
 * passed every other test: a text with no such candidate never loads it. Building jieba's full
 * 350,000-word dictionary takes about 0.45 s; the words that occur at least DICTIONARY_MIN_FREQUENCY
 * times in jieba's own counts (about 80,000) take about 60 ms, 0.13 s with loading the addon and
 * reading the file (measured here), and segment the words the rules care about (积极/品质,
 * 牙刷/单价, 历史/上, 第一批, 自然保护区) the same way. Where the addon cannot load
 * (a platform without a prebuilt binary), every question answers "no boundary information" and
 * the rules behave as they did without it.
 */
const DICTIONARY_MIN_FREQUENCY = 20;
/** Segmented sentences kept, by text: a rule asks about several matches of one sentence. */
const CACHE_LIMIT = 512;

interface Segmenter {
  cut(sentence: string, hmm?: boolean): string[];
}

let segmenter: Segmenter | null | undefined;
const cache = new Map<string, Uint8Array>();

function load(): Segmenter | null {
  if (segmenter !== undefined) return segmenter;
  try {
    const require = createRequire(import.meta.url);
    const { Jieba } = require('@node-rs/jieba') as { Jieba: { withDict(dict: Uint8Array): Segmenter } };
    const dictionaryFile = path.join(path.dirname(require.resolve('@node-rs/jieba/package.json')), 'dict.txt');
    segmenter = Jieba.withDict(commonWords(readFileSync(dictionaryFile)));
  } catch {
    segmenter = null;
  }
  return segmenter;
}

/**
 * The dictionary's lines (`word frequency tag`) whose frequency reaches the minimum, filtered on the
 * bytes (decoding 5 MB of UTF-8 and splitting it into 350,000 strings took 0.3 s; this takes a few ms).
 */
function commonWords(dictionary: Buffer): Buffer {
  const kept = Buffer.allocUnsafe(dictionary.length);
  let length = 0;
  let from = 0;
  const SPACE = 0x20;
  const NEWLINE = 0x0a;
  while (from < dictionary.length) {
    let to = dictionary.indexOf(NEWLINE, from);
    if (to === -1) to = dictionary.length;
    const space = dictionary.indexOf(SPACE, from);
    if (space !== -1 && space < to) {
      let frequency = 0;
      for (let index = space + 1; index < to; index += 1) {
        const byte = dictionary[index]!;
        if (byte < 0x30 || byte > 0x39) break;
        frequency = frequency * 10 + (byte - 0x30);
      }
      if (frequency >= DICTIONARY_MIN_FREQUENCY) {
        dictionary.copy(kept, length, from, to);
        length += to - from;
        kept[length] = NEWLINE;
        length += 1;
      }
    }
    from = to + 1;
  }
  return kept.subarray(0, length);
}

/** True once the segmenter has been asked for (for tests of the lazy load). */
export function segmenterLoaded(): boolean {
  return segmenter !== undefined;
}

/**
 * Boundaries of one sentence: boundaries[i] is 1 when a word starts at offset i (and at
 * sentence.length). Undefined when the segmenter is not available.
 */
export function wordBoundaries(sentence: string): Uint8Array | undefined {
  const known = cache.get(sentence);
  if (known) return known;
  const jieba = load();
  if (!jieba) return undefined;
  const boundaries = new Uint8Array(sentence.length + 1);
  let offset = 0;
  for (const word of jieba.cut(sentence, true)) {
    boundaries[offset] = 1;
    offset += word.length;
  }
  boundaries[sentence.length] = 1;
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(sentence, boundaries);
  return boundaries;
}

/** The words of a sentence, in order (for explanations and tests). */
export function words(sentence: string): string[] | undefined {
  const jieba = load();
  return jieba ? jieba.cut(sentence, true) : undefined;
}

const SENTENCE_BREAK = /[。！？!?；;\n]/;

/** The sentence of `text` around [start, end): its offsets. */
export function sentenceAround(text: string, start: number, end: number): [number, number] {
  let from = start;
  while (from > 0 && !SENTENCE_BREAK.test(text[from - 1]!)) from -= 1;
  let to = end;
  while (to < text.length && !SENTENCE_BREAK.test(text[to]!)) to += 1;
  return [from, to];
}

/**
 * Whether the match [start, end) of `text` begins inside a word that began before it: 抗癌 in
 * 对抗癌症 (对抗/癌症), 极品 in 积极品质, 刷单 in 牙刷单价, 特供 in 独特供应. Such a match is made of
 * the tail of one word and the head of the next, not the phrase the rule is about. Undefined when
 * the segmenter is not available.
 */
export function startsInsideWord(text: string, start: number, end: number): boolean | undefined {
  if (start === 0 || !isHan(text.charCodeAt(start - 1)) || !isHan(text.charCodeAt(start))) return false;
  const [from, to] = sentenceAround(text, start, end);
  const boundaries = wordBoundaries(text.slice(from, to));
  if (!boundaries) return undefined;
  return boundaries[start - from] === 0;
}

/** Whether the match ends inside a word that goes on after it (第一 in 第一批 when a rule asks). */
export function endsInsideWord(text: string, start: number, end: number): boolean | undefined {
  if (end >= text.length || !isHan(text.charCodeAt(end - 1)) || !isHan(text.charCodeAt(end))) return false;
  const [from, to] = sentenceAround(text, start, end);
  const boundaries = wordBoundaries(text.slice(from, to));
  if (!boundaries) return undefined;
  return boundaries[end - from] === 0;
}

/**
 * The next `count` words after offset `end` in its sentence, each whole ([] at the sentence's end;
 * a match that ends inside a word gives the rest of that word first); undefined without the segmenter.
 */
export function wordsAfter(text: string, end: number, count: number): string[] | undefined {
  const [from, to] = sentenceAround(text, end, end);
  const sentence = text.slice(from, to);
  const boundaries = wordBoundaries(sentence);
  if (!boundaries) return undefined;
  const found: string[] = [];
  let at = end - from;
  while (found.length < count && at < sentence.length) {
    let stop = at + 1;
    while (stop < sentence.length && boundaries[stop] === 0) stop += 1;
    found.push(sentence.slice(at, stop));
    at = stop;
  }
  return found;
}

function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
}
