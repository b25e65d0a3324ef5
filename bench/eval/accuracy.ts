import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { FAMILY_REGISTRY } from '../../src/core/compliance/registry.ts';
import type { ComplianceFamily } from '../../src/core/compliance/types.ts';

/** The rule families of the compliance engine: its registry, so a new family is scored without an edit here. */
export const FAMILIES: readonly ComplianceFamily[] = FAMILY_REGISTRY.map((entry) => entry.family);
export type Family = ComplianceFamily;

export interface CorpusEntry {
  text: string;
  expect: Family[];
  frontMatter?: Record<string, unknown>;
  note?: string;
  source: string;
}

/** What the evaluation needs from a finding: its family, and where and what it matched (for the report). */
export interface EvalFinding {
  family: string;
  ruleId: string;
  matched: string;
}

export type LintFunction = (
  source: string,
  options: { file: string; frontMatter: boolean },
) => { findings: EvalFinding[] };

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface EntryOutcome {
  index: number;
  entry: CorpusEntry;
  /** Families that fired, with the findings behind each. */
  fired: Map<string, EvalFinding[]>;
  falsePositives: string[];
  falseNegatives: string[];
  error?: string;
}

export interface EvalReport {
  byFamily: Map<string, Counts>;
  overall: Counts;
  outcomes: EntryOutcome[];
  failures: EntryOutcome[];
}

export class CorpusError extends Error {}

/** The sets of a corpus folder: corpus.yaml (tuned against), then every holdout*.yaml (written apart from the tuning). */
export function corpusFiles(folder: string): string[] {
  const holdouts = readdirSync(folder)
    .filter((name) => /^holdout.*\.yaml$/.test(name))
    .sort((a, b) => a.length - b.length || a.localeCompare(b));
  return [path.join(folder, 'corpus.yaml'), ...holdouts.map((name) => path.join(folder, name))];
}

/**
 * Reads the corpus fixture and checks its shape, so that a typo in the fixture (an unknown
 * family, a missing source) fails loudly instead of silently skewing the figures.
 */
export async function loadCorpus(file: string): Promise<CorpusEntry[]> {
  // Sources are shared through YAML anchors; the file is ours, so the alias limit is lifted.
  const document = parse(await readFile(file, 'utf8'), { maxAliasCount: -1 }) as { entries?: unknown };
  if (!document || !Array.isArray(document.entries)) throw new CorpusError(`${file}: no "entries" list`);
  return document.entries.map((raw, index) => validateEntry(raw, `${file} entries[${index}]`));
}

function validateEntry(raw: unknown, where: string): CorpusEntry {
  if (typeof raw !== 'object' || raw === null) throw new CorpusError(`${where}: not a mapping`);
  const entry = raw as Record<string, unknown>;
  if (typeof entry.text !== 'string' || entry.text.trim() === '')
    throw new CorpusError(`${where}: "text" must be a non-empty string`);
  if (!Array.isArray(entry.expect)) throw new CorpusError(`${where}: "expect" must be a list (empty for a negative)`);
  for (const family of entry.expect) {
    if (!(FAMILIES as readonly unknown[]).includes(family))
      throw new CorpusError(`${where}: unknown family "${String(family)}"`);
  }
  if (typeof entry.source !== 'string' || entry.source.trim() === '')
    throw new CorpusError(`${where}: "source" (a citation) is required`);
  if (entry.frontMatter !== undefined && (typeof entry.frontMatter !== 'object' || entry.frontMatter === null)) {
    throw new CorpusError(`${where}: "frontMatter" must be a mapping`);
  }
  return {
    text: entry.text,
    expect: entry.expect as Family[],
    source: entry.source,
    ...(entry.frontMatter ? { frontMatter: entry.frontMatter as Record<string, unknown> } : {}),
    ...(typeof entry.note === 'string' ? { note: entry.note } : {}),
  };
}

/** The Markdown document an entry stands for: its front matter block (if any), then the text. */
export function entryDocument(entry: CorpusEntry): string {
  if (!entry.frontMatter) return `${entry.text}\n`;
  return `---\n${stringify(entry.frontMatter).trimEnd()}\n---\n\n${entry.text}\n`;
}

/**
 * Lints every entry and scores it per family. Counting is per (sentence, family): the first
 * finding of family F on a sentence is a true positive when F is expected there and a false
 * positive otherwise (further findings of F on that sentence do not count again); an expected
 * family with no finding is a false negative.
 */
