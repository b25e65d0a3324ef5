import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The folder of the running mpflow package: the nearest folder above this module whose
 * package.json is named "mpflow". Walking up, not a fixed "../..", because the same module runs
 * from the TypeScript sources here and from compiled output (dist/…) in an installed package.
 */
export function packageRoot(): string {
  if (cached) return cached;
  let folder = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(folder, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'mpflow')
          return (cached = folder);
      } catch {
        // An unreadable package.json on the way up is not ours; keep looking.
      }
    }
    const parent = path.dirname(folder);
    if (parent === folder)
      throw new Error(`mpflow: no package.json named "mpflow" above ${fileURLToPath(import.meta.url)}`);
    folder = parent;
  }
}

/** The version of the running package, as a department's package.json should ask for it. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * How a department asks for Astro: the range of mpflow's peer dependency, so `astro build` is the
 * department's own command (npm links the bins of direct dependencies) and an upgrade that moves
 * the range shows in the department's package.json.
 */
export function astroRange(): string {
  const manifest = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as {
    peerDependencies?: Record<string, string>;
    dependencies?: Record<string, string>;
  };
  return manifest.peerDependencies?.astro ?? manifest.dependencies?.astro ?? '*';
}

/** Where the department templates live inside the package. */
export function templatesRoot(): string {
  return path.join(packageRoot(), 'templates', 'department');
}
