/**
 * A line-based reading of a Markdown body, enough for the compliance rules and an order of
 * magnitude faster than a full mdast parse: which spans are not prose (code, HTML, link
 * targets, URLs), which are quoted or in a blockquote, and where the paragraphs, headings,
 * images and links are.
 */
export const EXCLUDED = 1;
export const BLOCKQUOTE = 2;
export const QUOTED = 4;
/** Inline markup (<span>, </b>): left out of the prose, but a word split by it stays one word. */
export const MARKUP = 8;

export interface Block {
  start: number;
  end: number;
}

export interface ImageRef {
  start: number;
  end: number;
  alt: string;
  url: string;
}

export interface LinkRef {
  start: number;
  end: number;
  url: string;
}

export interface ScannedMarkdown {
  flags: Uint8Array;
  paragraphs: Block[];
  headings: Block[];
  images: ImageRef[];
  /** Reference-style images (![alt][label], ![alt][], ![label]); `label` is normalised. */
  imageReferences: Array<{ start: number; end: number; alt: string; label: string }>;
  /** Link reference definitions ([label]: url), by normalised label; the first one wins, as in CommonMark. */
  definitions: Map<string, string>;
  links: LinkRef[];
  /** Offsets at which each line starts. */
  lineStarts: number[];
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const BLOCKQUOTE_LINE = /^ {0,3}>/;
const LIST_ITEM = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+/;
const THEMATIC_BREAK = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const TABLE_LINE = /^[ \t]*\|/;
const DEFINITION = /^ {0,3}\[([^\]\n]+)\]:[ \t]*<?(\S+?)>?(?:[ \t]+.*)?$/;
const INLINE =
  /(`+)[^`\n]*?\1|!\[([^\]\n]*)\]\([ \t]*<?([^)\s>]*)>?(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'))?[ \t]*\)|\[(?:[^\]\n]*)\]\([ \t]*<?([^)\s>]*)>?(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'))?[ \t]*\)|<(https?:\/\/[^>\s]+)>|!\[([^\]\n]*)\](?:\[([^\]\n]*)\])?|<\/?[a-zA-Z][^>\n]*>|(?:https?:\/\/|www\.)[^\s<>()（）\]，。；！？、”」]+/g;
