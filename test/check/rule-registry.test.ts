/**
 * The registry of check rules (`RULES`, src/core/diagnostics/rules.ts) is complete in the Renovate
 * manner: every rule id is reported by some code, named by a test, written in both languages and
 * listed by `mpflow check --list-rules` (the handbook points there; its own rule table is the
 * compliance families', test/compliance/registry.test.ts). Each condition is a function run over
 * the real registry and over a synthetic one, so the test is seen to fail when a rule is added
 * without a test, without English or without a listing.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_IDS, RULES, type RuleDescription } from '../../src/core/diagnostics/rules.ts';
import { ruleCatalog } from '../../src/core/report/rule-catalog.ts';
import { FIXTURE_DEPARTMENT, PROJECT_ROOT } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';

interface SourceFile {
  path: string;
  text: string;
}

async function sourceFiles(folder: string, skip: (relativePath: string) => boolean): Promise<SourceFile[]> {
  const entries = await readdir(path.join(PROJECT_ROOT, folder), { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.relative(PROJECT_ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((file) => !skip(file));
  return Promise.all(
    files.map(async (file) => ({ path: file, text: await readFile(path.join(PROJECT_ROOT, file), 'utf8') })),
  );
}

/**
 * The code of a file as a reader of rule ids sees it: comment lines dropped (a rule mentioned in a
 * comment is not tested by it) and regular-expression slashes unescaped (`draw\/order` names draw/order).
 */
function codeOf(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^\s*(\/\/|\/\*|\*)/.test(line))
    .join('\n')
    .replaceAll('\\/', '/');
}

/** A rule id as a whole word: `appraisal/calibration` is not named by `appraisal/calibration-bound`. */
function names(code: string, ruleId: string): boolean {
  const escaped = ruleId.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  return new RegExp(`(?<![\\w/-])${escaped}(?![\\w-])`).test(code);
}

/** Rule ids that no file names outside a comment. */
function idsNamedNowhere(ruleIds: readonly string[], files: readonly SourceFile[]): string[] {
  const codes = files.map((file) => codeOf(file.text));
  return ruleIds.filter((ruleId) => !codes.some((code) => names(code, ruleId)));
}

const CJK = /[\u3400-\u9fff]/;
const LATIN_WORD = /[A-Za-z]{2,}/;

/** Rules whose summary or help lacks Chinese, or lacks English (an English text that is the Chinese one copied). */
function idsNotBilingual(rules: Record<string, RuleDescription>): string[] {
  const bilingual = (value: { zh: string; en: string }) =>
    CJK.test(value.zh) && LATIN_WORD.test(value.en) && value.en.trim() !== value.zh.trim();
  return Object.entries(rules)
    .filter(([, rule]) => !bilingual(rule.summary) || !bilingual(rule.help))
    .map(([id]) => id);
}

/** Rules `--list-rules` output does not show as one line: id, severity and the summary in that language. */
function idsNotListed(
  rules: ReadonlyArray<{ id: string; severity: string; summary: string }>,
  listing: string,
): string[] {
  const lines = listing.split('\n');
  return rules
    .filter(
      (rule) =>
        !lines.some(
          (line) =>
            line.startsWith(`${rule.id} `) &&
            line.slice(rule.id.length).trimStart().startsWith(`${rule.severity} `) &&
            line.includes(rule.summary),
        ),
    )
    .map((rule) => rule.id);
}

const THIS_FILE = 'test/check/rule-registry.test.ts';

describe('the registry of check rules', () => {
  it('has no rule that no code reports', async () => {
    const code = await sourceFiles('src', (file) => file === 'src/core/diagnostics/rules.ts');
    // Quoted, as a call to makeProblem names it; a dead rule is removed with its registry entry.
    const quoted = code.map((file) => ({ ...file, text: file.text.replace(/'([a-z-]+\/[a-z-]+)'/g, ' $1 ') }));
    expect(idsNamedNowhere(RULE_IDS, quoted)).toEqual([]);
    expect(idsNamedNowhere([...RULE_IDS, 'file/never-reported'], quoted)).toEqual(['file/never-reported']);
  });

  it('names every rule in at least one test, and would fail for a rule added without one', async () => {
    const tests = await sourceFiles('test', (file) => file === THIS_FILE || file.startsWith('test/fixtures/'));
    expect(idsNamedNowhere(RULE_IDS, tests)).toEqual([]);

    // The same function over a registry with one more rule, and over test texts that only seem to name rules.
    expect(idsNamedNowhere([...RULE_IDS, 'file/added-without-a-test'], tests)).toEqual(['file/added-without-a-test']);
    const synthetic: SourceFile[] = [
      {
        path: 'a.test.ts',
        text: '  // file/in-a-comment is only talked about\n  expect(out).toMatch(/C-2026-01\\.yaml:\\d+:\\d+ +draw\\/order +/);',
      },
      { path: 'b.test.ts', text: "  expect(run.stdout).toContain('appraisal/calibration-bound');" },
    ];
    expect(idsNamedNowhere(['file/in-a-comment', 'draw/order', 'appraisal/calibration'], synthetic)).toEqual([
      'file/in-a-comment',
      'appraisal/calibration',
    ]);
  });

  it('says every rule in Chinese and in English', () => {
    expect(idsNotBilingual(RULES)).toEqual([]);
    const copied = {
      severity: 'error',
      summary: { zh: '空文件', en: '空文件' },
      help: { zh: '删除。', en: 'Delete.' },
    };
    const chineseOnly = { severity: 'warning', summary: { zh: '空文件', en: 'Empty' }, help: { zh: '删除。', en: '' } };
    expect(
      idsNotBilingual({ ...RULES, 'file/copied': copied, 'file/chinese-only': chineseOnly } as Record<
        string,
        RuleDescription
      >),
    ).toEqual(['file/copied', 'file/chinese-only']);
  });

  it('lists every rule, the model and the compliance ones, in mpflow check --list-rules in both languages', async () => {
    const catalog = ruleCatalog();
    expect(catalog.map((rule) => rule.id)).toEqual(expect.arrayContaining(RULE_IDS));
    for (const [lang, key] of [
      ['en', 'en'],
      ['zh-CN', 'zh'],
    ] as const) {
      const run = await runMpflow(['check', '--list-rules', '--lang', lang], { cwd: FIXTURE_DEPARTMENT });
      expect(run.exitCode).toBe(0);
      const rules = catalog.map((rule) => ({ id: rule.id, severity: rule.severity, summary: rule.summary[key] }));
      expect(idsNotListed(rules, run.stdout)).toEqual([]);
      // A listing that lost a line is caught.
      const withoutFirst = run.stdout.split('\n').slice(1).join('\n');
      expect(idsNotListed(rules, withoutFirst)).toEqual([catalog[0]!.id]);
    }
  });
});
