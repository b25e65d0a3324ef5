import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { globToCodeownersPatterns } from '../../src/core/team/codeowners.ts';
import { FIXTURE_DEPARTMENT, FixtureRepository, MINIMAL_TEAM, PROJECT_ROOT } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';

const ZH = { LANG: 'zh_CN.UTF-8' };

/** Pattern → owners, for the lines that are not comments. */
function ownerLines(text: string): Map<string, string[]> {
  const lines = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const [pattern, ...owners] = line.split(' ');
    lines.set(pattern!, owners);
  }
  return lines;
}

describe('the committed .github/CODEOWNERS', () => {
  // The fixture department carries a copy of it next to its roster and policy; CI runs the same
  // check on the repository's own sample (.github/workflows/ci.yml).
  it('is up to date with content/team.yaml and the policy (mpflow codeowners --check)', async () => {
    const run = await runMpflow(['codeowners', '--check'], { cwd: FIXTURE_DEPARTMENT });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
  });

  it('asks the sample department’s people by role and says that mpflow/review is the gate', () => {
    const text = readFileSync(path.join(PROJECT_ROOT, '.github/CODEOWNERS'), 'utf8');
    expect(text).toMatch(/CODEOWNERS 只负责在 PR 上自动请求审核人。真正决定能否合并的是 mpflow\/review 状态/);
    expect(text).toMatch(
      /CODEOWNERS only requests reviewers\. What allows a merge is the mpflow\/review commit status/,
    );
    const owners = ownerLines(text);
    expect(owners.get('*')).toEqual(['@zhoumin-minlan']);
    // The head is asked after the operator: the policy names the head as the operator's stand-in
    // (the only operator's own pull requests would otherwise ask nobody).
    expect(owners.get('/content/articles/**/*.md')).toEqual(['@chenyu-ops', '@zhoumin-minlan']);
    expect(owners.get('/content/articles/**/*.png')).toEqual(['@huangshan-design', '@chenyu-ops', '@zhoumin-minlan']);
    expect(owners.get('/content/topics/**')).toEqual(['@chenyu-ops', '@zhoumin-minlan']);
    expect(owners.get('/content/campaigns/**')).toEqual(['@chenyu-ops', '@zhoumin-minlan']);
    // What could subvert the gate itself goes to the head.
    for (const pattern of [
      '/.github/**',
      '/src/**',
      '/scripts/**',
      '/package.json',
      '/package-lock.json',
      '/content/reviews/**',
    ])
      expect(owners.get(pattern), pattern).toEqual(['@zhoumin-minlan']);
    expect(owners.get('/content/policy/**')).toEqual(['@zhoumin-minlan']);
    expect(owners.get('/content/team.yaml')).toEqual(['@zhoumin-minlan']);
    expect(owners.get('/src/content/docs/**')).toEqual(['@zhoumin-minlan']);
    expect(owners.get('/appraisals/**')).toEqual(['@liufang-hr']);
    // Writers are not asked to review each other's articles: the writer self-reviews their own.
    expect(text).not.toContain('@linxiao-writes');
    expect(text).not.toContain('@wangjia-tea');
  });
});