const HTML_COMMENT = /<!--[\s\S]*?-->/g;
/** The quotation marks that pair up, by their opening mark; QUOTE_MARK finds either kind. */
const QUOTE_CLOSER: Readonly<Record<string, string>> = { '“': '”', '「': '」', '『': '』', '"': '"' };
const QUOTE_MARK = /[“”「」『』"]/g;

/** `quotes: false` leaves QUOTED unset, for a caller that reads no quotation (the image check of every body). */
export function scanMarkdown(body: string, options: { quotes?: boolean } = {}): ScannedMarkdown {
  const flags = new Uint8Array(body.length);
  const paragraphs: Block[] = [];
  const headings: Block[] = [];
  const images: ImageRef[] = [];
  const imageReferences: ScannedMarkdown['imageReferences'] = [];
  const definitions = new Map<string, string>();
  const links: LinkRef[] = [];
  const lineStarts: number[] = [];

  if (body.includes('<!--')) {
    HTML_COMMENT.lastIndex = 0;
    for (let match = HTML_COMMENT.exec(body); match; match = HTML_COMMENT.exec(body))
      flags.fill(EXCLUDED, match.index, match.index + match[0].length);
  }

  let fence: string | undefined;
  let paragraph: Block | undefined;
  let quoteOpen = -1;
  let quoteCloser = '';
  const marks: number[] = [];
  QUOTE_MARK.lastIndex = 0;
  if (options.quotes !== false)
    for (let match = QUOTE_MARK.exec(body); match; match = QUOTE_MARK.exec(body)) marks.push(match.index);
  let nextMark = 0;
  const closeParagraph = () => {
    if (paragraph) paragraphs.push(paragraph);
    paragraph = undefined;
    quoteOpen = -1;
  };

  let lineStart = 0;
  while (lineStart <= body.length) {
    let lineEnd = body.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = body.length;
    lineStarts.push(lineStart);
    const line = body.slice(lineStart, lineEnd);

    if (fence !== undefined) {
      flags.fill(EXCLUDED, lineStart, lineEnd);
      const closing = FENCE.exec(line);
      if (closing && closing[1]![0] === fence[0] && closing[1]!.length >= fence.length && line.trim() === closing[1])
        fence = undefined;
    } else if (FENCE.test(line)) {
      closeParagraph();
      fence = FENCE.exec(line)![1]!;
      flags.fill(EXCLUDED, lineStart, lineEnd);
    } else if (
      line.trim() === '' ||
      (flags[lineStart] === EXCLUDED &&
        flags[Math.max(lineStart, lineEnd - 1)] === EXCLUDED &&
        line.trim().startsWith('<!--'))
    ) {
      closeParagraph();
    } else if (DEFINITION.test(line)) {
      closeParagraph();
      const [, label, url] = DEFINITION.exec(line)!;
      if (/^https?:\/\//i.test(url!)) links.push({ start: lineStart, end: lineEnd, url: url! });
      const key = normaliseLabel(label!);
      if (!definitions.has(key)) definitions.set(key, url!);
      flags.fill(EXCLUDED, lineStart, lineEnd);
    } else {
      const isHeading = HEADING.test(line);
      const isQuote = BLOCKQUOTE_LINE.test(line);
      if (isHeading || THEMATIC_BREAK.test(line)) {
        closeParagraph();
        if (isHeading) headings.push({ start: lineStart, end: lineEnd });
      } else if (TABLE_LINE.test(line)) {
        closeParagraph();
      } else {
        if (LIST_ITEM.test(line) || (paragraph && isQuote !== ((flags[paragraph.start]! & BLOCKQUOTE) !== 0)))
          closeParagraph();
        if (!paragraph) paragraph = { start: lineStart, end: lineEnd };
        else paragraph.end = lineEnd;
      }
      if (isQuote) for (let index = lineStart; index < lineEnd; index += 1) flags[index]! |= BLOCKQUOTE;
      scanInline(line, lineStart, flags, images, imageReferences, links);
      // Quotation marks pair up within a paragraph (a quote may run over a line break). Only the
      // marks' positions are visited (found once per body): a step per character was most of this scan.
      while (nextMark < marks.length && marks[nextMark]! < lineStart) nextMark += 1;
      for (; nextMark < marks.length && marks[nextMark]! < lineEnd; nextMark += 1) {
        const index = marks[nextMark]!;
        if ((flags[index]! & EXCLUDED) !== 0) continue;
        const character = body[index]!;
        if (quoteOpen === -1) {
          const closer = QUOTE_CLOSER[character];
          if (closer) {
            quoteOpen = index;
            quoteCloser = closer;
          }
        } else if (character === quoteCloser) {
          for (let at = quoteOpen; at <= index; at += 1) flags[at]! |= QUOTED;
          quoteOpen = -1;
        }
      }
      if (isHeading) quoteOpen = -1;
    }
    lineStart = lineEnd + 1;
  }
  closeParagraph();
  return { flags, paragraphs, headings, images, imageReferences, definitions, links, lineStarts };
}

/** CommonMark label matching: case-insensitive, runs of white space as one space. */
export function normaliseLabel(label: string): string {
  return label
    .replace(/[\t\n\r ]+/g, ' ')
    .trim()
    .toLowerCase();
}

function scanInline(
  line: string,
  lineStart: number,
  flags: Uint8Array,
  images: ImageRef[],
  imageReferences: ScannedMarkdown['imageReferences'],
  links: LinkRef[],
): void {
  if (!/[`![<]|https?:|www\./.test(line)) return;
  INLINE.lastIndex = 0;
  for (let match = INLINE.exec(line); match; match = INLINE.exec(line)) {
    const start = lineStart + match.index;
    const end = start + match[0].length;
    if ((flags[start]! & EXCLUDED) !== 0) continue;
    const whole = match[0];
    if (match[1] !== undefined) {
      flags.fill(EXCLUDED, start, end);
    } else if (match[2] !== undefined) {
      images.push({ start, end, alt: match[2], url: match[3] ?? '' });
      flags.fill(EXCLUDED, start + 2 + match[2].length + 1, end);
    } else if (match[4] !== undefined) {
      const url = match[4];
      if (/^https?:\/\//i.test(url)) links.push({ start, end, url });
      flags.fill(EXCLUDED, start + whole.indexOf('](') + 1, end);
    } else if (match[5] !== undefined) {
      links.push({ start, end, url: match[5] });
      flags.fill(EXCLUDED, start, end);
    } else if (match[6] !== undefined) {
      // ![alt][label], ![alt][] (label = alt) or ![alt] (label = alt).
      const label = match[7] === undefined || match[7] === '' ? match[6] : match[7];
      imageReferences.push({ start, end, alt: match[6], label: normaliseLabel(label) });
    } else if (whole.startsWith('<')) {
      flags.fill(EXCLUDED | MARKUP, start, end);
    } else {
      // A bare address is text the reader copies, not a link: it is left out of prose but not reported.
      const url = whole.replace(/[.,;:!?]+$/, '');
      flags.fill(EXCLUDED, start, start + url.length);
    }
  }
}
