import { readdirSync, statSync } from 'node:fs';
import { currentInstant } from '../clock.ts';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { findingToProblem } from '../diagnostics/finding-problem.ts';
import type { Problem } from '../diagnostics/problem.ts';
import { findRepositoryRoot } from '../repository/find-repository-root.ts';
import { readTextFile } from '../source/read-text-file.ts';
import { parseYamlSource } from '../source/yaml-source.ts';
import { lintMarkdown, type PolicyVersion } from './engine.ts';
import { moderationCacheFile, moderationSettings, readModerationCache, type ModerationSettings } from './moderation.ts';

export interface LintFilesResult {
  problems: Problem[];
  suppressed: number;
  filesChecked: number;
}

/**
 * The policy `mpflow lint` uses: inside a department repository, the latest version in
 * content/policy/ (thresholds, severities, team lexicon); elsewhere, the engine's defaults.
 */
export async function nearestPolicy(cwd: string): Promise<PolicyVersion | undefined> {
  const root = findRepositoryRoot(cwd);
  if (!root) return undefined;
  const folder = path.join(root, 'content', 'policy');
  let names: string[];
  try {
    names = (await readdir(folder)).filter((name) => /^\d{4}-\d{2}-\d{2}\.ya?ml$/.test(name)).sort();
  } catch {
    return undefined;
  }
  const today = new Date(currentInstant()).toISOString().slice(0, 10);
  const inForce = names.filter((name) => name.slice(0, 10) <= today);
  const chosen = (inForce.length > 0 ? inForce : names).at(-1);
  if (!chosen) return undefined;
  const parsed = parseYamlSource(await readFile(path.join(folder, chosen), 'utf8'), `content/policy/${chosen}`);
  const data = parsed.ok ? parsed.source.data : undefined;
  // A broken policy is mpflow check's to report; lint then falls back to the defaults.
  return data && typeof data === 'object' && !Array.isArray(data) ? (data as PolicyVersion) : undefined;
}

/** Markdown files named, and those inside named folders (hidden folders and node_modules skipped). */
export function expandMarkdownPaths(cwd: string, given: readonly string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && /\.(md|markdown|mdx)$/i.test(entry.name)) files.push(full);
    }
  };
  for (const item of given) {
    const absolute = path.resolve(cwd, item);
    let stats: ReturnType<typeof statSync>;
    try {
      stats = statSync(absolute);
    } catch {
      missing.push(item);
      continue;
    }
    if (stats.isDirectory()) walk(absolute);
    else files.push(absolute);
  }
  return { files: [...new Set(files)], missing };
}

/** The policy's cloud moderation and its cache file (absolute), inside a department repository that configures one. */
export function moderationOf(
  cwd: string,
  policy: PolicyVersion | undefined,
): { settings: ModerationSettings; cacheFile: string } | undefined {
  const settings = moderationSettings(policy);
  const root = findRepositoryRoot(cwd);
  if (!settings || !root) return undefined;
  return { settings, cacheFile: moderationCacheFile(root, settings) };
}

export async function lintFiles(
  cwd: string,
  files: readonly string[],
  policy: PolicyVersion | undefined,
): Promise<LintFilesResult> {
  const problems: Problem[] = [];
  const cloud = moderationOf(cwd, policy);
  const moderation = cloud ? { settings: cloud.settings, cache: readModerationCache(cloud.cacheFile) } : undefined;
  let suppressed = 0;
  for (const file of files) {
    const shown = path.relative(cwd, file).split(path.sep).join('/') || path.basename(file);
    const read = await readTextFile(file, shown);
    if (!read.ok) {
      problems.push(read.problem);
      continue;
    }
    const directory = path.dirname(file);
    const result = lintMarkdown(read.text, {
      file: shown,
      ...(policy ? { policy } : {}),
      ...(moderation ? { moderation } : {}),
      imageBytes: (url) => {
        if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('/')) return undefined;
        try {
          return statSync(path.resolve(directory, decodeURI(url.split(/[?#]/)[0]!))).size;
        } catch {
          return undefined;
        }
      },
    });
    suppressed += result.suppressed;
    for (const finding of result.findings) problems.push(findingToProblem(shown, finding));
  }
  return { problems, suppressed, filesChecked: files.length };
}
