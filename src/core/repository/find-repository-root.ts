import { existsSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

/** The nearest folder at or above `start` that holds a department's `content/` folder. */
export function findRepositoryRoot(start: string): string | undefined {
  let current = path.resolve(start);
  for (;;) {
    if (isDirectory(path.join(current, 'content'))) return current;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

export function isDirectory(target: string): boolean {
  try {
    return statSync(target).isDirectory();
  } catch {
    return false;
  }
}

/** A path given on the command line, as a repository-relative path, or why it cannot be one. */
export function repositoryRelativePath(
  root: string,
  cwd: string,
  given: string,
): { ok: true; path: string } | { ok: false; reason: 'missing' | 'outside' } {
  const absolute = path.resolve(cwd, given);
  // Compare real paths: the working directory is one (macOS /tmp is /private/tmp), --root may not be.
  const relative = path.relative(realOrSame(root), realOrSame(absolute));
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative))
    return { ok: false, reason: 'outside' };
  if (!existsSync(absolute)) return { ok: false, reason: 'missing' };
  return { ok: true, path: relative === '' ? '.' : relative.split(path.sep).join('/') };
}

function realOrSame(target: string): string {
  try {
    return realpathSync(target);
  } catch {
    return target;
  }
}