describe('mpflow codeowners on a department repository', () => {
  let fixture: FixtureRepository;
  beforeEach(async () => {
    fixture = await FixtureRepository.create();
  });
  afterEach(async () => {
    await fixture.dispose();
  });

  it('prints the file built from the roster and the review rules, roles nobody holds left to the head', async () => {
    const run = await runMpflow(['codeowners'], { cwd: fixture.root });
    expect(run.exitCode).toBe(0);
    const owners = ownerLines(run.stdout);
    // zhou-min holds head, operator and designer; chen-yu is an operator.
    expect(owners.get('*')).toEqual(['@zhoumin-minlan']);
    expect(owners.get('/content/articles/**/*.md')).toEqual(['@chenyu-ops', '@zhoumin-minlan']);
    expect(owners.get('/content/articles/**/*.jpg')).toEqual(['@zhoumin-minlan', '@chenyu-ops']);
    // Nobody holds HR here: no appraisal line (an owner-less line would take the files from the head) and a note.
    expect(owners.has('/appraisals/**')).toBe(false);
    expect(run.stderr).toMatch(/No current member with a GitHub login holds the HR role/);
  });

  it('leaves out members who have left, and picks up a new operator', async () => {
    await fixture.write(
      'content/team.yaml',
      `${MINIMAL_TEAM}  - id: he-lan
    name: 何兰
    github: helan-ops
    roles: [operator]
    supervisor: zhou-min
    joined: 2025-01-06
  - id: song-qi
    name: 宋琪
    github: songqi-old
    roles: [operator, hr]
    supervisor: zhou-min
    joined: 2020-01-06
    left: 2025-06-30
`,
    );
    const owners = ownerLines((await runMpflow(['codeowners'], { cwd: fixture.root })).stdout);
    expect(owners.get('/content/topics/**')).toEqual(['@chenyu-ops', '@helan-ops', '@zhoumin-minlan']);
    expect([...owners.values()].flat()).not.toContain('@songqi-old');
  });

  it('--check fails with a clear message until --write is run, and again after the roster changes', async () => {
    const missing = await runMpflow(['codeowners', '--check'], { cwd: fixture.root });
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain('There is no .github/CODEOWNERS. Run npx mpflow codeowners --write');

    const written = await runMpflow(['codeowners', '--write'], { cwd: fixture.root });
    expect(written.exitCode).toBe(0);
    expect(written.stdout).toContain('Wrote .github/CODEOWNERS (from content/policy/2026-01-01.yaml)');
    expect(await fixture.read('.github/CODEOWNERS')).toBe(
      (await runMpflow(['codeowners'], { cwd: fixture.root })).stdout,
    );
    expect((await runMpflow(['codeowners', '--check'], { cwd: fixture.root })).exitCode).toBe(0);

    // The operator hands over to a new colleague: CODEOWNERS must follow.
    await fixture.write('content/team.yaml', MINIMAL_TEAM.replace('github: chenyu-ops', 'github: chenyu-new'));
    const stale = await runMpflow(['codeowners', '--check'], { cwd: fixture.root, env: ZH });
    expect(stale.exitCode).toBe(1);
    expect(stale.stderr).toContain(
      '.github/CODEOWNERS 已过期，与 content/team.yaml 和 content/policy/2026-01-01.yaml 不一致。运行 npx mpflow codeowners --write 并提交结果。',
    );
    expect(stale.stderr).toContain('  + /content/topics/** @chenyu-new @zhoumin-minlan');
    expect(stale.stderr).toContain('  - /content/topics/** @chenyu-ops @zhoumin-minlan');
  });

  it('a hand edit is caught by --check', async () => {
    await runMpflow(['codeowners', '--write'], { cwd: fixture.root });
    const text = await fixture.read('.github/CODEOWNERS');
    await fixture.write(
      '.github/CODEOWNERS',
      text.replace('/content/policy/** @zhoumin-minlan', '/content/policy/** @zhoumin-minlan @linxiao-writes'),
    );
    const run = await runMpflow(['codeowners', '--check'], { cwd: fixture.root });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('  - /content/policy/** @zhoumin-minlan @linxiao-writes');
  });

  it('a broken roster stops it with the file, line and column, and writes nothing', async () => {
    await fixture.write(
      'content/team.yaml',
      MINIMAL_TEAM.replace('roles: [operator, support]', 'roles: [operator, support'),
    );
    const run = await runMpflow(['codeowners', '--write'], { cwd: fixture.root });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/content\/team\.yaml:\d+:\d+ {2}yaml\/syntax/);
    expect(run.stderr).toContain('CODEOWNERS cannot be generated');
    await expect(fixture.read('.github/CODEOWNERS')).rejects.toThrow();
  });

  it('a roster entry with a wrong role is a schema error, not a silent omission', async () => {
    await fixture.write('content/team.yaml', MINIMAL_TEAM.replace('roles: [operator, support]', 'roles: [operater]'));
    const run = await runMpflow(['codeowners'], { cwd: fixture.root });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/content\/team\.yaml:\d+:\d+/);
    expect(run.stdout).toBe('');
  });

  it('refuses --write together with --check', async () => {
    const run = await runMpflow(['codeowners', '--write', '--check'], { cwd: fixture.root });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('Use --write or --check, not both.');
  });
});

describe('policy globs as CODEOWNERS patterns', () => {
  it.each([
    ['content/articles/**/*.md', ['/content/articles/**/*.md']],
    ['design/**', ['/design/**']],
    ['./content/team.yaml', ['/content/team.yaml']],
    ['content/articles/**/*.{jpg,png}', ['/content/articles/**/*.jpg', '/content/articles/**/*.png']],
    ['{a,b/{c,d}}/*.md', ['/a/*.md', '/b/c/*.md', '/b/d/*.md']],
  ])('%s → %j', (glob, patterns) => {
    expect(globToCodeownersPatterns(glob)).toEqual(patterns);
  });

  it.each(['content/[ab]/*.md', '!content/x', 'content/@(a|b)/x', 'content/{a,b', 'content/a b.md'])(
    '%s has no CODEOWNERS form',
    (glob) => {
      expect(globToCodeownersPatterns(glob)).toBeUndefined();
    },
  );

  it('a rule the generator cannot express is named, and the others are still written', async () => {
    const fixture = await FixtureRepository.create();
    try {
      const policy = await fixture.read('content/policy/2026-01-01.yaml');
      await fixture.write(
        'content/policy/2026-01-01.yaml',
        policy.replace(
          'paths: ["content/topics/**", "content/campaigns/**"]',
          'paths: ["content/topics/**", "content/[c]ampaigns/**"]',
        ),
      );
      const run = await runMpflow(['codeowners'], { cwd: fixture.root });
      expect(run.exitCode).toBe(0);
      expect(run.stderr).toContain('The review rule path "content/[c]ampaigns/**" has no CODEOWNERS form');
      expect(ownerLines(run.stdout).has('/content/topics/**')).toBe(true);
    } finally {
      await fixture.dispose();
    }
  });
});

describe('which policy version', () => {
  it('follows the newest version at once, so the PR that adds it also updates CODEOWNERS', async () => {
    const fixture = await FixtureRepository.create();
    try {
      await runMpflow(['codeowners', '--write'], { cwd: fixture.root });
      const policy = await fixture.read('content/policy/2026-01-01.yaml');
      const next = policy
        .replace(/^effective: .*$/m, 'effective: 2099-01-01')
        .replace(
          'paths: ["content/topics/**", "content/campaigns/**"]',
          'paths: ["content/topics/**", "content/campaigns/**", "content/training/**"]',
        );
      expect(next).toContain('effective: 2099-01-01');
      await fixture.write('content/policy/2099-01-01.yaml', next);
      const stale = await runMpflow(['codeowners', '--check'], { cwd: fixture.root });
      expect(stale.exitCode).toBe(1);
      expect(stale.stderr).toContain('out of date with content/team.yaml and content/policy/2099-01-01.yaml');
      expect(stale.stderr).toContain('  + /content/training/** @chenyu-ops @zhoumin-minlan');
    } finally {
      await fixture.dispose();
    }
  });
});
