import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { lintMarkdown } from '../../src/core/compliance/index.ts';
import type { FamilyRegistry } from '../../src/core/compliance/registry.ts';

/** A family's case table (test/compliance/cases/<family>.yaml): texts it must flag, and near misses it must leave alone. */
export interface CaseTable {
  family: string;
  flags: Array<{ text: string; rule: string }>;
  clean: Array<{ text: string }>;
}

export function readCaseTable(file: string): CaseTable {
  return parse(readFileSync(file, 'utf8')) as CaseTable;
}

/**
 * The tests of one family's case table, run by the engine over the given registry (the built-in
 * one, or a test's own): each flagged text raises its rule, each clean one nothing of the family.
 */
export function caseTableTests(family: string, table: CaseTable, registry?: FamilyRegistry): void {
  const lint = (text: string) => lintMarkdown(`${text}\n`, registry ? { registry } : {}).findings;

  it('holds flagged and clean cases of the family', () => {
    expect(table.family).toBe(family);
    expect(table.flags.length).toBeGreaterThan(0);
    expect(table.clean.length).toBeGreaterThan(0);
    for (const item of table.flags)
      expect(
        item.rule.startsWith(`${family}/`) || (family === 'structure' && item.rule.startsWith('suppression/')),
        item.rule,
      ).toBe(true);
  });

  it.each(table.flags.map((item) => [item.text, item.rule] as const))('flags %j as %s', (text, rule) => {
    expect(lint(text).map((finding) => finding.ruleId)).toContain(rule);
  });

  it.each(table.clean.map((item) => [item.text] as const))('finds nothing of the family in %j', (text) => {
    const findings = lint(text)
      .filter((finding) => finding.family === family)
      .map((finding) => `${finding.ruleId} ${finding.matched}`);
    expect(findings).toEqual([]);
  });
}
