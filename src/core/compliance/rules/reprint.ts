import { citationExempt } from '../citation.ts';
import type { LintDocument, Reporter } from '../document.ts';
import { compilePhrases, findPhrases } from '../phrases.ts';
import type { Segment } from '../segments.ts';
import { defineFamily, type FamilyModule } from '../family.ts';
import table from './reprint.rules.json' with { type: 'json' };
import { EXCLUDED } from '../markdown-scan.ts';

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

/** The family's registry entry (registry.ts): its table of rules and texts, and what finds them. */
export const FAMILY: FamilyModule<'reprint'> = defineFamily('reprint', table, { documentCheck: checkReprint });
