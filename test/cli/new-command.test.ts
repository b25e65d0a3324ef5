import { existsSync } from 'node:fs';
import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FixtureRepository, MINIMAL_TEAM } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';

describe('mpflow new article', () => {
  let repository: FixtureRepository;
  beforeEach(async () => {
    repository = await FixtureRepository.create();
  });
  afterEach(async () => {
    await repository.dispose();
  });

  const args = [
    'new',
    'article',
    '--title',
    '冬天喝什么茶',
    '--slug',
    'winter-tea',
    '--date',
    '2026-12-09',
    '--author',
    'lin-xiao',
    '--topic',
    'T-2026-001',
  ];

  it('creates the folder and front matter with the policy publishing time and the Asia/Shanghai offset', async () => {
    const run = await runMpflow(args, { cwd: repository.root });
    expect(run.exitCode, run.stderr).toBe(0);
    const written = await repository.read('content/articles/2026/12-09-winter-tea/index.md');
    expect(written).toContain('title: 冬天喝什么茶');
    expect(written).toContain("publishAt: '2026-12-09T20:30:00+08:00'");
    expect(written).not.toMatch(/^status:/m);
    // The template's digest and body are placeholders the check names, line by line, until replaced.
    await repository.write('content/articles/2026/12-09-winter-tea/cover.png', Buffer.from('png'));
    const check = await runMpflow(['check', '--format', 'json'], { cwd: repository.root });
    expect(check.exitCode).toBe(1);
    const found = (
      JSON.parse(check.stdout) as { problems: Array<{ file: string; ruleId: string; line: number; column: number }> }
    ).problems.filter((problem) => problem.ruleId === 'template/placeholder');
    const lines = written.split('\n');
    expect(
      found.map((problem) => [problem.line, lines[problem.line - 1]!.slice(problem.column - 1, problem.column + 4)]),
    ).toEqual([
      [3, '【待填写：'],
      [expect.any(Number), '【待填写：'],
      [expect.any(Number), '【待填写：'],
      [expect.any(Number), '【待填写：'],
    ]);
  });

  it('takes the digest and a Markdown body from the command line, and the article then passes the check', async () => {
    await repository.write(
      'draft.md',
      '冬天喝茶，先看天气再选茶。\n\n## 选茶\n\n熟普和老白茶的茶汤温润，适合饭后慢慢喝。\n',
    );
    const run = await runMpflow(
      [...args, '--digest', '冬天喝什么茶：熟普、老白茶怎么选。', '--body-file', 'draft.md'],
      { cwd: repository.root },
    );
    expect(run.exitCode, run.stderr).toBe(0);
    await repository.write('content/articles/2026/12-09-winter-tea/cover.png', Buffer.from('png'));
    await repository.remove('draft.md');
    const check = await runMpflow(['check'], { cwd: repository.root });
    expect(check.exitCode, check.stdout).toBe(0);
  });

  it('leaves nothing behind when the author may not sign the self-review', async () => {
    await repository.write(
      'content/team.yaml',
      `${MINIMAL_TEAM}  - id: zheng-hao\n    name: 郑浩\n    github: zhenghao-cs\n    roles: [support]\n    supervisor: chen-yu\n    joined: 2023-05-08\n`,
    );
    const run = await runMpflow([...args.slice(0, -4), '--author', 'zheng-hao', '--topic', 'T-2026-001'], {
      cwd: repository.root,
    });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('ref/missing-role');
    expect(run.stderr).toContain(
      'author zheng-hao cannot sign the article: the author does the Author self-review, which the policy gives to a copywriter (or, standing in, operator or head); roles held: support.',
    );
    expect(existsSync(path.join(repository.root, 'content/articles/2026/12-09-winter-tea'))).toBe(false);
  });

  it('says which file it could not write, in plain words, when the article folder cannot be made', async () => {
    // A dangling link where the folder should go: existsSync says "free", mkdir fails.
    await symlink(
      path.join(repository.root, 'nowhere'),
      path.join(repository.root, 'content/articles/2026/12-09-winter-tea'),
    );
    const run = await runMpflow(args, { cwd: repository.root });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(
      /^mpflow: Cannot write content\/articles\/2026\/12-09-winter-tea\/index\.md \(E[A-Z]+\): check that the folder exists and is writable\.\n$/,
    );
    expect(run.stdout).toBe('');
  });

  it('refuses a date that does not exist and a slug in Chinese, with exit code 2', async () => {
    expect(
      (await runMpflow([...args.slice(0, 6), '--date', '2026-02-29', ...args.slice(8)], { cwd: repository.root }))
        .exitCode,
    ).toBe(2);
    expect(
      (await runMpflow([...args.slice(0, 4), '--slug', '冬天', ...args.slice(6)], { cwd: repository.root })).exitCode,
    ).toBe(2);
  });
});

