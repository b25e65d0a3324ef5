import { execFile } from 'node:child_process';
import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changedContent, listedContentFiles } from '../../src/core/check/changed-files.ts';
import { CONTENT_ROOTS } from '../../src/core/repository/classify-path.ts';
import { walkFiles } from '../../src/core/repository/walk-files.ts';
import { ARTICLE_DIRECTORY, FixtureRepository } from '../helpers/fixture-repository.ts';

const run = promisify(execFile);

describe('changed files from git, for check --changed', () => {
  let repository: FixtureRepository;
  const git = (...args: string[]) =>
    run('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], { cwd: repository.root });
  beforeEach(async () => {
    repository = await FixtureRepository.create();
    await git('init', '-q');
    await git('add', '.');
    await git('commit', '-qm', 'base');
  });
  afterEach(async () => {
    await repository.dispose();
  });

  it('names edited and new files, leaves deleted ones out, and lists the repository as the walk does', async () => {
    await repository.write(
      `${ARTICLE_DIRECTORY}/index.md`,
      `${await repository.read(`${ARTICLE_DIRECTORY}/index.md`)}\n新的一段。\n`,
    );
    await repository.write('content/topics/T-2026-002.yaml', 'id: T-2026-002\n');
    await repository.remove('content/metrics/support/2026-09.csv');
    await repository.write('notes.md', 'outside the content folders\n');
    const content = await changedContent(repository.root, 'HEAD');
    expect(content.changed).toEqual([
      'content/articles/2026/09-02-yancha-yanyun/index.md',
      'content/topics/T-2026-002.yaml',
    ]);
    expect(content.untracked).toEqual(['content/topics/T-2026-002.yaml']);
    expect(content.deleted).toEqual(['content/metrics/support/2026-09.csv']);
    const listed = await listedContentFiles(repository.root, content);
    const walked = await walkFiles(repository.root, CONTENT_ROOTS);
    expect(listed!.map((file) => file.relativePath).sort()).toEqual(
      walked.files.map((file) => file.relativePath).sort(),
    );
    expect(listed!.find((file) => file.relativePath === 'content/team.yaml')!.absolutePath).toBe(
      path.join(repository.root, 'content', 'team.yaml'),
    );
  });

  it('falls back to the walk (which checks where links lead) when a symbolic link is among the files', async () => {
    await symlink('/etc/hostname', path.join(repository.root, 'content/topics/T-2026-009.yaml'));
    expect(await listedContentFiles(repository.root, await changedContent(repository.root, 'HEAD'))).toBeUndefined();
  });
});
