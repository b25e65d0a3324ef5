import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';

const NOW = '2026-12-04T10:00:00+08:00';
const env = (now = NOW) => ({ LANG: 'en_US.UTF-8', MPFLOW_NOW: now, MPFLOW_CACHE: 'off' });

interface Report {
  ok: boolean;
  today: string;
  schemaVersion: number;
  findings: Array<{ kind: string; file?: string; line?: number; column?: number; message: string; fix: string }>;
  notes: string[];
}

async function doctor(root: string, now = NOW, extra: string[] = []): Promise<{ exitCode: number; report: Report }> {
  const run = await runMpflow(['doctor', '--root', root, '--format', 'json', ...extra], { cwd: root, env: env(now) });
  return { exitCode: run.exitCode, report: JSON.parse(run.stdout) as Report };
}

let temp: string;
/** A department init made on 4 December with its first policy in force from 1 December. */
let fresh: string;

async function initDepartment(name: string, flags: string[] = []): Promise<string> {
  const root = path.join(temp, name);
  const run = await runMpflow(
    [
      'init',
      root,
      '--department',
      '城市图书馆微信部',
      '--account',
      '城市书房',
      '--head',
      'lijing-lib',
      '--head-name',
      '李静',
      '--member',
      'wang-fang:王芳:wangfang-writes:copywriter',
      '--member',
      'zhao-lei:趙磊:zhaolei-ops:operator',
      '--yes',
      ...flags,
    ],
    { cwd: temp, env: env() },
  );
  if (run.exitCode !== 0) throw new Error(run.stderr);
  return root;
}

beforeAll(async () => {
  temp = await mkdtemp(path.join(os.tmpdir(), 'mpflow-doctor-'));
  fresh = await initDepartment('fresh');
});
afterAll(async () => {
  await rm(temp, { recursive: true, force: true });
});

