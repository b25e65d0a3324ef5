#!/usr/bin/env node
// The `mpflow` command. Plain JavaScript on purpose: Node starts its TypeScript stripper (about
// 75 ms, more than `mpflow --help` itself) for the first .ts file it meets unless that file's
// stripped form is already in the compile cache, and the cache can only be switched on from a
// file that is not TypeScript. Everything mpflow does lives in src/.
import module from 'node:module';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Installed from the registry or a tarball (…/node_modules/mpflow/bin/), the command runs the
// JavaScript that `npm pack` compiled into lib/ (not dist/: that is the site's): Node refuses to strip types under
// node_modules. In this repository it runs the TypeScript sources, so no build step is needed.
const installed = /[\\/]node_modules[\\/]/.test(fileURLToPath(import.meta.url));

// Node 22.12–22.17 strip types only when asked: start again with the flag.
if (!installed && !process.features.typescript) {
  const again = spawnSync(
    process.execPath,
    [
      '--experimental-strip-types',
      '--disable-warning=ExperimentalWarning',
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit' },
  );
  process.exit(again.status ?? 2);
}

// Reusing compiled (and stripped) code across runs; it must be on before src/ is imported.
module.enableCompileCache?.();

const { runCli } = installed ? await import('../lib/cli/main.js') : await import('../src/cli/main.ts');
const exitCode = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  color: process.stdout.isTTY === true && !('NO_COLOR' in process.env),
});
process.exitCode = exitCode;
