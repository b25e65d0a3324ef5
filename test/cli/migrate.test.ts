import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEPARTMENT_SCHEMA_VERSION } from '../../src/core/department/settings.ts';
import type { Migration } from '../../src/core/migrations/migration.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, pendingMigrations } from '../../src/core/migrations/registry.ts';
import { applyMigrationPlan, planMigrations } from '../../src/core/migrations/run-migrations.ts';
import { unifiedDiff } from '../../src/core/migrations/unified-diff.ts';
import { PROJECT_ROOT } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';

// A department as the previous version laid it out: names in content/team.yaml, no settings file.
const PREVIOUS = path.join(PROJECT_ROOT, 'test/fixtures/department-previous');
const ENV = { LANG: 'en_US.UTF-8', MPFLOW_NOW: '2026-03-02T10:00:00+08:00', MPFLOW_CACHE: 'off' };

let root: string;
beforeEach(async () => {
  root = path.join(await mkdtemp(path.join(os.tmpdir(), 'mpflow-migrate-')), 'dept');
  await cp(PREVIOUS, root, { recursive: true });
});
afterEach(async () => {
  await rm(path.dirname(root), { recursive: true, force: true });
});

const read = (file: string) => readFile(path.join(root, file), 'utf8');

describe('the migrations registry', () => {
  it('is one chain from version 0 to the version this mpflow writes', () => {
    expect(LATEST_SCHEMA_VERSION).toBe(DEPARTMENT_SCHEMA_VERSION);
    expect(pendingMigrations(0).map((migration) => [migration.from, migration.to])).toEqual(
      MIGRATIONS.map((migration) => [migration.from, migration.to]),
    );
    MIGRATIONS.forEach((migration, index) => expect(migration.from).toBe(index === 0 ? 0 : MIGRATIONS[index - 1]!.to));
    expect(pendingMigrations(LATEST_SCHEMA_VERSION)).toEqual([]);
  });
});

describe('mpflow migrate on a department made by the previous version', () => {
  it('--dry-run shows the diff and writes nothing', async () => {
    const teamBefore = await read('content/team.yaml');
    const run = await runMpflow(['migrate', '--dry-run', '--root', root], { cwd: root, env: ENV });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain('0001-department-settings (0 → 1)');
    expect(run.stdout).toContain('--- /dev/null\n+++ b/content/department.yaml');
    expect(run.stdout).toContain('+  zh: 城市图书馆微信部');
    expect(run.stdout).toMatch(/^-department: 城市图书馆微信部$/m);
    expect(run.stdout).toMatch(/^-account: 城市书房$/m);
    expect(await read('content/team.yaml')).toBe(teamBefore);
    expect(existsSync(path.join(root, 'content/department.yaml'))).toBe(false);
  });

  it('moves the names into content/department.yaml, keeps the roster otherwise byte for byte, and check then passes without the settings warning', async () => {
    const teamBefore = await read('content/team.yaml');
    const run = await runMpflow(['migrate', '--root', root, '--lang', 'zh-CN'], { cwd: root, env: ENV });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain('已迁移到第 1 版');
    const settings = parseDocument(await read('content/department.yaml')).toJS();
    expect(settings).toEqual({
      schemaVersion: 1,
      department: { zh: '城市图书馆微信部', en: '城市图书馆微信部' },
      account: { zh: '城市书房', en: '城市书房' },
    });
    expect(await read('content/team.yaml')).toBe(
      teamBefore.replace('department: 城市图书馆微信部\naccount: 城市书房\n', ''),
    );

    const check = await runMpflow(['check', '--root', root, '--format', 'json'], { cwd: root, env: ENV });
    expect(check.exitCode, check.stdout).toBe(0);
    expect((JSON.parse(check.stdout) as { problems: unknown[] }).problems).toEqual([]);

    const again = await runMpflow(['migrate', '--root', root], { cwd: root, env: ENV });
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain('already version 1; nothing to migrate');
  });

  it('a settings file written by hand ahead of the migration is kept and only gets its version', async () => {
    await writeFile(
      path.join(root, 'content/department.yaml'),
      '# 手写的设置\ndepartment:\n  zh: 城市图书馆新媒体组\n  en: City Library New Media\naccount:\n  zh: 城市书房\n  en: City Reading Room\n',
    );
    const run = await runMpflow(['migrate', '--root', root], { cwd: root, env: ENV });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(await read('content/department.yaml')).toBe(
      '# 手写的设置\nschemaVersion: 1\ndepartment:\n  zh: 城市图书馆新媒体组\n  en: City Library New Media\naccount:\n  zh: 城市书房\n  en: City Reading Room\n',
    );
    expect(await read('content/team.yaml')).not.toMatch(/^department:/m);
  });

  it('a roster it cannot read stops every step: a plain message with the place, and no file changed', async () => {
    const broken = (await read('content/team.yaml')).replace('members:', 'members: [\n');
    await writeFile(path.join(root, 'content/team.yaml'), broken);
    const run = await runMpflow(['migrate', '--root', root], { cwd: root, env: ENV });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/^content\/team\.yaml:\d+:\d+: The roster is not a valid YAML mapping/);
    expect(run.stderr).toContain('No file was changed.');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(await read('content/team.yaml')).toBe(broken);
    expect(existsSync(path.join(root, 'content/department.yaml'))).toBe(false);
  });

  it('a repository newer than this mpflow is told to upgrade mpflow', async () => {
    await writeFile(
      path.join(root, 'content/department.yaml'),
      'schemaVersion: 9\ndepartment: { zh: 部, en: Dept }\naccount: { zh: 号, en: Account }\n',
    );
    const run = await runMpflow(['migrate', '--root', root], { cwd: root, env: ENV });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('upgrade mpflow');
  });

  it('--format json lists the steps and the changes', async () => {
    const run = await runMpflow(['migrate', '--dry-run', '--format', 'json', '--root', root], { cwd: root, env: ENV });
    expect(run.exitCode).toBe(0);
    const report = JSON.parse(run.stdout) as {
      version: number;
      latest: number;
      migrations: Array<{ id: string }>;
      changes: Array<{ path: string; action: string }>;
    };
    expect(report.version).toBe(0);
    expect(report.latest).toBe(LATEST_SCHEMA_VERSION);
    expect(report.migrations.map((step) => step.id)).toEqual(['0001-department-settings']);
    expect(report.changes.map((change) => [change.path, change.action])).toEqual([
      ['content/department.yaml', 'create'],
      ['content/team.yaml', 'modify'],
    ]);
  });
});

