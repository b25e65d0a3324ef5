import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { meetsNeeds, patternNeeds, readPattern, shareReadings } from '../../src/core/compliance/phrase-needs.ts';
import { alternativesOf } from '../../src/core/compliance/pattern-source.ts';
import { FAMILY_REGISTRY } from '../../src/core/compliance/registry.ts';
import { buildTextView } from '../../src/core/compliance/text-view.ts';
import { mulberry32 } from '../../scripts/dev/seeded-random.ts';

const casesFolder = path.join(import.meta.dirname, 'cases');
const realCorpusFolder = path.join(import.meta.dirname, '../compliance-eval/corpus-real');
const PATTERNS = FAMILY_REGISTRY.flatMap((family) => family.phrases ?? []).map((entry) => entry.pattern);

function yamlFiles(folder: string): unknown[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => parse(readFileSync(path.join(folder, name), 'utf8')) as unknown);
}

/** Every sentence of the case tables and of the real corpus, normalised as the engine reads it. */
function sentences(): string[] {
  const cases = yamlFiles(casesFolder).flatMap((table) => {
    const { flags = [], clean = [] } = table as { flags?: Array<{ text: string }>; clean?: Array<{ text: string }> };
    return [...flags, ...clean].map((item) => item.text);
  });
  const real = yamlFiles(realCorpusFolder).flatMap((file) =>
    ((file as { sources?: Array<{ entries?: Array<{ t: string }> }> }).sources ?? []).flatMap((source) =>
      (source.entries ?? []).map((entry) => entry.t),
    ),
  );
  return [...cases, ...real].map((text) => buildTextView(text).text);
}

/** Texts made of a pattern's own literal pieces, digits and spaces, so that many of them match it. */
function piecesOf(pattern: string, count: number, seed: number): string[] {
  const pieces = [...new Set(pattern.split(/\\[dDsSwWbBnu]|[\\()[\]{}|?*+^$.!=<:,-]+/).filter(Boolean))];
  pieces.push(...[...new Set(pattern.replace(/\\u[0-9a-f]{4}/gi, ''))].filter((char) => /[\p{L}%]/u.test(char)));
  pieces.push('1', '99', ' ', '。', '中');
  const random = mulberry32(seed);
  return Array.from({ length: count }, () => {
    let text = '';
    for (let length = 1 + Math.floor(random() * 6); length > 0; length -= 1)
      text += pieces[Math.floor(random() * pieces.length)]!;
    return text;
  });
}

