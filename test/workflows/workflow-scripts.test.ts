import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/fixture-repository.ts';
import { loadWorkflowFiles } from './workflow-scanner.ts';

/**
 * The workflows' shell scripts run for real here: a bare repository stands in for GitHub,
 * two clones for two runners. `sleep` is made instant through BASH_ENV, so the scripts run as written.
 */
const files = loadWorkflowFiles(PROJECT_ROOT);

function stepScript(file: string, stepId: string): string {
  const workflow = files.find((candidate) => candidate.file === file)!;
  const steps =
    workflow.kind === 'action'
      ? (workflow.data.runs as { steps: Array<Record<string, unknown>> }).steps
      : Object.values(workflow.data.jobs as Record<string, { steps?: Array<Record<string, unknown>> }>).flatMap(
          (job) => job.steps ?? [],
        );
  const step = steps.find((candidate) => candidate.id === stepId);
  if (!step || typeof step.run !== 'string') throw new Error(`no run step ${stepId} in ${file}`);
  return step.run;
}

const COMMIT_RECORDS = stepScript('.github/actions/commit-records/action.yml', 'push');
const RECORD_MERGE = stepScript('.github/workflows/review-record.yml', 'record');

let sandbox: string;
let origin: string;
let runner: string;
let other: string;
let baseEnv: NodeJS.ProcessEnv;

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: baseEnv, encoding: 'utf8' }).trim();
}

function write(root: string, file: string, content: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), content);
}

