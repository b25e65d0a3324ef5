import { describe, expect, it } from 'vitest';
import { commandHelp, parseCommand, type CommandSpec, type Option } from '../../src/cli/command.ts';
import { runCli } from '../../src/cli/main.ts';
import { FIXTURE_DEPARTMENT } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';

// One error model: whatever a person gets wrong on the command line, every command answers with
// exit 2, one plain line in the language asked for, and never a stack trace.

const USER_ERRORS: Array<[string[], { zh: string; en: string }]> = [
  [
    ['check', 'content/articles/nope.md'],
    { zh: '找不到“content/articles/nope.md”。', en: '"content/articles/nope.md" does not exist.' },
  ],
  [['lint', 'nope.md'], { zh: '找不到：nope.md。', en: 'Not found: nope.md.' }],
  [
    ['score', '--period', '2026-13'],
    { zh: '--period 应为 YYYY-MM 或 YYYY（收到“2026-13”）。', en: '--period must be YYYY-MM or YYYY (got "2026-13").' },
  ],
  [
    ['score', '--period', '2026-11', '--today', '2026-02-31'],
    { zh: '--today“2026-02-31”不是有效的时间。', en: '--today "2026-02-31" is not a valid time.' },
  ],
  [
    ['metrics', 'import', '--from', 'csv', '--date', '2026-02-30', 'x.csv'],
    { zh: '--date“2026-02-30”不是有效的日期', en: '--date "2026-02-30" is not a valid date' },
  ],
  [
    ['new', 'rating', '--period', '2026-10', '--member', 'nobody', '--rater', 'liu-fang'],
    {
      zh: '名册（content/team.yaml）中没有成员“nobody”。',
      en: 'There is no member "nobody" in the roster (content/team.yaml).',
    },
  ],
  [
    ['publish', '--due', '--now', '2026-02-30'],
    { zh: '--now“2026-02-30”不是有效的时间。', en: '--now "2026-02-30" is not a valid time.' },
  ],
  [['render', 'nope.md'], { zh: '找不到“nope.md”', en: 'Cannot find "nope.md"' }],
  [['render', 'README.md', '--theme', 'neon'], { zh: '没有“neon”这个主题', en: 'There is no theme "neon"' }],
  [
    ['review-gate', '--repo', 'tea', '--pr', '7'],
    { zh: '--repo 应为 OWNER/NAME（收到“tea”）。', en: '--repo must be OWNER/NAME (got "tea").' },
  ],
  [
    ['draw', 'C-2026-01', '--format', 'xml'],
    { zh: '不支持的格式“xml”，可选：text、json、github。', en: 'Unknown format "xml"; use one of text, json, github.' },
  ],
  [
    ['codeowners', '--root', 'nowhere'],
    { zh: '--root nowhere 不是一个文件夹。', en: '--root nowhere is not a folder.' },
  ],
  [['seal', '--root', 'nowhere'], { zh: '--root nowhere 不是一个文件夹。', en: '--root nowhere is not a folder.' }],
  [
    ['schema-types', '--root', 'nowhere'],
    { zh: '--root nowhere 不是一个文件夹。', en: '--root nowhere is not a folder.' },
  ],
  [['init'], { zh: '缺少目录：mpflow init 目录', en: 'Missing the folder: mpflow init DIR' }],
  [
    ['doctor', '--format', 'yaml'],
    { zh: '不支持的格式“yaml”，可选：text、json。', en: 'Unknown format "yaml"; use text or json.' },
  ],
  [['migrate', '--root', 'nowhere'], { zh: '--root nowhere 不是一个文件夹。', en: '--root nowhere is not a folder.' }],
  [['check', '--no-fix'], { zh: '没有 --no-fix 这个选项。', en: 'There is no option --no-fix.' }],
];

