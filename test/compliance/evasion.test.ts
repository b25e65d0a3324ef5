import { describe, expect, it } from 'vitest';
import { lintMarkdown } from '../../src/core/compliance/index.ts';

describe('evasion-resistant matching', () => {
  const source = [
    '---',
    'title: 秋茶上新',
    'digest: 一起喝茶',
    '---',
    '这款茶是国*家*级好茶，',
    '口感顶 级，',
    '國家級工藝，',
    '１００％有效。',
    '**最**佳选择',
    '转.发.到.朋.友.圈即可领取',
  ].join('\n');
  const { findings } = lintMarkdown(source);
  const at = (matched: string) => findings.find((finding) => finding.matched === matched);

  it.each([
    ['国*家*级', 'ad-law/national-level', 5, 5],
    ['顶 级', 'ad-law/absolute-term', 6, 3],
    ['國家級', 'ad-law/national-level', 7, 1],
    ['１００％有效', 'ad-law/absolute-term', 8, 1],
    ['最**佳', 'ad-law/absolute-term', 9, 3],
  ])('catches %s with its original line and column', (matched, ruleId, line, column) => {
    const finding = at(matched);
    expect(finding, `no finding for ${matched}: ${JSON.stringify(findings.map((item) => item.matched))}`).toBeDefined();
    expect(finding).toMatchObject({ ruleId, line, column, endLine: line, endColumn: column + matched.length });
  });

  it('catches symbols inserted in a share-inducing phrase', () => {
    expect(
      findings.some(
        (finding) => finding.ruleId === 'induce-share/reward-for-share' && finding.line === 10 && finding.column === 1,
      ),
    ).toBe(true);
  });

  it('points into the front matter for titles and digests', () => {
    const result = lintMarkdown(
      '---\ntitle: "新品：顶级大红袍"\ndigest: >-\n  国家级工艺，\n  世界级口感\n---\n正文。\n',
    );
    expect(result.findings.find((finding) => finding.matched === '顶级')).toMatchObject({ line: 2, column: 12 });
    expect(result.findings.find((finding) => finding.matched === '国家级')).toMatchObject({ line: 4, column: 3 });
    expect(result.findings.find((finding) => finding.matched === '世界级')).toMatchObject({ line: 5, column: 3 });
  });
});
