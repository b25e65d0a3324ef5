import { citationExempt } from '../citation.ts';
import type { LintDocument, Reporter } from '../document.ts';
import { compilePhrases, findPhrases } from '../phrases.ts';
import type { Segment } from '../segments.ts';
import { defineRule } from '../types.ts';
import { EXCLUDED } from '../markdown-scan.ts';

const POLICY = {
  zh: '部门制度四（一）2：内容原创，转载须注明出处并取得授权；',
  en: 'Department policy 4(1)2: content is original; reprints credit the source and are authorised; ',
};
const ORIGINAL = {
  zh: '《微信公众平台原创声明功能使用规范》：非原创内容不得声明原创。',
  en: 'WeChat originality-declaration rules: content that is not original may not be declared original.',
};

export const RULES = [
  defineRule('reprint/original-but-reprinted', {
    family: 'reprint',
    severity: 'error',
    basis: { zh: POLICY.zh + ORIGINAL.zh, en: POLICY.en + ORIGINAL.en },
    summary: { zh: '头信息标为原创，正文却写着转载', en: 'Marked original, but the body says it is reprinted' },
    help: {
      zh: '如果是转载，把 source.type 改为 reprint 并填写原文网址、原作者和授权记录；如果是原创，删去“转载自”等字样。',
      en: 'If it is a reprint, set source.type to reprint with the URL, original author and authorisation; if it is original, remove "reprinted from".',
    },
  }),
  defineRule('reprint/undeclared', {
    family: 'reprint',
    severity: 'warning',
    basis: POLICY,
    summary: {
      zh: '正文写着转载，但没有头信息说明来源',
      en: 'The body says it is reprinted, but no front matter records the source',
    },
    help: {
      zh: '在头信息里写 source：type: reprint、url、originalAuthor 和 authorization。',
      en: 'Add source in the front matter: type reprint, url, originalAuthor and authorization.',
    },
  }),
  defineRule('reprint/original-claim-on-reprint', {
    family: 'reprint',
    severity: 'error',
    basis: { zh: POLICY.zh + ORIGINAL.zh, en: POLICY.en + ORIGINAL.en },
    summary: { zh: '转载文章自称原创', en: 'A reprint claims to be original' },
    help: {
      zh: '删去“原创”字样；转载文章不能声明原创。',
      en: 'Remove the originality claim; a reprint cannot be declared original.',
    },
  }),
  defineRule('reprint/takedown-notice', {
    family: 'reprint',
    severity: 'error',
    basis: {
      zh: `${POLICY.zh}《中华人民共和国著作权法》第二十四条、第二十六条：使用他人作品应取得许可，“如有侵权请联系删除”不构成授权。`,
      en: `${POLICY.en}Copyright Law of the PRC, arts. 24 and 26: using a work needs permission; "contact us to take it down" is not one.`,
    },
    summary: { zh: '用“侵删”代替授权', en: '"Contact us to take it down" instead of an authorisation' },
    help: {
      zh: '先取得作者或权利人的授权并记在 source.authorization 中，删去“如有侵权请联系删除”。',
      en: "Get the author's or rights holder's permission, record it in source.authorization and remove the takedown notice.",
    },
  }),
  defineRule('reprint/missing-credit', {
    family: 'reprint',
    severity: 'warning',
    basis: POLICY,
    summary: {
      zh: '转载文章正文没有注明原作者或出处',
      en: 'A reprint does not credit its author or source in the body',
    },
    help: {
      zh: '在文首写明“本文转载自某某《原题》，已获授权”，并附原文链接。',
      en: 'Open with "Reprinted from AUTHOR, TITLE, with permission" and the original link.',
    },
  }),
  defineRule('reprint/incomplete-record', {
    family: 'reprint',
    severity: 'error',
    basis: POLICY,
    summary: { zh: '转载记录不完整', en: 'Incomplete reprint record' },
    help: {
      zh: '转载须在 source 中写明 url、originalAuthor，以及 authorization（grantedBy、date）。',
      en: 'A reprint records url, originalAuthor and authorization (grantedBy, date) under source.',
    },
  }),
];

