import { describe, expect, it } from 'vitest';
import { lintMarkdown } from '../../src/core/compliance/index.ts';

// A long article is scanned block by block (phrases.ts): each phrase entry only where its words are.
// The findings must be those of each paragraph on its own, wherever in the article it sits.
const CLEAN = [
  '清明前后，武夷山的茶农开始采摘头春的茶青，经过萎凋、做青、杀青和揉捻，再用炭火慢慢焙干。',
  '冲泡岩茶宜用沸水，第一泡润茶后倒掉，之后每泡出汤要快，茶汤橙黄明亮，香气里带着花果的气息。',
  '存放白茶要避光、防潮、防异味，放在阴凉处的陶罐里，几年之后滋味会更醇和。',
];
const CLAIMS = [
  '这款岩茶保证获利，每月領息五百。',
  '本店白茶能治疗各种妇科疾病，七天见效。',
  '转发此文到朋友圈，我们将从中抽取5位送出茶礼。',
  '报名茶艺师课程，包你考上，不过全额退费。',
];

function article(claimEvery: number): { text: string; claimLines: number[] } {
  const lines: string[] = ['# 一年的茶事', ''];
  const claimLines: number[] = [];
  for (let paragraph = 0; paragraph < 240; paragraph += 1) {
    if (paragraph % claimEvery === claimEvery - 1) {
      lines.push(CLAIMS[((paragraph / claimEvery) % CLAIMS.length) | 0]!);
      claimLines.push(lines.length);
    } else lines.push(CLEAN[paragraph % CLEAN.length]!);
    lines.push('');
  }
  return { text: lines.join('\n'), claimLines };
}

const content = (text: string) =>
  lintMarkdown(text, { frontMatter: false }).findings.filter((finding) =>
    ['ad-law', 'medical', 'finance', 'education', 'induce-share', 'induce-follow'].includes(finding.family),
  );

describe('a long article', () => {
  it.each([7, 23, 41])(
    'finds every claim of a paragraph at its own line and column (a claim every %i paragraphs)',
    (every) => {
      const { text, claimLines } = article(every);
      expect(text.length).toBeGreaterThan(8000);
      const found = content(text);
      const lines = text.split('\n');
      expect(new Set(found.map((finding) => finding.line))).toEqual(new Set(claimLines));
      for (const line of claimLines) {
        const alone = content(`${lines[line - 1]!}\n`).map((finding) => [
          finding.ruleId,
          finding.column,
          finding.matched,
        ]);
        const inArticle = found
          .filter((finding) => finding.line === line)
          .map((finding) => [finding.ruleId, finding.column, finding.matched]);
        expect(inArticle, lines[line - 1]).toEqual(alone);
      }
    },
  );
});
