import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONTENT_FAMILIES, loadRealCorpus, SPLITS } from '../../bench/eval/real-corpus.ts';
import { scriptTables } from '../../src/core/compliance/chinese-script.ts';
import { buildTextView } from '../../src/core/compliance/text-view.ts';
import { PROJECT_ROOT } from '../helpers/fixture-repository.ts';

/**
 * The real-text corpus as data: every sentence carries its source, its labels and its split, and
 * the split is by source (a page or a dataset's sub-set goes to one split whole). These checks are
 * about the files, not the engine: they hold whatever the rules and the model score.
 */
const folder = path.join(PROJECT_ROOT, 'test/compliance-eval/corpus-real');
const files = readdirSync(folder).filter((name) => name.endsWith('.yaml')).sort();
const entries = loadRealCorpus(folder);

/** The files gathered before the split was recorded: their sources name the publisher in the title. */
const FIRST_FILES = new Set(['batch2-clean-news.yaml', 'batch2-penalty.yaml', 'batch2-rumours.yaml', 'clean-reference.yaml', 'penalty-mainland.yaml', 'penalty-taiwan-hk.yaml', 'police-fraud.yaml', 'rumours-clickbait.yaml', 'wechat-rules.yaml']);

/** The finer labels a violation may carry (`k`), beside its family (`e`). */
const KINDS = ['rumour', 'clickbait', 'fraud', 'vulgar', 'gambling', 'superlative', 'state-endorsement', 'health-claim', 'finance-promise', 'education-promise', 'share-lure', 'follow-lure', 'contact-lure'];

interface RawSource {
  id: string;
  split?: string;
  url: string;
  title?: unknown;
  publisher?: unknown;
  entries: Array<{ t: string; e: string[]; k?: unknown }>;
}

const sources: Array<RawSource & { file: string }> = files.flatMap((file) => {
  const document = parse(readFileSync(path.join(folder, file), 'utf8')) as { sources: RawSource[] };
  return document.sources.map((source) => ({ ...source, file }));
});

/** Traditional script: a character that is written only in Traditional Chinese (opencc's tables, as the engine reads them). */
const { traditionalOnly } = scriptTables();
const isTraditional = (text: string) => [...text].some((character) => traditionalOnly[character.charCodeAt(0)] === 1);

/** Two sentences that differ only in script (the engine reads Traditional as Simplified), spacing, punctuation or width are the same sentence. */
const key = (text: string) => buildTextView(text).text.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '');

describe('corpus-real, the data files', () => {
  it('gives every source an id, an http(s) address, a title, its split and (outside the first files, whose titles name it) its publisher', () => {
    for (const source of sources) {
      const where = `${source.file} ${source.id}`;
      expect(source.url, where).toMatch(/^https?:\/\/\S+$/);
      expect(typeof source.title === 'string' && source.title.trim() !== '', `${where}: title`).toBe(true);
      expect(SPLITS as readonly string[], `${where}: split`).toContain(source.split);
      if (!FIRST_FILES.has(source.file)) expect(typeof source.publisher === 'string' && source.publisher.trim() !== '', `${where}: publisher`).toBe(true);
    }
  });

  it('gives every sentence one line of text, content families as labels, a known kind and a split', () => {
    for (const source of sources) {
      for (const entry of source.entries) {
        const where = `${source.file} ${source.id}: ${entry.t}`;
        expect(entry.t, where).toBe(entry.t.trim());
        expect(entry.t, where).not.toMatch(/[\r\n]/);
        for (const family of entry.e) expect(CONTENT_FAMILIES as readonly string[], where).toContain(family);
        if (entry.k !== undefined) {
          expect(KINDS, where).toContain(entry.k);
          expect(entry.e.length, `${where}: a kind is given to violations only`).toBeGreaterThan(0);
        }
      }
    }
    for (const entry of entries) expect(SPLITS, entry.sourceId).toContain(entry.split);
  });

  it('holds no sentence twice, within or across splits, in either script', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const entry of entries) {
      const previous = seen.get(key(entry.text));
      if (previous !== undefined) twice.push(`${entry.text} (${previous} and ${entry.sourceId}/${entry.split})`);
      seen.set(key(entry.text), `${entry.sourceId}/${entry.split}`);
    }
    expect(twice).toEqual([]);
  });

  it('puts each source in one split only, its id used once', () => {
    const ids = sources.map((source) => source.id);
    expect(ids.length).toBe(new Set(ids).size);
    const splitOf = new Map<string, string>();
    for (const entry of entries) {
      expect(splitOf.get(entry.sourceId) ?? entry.split, entry.sourceId).toBe(entry.split);
      splitOf.set(entry.sourceId, entry.split);
    }
  });

  it('keeps at least 30% of the sentences, from many sources, in the test split, with violations and clean text in both scripts', () => {
    const test = entries.filter((entry) => entry.split === 'test');
    expect(entries.length).toBeGreaterThanOrEqual(1000);
    expect(test.length / entries.length).toBeGreaterThanOrEqual(0.3);
    expect(new Set(test.map((entry) => entry.sourceId)).size).toBeGreaterThanOrEqual(40);
    for (const split of SPLITS) {
      const part = entries.filter((entry) => entry.split === split);
      expect(part.some((entry) => entry.expect.length > 0 && isTraditional(entry.text)), `${split}: a Traditional-script violation`).toBe(true);
      expect(part.some((entry) => entry.expect.length === 0 && isTraditional(entry.text)), `${split}: Traditional-script clean text`).toBe(true);
    }
  });

  it('spreads every family of 30 sentences or more over the splits: each split holds 10–60% of it', () => {
    const labels = [...new Set(entries.map((entry) => entry.expect[0] ?? 'clean'))];
    for (const label of labels) {
      const all = entries.filter((entry) => (entry.expect[0] ?? 'clean') === label);
      if (all.length < 30) continue;
      for (const split of SPLITS) {
        const share = all.filter((entry) => entry.split === split).length / all.length;
        expect(share >= 0.1 && share <= 0.6, `${label} in ${split}: ${(share * 100).toFixed(0)}% of ${all.length}`).toBe(true);
      }
    }
  });

  it('matches its digest file (after an edit: cd test/compliance-eval/corpus-real && sha256sum *.yaml > SHA256SUMS)', () => {
    const listed = readFileSync(path.join(folder, 'SHA256SUMS'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(/\s+\*?/));
    expect(listed.map(([, file]) => file)).toEqual(files);
    for (const [sum, file] of listed) expect(createHash('sha256').update(readFileSync(path.join(folder, file!))).digest('hex'), file).toBe(sum);
  });
});
