import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintMarkdown } from '../../src/core/compliance/index.ts';
import { familyRows, judge, loadRealCorpus, rowPrecision, rowRecall, scriptOf, sentenceRow } from '../../bench/eval/real-corpus.ts';
import { realCorpusReport } from '../../bench/eval/real-run.ts';
import { PROJECT_ROOT } from '../helpers/fixture-repository.ts';

/**
 * The real-text corpus, split by source. Its TEST split is never tuned against: the floors below sit
 * just under the figures measured when its content last changed, so a change that generalises worse
 * fails, and the bars (0.92 / 0.88) are reported by npm run eval, not faked here.
 * 2026-12-03: 0.833 / 0.444 on 91 test sentences; 2026-12-04, after corpus batches 1–2 (Weibo
 * rumours of the CED dataset, news look-alikes, more penalty and police pages): 0.722 / 0.242 on 429.
 */
const TEST_PRECISION_FLOOR = 0.7;
const TEST_RECALL_FLOOR = 0.22;

const entries = loadRealCorpus(path.join(PROJECT_ROOT, 'test/compliance-eval/corpus-real'));

describe('the real-text corpus', () => {
  it('has every sentence with its source page, in three splits that never share a page', () => {
    expect(entries.length).toBeGreaterThanOrEqual(260);
    for (const entry of entries) expect(entry.url).toMatch(/^https?:\/\//);
    const splitOf = new Map<string, string>();
    for (const entry of entries) {
      expect(splitOf.get(entry.sourceId) ?? entry.split, entry.sourceId).toBe(entry.split);
      splitOf.set(entry.sourceId, entry.split);
    }
    for (const split of ['train', 'dev', 'test']) expect(entries.filter((entry) => entry.split === split).length, split).toBeGreaterThan(60);
  });

  it('holds violations and clean look-alikes in both scripts', () => {
    const traditional = entries.filter((entry) => scriptOf(entry.text) === 'Traditional');
    expect(traditional.length).toBeGreaterThanOrEqual(40);
    expect(traditional.some((entry) => entry.expect.length === 0) && traditional.some((entry) => entry.expect.length > 0)).toBe(true);
    const clean = entries.filter((entry) => entry.expect.length === 0).length;
    expect(clean / entries.length).toBeGreaterThan(0.35);
  });
});

describe('the compliance engine on the test split of the real-text corpus', () => {
  const outcomes = judge(
    entries.filter((entry) => entry.split === 'test'),
    (source, options) => lintMarkdown(source, options),
  );
  const overall = sentenceRow('test', outcomes);

  it(`stays at or above its floors: precision ${TEST_PRECISION_FLOOR}, recall ${TEST_RECALL_FLOOR}`, () => {
    const figures = `precision ${rowPrecision(overall).toFixed(3)}, recall ${rowRecall(overall).toFixed(3)}`;
    expect(rowPrecision(overall) >= TEST_PRECISION_FLOOR && rowRecall(overall) >= TEST_RECALL_FLOOR, figures).toBe(true);
  });

  it('reports per family, and the report never lists a test sentence', () => {
    expect(familyRows(outcomes).map((row) => row.label)).toContain('lexicon');
    const report = realCorpusReport({ misses: true });
    for (const split of ['TEST', 'DEV', 'TRAIN']) {
      expect(report).toMatch(new RegExp(`${split} split \\([^)]+\\), per family`));
      expect(report).toMatch(new RegExp(`${split} split \\([^)]+\\), per script \\(zh-Hans / zh-Hant\\)`));
    }
    expect(report).toMatch(/goal on TEST: precision ≥ 0\.92/);
    // Weibo dataset posts and every other page are told apart, and the test split's violations by kind.
    expect(report).toMatch(/TEST split \([^)]+\), per origin:\n.*\n.*\n\| Weibo datasets \(CED, CHECKED, Weibo21\) +\|.*\n\| public pages +\|/);
    expect(report).toMatch(/TEST split \([^)]+\), violations per kind of claim \(k\):\n\| kind +\| violations \| flagged \| recall \|[\s\S]*\n\| rumour +\| +\d+ \| +\d+ \| +[01]\.\d{3} \|/);
    const listed = report.split('\n').filter((line) => line.startsWith('['));
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.filter((line) => line.startsWith('[test]'))).toEqual([]);
  });
});
