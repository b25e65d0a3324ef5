import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { LocalizedError } from '../diagnostics/localized-error.ts';
import { CONTENT_ROOTS } from '../repository/classify-path.ts';
import type { FoundFile } from '../repository/walk-files.ts';

const run = promisify(execFile);

/** A base ref git cannot use (exit 2, like any usage error). */
export class ChangedFilesError extends LocalizedError {
  constructor(zh: string, en: string) {
    super({ zh, en });
  }
}

export interface ChangedContent {
  /** Content files that differ from the ref and exist now (untracked ones included), sorted. */
  changed: string[];
  /** Untracked content files (also in `changed`). */
  untracked: string[];
  /** Content files that differ from the ref and are gone from the working tree. */
  deleted: string[];
  /** `git ls-files -s` of the content folders, asked at the same time as the diff (for listedContentFiles). */
  staged?: string;
}

/**
 * Content files that differ between `base` and the working tree, plus untracked ones, relative to
 * `root`. git is run with an argument array, never a shell line, and a ref that looks like an
 * option is refused.
 */
export async function changedContent(root: string, base: string): Promise<ChangedContent> {
  if (base === '' || base.startsWith('-') || /[\0\n]/.test(base)) {
    throw new ChangedFilesError(`“${base}”不是有效的 git 引用。`, `"${base}" is not a valid git ref.`);
  }
  const git = async (args: string[]) => {
    try {
      return (await run('git', args, { cwd: root, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' })).stdout;
    } catch (error) {
      const detail = (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
      throw new ChangedFilesError(`git ${args[0]} 失败：${detail}`, `git ${args[0]} failed: ${detail}`);
    }
  };
  try {
    await run('git', ['rev-parse', '--verify', '--quiet', `${base}^{commit}`], { cwd: root });
  } catch {
    throw new ChangedFilesError(
      `找不到 git 引用“${base}”（可先 git fetch）。`,
      `Cannot find the git ref "${base}" (fetch it first?).`,
    );
  }
  const inContent = (file: string) => CONTENT_ROOTS.some((folder) => file.startsWith(`${folder}/`));
  // Three independent questions to git, asked at once: on a repository of 10,000 articles each
  // one reads the whole index, and the machine has more than one core.
  const [diffOutput, untrackedOutput, staged] = await Promise.all([
    git(['diff', '--name-only', '--relative', '--no-renames', '-z', base, '--']),
    git(['ls-files', '--others', '--exclude-standard', '-z', '--', ...CONTENT_ROOTS]),
    git(['ls-files', '-s', '-z', '--', ...CONTENT_ROOTS]).catch(() => undefined),
  ]);
  const diff = diffOutput.split('\0').filter((file) => file !== '' && inContent(file));
  const untracked = untrackedOutput.split('\0').filter((file) => file !== '' && inContent(file));
  const changed = new Set<string>();
  const deleted: string[] = [];
  for (const file of [...diff, ...untracked]) {
    if (existsSync(path.join(root, file))) changed.add(file);
    else deleted.push(file);
  }
  return { changed: [...changed].sort(), untracked, deleted, ...(staged !== undefined ? { staged } : {}) };
}

/** Folders the walker never enters; the git listing leaves them out the same way. */
const SKIPPED = /(?:^|\/)(?:\.git|node_modules|dist|\.astro|\.cache)\//;

/**
 * The content files as git knows them — the index, plus untracked files, minus files deleted
 * from the working tree — so that checking a few changed files reads git's index instead of
 * walking every folder of a large repository. Returns undefined when a symbolic link is among
 * them (or git cannot list them): the folder walk, which checks where every link leads, then
 * decides.
 */
export async function listedContentFiles(root: string, content: ChangedContent): Promise<FoundFile[] | undefined> {
  let staged: string;
  try {
    staged =
      content.staged ??
      (
        await run('git', ['ls-files', '-s', '-z', '--', ...CONTENT_ROOTS], {
          cwd: root,
          maxBuffer: 256 * 1024 * 1024,
          encoding: 'utf8',
        })
      ).stdout;
  } catch {
    return undefined;
  }
  const gone = new Set(content.deleted);
  const listed = new Set<string>();
  for (const entry of staged.split('\0')) {
    if (entry === '') continue;
    if (entry.startsWith('120000 ')) return undefined;
    const file = entry.slice(entry.indexOf('\t') + 1);
    if (!gone.has(file)) listed.add(file);
  }
  for (const file of content.untracked) listed.add(file);
  // The index's file modes may be out of date for what changed: look at those on disk.
  for (const file of content.changed) {
    try {
      if ((await lstat(path.join(root, file))).isSymbolicLink()) return undefined;
    } catch {
      listed.delete(file);
    }
  }
  const files: FoundFile[] = [];
  const prefix = root.endsWith(path.sep) ? root : `${root}${path.sep}`;
  for (const relativePath of listed) {
    if (SKIPPED.test(relativePath)) continue;
    files.push({
      relativePath,
      absolutePath: prefix + (path.sep === '/' ? relativePath : relativePath.split('/').join(path.sep)),
    });
  }
  return files;
}
