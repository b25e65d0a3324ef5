import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listRules } from '../../src/cli/commands/check.ts';
import { COMPLIANCE_FAMILIES, COMPLIANCE_RULES } from '../../src/core/compliance/index.ts';
import {
  ALL_RULE_DEFINITIONS,
  FAMILY_REGISTRY,
  familyRules,
  MODEL_FAMILIES,
  ruleTableRows,
} from '../../src/core/compliance/registry.ts';
import { FAMILIES } from '../../bench/eval/accuracy.ts';
import { contentModel } from '../../src/core/compliance/classifier.ts';
import { PROJECT_ROOT } from '../helpers/fixture-repository.ts';
import { caseTableTests, readCaseTable, type CaseTable } from './case-table.ts';

/**
 * The family registry is the one list: every registered family has a case table here
 * (test/compliance/cases/<family>.yaml), a row in the handbook's rule table, its rules in
 * --list-rules, in the engine and in the eval. Adding a family without any of these fails here.
 */
const casesFolder = path.join(PROJECT_ROOT, 'test/compliance/cases');

function caseTable(family: string): CaseTable {
  return readCaseTable(path.join(casesFolder, `${family}.yaml`));
}

describe('the family registry', () => {
  it('lists the families of the rule-id type, and every rule belongs to its family', () => {
    expect(FAMILY_REGISTRY.map((entry) => entry.family)).toEqual([...COMPLIANCE_FAMILIES]);
    for (const entry of FAMILY_REGISTRY)
      for (const rule of familyRules(entry))
        expect(
          rule.id.startsWith(`${entry.family}/`) ||
            (rule.id.startsWith('suppression/') && entry.family === 'structure'),
          rule.id,
        ).toBe(true);
  });

  it('is where the engine, the eval and the classifier take their families and rules from', () => {
    expect(Object.keys(COMPLIANCE_RULES).sort()).toEqual(ALL_RULE_DEFINITIONS.map((rule) => rule.id).sort());
    expect([...FAMILIES]).toEqual(FAMILY_REGISTRY.map((entry) => entry.family));
    // Every model head of the committed model speaks for a registered, modelled family.
    for (const head of contentModel().families) expect(MODEL_FAMILIES, head).toContain(head.split(':')[0]);
  });

  it('has a case table for every family and no table for an unregistered one', () => {
    const tables = readdirSync(casesFolder)
      .filter((name) => name.endsWith('.yaml'))
      .map((name) => name.replace(/\.yaml$/, ''))
      .sort();
    expect(tables).toEqual(FAMILY_REGISTRY.map((entry) => entry.family).sort());
  });

  it('puts every family in the handbook rule table, with every rule id, in both languages', () => {
    for (const language of ['zh-CN', 'en'] as const) {
      const rows = ruleTableRows(language);
      expect(rows.map((row) => row.family)).toEqual(FAMILY_REGISTRY.map((entry) => entry.family));
      for (const row of rows) expect(row.title.length * row.checks.length, row.family).toBeGreaterThan(0);
      expect(rows.flatMap((row) => row.ruleIds).sort()).toEqual(Object.keys(COMPLIANCE_RULES).sort());
    }
    for (const page of ['src/content/docs/handbook/standards.mdx', 'src/content/docs/en/handbook/standards.mdx']) {
      expect(existsSync(path.join(PROJECT_ROOT, page)), page).toBe(true);
      expect(readFileSync(path.join(PROJECT_ROOT, page), 'utf8'), page).toMatch(
        /<ComplianceRuleTable lang="(zh-CN|en)" \/>/,
      );
    }
  });

  it('shows every rule in --list-rules', async () => {
    const listed = await listRules('en');
    for (const id of Object.keys(COMPLIANCE_RULES))
      expect(listed, id).toMatch(new RegExp(`^${id.replace('/', '\\/')} `, 'm'));
  });
});

describe.each(FAMILY_REGISTRY.map((entry) => entry.family))('the case table of %s', (family) => {
  caseTableTests(family, caseTable(family));
});
