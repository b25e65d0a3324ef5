import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/fixture-repository.ts';
import {
  cacheInPrivilegedJobs,
  cronOnTheHour,
  jobsOf,
  loadWorkflowFiles,
  minuteValues,
  pagesDeployAnyRef,
  parseWorkflow,
  persistedCredentials,
  privilegedCodeFromOtherBranches,
  runScripts,
  secretsOutsideTheEnvironment,
  SECRETS_ENVIRONMENT,
  unpinnedActions,
  type WorkflowFile,
} from './workflow-scanner.ts';

/**
 * Issue 13's audit, one rule per finding: each rule holds for every workflow of the repository and
 * is shown failing on the shape the finding described (the negative case), so a rule that can
 * never fail would be caught here.
 */
const files = loadWorkflowFiles(PROJECT_ROOT);
const workflows = files.filter((file) => file.kind === 'workflow');
const all = (rule: (workflow: WorkflowFile) => string[], over: WorkflowFile[] = workflows) => over.flatMap(rule);
const bad = (source: string) => parseWorkflow(source, 'bad.yml');
const byName = (name: string) => workflows.find((workflow) => workflow.file === `.github/workflows/${name}`)!;

describe('finding 1: secrets only in the environment the default branch alone may use', () => {
  it('every job that reads a secret names the environment, and none starts on another branch', () => {
    expect(all(secretsOutsideTheEnvironment)).toEqual([]);
    const holders = workflows.flatMap((workflow) =>
      jobsOf(workflow)
        .filter(([, job]) => job.environment === SECRETS_ENVIRONMENT)
        .map(([id]) => `${path.basename(workflow.file)}/${id}`),
    );
    expect(holders.sort()).toEqual([
      'metrics-import.yml/import',
      'publish.yml/publish',
      'review-gate.yml/gate',
      'review-record.yml/record',
    ]);
  });

  it('the gate posts its verdict as the App when the App is configured', () => {
    const steps = JSON.stringify(jobsOf(byName('review-gate.yml')).find(([id]) => id === 'gate')![1].steps);
    expect(steps).toContain('secrets.MPFLOW_APP_PRIVATE_KEY');
    expect(steps).toContain("steps.app-token.outputs.token && 'check-run' || 'status'");
    expect(steps).toContain('--verdict \\"$VERDICT_AS\\"');
    expect(steps).toContain('permission-checks');
  });

  it.each([
    [
      'a repository secret read with no environment',
      'on:\n  schedule:\n    - cron: "7 1 * * *"\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: x\n        env:\n          S: ${{ secrets.WECHAT_APPSECRET }}\n',
      /outside the environment mpflow-secrets \(no environment\)/,
    ],
    [
      'another environment',
      'on:\n  schedule:\n    - cron: "7 1 * * *"\njobs:\n  a:\n    runs-on: ubuntu-latest\n    environment: staging\n    steps:\n      - run: x\n        env:\n          S: ${{ secrets.WECHAT_APPID }}\n',
      /environment staging/,
    ],
    [
      'secrets inherited by a called workflow',
      'on:\n  schedule:\n    - cron: "7 1 * * *"\njobs:\n  a:\n    uses: ./.github/workflows/x.yml\n    secrets: inherit\n',
      /reads inherit outside/,
    ],
    [
      'a manual run on any branch',
      'on:\n  workflow_dispatch:\njobs:\n  a:\n    runs-on: ubuntu-latest\n    environment: mpflow-secrets\n    steps:\n      - run: x\n        env:\n          S: ${{ secrets.WECHAT_APPID }}\n',
      /can be started on any branch \(workflow_dispatch\)/,
    ],
  ])('flags %s', (_what, source, message) => {
    const found = secretsOutsideTheEnvironment(bad(source));
    expect(
      found.some((line) => message.test(line)),
      found.join('\n'),
    ).toBe(true);
  });
});

