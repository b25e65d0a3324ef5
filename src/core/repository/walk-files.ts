import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { text } from '../i18n/language.ts';
import type { Problem } from '../check/problem.ts';
import { makeProblem } from '../check/make-problem.ts';

export interface FoundFile {
  relativePath: string;
  absolutePath: string;
}

const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules', 'dist', '.astro', '.cache']);

/**
 * Lists the files under the given folders of a repository, following symbolic links the way
 * git checkouts contain them but never looping: a link back to a folder already on the way
 * down is reported, not followed.
 */
export async function walkFiles(root: string, folders: readonly string[]): Promise<{ files: FoundFile[]; problems: Problem[] }> {
  const files: FoundFile[] = [];
  const problems: Problem[] = [];
  let rootReal = '';

  async function visit(absolutePath: string, relativePath: string, ancestors: ReadonlySet<string>): Promise<void> {
    let info;
    try {
      info = await lstat(absolutePath);
    } catch {
      return;
    }
    if (info.isSymbolicLink()) {
      let target;
      try {
        target = await stat(absolutePath);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ELOOP') {
          problems.push(makeProblem(relativePath, 'file/symlink-loop', text('符号链接指回了自己，形成循环。', 'This symbolic link resolves to itself in a loop.')));
        } else {
          problems.push(makeProblem(relativePath, 'file/broken-link', text('符号链接指向的文件不存在。', 'This symbolic link points to nothing.')));
        }
        return;
      }
      const real = await realpath(absolutePath);
      // A link out of the repository could make a check read (and print) any file on the runner.
      if (real !== rootReal && !real.startsWith(`${rootReal}${path.sep}`)) {
        problems.push(makeProblem(relativePath, 'file/outside-link', text('符号链接指向仓库以外的位置，没有读取。', 'This symbolic link points outside the repository; it was not read.')));
        return;
      }
      if (target.isDirectory()) {
        if (ancestors.has(real)) {
          problems.push(makeProblem(relativePath, 'file/symlink-loop', text('符号链接指回了上级目录，形成循环，已跳过。', 'This symbolic link points back to a parent folder; it was skipped.')));
          return;
        }
        await visitDirectory(absolutePath, relativePath, new Set([...ancestors, real]));
        return;
      }
      files.push({ relativePath, absolutePath });
      return;
    }
    if (info.isDirectory()) {
      const real = await realpath(absolutePath);
      await visitDirectory(absolutePath, relativePath, new Set([...ancestors, real]));
      return;
    }
    if (info.isFile()) files.push({ relativePath, absolutePath });
  }

  async function visitDirectory(absolutePath: string, relativePath: string, ancestors: ReadonlySet<string>): Promise<void> {
    let entries: string[];
    try {
      entries = await readdir(absolutePath);
    } catch {
      return;
    }
    entries.sort();
    for (const entry of entries) {
      if (SKIPPED_DIRECTORIES.has(entry)) continue;
      await visit(path.join(absolutePath, entry), `${relativePath}/${entry}`, ancestors);
    }
  }

  rootReal = await realpath(root).catch(() => path.resolve(root));
  for (const folder of folders) await visit(path.join(root, folder), folder, new Set());
  return { files, problems };
}
