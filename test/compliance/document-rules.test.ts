import { describe, expect, it } from 'vitest';
import { lintMarkdown, type Finding } from '../../src/core/compliance/index.ts';

const ids = (findings: Finding[], family: string) =>
  findings.filter((finding) => finding.family === family).map((finding) => finding.ruleId);

function article(frontMatter: string, body: string): string {
  return `---\n${frontMatter.trim()}\n---\n${body}`;
}

describe('reprint and originality', () => {
  const CASES: Array<[string, string, string, string[]]> = [
    [
      'original, body says 转载自',
      'source:\n  type: original',
      '本文转载自“某某茶话”公众号。\n',
      ['reprint/original-but-reprinted'],
    ],
    [
      'original, body says 来源：某报',
      'source:\n  type: original',
      '来源：某某日报\n\n正文。\n',
      ['reprint/original-but-reprinted'],
    ],
    [
      'reprint claiming 原创',
      'source:\n  type: reprint\n  url: https://example.org/a\n  originalAuthor: 苏砚\n  authorization: { grantedBy: 苏砚, date: 2026-10-12 }',
      '【原创】本文转载自苏砚，已获授权。\n',
      ['reprint/original-claim-on-reprint'],
    ],
    [
      'reprint without credit in the body',
      'source:\n  type: reprint\n  url: https://example.org/a\n  originalAuthor: 苏砚\n  authorization: { grantedBy: 苏砚, date: 2026-10-12 }',
      '宋代人喝茶流行点茶。\n',
      ['reprint/missing-credit'],
    ],
    [
      'reprint without authorisation',
      'source:\n  type: reprint\n  url: https://example.org/a\n  originalAuthor: 苏砚',
      '本文转载自苏砚。\n',
      ['reprint/incomplete-record'],
    ],
    [
      'takedown notice instead of authorisation',
      'source:\n  type: original',
      '图片来自网络，如有侵权请联系删除。\n',
      ['reprint/takedown-notice'],
    ],
    [
      'no front matter, body says 转自',
      '',
      '转自某某公众号，侵删。\n',
      ['reprint/takedown-notice', 'reprint/undeclared'],
    ],
  ];
  it.each(CASES)('%s', (_name, frontMatter, body, expected) => {
    const source = frontMatter === '' ? body : article(`title: 点茶\n${frontMatter}`, body);
    expect(ids(lintMarkdown(source).findings, 'reprint').sort()).toEqual([...expected].sort());
  });

  it.each([
    [
      'an authorised, credited reprint',
      'source:\n  type: reprint\n  url: https://example.org/a\n  originalAuthor: 苏砚\n  authorization: { grantedBy: 苏砚, date: 2026-10-12 }',
      '本文转载自苏砚的《宋人点茶小考》，已获授权。\n',
    ],
    [
      'an original citing a picture source',
      'source:\n  type: original',
      '图片来源：作者拍摄。数据来源：国家统计局。\n',
    ],
    ['an original mentioning 原创 of its own', 'source:\n  type: original', '这是我们的原创图文。\n'],
  ])('accepts %s', (_name, frontMatter, body) => {
    expect(
      ids(lintMarkdown(article(`title: 点茶\ncover: cover.png\n${frontMatter}`, body)).findings, 'reprint'),
    ).toEqual([]);
  });
});

describe('structure and readability (policy compliance.readability)', () => {
  const policy = {
    compliance: { readability: { paragraphMaxChars: 50, sentenceMaxChars: 30, subheadingEveryChars: 80 } },
  };
  it('flags long paragraphs, long sentences, long stretches without a subheading and images without alt text', () => {
    const long = '岩茶的香气来自山场、品种和工艺三方面的共同作用，'.repeat(4);
    const body = `${long}\n\n短段落。\n\n![](figure-1.png)\n\n## 小标题\n\n很短。\n`;
    const { findings } = lintMarkdown(body, { policy, frontMatter: false });
    expect(ids(findings, 'structure').sort()).toEqual([
      'structure/image-alt',
      'structure/paragraph-too-long',
      'structure/sentence-too-long',
      'structure/subheading-gap',
    ]);
    expect(findings.find((finding) => finding.ruleId === 'structure/image-alt')).toMatchObject({ line: 5, column: 1 });
  });
  it('uses the default thresholds (300 / 120 / 1000) without a policy', () => {
    const body = '短句。'.repeat(40);
    expect(ids(lintMarkdown(body, { frontMatter: false }).findings, 'structure')).toEqual([]);
  });
  it('flags a missing cover when the front matter has none', () => {
    expect(ids(lintMarkdown(article('title: 标题', '正文。\n')).findings, 'structure')).toEqual([
      'structure/cover-missing',
    ]);
  });
});