describe("finding 2: review-record runs only the default branch's code, for pull requests into it", () => {
  it('holds for the repository', () => {
    expect(all(privilegedCodeFromOtherBranches)).toEqual([]);
    const record = jobsOf(byName('review-record.yml')).find(([id]) => id === 'record')![1];
    expect(record.if).toBe(
      'github.event.pull_request.merged == true && github.event.pull_request.base.ref == github.event.repository.default_branch',
    );
  });

  it('flags the old shape: base.ref checked out, any base recorded', () => {
    const old = bad(`on:
  pull_request_target:
    types: [closed]
jobs:
  record:
    if: github.event.pull_request.merged == true
    runs-on: ubuntu-latest
    permissions:
      contents: write
    steps:
      - uses: actions/checkout@v4
        with:
          ref: \${{ github.event.pull_request.base.ref }}
      - run: npx mpflow review-gate --repo "$R" --pr "$N" --record-merge
`);
    const found = privilegedCodeFromOtherBranches(old);
    expect(found).toEqual([
      'bad.yml: job record checks out "${{ github.event.pull_request.base.ref }}" with a write token; only ${{ github.event.repository.default_branch }} may run here',
      'bad.yml: job record records merges into any base branch; its condition must require the default branch',
      "bad.yml: job record passes the pull request's base branch to an action",
    ]);
  });
});

describe('finding 3: pages deploys only the default branch, in order', () => {
  it('holds for the repository', () => {
    expect(all(pagesDeployAnyRef)).toEqual([]);
    // The callers no longer pass a commit: the build reads the branch.
    for (const name of ['publish.yml', 'metrics-import.yml', 'review-record.yml']) {
      const site = jobsOf(byName(name)).find(([id]) => id === 'site')![1] as { uses?: string; with?: unknown };
      expect(site.uses, name).toBe('./.github/workflows/pages.yml');
      expect(site.with, name).toBeUndefined();
    }
  });

  it('flags a ref input, a build of any branch and jobs without a waiting concurrency group', () => {
    const old = bad(`on:
  workflow_dispatch:
    inputs:
      ref:
        type: string
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: \${{ inputs.ref }}
  deploy:
    needs: build
    runs-on: ubuntu-latest
    concurrency:
      group: pages-\${{ github.ref }}
      cancel-in-progress: true
    steps:
      - uses: actions/deploy-pages@v4
`);
    expect(pagesDeployAnyRef(old)).toEqual([
      'bad.yml: workflow_dispatch takes an input "ref" that picks what to deploy',
      'bad.yml: job build has no fixed concurrency group that waits (an older build could deploy last)',
      'bad.yml: job build builds "${{ inputs.ref }}", not the branch\'s newest commit',
      'bad.yml: job build builds on any branch',
      'bad.yml: job deploy has no fixed concurrency group that waits (an older build could deploy last)',
    ]);
  });
});

