import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { FAMILIES, type Family, type LintFunction } from './accuracy.ts';
import { scriptTables } from '../../src/core/compliance/chinese-script.ts';

/**
 * The real-text corpus (test/compliance-eval/corpus-real/): sentences copied from public pages,
 * grouped by the page they come from. The split is BY SOURCE and computed, not chosen: within each
 * kind of source, sources are ordered by the SHA-256 of their id and dealt round-robin to train,
 * test and dev. A sentence's split is therefore never a matter of judgement, and the sentences of
 * one page (which share wording) never straddle two splits.
 */
export const SPLITS = ['train', 'dev', 'test'] as const;
export type Split = (typeof SPLITS)[number];

export interface RealEntry {
  text: string;
  expect: Family[];
  sourceId: string;
  url: string;
  kind: string;
  split: Split;
  /** The finer label of a violation, where the data gives one (`k`: rumour, clickbait, fraud …). */
  label?: string;
}

/** Families a real sentence is judged on: the content families (typography, structure and limits are about form). */
export const CONTENT_FAMILIES = FAMILIES.filter(
  (family) => family !== 'typography' && family !== 'structure' && family !== 'wechat-limits',
);

const DEAL: readonly Split[] = ['train', 'test', 'dev'];

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

interface RawSource {
  id?: unknown;
  url?: unknown;
  title?: unknown;
  /** The split recorded in the data file (newer files); without it, the kind's sources are dealt round-robin. */
  split?: unknown;
  entries?: unknown;
}

