import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { CONTENT_ROOTS } from '../repository/classify-path.ts';

const run = promisify(execFile);

export class ChangedFilesError extends Error {
  readonly zh: string;
  readonly en: string;
  constructor(zh: string, en: string) {
    super(en);
    this.zh = zh;
    this.en = en;
  }
}

/**
 * Content files that differ between `base` and the working tree, plus untracked ones, relative to
 * `root`. Deleted files are left out (nothing to check). git is run with an argument array, never
 * a shell line, and a ref that looks like an option is refused.
 */
export async function changedContentFiles(root: string, base: string): Promise<string[]> {
  if (base === '' || base.startsWith('-') || /[\0\n]/.test(base)) {
    throw new ChangedFilesError(`“${base}”不是有效的 git 引用。`, `"${base}" is not a valid git ref.`);
  }
  const git = async (args: string[]) => {
    try {
      return (await run('git', args, { cwd: root, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' })).stdout;
    } catch (error) {
      const detail = (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
      throw new ChangedFilesError(`git ${args[0]} 失败：${detail}`, `git ${args[0]} failed: ${detail}`);
    }
  };
  try {
    await run('git', ['rev-parse', '--verify', '--quiet', `${base}^{commit}`], { cwd: root });
  } catch {
    throw new ChangedFilesError(`找不到 git 引用“${base}”（可先 git fetch）。`, `Cannot find the git ref "${base}" (fetch it first?).`);
  }
  const diff = await git(['diff', '--name-only', '--relative', '--no-renames', '-z', base, '--']);
  const untracked = await git(['ls-files', '--others', '--exclude-standard', '-z']);
  const files = new Set<string>();
  for (const entry of `${diff}\0${untracked}`.split('\0')) {
    const file = entry.trim();
    if (file === '') continue;
    if (!CONTENT_ROOTS.some((folder) => file.startsWith(`${folder}/`))) continue;
    if (!existsSync(path.join(root, file))) continue;
    files.add(file);
  }
  return [...files].sort();
}