describe('what a phrase pattern needs in a text before it can match', () => {
  it('names strings the text must contain, or nothing when the pattern is beyond its reading', () => {
    expect(patternNeeds('(?:保证|包)(?:过件|下款)')?.clauses).toContainEqual(['过件', '下款']);
    expect(patternNeeds('治(?:愈|疗)[\\u4e00-\\u9fff]{0,2}效果')?.clauses).toEqual(
      expect.arrayContaining([expect.arrayContaining(['治愈', '治疗']), ['效果']]),
    );
    // A lookbehind's text is in the text too.
    expect(patternNeeds('(?<=立即|马上)见效')?.clauses.flat()).toEqual(
      expect.arrayContaining(['见效', '立即', '马上']),
    );
    // Optional and unbounded parts need nothing; a backreference is not read.
    expect(patternNeeds('(?:最)?[^。]*')).toBeUndefined();
    expect(patternNeeds('(转)\\1')).toBeUndefined();
  });

  it('never turns away a case-table or real-corpus sentence that a built-in pattern matches', () => {
    const texts = sentences();
    let matched = 0;
    for (const pattern of PATTERNS) {
      const needs = patternNeeds(pattern);
      const regex = new RegExp(pattern);
      for (const text of texts)
        if (regex.test(text)) {
          matched += 1;
          expect(meetsNeeds(text, needs), `${pattern.slice(0, 40)} on ${text}`).toBe(true);
        }
    }
    expect(matched).toBeGreaterThan(500);
  });

  it('never turns away a text made of the pattern’s own pieces that the pattern matches', () => {
    let matched = 0;
    PATTERNS.forEach((pattern, index) => {
      const needs = patternNeeds(pattern);
      const regex = new RegExp(pattern);
      for (const text of piecesOf(pattern, 400, index + 1))
        if (regex.test(text)) {
          matched += 1;
          expect(meetsNeeds(text, needs), `${pattern.slice(0, 40)} on ${text}`).toBe(true);
        }
    });
    expect(matched).toBeGreaterThan(2000);
  });

  it('never turns away a sentence that one alternative of a built-in pattern matches', () => {
    // findPhrases scans a block with only the alternatives whose own needs it meets (phrases.ts).
    const texts = sentences();
    let matched = 0;
    PATTERNS.forEach((pattern, index) => {
      const alternatives = alternativesOf(pattern);
      if (alternatives.length < 2) return;
      const whole = new RegExp(pattern);
      // An alternative matches only where the whole pattern does.
      const candidates = [...texts, ...piecesOf(pattern, 400, index + 1)].filter((text) => whole.test(text));
      for (const alternative of alternatives) {
        const needs = patternNeeds(alternative);
        const regex = new RegExp(alternative);
        for (const text of candidates)
          if (regex.test(text)) {
            matched += 1;
            expect(meetsNeeds(text, needs), `${alternative.slice(0, 40)} on ${text}`).toBe(true);
          }
      }
    });
    expect(matched).toBeGreaterThan(1000);
  });

  it('turns away a text that lacks what the pattern needs', () => {
    const needs = patternNeeds('(?:保证|包)(?:过件|下款)');
    expect(meetsNeeds('这家店保证新鲜，包装也好。', needs)).toBe(false);
    expect(meetsNeeds('保证过件，当天下款。', needs)).toBe(true);
  });

  it('still tells texts apart after more texts than its tables have stamps', () => {
    const needs = patternNeeds('(?:保证|包)(?:过件|下款)');
    for (let count = 0; count < 70_000; count += 1) {
      expect(meetsNeeds(`第${count}句：包下款`, needs)).toBe(true);
      if (count % 997 === 0) expect(meetsNeeds(`第${count}句：包上款`, needs)).toBe(false);
    }
  });

  it('reads a text again for what a pattern compiled after it was read needs', () => {
    // A text is indexed for the characters and pairs some pattern asks for; these are asked by none yet.
    const text = '一段写着齉龘与靐靇的文字';
    expect(meetsNeeds(text, patternNeeds('文字'))).toBe(true);
    expect(meetsNeeds(text, patternNeeds('齉龘|靐靇'))).toBe(true);
    expect(meetsNeeds(text, patternNeeds('龘齉'))).toBe(false);
  });

  it('gives a worker thread the same needs from the readings the main thread hands it', async () => {
    const shared = shareReadings(PATTERNS);
    // A fresh copy of the module stands for the worker: it has read no pattern.
    vi.resetModules();
    const worker = (await import(
      '../../src/core/compliance/phrase-needs.ts'
    )) as typeof import('../../src/core/compliance/phrase-needs.ts');
    worker.installReadings(structuredClone(shared));
    // What was handed over is taken, not read again: the parser would ask for 丙丁 too.
    worker.installReadings([['(?:甲乙|丙丁)', { clauses: [['甲乙']], alternatives: [] }]]);
    expect(worker.readPattern('(?:甲乙|丙丁)').needs?.clauses).toEqual([['甲乙']]);
    const texts = sentences().slice(0, 400);
    for (const pattern of PATTERNS) {
      const [own, handed] = [readPattern(pattern), worker.readPattern(pattern)];
      expect(handed.needs?.clauses, pattern.slice(0, 40)).toEqual(own.needs?.clauses);
      expect(handed.alternatives.map((alternative) => [alternative.source, alternative.needs?.clauses])).toEqual(
        own.alternatives.map((alternative) => [alternative.source, alternative.needs?.clauses]),
      );
      for (const text of texts) expect(worker.meetsNeeds(text, handed.needs)).toBe(meetsNeeds(text, own.needs));
    }
  });

  it('asks for the shorter of two strings when one holds the other', () => {
    expect(patternNeeds('关注本号|关注|加关注')?.clauses).toEqual([['关注']]);
  });
});
