import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runMpflow } from '../helpers/run-cli.ts';
import { copySampleDepartment } from './sample-copy.ts';

/** The appraisal calendar of `mpflow score` and `mpflow check` (issue 19), on a copy of the sample department. */
describe('the appraisal calendar', () => {
  let sample: Awaited<ReturnType<typeof copySampleDepartment>> | undefined;
  afterEach(async () => {
    await sample?.dispose();
    sample = undefined;
  });
  const env = (now: string) => ({ LANG: 'en_US.UTF-8', MPFLOW_NOW: now });

  /** October finalised again by this version of mpflow, so its record carries the policy's fingerprint. */
  async function refinalisedOctober() {
    sample = await copySampleDepartment();
    await rm(path.join(sample.root, 'appraisals/2026-10/finalized.yaml'));
    await rm(path.join(sample.root, 'appraisals/2026-10/calibrations.yaml'));
    const write = await runMpflow(['score', '--period', '2026-10', '--write'], {
      cwd: sample.root,
      env: env('2026-11-12T09:00:00Z'),
    });
    expect(write.exitCode, write.stderr).toBe(0);
    const finalise = await runMpflow(
      ['score', '--period', '2026-10', '--finalize', '--by', 'liu-fang', '--at', '2026-11-12 17:30'],
      { cwd: sample.root, env: env('2026-11-12T10:00:00Z') },
    );
    expect(finalise.exitCode, finalise.stderr).toBe(0);
    // --at without an offset is read in the policy's time zone, like publish --now.
    expect(finalise.stdout).toContain('Finalised 2026-10 (liu-fang, 2026-11-12T17:30:00+08:00)');
    return sample;
  }

  it('finalises a month in progress only with --force and a reason, which the record keeps', async () => {
    sample = await copySampleDepartment();
    const refused = await runMpflow(['score', '--period', '2026-11', '--finalize', '--by', 'liu-fang'], {
      cwd: sample.root,
      env: env('2026-11-20T02:00:00Z'),
    });
    expect(refused).toMatchObject({ exitCode: 1 });
    expect(refused.stderr).toContain(
      '2026-11 is not over yet (2026-11-20T10:00:00+08:00, Asia/Shanghai), so it cannot be finalised',
    );
    const noReason = await runMpflow(['score', '--period', '2026-11', '--write', '--force'], {
      cwd: sample.root,
      env: env('2026-11-20T02:00:00Z'),
    });
    expect(noReason).toMatchObject({
      exitCode: 2,
      stderr: 'mpflow: --force needs --reason "why": the reason for writing or finalising early is recorded.\n',
    });
    const written = await runMpflow(
      ['score', '--period', '2026-11', '--write', '--force', '--reason', '提前出分给年终评优'],
      { cwd: sample.root, env: env('2026-11-28T02:00:00Z') },
    );
    expect(written.exitCode, written.stderr).toBe(0);
    const result = await readFile(path.join(sample.root, 'appraisals/2026-11/lin-xiao/result.yaml'), 'utf8');
    expect(result).toMatch(
      /^# yaml-language-server: \$schema=.*\n#.*\n#.*\n# 月份结束前提前写入（2026-11-28T10:00:00\+08:00），原因：提前出分给年终评优\n/,
    );
  });

  it('refuses a finalisation dated in the future, and one --at it cannot read', async () => {
    sample = await copySampleDepartment();
    await rm(path.join(sample.root, 'appraisals/2026-10/finalized.yaml'));
    await rm(path.join(sample.root, 'appraisals/2026-10/calibrations.yaml'));
    const future = await runMpflow(
      ['score', '--period', '2026-10', '--finalize', '--by', 'liu-fang', '--at', '2026-11-30T09:00'],
      { cwd: sample.root, env: env('2026-11-12T02:00:00Z') },
    );
    expect(future.exitCode).toBe(1);
    expect(future.stderr).toContain('--at 2026-11-30T09:00:00+08:00 is later than now (2026-11-12T10:00:00+08:00)');
    const unreadable = await runMpflow(
      ['score', '--period', '2026-10', '--finalize', '--by', 'liu-fang', '--at', '2026-02-30T09:00'],
      { cwd: sample.root, env: env('2026-11-12T02:00:00Z') },
    );
    expect(unreadable.exitCode).toBe(2);
    expect(unreadable.stderr).toContain('--at "2026-02-30T09:00" is not a valid time.');
  });

  it('an indicator added in place to the policy that scored a finalised month: check says where, verify says what it would accept', async () => {
    const copy = await refinalisedOctober();
    const policyFile = 'content/policy/2026-01-01.yaml';
    await copy.edit(
      policyFile,
      '          weight: 10\n          measure: qualitative\n          source: ratings\n          description:\n            zh: 与其他部门',
      '          weight: 5\n          measure: qualitative\n          source: ratings\n          description:\n            zh: 与其他部门',
    );
    await copy.edit(
      policyFile,
      '    - id: ability\n',
      '        - id: customer-voice\n          name: { zh: 读者口碑, en: Reader feedback }\n          weight: 5\n          measure: qualitative\n          source: ratings\n          missing: reweight\n    - id: ability\n',
    );
    const policy = await readFile(path.join(copy.root, policyFile), 'utf8');
    const added = policy.split('\n').findIndex((line) => line.includes('- id: customer-voice')) + 1;
    const check = await runMpflow(['check', '--format', 'json'], { cwd: copy.root, env: env('2026-11-20T02:00:00Z') });
    const immutable = (
      JSON.parse(check.stdout) as { problems: Array<{ ruleId: string; line: number; column: number; message: string }> }
    ).problems.filter((problem) => problem.ruleId === 'policy/immutable');
    const changed = policy.split('\n').findIndex((line) => line.includes('- id: collaboration')) + 1;
    // The weight taken from collaboration and the indicator given it, each at its own line.
    expect(immutable.map((problem) => [problem.line, problem.column])).toEqual([
      [changed, 11],
      [added, 11],
    ]);
    expect(immutable[0]!.message).toContain('appraisal.weights/performance/collaboration was changed');
    expect(immutable[1]!.message).toContain(
      'appraisal.weights/performance/customer-voice was added, but the 2026-01-01 version has scored finalised months (2026-09, 2026-10)',
    );

    const verify = await runMpflow(['score', '--verify'], { cwd: copy.root, env: env('2026-11-20T02:00:00Z') });
    expect(verify.exitCode).toBe(1);
    const summary = verify.stdout.trim().split('\n').at(-1)!;
    expect(summary).toMatch(
      /^✗ Recomputed 10 results; 10 differ, and 10 findings concern finalisations\. 2026-09, 2026-10 are finalised and cannot be regenerated: revert the change/,
    );
    expect(summary).not.toContain('--write');
  });
});