describe("who may author an article follows the policy's self-review stage", () => {
  let repository: FixtureRepository;
  beforeEach(async () => {
    repository = await FixtureRepository.create();
  });
  afterEach(async () => {
    await repository.dispose();
  });

  it("lets the operator write an article of her own, as the stage's stand-in, and check agrees", async () => {
    const run = await runMpflow(
      [
        'new',
        'article',
        '--title',
        '客服常见问题',
        '--slug',
        'support-faq',
        '--date',
        '2026-12-09',
        '--author',
        'chen-yu',
        '--topic',
        'T-2026-001',
        '--digest',
        '客服最常被问到的五个问题。',
        '--body-file',
        'faq.md',
      ],
      { cwd: repository.root, env: { LANG: 'en_US.UTF-8' } },
    ).catch((error) => error);
    expect(run.exitCode).toBe(2);
    await repository.write('faq.md', '读者最常问的是发货时间。\n\n## 发货\n\n下单后两天内发出。\n');
    const made = await runMpflow(
      [
        'new',
        'article',
        '--title',
        '客服常见问题',
        '--slug',
        'support-faq',
        '--date',
        '2026-12-09',
        '--author',
        'chen-yu',
        '--topic',
        'T-2026-001',
        '--digest',
        '客服最常被问到的五个问题。',
        '--body-file',
        'faq.md',
      ],
      { cwd: repository.root },
    );
    expect(made.exitCode, made.stderr).toBe(0);
  });
});

