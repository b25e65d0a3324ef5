import { describe, expect, it } from 'vitest';
import { FIXTURE_DEPARTMENT } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';

const COMMANDS = ['check', 'lint', 'new', 'score', 'render', 'publish', 'metrics', 'draw', 'review-gate', 'codeowners'];

describe('every command treats a mistyped option the same way', () => {
  it.each(COMMANDS)('%s: an unknown option is a usage error in plain words, in either language', async (command) => {
    const english = await runMpflow([command, '--fromat', 'json'], { cwd: FIXTURE_DEPARTMENT });
    expect(english.exitCode).toBe(2);
    expect(english.stderr).toBe('mpflow: There is no option --fromat. Run with --help to see the options.\n');
    const chinese = await runMpflow([command, '--fromat', 'json', '--lang', 'zh-CN'], { cwd: FIXTURE_DEPARTMENT });
    expect(chinese.exitCode).toBe(2);
    expect(chinese.stderr).toContain('没有 --fromat 这个选项。');
    expect(english.stdout + chinese.stdout).toBe('');
  });

  it.each(COMMANDS)('%s: --help prints the usage and exits 0', async (command) => {
    const help = await runMpflow([command, '--help'], { cwd: FIXTURE_DEPARTMENT });
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toMatch(/mpflow/);
    expect(help.stderr).toBe('');
  });
});

describe('every command with --format refuses an unknown format the same way', () => {
  const cases: Array<[string[], string, string]> = [
    [['check'], 'use one of text, json, github, sarif, markdown', '可选：text、json、github、sarif、markdown。'],
    [
      ['lint', 'README.md'],
      'use one of text, json, github, sarif, markdown',
      '可选：text、json、github、sarif、markdown。',
    ],
    [['score', '--period', '2026-10'], 'use text or json', '可选：text、json。'],
    [['publish', '--due'], 'use text or json', '可选：text、json。'],
    [['review-gate', '--repo', 'tea/dept', '--pr', '7'], 'use text or json', '可选：text、json。'],
  ];
  it.each(cases)(
    '%s: names the value and the formats it knows, in either language, exit 2',
    async (args, english, chinese) => {
      const inEnglish = await runMpflow([...args, '--format', 'xml'], { cwd: FIXTURE_DEPARTMENT });
      expect(inEnglish.exitCode).toBe(2);
      expect(inEnglish.stderr).toBe(`mpflow: Unknown format "xml"; ${english}.\n`);
      const inChinese = await runMpflow([...args, '--format', 'xml', '--lang', 'zh-CN'], { cwd: FIXTURE_DEPARTMENT });
      expect(inChinese.exitCode).toBe(2);
      expect(inChinese.stderr).toBe(`mpflow: 不支持的格式“xml”，${chinese}\n`);
      expect(inEnglish.stdout + inChinese.stdout).toBe('');
    },
  );
});
