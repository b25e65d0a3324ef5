import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import AjvDraft04 from 'ajv-draft-04';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ARTICLE_DIRECTORY, FixtureRepository, PROJECT_ROOT } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';

const ARTICLE = `${ARTICLE_DIRECTORY}/index.md`;

describe('mpflow check (command line)', () => {
  let repository: FixtureRepository;
  beforeEach(async () => {
    repository = await FixtureRepository.create();
  });
  afterEach(async () => {
    await repository.dispose();
  });

  it('exits 0 with a one-line summary on a clean repository', async () => {
    const run = await runMpflow(['check'], { cwd: repository.root });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^✓ Checked \d+ files; no problems\.\n$/);
  });

  it('exits 1 and prints file:line:column  rule-id  message for each problem', async () => {
    const article = await repository.read(ARTICLE);
    await repository.write(ARTICLE, article.replace('author: lin-xiao', 'author: wang-jia'));
    const run = await runMpflow(['check'], { cwd: repository.root });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(
      `${ARTICLE}:4:9  ref/unknown-member  author "wang-jia" is not in the roster (content/team.yaml).`,
    );
    expect(run.stdout).toContain('1 error, 0 warnings.');
  });

  it('speaks Chinese with --lang zh-CN or a Chinese locale', async () => {
    const article = await repository.read(ARTICLE);
    await repository.write(
      ARTICLE,
      article.replace('publishAt: 2026-09-02T20:30:00+08:00', 'publishAt: 2026-09-02T20:30:00'),
    );
    const byFlag = await runMpflow(['check', '--lang', 'zh-CN'], { cwd: repository.root });
    const byLocale = await runMpflow(['check'], { cwd: repository.root, env: { LANG: 'zh_CN.UTF-8' } });
    expect(byFlag.stdout).toContain('date/missing-offset  字段 publishAt 的时间“2026-09-02T20:30:00”没有时区偏移');
    expect(byLocale.stdout).toBe(byFlag.stdout);
    expect(byFlag.stdout).toContain('检查了');
  });

  it('prints GitHub workflow annotations with --format github', async () => {
    const article = await repository.read(ARTICLE);
    await repository.write(ARTICLE, article.replace('topic: T-2026-001', 'topic: T-2026-404'));
    const run = await runMpflow(['check', '--format', 'github'], { cwd: repository.root });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe(
      `::error file=${ARTICLE},line=6,col=8,endLine=6,endColumn=18,title=ref/unknown-topic::Topic "T-2026-404" is not in the topic library (content/topics/). Did you mean "T-2026-001"?\n`,
    );
  });

  it('prints machine-readable JSON with --format json', async () => {
    await repository.write('content/topics/T-2026-002.yaml', '');
    const run = await runMpflow(['check', '--format', 'json'], { cwd: repository.root });
    const report = JSON.parse(run.stdout) as {
      summary: { errors: number };
      problems: Array<{ ruleId: string; file: string; line: number }>;
    };
    expect(report.summary.errors).toBe(1);
    expect(report.problems).toEqual([
      expect.objectContaining({ ruleId: 'file/empty', file: 'content/topics/T-2026-002.yaml', line: 1 }),
    ]);
  });

  it('emits SARIF 2.1.0 that validates against the OASIS schema', async () => {
    const article = await repository.read(ARTICLE);
    await repository.write(ARTICLE, article.replace('tags:', 'tag:').replace('author: lin-xiao', 'author: nobody'));
    await repository.write('content/topics/T-2026-002.yaml', Buffer.from([0xc4, 0xe3, 0xba, 0xc3, 0x0a]));
    const run = await runMpflow(['check', '--format', 'sarif'], { cwd: repository.root });
    expect(run.exitCode).toBe(1);
    const sarifSchema = JSON.parse(
      await readFile(
        path.join(PROJECT_ROOT, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'),
        'utf8',
      ),
    ) as object;
    // The OASIS SARIF 2.1.0 schema is written in JSON Schema draft-04.
    const ajv = new AjvDraft04({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(sarifSchema);
    const log = JSON.parse(run.stdout) as {
      version: string;
      runs: Array<{
        results: Array<{ ruleId: string; locations: unknown[] }>;
        tool: { driver: { rules: Array<{ id: string }> } };
      }>;
    };
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(log.version).toBe('2.1.0');
    const results = log.runs[0]!.results;
    expect(results.map((result) => result.ruleId).sort()).toEqual([
      'file/encoding',
      'ref/unknown-member',
      'schema/unknown-field',
    ]);
    const ruleIds = new Set(log.runs[0]!.tool.driver.rules.map((rule) => rule.id));
    for (const result of results) expect(ruleIds.has(result.ruleId)).toBe(true);
  });

  it('checks only the paths given on the command line', async () => {
    await repository.write('content/topics/T-2026-002.yaml', '');
    const onlyArticle = await runMpflow(['check', ARTICLE], { cwd: repository.root });
    expect(onlyArticle.exitCode).toBe(0);
    const onlyTopics = await runMpflow(['check', 'content/topics'], { cwd: repository.root });
    expect(onlyTopics.exitCode).toBe(1);
  });

  it('treats warnings as passing', async () => {
    const article = await repository.read(ARTICLE);
    await repository.write(
      ARTICLE,
      article.replace('publishAt: 2026-09-02T20:30:00+08:00', 'publishAt: 2026-09-03T20:30:00+08:00'),
    );
    const run = await runMpflow(['check'], { cwd: repository.root });
    expect(run.stdout).toContain('date/mismatch');
    expect(run.stdout).toContain('(warning)');
    expect(run.exitCode).toBe(0);
  });

  it('exits 2 with a plain message, not a stack trace, on usage errors', async () => {
    for (const args of [['check', '--format', 'xml'], ['chekc'], ['check', '--bogus'], ['check', '--lang', 'fr']]) {
      const run = await runMpflow(args, { cwd: repository.root });
      expect(run.exitCode, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/^mpflow: /);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('runs as the installed bin through Node type stripping', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(PROJECT_ROOT, 'scripts/mpflow.ts'), 'check', '--lang', 'en'],
      { cwd: repository.root },
    );
    expect(stdout).toContain('no problems');
  });
});

describe('where mpflow check runs', () => {
  let repository: FixtureRepository;
  beforeEach(async () => {
    repository = await FixtureRepository.create();
  });
  afterEach(async () => {
    await repository.dispose();
  });

  it('finds the repository from a folder inside it, and takes paths relative to where you stand', async () => {
    const articles = path.join(repository.root, 'content/articles');
    const article = await repository.read(ARTICLE);
    await repository.write(ARTICLE, article.replace('author: lin-xiao', 'author: nobody'));
    const run = await runMpflow(['check', '2026/09-02-yancha-yanyun'], { cwd: articles });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(`${ARTICLE}:4:9  ref/unknown-member`);
  });

  it('says plainly when it is not inside a department repository, or a path does not exist', async () => {
    const outside = await runMpflow(['check'], { cwd: path.parse(repository.root).root });
    expect(outside.exitCode).toBe(2);
    expect(outside.stderr).toContain('not a department repository');
    const missing = await runMpflow(['check', 'content/articles/2030'], { cwd: repository.root });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toBe('mpflow: "content/articles/2030" does not exist.\n');
    const badRoot = await runMpflow(['check', '--root', '/nonexistent/department'], { cwd: repository.root });
    expect(badRoot.exitCode).toBe(2);
  });
});
