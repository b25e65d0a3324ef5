import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listRules } from '../../src/cli/commands/check.ts';
import { rulesFromTable } from '../../src/core/compliance/family.ts';
import { COMPLIANCE_FAMILIES, type ComplianceFamily, lintMarkdown } from '../../src/core/compliance/index.ts';
import { BUILT_IN_FAMILIES, familyRegistry, ruleTableRows } from '../../src/core/compliance/registry.ts';
import { PROJECT_ROOT } from '../helpers/fixture-repository.ts';
import { caseTableTests, readCaseTable } from './case-table.ts';
import { FAMILY as DEMO } from './fixtures/demo-family/rules/demo.ts';
import demoTable from './fixtures/demo-family/rules/demo.rules.json' with { type: 'json' };

/**
 * CONTRIBUTING.md's recipe, followed: a family is its module (with its table beside it) and its
 * case table. Registered through the registry's own function, with no other file edited, the
 * engine finds its phrase at line and column, the rule listing and the handbook's table show it,
 * and its case table runs like the built-in families'.
 */
const registry = familyRegistry([...BUILT_IN_FAMILIES, DEMO]);
const fixture = path.join(PROJECT_ROOT, 'test/compliance/fixtures/demo-family');

describe('a family added by the recipe (the demo fixture)', () => {
  it('is linted by the engine at its line and column, with its table texts', () => {
    const { findings } = lintMarkdown('# 标题\n\n进门前请说：芝麻开门。\n', { registry });
    const demo = findings.filter((finding) => finding.family === 'demo');
    expect(demo).toMatchObject([
      {
        ruleId: 'demo/password',
        severity: 'warning',
        line: 3,
        column: 7,
        endLine: 3,
        endColumn: 11,
        matched: '芝麻开门',
        message: { zh: '文中写了口令：“芝麻开门”。', en: 'A password in the text: "芝麻开门".' },
        hint: { zh: '删去口令。', en: 'Remove the password.' },
      },
    ]);
  });

  it('is not linted by the built-in registry, which does not list it, nor in the family type', () => {
    const builtIn: ComplianceFamily = 'induce-follow';
    // @ts-expect-error The family type is made from the built-in list only: tsc fails here if it widens to string.
    const outside: ComplianceFamily = 'demo';
    expect(COMPLIANCE_FAMILIES).toContain(builtIn);
    expect(COMPLIANCE_FAMILIES).not.toContain(outside);
    const { findings } = lintMarkdown('进门前请说：芝麻开门。\n');
    expect(findings.filter((finding) => finding.family === 'demo')).toEqual([]);
  });

  it('is in the rule listing and the handbook table, after the built-in families', async () => {
    const listed = await listRules('zh-CN', registry);
    expect(listed).toMatch(/^demo\/password +warning {2}文中写了口令 — 删去口令。$/m);
    expect(await listRules('zh-CN')).not.toContain('demo/password');
    expect(ruleTableRows('en', registry).at(-1)).toEqual({
      family: 'demo',
      title: 'Demo family',
      ruleIds: ['demo/password'],
      checks: 'the password "open sesame" (a test of the steps to add a family)',
    });
  });

  it('is refused a second time, and so is a table with a rule of another family', () => {
    expect(() => familyRegistry([...BUILT_IN_FAMILIES, DEMO, DEMO])).toThrow(
      'The compliance family demo is registered twice',
    );
    const { 'demo/password': row } = demoTable.rules;
    expect(() => rulesFromTable('demo', { ...demoTable, rules: { 'medical/password': row } })).toThrow(
      'demo.rules.json: the rule medical/password is not of the family demo',
    );
    expect(() =>
      rulesFromTable('demo', { ...demoTable, rules: { 'demo/password': { ...row, severity: 'fatal' } } }),
    ).toThrow('demo.rules.json: the rule demo/password has severity "fatal" (error or warning)');
  });
});

describe('the case table of the demo family', () => {
  caseTableTests('demo', readCaseTable(path.join(fixture, 'cases/demo.yaml')), registry);
});
