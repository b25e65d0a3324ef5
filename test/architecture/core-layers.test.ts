/**
 * The folders of src/core form layers: a folder may import its own layer and the ones below,
 * never one above, and no set of folders may import each other round in a circle. A cycle
 * means no folder of it can be read, tested or replaced without all the others; an upward
 * import is how the next cycle starts. The test reads the import lines themselves (type
 * imports count: a type cycle ties the files together just as much).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderGraph, stronglyConnected, type FolderGraph } from './import-graph.ts';

const CORE = path.resolve(import.meta.dirname, '../../src/core');

/**
 * Bottom to top. Each entry is a folder of src/core (or a file at its root); a folder may import
 * folders of its own line and of the lines above it in this list.
 */
const LAYERS: readonly (readonly string[])[] = [
  // Words and caches every layer may use.
  ['i18n', 'cache'],
  // The positioned diagnostic every command reports, the rule ids, and plain calendar arithmetic.
  ['diagnostics', 'calendar'],
  // Reading files: text, YAML, CSV, front matter, positions, sealed text, atomic writes.
  ['source'],
  // The data model: schemas, validation, dates; the process clock.
  ['model', 'clock.ts'],
  // Records with their own rules that need only the model.
  ['team', 'policy', 'wechat'],
  // Loading the repository; department settings; the policy-aware department clock.
  ['repository', 'department', 'templates', 'training', 'compliance'],
  ['render', 'campaigns', 'articles'],
  ['metrics'],
  ['scoring'],
  ['appraisal-privacy'],
  // Orchestrators: every check over a repository, review of a pull request, report formats.
  ['check', 'review', 'report'],
  // Workflows that run the orchestrators: publishing (checks first), GitHub (reviews).
  ['publishing', 'github'],
  // Setting a department up and moving it between versions.
  ['department-scaffold', 'migrations', 'doctor'],
];

function coreNodes(): string[] {
  return readdirSync(CORE, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() || entry.name.endsWith('.ts'))
    .map((entry) => entry.name)
    .sort();
}

function describeEdge(graph: FolderGraph, from: string, to: string): string {
  const sites = graph.edges.get(from)?.get(to) ?? [];
  return `${from} → ${to} (${sites[0] ?? '?'}${sites.length > 1 ? ` and ${sites.length - 1} more` : ''})`;
}

describe('src/core layers', () => {
  const graph = folderGraph(CORE);

  it('has no folder-level import cycle', () => {
    const cycles = stronglyConnected(graph).filter((component) => component.length > 1);
    const described = cycles.map((component) => {
      const members = new Set(component);
      const edges: string[] = [];
      for (const from of component) {
        for (const to of graph.edges.get(from)?.keys() ?? [])
          if (members.has(to)) edges.push(describeEdge(graph, from, to));
      }
      return `cycle of ${component.length}: ${component.join(', ')}\n    ${edges.join('\n    ')}`;
    });
    expect(described.join('\n')).toBe('');
  });

  it('imports nothing of the CLI, the site or the Astro package: they are built on the core, not under it', () => {
    // The JSON Schemas under schemas/ are data the model compiles, not code of another layer.
    const outward = graph.outside
      .filter(({ target }) => !target.startsWith(`schemas${path.sep}`))
      .map(({ target, site }) => `${site} imports ${target}`);
    expect(outward).toEqual([]);
  });

  it('places every folder of src/core in a layer', () => {
    const placed = new Set(LAYERS.flat());
    expect(coreNodes().filter((node) => !placed.has(node))).toEqual([]);
  });

  it('imports only its own layer and the layers below', () => {
    const layerOf = new Map<string, number>();
    LAYERS.forEach((layer, index) => layer.forEach((node) => layerOf.set(node, index)));
    const upward: string[] = [];
    for (const [from, targets] of graph.edges) {
      for (const to of targets.keys()) {
        const fromLayer = layerOf.get(from);
        const toLayer = layerOf.get(to);
        if (fromLayer !== undefined && toLayer !== undefined && toLayer > fromLayer) {
          upward.push(
            `${describeEdge(graph, from, to)}: ${from} is in layer ${fromLayer + 1} [${LAYERS[fromLayer]!.join(', ')}], ${to} in the higher layer ${toLayer + 1} [${LAYERS[toLayer]!.join(', ')}]`,
          );
        }
      }
    }
    expect(upward.sort()).toEqual([]);
  });

  it('finds a cycle through a type import, a re-export and a multi-line import in a small tree', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'mpflow-layers-'));
    try {
      for (const folder of ['low', 'high', 'side']) mkdirSync(path.join(root, folder));
      writeFileSync(
        path.join(root, 'low/problem.ts'),
        "import type { Rule } from '../high/rules.ts';\nexport type Problem = Rule;\n",
      );
      writeFileSync(
        path.join(root, 'high/rules.ts'),
        "import {\n  makeProblem,\n} from '../low/make.ts';\nexport type Rule = string;\n",
      );
      writeFileSync(path.join(root, 'low/make.ts'), 'export const makeProblem = 1;\n');
      writeFileSync(
        path.join(root, 'side/index.ts'),
        "export { makeProblem } from '../low/make.ts';\nconst later = import('../high/rules.ts');\nimport { run } from '../../cli/main.ts';\n",
      );
      const small = folderGraph(root);
      expect(stronglyConnected(small).filter((component) => component.length > 1)).toEqual([['high', 'low']]);
      expect(small.edges.get('high')?.get('low')?.[0]).toMatch(/high\/rules\.ts:3$/);
      expect([...(small.edges.get('side')?.keys() ?? [])].sort()).toEqual(['high', 'low']);
      expect(small.outside.map(({ site }) => path.basename(site))).toEqual(['index.ts:3']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('reads the import lines it is judged by', () => {
    // Guards the parser itself: these imports exist, in forms the regular expression must see.
    const source = readFileSync(path.join(CORE, 'check/check-repository.ts'), 'utf8');
    expect(source).toMatch(/from '\.\.\/repository\/load-repository\.ts'/);
    expect(graph.edges.get('check')?.has('repository')).toBe(true);
  });
});
