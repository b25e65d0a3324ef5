// The real-text report (part of npm run eval): the corpus-real sentences through the engine,
// sentence-level precision and recall per split, then per family and per script. Misses are
// listed for train and dev only: the test split is for the figure, never for tuning.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintMarkdown } from '../../src/core/compliance/index.ts';
import { buildTextView } from '../../src/core/compliance/text-view.ts';
import { familyRows, formatMisses, formatRows, judge, loadRealCorpus, scriptOf, sentenceRow, SPLITS } from './real-corpus.ts';

const folder = path.join(fileURLToPath(new URL('../..', import.meta.url)), 'test/compliance-eval/corpus-real');

export function realCorpusReport(options: { misses: boolean }): string {
  const entries = loadRealCorpus(folder);
  const outcomes = judge(entries, (source, lintOptions) => lintMarkdown(source, lintOptions));
  const simplified = (text: string) => buildTextView(text).text;
  const sources = new Set(entries.map((entry) => entry.sourceId)).size;
  const out: string[] = [`mpflow compliance accuracy on real text — ${entries.length} sentences from ${sources} public pages (test/compliance-eval/corpus-real, split by source)\n`];
  out.push(formatRows('split', SPLITS.map((split) => sentenceRow(split, outcomes.filter((outcome) => outcome.entry.split === split)))));
  for (const split of ['test', 'dev'] as const) {
    const part = outcomes.filter((outcome) => outcome.entry.split === split);
    out.push(`\n${split} split, per family:\n${formatRows('family', familyRows(part))}`);
    const scripts = (['Simplified', 'Traditional'] as const).map((script) => sentenceRow(script, part.filter((outcome) => scriptOf(outcome.entry.text, simplified) === script)));
    out.push(`\n${split} split, per script:\n${formatRows('script', scripts)}`);
  }
  if (options.misses) {
    const misses = formatMisses(outcomes.filter((outcome) => outcome.entry.split !== 'test'));
    out.push(`\n${misses.length} train/dev sentences not judged as expected (test-split misses are not shown):\n${misses.join('\n')}`);
  }
  return `${out.join('\n')}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(realCorpusReport({ misses: true }));
