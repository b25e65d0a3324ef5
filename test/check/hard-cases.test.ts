import { readdir, readFile, writeFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkRepository } from '../../src/core/check/check-repository.ts';
import {
  ARTICLE_DIRECTORY,
  FixtureRepository,
  MINIMAL_ARTICLE,
  MINIMAL_SUPPORT,
  MINIMAL_TEAM,
  MINIMAL_TOPIC,
  positionOf,
} from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';

const ARTICLE = `${ARTICLE_DIRECTORY}/index.md`;
const POLICY = 'content/policy/2026-01-01.yaml';

const summary = (problems: Awaited<ReturnType<typeof checkRepository>>['problems']) =>
  problems.map(
    (problem) => `${problem.file}:${problem.span.start.line}:${problem.span.start.column} ${problem.ruleId}`,
  );

describe('hard cases a real department runs into', () => {
  let repository: FixtureRepository;
  beforeEach(async () => {
    repository = await FixtureRepository.create();
  });
  afterEach(async () => {
    await repository.dispose();
  });

  it('reads a repository saved with Windows line ends (CRLF) exactly like one with LF', async () => {
    for (const entry of await readdir(repository.root, { recursive: true })) {
      const file = path.join(repository.root, entry);
      if (!/\.(ya?ml|md|csv)$/.test(file)) continue;
      await writeFile(file, (await readFile(file, 'utf8')).replace(/\n/g, '\r\n'));
    }
    expect(summary((await checkRepository(repository.root)).problems)).toEqual([]);
  });

  it('reads a CSV saved with old Mac line ends (CR)', async () => {
    await repository.write('content/metrics/support/2026-09.csv', MINIMAL_SUPPORT.replace(/\n/g, '\r'));
    expect(summary((await checkRepository(repository.root)).problems)).toEqual([]);
  });

  it('never follows a symbolic link out of the repository, and never prints what it points to', async () => {
    const outside = await mkdtemp(path.join(tmpdir(), 'mpflow-outside-'));
    try {
      await writeFile(path.join(outside, 'secret.txt'), 'token-ghp_should_never_be_printed');
      await repository.link('content/topics/T-2026-300.yaml', path.join(outside, 'secret.txt'));
      await repository.link('content/design', '/');
      const run = await runMpflow(['check', '--format', 'json'], { cwd: repository.root });
      expect(run.stdout).not.toContain('ghp_should_never_be_printed');
      const report = JSON.parse(run.stdout) as { problems: Array<{ file: string; ruleId: string }> };
      expect(report.problems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ file: 'content/topics/T-2026-300.yaml', ruleId: 'file/outside-link' }),
          expect.objectContaining({ file: 'content/design', ruleId: 'file/outside-link' }),
        ]),
      );
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('takes a malformed image address (a stray %) as a missing file, not a crash', async () => {
    await repository.write(ARTICLE, `${MINIMAL_ARTICLE}\n![茶具](a%zz.png)\n`);
    const { problems } = await checkRepository(repository.root);
    expect(summary(problems)).toEqual([`${ARTICLE}:22:1 ref/missing-file`]);
  });

  it('checks reference-style images through their definitions', async () => {
    await repository.write(ARTICLE, `${MINIMAL_ARTICLE}\n![茶席][席]\n\n[席]: tea-table.png\n`);
    expect(summary((await checkRepository(repository.root)).problems)).toEqual([`${ARTICLE}:22:1 ref/missing-file`]);
  });

  it('reports a broken roster once, not once for every file that names a member', async () => {
    await repository.write('content/team.yaml', MINIMAL_TEAM.replace('name: 林晓', 'name: "林晓'));
    expect(summary((await checkRepository(repository.root)).problems)).toEqual(['content/team.yaml:3:11 yaml/syntax']);
    // Checking one article still says why nothing could be checked against the roster.
    expect(summary((await checkRepository(repository.root, { paths: [ARTICLE] })).problems)).toEqual([
      'content/team.yaml:3:11 yaml/syntax',
    ]);
  });

  it('still adds up the weights of a policy that has an unknown field', async () => {
    const policy = await repository.read(POLICY);
    await repository.write(
      POLICY,
      policy
        .replace('timezone: Asia/Shanghai\n', 'timezone: Asia/Shanghai\nnote: 草稿\n')
        .replace('weight: 30\n', 'weight: 31\n'),
    );
    const rules = (await checkRepository(repository.root)).problems.map((problem) => problem.ruleId).sort();
    expect(rules).toEqual(['policy/weights-sum', 'schema/unknown-field']);
  });

  it('names an undefined stage in review.unmatched, so the gate is not left failing closed without a word', async () => {
    const policy = await repository.read(POLICY);
    expect(policy).toContain('unmatched: [head-approval]');
    await repository.write(POLICY, policy.replace('unmatched: [head-approval]', 'unmatched: [head-aproval]'));
    const problems = (await checkRepository(repository.root)).problems;
    expect(problems.map((problem) => `${problem.ruleId} ${problem.field}`)).toEqual([
      'ref/unknown-stage review.unmatched[0]',
    ]);
    expect(problems[0]!.message.en).toContain('"head-aproval"');
  });

  it('names a rating whose period and member disagree with its folders, each at its field', async () => {
    const file = 'appraisals/2026-09/lin-xiao/supervisor.yaml';
    const rating = await repository.read(file);
    await repository.write(
      file,
      rating.replace('member: lin-xiao', 'member: chen-yu').replace('period: 2026-09', 'period: 2026-08'),
    );
    const problems = (await checkRepository(repository.root)).problems.filter(
      (problem) => problem.ruleId === 'id/mismatch',
    );
    expect(
      problems.map((problem) => [problem.field, problem.span.start.line, problem.message.zh, problem.message.en]),
    ).toEqual([
      [
        'member',
        1,
        'member chen-yu 与所在文件夹 lin-xiao 不一致。',
        'member chen-yu differs from the folder lin-xiao.',
      ],
      ['period', 2, 'period 2026-08 与所在文件夹 2026-09 不一致。', 'period 2026-08 differs from the folder 2026-09.'],
    ]);
  });

  it('names an undefined stage in a review rule at its place, in both languages', async () => {
    const policy = await repository.read(POLICY);
    expect(policy).toContain('stages: [head-approval]');
    await repository.write(POLICY, policy.replace('stages: [head-approval]', 'stages: [head-aproval]'));
    const problems = (await checkRepository(repository.root)).problems;
    expect(problems.map((problem) => `${problem.ruleId} ${problem.field}`)).toEqual([
      'ref/unknown-stage review.rules[2].stages[0]',
    ]);
    expect(problems[0]!.message.zh).toMatch(/^评审规则引用了未定义的环节“head-aproval”，已定义：.*head-approval/);
    expect(problems[0]!.message.en).toMatch(/^The review rule names an undefined stage "head-aproval"; defined: /);
    expect(problems[0]!.span.start.line).toBe(196);
  });

  it('asks only for the decision when a topic has none (not for the meeting date that depends on it)', async () => {
    await repository.write('content/topics/T-2026-001.yaml', MINIMAL_TOPIC.replace('decision: accepted\n', ''));
    const { problems } = await checkRepository(repository.root);
    expect(problems.map((problem) => `${problem.ruleId} ${problem.field}`)).toEqual(['schema/required decision']);
  });

  it('rejects an article folder dated 30 February', async () => {
    await repository.write(
      'content/articles/2026/02-30-tea-at-night/index.md',
      MINIMAL_ARTICLE.replace('2026-09-02T20:30:00+08:00', '2026-02-28T20:30:00+08:00'),
    );
    await repository.write('content/articles/2026/02-30-tea-at-night/cover.png', 'png');
    await repository.write('content/articles/2026/02-30-tea-at-night/figure-1.png', 'png');
    const { problems } = await checkRepository(repository.root);
    expect(problems.some((problem) => problem.ruleId === 'date/invalid' && problem.file.includes('02-30'))).toBe(true);
  });

  it('notices an article whose index.md was saved as Index.md', async () => {
    await repository.write(`${ARTICLE_DIRECTORY}/Index.md`, MINIMAL_ARTICLE);
    await repository.remove(ARTICLE);
    const { problems } = await checkRepository(repository.root);
    expect(summary(problems)).toContain(`${ARTICLE_DIRECTORY}:1:1 path/layout`);
  });

  it('finds a support conversation id used in two months', async () => {
    await repository.write(
      'content/metrics/support/2026-10.csv',
      `${MINIMAL_SUPPORT.split('\n')[0]}\nS-20260901-001,chen-yu,message,2026-10-01T09:12:00+08:00,2026-10-01T09:20:00+08:00,,咨询,\n`,
    );
    const { problems } = await checkRepository(repository.root);
    expect(problems.map((problem) => `${problem.file} ${problem.ruleId} ${problem.message.en}`)).toEqual([
      'content/metrics/support/2026-10.csv csv/duplicate-row Duplicates content/metrics/support/2026-09.csv:2 (S-20260901-001).',
    ]);
  });

  it('points a support row in the wrong month at its openedAt cell', async () => {
    const moved = MINIMAL_SUPPORT.replace(
      'S-20260901-002,chen-yu,comment,2026-09-01T22:05',
      'S-20260901-002,chen-yu,comment,2026-08-31T22:05',
    );
    await repository.write('content/metrics/support/2026-09.csv', moved);
    const { problems } = await checkRepository(repository.root);
    expect(summary(problems)).toEqual([
      `content/metrics/support/2026-09.csv:${positionOf(moved, '2026-08-31').line}:${positionOf(moved, '2026-08-31').column} csv/wrong-month`,
    ]);
  });

  it('accepts YAML merge keys', async () => {
    await repository.write(
      'content/topics/T-2026-002.yaml',
      `${MINIMAL_TOPIC.replace('T-2026-001', 'T-2026-002').replace('proposedBy: lin-xiao\n', '<<: { proposedBy: lin-xiao }\n')}`,
    );
    expect(summary((await checkRepository(repository.root)).problems)).toEqual([]);
  });

  it('names the whole file, not "front matter", when a YAML file is not a mapping', async () => {
    await repository.write('content/topics/T-2026-001.yaml', '- 选题\n- 列表\n');
    const [problem] = (await checkRepository(repository.root)).problems;
    expect(problem?.message.en).toBe('The file should be a mapping of fields, not a list ["选题","列表"].');
  });

  it('refuses paths outside content/ and appraisals/ instead of checking nothing', async () => {
    await repository.write('notes/README.md', '# 笔记\n');
    const run = await runMpflow(['check', 'notes'], { cwd: repository.root });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('mpflow check reads only those folders');
  });

  it('explains option mistakes in Chinese for a Chinese locale', async () => {
    const run = await runMpflow(['check', '--format'], { cwd: repository.root, env: { LANG: 'zh_CN.UTF-8' } });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe('mpflow: 选项 --format 需要一个值。加 --help 查看用法。\n');
  });

  it('still reports an unusable roster or policy when only some paths are checked', async () => {
    await repository.write('content/team.yaml', 'members: 5\n');
    const { problems } = await checkRepository(repository.root, { paths: ['content/articles'] });
    expect(summary(problems)).toEqual(['content/team.yaml:1:10 schema/type']);
  });

  it('reports a YAML alias that contains itself instead of looping forever', async () => {
    await repository.write('content/topics/T-2026-001.yaml', `${MINIMAL_TOPIC}keywords: &k [岩茶, *k]\n`);
    const { problems } = await checkRepository(repository.root);
    expect(summary(problems)).toEqual(['content/topics/T-2026-001.yaml:8:19 yaml/syntax']);
  });

  it("keeps the user's own spaces inside quoted values in Chinese messages", async () => {
    const article = await repository.read(ARTICLE);
    await repository.write(ARTICLE, article.replace('topic: T-2026-001', 'topic: " T-2026-001"'));
    const [problem] = (await checkRepository(repository.root)).problems;
    expect(problem?.message.zh).toContain('“ T-2026-001”');
  });

  it('follows links inside content/ but never to files elsewhere in the repository', async () => {
    await repository.write('.env', 'API_TOKEN=ghp_never_print_me\n');
    await repository.link('content/topics/T-2026-030.yaml', '../../.env');
    await repository.link('content/topics/T-2026-001-copy', '../topics');
    const run = await runMpflow(['check', '--format', 'github'], { cwd: repository.root });
    expect(run.stdout).not.toContain('ghp_never_print_me');
    expect(run.stdout).toContain('file=content/topics/T-2026-030.yaml');
    expect(run.stdout).toContain('title=file/outside-link');
  });

  it('names a supervisor that is not a member once, in the roster, not in every appraisal', async () => {
    await repository.write(
      'content/team.yaml',
      MINIMAL_TEAM.replace(
        '    supervisor: zhou-min\n    joined: 2022-03-14',
        '    supervisor: ""\n    joined: 2022-03-14',
      ),
    );
    const { problems } = await checkRepository(repository.root);
    expect(problems.map((problem) => `${problem.file} ${problem.ruleId}`)).toEqual(['content/team.yaml schema/range']);
  });

  it('points an unclosed [ at the line where it opens', async () => {
    await repository.write(
      'content/campaigns/C-2026-01.yaml',
      (await repository.read('content/campaigns/C-2026-01.yaml')).replace('kind: quiz', 'kind: [quiz'),
    );
    const { problems } = await checkRepository(repository.root);
    expect(
      problems.map(
        (problem) => `${problem.file}:${problem.span.start.line}:${problem.span.start.column} ${problem.message.en}`,
      ),
    ).toEqual(['content/campaigns/C-2026-01.yaml:2:7 This [ is never closed with ].']);
  });

  it('finds a support id repeated across months when only the later month is checked', async () => {
    await repository.write(
      'content/metrics/support/2026-10.csv',
      `${MINIMAL_SUPPORT.split('\n')[0]}\nS-20260901-001,chen-yu,message,2026-10-01T09:12:00+08:00,2026-10-01T09:20:00+08:00,,咨询,\n`,
    );
    const { problems } = await checkRepository(repository.root, { paths: ['content/metrics/support/2026-10.csv'] });
    expect(problems.map((problem) => problem.ruleId)).toEqual(['csv/duplicate-row']);
  });
});
