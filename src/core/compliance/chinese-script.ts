import { createRequire } from 'node:module';
import { SIMPLIFIED_PAIRS, TRADITIONAL_ONLY } from './chinese-script-tables.generated.ts';

// opencc-js is needed only to (re)generate the tables; mpflow check reads the generated pairs.
const require = createRequire(import.meta.url);
type OpenCCModule = { Converter(options: { from: string; to: string }): (text: string) => string };

/**
 * Character-level Traditional → Simplified tables, built once per process from opencc-js.
 * Matching works per character (a lookup per code unit), which is what makes the normalised view
 * cheap enough for ten thousand articles; phrase-level conversion is not needed to catch 國家級.
 */
export interface ScriptTables {
  /** code unit → simplified code unit (0 when the character is unchanged). */
  toSimplified: Uint16Array;
  /** 1 where the character is written only in Traditional Chinese (safe to call "mixed script"). */
  traditionalOnly: Uint8Array;
}

// Characters that opencc maps but that are also everyday Simplified characters (著名, 乾坤, 姓於, 瞭望…).
const ALSO_SIMPLIFIED = new Set([
  ...'著乾於餘瞭覆藉夥徵祗鉅髮麼甚週佈裏彆噁蒐鬥剋捨幹隻託遊台檯臺纔衝穀痴癡蔔囉嚕閒沈洩',
]);

let tables: ScriptTables | undefined;

/** Tables built elsewhere (the main thread, for a worker). */
export function installScriptTables(given: ScriptTables): void {
  tables ??= given;
}

/**
 * The tables, from the pairs generated out of opencc-js (chinese-script-tables.generated.ts).
 * Building them from opencc-js itself took about 200 ms per process, a third of a small check;
 * reading the generated pairs takes about 1 ms. test/compliance/script-tables.test.ts rebuilds
 * them from opencc-js and fails when the generated file is stale.
 */
export function scriptTables(): ScriptTables {
  if (tables) return tables;
  const toSimplified = new Uint16Array(0x10000);
  const traditionalOnly = new Uint8Array(0x10000);
  for (let index = 0; index + 1 < SIMPLIFIED_PAIRS.length; index += 2)
    toSimplified[SIMPLIFIED_PAIRS.charCodeAt(index)] = SIMPLIFIED_PAIRS.charCodeAt(index + 1);
  for (let index = 0; index < TRADITIONAL_ONLY.length; index += 1)
    traditionalOnly[TRADITIONAL_ONLY.charCodeAt(index)] = 1;
  tables = { toSimplified, traditionalOnly };
  return tables;
}

/** Builds the tables from opencc-js: what the generated pairs are made from (and checked against). */
export function buildScriptTablesFromOpenCC(): ScriptTables {
  const OpenCC = require('opencc-js') as OpenCCModule;
  const toSimplified = new Uint16Array(0x10000);
  const traditionalOnly = new Uint8Array(0x10000);
  const characters: string[] = [];
  for (let code = 0x3400; code <= 0x9fff; code += 1) characters.push(String.fromCharCode(code));
  const joined = characters.join('\n');
  // Taiwan and Hong Kong standards differ in a few characters; whichever changes a character wins.
  const conversions = (['t', 'tw', 'hk'] as const).map((from) =>
    OpenCC.Converter({ from, to: 'cn' })(joined).split('\n'),
  );
  // A character that has a Traditional form of its own (么 → 麼, 后 → 後) is Simplified, whatever t2cn says of it.
  const toTraditional = OpenCC.Converter({ from: 'cn', to: 't' })(joined).split('\n');
  for (let index = 0; index < characters.length; index += 1) {
    const original = characters[index]!;
    if (toTraditional[index] !== original) continue;
    for (const converted of conversions) {
      const value = converted[index];
      if (value !== undefined && value !== original && value.length === 1) {
        const code = original.charCodeAt(0);
        toSimplified[code] = value.charCodeAt(0);
        if (!ALSO_SIMPLIFIED.has(original)) traditionalOnly[code] = 1;
        break;
      }
    }
  }
  return { toSimplified, traditionalOnly };
}

/** The source of chinese-script-tables.generated.ts for the given tables. */
export function scriptTablesModule(built: ScriptTables): string {
  let pairs = '';
  let only = '';
  for (let code = 0; code < 0x10000; code += 1) {
    if (built.toSimplified[code]) pairs += String.fromCharCode(code, built.toSimplified[code]!);
    if (built.traditionalOnly[code]) only += String.fromCharCode(code);
  }
  const lines = (value: string) => (value.match(/[\s\S]{1,100}/g) ?? []).map((line) => `  '${line}'`).join(' +\n');
  return [
    '/* Generated from opencc-js by `node scripts/dev/generate-script-tables.ts`. Do not edit by hand. */',
    '/** Traditional character, then its Simplified form, for every character opencc-js changes. */',
    `export const SIMPLIFIED_PAIRS =\n${lines(pairs)};`,
    '/** Characters written only in Traditional Chinese. */',
    `export const TRADITIONAL_ONLY =\n${lines(only)};`,
    '',
  ].join('\n');
}

export function isCjkIdeograph(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff);
}
