import { describe, expect, it } from 'vitest';
import { lintMarkdown } from '../../src/core/compliance/index.ts';

/**
 * The fourteen evasion kinds of issue 14, each in an article of its own line, each caught by the
 * rule that catches the plain spelling, at the line and column where the disguised word starts.
 */
const KINDS: ReadonlyArray<[kind: string, line: string, ruleId: string, column: number, matched: string]> = [
  ['symbols between characters', '这是国*家*级好茶。', 'ad-law/national-level', 3, '国*家*级'],
  ['spaces between characters', '口感顶 级的岩茶。', 'ad-law/absolute-term', 3, '顶 级'],
  ['an ideographic space', '口感顶　级的岩茶。', 'ad-law/absolute-term', 3, '顶　级'],
  ['Traditional script', '國家級工藝。', 'ad-law/national-level', 1, '國家級'],
  ['full-width digits and per cent', '１００％有效。', 'ad-law/absolute-term', 1, '１００％有效'],
  ['Markdown emphasis inside a word', '**最**佳选择', 'ad-law/absolute-term', 3, '最**佳'],
  ['a zero-width space', '最\u200b佳口感的茶。', 'ad-law/absolute-term', 1, '最\u200b佳'],
  ['pinyin', '本店茶叶zuijia,欢迎选购。', 'ad-law/absolute-term', 5, 'zuijia'],
  ['a homophone', '本店茶叶醉佳,欢迎选购。', 'ad-law/absolute-term', 5, '醉佳'],
  ['a financial digit', '本店销量第壹。', 'ad-law/absolute-term', 3, '销量第壹'],
  ['an emoji inside a word', '集🌟赞送茶样。', 'induce-share/collect-likes', 1, '集🌟赞'],
  ['an HTML entity', '转发到&#26379;友圈领取红包。', 'induce-share/reward-for-share', 1, '转发到&#26379;友圈领取'],
  [
    'an inline tag splitting a word',
    '转发到<span>朋友</span>圈领取红包。',
    'induce-share/reward-for-share',
    1,
    '转发到<span>朋友</span>圈领取',
  ],
  // The same kinds in other spellings: pinyin of 第一, capitals and a space, another word's homophone,
  // a hexadecimal entity, an emoji written as an entity, a circled digit, a tag inside 最佳.
  ['pinyin of 第一', '本店销量diyi。', 'ad-law/absolute-term', 3, '销量diyi'],
  ['pinyin in capitals with a space', '本店茶叶Zui Jia,欢迎选购。', 'ad-law/absolute-term', 5, 'Zui Jia'],
  ['a homophone of 朋友圈', '转发到盆友圈领取红包。', 'induce-share/reward-for-share', 1, '转发到盆友圈领取'],
  [
    'a hexadecimal HTML entity',
    '转发到&#x670B;友圈领取红包。',
    'induce-share/reward-for-share',
    1,
    '转发到&#x670B;友圈领取',
  ],
  ['an emoji written as an HTML entity', '集&#x1F31F;赞送茶样。', 'induce-share/collect-likes', 1, '集&#x1F31F;赞'],
  ['a circled digit', '全网第①的岩茶。', 'ad-law/absolute-term', 1, '全网第①'],
  ['an inline tag inside 最佳', '最<span>佳</span>口感的茶。', 'ad-law/absolute-term', 1, '最<span>佳'],
];

describe('evasion kinds', () => {
  it.each(KINDS)('catches %s at its line and column', (_kind, text, ruleId, column) => {
    const { findings } = lintMarkdown(`开头一段。\n\n${text}\n`, { frontMatter: false });
    const finding = findings.find((item) => item.ruleId === ruleId);
    expect(finding, JSON.stringify(findings.map((item) => `${item.ruleId} ${item.matched}`))).toBeDefined();
    expect({ line: finding!.line, column: finding!.column }).toEqual({ line: 3, column });
  });

  it.each(KINDS)('underlines exactly the disguised phrase for %s', (_kind, text, ruleId, _column, matched) => {
    const finding = lintMarkdown(`${text}\n`, { frontMatter: false }).findings.find((item) => item.ruleId === ruleId);
    expect(finding?.matched).toBe(matched);
  });

  it('catches one character per line, from the first line to the last', () => {
    const finding = lintMarkdown('活动说明:\n\n集\n赞\n送\n茶\n样\n', { frontMatter: false }).findings.find(
      (item) => item.ruleId === 'induce-share/collect-likes',
    );
    expect(finding).toMatchObject({ line: 3, column: 1, endLine: 4, endColumn: 2 });
  });

  it('catches disguised words in the title and digest at their place in the front matter', () => {
    const source = '---\ntitle: "集🌟赞送茶样"\ndigest: 本店茶叶zuijia\n---\n\n正文。\n';
    const found = lintMarkdown(source, { file: 'a.md' })
      .findings.filter((item) => item.family === 'induce-share' || item.family === 'ad-law')
      .map((item) => [item.ruleId, item.line, item.column, item.endColumn, item.matched]);
    expect(found).toEqual([
      ['induce-share/collect-likes', 2, 9, 13, '集🌟赞'],
      ['ad-law/absolute-term', 3, 13, 19, 'zuijia'],
    ]);
  });

  it('catches a claim written one character per line at the first and the last of its lines', () => {
    const finding = lintMarkdown('开头一段。\n\n国\n家\n级\n好\n茶\n', { frontMatter: false }).findings.find(
      (item) => item.ruleId === 'ad-law/national-level',
    );
    expect(finding).toMatchObject({ line: 3, column: 1, endLine: 5, endColumn: 2 });
  });

  it('leaves the look-alikes alone: a short line of poetry, a word that merely sounds alike, pinyin inside an English word', () => {
    for (const text of [
      '春\n眠\n不觉晓。',
      '茶香醉人，佳节里一家人围坐。',
      '他是一位茶艺师。\n\nThe word padiyiu is not pinyin.',
      '国家一级保护植物。',
      '全国第1季度的产量。',
      '他把朋友圈🎉的照片删了。',
    ]) {
      const findings = lintMarkdown(`${text}\n`, { frontMatter: false }).findings.filter(
        (item) => !['typography', 'structure', 'wechat-limits'].includes(item.family),
      );
      expect(
        findings.map((item) => `${item.ruleId} ${item.matched}`),
        text,
      ).toEqual([]);
    }
  });
});
