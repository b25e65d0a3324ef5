import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The user's cache folder for mpflow: outside the checkout, so nothing cached is one careless
 * `git add` from being committed, and owned by the user (not a shared /tmp another account could
 * fill). MPFLOW_CACHE_DIR overrides it; tests point it at a folder of their own.
 */
export function mpflowCacheFolder(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MPFLOW_CACHE_DIR) return env.MPFLOW_CACHE_DIR;
  return path.join(userCacheDirectory(env), 'mpflow');
}

export function userCacheDirectory(env: NodeJS.ProcessEnv = process.env): string {
  if (env.XDG_CACHE_HOME) return env.XDG_CACHE_HOME;
  if (process.platform === 'win32') return env.LOCALAPPDATA ?? path.join(os.homedir(), 'AppData', 'Local');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches');
  return path.join(os.homedir(), '.cache');
}

/**
 * Writes a cache file whole or not at all (a temporary sibling, then a rename), and quietly: a
 * cache that cannot be written (a read-only home, a full disk) only costs the next run the work
 * again. True when the file was written.
 */
export function writeCacheFile(file: string, content: string): boolean {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temporary, content);
    renameSync(temporary, file);
    return true;
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing was written there either.
    }
    return false;
  }
}
