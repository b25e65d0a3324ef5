// npm run eval: lints every sentence of the accuracy corpus with the compliance engine and prints
// precision and recall per rule family, then the sentences it got wrong. Exit 1 below the bars.
// Held-out sets (test/compliance-eval/holdout*.yaml, sentences written apart from the engine's
// tuning) are scored the same way, so over-fitting to the corpus shows.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintMarkdown } from '../../src/core/compliance/index.ts';
import { corpusFiles, evaluate, formatFailures, formatTable, loadCorpus, precision, PRECISION_BAR, recall, RECALL_BAR } from './accuracy.ts';

const folder = path.join(fileURLToPath(new URL('../..', import.meta.url)), 'test/compliance-eval');
let allMet = true;
for (const file of corpusFiles(folder)) {
  const entries = await loadCorpus(file);
  const report = evaluate(entries, (source, options) => lintMarkdown(source, options));
  const met = precision(report.overall) >= PRECISION_BAR && recall(report.overall) >= RECALL_BAR;
  allMet &&= met;
  process.stdout.write(`mpflow compliance accuracy — ${entries.length} sentences from ${path.relative(process.cwd(), file)}\n\n`);
  process.stdout.write(`${formatTable(report, entries)}\n`);
  if (report.failures.length > 0) process.stdout.write(`\n${report.failures.length} sentences not judged as expected:\n${formatFailures(report)}\n`);
  process.stdout.write(`\nbars: precision ≥ ${PRECISION_BAR}, recall ≥ ${RECALL_BAR} — ${met ? 'met' : 'NOT met'}\n\n`);
}
process.exitCode = allMet ? 0 : 1;
