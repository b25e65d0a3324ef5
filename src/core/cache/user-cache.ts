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