describe('finding 5: caches, credentials, pins, schedules and shell', () => {
  it('no job holding a secret or a write token restores a cache', () => {
    expect(all(cacheInPrivilegedJobs)).toEqual([]);
    const found = cacheInPrivilegedJobs(
      bad(
        'on:\n  schedule:\n    - cron: "7 1 * * *"\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: write\n    steps:\n      - uses: actions/setup-node@v4\n        with:\n          cache: npm\n      - uses: actions/cache/restore@v4\n',
      ),
    );
    expect(found).toEqual([
      'bad.yml: job a restores the npm cache while it holds a secret or write token',
      'bad.yml: job a restores a cache while it holds a secret or write token',
    ]);
    // Read-only CI may keep its cache.
    expect(
      cacheInPrivilegedJobs(
        bad(
          'on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n    steps:\n      - uses: actions/setup-node@v4\n        with:\n          cache: npm\n',
        ),
      ),
    ).toEqual([]);
  });

  it('every checkout keeps no credentials and takes no token', () => {
    expect(all(persistedCredentials)).toEqual([]);
    const found = persistedCredentials(
      bad(
        'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/checkout@v4\n        with:\n          persist-credentials: false\n          token: ${{ steps.app.outputs.token }}\n',
      ),
    );
    expect(found).toEqual([
      'bad.yml: job a checks out without persist-credentials: false',
      "bad.yml: job a gives checkout a token; push with the commit step's token instead",
    ]);
  });

  it('every action is pinned by a full SHA with its release named', () => {
    expect(all(unpinnedActions, files)).toEqual([]);
    const found = unpinnedActions(
      bad(
        'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020\n      - uses: "actions/cache@main"\n      - uses: ./.github/actions/commit-records\n',
      ),
    );
    expect(found).toEqual([
      'bad.yml:6: actions/checkout@v4 is not pinned by a full commit SHA',
      'bad.yml:7: actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020 does not say which release the SHA is (# vX.Y.Z)',
      'bad.yml:8: actions/cache@main is not pinned by a full commit SHA',
    ]);
  });

  it('no schedule fires at minute 0; publishing still runs every 15 minutes', () => {
    expect(all(cronOnTheHour)).toEqual([]);
    const publish = (byName('publish.yml').data.on as { schedule: Array<{ cron: string }> }).schedule[0]!.cron;
    const minutes = minuteValues(publish.split(' ')[0]!)!;
    expect(minutes).toHaveLength(4);
    expect(
      minutes.map((minute, index) => (index === 0 ? minute + 60 - minutes[3]! : minute - minutes[index - 1]!)),
    ).toEqual([15, 15, 15, 15]);
    for (const cron of ['*/15 * * * *', '0 8 * * *', '0,30 * * * *', '*/20 * * * *', '* * * * *']) {
      expect(cronOnTheHour(bad(`on:\n  schedule:\n    - cron: '${cron}'\njobs: {}\n`)), cron).toEqual([
        `bad.yml: cron "${cron}" fires at minute 0`,
      ]);
    }
    expect(cronOnTheHour(bad("on:\n  schedule:\n    - cron: '7-59/15 * * * *'\njobs: {}\n"))).toEqual([]);
  });

  it('review-submitted relays the whole line: its script is a block, not a plain scalar cut at " #"', () => {
    const [relay] = runScripts(byName('review-submitted.yml'));
    const run = spawnSync('bash', ['-e', '-c', relay!.script], {
      env: { PATH: process.env.PATH, PR_NUMBER: '42', REVIEW_STATE: 'approved' },
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe(
      'Review (approved) on pull request #42; review-gate re-evaluates it from the base branch.\n',
    );
    // The line as it was: YAML takes " #$PR_NUMBER…" for a comment and bash gets half a string.
    const old = bad(
      'on: pull_request_review\njobs:\n  relay:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "Review ($REVIEW_STATE) on pull request #$PR_NUMBER; done."\n',
    );
    expect(runScripts(old)[0]!.script).toBe('echo "Review ($REVIEW_STATE) on pull request');
    expect(shellcheck(runScripts(old)[0]!.script).join('\n')).toMatch(/SC1072|SC1073/);
  });

  it('shellcheck finds nothing in any run script', () => {
    const found = files
      .flatMap((file) => runScripts(file))
      .flatMap(({ where, script }) => shellcheck(script).map((line) => `${where}: ${line}`));
    expect(found).toEqual([]);
    expect(files.flatMap((file) => runScripts(file)).length).toBeGreaterThan(10);
  });
});

/**
 * shellcheck is a Debian package (CI installs it); without it this suite fails rather than
 * skipping, so a missing install is seen.
 */
function shellcheck(script: string): string[] {
  const binary =
    ['/usr/bin/shellcheck', '/usr/local/bin/shellcheck'].find((candidate) => existsSync(candidate)) ?? 'shellcheck';
  const folder = mkdtempSync(path.join(tmpdir(), 'mpflow-shellcheck-'));
  try {
    const file = path.join(folder, 'script.sh');
    writeFileSync(file, script);
    // SC2153 ("may not be assigned"): the variables come from the step's env:, which shellcheck cannot see.
    const result = spawnSync(binary, ['--shell=bash', '--format=gcc', '--exclude=SC2153', file], { encoding: 'utf8' });
    if (result.error)
      throw new Error(`shellcheck is not installed (apt-get install shellcheck): ${result.error.message}`);
    return result.stdout
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => line.slice(file.length + 1));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
