import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { foldAlternatives } from '../../src/core/compliance/phrases.ts';
import { FAMILY_REGISTRY } from '../../src/core/compliance/registry.ts';
import { buildTextView } from '../../src/core/compliance/text-view.ts';

const casesFolder = path.join(import.meta.dirname, 'cases');

/** Every sentence of the case tables, normalised as the engine reads it. */
function caseTexts(): string[] {
  return readdirSync(casesFolder)
    .filter((name) => name.endsWith('.yaml'))
    .flatMap((name) => {
      const table = parse(readFileSync(path.join(casesFolder, name), 'utf8')) as {
        flags?: Array<{ text: string }>;
        clean?: Array<{ text: string }>;
      };
      return [...(table.flags ?? []), ...(table.clean ?? [])].map((item) => buildTextView(item.text).text);
    });
}

function matches(source: string, texts: readonly string[]): string[] {
  const regex = new RegExp(`(${source})`, 'g');
  return texts.flatMap((text, at) => [...text.matchAll(regex)].map((match) => `${at}:${match.index}:${match[0]}`));
}

describe('folding a phrase pattern under its first characters', () => {
  it('puts the branches that begin with the same ideograph under it and leaves the others', () => {
    expect(foldAlternatives('降血压|降血糖|洗肺|(?:清|洗)肠')).toBe('降(?:血压|血糖)|洗肺|(?:清|洗)肠');
    expect(foldAlternatives('最?佳|最好|顶级')).toBe('最?佳|最好|顶级');
  });

  it('finds what the written pattern finds, for every built-in entry on every case-table sentence', () => {
    const texts = caseTexts();
    for (const entry of FAMILY_REGISTRY.flatMap((family) => family.phrases ?? []))
      expect(matches(foldAlternatives(entry.pattern), texts), entry.pattern.slice(0, 40)).toEqual(
        matches(entry.pattern, texts),
      );
  });
});
