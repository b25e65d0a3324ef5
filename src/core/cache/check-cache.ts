import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mpflowCacheFolder, writeCacheFile } from './user-cache.ts';

/**
 * What `mpflow check` learnt about each file last time, so an unchanged file is not parsed,
 * validated and linted again (ESLint's --cache, for a department repository).
 *
 * Only results that depend on nothing but the entry's key are kept: a YAML file's data and its
 * schema verdict depend on its text; an article's findings on its text, the policy and author
 * that apply to it and the sizes of the images it names (checked again on every use). Cross-file
 * checks always run. Every key holds a digest of the text itself, and the whole cache is dropped
 * when mpflow's own code, its dependencies or Node change (the "tool" digest below), so a stale
 * entry can never be read. Decrypted appraisal inputs are never cached: the file is plain text.
 *
 * One file per repository in the user's cache folder, written atomically at the end of the run;
 * entries the run did not use are dropped then, so the file keeps the size of the repository.
 */
export interface CheckCache {
  /** The entry, if an earlier run left one; reading it keeps it for the next run too. */
  get<T>(namespace: string, key: string): T | undefined;
  set(namespace: string, key: string, value: unknown): void;
  /** Writes the entries this run used; a cache that cannot be written costs only the next run's time. */
  save(): void;
}

interface CacheFile {
  tool: string;
  entries: Record<string, string>;
}

const FORMAT = 1;
/** Cache files of repositories not checked for this long are removed when another is saved. */
const STALE_AFTER_MS = 30 * 24 * 3600 * 1000;

export function digestOf(...parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\u0000');
  return hash.digest('base64url').slice(0, 32);
}

let toolDigestMemo: string | undefined;

/**
 * mpflow's own code and its dependencies, by size and modification time of every source file and
 * of the lockfile (a stat each: about 2 ms for the whole tree; reading them all would take 10).
 */
export function toolDigest(): string {
  if (toolDigestMemo) return toolDigestMemo;
  const sourceRoot = fileURLToPath(new URL('../../', import.meta.url));
  const projectRoot = path.dirname(sourceRoot);
  const parts: string[] = [String(FORMAT), process.version];
  const visit = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (/\.(ts|js|json|mjs|cjs)$/.test(entry.name)) {
        const stat = statSync(full);
        parts.push(`${path.relative(sourceRoot, full)}:${stat.size}:${stat.mtimeMs}`);
      }
    }
  };
  visit(sourceRoot);
  for (const name of ['package.json', 'package-lock.json', 'schemas']) {
    try {
      const target = path.join(projectRoot, name);
      const stat = statSync(target);
      if (stat.isDirectory()) visit(target);
      else parts.push(`${name}:${stat.size}:${stat.mtimeMs}`);
    } catch {
      parts.push(`${name}:absent`);
    }
  }
  toolDigestMemo = digestOf(...parts);
  return toolDigestMemo;
}

/** The cache of one repository, or a cache that keeps nothing when MPFLOW_CACHE is off. */
export function openCheckCache(root: string, env: NodeJS.ProcessEnv = process.env): CheckCache {
  if (env.MPFLOW_CACHE === 'off' || env.MPFLOW_CACHE === '0') return NO_CACHE;
  const folder = path.join(mpflowCacheFolder(env), 'check');
  const file = path.join(folder, `${digestOf(path.resolve(root))}.json`);
  const tool = toolDigest();
  let stored: Record<string, string> = {};
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheFile>;
    if (parsed.tool === tool && parsed.entries && typeof parsed.entries === 'object') stored = parsed.entries;
  } catch {
    // No cache yet, or one cut short: start empty.
  }
  const used: Record<string, string> = {};
  let changed = false;
  return {
    get<T>(namespace: string, key: string): T | undefined {
      const id = `${namespace}:${key}`;
      const raw = used[id] ?? stored[id];
      if (raw === undefined) return undefined;
      used[id] = raw;
      try {
        return JSON.parse(raw) as T;
      } catch {
        return undefined;
      }
    },
    set(namespace: string, key: string, value: unknown): void {
      // Values that JSON cannot carry (a YAML .inf, say) are not kept, so a hit always equals a miss.
      if (!isPlainJson(value)) return;
      const id = `${namespace}:${key}`;
      const raw = JSON.stringify(value);
      used[id] = raw;
      // Setting what was read back unchanged is no change: an unchanged repository rewrites nothing.
      if (stored[id] !== raw) changed = true;
    },
    save(): void {
      if (!changed && Object.keys(used).length === Object.keys(stored).length) return;
      if (writeCacheFile(file, JSON.stringify({ tool, entries: used } satisfies CacheFile))) removeStale(folder, file);
    },
  };
}

/** True when JSON.parse(JSON.stringify(value)) gives the value back (fields set to undefined aside). */
export function isPlainJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(isPlainJson);
  if (typeof value === 'object') {
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) return false;
    // A field set to undefined is left out by JSON, as if it were never set: the readers treat both alike.
    return Object.entries(value).every(
      ([key, item]) => key !== '__proto__' && (item === undefined || isPlainJson(item)),
    );
  }
  return false;
}

function removeStale(folder: string, current: string): void {
  const now = Date.now();
  for (const name of readdirSync(folder)) {
    const full = path.join(folder, name);
    if (full === current) continue;
    try {
      if (now - statSync(full).mtimeMs > STALE_AFTER_MS) rmSync(full, { force: true });
    } catch {
      // Another run removed it first.
    }
  }
}

export const NO_CACHE: CheckCache = { get: () => undefined, set: () => undefined, save: () => undefined };
