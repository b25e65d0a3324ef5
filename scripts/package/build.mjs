// `npm pack` (prepack): compiles the CLI, the domain core and the Astro integration to lib/, the
// JavaScript an installed package runs (Node does not strip types under node_modules). lib/
// mirrors src/, so every path the code finds relative to itself (../../../schemas/,
// ../../package.json, ./content-model.json) points at the same file from either folder.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const out = path.join(root, 'lib');
rmSync(out, { recursive: true, force: true });

// Type errors are `npm test`'s to report (tsc --noEmit over everything, tests included); tsc
// still emits every file, and the build fails only when an entry point is missing.
const tsc = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')],
  { stdio: ['ignore', 2, 2], cwd: root },
);
if (tsc.status !== 0)
  console.warn('mpflow package build: tsc reported the type errors above; the JavaScript was emitted anyway');
const missing = ['cli/main.js', 'astro/index.js'].filter((entry) => !existsSync(path.join(out, entry)));
if (tsc.error || missing.length > 0) {
  console.error(`mpflow package build: ${tsc.error?.message ?? `lib/${missing.join(', lib/')} not emitted`}`);
  process.exit(1);
}

// Files the compiled code reads at run time that tsc does not emit (the compliance model).
let copied = 0;
for (const folder of ['src/cli', 'src/core', 'src/astro']) {
  for (const entry of readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.json')) continue;
    const source = path.join(entry.parentPath, entry.name);
    cpSync(source, path.join(out, path.relative(path.join(root, 'src'), source)));
    copied += 1;
  }
}
// The message files (src/i18n/<locale>/*.yaml), which core/i18n/catalogue finds at ../../i18n/.
cpSync(path.join(root, 'src/i18n'), path.join(out, 'i18n'), { recursive: true });
// .astro/types.d.ts (in the program for astro:content's types) brings the site's content config along; the package does not run it.
rmSync(path.join(out, 'content.config.js'), { force: true });
console.error(`mpflow package build: lib/ compiled, ${copied} JSON file(s) copied`);