describe('a chain of migrations', () => {
  // A next data format as a later mpflow might bring it: every article's `tags` become `keywords`,
  // and the settings gain a field. It runs on what the step before it left.
  const seen: string[][] = [];
  const renameTags: Migration = {
    id: '0002-keywords',
    from: 1,
    to: 2,
    description: { zh: '文章的 tags 改名为 keywords。', en: "Articles' tags are renamed keywords." },
    reads: ['content/department.yaml', 'content/articles/**/*.md'],
    transform(files) {
      seen.push([...files.keys()]);
      const changes = new Map<string, string | null>();
      for (const [file, content] of files) {
        if (file.endsWith('.md')) changes.set(file, content.replace(/^tags:/m, 'keywords:'));
        else changes.set(file, `${content}keywordsFromTags: true\n`);
      }
      return changes;
    },
  };

  it('each step sees the files the one before wrote; the version ends at the last step', async () => {
    const plan = await planMigrations(root, [...MIGRATIONS, renameTags]);
    expect(plan.steps.map((step) => step.id)).toEqual(['0001-department-settings', '0002-keywords']);
    expect(seen.at(-1)).toEqual(['content/articles/2026/03-10-spring-reading/index.md', 'content/department.yaml']);
    expect(plan.changes.map((change) => change.path)).toEqual([
      'content/articles/2026/03-10-spring-reading/index.md',
      'content/department.yaml',
      'content/team.yaml',
    ]);
    await applyMigrationPlan(root, plan);
    const settings = parseDocument(await read('content/department.yaml')).toJS() as {
      schemaVersion: number;
      keywordsFromTags: boolean;
    };
    expect([settings.schemaVersion, settings.keywordsFromTags]).toEqual([2, true]);
    expect(await read('content/articles/2026/03-10-spring-reading/index.md')).toMatch(/^keywords: \[书单\]$/m);
    expect((await planMigrations(root, [...MIGRATIONS, renameTags])).steps).toEqual([]);
  });
});

describe('unifiedDiff', () => {
  it('prints hunks with context as git does', () => {
    const before = `${['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'].join('\n')}\n`;
    const after = before.replace('五\n', '伍\n');
    expect(unifiedDiff('a.txt', before, after)).toBe(
      '--- a/a.txt\n+++ b/a.txt\n@@ -2,7 +2,7 @@\n 二\n 三\n 四\n-五\n+伍\n 六\n 七\n 八\n',
    );
    expect(unifiedDiff('a.txt', before, before)).toBe('');
  });
});
