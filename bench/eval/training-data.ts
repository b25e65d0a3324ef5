// The labelled sentences the sentence classifier learns from, and their digest. The trainer
// (scripts/dev/train-classifier.ts) writes the digest into content-model.json; a test recomputes it
// from the corpus as it is now, so a model left stale after the corpus changed fails at once,
// without retraining in the test.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { corpusFiles, loadCorpus } from './accuracy.ts';
import { CONTENT_FAMILIES, loadRealCorpus } from './real-corpus.ts';
import { buildTextView } from '../../src/core/compliance/text-view.ts';

/**
 * The classifier's heads: one per modelled family, plus `family:label` heads for finer labels whose
 * wording differs from the rest of the family. Weibo-style rumours (k: rumour) read nothing like
 * fraud scripts or clickbait; one lexicon head had to set its threshold for the rumours' weak
 * evidence and lost the lures. A head's verdict is reported as its family's.
 */
export const SEPARATE_LABELS: Readonly<Record<string, readonly string[]>> = { lexicon: ['rumour'] };

/**
 * Heads that judge a paragraph (a line) rather than a sentence: a rumour's evidence is spread over
 * a post's several sentences (a claim, a detail, an appeal to spread it), none enough alone.
 */
export const PARAGRAPH_HEADS: readonly string[] = ['lexicon:rumour'];

export function modelHeads(families: readonly string[]): string[] {
  return families.flatMap((family) => [
    family,
    ...(SEPARATE_LABELS[family] ?? []).map((label) => `${family}:${label}`),
  ]);
}

/** The heads an entry is a positive of: its families, a separately modelled label taking its family's place. */
function headsOf(expect: readonly string[], label: string | undefined): Set<string> {
  return new Set(
    expect.map((family) => (label && SEPARATE_LABELS[family]?.includes(label) ? `${family}:${label}` : family)),
  );
}

export interface Example {
  text: string;
  families: Set<string>;
}

export interface TrainingData {
  /** The project's own tuned sets and the TRAIN split of corpus-real: what the weights are fitted on. */
  train: Example[];
  /** The DEV split: what thresholds are chosen on. The TEST split and the blind sets are never read. */
  dev: Example[];
  /** The files read, relative to the project root. */
  files: string[];
  sha256: string;
}

function normalise(text: string): string {
  return buildTextView(text).text;
}

export async function trainingData(root: string): Promise<TrainingData> {
  const real = loadRealCorpus(path.join(root, 'test/compliance-eval/corpus-real'));
  const ownFiles = corpusFiles(path.join(root, 'test/compliance-eval'));
  const own: Example[] = [];
  for (const file of ownFiles)
    for (const entry of await loadCorpus(file))
      own.push({
        text: normalise(entry.text),
        families: new Set(entry.expect.filter((family) => (CONTENT_FAMILIES as readonly string[]).includes(family))),
      });
  const train: Example[] = [
    ...own,
    ...real
      .filter((entry) => entry.split === 'train')
      .map((entry) => ({ text: normalise(entry.text), families: headsOf(entry.expect, entry.label) })),
  ];
  const dev: Example[] = real
    .filter((entry) => entry.split === 'dev')
    .map((entry) => ({ text: normalise(entry.text), families: headsOf(entry.expect, entry.label) }));
  const labelled = [...train, ...dev].map((example) => [example.text, [...example.families].sort()]);
  return {
    train,
    dev,
    files: [
      ...ownFiles.map((file) => path.relative(root, file)),
      'test/compliance-eval/corpus-real (train split; dev split for thresholds)',
    ],
    sha256: createHash('sha256').update(JSON.stringify(labelled)).digest('hex'),
  };
}
