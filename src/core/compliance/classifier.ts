import { readFileSync } from 'node:fs';

/**
 * A small, explainable sentence classifier for the families that word lists cannot hold
 * (rumours, clickbait, fraud lures, and the long tail of medical, finance and education claims):
 * naive Bayes over character bigrams and trigrams of the normalised view, one-vs-rest per family.
 * A sentence's score is the family's prior log-odds plus the summed log-likelihood ratios of the
 * n-grams it contains; the n-grams that add the most are the reason shown with the finding.
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
  /** n-gram → log P(g | family) − log P(g | not family). */
  weights: Record<string, number>;
}

export interface ContentModel {
  version: 1;
  ngrams: readonly number[];
  /** What the model was trained on: files, sentence count and the SHA-256 of the labelled data. */
  trainedOn: { files: string[]; sentences: number; sha256: string };
  families: Record<string, FamilyModel>;
}

let model: ContentModel | undefined;

export function contentModel(): ContentModel {
  model ??= JSON.parse(readFileSync(new URL('./content-model.json', import.meta.url), 'utf8')) as ContentModel;
  return model;
}

/** Characters kept for n-grams: CJK ideographs, Latin letters and digits (each digit run becomes 0). */
function featureText(text: string): string {
  let out = '';
  let lastDigit = false;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= 0x30 && code <= 0x39) {
      if (!lastDigit) out += '0';
      lastDigit = true;
      continue;
    }
    lastDigit = false;
    if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0x61 && code <= 0x7a)) out += char;
    else if (!out.endsWith(' ')) out += ' ';
  }
  return out;
}

/** The distinct n-grams of a normalised sentence (n-grams do not span punctuation or spaces). */
export function sentenceFeatures(normalised: string, sizes: readonly number[]): Set<string> {
  const features = new Set<string>();
  for (const run of featureText(normalised).split(' ')) {
    const chars = [...run];
    for (const size of sizes) for (let index = 0; index + size <= chars.length; index += 1) features.add(chars.slice(index, index + size).join(''));
  }
  return features;
}

export interface Verdict {
  family: string;
  score: number;
  /** The n-grams that raised the score most, strongest first. */
  reasons: string[];
}

/** The families whose score reaches their threshold for one normalised sentence. */
export function classifySentence(normalised: string, given: ContentModel = contentModel()): Verdict[] {
  const features = sentenceFeatures(normalised, given.ngrams);
  if (features.size === 0) return [];
  const verdicts: Verdict[] = [];
  for (const [family, familyModel] of Object.entries(given.families)) {
    let score = familyModel.prior;
    const contributions: Array<[string, number]> = [];
    for (const feature of features) {
      const weight = familyModel.weights[feature];
      if (weight === undefined) continue;
      score += weight;
      if (weight > 0) contributions.push([feature, weight]);
    }
    if (score < familyModel.threshold) continue;
    // Phrases of two or more characters explain better than single characters: they come first.
    contributions.sort((a, b) => Number(b[0].length > 1) - Number(a[0].length > 1) || b[1] - a[1]);
    // Overlapping n-grams say the same thing twice (刷单, 刷单返): keep those that add a new phrase.
    const reasons: string[] = [];
    for (const [feature] of contributions) {
      if (reasons.some((kept) => kept.includes(feature) || feature.includes(kept))) continue;
      reasons.push(feature);
      if (reasons.length === 3) break;
    }
    verdicts.push({ family, score, reasons });
  }
  return verdicts;
}

/** Sentence spans of a normalised text: [start, end) offsets, ends included with their punctuation. */
export function sentenceSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let start = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (char === '。' || char === '！' || char === '？' || char === '!' || char === '?' || char === '\n' || char === '；' || char === ';') {
      if (index > start) spans.push([start, index + (char === '\n' ? 0 : 1)]);
      start = index + 1;
    }
  }
  if (start < text.length) spans.push([start, text.length]);
  return spans;
}
