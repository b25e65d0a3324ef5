import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import AjvDraft04 from 'ajv-draft-04';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkCompliance } from '../../src/core/check/check-compliance.ts';
import { COMPLIANCE_FAMILIES } from '../../src/core/compliance/index.ts';
import { loadRepository } from '../../src/core/repository/load-repository.ts';
import { ARTICLE_DIRECTORY, FixtureRepository, PROJECT_ROOT, TINY_PNG } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';

const run = promisify(execFile);
const BAD_DIRECTORY = 'content/articles/2026/09-03-bad-sample';
const BAD = `${BAD_DIRECTORY}/index.md`;

interface JsonReport {
  summary: { errors: number; warnings: number; suppressed: number; filesChecked: number };
  problems: Array<{
    file: string;
    line: number;
    column: number;
    endLine?: number;
    endColumn?: number;
    ruleId: string;
    family?: string;
    severity: string;
    matched?: string;
    hint?: string;
  }>;
}

describe('compliance in mpflow check', () => {
  let repository: FixtureRepository;
  let badArticle: string;
  beforeEach(async () => {
    repository = await FixtureRepository.create();
    badArticle = await readFile(new URL('./fixtures/bad-article.md', import.meta.url), 'utf8');
  });
  afterEach(async () => {
    await repository.dispose();
  });

  async function addBadArticle(): Promise<void> {
    await repository.write(BAD, badArticle);
    await repository.write(`${BAD_DIRECTORY}/cover.png`, TINY_PNG);
    await repository.write(`${BAD_DIRECTORY}/steam.gif`, TINY_PNG);
  }

  it('reports a finding of every rule family for the deliberately bad sample article, and blocks the merge', async () => {
    await addBadArticle();
    const result = await runMpflow(['check', '--format', 'json'], { cwd: repository.root });
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    const families = new Set(
      report.problems.filter((problem) => problem.file === BAD && problem.family).map((problem) => problem.family),
    );
    // Nothing but compliance findings: the article is otherwise a valid record.
    expect(report.problems.filter((problem) => problem.file === BAD && !problem.family)).toEqual([]);
    expect([...families].sort()).toEqual([...COMPLIANCE_FAMILIES].sort());
    // Title findings point into the front matter; body findings into the body.
    const title = report.problems.find((problem) => problem.ruleId === 'ad-law/absolute-term' && problem.line === 2);
    expect(title).toMatchObject({ column: 11, endColumn: 13, matched: '顶级' });
    const digest = report.problems.find((problem) => problem.ruleId === 'induce-share/reward-for-share');
    expect(digest).toMatchObject({ line: 3, column: 9 });
    const percent = report.problems.find((problem) => problem.matched === '１００％有效');
    expect(percent).toMatchObject({
      ruleId: 'ad-law/absolute-term',
      line: 15,
      column: 17,
      endColumn: 23,
      severity: 'error',
    });
    expect(percent!.hint).toBeTruthy();
    // The clean fixture article beside it has none.
    expect(report.problems.filter((problem) => problem.file.startsWith(ARTICLE_DIRECTORY))).toEqual([]);
  });

  it('shows the matched text underlined with a fix hint in the text report', async () => {
    await addBadArticle();
    const result = await runMpflow(['check', '--lang', 'zh-CN', BAD], { cwd: repository.root });
    expect(result.exitCode).toBe(1);
    const lines = result.stdout.split('\n');
    const at = lines.findIndex((line) => line.startsWith(`${BAD}:15:17  ad-law/absolute-term`));
    expect(at).toBeGreaterThan(-1);
    expect(lines[at + 1]).toBe(
      '    这款大红袍是第一品牌，送礼首选，１００％有效。每天一杯可以降血压、降血糖，无副作用。',
    );
    // Six double-width characters underlined, after 16 characters (32 columns) of the line.
    expect(lines[at + 2]).toBe(`    ${' '.repeat(32)}${'^'.repeat(12)}`);
    expect(lines[at + 3]).toMatch(/^ {4}建议：改成可以核实的具体说法/);
  });

  it('checks campaign rules and prize descriptions, pointing into the YAML', async () => {
    const campaign = await repository.read('content/campaigns/C-2026-01.yaml');
    await repository.write(
      'content/campaigns/C-2026-01.yaml',
      campaign
        .replace(
          '1. 在文章留言区写下答案即可参与，无需关注或转发。',
          '1. 转发本文到朋友圈并截图，即可参与抽奖。\n  2. 关注公众号才能领取奖品。',
        )
        .replace('    quantity: 3', '    quantity: 3\n    description: 国宴用茶，顶级品质'),
    );
    const result = await runMpflow(['check', '--format', 'json', 'content/campaigns'], { cwd: repository.root });
    const report = JSON.parse(result.stdout) as JsonReport;
    const found = report.problems.map((problem) => `${problem.ruleId}@${problem.line}:${problem.column}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'induce-share/reward-for-share@10:6',
        'induce-follow/reward-for-follow@11:6',
        'ad-law/state-endorsement@15:18',
        'ad-law/absolute-term@15:23',
      ]),
    );
    expect(result.exitCode).toBe(1);
  });

  it('counts suppressions with a reason, and rejects one without', async () => {
    const article = await repository.read(`${ARTICLE_DIRECTORY}/index.md`);
    await repository.write(
      `${ARTICLE_DIRECTORY}/index.md`,
      `${article}\n<!-- mpflow-disable-next-line ad-law/national-level: 引用读者原话 -->\n读者说这是国家级好茶。\n\n<!-- mpflow-disable-next-line ad-law/absolute-term -->\n顶级。\n`,
    );
    const json = JSON.parse(
      (await runMpflow(['check', '--format', 'json'], { cwd: repository.root })).stdout,
    ) as JsonReport;
    expect(json.summary.suppressed).toBe(1);
    expect(json.problems.map((problem) => problem.ruleId)).toEqual([
      'suppression/missing-reason',
      'ad-law/absolute-term',
    ]);
    const text = await runMpflow(['check'], { cwd: repository.root });
    expect(text.stdout).toContain('2 errors, 0 warnings. 1 finding suppressed by comments.');
    const markdown = await runMpflow(['check', '--format', 'markdown'], { cwd: repository.root });
    expect(markdown.stdout).toContain('2 errors, 0 warnings, 1 suppressed');
  });

  it('reads thresholds and severities from the policy: a warning does not block, off silences', async () => {
    const policy = await repository.read('content/policy/2026-01-01.yaml');
    await repository.write(
      'content/policy/2026-01-01.yaml',
      policy.replace(/ {2}severities: \{\}/, "  severities:\n    ad-law/absolute-term: warning\n    typography: 'off'"),
    );
    const article = await repository.read(`${ARTICLE_DIRECTORY}/index.md`);
    await repository.write(`${ARTICLE_DIRECTORY}/index.md`, `${article}\n顶级岩茶,用iPhone拍的。\n`);
    const result = await runMpflow(['check', '--format', 'json'], { cwd: repository.root });
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.problems.map((problem) => `${problem.ruleId}:${problem.severity}`)).toEqual([
      'ad-law/absolute-term:warning',
    ]);
    expect(result.exitCode).toBe(0);
  });

  it('prints GitHub annotations, valid SARIF 2.1.0 with rule basis, and a Markdown summary', async () => {
    await addBadArticle();
    const github = await runMpflow(['check', '--format', 'github', BAD], { cwd: repository.root });
    expect(github.stdout).toContain(
      `::error file=${BAD},line=15,col=17,endLine=15,endColumn=23,title=ad-law/absolute-term::Absolute claim: "１００％有效".%0AFix: `,
    );
    expect(github.stdout).toContain(
      `::warning file=${BAD},line=21,col=3,endLine=21,endColumn=5,title=typography/cjk-latin-space::`,
    );

    const sarifRun = await runMpflow(['check', '--format', 'sarif', BAD], { cwd: repository.root });
    const sarif = JSON.parse(sarifRun.stdout);
    const sarifSchema = JSON.parse(
      await readFile(
        path.join(PROJECT_ROOT, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'),
        'utf8',
      ),
    ) as object;
    const ajv = new AjvDraft04({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(sarifSchema);
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    const rules = sarif.runs[0].tool.driver.rules as Array<{
      id: string;
      help: { text: string };
      properties: { basis?: string; tags: string[] };
    }>;
    const adLaw = rules.find((rule) => rule.id === 'ad-law/absolute-term')!;
    expect(adLaw.properties.basis).toContain('Advertising Law of the PRC, art. 9(3)');
    expect(adLaw.help.text).toContain('Basis');
    expect(rules.some((rule) => rule.id === 'schema/required')).toBe(true);
    const result = (sarif.runs[0].results as Array<{ ruleId: string; ruleIndex: number }>).find(
      (item) => item.ruleId === 'induce-follow/follow-to-unlock',
    )!;
    expect(rules[result.ruleIndex]!.id).toBe('induce-follow/follow-to-unlock');

    const markdown = await runMpflow(['check', '--format', 'markdown', '--lang', 'zh-CN', BAD], {
      cwd: repository.root,
    });
    expect(markdown.stdout).toMatch(/^<!-- mpflow-check-summary -->\n### ❌ mpflow 检查：\d+ 个错误/);
    expect(markdown.stdout).toContain('| `ad-law` |');
    expect(markdown.stdout).toContain(`<details open><summary><code>${BAD}</code>`);
    expect(markdown.stdout).toContain('| 15:17 | ❌ `ad-law/absolute-term` | 绝对化用语：“１００％有效”。 |');
    expect(markdown.exitCode).toBe(1);
  });

  it('--fix fixes typography only, and a second --fix changes nothing', async () => {
    await addBadArticle();
    const before = await runMpflow(['check', '--format', 'json', BAD], { cwd: repository.root });
    const nonTypography = (stdout: string) =>
      (JSON.parse(stdout) as JsonReport).problems
        .filter((problem) => problem.family !== 'typography')
        .map((problem) => `${problem.ruleId}@${problem.line}`);
    const fixed = await runMpflow(['check', '--fix', '--format', 'json', BAD], { cwd: repository.root });
    const afterFix = await repository.read(BAD);
    expect(afterFix).toContain('我们用 iPhone 拍了茶汤，效果很好！');
    expect(afterFix).toContain('１００％有效'.replace('１００', '100'));
    expect(
      (JSON.parse(fixed.stdout) as JsonReport).problems.filter((problem) => problem.family === 'typography'),
    ).toEqual([]);
    expect(nonTypography(fixed.stdout)).toEqual(nonTypography(before.stdout));
    await runMpflow(['check', '--fix', BAD], { cwd: repository.root });
    expect(await repository.read(BAD)).toBe(afterFix);
  });

  it('--changed --base checks only what changed since the ref, untracked files included', async () => {
    const git = (...args: string[]) => run('git', args, { cwd: repository.root });
    await git('init', '-q');
    await git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'add', '.');
    await git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-qm', 'base');
    const clean = await runMpflow(['check', '--changed', '--base', 'HEAD'], { cwd: repository.root });
    expect(clean.stdout).toBe('✓ No content files changed since HEAD; nothing to check.\n');
    expect(clean.exitCode).toBe(0);

    await addBadArticle();
    const article = await repository.read(`${ARTICLE_DIRECTORY}/index.md`);
    await repository.write(`${ARTICLE_DIRECTORY}/index.md`, `${article}\n顶级。\n`);
    const changed = await runMpflow(['check', '--changed', '--base', 'HEAD', '--format', 'json'], {
      cwd: repository.root,
    });
    const report = JSON.parse(changed.stdout) as JsonReport;
    expect(new Set(report.problems.map((problem) => problem.file))).toEqual(
      new Set([BAD, `${ARTICLE_DIRECTORY}/index.md`]),
    );
    expect(report.summary.filesChecked).toBe(4);

    const badRef = await runMpflow(['check', '--changed', '--base', 'no-such-ref'], { cwd: repository.root });
    expect(badRef.exitCode).toBe(2);
    expect(badRef.stderr).toContain('Cannot find the git ref "no-such-ref"');
    const optionLike = await runMpflow(['check', '--changed', '--base=--output=/tmp/x'], { cwd: repository.root });
    expect(optionLike.exitCode).toBe(2);
    expect(optionLike.stderr).toContain('is not a valid git ref');
  });

  it('reports a severity override naming no rule, with a suggestion', async () => {
    const policy = await repository.read('content/policy/2026-01-01.yaml');
    await repository.write(
      'content/policy/2026-01-01.yaml',
      policy.replace('  severities: {}', "  severities:\n    ad-law/absolut-term: 'off'"),
    );
    const result = await runMpflow(['check'], { cwd: repository.root });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(
      /content\/policy\/2026-01-01\.yaml:\d+:5 {2}schema\/enum {2}"ad-law\/absolut-term" in compliance.severities is neither a rule id nor a rule family, so it has no effect. Did you mean "ad-law\/absolute-term"\?/,
    );
  });

  it('gives the same findings on worker threads as in one thread', async () => {
    await addBadArticle();
    const { repository: loaded } = await loadRepository(repository.root);
    const single = await checkCompliance(loaded, { workers: 0 });
    const threaded = await checkCompliance(loaded, { workers: 2 });
    expect(threaded.problems.length).toBeGreaterThan(20);
    expect(threaded).toEqual(single);
  });

  it('lists the compliance rules with the model rules', async () => {
    const result = await runMpflow(['check', '--list-rules'], { cwd: repository.root });
    expect(result.stdout).toMatch(/^schema\/required +error/m);
    expect(result.stdout).toMatch(/^induce-share\/reward-for-share +error +Reward for sharing/m);
    expect(result.stdout).toMatch(/^typography\/cjk-latin-space +warning/m);
  });
});
