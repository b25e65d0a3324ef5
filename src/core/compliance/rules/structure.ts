import { clip, type LintDocument, type Reporter } from '../document.ts';
import { BLOCKQUOTE, EXCLUDED } from '../markdown-scan.ts';
import { defineFamily, type FamilyModule } from '../family.ts';
import table from './structure.rules.json' with { type: 'json' };

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
  // A long paragraph is reported on its first line, where an editor sees it start.
  const firstLineEnd = (block: { start: number; end: number }) => {
    const lineEnd = text.indexOf('\n', block.start);
    return lineEnd === -1 || lineEnd > block.end ? block.end : lineEnd;
  };

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
      report({
        ruleId: 'structure/paragraph-too-long',
        segment: body,
        start: block.start,
        end: firstLineEnd(block),
        message: {
          zh: `这一段有 ${length} 个字，超过了 ${readability.paragraphMaxChars} 字。`,
          en: `This paragraph has ${length} characters, over ${readability.paragraphMaxChars}.`,
        },
      });
    }
    sinceHeading += length;
    if (total > readability.subheadingEveryChars && sinceHeading > readability.subheadingEveryChars) {
      report({
        ruleId: 'structure/subheading-gap',
        segment: body,
        start: block.start,
        end: firstLineEnd(block),
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

/** The family's registry entry (registry.ts): its table of rules and texts, and what finds them. */
export const FAMILY: FamilyModule<'structure'> = defineFamily('structure', table, { documentCheck: checkStructure });
