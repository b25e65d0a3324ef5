// The labelled sentences the sentence classifier learns from, and their digest. The trainer
// (scripts/dev/train-classifier.ts) writes the digest into content-model.json; a test recomputes it
// from the corpus as it is now, so a model left stale after the corpus changed fails at once,
// without retraining in the test.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { corpusFiles, loadCorpus } from './accuracy.ts';
import { CONTENT_FAMILIES, loadRealCorpus } from './real-corpus.ts';
import { buildTextView } from '../../src/core/compliance/text-view.ts';

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
  for (const file of ownFiles) for (const entry of await loadCorpus(file)) own.push({ text: normalise(entry.text), families: new Set(entry.expect.filter((family) => (CONTENT_FAMILIES as readonly string[]).includes(family))) });
  const train: Example[] = [...own, ...real.filter((entry) => entry.split === 'train').map((entry) => ({ text: normalise(entry.text), families: new Set<string>(entry.expect) }))];
  const dev: Example[] = real.filter((entry) => entry.split === 'dev').map((entry) => ({ text: normalise(entry.text), families: new Set<string>(entry.expect) }));
  const labelled = [...train, ...dev].map((example) => [example.text, [...example.families].sort()]);
  return {
    train,
    dev,
    files: [...ownFiles.map((file) => path.relative(root, file)), 'test/compliance-eval/corpus-real (train split; dev split for thresholds)'],
    sha256: createHash('sha256').update(JSON.stringify(labelled)).digest('hex'),
  };
}