describe('every command reports a user error the same way', () => {
  it.each(USER_ERRORS)('%j: exit 2, the message in the language asked for, no stack trace', async (args, message) => {
    for (const [language, expected] of [
      ['zh-CN', message.zh],
      ['en', message.en],
    ] as const) {
      const run = await runMpflow([...args, '--lang', language], { cwd: FIXTURE_DEPARTMENT });
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toContain(expected);
      expect(run.stderr).toMatch(/^mpflow: /);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.stdout).toBe('');
    }
  });

  it('answers a bug in mpflow (here: the output stream failing) with a short message and where to report it, no stack', async () => {
    let stderr = '';
    const run = (env: NodeJS.ProcessEnv) =>
      runCli(['check', '--list-rules'], {
        cwd: FIXTURE_DEPARTMENT,
        env,
        stdout: {
          write: () => {
            throw new TypeError('the stream broke');
          },
        },
        stderr: { write: (chunk: string) => (stderr += chunk) },
      });
    expect(await run({ LANG: 'zh_CN.UTF-8' })).toBe(2);
    expect(stderr).toContain('mpflow 内部错误');
    expect(stderr).toContain('the stream broke');
    expect(stderr).toContain('https://github.com/mpflow/mpflow/issues');
    expect(stderr).not.toMatch(/\n\s+at /);
    stderr = '';
    // MPFLOW_DEBUG=1 adds the stack, for the report.
    expect(await run({ LANG: 'en_US.UTF-8', MPFLOW_DEBUG: '1' })).toBe(2);
    expect(stderr).toContain('mpflow internal error');
    expect(stderr).toMatch(/\n\s+at /);
  });
});

const COMMAND_MODULES = {
  check: () => import('../../src/cli/commands/check.ts'),
  codeowners: () => import('../../src/cli/commands/codeowners.ts'),
  doctor: () => import('../../src/cli/commands/doctor.ts'),
  draw: () => import('../../src/cli/commands/draw.ts'),
  init: () => import('../../src/cli/commands/init.ts'),
  lint: () => import('../../src/cli/commands/lint.ts'),
  metrics: () => import('../../src/cli/commands/metrics.ts'),
  migrate: () => import('../../src/cli/commands/migrate.ts'),
  new: () => import('../../src/cli/commands/new.ts'),
  publish: () => import('../../src/cli/commands/publish.ts'),
  render: () => import('../../src/cli/commands/render.ts'),
  'review-gate': () => import('../../src/cli/commands/review-gate.ts'),
  'schema-types': () => import('../../src/cli/commands/schema-types.ts'),
  score: () => import('../../src/cli/commands/score.ts'),
  seal: () => import('../../src/cli/commands/seal.ts'),
};

async function specOf(name: string): Promise<CommandSpec<Record<string, Option<unknown>>>> {
  const module = (await COMMAND_MODULES[name as keyof typeof COMMAND_MODULES]()) as Record<string, unknown>;
  const specs = Object.values(module).filter(
    (value): value is CommandSpec<Record<string, Option<unknown>>> =>
      typeof value === 'object' && value !== null && 'options' in value && 'name' in value,
  );
  expect(specs).toHaveLength(1);
  return specs[0]!;
}

describe('a command’s help and its parser come from one table', () => {
  it('lists every command main.ts knows', async () => {
    const help = await runMpflow(['--help'], { cwd: FIXTURE_DEPARTMENT });
    const listed = [...help.stdout.matchAll(/^ {2}(\S+) {2,}/gm)].map((match) => match[1]).sort();
    expect(listed).toEqual(Object.keys(COMMAND_MODULES).sort());
  });

  it.each(Object.keys(COMMAND_MODULES))(
    '%s: every option it parses is in its help, in both languages, with --lang and --help',
    async (name) => {
      const spec = await specOf(name);
      expect(spec.name).toBe(name);
      for (const language of ['zh-CN', 'en'] as const) {
        const help = commandHelp(spec, language);
        for (const option of [...Object.keys(spec.options), 'lang', 'help'])
          expect(help).toMatch(new RegExp(`--(\\[no-\\])?${option}\\b`));
      }
      // …and every option the help names is one the parser takes (--help stops before any value is judged).
      for (const [option, declared] of Object.entries(spec.options)) {
        const args = declared.kind === 'flag' ? [`--${option}`] : [`--${option}`, 'x'];
        let printed = '';
        expect(
          parseCommand(spec, [...args, '--help'], {
            language: 'en',
            stdout: { write: (chunk: string) => (printed += chunk) },
          }),
        ).toBeUndefined();
        expect(printed).toContain(`mpflow ${name}`);
      }
    },
  );
});
