/**
 * The folder-level import graph of a source tree, read from the import and export lines of its
 * .ts files (static, type-only, re-exports and dynamic `import('…')` alike). Only relative
 * specifiers count: packages are not folders of the tree.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface FolderGraph {
  /** from → to → the import sites (`src/core/…:line`), in file order. */
  edges: Map<string, Map<string, string[]>>;
  /** Relative imports that leave the tree: the resolved path and the import site. */
  outside: Array<{ target: string; site: string }>;
}

// `import … from '…'`, `export … from '…'` (possibly over several lines: braces hold no quotes
// or semicolons), bare `import '…'`, and `import('…')`.
const IMPORT =
  /^[ \t]*(?:import|export)\b[^;'"]*?\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]|^[ \t]*import\s*['"](\.{1,2}\/[^'"]+)['"]|\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/gm;

function sourceFiles(folder: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(full));
    else if (entry.name.endsWith('.ts')) files.push(full);
  }
  return files.sort();
}

/** `src/core/<folder>/…` belongs to `<folder>`; a file at the root is its own node. */
function nodeOf(root: string, file: string): string {
  return path.relative(root, file).split(path.sep)[0]!;
}

export function folderGraph(root: string): FolderGraph {
  const edges = new Map<string, Map<string, string[]>>();
  const outside: FolderGraph['outside'] = [];
  const shown = path.relative(process.cwd(), root) || '.';
  for (const file of sourceFiles(root)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? match[3]!;
      const target = path.resolve(path.dirname(file), specifier);
      const line = text.slice(0, match.index + match[0].length).split('\n').length;
      const site = `${path.join(shown, path.relative(root, file))}:${line}`;
      if (!target.startsWith(root + path.sep)) {
        outside.push({ target: path.relative(process.cwd(), target), site });
        continue;
      }
      const from = nodeOf(root, file);
      const to = nodeOf(root, target);
      if (from === to) continue;
      const targets = edges.get(from) ?? new Map<string, string[]>();
      edges.set(from, targets);
      const sites = targets.get(to) ?? [];
      targets.set(to, sites);
      sites.push(site);
    }
  }
  return { edges, outside };
}

/** Tarjan's strongly connected components, each sorted, in a stable order. */
export function stronglyConnected(graph: FolderGraph): string[][] {
  const nodes = new Set<string>();
  for (const [from, targets] of graph.edges) {
    nodes.add(from);
    for (const to of targets.keys()) nodes.add(to);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of [...(graph.edges.get(node)?.keys() ?? [])].sort()) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      components.push(component.sort());
    }
  };
  for (const node of [...nodes].sort()) if (!index.has(node)) visit(node);
  return components.sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}
