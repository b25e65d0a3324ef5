import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FixtureRepository } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';

describe('mpflow lint (command line)', () => {
  let folder: string;
  beforeEach(async () => {
    // Outside any department repository: no content/ folder above the temp directory.
    folder = await mkdtemp(path.join(tmpdir(), 'mpflow-lint-'));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('lints a plain Markdown file without front matter, outside a repository, and exits 1 on errors', async () => {
    await writeFile(path.join(folder, 'draft.md'), '# 新品上市\n\n这款茶是國家級好茶，关注后查看全文。\n');
    const run = await runMpflow(['lint', 'draft.md'], { cwd: folder });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(
      'draft.md:3:5  ad-law/national-level  "National-level" or "world-class" claim: "國家級".',
    );
    expect(run.stdout).toContain('draft.md:3:11  induce-follow/follow-to-unlock');
    expect(run.stdout).toContain('Checked 1 file: 2 errors, 2 warnings.');
  });

  it('exits 0 when there are only warnings, and 0 with a clean summary on a clean file', async () => {
    await writeFile(path.join(folder, 'warn.md'), '我们用iPhone拍照。\n');
    await writeFile(
      path.join(folder, 'clean.md'),
      '---\ntitle: 秋天喝什么茶\ncover: cover.png\n---\n秋天适合喝乌龙茶。\n',
    );
    const warn = await runMpflow(['lint', 'warn.md'], { cwd: folder });
    expect(warn.exitCode).toBe(0);
    expect(warn.stdout).toContain('typography/cjk-latin-space');
    const clean = await runMpflow(['lint', '--lang', 'zh-CN', 'clean.md'], { cwd: folder });
    expect(clean).toMatchObject({ exitCode: 0, stdout: '✓ 检查了 1 个文件，没有发现问题。\n' });
  });

  it('lints every Markdown file in a folder and reports JSON', async () => {
    await writeFile(path.join(folder, 'a.md'), '顶级好茶。\n');
    await writeFile(path.join(folder, 'b.markdown'), '集赞送茶具。\n');
    await writeFile(path.join(folder, 'notes.txt'), '顶级\n');
    const run = await runMpflow(['lint', '.', '--format', 'json'], { cwd: folder });
    const report = JSON.parse(run.stdout) as {
      summary: { filesChecked: number };
      problems: Array<{ file: string; ruleId: string }>;
    };
    expect(report.summary.filesChecked).toBe(2);
    expect(report.problems.map((problem) => `${problem.file} ${problem.ruleId}`)).toEqual([
      'a.md ad-law/absolute-term',
      'b.markdown induce-share/collect-likes',
    ]);
  });

  it('--fix fixes typography in place, idempotently', async () => {
    const file = path.join(folder, 'fix.md');
    await writeFile(file, '---\ntitle: 测试,标题\n---\n我们用iPhone拍了茶汤,效果很好!!!顶级\n');
    const first = await runMpflow(['lint', '--fix', 'fix.md'], { cwd: folder });
    const once = await readFile(file, 'utf8');
    expect(once).toBe('---\ntitle: 测试，标题\n---\n我们用 iPhone 拍了茶汤，效果很好！顶级\n');
    expect(first.stdout).toContain('ad-law/absolute-term');
    expect(first.stdout).not.toContain('typography/');
    await runMpflow(['lint', '--fix', 'fix.md'], { cwd: folder });
    expect(await readFile(file, 'utf8')).toBe(once);
  });

  it('says plainly when a file is missing or none is given', async () => {
    const missing = await runMpflow(['lint', 'nope.md'], { cwd: folder });
    expect(missing).toMatchObject({ exitCode: 2, stderr: 'mpflow: Not found: nope.md.\n' });
    const none = await runMpflow(['lint'], { cwd: folder });
    expect(none.exitCode).toBe(2);
  });

  it('uses the policy of the repository it runs in', async () => {
    const repository = await FixtureRepository.create();
    try {
      const policy = await repository.read('content/policy/2026-01-01.yaml');
      await repository.write(
        'content/policy/2026-01-01.yaml',
        policy.replace('  severities: {}', '  severities:\n    ad-law: warning'),
      );
      await repository.write('drafts/idea.md', '顶级好茶。\n');
      const run = await runMpflow(['lint', 'drafts/idea.md'], { cwd: repository.root });
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toContain('ad-law/absolute-term  Absolute claim: "顶级". (warning)');
    } finally {
      await repository.dispose();
    }
  });
});