describe('what a finalised month freezes', () => {
  it('the parts that score it; a publishing or review setting of the same version may still change', async () => {
    const sample = await copySampleDepartment();
    try {
      await sample.edit('content/policy/2026-01-01.yaml', 'overdueAfterMinutes: 30', 'overdueAfterMinutes: 45');
      const env = { LANG: 'en_US.UTF-8', MPFLOW_NOW: '2026-12-03T02:00:00Z' };
      expect((await runMpflow(['check'], { cwd: sample.root, env })).exitCode).toBe(0);
      await sample.edit(
        'content/policy/2026-01-01.yaml',
        'firstReplyDeadlineMinutes: 30',
        'firstReplyDeadlineMinutes: 20',
      );
      const check = await runMpflow(['check'], { cwd: sample.root, env });
      expect(check.exitCode).toBe(1);
      expect(check.stdout).toMatch(
        /content\/policy\/2026-01-01\.yaml:\d+:3 {2}policy\/immutable {2}support\.firstReplyDeadlineMinutes was changed/,
      );
    } finally {
      await sample.dispose();
    }
  });
});

describe('a department that appraises monthly only', () => {
  it('leaves appraisal.annual out: check passes, months are scored, and the year says there is no annual appraisal', async () => {
    const { FixtureRepository } = await import('../helpers/fixture-repository.ts');
    const repository = await FixtureRepository.create();
    try {
      const policy = await repository.read('content/policy/2026-01-01.yaml');
      const monthly = policy.replace(/\n {2}# 年度得分[^\n]*\n {2}annual: [^\n]*\n/, '\n');
      expect(monthly).not.toContain('annual:');
      await repository.write('content/policy/2026-01-01.yaml', monthly);
      const env = { LANG: 'en_US.UTF-8', MPFLOW_NOW: '2027-01-05T02:00:00Z' };
      expect((await runMpflow(['check'], { cwd: repository.root, env })).exitCode).toBe(0);
      const month = await runMpflow(['score', '--period', '2026-09'], { cwd: repository.root, env });
      expect(month.exitCode, month.stderr).toBe(0);
      const year = await runMpflow(['score', '--period', '2026'], { cwd: repository.root, env });
      expect(year).toMatchObject({
        exitCode: 1,
        stderr:
          'The 2026-01-01 policy has no annual appraisal (appraisal.annual); the department appraises monthly only.\n',
      });
    } finally {
      await repository.dispose();
    }
  });
});

describe('finalisations written before they carried the policy fingerprint', () => {
  it('may be given the fingerprint of the base version once, and nothing else: verify --base tells the two apart', async () => {
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const git = promisify(execFile);
    const sample = await copySampleDepartment();
    try {
      const file = 'appraisals/2026-09/finalized.yaml';
      const withPrint = await readFile(path.join(sample.root, file), 'utf8');
      const withoutPrint = withPrint.slice(0, withPrint.indexOf('\npolicy:\n') + 1);
      expect(withoutPrint).not.toContain('policy:');
      await sample.write(file, withoutPrint);
      const run = (...args: string[]) => git('git', args, { cwd: sample.root });
      await run('init', '--quiet');
      await run('add', '.');
      await run(
        '-c',
        'user.name=t',
        '-c',
        'user.email=t@example.org',
        'commit',
        '--quiet',
        '-m',
        'before fingerprints',
      );
      await sample.write(file, withPrint);
      const migrated = await runMpflow(['score', '--verify', '--base', 'HEAD'], { cwd: sample.root });
      expect(migrated.exitCode, migrated.stdout).toBe(0);
      // A fingerprint of anything but the base version is a rewritten finalisation.
      await sample.write(file, withPrint.replace(/(appraisal\.minPeers: )[0-9a-f]{16}/, '$10000000000000000'));
      const forged = await runMpflow(['score', '--verify', '--base', 'HEAD'], { cwd: sample.root });
      expect(forged.exitCode).toBe(1);
      expect(forged.stdout).toContain(
        'The finalisation of 2026-09 was changed; after finalisation only calibrations may be appended.',
      );
    } finally {
      await sample.dispose();
    }
  });
});
