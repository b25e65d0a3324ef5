import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildScriptTablesFromOpenCC,
  scriptTables,
  scriptTablesModule,
} from '../../src/core/compliance/chinese-script.ts';

/** A string through the tables one character at a time, as the compliance text view reads it. */
function simplified(text: string): string {
  const { toSimplified } = scriptTables();
  return [...text]
    .map((character) => String.fromCharCode(toSimplified[character.charCodeAt(0)] || character.charCodeAt(0)))
    .join('');
}

describe('the Traditional → Simplified character tables', () => {
  it('are the ones opencc-js gives today (else run node scripts/dev/generate-script-tables.ts)', () => {
    const generated = readFileSync(
      new URL('../../src/core/compliance/chinese-script-tables.generated.ts', import.meta.url),
      'utf8',
    );
    expect(generated).toBe(scriptTablesModule(buildScriptTablesFromOpenCC()));
  });

  it('turn Taiwan and Hong Kong text into Simplified character by character, and do not call everyday Simplified characters Traditional', () => {
    expect(simplified('國家級產品，臺灣衛生局')).toBe('国家级产品，台湾卫生局');
    expect(simplified('最佳選擇')).toBe('最佳选择');
    const { traditionalOnly } = scriptTables();
    expect(traditionalOnly['國'.charCodeAt(0)]).toBe(1);
    expect(traditionalOnly['著'.charCodeAt(0)]).toBe(0);
  });
});
