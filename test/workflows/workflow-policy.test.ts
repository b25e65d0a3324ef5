import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/fixture-repository.ts';
import { loadWorkflowFiles, secretsReferencedIn, type WorkflowFile } from './workflow-scanner.ts';

type Job = Record<string, unknown> & {
  permissions?: unknown;
  steps?: Array<Record<string, unknown>>;
  uses?: string;
  with?: Record<string, unknown>;
};

const workflows = loadWorkflowFiles(PROJECT_ROOT).filter((workflow) => workflow.kind === 'workflow');
const byName = (name: string): WorkflowFile => {
  const found = workflows.find((workflow) => workflow.file === `.github/workflows/${name}`);
  if (!found) throw new Error(`no workflow ${name}`);
  return found;
};
const jobsOf = (workflow: WorkflowFile): Array<[string, Job]> =>
  Object.entries((workflow.data.jobs ?? {}) as Record<string, Job>);
const triggersOf = (workflow: WorkflowFile): Record<string, unknown> => {
  const on = workflow.data.on;
  if (typeof on === 'string') return { [on]: null };
  if (Array.isArray(on)) return Object.fromEntries(on.map((name: string) => [name, null]));
  return (on ?? {}) as Record<string, unknown>;
};
const WRITE = 'write';

/**
 * The only secrets, and the only jobs that may see them: WeChat credentials where WeChat is called,
 * and the optional GitHub App key where records are pushed to a protected branch.
 */
const ALLOWED_SECRETS: Record<string, string[]> = {
  'publish.yml/publish': ['WECHAT_APPID', 'WECHAT_APPSECRET', 'MPFLOW_APP_PRIVATE_KEY'],
  'metrics-import.yml/import': ['WECHAT_APPID', 'WECHAT_APPSECRET', 'MPFLOW_APP_PRIVATE_KEY'],
  'review-record.yml/record': ['MPFLOW_APP_PRIVATE_KEY'],
  // The App's check run is the verdict the ruleset requires (README "Threat model").
  'review-gate.yml/gate': ['MPFLOW_APP_PRIVATE_KEY'],
};

