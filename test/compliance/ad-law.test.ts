import { describe, expect, it } from 'vitest';
import { findingsOf } from './lint-helpers.ts';

// Commercial claims that 《广告法》第九条 forbids, and everyday or factual uses that look alike.
const INVALID: Array<[string, string, string]> = [
  ['本店大红袍是第一品牌，值得信赖。', 'ad-law/absolute-term', '第一品牌'],
  ['送长辈，这款岩茶是最佳选择。', 'ad-law/absolute-term', '最佳'],
  ['国家级产品，品质有保障。', 'ad-law/national-level', '国家级'],
  ['顶级大红袍，限量发售。', 'ad-law/absolute-term', '顶级'],
  ['极品金骏眉，入口回甘。', 'ad-law/absolute-term', '极品'],
  ['中秋送礼首选，茶礼盒限时优惠。', 'ad-law/absolute-term', '首选'],
  ['这款白茶销量全国第一。', 'ad-law/absolute-term', '销量全国第一'],
  ['史上最低价，错过再等一年。', 'ad-law/absolute-term', '史上最低'],
  ['全网最便宜的正山小种就在这里。', 'ad-law/absolute-term', '全网最便'],
  ['这款茶100%纯天然，放心喝。', 'ad-law/absolute-term', '100%纯天然'],
  ['绝对正宗的武夷山原产茶。', 'ad-law/absolute-term', '绝对正宗'],
  ['世界级的制茶工艺，成就一杯好茶。', 'ad-law/national-level', '世界级'],
  ['国宴用茶，招待贵宾的首选。', 'ad-law/state-endorsement', '国宴用茶'],
  ['特供茶叶，内部渠道才能买到。', 'ad-law/state-endorsement', '特供'],
  ['本店茶叶是最正宗的安溪铁观音。', 'ad-law/absolute-term', '最正宗'],
  ['這款茶是頂級烏龍，國家級工藝。', 'ad-law/absolute-term', '頂級'],
];

const VALID: string[] = [
  '这是我们第一次去武夷山。',
  '第一章讲岩茶的历史。',
  '最后，说说怎么存茶。',
  '最近天气转凉，适合喝熟普。',
  '首先，把盖碗烫热。',
  '福鼎白茶制作技艺是国家级非物质文化遗产。',
  '武夷山是国家级自然保护区，也是世界文化与自然遗产。',
  '珠穆朗玛峰是世界第一高峰。',
  '中国是世界最大的茶叶生产国。',
  '绿茶冲泡的最佳水温在 80 到 85 摄氏度之间。',
  '白茶的最佳饮用期众说纷纭。',
  '泡茶前最好先温杯。',
  '他说：“这是我喝过最好的茶。”',
  '> 《广告法》第九条：不得使用“国家级”“最高级”“最佳”等用语。',
  '「頂級」這個詞不能出現在廣告裡。',
  '存茶最安全的办法是密封避光。',
];

describe('ad-law rules (《广告法》第九条)', () => {
  it.each(INVALID)('flags %s', (sentence, ruleId, matched) => {
    const findings = findingsOf('ad-law', sentence);
    expect(findings.map((finding) => finding.ruleId)).toContain(ruleId);
    const finding = findings.find((item) => item.ruleId === ruleId)!;
    expect(finding.matched.startsWith(matched.slice(0, 2))).toBe(true);
    expect(finding.severity).toBe('error');
    // Positions point into the original sentence.
    expect(sentence.slice(finding.column - 1, finding.endColumn - 1)).toBe(finding.matched);
  });

  it.each(VALID)('leaves alone %s', (sentence) => {
    expect(findingsOf('ad-law', sentence)).toEqual([]);
  });
});