function runScript(
  script: string,
  cwd: string,
  env: Record<string, string>,
): { status: number; output: string; outputs: Record<string, string> } {
  const outputFile = path.join(sandbox, `output-${Math.random().toString(36).slice(2)}`);
  writeFileSync(outputFile, '');
  // stdin from /dev/null: on a socket (Node's default pipes) bash takes itself for a remote shell
  // and reads ~/.bashrc instead of BASH_ENV.
  const result = spawnSync('bash', ['-e', '-c', script], {
    cwd,
    env: { ...baseEnv, GITHUB_OUTPUT: outputFile, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const outputs = Object.fromEntries(
    readFileSync(outputFile, 'utf8')
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return { status: result.status ?? -1, output: `${result.stdout}${result.stderr}`, outputs };
}

function originFile(file: string): string {
  return git(origin, 'show', `main:${file}`);
}

beforeEach(() => {
  sandbox = mkdtempSync(path.join(tmpdir(), 'mpflow-push-'));
  const bashEnv = path.join(sandbox, 'no-sleep.sh');
  writeFileSync(bashEnv, 'sleep() { :; }\n');
  baseEnv = {
    PATH: process.env.PATH,
    HOME: sandbox,
    BASH_ENV: bashEnv,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: '陈雨',
    GIT_AUTHOR_EMAIL: 'chenyu@example.com',
    GIT_COMMITTER_NAME: '陈雨',
    GIT_COMMITTER_EMAIL: 'chenyu@example.com',
  };
  origin = path.join(sandbox, 'origin.git');
  execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', origin], { env: baseEnv });
  const seed = path.join(sandbox, 'seed');
  execFileSync('git', ['clone', '--quiet', origin, seed], { env: baseEnv, stdio: 'ignore' });
  git(seed, 'symbolic-ref', 'HEAD', 'refs/heads/main');
  write(
    seed,
    'content/publishing/2026-11-28-beginner-notes.yaml',
    'article: 2026-11-28-beginner-notes\nstatus: in-progress\n',
  );
  write(seed, 'content/reviews/2026.jsonl', '{"pr":1}\n');
  git(seed, 'add', '.');
  git(seed, 'commit', '--quiet', '-m', '起点');
  git(seed, 'push', '--quiet', 'origin', 'main');
  runner = path.join(sandbox, 'runner');
  other = path.join(sandbox, 'other');
  for (const clone of [runner, other])
    execFileSync('git', ['clone', '--quiet', origin, clone], { env: baseEnv, stdio: 'ignore' });
});

afterEach(() => {
  rmSync(sandbox, { recursive: true, force: true });
});

const RECORD_ENV = {
  RECORD_PATHS: 'content/publishing',
  COMMIT_MESSAGE: '发布记录 / Publishing records',
  TARGET_BRANCH: 'main',
};

describe('commit-records (publish and metrics)', () => {
  it('commits only the record folders and pushes', () => {
    write(
      runner,
      'content/publishing/2026-12-02-winter-tea-gathering.yaml',
      'article: 2026-12-02-winter-tea-gathering\nstatus: published\n',
    );
    write(runner, '.mpflow/token.json', '{"access_token":"secret"}');
    const run = runScript(COMMIT_RECORDS, runner, RECORD_ENV);
    expect(run.status, run.output).toBe(0);
    expect(run.outputs.pushed).toBe('true');
    expect(run.outputs.sha).toBe(git(origin, 'rev-parse', 'main'));
    expect(originFile('content/publishing/2026-12-02-winter-tea-gathering.yaml')).toContain('status: published');
    expect(git(origin, 'log', '-1', '--format=%s', 'main')).toBe('发布记录 / Publishing records');
    expect(git(origin, 'ls-tree', '-r', '--name-only', 'main')).not.toContain('.mpflow/token.json');
  });

  it('hands the token to git for this step only: nothing of it lands in .git/config', () => {
    write(
      runner,
      'content/publishing/2026-12-02-winter-tea-gathering.yaml',
      'article: 2026-12-02-winter-tea-gathering\nstatus: published\n',
    );
    // A git that reports the header it was given, then does the real work.
    const bin = path.join(sandbox, 'bin');
    mkdirSync(bin, { recursive: true });
    const realGit = execFileSync('bash', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    writeFileSync(
      path.join(bin, 'git'),
      `#!/usr/bin/env bash\nif [ "$1" = push ]; then printf '%s=%s\\n' "$GIT_CONFIG_KEY_0" "$GIT_CONFIG_VALUE_0" >> "${sandbox}/push-auth"; fi\nexec ${realGit} "$@"\n`,
    );
    chmodSync(path.join(bin, 'git'), 0o755);
    const run = runScript(COMMIT_RECORDS, runner, {
      ...RECORD_ENV,
      PATH: `${bin}:${process.env.PATH}`,
      PUSH_TOKEN: 'ghs_token123',
      SERVER_URL: 'https://github.example',
    });
    expect(run.status, run.output).toBe(0);
    expect(run.outputs.pushed).toBe('true');
    expect(readFileSync(path.join(sandbox, 'push-auth'), 'utf8')).toBe(
      `http.https://github.example/.extraheader=AUTHORIZATION: basic ${Buffer.from('x-access-token:ghs_token123').toString('base64')}\n`,
    );
    expect(readFileSync(path.join(runner, '.git/config'), 'utf8')).not.toMatch(/extraheader|ghs_token123/);
    expect(run.output).not.toContain('ghs_token123');
  });

  it('pushes nothing when nothing changed', () => {
    const before = git(origin, 'rev-parse', 'main');
    const run = runScript(COMMIT_RECORDS, runner, RECORD_ENV);
    expect(run.status, run.output).toBe(0);
    expect(run.outputs.pushed).toBe('false');
    expect(git(origin, 'rev-parse', 'main')).toBe(before);
  });

  it('rebases on a push made meanwhile by another run and pushes both', () => {
    write(other, 'content/metrics/followers/2026-11.csv', 'date,source,new,cancelled\n2026-11-25,search,12,3\n');
    git(other, 'add', '.');
    git(other, 'commit', '--quiet', '-m', '运营数据');
    git(other, 'push', '--quiet', 'origin', 'main');

    write(
      runner,
      'content/publishing/2026-11-28-beginner-notes.yaml',
      'article: 2026-11-28-beginner-notes\nstatus: published\n',
    );
    const run = runScript(COMMIT_RECORDS, runner, RECORD_ENV);
    expect(run.status, run.output).toBe(0);
    expect(run.output).toContain('Push rejected (attempt 1)');
    expect(originFile('content/publishing/2026-11-28-beginner-notes.yaml')).toContain('status: published');
    expect(originFile('content/metrics/followers/2026-11.csv')).toContain('2026-11-25');
  });

  it('stops with a clear error, rebase aborted, when someone edited the same record meanwhile', () => {
    git(other, 'rm', '--quiet', 'content/publishing/2026-11-28-beginner-notes.yaml');
    git(other, 'commit', '--quiet', '-m', '删除失败记录以重新发布');
    git(other, 'push', '--quiet', 'origin', 'main');

    write(
      runner,
      'content/publishing/2026-11-28-beginner-notes.yaml',
      'article: 2026-11-28-beginner-notes\nstatus: failed\n',
    );
    const run = runScript(COMMIT_RECORDS, runner, RECORD_ENV);
    expect(run.status).toBe(1);
    expect(run.output).toContain(
      '::error::The records under content/publishing conflict with a change pushed meanwhile',
    );
    expect(
      existsSync(path.join(runner, '.git/rebase-merge')) || existsSync(path.join(runner, '.git/rebase-apply')),
    ).toBe(false);
  });
});

describe('review-record (the audit log)', () => {
  /** A stand-in for `npx mpflow review-gate --record-merge`: appends this PR's line once. */
  function fakeNpx(competeOnce: boolean): string {
    const bin = path.join(sandbox, 'bin');
    mkdirSync(bin, { recursive: true });
    const marker = path.join(sandbox, 'competed');
    const script = `#!/usr/bin/env bash
set -euo pipefail
echo "$*" >> "${sandbox}/npx-calls"
[[ "$*" == "mpflow review-gate --repo minlan/wechat --pr $PR_NUMBER --record-merge" ]] || exit 9
if ${competeOnce ? 'true' : 'false'} && [ ! -e "${marker}" ]; then
  touch "${marker}"
  # Another merge's record lands first, appended to the same file.
  (cd "${other}" && git pull --quiet origin main && echo '{"pr":41}' >> content/reviews/2026.jsonl && git commit --quiet -am 'review 41' && git push --quiet origin HEAD:main)
fi
grep -q "\\"pr\\":$PR_NUMBER}" content/reviews/2026.jsonl || echo "{\\"pr\\":$PR_NUMBER}" >> content/reviews/2026.jsonl
`;
    writeFileSync(path.join(bin, 'npx'), script);
    chmodSync(path.join(bin, 'npx'), 0o755);
    return `${bin}:${process.env.PATH}`;
  }

  const env = (pathValue: string) => ({
    PATH: pathValue,
    GITHUB_TOKEN: 'x',
    REPOSITORY: 'minlan/wechat',
    PR_NUMBER: '42',
    BASE_BRANCH: 'main',
  });

  it('appends and pushes the record of the merged pull request', () => {
    const run = runScript(RECORD_MERGE, runner, env(fakeNpx(false)));
    expect(run.status, run.output).toBe(0);
    expect(run.outputs.pushed).toBe('true');
    expect(originFile('content/reviews/2026.jsonl').split('\n')).toEqual(['{"pr":1}', '{"pr":42}']);
    expect(git(origin, 'log', '-1', '--format=%s', 'main')).toBe('审核记录：PR #42 / Review record: pull request #42');
  });

  it('starts again from the latest branch when another merge appended first, so both lines survive', () => {
    const run = runScript(RECORD_MERGE, runner, env(fakeNpx(true)));
    expect(run.status, run.output).toBe(0);
    expect(run.output).toContain('Push rejected (attempt 1)');
    expect(originFile('content/reviews/2026.jsonl').split('\n')).toEqual(['{"pr":1}', '{"pr":41}', '{"pr":42}']);
    expect(readFileSync(path.join(sandbox, 'npx-calls'), 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('pushes nothing when the record is already there', () => {
    write(other, 'content/reviews/2026.jsonl', '{"pr":1}\n{"pr":42}\n');
    git(other, 'commit', '--quiet', '-am', 'review 42');
    git(other, 'push', '--quiet', 'origin', 'main');
    const before = git(origin, 'rev-parse', 'main');
    const run = runScript(RECORD_MERGE, runner, env(fakeNpx(false)));
    expect(run.status, run.output).toBe(0);
    expect(run.outputs.pushed).toBe('false');
    expect(git(origin, 'rev-parse', 'main')).toBe(before);
  });
});

describe('review-gate: which pull requests, and evaluating each', () => {
  const TARGET = stepScript('.github/workflows/review-gate.yml', 'target');
  const EVALUATE = (() => {
    const gate = files.find((candidate) => candidate.file === '.github/workflows/review-gate.yml')!;
    const steps = (gate.data.jobs as { gate: { steps: Array<Record<string, unknown>> } }).gate.steps;
    return String(steps.find((step) => step.name === 'Evaluate and post mpflow/review')!.run);
  })();

  /** Fake gh and npx that log their arguments; gh prints `ghOutput`, npx fails for PR `failing`. */
  function fakeTools(ghOutput: string, failing = ''): string {
    const bin = path.join(sandbox, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(
      path.join(bin, 'gh'),
      `#!/usr/bin/env bash\nprintf '%s\\n' "$*" >> "${sandbox}/gh-calls"\nprintf '%s' '${ghOutput}'\n`,
    );
    writeFileSync(
      path.join(bin, 'npx'),
      `#!/usr/bin/env bash\nprintf '%s\\n' "$*" >> "${sandbox}/npx-calls"\n[ "$6" != "${failing}" ]\n`,
    );
    chmodSync(path.join(bin, 'gh'), 0o755);
    chmodSync(path.join(bin, 'npx'), 0o755);
    return `${bin}:${process.env.PATH}`;
  }
  const calls = (tool: string) =>
    existsSync(path.join(sandbox, `${tool}-calls`))
      ? readFileSync(path.join(sandbox, `${tool}-calls`), 'utf8')
          .trim()
          .split('\n')
      : [];
  const SHA = 'a'.repeat(40);

  it('a pull_request_target or comment event evaluates its own pull request, without asking the API', () => {
    const run = runScript(TARGET, runner, {
      PATH: fakeTools(''),
      EVENT_NAME: 'issue_comment',
      PR_FROM_EVENT: '17',
      HEAD_SHA: '',
      REPOSITORY: 'minlan/wechat',
    });
    expect(run.status, run.output).toBe(0);
    expect(JSON.parse(run.outputs.numbers!)).toEqual([17]);
    expect(calls('gh')).toEqual([]);
  });

  it('a relayed review finds the open pull requests by their head commit', () => {
    const run = runScript(TARGET, runner, {
      PATH: fakeTools('23\n41\n'),
      EVENT_NAME: 'workflow_run',
      PR_FROM_EVENT: '',
      HEAD_SHA: SHA,
      REPOSITORY: 'minlan/wechat',
    });
    expect(run.status, run.output).toBe(0);
    expect(JSON.parse(run.outputs.numbers!)).toEqual([23, 41]);
    expect(calls('gh')[0]).toContain(
      `repos/minlan/wechat/pulls?state=open&per_page=100 --jq .[] | select(.head.sha == "${SHA}") | .number`,
    );
  });

  it('no open pull request gives an empty list, which skips the gate job', () => {
    const run = runScript(TARGET, runner, {
      PATH: fakeTools(''),
      EVENT_NAME: 'schedule',
      PR_FROM_EVENT: '',
      HEAD_SHA: '',
      REPOSITORY: 'minlan/wechat',
    });
    expect(run.status, run.output).toBe(0);
    expect(run.outputs.numbers).toBe('[]');
  });

  it('refuses a head SHA that is not one, and anything from the API that is not a number', () => {
    const badSha = runScript(TARGET, runner, {
      PATH: fakeTools('23'),
      EVENT_NAME: 'workflow_run',
      PR_FROM_EVENT: '',
      HEAD_SHA: '$(touch pwned)',
      REPOSITORY: 'minlan/wechat',
    });
    expect(badSha.status).toBe(1);
    expect(badSha.output).toContain('::error::unexpected head SHA');
    const badNumber = runScript(TARGET, runner, {
      PATH: fakeTools('12\n$(id)\n'),
      EVENT_NAME: 'schedule',
      PR_FROM_EVENT: '',
      HEAD_SHA: '',
      REPOSITORY: 'minlan/wechat',
    });
    expect(badNumber.status).toBe(1);
    expect(badNumber.outputs.numbers).toBeUndefined();
    expect(existsSync(path.join(runner, 'pwned'))).toBe(false);
    const injected = runScript(TARGET, runner, {
      PATH: fakeTools(''),
      EVENT_NAME: 'workflow_dispatch',
      PR_FROM_EVENT: '1,"x":2',
      HEAD_SHA: '',
      REPOSITORY: 'minlan/wechat',
    });
    expect(injected.status).toBe(1);
    // 017 is not JSON: the matrix would fail to start instead of evaluating PR 17.
    const padded = runScript(TARGET, runner, {
      PATH: fakeTools(''),
      EVENT_NAME: 'workflow_dispatch',
      PR_FROM_EVENT: '017',
      HEAD_SHA: '',
      REPOSITORY: 'minlan/wechat',
    });
    expect(padded.status).toBe(1);
    expect(padded.output).toContain('::error::not a pull request number: 017');
  });

  it('the sweep lists every open pull request; each matrix leg evaluates one and fails only for its own', () => {
    const target = runScript(TARGET, runner, {
      PATH: fakeTools('3\n5\n8\n'),
      EVENT_NAME: 'schedule',
      PR_FROM_EVENT: '',
      HEAD_SHA: '',
      REPOSITORY: 'minlan/wechat',
    });
    const numbers = JSON.parse(target.outputs.numbers!) as number[];
    expect(numbers).toEqual([3, 5, 8]);
    const statuses = numbers.map(
      (number) =>
        runScript(EVALUATE, runner, {
          PATH: fakeTools('', '5'),
          REPOSITORY: 'minlan/wechat',
          PR_NUMBER: String(number),
          VERDICT_AS: 'check-run',
        }).status,
    );
    expect(statuses).toEqual([0, 1, 0]);
    expect(calls('npx')).toEqual(
      ['3', '5', '8'].map((number) => `mpflow review-gate --repo minlan/wechat --pr ${number} --verdict check-run`),
    );
  });
});

describe('review-gate targets: pull requests into other branches', () => {
  const TARGET = stepScript('.github/workflows/review-gate.yml', 'target');
  it('a pull_request_target event into another base evaluates nothing (that run may not use the environment)', () => {
    const into = (base: string) =>
      runScript(TARGET, runner, {
        EVENT_NAME: 'pull_request_target',
        PR_FROM_EVENT: '17',
        HEAD_SHA: '',
        REPOSITORY: 'minlan/wechat',
        BASE_REF: base,
        DEFAULT_BRANCH: 'main',
      });
    expect(into('feature/roster').outputs.numbers).toBe('[]');
    expect(JSON.parse(into('main').outputs.numbers!)).toEqual([17]);
  });
});

describe('publish guard: the pause cannot scroll away', () => {
  const GUARD = stepScript('.github/workflows/publish.yml', 'guard');
  interface FakeRun {
    id: number;
    branch: string;
    steps: Array<{ name: string; conclusion: string | null }>;
  }
  /**
   * A fake `gh api … --jq …` over a list of completed publish runs, newest first, as GitHub pages
   * them: the answers are written out beforehand, so each request costs one jq.
   */
  function fakeGh(): string {
    const bin = path.join(sandbox, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(
      path.join(bin, 'gh'),
      `#!/usr/bin/env bash
set -euo pipefail
printf '%s\\n' "$*" >> "${sandbox}/gh-calls"
[ "$1" = api ] && [ "$3" = --jq ] || exit 9
if [[ "$2" =~ ^repos/minlan/wechat/actions/workflows/publish\\.yml/runs\\?branch=main\\&status=completed\\&per_page=100\\&page=([0-9]+)$ ]]; then
  file="${sandbox}/answers/page-\${BASH_REMATCH[1]}.json"
elif [[ "$2" =~ ^repos/minlan/wechat/actions/runs/([0-9]+)/jobs$ ]]; then
  file="${sandbox}/answers/jobs-\${BASH_REMATCH[1]}.json"
else
  exit 8
fi
if [ -e "$file" ]; then jq -r "$4" < "$file"; else jq -r "$4" <<< '{"workflow_runs":[],"jobs":[]}'; fi
`,
    );
    chmodSync(path.join(bin, 'gh'), 0o755);
    return `${bin}:${process.env.PATH}`;
  }
  const history: FakeRun[] = [];
  const written = new Set<number>();
  const save = () => {
    const answers = path.join(sandbox, 'answers');
    mkdirSync(answers, { recursive: true });
    const onMain = history.filter((run) => run.branch === 'main');
    for (let page = 1; page <= Math.ceil(onMain.length / 100) + 1; page += 1) {
      writeFileSync(
        path.join(answers, `page-${page}.json`),
        JSON.stringify({ workflow_runs: onMain.slice((page - 1) * 100, page * 100).map((run) => ({ id: run.id })) }),
      );
    }
    for (const run of history) {
      if (written.has(run.id)) continue;
      writeFileSync(path.join(answers, `jobs-${run.id}.json`), JSON.stringify({ jobs: [{ steps: run.steps }] }));
      written.add(run.id);
    }
  };
  const committed = (id: number, conclusion: 'success' | 'failure'): FakeRun => ({
    id,
    branch: 'main',
    steps: [
      { name: "Stop while an earlier run's records are missing from the repository", conclusion: 'success' },
      { name: 'Publishing is paused', conclusion: 'skipped' },
      { name: 'Publish what is due', conclusion: 'success' },
      { name: 'Commit the publishing records', conclusion },
    ],
  });
  const pausedRun = (id: number): FakeRun => ({
    id,
    branch: 'main',
    steps: [
      { name: "Stop while an earlier run's records are missing from the repository", conclusion: 'success' },
      { name: 'Publishing is paused', conclusion: 'failure' },
      { name: 'Publish what is due', conclusion: 'skipped' },
      { name: 'Commit the publishing records', conclusion: 'skipped' },
    ],
  });
  const guard = (runId: number, recovered = false) => {
    save();
    const before = existsSync(path.join(sandbox, 'gh-calls'))
      ? readFileSync(path.join(sandbox, 'gh-calls'), 'utf8').split('\n').length
      : 1;
    const run = runScript(GUARD, runner, {
      PATH: fakeGh(),
      GH_TOKEN: 'x',
      REPOSITORY: 'minlan/wechat',
      BRANCH: 'main',
      RUN_ID: String(runId),
      RECORDS_RECOVERED: String(recovered),
    });
    const after = existsSync(path.join(sandbox, 'gh-calls'))
      ? readFileSync(path.join(sandbox, 'gh-calls'), 'utf8').split('\n').length
      : 1;
    return { ...run, requests: after - before };
  };

  beforeEach(() => {
    history.length = 0;
    written.clear();
  });

  it('stays paused through 100 paused runs (and 110 runs that say nothing), then resumes once the records are recovered', {
    timeout: 180_000,
  }, () => {
    history.push(committed(2, 'failure'), committed(1, 'success'));
    // Runs that say nothing: a manual run on a branch (filtered out by branch), runs cancelled or lost before committing.
    for (let id = 3; id < 113; id += 1)
      history.unshift({
        id,
        branch: id % 10 === 0 ? 'feature/x' : 'main',
        steps: id % 3 === 0 ? [] : [{ name: 'Commit the publishing records', conclusion: null }],
      });
    const first = guard(113);
    expect(first.status, first.output).toBe(0);
    expect(first.outputs).toMatchObject({ paused: 'true', since: '2' });
    history.unshift(pausedRun(113));
    for (let id = 114; id < 214; id += 1) {
      const run = guard(id);
      expect(run.status, run.output).toBe(0);
      expect(run.outputs.paused, `run ${id}`).toBe('true');
      // The newest run carries the pause: one page and one job list, however long the pause.
      expect(run.requests, `run ${id}`).toBe(2);
      history.unshift(pausedRun(id));
    }
    expect(
      history.filter((run) =>
        run.steps.some((step) => step.name === 'Publishing is paused' && step.conclusion === 'failure'),
      ),
    ).toHaveLength(101);

    const recovered = guard(214, true);
    expect(recovered.outputs.paused).toBe('false');
    expect(recovered.requests).toBe(0);
    history.unshift(committed(214, 'success'));
    expect(guard(215).outputs.paused).toBe('false');
  });

  it('a failed push pauses even when the newest runs said nothing; a later success does not pause', () => {
    history.push(committed(5, 'failure'), committed(4, 'success'));
    history.unshift({ id: 6, branch: 'main', steps: [] });
    expect(guard(7).outputs).toMatchObject({ paused: 'true', since: '5' });
    history.unshift(committed(7, 'success'));
    expect(guard(8).outputs.paused).toBe('false');
    // The very first run of a repository has nobody to wait for.
    history.length = 0;
    expect(guard(1).outputs.paused).toBe('false');
  });

  it('a guard that cannot ask GitHub fails the run, which then says nothing to the next one', () => {
    history.push(committed(4, 'failure'));
    save();
    const run = runScript(GUARD, runner, {
      PATH: `${path.join(sandbox, 'none')}:/usr/bin:/bin`,
      GH_TOKEN: 'x',
      REPOSITORY: 'minlan/wechat',
      BRANCH: 'main',
      RUN_ID: '9',
      RECORDS_RECOVERED: 'false',
    });
    expect(run.status).not.toBe(0);
    expect(run.outputs.paused).toBeUndefined();
  });
});