const REPRINTED = compilePhrases([
  {
    rule: 'reprint/original-but-reprinted',
    pattern:
      '转载自|摘编自|摘自|节选自|选自《|本文转载|经授权转载|授权转载|转载已获授权|原载于|原文刊载于|原文来源|本文来源|文章来源|(?<!保留|附上)原文链接|整理自|编译自|(?<!图片|配图|图)(?:素材|内容|资料|图文|文章)?(?:来自|来源于|源自)网络|(?<!图片|图|配图|数据|资料|图源)来源:|转自(?!动)',
    negatable: true,
  },
]);
const ORIGINAL_CLAIM = compilePhrases([
  { rule: 'reprint/original-claim-on-reprint', pattern: '原创(?!作者|者|声明规则|声明功能)', negatable: true },
]);
const TAKEDOWN = compilePhrases([
  {
    rule: 'reprint/takedown-notice',
    pattern:
      '(?:如有|若有|如涉及|若涉及)侵权[^。！？\\n]{0,10}?删除|侵删|侵权必删|侵权删|侵权(?:立|即)删|(?:如有|若有)侵权[^。！？\\n]{0,6}?(?:告知|联系我们|联系)',
  },
]);

function proseMatches(segment: Segment, set: ReturnType<typeof compilePhrases>) {
  const view = segment.view();
  return findPhrases(set, view.text)
    .map((match) => ({ start: view.origin[match.start]!, end: view.origin[match.end - 1]! + 1 }))
    .filter((match) => {
      const flags = segment.flags[match.start]! | segment.flags[match.end - 1]!;
      // A takedown notice or a 转载自 quoted as an example (“如有侵权请联系删除”不等于授权) is talked about, not used.
      return (flags & EXCLUDED) === 0 && !citationExempt(segment, match.start, match.end, flags);
    });
}

export function checkReprint(document: LintDocument, report: Reporter): void {
  const source = document.frontMatter?.source as Record<string, unknown> | undefined;
  const type = source && typeof source === 'object' ? source.type : undefined;
  const texts = [
    ...(document.body ? [document.body] : []),
    ...document.fields.filter((field) => field.name === 'title' || field.name === 'digest'),
  ];

  for (const segment of texts) {
    for (const match of proseMatches(segment, TAKEDOWN))
      report({ ruleId: 'reprint/takedown-notice', segment, ...match });
  }
  if (type === 'reprint') {
    for (const segment of texts) {
      for (const match of proseMatches(segment, ORIGINAL_CLAIM))
        report({ ruleId: 'reprint/original-claim-on-reprint', segment, ...match });
    }
    const body = document.body;
    if (body) {
      const author = typeof source!.originalAuthor === 'string' ? source!.originalAuthor.trim() : '';
      const url = typeof source!.url === 'string' ? source!.url : '';
      const credited =
        (author !== '' && body.text.includes(author)) ||
        (url !== '' && body.text.includes(url)) ||
        proseMatches(body, REPRINTED).length > 0;
      if (!credited) {
        const firstLineEnd = body.text.indexOf('\n', body.text.search(/\S/));
        const start = Math.max(0, body.text.search(/\S/));
        report({
          ruleId: 'reprint/missing-credit',
          segment: body,
          start,
          end: firstLineEnd === -1 ? body.text.length : firstLineEnd,
        });
      }
    }
    if (!document.frontMatterChecked) {
      const authorization = source!.authorization as Record<string, unknown> | undefined;
      const missing = [
        typeof source!.url === 'string' && source!.url !== '' ? '' : 'url',
        typeof source!.originalAuthor === 'string' && source!.originalAuthor !== '' ? '' : 'originalAuthor',
        authorization && typeof authorization === 'object' && authorization.grantedBy && authorization.date
          ? ''
          : 'authorization',
      ].filter(Boolean);
      const anchor = document.fields.find((field) => field.name === 'title') ?? document.body;
      if (missing.length > 0 && anchor) {
        report({
          ruleId: 'reprint/incomplete-record',
          segment: anchor,
          start: 0,
          end: anchor === document.body ? 0 : anchor.text.length,
          message: {
            zh: `转载文章的 source 缺少：${missing.join('、')}。`,
            en: `The reprint's source lacks: ${missing.join(', ')}.`,
          },
        });
      }
    }
  } else if (document.body) {
    const matches = proseMatches(document.body, REPRINTED);
    const ruleId =
      type === 'original'
        ? 'reprint/original-but-reprinted'
        : document.frontMatter === undefined || source === undefined
          ? 'reprint/undeclared'
          : undefined;
    if (ruleId) for (const match of matches.slice(0, 1)) report({ ruleId, segment: document.body, ...match });
  }
}
