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
    expect(unchanged.stdout).toContain('the supervisor rating changed');
    expect(unchanged.stdout).toMatch(/indicator initiative score \d+\.\d\d → \d+\.\d\d/);
    expect(unchanged.stdout).not.toContain('2026-10 lin-xiao');

    const bad = await runMpflow(['score', '--diff', 'no-such-ref'], { cwd: sample.root });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('git knows no commit "no-such-ref".');
  });
});
