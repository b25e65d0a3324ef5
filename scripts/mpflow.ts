#!/usr/bin/env -S node --experimental-strip-types --disable-warning=ExperimentalWarning
// The `mpflow` command. Thin on purpose: everything it does lives in src/.
import module from 'node:module';

// Reusing compiled code across runs cuts about a third of a check's start-up; it must be on
// before the rest of mpflow is imported, hence the dynamic import below.
module.enableCompileCache?.();

const { runCli } = await import('../src/cli/main.ts');
const exitCode = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  color: process.stdout.isTTY === true && !('NO_COLOR' in process.env),
});
process.exitCode = exitCode;
