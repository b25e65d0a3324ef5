import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';

const COMMANDS = ['check', 'lint', 'new', 'score', 'render', 'publish', 'metrics', 'draw', 'review-gate', 'codeowners'];

describe('every command treats a mistyped option the same way', () => {
  it.each(COMMANDS)('%s: an unknown option is a usage error in plain words, in either language', async (command) => {
    const english = await runMpflow([command, '--fromat', 'json'], { cwd: PROJECT_ROOT });
    expect(english.exitCode).toBe(2);
    expect(english.stderr).toBe('mpflow: There is no option --fromat. Run with --help to see the options.\n');
    const chinese = await runMpflow([command, '--fromat', 'json', '--lang', 'zh-CN'], { cwd: PROJECT_ROOT });
    expect(chinese.exitCode).toBe(2);
    expect(chinese.stderr).toContain('没有 --fromat 这个选项。');
    expect(english.stdout + chinese.stdout).toBe('');
  });

  it.each(COMMANDS)('%s: --help prints the usage and exits 0', async (command) => {
    const help = await runMpflow([command, '--help'], { cwd: PROJECT_ROOT });
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toMatch(/mpflow/);
    expect(help.stderr).toBe('');
  });
});
