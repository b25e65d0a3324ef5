import { describe, expect, it } from 'vitest';
import { type CorpusEntry, entryDocument, evaluate, formatFailures, formatTable, precision, recall } from '../../bench/eval/accuracy.ts';

// The scoring of `npm run eval`, checked against a stand-in linter whose answers are known.
const entries: CorpusEntry[] = [
  { text: '顶级红茶，最佳选择。', expect: ['ad-law'], source: 'test' },
  { text: '这是我第一次喝岩茶。', expect: [], source: 'test' },
  { text: '转发朋友圈即可领取茶包。', expect: ['induce-share'], source: 'test' },
  { text: '关注健康，从一杯好茶开始。', expect: [], source: 'test' },
  { text: '本文转载自网络。', expect: ['reprint'], frontMatter: { title: '标题', source: { type: 'original' } }, source: 'test' },
];

const standIn = (source: string) => {
  const findings = [];
  if (source.includes('顶级')) findings.push({ family: 'ad-law', ruleId: 'ad-law/absolute-term', matched: '顶级' });
  if (source.includes('最佳')) findings.push({ family: 'ad-law', ruleId: 'ad-law/absolute-term', matched: '最佳' });
  if (source.includes('第一次')) findings.push({ family: 'ad-law', ruleId: 'ad-law/absolute-term', matched: '第一' });
  if (source.includes('type: original') && source.includes('转载自')) findings.push({ family: 'reprint', ruleId: 'reprint/original-but-reprinted', matched: '转载自' });
  return { findings };
};

describe('eval scoring', () => {
  const report = evaluate(entries, standIn);

  it('counts one true positive per sentence and family, a false positive for an unexpected family, a false negative for a missing one', () => {
    expect(report.byFamily.get('ad-law')).toEqual({ tp: 1, fp: 1, fn: 0 });
    expect(report.byFamily.get('induce-share')).toEqual({ tp: 0, fp: 0, fn: 1 });
    expect(report.byFamily.get('reprint')).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(report.overall).toEqual({ tp: 2, fp: 1, fn: 1 });
    expect(precision(report.overall)).toBeCloseTo(2 / 3);
    expect(recall(report.overall)).toBeCloseTo(2 / 3);
  });

  it('lists the failing sentences with what fired and what was missed', () => {
    expect(report.failures.map((outcome) => outcome.entry.text)).toEqual(['这是我第一次喝岩茶。', '转发朋友圈即可领取茶包。']);
    const text = formatFailures(report);
    expect(text).toContain('false ad-law');
    expect(text).toContain('“第一”');
    expect(text).toContain('missed induce-share');
    expect(formatTable(report, entries)).toMatch(/\| overall +\| +3 \| +2 \| +2 \| +1 \| +1 \| +0\.667 \| +0\.667 \|/);
  });

  it('writes front matter as a YAML block before the text', () => {
    expect(entryDocument(entries[4]!)).toBe('---\ntitle: 标题\nsource:\n  type: original\n---\n\n本文转载自网络。\n');
    expect(entryDocument(entries[0]!)).toBe('顶级红茶，最佳选择。\n');
  });

  it('records a linter that throws as a failure instead of stopping the run', () => {
    const thrown = evaluate(entries.slice(0, 1), () => {
      throw new Error('boom');
    });
    expect(thrown.failures[0]!.error).toBe('boom');
    expect(thrown.overall).toEqual({ tp: 0, fp: 0, fn: 1 });
  });
});