describe('WeChat limits (policy compliance.limits)', () => {
  it('flags a long title, digest and author, and body images and links WeChat cannot take', () => {
    const source = article(
      `title: ${'岩'.repeat(33)}\ndigest: ${'茶'.repeat(129)}\nauthor: ${'林'.repeat(17)}\ncover: cover.png`,
      '正文。\n\n![动图](steam.gif)\n\n[原文](https://example.org/post) 和 [公众号文章](https://mp.weixin.qq.com/s/abc)\n',
    );
    const { findings } = lintMarkdown(source, { imageBytes: () => 10 });
    expect(ids(findings, 'wechat-limits').sort()).toEqual([
      'wechat-limits/author-length',
      'wechat-limits/digest-length',
      'wechat-limits/external-link',
      'wechat-limits/image-format',
      'wechat-limits/title-length',
    ]);
    expect(findings.find((finding) => finding.ruleId === 'wechat-limits/title-length')).toMatchObject({
      severity: 'error',
      line: 2,
      column: 8,
    });
    expect(findings.find((finding) => finding.ruleId === 'wechat-limits/external-link')).toMatchObject({
      severity: 'warning',
    });
  });
  it('accepts exactly 32 title characters and flags images of 1 MB or more', () => {
    const source = article(`title: ${'岩'.repeat(32)}\ncover: cover.png`, '![茶汤](big.jpg)\n\n![茶汤](small.png)\n');
    const { findings } = lintMarkdown(source, { imageBytes: (url) => (url === 'big.jpg' ? 1048576 : 2000) });
    expect(ids(findings, 'wechat-limits')).toEqual(['wechat-limits/image-size']);
  });
  it('flags a body of 20,000 characters or more', () => {
    const body = `${`## 小节\n\n${'茶。'.repeat(100)}\n\n`}`.repeat(101);
    expect(ids(lintMarkdown(body, { frontMatter: false }).findings, 'wechat-limits')).toEqual([
      'wechat-limits/body-length',
    ]);
  });
});

describe('severities from the policy', () => {
  it('turns rules or whole families off, or a warning into an error', () => {
    const body = '最佳选择,我们用iPhone。\n';
    const policy = {
      compliance: {
        severities: {
          'ad-law/absolute-term': 'off' as const,
          'typography/cjk-latin-space': 'error' as const,
          'typography/fullwidth-punctuation': 'off' as const,
        },
      },
    };
    const { findings } = lintMarkdown(body, { policy, frontMatter: false });
    expect(findings.map((finding) => `${finding.ruleId}:${finding.severity}`)).toEqual([
      'typography/cjk-latin-space:error',
    ]);
    const familyOff = lintMarkdown(body, {
      policy: { compliance: { severities: { typography: 'off' as const } } },
      frontMatter: false,
    });
    expect(familyOff.findings.map((finding) => finding.family)).toEqual(['ad-law']);
  });
  it('adds the department lexicon from the policy, with categories and exceptions', () => {
    const policy = {
      compliance: {
        lexicon: [
          {
            term: '秒杀',
            category: 'clickbait',
            severity: 'error' as const,
            basis: '部门品牌规范 3.2',
            except: ['秒杀活动规则'],
          },
        ],
      },
    };
    const { findings } = lintMarkdown('限时秒杀！\n\n详见秒杀活动规则。\n', { policy, frontMatter: false });
    expect(
      findings
        .filter((finding) => finding.family === 'lexicon')
        .map((finding) => [finding.ruleId, finding.severity, finding.line]),
    ).toEqual([['lexicon/clickbait', 'error', 1]]);
    expect(findings[0]!.hint!.zh).toContain('部门品牌规范 3.2');
  });
});

describe('suppression comments', () => {
  it('silence the named rule on the next line when a reason is given, and are counted', () => {
    const result = lintMarkdown('<!-- mpflow-disable-next-line ad-law/absolute-term: 引用法规原文 -->\n顶级\n顶级\n', {
      frontMatter: false,
    });
    expect(result.suppressed).toBe(1);
    expect(result.findings.map((finding) => `${finding.ruleId}@${finding.line}`)).toEqual(['ad-law/absolute-term@3']);
  });
  it('is itself an error without a reason, and then silences nothing', () => {
    const result = lintMarkdown('<!-- mpflow-disable-next-line ad-law/absolute-term -->\n顶级\n', {
      frontMatter: false,
    });
    expect(result.suppressed).toBe(0);
    expect(result.findings.map((finding) => `${finding.ruleId}@${finding.line}:${finding.severity}`)).toEqual([
      'suppression/missing-reason@1:error',
      'ad-law/absolute-term@2:error',
    ]);
  });
  it('is an error when the rule does not exist', () => {
    const result = lintMarkdown('<!-- mpflow-disable-next-line ad-law/absolut-term: 拼错了 -->\n顶级\n', {
      frontMatter: false,
    });
    expect(result.findings.map((finding) => finding.ruleId)).toEqual([
      'suppression/unknown-rule',
      'ad-law/absolute-term',
    ]);
    expect(result.findings[0]!.message.en).toContain('ad-law/absolut-term');
  });
  it('works in the front matter as a YAML comment', () => {
    const result = lintMarkdown(
      '---\n# mpflow-disable-next-line ad-law/absolute-term: 活动名称沿用合作方原文\ntitle: 顶级茶会\ncover: cover.png\n---\n正文。\n',
    );
    expect(result.suppressed).toBe(1);
    expect(result.findings).toEqual([]);
  });
});