export function evaluate(entries: CorpusEntry[], lint: LintFunction): EvalReport {
  const byFamily = new Map<string, Counts>(FAMILIES.map((family) => [family, { tp: 0, fp: 0, fn: 0 }]));
  const countsOf = (family: string): Counts => {
    let counts = byFamily.get(family);
    if (!counts) byFamily.set(family, (counts = { tp: 0, fp: 0, fn: 0 }));
    return counts;
  };
  const outcomes: EntryOutcome[] = entries.map((entry, index) => {
    const fired = new Map<string, EvalFinding[]>();
    let error: string | undefined;
    try {
      const result = lint(entryDocument(entry), {
        file: `corpus-${index + 1}.md`,
        frontMatter: entry.frontMatter !== undefined,
      });
      for (const finding of result.findings) {
        const list = fired.get(finding.family) ?? [];
        list.push(finding);
        fired.set(finding.family, list);
      }
    } catch (thrown) {
      error = thrown instanceof Error ? thrown.message : String(thrown);
    }
    const expected = new Set<string>(entry.expect);
    const falsePositives: string[] = [];
    const falseNegatives: string[] = [];
    for (const family of fired.keys()) {
      if (expected.has(family)) countsOf(family).tp += 1;
      else {
        countsOf(family).fp += 1;
        falsePositives.push(family);
      }
    }
    for (const family of expected) {
      if (!fired.has(family)) {
        countsOf(family).fn += 1;
        falseNegatives.push(family);
      }
    }
    return { index, entry, fired, falsePositives, falseNegatives, ...(error === undefined ? {} : { error }) };
  });
  const overall: Counts = { tp: 0, fp: 0, fn: 0 };
  for (const counts of byFamily.values()) {
    overall.tp += counts.tp;
    overall.fp += counts.fp;
    overall.fn += counts.fn;
  }
  const failures = outcomes.filter(
    (outcome) => outcome.error !== undefined || outcome.falsePositives.length > 0 || outcome.falseNegatives.length > 0,
  );
  return { byFamily, overall, outcomes, failures };
}

/** Precision with no predictions at all is taken as 1 (nothing claimed, nothing wrong); likewise recall with nothing expected. */
export function precision(counts: Counts): number {
  return counts.tp + counts.fp === 0 ? 1 : counts.tp / (counts.tp + counts.fp);
}

export function recall(counts: Counts): number {
  return counts.tp + counts.fn === 0 ? 1 : counts.tp / (counts.tp + counts.fn);
}

export function formatTable(report: EvalReport, entries: CorpusEntry[]): string {
  const rows: string[][] = [['family', 'positives', 'negatives', 'TP', 'FP', 'FN', 'precision', 'recall']];
  for (const [family, counts] of report.byFamily) {
    const positives = entries.filter((entry) => entry.expect.includes(family as Family)).length;
    rows.push([
      family,
      String(positives),
      String(entries.length - positives),
      String(counts.tp),
      String(counts.fp),
      String(counts.fn),
      precision(counts).toFixed(3),
      recall(counts).toFixed(3),
    ]);
  }
  const positiveEntries = entries.filter((entry) => entry.expect.length > 0).length;
  const { overall } = report;
  rows.push([
    'overall',
    String(positiveEntries),
    String(entries.length - positiveEntries),
    String(overall.tp),
    String(overall.fp),
    String(overall.fn),
    precision(overall).toFixed(3),
    recall(overall).toFixed(3),
  ]);
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) =>
    `| ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(' | ')} |`;
  const separator = `| ${widths.map((width, column) => (column === 0 ? '-'.repeat(width) : `${'-'.repeat(width - 1)}:`)).join(' | ')} |`;
  return [line(rows[0]!), separator, ...rows.slice(1).map(line)].join('\n');
}

/** One line per failing sentence: what was expected, what fired (rule and matched text), and the gap. */
export function formatFailures(report: EvalReport): string {
  return report.failures
    .map((outcome) => {
      const { entry } = outcome;
      const fired = [...outcome.fired]
        .map(
          ([family, findings]) =>
            `${family}(${findings.map((finding) => `${finding.ruleId} “${finding.matched}”`).join(', ')})`,
        )
        .join('; ');
      const gaps = [
        ...outcome.falseNegatives.map((family) => `missed ${family}`),
        ...outcome.falsePositives.map((family) => `false ${family}`),
        ...(outcome.error ? [`threw: ${outcome.error}`] : []),
      ].join(', ');
      const front = entry.frontMatter ? ' [with front matter]' : '';
      return `#${outcome.index + 1} ${JSON.stringify(entry.text)}${front} — expected [${entry.expect.join(', ')}], fired [${fired}] — ${gaps}`;
    })
    .join('\n');
}

/** The bars of issue 3: overall precision ≥ 0.95 and recall ≥ 0.9. */
export const PRECISION_BAR = 0.95;
export const RECALL_BAR = 0.9;
