import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

// Modules allowed to load a devDependency, and why: each is reached only by a development command.
const DEVELOPMENT_ONLY: Record<string, string> = {
  'src/core/model/generate-types.ts':
    "mpflow schema-types, which regenerates types.generated.ts for mpflow's own developers",
};

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;(])import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|[^.\w])require\(\s*['"]([^'"]+)['"]\s*\)/g;

function packageName(specifier: string): string {
  return specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
}

/** Every module the CLI can load at run time, from its entry point, and the packages each one names. */
function runtimeGraph(entry: string): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (graph.has(file)) continue;
    const packages = new Set<string>();
    graph.set(file, packages);
    // Type-only imports vanish when Node strips the types; they cannot fail at run time. Comments
    // are not code either ("the import's notice" in a doc comment is not an import).
    const source = readFileSync(path.join(ROOT, file), 'utf8')
      .replace(/^\s*\/\*[\s\S]*?\*\//gm, '')
      .replace(/^\s*\/\/.*$/gm, '')
      .replace(/^\s*import\s+type\s[^;]+;/gm, '')
      .replace(/^\s*export\s+type\s[^;]+;/gm, '');
    for (const match of source.matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? match[3] ?? match[4]!;
      if (specifier.startsWith('.')) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
        if (/\.(ts|js|mjs|cjs)$/.test(target) && existsSync(path.join(ROOT, target))) pending.push(target);
      } else if (
        !specifier.startsWith('node:') &&
        !builtinModules.includes(specifier) &&
        !specifier.startsWith('astro:')
      ) {
        packages.add(packageName(specifier));
      }
    }
  }
  return graph;
}

describe('the mpflow command at run time', () => {
  it('loads only dependencies, never devDependencies, so `npm ci --omit=dev` gives a working CLI', () => {
    const graph = runtimeGraph('bin/mpflow.js');
    expect(graph.size).toBeGreaterThan(100);
    const offenders: string[] = [];
    for (const [file, packages] of graph) {
      for (const name of packages) {
        if (manifest.dependencies[name]) continue;
        if (manifest.devDependencies[name] && DEVELOPMENT_ONLY[file]) continue;
        offenders.push(
          `${file} imports ${name}${manifest.devDependencies[name] ? ' (a devDependency)' : ' (not a dependency at all)'}`,
        );
      }
    }
    expect(offenders).toEqual([]);
  });

  it('starts without loading any command: each is imported when it is called', () => {
    const main = readFileSync(path.join(ROOT, 'src/cli/main.ts'), 'utf8');
    expect(main).not.toMatch(/^import[^;]*from '\.\/commands\//m);
    expect([...main.matchAll(/import\('\.\/commands\/([a-z-]+)\.ts'\)/g)].length).toBeGreaterThanOrEqual(11);
  });
});
