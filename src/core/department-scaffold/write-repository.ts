import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { packageRoot } from './package-root.ts';
import type { ScaffoldFiles } from './scaffold.ts';

/** Whether DIR can take a new repository: it does not exist, or it is an empty folder. */
export function folderState(dir: string): 'absent' | 'empty' | 'not-empty' | 'not-a-folder' {
  if (!existsSync(dir)) return 'absent';
  if (!statSync(dir).isDirectory()) return 'not-a-folder';
  return readdirSync(dir).length === 0 ? 'empty' : 'not-empty';
}

/**
 * Writes every file into a temporary sibling of `dir` and renames it into place only when all are
 * written: an error part-way (a full disk, a permission) leaves no half-made repository behind.
 */
export async function writeNewRepository(dir: string, files: ScaffoldFiles): Promise<void> {
  const parent = path.dirname(dir);
  await mkdir(parent, { recursive: true });
  const staging = path.join(parent, `.${path.basename(dir)}.mpflow-init-${process.pid}`);
  try {
    for (const [file, content] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
      const target = path.join(staging, ...file.split('/'));
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, content);
    }
    if (existsSync(dir)) await rmdir(dir); // empty, checked by the caller
    await rename(staging, dir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/**
 * The generic handbook pages of the package (src/content/docs/), as a new department's own
 * copy: the department edits, adds or removes pages there.
 */
export function handbookPages(root: string = packageRoot()): ScaffoldFiles {
  const files: ScaffoldFiles = new Map();
  const base = path.join(root, 'src', 'content', 'docs');
  if (!existsSync(base)) return files;
  const walk = (folder: string, relative: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const inner = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(path.join(folder, entry.name), inner);
      else if (entry.isFile())
        files.set(
          `src/content/docs${inner}`,
          withPackageImports(readFileSync(path.join(folder, entry.name), 'utf8'), folder, root),
        );
    }
  };
  walk(base, '');
  return files;
}

/**
 * A handbook page's imports of the package's components, rewritten from paths relative to the
 * package's own src/content/docs/ (../../components/X.astro) to the package export
 * (mpflow/components/X.astro), which resolves the same from the department's copy.
 */
export function withPackageImports(source: string, folder: string, root: string): string {
  const components = path.join(root, 'src', 'components') + path.sep;
  return source.replace(
    /(from\s+['"])(\.{1,2}\/[^'"]+)(['"])/g,
    (whole, before: string, specifier: string, after: string) => {
      const resolved = path.resolve(folder, specifier);
      if (!resolved.startsWith(components)) return whole;
      return `${before}mpflow/components/${resolved.slice(components.length).split(path.sep).join('/')}${after}`;
    },
  );
}

/**
 * The sample department (content/, appraisals/, sample-keys/) when the running mpflow has it:
 * a checkout of mpflow's source does, a package from npm does not.
 */
export function sampleDepartment(root: string = packageRoot()): ScaffoldFiles | undefined {
  if (!existsSync(path.join(root, 'content', 'team.yaml'))) return undefined;
  const files: ScaffoldFiles = new Map();
  const walk = (folder: string, relative: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const inner = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(path.join(folder, entry.name), inner);
      else if (entry.isFile()) files.set(inner.slice(1), readFileSync(path.join(folder, entry.name)));
    }
  };
  for (const folder of ['content', 'appraisals', 'sample-keys', 'public/department'])
    if (existsSync(path.join(root, folder))) walk(path.join(root, folder), `/${folder}`);
  return files;
}
