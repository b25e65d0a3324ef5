/**
 * The phone previews of the last build, kept in Astro's cache folder so the next build renders
 * again only the articles that changed — what Astro's content layer does for Markdown it renders
 * itself. Rendering an article through the WeChat pipeline takes about 9 ms; a department of
 * 2,000 articles spends some 18 s on it in every build, though a merge changes a handful.
 *
 * A preview depends on nothing but its inputs (the body, the theme, the line-break setting, the
 * department's look, the article's id and the base path its image addresses start with) and on
 * mpflow's own code and dependencies: each file is named by a digest of all of them, the code
 * included (the check cache's tool digest, src/core/cache/check-cache.ts), so a changed input or
 * a new version of mpflow finds no file and renders afresh. A file that cannot be read or written
 * only costs that article its render.
 *
 * The integration (site-profile-integration.ts) names the folder and the code digest through the
 * environment, because the pages are rendered by Vite's bundle, where this module's own location
 * says nothing about the sources. A page rendered without them (a test rendering one component)
 * renders every time.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { digestOf } from '../core/cache/check-cache.ts';
import { writeCacheFile } from '../core/cache/user-cache.ts';

export const PREVIEW_CACHE_FOLDER_VARIABLE = 'MPFLOW_PREVIEW_CACHE_DIR';
export const PREVIEW_CACHE_TOOL_VARIABLE = 'MPFLOW_PREVIEW_CACHE_TOOL';

/** The names used by this build, shared with the integration that prunes the folder at the end. */
const USED_KEY = Symbol.for('mpflow.preview-cache.used');
function usedNames(): Set<string> {
  const holder = globalThis as { [USED_KEY]?: Set<string> };
  holder[USED_KEY] ??= new Set();
  return holder[USED_KEY];
}

export interface PreviewCache {
  /** The file name of a preview with these inputs. */
  nameOf(inputs: readonly string[]): string;
  read<T>(name: string): T | undefined;
  write(name: string, value: unknown): void;
}

/** The cache the integration set up for this build, or undefined (render every time). */
export function previewCache(env: NodeJS.ProcessEnv = process.env): PreviewCache | undefined {
  const folder = env[PREVIEW_CACHE_FOLDER_VARIABLE];
  const tool = env[PREVIEW_CACHE_TOOL_VARIABLE];
  if (!folder || !tool) return undefined;
  const used = usedNames();
  return {
    nameOf: (inputs) => `${digestOf(tool, ...inputs)}.json`,
    read<T>(name: string): T | undefined {
      used.add(name);
      try {
        return JSON.parse(readFileSync(path.join(folder, name), 'utf8')) as T;
      } catch {
        return undefined;
      }
    },
    write(name, value) {
      used.add(name);
      writeCacheFile(path.join(folder, name), JSON.stringify(value));
    },
  };
}

/**
 * Removes the previews this build did not use (deleted or changed articles, an older mpflow), so
 * the folder keeps the size of the department. Nothing is removed after a build that used none:
 * a build of another profile or with no articles must not empty it.
 */
export function prunePreviewCache(folder: string): number {
  const used = usedNames();
  if (used.size === 0) return 0;
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (used.has(name)) continue;
    rmSync(path.join(folder, name), { force: true });
    removed += 1;
  }
  used.clear();
  return removed;
}
