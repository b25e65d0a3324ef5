import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintMarkdown } from '../../src/core/compliance/index.ts';
import { words } from '../../src/core/compliance/words.ts';
import { PROJECT_ROOT } from '../helpers/fixture-repository.ts';

function contentFindings(text: string): string[] {
  return lintMarkdown(`${text}\n`, { frontMatter: false })
    .findings.filter((finding) => !['typography', 'structure', 'wechat-limits'].includes(finding.family))
    .map((finding) => `${finding.ruleId} ${finding.matched}`);
}

describe('word boundaries (jieba)', () => {
  it('segments ordinals and state categories as words', () => {
    // 第一 is never a word of its own here: the ordinal (and the war's name) are.
    expect(words('第一次世界大战爆发')![0]).toMatch(/^第一次/);
    expect(words('第一批国家级自然保护区')).toEqual(['第一批', '国家级', '自然保护区']);
  });

  // Each pair: a sentence where the rule's letters straddle two words (clean), and the claim itself.
  const PAIRS: ReadonlyArray<[clean: string, claim: string, ruleId: string]> = [
    ['他是历史上最伟大的诗人之一。', '史上最强的岩茶，今天开售。', 'ad-law/absolute-term'],
    ['孩子积极品质的养成靠家庭。', '这是极品好茶。', 'ad-law/absolute-term'],
    ['公司建成了独特供应链。', '本店有国宴特供茶。', 'ad-law/state-endorsement'],
    ['今年牙刷单价上涨了两成。', '在家刷单，日结工资。', 'lexicon/gambling-fraud'],
    ['武夷山有国家级湿地公园。', '这是国家级好茶。', 'ad-law/national-level'],
    ['园区属于国家级经济技术开发区。', '國家級大師親手製作。', 'ad-law/national-level'],
  ];

  it.each(PAIRS)('leaves "%s" alone and flags "%s"', (clean, claim, ruleId) => {
    expect(contentFindings(clean)).toEqual([]);
    expect(contentFindings(claim).some((finding) => finding.startsWith(`${ruleId} `))).toBe(true);
  });
});

describe('negation scope', () => {
  it.each([
    ['本品更不具備預防或治療疾病作用。'],
    ['这款茶並無排毒神效。'],
    ['本产品不具备治疗糖尿病的功效。'],
    ['喝茶无法治愈癌症。'],
  ])('a negated claim is not a claim: %s', (text) => {
    expect(contentFindings(text)).toEqual([]);
  });

  it('the same claim without the negation fires', () => {
    expect(contentFindings('本品能治愈糖尿病。')).toEqual(['medical/treatment-claim 治愈糖尿病']);
  });
});

describe('loading the segmenter', () => {
  it('happens only when a rule asks about a word boundary, once', () => {
    const script = `
      const { lintMarkdown } = await import(${JSON.stringify(path.join(PROJECT_ROOT, 'src/core/compliance/index.ts'))});
      const { segmenterLoaded } = await import(${JSON.stringify(path.join(PROJECT_ROOT, 'src/core/compliance/words.ts'))});
      lintMarkdown('今天喝了一杯茶，天气很好。\\n', { frontMatter: false });
      const before = segmenterLoaded();
      lintMarkdown('武夷山有国家级湿地公园。\\n', { frontMatter: false });
      process.stdout.write(JSON.stringify({ before, after: segmenterLoaded() }));`;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
    });
    expect(JSON.parse(output)).toEqual({ before: false, after: true });
  });
});
