// npm run eval: lints every sentence of the accuracy corpus with the compliance engine and prints
// precision and recall per rule family, then the sentences it got wrong. Exit 1 below the bars.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintMarkdown } from '../../src/core/compliance/index.ts';
import { evaluate, formatFailures, formatTable, loadCorpus, precision, PRECISION_BAR, recall, RECALL_BAR } from './accuracy.ts';

const corpusFile = path.join(fileURLToPath(new URL('../..', import.meta.url)), 'test/compliance-eval/corpus.yaml');
const entries = await loadCorpus(corpusFile);
const report = evaluate(entries, (source, options) => lintMarkdown(source, options));
process.stdout.write(`mpflow compliance accuracy — ${entries.length} sentences from ${path.relative(process.cwd(), corpusFile)}\n\n`);
process.stdout.write(`${formatTable(report, entries)}\n`);
if (report.failures.length > 0) process.stdout.write(`\n${report.failures.length} sentences not judged as expected:\n${formatFailures(report)}\n`);
const passes = precision(report.overall) >= PRECISION_BAR && recall(report.overall) >= RECALL_BAR;
process.stdout.write(`\nbars: precision ≥ ${PRECISION_BAR}, recall ≥ ${RECALL_BAR} — ${passes ? 'met' : 'NOT met'}\n`);
process.exitCode = passes ? 0 : 1;
