import { EXCLUDED, scanMarkdown } from './markdown-scan.ts';

export interface BodyImage {
  url: string;
  /** Offsets in the body. */
  start: number;
  end: number;
}

/**
 * The images of a Markdown body found by the fast line scanner, or undefined when the body uses
 * image syntax the scanner does not fully read (nested brackets, escapes, entities, %-escapes or
 * parentheses in addresses, indented code) and a full CommonMark parse should decide.
 */
export function scannedImages(body: string): BodyImage[] | undefined {
  if (/^(?: {4}|\t).*!\[/m.test(body)) return undefined;
  const scan = scanMarkdown(body, { quotes: false });
  let written = 0;
  for (let at = body.indexOf('!['); at !== -1; at = body.indexOf('![', at + 2)) {
    if ((scan.flags[at]! & EXCLUDED) === 0) written += 1;
  }
  if (written !== scan.images.length + scan.imageReferences.length) return undefined;
  const images: BodyImage[] = [];
  const unusual = (url: string) => /[()\\&%<>]/.test(url);
  for (const image of scan.images) {
    if (unusual(image.url) || /[\\[]/.test(image.alt)) return undefined;
    if (image.url !== '') images.push({ url: image.url, start: image.start, end: image.end });
  }
  for (const reference of scan.imageReferences) {
    // ![a [b] c](x): brackets inside the text mean nesting the scanner does not follow.
    if (reference.alt.includes('[') || body[reference.end] === '(') return undefined;
    const url = scan.definitions.get(reference.label);
    if (url === undefined) continue;
    if (unusual(url)) return undefined;
    images.push({ url, start: reference.start, end: reference.end });
  }
  return images;
}