describe('workflow permissions', () => {
  it('there are the workflows the department needs', () => {
    expect(workflows.map((workflow) => path.basename(workflow.file)).sort()).toEqual(
      [
        'appraisal-reminder.yml',
        'ci.yml',
        'metrics-import.yml',
        'pages.yml',
        'publish.yml',
        'review-gate.yml',
        'review-record.yml',
        'review-submitted.yml',
      ].sort(),
    );
  });

  it.each(workflows.map((workflow) => [workflow.file, workflow] as const))(
    '%s grants nothing at the top and every job declares its own',
    (_file, workflow) => {
      expect(workflow.data.permissions).toEqual({});
      for (const [id, job] of jobsOf(workflow)) {
        expect(job.permissions, `${workflow.file}: job ${id} declares no permissions`).toBeTypeOf('object');
        expect(job.permissions, `${workflow.file}: job ${id}`).not.toBeNull();
        for (const value of Object.values(job.permissions as Record<string, string>))
          expect(['read', 'write', 'none']).toContain(value);
      }
    },
  );

  it.each(workflows.map((workflow) => [workflow.file, workflow] as const))(
    '%s keeps secrets in the jobs that need them',
    (_file, workflow) => {
      const name = path.basename(workflow.file);
      const { jobs: _jobs, ...outsideJobs } = workflow.data;
      expect([...secretsReferencedIn(outsideJobs)], `${workflow.file}: secrets outside any job`).toEqual([]);
      for (const [id, job] of jobsOf(workflow)) {
        const used = [...secretsReferencedIn(job)].sort();
        const allowed = ALLOWED_SECRETS[`${name}/${id}`] ?? [];
        expect(
          used.filter((secret) => !allowed.includes(secret)),
          `${workflow.file}: job ${id}`,
        ).toEqual([]);
      }
    },
  );

  it('WeChat credentials reach only the publish and metrics steps that call WeChat', () => {
    for (const workflow of workflows) {
      for (const [id, job] of jobsOf(workflow)) {
        for (const step of job.steps ?? []) {
          const secrets = secretsReferencedIn(step);
          if (!secrets.has('WECHAT_APPID') && !secrets.has('WECHAT_APPSECRET')) continue;
          expect(`${path.basename(workflow.file)}/${id}`).toMatch(
            /^(publish\.yml\/publish|metrics-import\.yml\/import)$/,
          );
          expect(String(step.run)).toMatch(/npx mpflow (publish --due|metrics import --from wechat)/);
        }
      }
    }
  });

  it('pull_request workflows run the PR code read-only', () => {
    for (const workflow of workflows.filter(
      (candidate) => 'pull_request' in triggersOf(candidate) || 'pull_request_review' in triggersOf(candidate),
    )) {
      for (const [id, job] of jobsOf(workflow)) {
        const granted = Object.entries((job.permissions ?? {}) as Record<string, string>).filter(
          ([, value]) => value === WRITE,
        );
        expect(granted, `${workflow.file}: job ${id}`).toEqual([]);
        expect(secretsReferencedIn(job).size, `${workflow.file}: job ${id}`).toBe(0);
      }
    }
    expect(jobsOf(byName('review-submitted.yml')).map(([, job]) => job.permissions)).toEqual([{}]);
  });

  it('workflows with a write token never check out the pull request head', () => {
    const privileged = workflows.filter((workflow) =>
      ['pull_request_target', 'issue_comment', 'workflow_run'].some((trigger) => trigger in triggersOf(workflow)),
    );
    expect(privileged.map((workflow) => path.basename(workflow.file)).sort()).toEqual([
      'review-gate.yml',
      'review-record.yml',
    ]);
    for (const workflow of privileged) {
      for (const [, job] of jobsOf(workflow)) {
        for (const step of job.steps ?? []) {
          const text = JSON.stringify(step);
          expect(text, workflow.file).not.toMatch(
            /pull_request\.head\.(sha|ref|repo)|github\.head_ref|refs\/pull\/|merge_commit_sha/,
          );
          if (typeof step.uses === 'string' && step.uses.startsWith('actions/checkout@')) {
            const ref = String((step.with as Record<string, unknown> | undefined)?.ref ?? '');
            expect(ref, `${workflow.file}: checkout ref`).toBe('${{ github.event.repository.default_branch }}');
          }
        }
      }
    }
  });

  it('the review gate listens to every event that can change a verdict, and only to PR comments', () => {
    const gate = byName('review-gate.yml');
    const on = triggersOf(gate) as Record<string, { types?: string[]; workflows?: string[] }>;
    expect(on.pull_request_target?.types).toEqual([
      'opened',
      'synchronize',
      'reopened',
      'ready_for_review',
      'converted_to_draft',
      'edited',
    ]);
    // A deleted sign-off must stop counting at once (it used to count until the hourly sweep).
    expect(on.issue_comment?.types).toEqual(['created', 'edited', 'deleted']);
    expect(on.workflow_run?.workflows).toEqual([byName('review-submitted.yml').data.name]);
    expect(
      (triggersOf(byName('review-submitted.yml')) as Record<string, { types?: string[] }>).pull_request_review?.types,
    ).toEqual(['submitted', 'dismissed']);
    const jobs = Object.fromEntries(jobsOf(gate));
    expect(Object.keys(jobs)).toEqual(['targets', 'gate']);
    expect(String(jobs.targets!.if)).toContain('github.event.issue.pull_request');
    // Finding the pull requests needs no write token.
    expect(jobs.targets!.permissions).toEqual({ 'pull-requests': 'read' });
    expect(jobs.gate!.permissions).toEqual({
      contents: 'read',
      'pull-requests': 'write',
      issues: 'write',
      statuses: 'write',
    });
    expect(JSON.stringify(jobs.gate!.steps)).toContain(
      'npx mpflow review-gate --repo \\"$REPOSITORY\\" --pr \\"$PR_NUMBER\\" --verdict \\"$VERDICT_AS\\"',
    );
  });

  it('evaluations of one pull request never run at once, whichever event started them', () => {
    // Before: the workflow's group was the PR number for some events but the head SHA (relayed
    // reviews) or the run id (the sweep) for others, so two evaluations of one PR could overlap:
    // two summary comments, or a "success" read before a dismissal posted after it.
    const gate = byName('review-gate.yml');
    expect(gate.data.concurrency).toBeUndefined();
    const jobs = Object.fromEntries(jobsOf(gate)) as Record<
      string,
      Job & { concurrency?: { group: string; 'cancel-in-progress': boolean }; strategy?: { matrix?: { pr?: string } } }
    >;
    for (const [id, job] of Object.entries(jobs)) {
      const writes = Object.values((job.permissions ?? {}) as Record<string, string>).includes(WRITE);
      if (!writes) continue;
      expect(job.strategy?.matrix?.pr, `job ${id}`).toBe('${{ fromJSON(needs.targets.outputs.numbers) }}');
      expect(job.concurrency, `job ${id}`).toEqual({
        group: 'review-gate-pr-${{ matrix.pr }}',
        'cancel-in-progress': false,
      });
      expect(JSON.stringify(job.steps), `job ${id}`).toContain('PR_NUMBER":"${{ matrix.pr }}');
    }
    expect(
      Object.values(jobs).some((job) =>
        Object.values((job.permissions ?? {}) as Record<string, string>).includes(WRITE),
      ),
    ).toBe(true);
  });

  it('the merge recorder runs only for merged pull requests and pushes the audit log', () => {
    const record = byName('review-record.yml');
    expect((triggersOf(record) as Record<string, { types?: string[] }>).pull_request_target?.types).toEqual(['closed']);
    const job = Object.fromEntries(jobsOf(record)).record!;
    expect(job.if).toBe(
      'github.event.pull_request.merged == true && github.event.pull_request.base.ref == github.event.repository.default_branch',
    );
    expect((job.permissions as Record<string, string>).contents).toBe('write');
    expect(JSON.stringify(job.steps)).toMatch(/--record-merge[\s\S]*git add --all -- content\/reviews[\s\S]*git push/);
  });

  it('publishing runs never overlap and are never cancelled mid-way', () => {
    for (const name of ['publish.yml', 'metrics-import.yml']) {
      const concurrency = byName(name).data.concurrency as { group: string; 'cancel-in-progress': boolean };
      expect(concurrency.group, name).not.toMatch(/\$\{\{/);
      expect(concurrency['cancel-in-progress'], name).toBe(false);
    }
  });

  it("publishing runs only on the default branch and pauses while an earlier run's records are missing", () => {
    const [, job] = jobsOf(byName('publish.yml')).find(([name]) => name === 'publish')!;
    expect(String(job.if)).toContain('github.event.repository.default_branch');
    const steps = job.steps ?? [];
    const index = (name: string) => steps.findIndex((step) => step.name === name);
    const guard = index("Stop while an earlier run's records are missing from the repository");
    const publish = index('Publish what is due');
    const commit = steps[index('Commit the publishing records')]!;
    expect(guard).toBeGreaterThanOrEqual(0);
    expect(guard).toBeLessThan(publish);
    // The guard looks for the step by this exact name, so renaming it would silently disable the guard.
    expect(String(steps[guard]!.run)).toContain(
      'select(.name == "Commit the publishing records" or .name == "Publishing is paused")',
    );
    // The step a paused run fails in, which carries the pause to the next run.
    const paused = index('Publishing is paused');
    expect(paused).toBeGreaterThan(guard);
    expect(paused).toBeLessThan(publish);
    expect(String(steps[paused]!.if)).toBe("steps.guard.outputs.paused == 'true'");
    // A paused run commits nothing, so the run that failed to push stays the one the guard finds.
    expect(String(commit.if)).toContain("steps.guard.outcome == 'success' && steps.guard.outputs.paused == 'false'");
    const keep = steps.find((step) => String(step.uses ?? '').startsWith('actions/upload-artifact@'))!;
    expect(String(keep.if)).toContain("steps.commit.outcome == 'failure'");
    expect((job.permissions as Record<string, string>).actions).toBe('read');
    // The record of a submission reaches the branch before the submission (test/publishing/crash-resume.test.ts).
    expect(String(steps[publish]!.run)).toBe('npx mpflow publish --due --push-records');
    expect((steps[publish]!.env as Record<string, string>).MPFLOW_PUSH_TOKEN).toBe(
      '${{ steps.app-token.outputs.token || github.token }}',
    );
  });

  it('scheduled workflows can be run by hand and say their time in Asia/Shanghai', () => {
    for (const workflow of workflows) {
      const on = triggersOf(workflow) as Record<string, unknown>;
      if (!('schedule' in on)) continue;
      expect(on, workflow.file).toHaveProperty('workflow_dispatch');
      const lines = readFileSync(path.join(PROJECT_ROOT, workflow.file), 'utf8').split('\n');
      const cronLines = lines.map((line, index) => [line, index] as const).filter(([line]) => /^\s*- cron:/.test(line));
      expect(cronLines.length, workflow.file).toBeGreaterThan(0);
      for (const [, index] of cronLines) {
        const comment = lines.slice(Math.max(0, index - 3), index).join('\n');
        expect(comment, `${workflow.file}:${index + 1}`).toMatch(/北京时间/);
        expect(comment, `${workflow.file}:${index + 1}`).toMatch(/Asia\/Shanghai/);
      }
    }
    // Every 15 minutes, off minute 0 (test/workflows/hardening.test.ts).
    expect((triggersOf(byName('publish.yml')).schedule as Array<{ cron: string }>)[0]!.cron).toBe('7,22,37,52 * * * *');
    // 08:00 Asia/Shanghai is 00:00 UTC; the import runs after it.
    const [minute, hour] = (triggersOf(byName('metrics-import.yml')).schedule as Array<{ cron: string }>)[0]!.cron
      .split(' ')
      .map(Number);
    expect(((hour! + 8) % 24) * 60 + minute!).toBeGreaterThanOrEqual(8 * 60);
  });

  it('every job that runs mpflow installs Node from .nvmrc and runs npm ci', () => {
    const nvmrc = readFileSync(path.join(PROJECT_ROOT, '.nvmrc'), 'utf8').trim();
    const [major, minor = 0] = nvmrc.replace(/^v/, '').split('.').map(Number);
    expect(major! > 22 || (major === 22 && minor >= 12)).toBe(true);
    for (const workflow of workflows) {
      for (const [id, job] of jobsOf(workflow)) {
        const steps = job.steps ?? [];
        const runs = steps.map((step) => String(step.run ?? '')).join('\n');
        if (!/\bnpx mpflow\b|\bnpm (run|test)\b/.test(runs)) continue;
        const setup = steps.find((step) => String(step.uses ?? '').startsWith('actions/setup-node@'));
        expect(
          (setup?.with as Record<string, unknown> | undefined)?.['node-version-file'],
          `${workflow.file}: job ${id}`,
        ).toBe('.nvmrc');
        expect(runs, `${workflow.file}: job ${id}`).toMatch(/^npm ci\b/m);
      }
    }
  });

  it('CI checks CODEOWNERS, the changed content and the scores', () => {
    const ci = JSON.stringify(byName('ci.yml').data.jobs);
    expect(ci).toContain('npx mpflow codeowners --check');
    expect(ci).toContain('npx mpflow check --changed --base \\"$BASE_SHA\\" --format github');
    expect(ci).toContain('--format markdown');
    expect(ci).toContain('$GITHUB_STEP_SUMMARY');
    expect(ci).toContain('npx mpflow score --verify');
  });

  it('the site deploys to GitHub Pages with only the deploy job able to deploy', () => {
    const pages = byName('pages.yml');
    const jobs = Object.fromEntries(jobsOf(pages));
    expect(jobs.deploy!.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(jobs.build!.permissions).toEqual({ contents: 'read', pages: 'read' });
    expect(JSON.stringify(jobs.build!.steps)).toContain('actions/upload-pages-artifact@');
    expect(JSON.stringify(jobs.deploy!.steps)).toContain('actions/deploy-pages@');
  });
});

describe('the secret finder', () => {
  it('finds secrets by dot, by bracket and by inheritance', () => {
    const job = {
      steps: [{ env: { A: '${{ secrets.WECHAT_APPID }}', B: "${{ secrets['OTHER'] }}" } }],
      secrets: 'inherit',
    };
    expect([...secretsReferencedIn(job)].sort()).toEqual(['OTHER', 'WECHAT_APPID', 'inherit']);
    expect([...secretsReferencedIn({ steps: [{ run: 'echo ${{ github.token }}' }] })]).toEqual([]);
  });
});
