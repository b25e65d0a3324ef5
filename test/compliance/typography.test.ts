import { describe, expect, it } from 'vitest';
import { checkTypography, fixTypography, lintMarkdown } from '../../src/core/compliance/index.ts';
import { ruleIdsOf } from './lint-helpers.ts';

const INVALID: Array<[string, string, string]> = [
  ['我们用iPhone拍了茶汤。', 'typography/cjk-latin-space', '我们用 iPhone 拍了茶汤。'],
  ['水温90度左右。', 'typography/cjk-latin-space', '水温 90 度左右。'],
  ['先温杯,再投茶.', 'typography/fullwidth-punctuation', '先温杯，再投茶。'],
  ['注意:不要用沸水。', 'typography/fullwidth-punctuation', '注意：不要用沸水。'],
  ['白牡丹(一芽两叶)最常见。', 'typography/fullwidth-punctuation', '白牡丹（一芽两叶）最常见。'],
  ['投茶量为５克。', 'typography/halfwidth-in-latin', '投茶量为 5 克。'],
  ['品牌叫Hello，World。', 'typography/halfwidth-in-latin', '品牌叫 Hello, World。'],
  ['太好喝了！！！', 'typography/repeated-punctuation', '太好喝了！'],
  ['真的吗？？', 'typography/repeated-punctuation', '真的吗？'],
  ['茶香慢慢散开...', 'typography/repeated-punctuation', '茶香慢慢散开……'],
  ['等待。。。', 'typography/repeated-punctuation', '等待……'],
  ['岩茶--尤其是肉桂--香气高扬。', 'typography/repeated-punctuation', '岩茶——尤其是肉桂——香气高扬。'],
  ['这是简体文章，但这里混了一个繁體字。', 'typography/mixed-script', '这是简体文章，但这里混了一个繁体字。'],
  ['他说"这泡茶有岩韵"，我却没喝出来。', 'typography/fullwidth-punctuation', '他说“这泡茶有岩韵”，我却没喝出来。'],
  ['刚刚买了一把紫砂壶 ，好开心！', 'typography/space-around-punctuation', '刚刚买了一把紫砂壶，好开心！'],
  ['你好， 世界。', 'typography/space-around-punctuation', '你好，世界。'],
];

const VALID: string[] = [
  '我们用 iPhone 拍了茶汤。',
  '先温杯，再投茶。',
  'Use `npm run build` to build.',
  '代码 `a,b:c` 不动。',
  '网址见 [官网](https://example.com/a,b)。',
  '```\n中文abc,def\n```',
  'Hello, world... and more!!!',
  '這是一篇繁體文章，講的是台灣的烏龍茶。',
  '岩茶——尤其是肉桂——香气高扬……',
  '| 茶类 | 水温 |\n| --- | --- |',
  'He said "hello" to me.',
  '回复 "Yes" 即可。',
];

describe('typography rules', () => {
  it.each(INVALID)('flags and fixes %s', (sentence, ruleId, fixed) => {
    expect(ruleIdsOf('typography', sentence)).toContain(ruleId);
    expect(fixTypography(sentence)).toBe(fixed);
  });

  it.each(VALID)('leaves alone %s', (sentence) => {
    expect(ruleIdsOf('typography', sentence)).toEqual([]);
    expect(fixTypography(sentence)).toBe(sentence);
  });

  it('fixes typography only, and fixing twice is fixing once', () => {
    const article = `---
title: 顶级岩茶,限时特惠
digest: 测试
---
最佳选择!!!我们用iPhone拍了国家级产品,转发到朋友圈即可领取茶样...
<!-- mpflow-disable-next-line typography/cjk-latin-space: 品牌名保留原样 -->
品牌叫ABC茶
\`code,中文\`
`;
    const once = fixTypography(article);
    expect(fixTypography(once)).toBe(once);
    // The title is a plain YAML scalar, so its comma is fixed in place; the rest of the front
    // matter, the suppressed line and code stay as they were.
    expect(once).toContain('title: 顶级岩茶，限时特惠\ndigest: 测试\n---');
    expect(once).toContain('品牌叫ABC茶');
    expect(once).toContain('`code,中文`');
    expect(once).toContain('最佳选择！我们用 iPhone 拍了国家级产品，转发到朋友圈即可领取茶样……');
    expect(checkTypography(once)).toEqual([]);
    const other = (text: string) =>
      lintMarkdown(text)
        .findings.filter((finding) => finding.family !== 'typography')
        .map((finding) => `${finding.ruleId}@${finding.line}`);
    expect(other(once)).toEqual(other(article));
    expect(other(article).length).toBeGreaterThanOrEqual(4);
  });

  it('reports positions in the original text', () => {
    const [finding] = checkTypography('第一行\n先温杯,再投茶');
    expect(finding).toMatchObject({
      ruleId: 'typography/fullwidth-punctuation',
      line: 2,
      column: 4,
      endLine: 2,
      endColumn: 5,
      matched: ',',
    });
  });

  it('keeps Windows line endings', () => {
    expect(fixTypography('先温杯,再投茶\r\n第二行abc\r\n')).toBe('先温杯，再投茶\r\n第二行 abc\r\n');
  });
});
