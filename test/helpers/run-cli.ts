import { runCli } from '../../src/cli/main.ts';

export interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs the mpflow CLI in-process with captured output, as a user's shell would see it. */
export async function runMpflow(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const exitCode = await runCli(args, {
    cwd: options.cwd,
    env: options.env ?? { LANG: 'en_US.UTF-8' },
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
  });
  return { exitCode, stdout, stderr };
}
