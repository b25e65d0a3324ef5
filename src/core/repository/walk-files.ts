import { readdir, realpath, stat } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import path from 'node:path';
import { text } from '../i18n/language.ts';
import type { Problem } from '../diagnostics/problem.ts';
import { makeProblem } from '../diagnostics/make-problem.ts';

export interface FoundFile {
  relativePath: string;
  absolutePath: string;
}

const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules', 'dist', '.astro', '.cache']);

/**
 * Lists the files under the given folders of a repository. Symbolic links are followed the way
 * git checkouts contain them, but never out of the repository (a check could otherwise read and
 * print any file on the runner) and never round in a loop. Folders are read concurrently: on a
 * large repository the walk is mostly waiting for the disk.
 */
export async function walkFiles(
  root: string,
  folders: readonly string[],
): Promise<{ files: FoundFile[]; problems: Problem[] }> {
  const files: FoundFile[] = [];
  const problems: Problem[] = [];
  const rootReal = await realpath(root).catch(() => path.resolve(root));
  const insideRoot = (real: string) => real === rootReal || real.startsWith(`${rootReal}${path.sep}`);
  // A link may only lead to content mpflow reads anyway: .env, .git/ or node_modules/ must never be printed.
  const contentReals = await Promise.all(
    folders.map((folder) => realpath(path.join(root, folder)).catch(() => undefined)),
  );
  const insideContent = (real: string) =>
    contentReals.some(
      (folderReal) => folderReal !== undefined && (real === folderReal || real.startsWith(`${folderReal}${path.sep}`)),
    ) && !real.split(path.sep).some((part) => SKIPPED_DIRECTORIES.has(part));

  async function visitDirectory(
    absolutePath: string,
    relativePath: string,
    real: string,
    ancestors: ReadonlySet<string>,
  ): Promise<void> {
    let entries: Dirent[];
    try {
      entries = await readdir(absolutePath, { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
      problems.push(
        makeProblem(
          relativePath,
          'file/unreadable',
          text(
            `无法读取这个文件夹（${code}），其中的文件没有检查。`,
            `This folder cannot be read (${code}); the files in it were not checked.`,
          ),
        ),
      );
      return;
    }
    const below = new Set(ancestors).add(real);
    await Promise.all(
      entries.map((entry) => {
        if (SKIPPED_DIRECTORIES.has(entry.name)) return undefined;
        const childAbsolute = path.join(absolutePath, entry.name);
        const childRelative = `${relativePath}/${entry.name}`;
        if (entry.isSymbolicLink()) return visitLink(childAbsolute, childRelative, below);
        if (entry.isDirectory())
          return visitDirectory(childAbsolute, childRelative, path.join(real, entry.name), below);
        if (entry.isFile()) files.push({ relativePath: childRelative, absolutePath: childAbsolute });
        return undefined;
      }),
    );
  }

  async function visitLink(absolutePath: string, relativePath: string, ancestors: ReadonlySet<string>): Promise<void> {
    let target: Awaited<ReturnType<typeof stat>>;
    try {
      target = await stat(absolutePath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ELOOP') {
        problems.push(
          makeProblem(
            relativePath,
            'file/symlink-loop',
            text('符号链接指回了自己，形成循环。', 'This symbolic link resolves to itself in a loop.'),
          ),
        );
      } else {
        problems.push(
          makeProblem(
            relativePath,
            'file/broken-link',
            text('符号链接指向的文件不存在。', 'This symbolic link points to nothing.'),
          ),
        );
      }
      return;
    }
    const real = await realpath(absolutePath);
    if (!insideContent(real)) {
      problems.push(
        makeProblem(
          relativePath,
          'file/outside-link',
          text(
            `符号链接指向 ${folders.join('、')} 以外的位置，没有读取。`,
            `This symbolic link points outside ${folders.join(' and ')}; it was not read.`,
          ),
        ),
      );
      return;
    }
    if (target.isDirectory()) {
      if (ancestors.has(real)) {
        problems.push(
          makeProblem(
            relativePath,
            'file/symlink-loop',
            text(
              '符号链接指回了上级目录，形成循环，已跳过。',
              'This symbolic link points back to a parent folder; it was skipped.',
            ),
          ),
        );
        return;
      }
      await visitDirectory(absolutePath, relativePath, real, ancestors);
      return;
    }
    files.push({ relativePath, absolutePath });
  }

  for (const folder of folders) {
    const absolutePath = path.join(root, folder);
    const info = await stat(absolutePath).catch(() => undefined);
    if (!info?.isDirectory()) continue;
    const real = await realpath(absolutePath);
    if (!insideRoot(real)) {
      problems.push(
        makeProblem(
          folder,
          'file/outside-link',
          text(
            '这个文件夹链接到仓库以外的位置，没有读取。',
            'This folder links outside the repository; it was not read.',
          ),
        ),
      );
      continue;
    }
    await visitDirectory(absolutePath, folder, real, new Set([rootReal]));
  }
  files.sort((a, b) => (a.relativePath < b.relativePath ? -1 : 1));
  return { files, problems };
}