describe('mpflow doctor', () => {
  it('finds nothing to fix in a department init has just made', async () => {
    const run = await runMpflow(['doctor', '--root', fresh], { cwd: fresh, env: env() });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.stdout).toBe('✓ Nothing to fix (data format version 1, today 2026-12-04).\n');
  });

  it('names the pending migration and the missing settings of a department made by the previous version', async () => {
    const previous = path.join(temp, 'previous');
    await cp(path.join(PROJECT_ROOT, 'test/fixtures/department-previous'), previous, { recursive: true });
    const { exitCode, report } = await doctor(previous, '2026-03-02T10:00:00+08:00');
    expect(exitCode).toBe(1);
    expect(report.schemaVersion).toBe(0);
    const kinds = report.findings.map((finding) => finding.kind);
    expect(kinds).toContain('migration/pending');
    expect(kinds).toContain('settings/missing');
    // Made before init: none of the managed workflows, said once.
    expect(
      report.findings.filter((finding) => finding.kind === 'template/missing').map((finding) => finding.file),
    ).toEqual(['.github/']);
    expect(report.findings.find((finding) => finding.kind === 'migration/pending')!.message).toContain(
      '0001-department-settings',
    );
    expect(report.findings.find((finding) => finding.kind === 'migration/pending')!.fix).toContain(
      'npx mpflow migrate',
    );

    const migrated = await runMpflow(['migrate', '--root', previous], { cwd: previous, env: env() });
    expect(migrated.exitCode).toBe(0);
    const after = await doctor(previous, '2026-03-02T10:00:00+08:00');
    expect(after.report.findings.map((finding) => finding.kind)).not.toContain('migration/pending');
    expect(after.report.findings.map((finding) => finding.kind)).not.toContain('settings/missing');
  });

  it('a policy that only takes effect next month: none in force, and the day it starts', async () => {
    const early = await initDepartment('early', ['--effective', '2027-01-01']);
    const { exitCode, report } = await doctor(early);
    expect(exitCode).toBe(1);
    expect(report.findings).toEqual([
      expect.objectContaining({ kind: 'policy/not-in-force', file: 'content/policy/2027-01-01.yaml' }),
    ]);
    expect(report.findings[0]!.message).toContain('takes effect on 2027-01-01');
    // From that day on there is nothing to fix.
    expect((await doctor(early, '2027-01-01T00:30:00+08:00')).exitCode).toBe(0);
    // A later version beside one in force is only a note.
    const policy = await readFile(path.join(early, 'content/policy/2027-01-01.yaml'), 'utf8');
    await writeFile(
      path.join(early, 'content/policy/2027-02-01.yaml'),
      policy.replace('effective: 2027-01-01', 'effective: 2027-02-01'),
    );
    expect((await runMpflow(['codeowners', '--write', '--root', early], { cwd: early, env: env() })).exitCode).toBe(0);
    const later = await doctor(early, '2027-01-10T09:00:00+08:00');
    expect(later.exitCode).toBe(0);
    expect(later.report.notes).toEqual([
      'Policy version content/policy/2027-02-01.yaml takes effect on 2027-02-01 (content/policy/2027-01-01.yaml is in force today).',
    ]);
    const zh = await runMpflow(['doctor', '--root', early, '--lang', 'zh-CN'], { cwd: early, env: env() });
    expect(zh.stdout).toContain('今天（2026-12-04）没有生效的制度');
  });

  it('a workflow edited in place is drifted, a deleted one missing; init --update restores both and the department’s own workflow is left alone', async () => {
    const drifted = await initDepartment('drifted');
    const publish = path.join(drifted, '.github/workflows/publish.yml');
    const original = await readFile(publish, 'utf8');
    await writeFile(
      publish,
      original.replace('npx mpflow publish --due --push-records', 'npx mpflow publish --due --push-records --force'),
    );
    await writeFile(
      path.join(drifted, '.github/workflows/library-extra.yml'),
      'name: library-extra\non: workflow_dispatch\njobs: {}\n',
    );
    await rm(path.join(drifted, '.github/workflows/appraisal-reminder.yml'));
    const { exitCode, report } = await doctor(drifted);
    expect(exitCode).toBe(1);
    expect(report.findings).toEqual([
      expect.objectContaining({ kind: 'template/missing', file: '.github/workflows/appraisal-reminder.yml' }),
      expect.objectContaining({
        kind: 'template/drifted',
        file: '.github/workflows/publish.yml',
        line: original.split('\n').findIndex((line) => line.includes('--push-records')) + 1,
      }),
    ]);

    const update = await runMpflow(['init', '--update', drifted], { cwd: temp, env: env() });
    expect(update.exitCode, update.stderr).toBe(0);
    expect(update.stdout).toContain('.github/workflows/publish.yml');
    expect(update.stdout).toContain('.github/workflows/appraisal-reminder.yml');
    expect(await readFile(publish, 'utf8')).toBe(original);
    expect(await readFile(path.join(drifted, '.github/workflows/library-extra.yml'), 'utf8')).toContain(
      'library-extra',
    );
    expect((await doctor(drifted)).exitCode).toBe(0);
  });

  it('placeholders left by mpflow new are named with file:line:column', async () => {
    const drafting = await initDepartment('drafting');
    const topic = await runMpflow(
      [
        'new',
        'topic',
        '--title',
        '冬季读书会',
        '--by',
        'wang-fang',
        '--decision',
        'accepted',
        '--decided-at',
        '2026-12-04',
        '--owner',
        'wang-fang',
        '--root',
        drafting,
      ],
      { cwd: drafting, env: env() },
    );
    expect(topic.exitCode, topic.stderr).toBe(0);
    // A department has no schemas/ of its own: the editor's $schema line points into the package.
    expect((await readFile(path.join(drafting, 'content/topics/T-2026-001.yaml'), 'utf8')).split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../../node_modules/mpflow/schemas/topic.schema.json',
    );
    const article = await runMpflow(
      [
        'new',
        'article',
        '--title',
        '冬天读什么',
        '--slug',
        'winter-reading',
        '--date',
        '2026-12-12',
        '--author',
        'wang-fang',
        '--topic',
        'T-2026-001',
        '--root',
        drafting,
      ],
      { cwd: drafting, env: env() },
    );
    expect(article.exitCode, article.stderr).toBe(0);
    const { exitCode, report } = await doctor(drafting);
    expect(exitCode).toBe(1);
    const placeholders = report.findings.filter((finding) => finding.kind === 'placeholder/left');
    expect(placeholders.length).toBeGreaterThan(0);
    const file = 'content/articles/2026/12-12-winter-reading/index.md';
    const lines = (await readFile(path.join(drafting, file), 'utf8')).split('\n');
    for (const finding of placeholders) {
      expect(finding.file).toBe(file);
      expect(lines[finding.line! - 1]!.slice(finding.column! - 1)).toMatch(/^【待填写/);
    }
  });

  it('the stand-in login init writes without --head, and a stale CODEOWNERS', async () => {
    const root = path.join(temp, 'no-head');
    expect((await runMpflow(['init', root, '--yes'], { cwd: temp, env: env() })).exitCode).toBe(0);
    await writeFile(path.join(root, '.github/CODEOWNERS'), '* @someone-else\n');
    const { report } = await doctor(root);
    expect(report.findings.map((finding) => [finding.kind, finding.file])).toEqual([
      ['roster/placeholder-login', 'content/team.yaml'],
      ['codeowners/out-of-date', '.github/CODEOWNERS'],
    ]);
  });
});