export function loadRealCorpus(folder: string): RealEntry[] {
  const entries: RealEntry[] = [];
  const seenIds = new Set<string>();
  for (const name of readdirSync(folder)
    .filter((file) => file.endsWith('.yaml'))
    .sort()) {
    const file = path.join(folder, name);
    const document = parse(readFileSync(file, 'utf8')) as { kind?: unknown; sources?: unknown };
    if (!document || typeof document.kind !== 'string' || !Array.isArray(document.sources))
      throw new Error(`${file}: needs "kind" and a "sources" list`);
    const kind = document.kind;
    const sources = (document.sources as RawSource[]).map((source, index) => {
      const where = `${file} sources[${index}]`;
      if (typeof source.id !== 'string' || typeof source.url !== 'string' || !/^https?:\/\//.test(source.url))
        throw new Error(`${where}: needs an "id" and an http(s) "url"`);
      if (seenIds.has(source.id)) throw new Error(`${where}: the id "${source.id}" is used twice`);
      seenIds.add(source.id);
      if (!Array.isArray(source.entries) || source.entries.length === 0) throw new Error(`${where}: no entries`);
      if (source.split !== undefined && !(SPLITS as readonly unknown[]).includes(source.split))
        throw new Error(`${where}: "split" must be one of ${SPLITS.join(', ')}`);
      return {
        id: source.id,
        url: source.url,
        split: source.split as Split | undefined,
        entries: source.entries as Array<{ t?: unknown; e?: unknown; k?: unknown }>,
      };
    });
    const ordered = [...sources].sort((a, b) => (digest(a.id) < digest(b.id) ? -1 : 1));
    ordered.forEach((source, rank) => {
      const split = source.split ?? DEAL[rank % DEAL.length]!;
      source.entries.forEach((entry, index) => {
        const where = `${file} ${source.id} entries[${index}]`;
        if (typeof entry.t !== 'string' || entry.t.trim() === '') throw new Error(`${where}: "t" must be the sentence`);
        if (
          !Array.isArray(entry.e) ||
          entry.e.some((family) => !(CONTENT_FAMILIES as readonly unknown[]).includes(family))
        )
          throw new Error(`${where}: "e" must list content families`);
        entries.push({
          text: entry.t,
          expect: entry.e as Family[],
          sourceId: source.id,
          url: source.url,
          kind,
          split,
          ...(typeof entry.k === 'string' ? { label: entry.k } : {}),
        });
      });
    });
  }
  return entries;
}

/**
 * Traditional script: the sentence has a character written only in Traditional Chinese (opencc's
 * tables, as the engine reads them). Not "the normalised view differs": NFKC folds full-width
 * punctuation, which would count most Simplified sentences as Traditional.
 */
export function scriptOf(text: string): 'Traditional' | 'Simplified' {
  const { traditionalOnly } = scriptTables();
  for (let index = 0; index < text.length; index += 1)
    if (traditionalOnly[text.charCodeAt(index)] === 1) return 'Traditional';
  return 'Simplified';
}

export interface SentenceOutcome {
  entry: RealEntry;
  fired: Map<string, Array<{ ruleId: string; matched: string }>>;
}

export function judge(entries: readonly RealEntry[], lint: LintFunction): SentenceOutcome[] {
  return entries.map((entry, index) => {
    const fired = new Map<string, Array<{ ruleId: string; matched: string }>>();
    const result = lint(`${entry.text}\n`, { file: `real-${index + 1}.md`, frontMatter: false });
    for (const finding of result.findings) {
      if (!(CONTENT_FAMILIES as readonly string[]).includes(finding.family)) continue;
      const list = fired.get(finding.family) ?? [];
      list.push({ ruleId: finding.ruleId, matched: finding.matched });
      fired.set(finding.family, list);
    }
    return { entry, fired };
  });
}

export interface Row {
  label: string;
  violations: number;
  clean: number;
  tp: number;
  fp: number;
  fn: number;
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
export const rowPrecision = (row: Row) => ratio(row.tp, row.tp + row.fp);
export const rowRecall = (row: Row) => ratio(row.tp, row.tp + row.fn);

/** Sentence level, as the issue measures: a sentence is flagged when any content finding fires. */
export function sentenceRow(label: string, outcomes: readonly SentenceOutcome[]): Row {
  const row: Row = { label, violations: 0, clean: 0, tp: 0, fp: 0, fn: 0 };
  for (const { entry, fired } of outcomes) {
    const flagged = fired.size > 0;
    if (entry.expect.length > 0) {
      row.violations += 1;
      if (flagged) row.tp += 1;
      else row.fn += 1;
    } else {
      row.clean += 1;
      if (flagged) row.fp += 1;
    }
  }
  return row;
}

/** Per family: a sentence expecting F counts as found when a finding of F fires; F on any other sentence is a false alarm. */
export function familyRows(outcomes: readonly SentenceOutcome[]): Row[] {
  return CONTENT_FAMILIES.map((family) => {
    const row: Row = { label: family, violations: 0, clean: 0, tp: 0, fp: 0, fn: 0 };
    for (const { entry, fired } of outcomes) {
      const expected = entry.expect.includes(family);
      if (expected) row.violations += 1;
      else row.clean += 1;
      if (expected && fired.has(family)) row.tp += 1;
      else if (expected) row.fn += 1;
      else if (fired.has(family)) row.fp += 1;
    }
    return row;
  }).filter((row) => row.violations > 0 || row.fp > 0);
}

/** A Markdown table: the first column left-aligned, the others right-aligned (figures). */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const table = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...table.map((line) => line[column]!.length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(' | ')} |`;
  const separator = `| ${widths.map((width, column) => (column === 0 ? '-'.repeat(width) : `${'-'.repeat(width - 1)}:`)).join(' | ')} |`;
  return [line(header), separator, ...rows.map(line)].join('\n');
}

export function formatRows(title: string, rows: readonly Row[]): string {
  return formatTable(
    [title, 'violations', 'clean', 'TP', 'FP', 'FN', 'precision', 'recall'],
    rows.map((row) => [
      row.label,
      String(row.violations),
      String(row.clean),
      String(row.tp),
      String(row.fp),
      String(row.fn),
      rowPrecision(row).toFixed(3),
      rowRecall(row).toFixed(3),
    ]),
  );
}

/** The lines for the sentences judged wrongly (never printed for the test split: it is not for tuning). */
export function formatMisses(outcomes: readonly SentenceOutcome[]): string[] {
  const lines: string[] = [];
  for (const { entry, fired } of outcomes) {
    const missed = entry.expect.filter((family) => !fired.has(family));
    const extra = [...fired.keys()].filter((family) => !entry.expect.includes(family as Family));
    if (missed.length === 0 && extra.length === 0) continue;
    const what = [...fired]
      .map(([family, list]) => `${family}(${list.map((item) => `${item.ruleId} “${item.matched}”`).join(', ')})`)
      .join('; ');
    lines.push(
      `[${entry.split}] ${entry.sourceId}: ${JSON.stringify(entry.text)} — expected [${entry.expect.join(', ')}], fired [${what}]${missed.length ? ` — missed ${missed.join(', ')}` : ''}${extra.length ? ` — false ${extra.join(', ')}` : ''}`,
    );
  }
  return lines;
}