describe('mpflow new for the other hand-written records', () => {
  let repository: FixtureRepository;
  beforeEach(async () => {
    repository = await FixtureRepository.create();
  });
  afterEach(async () => {
    await repository.dispose();
  });
  const env = { LANG: 'en_US.UTF-8', MPFLOW_NOW: '2026-10-03T02:00:00Z' };
  const run = (args: string[]) => runMpflow(args, { cwd: repository.root, env });

  it('starts a rating at its place with the policy indicators and scale, empty scores left to the rater', async () => {
    const made = await run(['new', 'rating', '--period', '2026-09', '--member', 'lin-xiao', '--rater', 'chen-yu']);
    expect(made.exitCode, made.stderr).toBe(0);
    expect(made.stdout).toContain('Created appraisals/2026-09/lin-xiao/peer-chen-yu.yaml');
    expect(made.stdout).toContain(
      'Scores still to fill in: collaboration, professional-skills, learning-innovation, responsibility, teamwork, initiative, discipline, confidentiality, ethics (0–100).',
    );
    const text = await repository.read('appraisals/2026-09/lin-xiao/peer-chen-yu.yaml');
    // The fixture has no schemas/ of its own, as a department does not: the line points into the package.
    expect(text).toMatch(
      /^# yaml-language-server: \$schema=\.\.\/\.\.\/\.\.\/node_modules\/mpflow\/schemas\/appraisal-rating\.schema\.json\n/,
    );
    expect(text).toContain('role: peer\nsubmittedAt: 2026-10-03T10:00:00+08:00\n');
    expect(text).toContain('  # 业务协作贡献 Cross-team collaboration（10%）');
    // Until the scores are in, check says which one is empty.
    const check = await runMpflow(['check', 'appraisals', '--format', 'json'], { cwd: repository.root, env });
    const problems = (JSON.parse(check.stdout) as { problems: Array<{ ruleId: string; field?: string; line: number }> })
      .problems;
    expect(problems.filter((problem) => problem.ruleId === 'schema/type').map((problem) => problem.line)).toHaveLength(
      9,
    );
    // …and names each as a placeholder to replace, on the score's own line.
    const placeholders = problems.filter((problem) => problem.ruleId === 'template/placeholder');
    expect(placeholders).toHaveLength(9);
    expect(placeholders.map((problem) => problem.line)).toEqual(
      problems.filter((problem) => problem.ruleId === 'schema/type').map((problem) => problem.line),
    );
    expect(text).toContain('  collaboration: 【待填写：0–100 分 / score 0–100】\n');
  });

  it('names the file for self and supervisor ratings from the roster, and refuses a rater the roster does not allow', async () => {
    const self = await run([
      'new',
      'rating',
      '--period',
      '2026-09',
      '--member',
      'chen-yu',
      '--rater',
      'chen-yu',
      '--ratings',
      'collaboration=80,professional-skills=82,learning-innovation=78,responsibility=90,teamwork=85,initiative=84,discipline=95,confidentiality=96,ethics=94',
    ]);
    expect(self.exitCode, self.stderr).toBe(0);
    expect(self.stdout).toContain('Created appraisals/2026-09/chen-yu/self.yaml');
    expect(
      await run(['new', 'rating', '--period', '2026-09', '--member', 'chen-yu', '--rater', 'chen-yu']),
    ).toMatchObject({ exitCode: 2, stderr: 'mpflow: appraisals/2026-09/chen-yu/self.yaml already exists.\n' });
    const unknown = await run([
      'new',
      'rating',
      '--period',
      '2026-09',
      '--member',
      'chen-yu',
      '--rater',
      'zhou-min',
      '--ratings',
      'charisma=90',
    ]);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('"charisma" is not a qualitative indicator of the 2026-01-01 policy');
    // A rating for a month that has not begun is refused by the check, and nothing is left behind.
    const early = await run(['new', 'rating', '--period', '2026-11', '--member', 'chen-yu', '--rater', 'zhou-min']);
    expect(early.exitCode).toBe(1);
    expect(early.stderr).toContain('appraisal/before-period');
    expect(existsSync(path.join(repository.root, 'appraisals/2026-11'))).toBe(false);
  });

  it("appends a training session to the year's records and keeps what was there", async () => {
    const first = await run([
      'new',
      'training',
      '--course',
      'TR-2026-07',
      '--date',
      '2026-09-10',
      '--hours',
      '3',
      '--attendees',
      'lin-xiao,chen-yu',
      '--notes',
      '现场改稿两篇。',
    ]);
    expect(first.exitCode, first.stderr).toBe(0);
    expect(first.stdout).toContain('Created content/training/records-2026.yaml');
    const second = await run([
      'new',
      'training',
      '--course',
      'TR-2026-08',
      '--date',
      '2026-09-24',
      '--hours',
      '2',
      '--attendees',
      'lin-xiao',
    ]);
    expect(second.exitCode, second.stderr).toBe(0);
    expect(second.stdout).toContain('Appended to content/training/records-2026.yaml');
    const text = await repository.read('content/training/records-2026.yaml');
    expect(text).toContain(
      'year: 2026\nsessions:\n  - course: TR-2026-07\n    date: 2026-09-10\n    hours: 3\n    attendees: [lin-xiao, chen-yu]\n    notes: 现场改稿两篇。\n  - course: TR-2026-08\n',
    );
    const refused = await run([
      'new',
      'training',
      '--course',
      'TR-2026-09',
      '--date',
      '2026-09-25',
      '--hours',
      '2',
      '--attendees',
      'nobody',
    ]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('ref/unknown-member');
    expect(await repository.read('content/training/records-2026.yaml')).toBe(text);
  });

  it('numbers topics and campaigns, and leaves placeholders only where a person must write', async () => {
    const topic = await run(['new', 'topic', '--title', '冬季饮茶', '--by', 'lin-xiao']);
    expect(topic.stdout).toContain('Created content/topics/T-2026-002.yaml');
    const campaign = await run([
      'new',
      'campaign',
      '--kind',
      'vote',
      '--title',
      '新年包装投票',
      '--owner',
      'chen-yu',
      '--start',
      '2026-12-20T20:30',
      '--end',
      '2026-12-27 23:59',
      '--prize',
      '新年茶礼盒x5',
    ]);
    expect(campaign.exitCode, campaign.stderr).toBe(0);
    expect(campaign.stdout).toContain('Created content/campaigns/C-2026-02.yaml');
    expect(campaign.stdout).toContain('2 【待填写】 placeholder(s) still to replace');
    const text = await repository.read('content/campaigns/C-2026-02.yaml');
    expect(text).toContain('period:\n  start: 2026-12-20T20:30:00+08:00\n  end: 2026-12-27T23:59:00+08:00\n');
    const check = await runMpflow(['check', 'content/campaigns', '--format', 'json'], { cwd: repository.root, env });
    expect(
      (JSON.parse(check.stdout) as { problems: Array<{ ruleId: string }> }).problems.map((problem) => problem.ruleId),
    ).toEqual(['template/placeholder', 'template/placeholder']);
  });

  it('copies the version in force into a new policy version with a changelog line', async () => {
    const made = await run(['new', 'policy', '--effective', '2026-11-01', '--change', '互评人数改为三人。']);
    expect(made.exitCode, made.stderr).toBe(0);
    const text = await repository.read('content/policy/2026-11-01.yaml');
    expect(text).toContain('# 2026-11-01 起生效，由 2026-01-01 版修订：互评人数改为三人。\n');
    expect(text).toContain('\neffective: 2026-11-01\n');
    // A copy but for its header, its date and its $schema line, which points where a department has the schemas.
    expect(
      text
        .replace(/^# 2026-11-01.*\n# In force.*\n/m, '')
        .replace('effective: 2026-11-01', 'effective: 2026-01-01')
        .replace('$schema=../../node_modules/mpflow/schemas/', '$schema=../../schemas/'),
    ).toBe(await repository.read('content/policy/2026-01-01.yaml'));
  });
});
