/** `mpflow score --diff REF` in a real git repository: a changed rating and a changed policy weight, explained. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { runMpflow } from '../helpers/run-cli.ts';
import { copySampleDepartment } from './sample-copy.ts';

const git = promisify(execFile);

describe('mpflow score --diff', () => {
  let sample: Awaited<ReturnType<typeof copySampleDepartment>> | undefined;
  afterEach(async () => {
    await sample?.dispose();
    sample = undefined;
  });

  it('says which inputs and policy leaves moved a score since a commit', async () => {
    sample = await copySampleDepartment();
    const run = (...args: string[]) => git('git', args, { cwd: sample!.root });
    await run('init', '--quiet');
    await run('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'add', '.');
    await run('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '--quiet', '-m', 'sample');
    await sample.edit('appraisals/2026-09/lin-xiao/supervisor.yaml', 'initiative: ', 'initiative: 6');
    const unchanged = await runMpflow(['score', '--diff', 'HEAD'], { cwd: sample.root });
    expect(unchanged.exitCode).toBe(0);
    expect(unchanged.stdout).toContain('2026-09 lin-xiao: 87.26 A →');
    expect(unchanged.stdout).toContain('the supervisor rating changed (appraisals/2026-09/lin-xiao/supervisor.yaml)');
    expect(unchanged.stdout).toMatch(/indicator initiative score \d+\.\d\d → \d+\.\d\d/);
    expect(unchanged.stdout).not.toContain('2026-10 lin-xiao');

    // A re-imported figure: the reason names the measure and where its figures are kept.
    const csv = (await import('node:fs/promises')).readFile(
      `${sample.root}/content/metrics/articles/2026-09.csv`,
      'utf8',
    );
    const row = (await csv).split('\n').find((line) => line.startsWith('2026-09-17,2026-09-16-mid-autumn-tea-gifts,'))!;
    const cells = row.split(',');
    cells[2] = String(Number(cells[2]) + 400);
    await sample.edit('content/metrics/articles/2026-09.csv', row, cells.join(','));
    const data = await runMpflow(['score', '--diff', 'HEAD'], { cwd: sample.root });
    expect(data.stdout).toMatch(/data reads-per-article: [\d.]+ → [\d.]+ \(content\/metrics\/articles\/\)/);

    const bad = await runMpflow(['score', '--diff', 'no-such-ref'], { cwd: sample.root });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('git knows no commit "no-such-ref".');
  });
});

describe('mpflow score --verify --base', () => {
  let sample: Awaited<ReturnType<typeof copySampleDepartment>> | undefined;
  afterEach(async () => {
    await sample?.dispose();
    sample = undefined;
  });

  it('accepts an appended calibration but refuses one rewritten after it was committed', async () => {
    sample = await copySampleDepartment();
    const run = (...args: string[]) => git('git', args, { cwd: sample!.root });
    await run('init', '--quiet');
    await run('add', '.');
    await run('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '--quiet', '-m', 'sample');
    const appended = `  - member: lin-xiao\n    points: -0.5\n    by: zhou-min\n    at: 2026-11-20T09:00:00+08:00\n    reason: 复核时发现一篇稿件的转载授权晚于发布。\n`;
    const original = await (await import('node:fs/promises')).readFile(
      `${sample.root}/appraisals/2026-10/calibrations.yaml`,
      'utf8',
    );
    await sample.write('appraisals/2026-10/calibrations.yaml', original + appended);
    await runMpflow(['score', '--period', '2026-10', '--write'], { cwd: sample.root });
    const ok = await runMpflow(['score', '--verify', '--base', 'HEAD'], { cwd: sample.root });
    expect(ok.stdout).toContain('all match');
    expect(ok.exitCode).toBe(0);

    await sample.edit('appraisals/2026-10/calibrations.yaml', '    points: 1\n', '    points: 3\n');
    await runMpflow(['score', '--period', '2026-10', '--write'], { cwd: sample.root });
    const rewritten = await runMpflow(['score', '--verify', '--base', 'HEAD'], { cwd: sample.root });
    expect(rewritten.exitCode).toBe(1);
    expect(rewritten.stdout).toContain(
      'Calibration 1 of 2026-10 (zheng-hao, 2026-11-16T10:20:00+08:00) was changed or removed; calibrations can only be appended.',
    );
  });
});
