import { clip, type LintDocument, type Reporter } from '../document.ts';
import { BLOCKQUOTE, EXCLUDED } from '../markdown-scan.ts';
import { defineRule } from '../types.ts';

const POLICY = {
  zh: '部门制度四（一）3–4：语言简洁明了，排版合理，适当使用段落、图片、小标题。',
  en: 'Department policy 4(1)3–4: clear, concise language; readable layout with paragraphs, images and subheadings.',
};

export const RULES = [
  defineRule('structure/paragraph-too-long', {
    family: 'structure',
    severity: 'warning',
    basis: POLICY,
    summary: { zh: '段落过长', en: 'Paragraph too long' },
    help: {
      zh: '手机上一屏只显示几行，把长段落按意思拆成两三段。',
      en: 'A phone screen shows a few lines; split the paragraph by idea.',
    },
  }),
  defineRule('structure/sentence-too-long', {
    family: 'structure',
    severity: 'warning',
    basis: POLICY,
    summary: { zh: '句子过长', en: 'Sentence too long' },
    help: { zh: '把长句拆成几个短句，一句只说一件事。', en: 'Split it into shorter sentences, one point each.' },
  }),
  defineRule('structure/subheading-gap', {
    family: 'structure',
    severity: 'warning',
    basis: POLICY,
    summary: { zh: '长文缺少小标题', en: 'Long stretch without a subheading' },
    help: {
      zh: '长文按内容加二级标题（## 标题），方便读者扫读。',
      en: 'Add a subheading (## Heading) so readers can scan a long piece.',
    },
  }),
  defineRule('structure/image-alt', {
    family: 'structure',
    severity: 'warning',
    basis: POLICY,
    summary: { zh: '图片缺少替代文字', en: 'Image without alt text' },
    help: {
      zh: '在 ![ ] 的方括号里写一句图片内容，读屏软件和图片加载失败时都靠它。',
      en: 'Describe the image inside ![ ]; screen readers and failed loads rely on it.',
    },
  }),
  defineRule('structure/cover-missing', {
    family: 'structure',
    severity: 'warning',
    basis: {
      zh: `${POLICY.zh}微信图文消息须有封面图（thumb_media_id）。`,
      en: `${POLICY.en} A WeChat article needs a cover (thumb_media_id).`,
    },
    summary: { zh: '没有封面图', en: 'No cover image' },
    help: {
      zh: '在头信息写 cover: cover.png，并把图片放进文章目录。',
      en: 'Add cover: cover.png to the front matter and put the image in the article folder.',
    },
  }),
];

export function checkStructure(document: LintDocument, report: Reporter): void {
  const { readability } = document.settings;
  if (document.frontMatter && !document.frontMatterChecked && !document.frontMatter.cover) {
    const anchor = document.fields.find((field) => field.name === 'title');
    if (anchor) report({ ruleId: 'structure/cover-missing', segment: anchor, start: 0, end: anchor.text.length });
  }
  const body = document.body;
  if (!body?.scan) return;
  const { text, flags, scan } = body;
  // Prefix sums of visible prose characters, so any stretch is measured in constant time.
  const prefix = new Int32Array(text.length + 1);
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    prefix[index + 1] =
      prefix[index]! + ((flags[index]! & EXCLUDED) === 0 && code > 0x20 && (code < 0xdc00 || code > 0xdfff) ? 1 : 0);
  }
  const proseLength = (start: number, end: number) => prefix[end]! - prefix[start]!;

  for (const image of scan.images) {
    if (image.alt.trim() === '')
      report({ ruleId: 'structure/image-alt', segment: body, start: image.start, end: image.end });
  }

  // Headings and paragraphs in document order, to measure the stretches between subheadings.
  const blocks = [
    ...scan.headings.map((block) => ({ ...block, heading: true })),
    ...scan.paragraphs.map((block) => ({ ...block, heading: false })),
  ].sort((a, b) => a.start - b.start);
  let sinceHeading = 0;
  const total = prefix[text.length]!;
  for (const block of blocks) {
    if (block.heading) {
      sinceHeading = 0;
      continue;
    }
    const length = proseLength(block.start, block.end);
    if (length > readability.paragraphMaxChars && (flags[block.start]! & BLOCKQUOTE) === 0) {
      const lineEnd = text.indexOf('\n', block.start);
      report({
        ruleId: 'structure/paragraph-too-long',
        segment: body,
        start: block.start,
        end: lineEnd === -1 || lineEnd > block.end ? block.end : lineEnd,
        message: {
          zh: `这一段有 ${length} 个字，超过了 ${readability.paragraphMaxChars} 字。`,
          en: `This paragraph has ${length} characters, over ${readability.paragraphMaxChars}.`,
        },
      });
    }
    sinceHeading += length;
    if (total > readability.subheadingEveryChars && sinceHeading > readability.subheadingEveryChars) {
      const lineEnd = text.indexOf('\n', block.start);
      report({
        ruleId: 'structure/subheading-gap',
        segment: body,
        start: block.start,
        end: lineEnd === -1 || lineEnd > block.end ? block.end : lineEnd,
        message: {
          zh: `到这里已有 ${sinceHeading} 字没有小标题（要求每 ${readability.subheadingEveryChars} 字至少一个）。`,
          en: `${sinceHeading} characters without a subheading by here (the policy asks for one every ${readability.subheadingEveryChars}).`,
        },
      });
      sinceHeading = 0;
    }
    // Sentences: split at sentence-ending punctuation within the paragraph.
    let sentenceStart = block.start;
    for (let index = block.start; index <= block.end; index += 1) {
      if (index < block.end) {
        const code = text.charCodeAt(index);
        // 。！？；!?; end a sentence.
        if (
          code !== 0x3002 &&
          code !== 0xff01 &&
          code !== 0xff1f &&
          code !== 0xff1b &&
          code !== 0x21 &&
          code !== 0x3f &&
          code !== 0x3b
        )
          continue;
      }
      const length = proseLength(sentenceStart, index);
      if (length > readability.sentenceMaxChars) {
        const start =
          sentenceStart +
          (text.slice(sentenceStart, index).length - text.slice(sentenceStart, index).trimStart().length);
        report({
          ruleId: 'structure/sentence-too-long',
          segment: body,
          start,
          end: Math.min(index + 1, block.end),
          message: {
            zh: `这句话有 ${length} 个字，超过了 ${readability.sentenceMaxChars} 字：“${clip(text.slice(start, index))}”`,
            en: `This sentence has ${length} characters, over ${readability.sentenceMaxChars}: "${clip(text.slice(start, index))}"`,
          },
        });
      }
      sentenceStart = index + 1;
    }
  }
}
