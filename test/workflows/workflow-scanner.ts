import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

/** A workflow or composite action as parsed by the `yaml` package, with a way back to lines. */
export interface WorkflowFile {
  /** Repository-relative path. */
  file: string;
  source: string;
  document: Document.Parsed;
  lineCounter: LineCounter;
  data: Record<string, unknown>;
  kind: 'workflow' | 'action';
}

export interface Finding {
  file: string;
  line: number;
  column: number;
  /** The whole `${{ … }}` as written. */
  expression: string;
  reason: string;
}

export function parseWorkflow(source: string, file: string, kind: WorkflowFile['kind'] = 'workflow'): WorkflowFile {
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: true });
  if (document.errors.length > 0)
    throw new Error(`${file}: ${document.errors.map((error) => error.message).join('\n')}`);
  const data = document.toJS() as unknown;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new Error(`${file}: not a mapping`);
  return { file, source, document, lineCounter, data: data as Record<string, unknown>, kind };
}

/** Every workflow (.github/workflows/*.yml) and local composite action (.github/actions/* /action.yml). */
export function loadWorkflowFiles(root: string): WorkflowFile[] {
  const files: WorkflowFile[] = [];
  const workflows = path.join(root, '.github/workflows');
  for (const name of existsSync(workflows) ? readdirSync(workflows).sort() : []) {
    if (!/\.ya?ml$/.test(name)) continue;
    const file = `.github/workflows/${name}`;
    files.push(parseWorkflow(readFileSync(path.join(root, file), 'utf8'), file, 'workflow'));
  }
  const actions = path.join(root, '.github/actions');
  for (const name of existsSync(actions) ? readdirSync(actions).sort() : []) {
    for (const candidate of ['action.yml', 'action.yaml']) {
      const file = `.github/actions/${name}/${candidate}`;
      if (existsSync(path.join(root, file)))
        files.push(parseWorkflow(readFileSync(path.join(root, file), 'utf8'), file, 'action'));
    }
  }
  return files;
}

/**
 * Fields of the event payload (and of github.*) that a pull request's author, a commenter or a
 * committer chooses freely. Matched on any path segment, case-insensitively, as GitHub does.
 */
const TEXT_FIELDS = new Set([
  'title',
  'body',
  'message',
  'name',
  'email',
  'label',
  'ref',
  'head_ref',
  'head_branch',
  'page_name',
  'display_title',
  'default_branch',
  'description',
]);

/** Objects that hold such text; passing one whole (toJSON(github.event.pull_request)) is as bad. */
const TEXT_HOLDERS = new Set([
  'event',
  'pull_request',
  'issue',
  'comment',
  'review',
  'review_comment',
  'head_commit',
  'commits',
  'head',
  'base',
  'repo',
  'workflow_run',
  'discussion',
  'author',
  'committer',
  'pages',
  'release',
  'inputs',
  '*',
]);

export interface ReferenceVerdict {
  untrusted: boolean;
  reason: string;
}

/** Context references in one expression body, with bracket access turned into dots. */
function contextReferences(expression: string): string[] {
  const normalised = expression
    .toLowerCase()
    .replace(/\[\s*'([^']*)'\s*\]/g, '.$1')
    .replace(/\[\s*"([^"]*)"\s*\]/g, '.$1')
    .replace(/\[[^\]]*\]/g, '.*')
    .replace(/'(?:[^']|'')*'/g, "''");
  return [...normalised.matchAll(/(?<![\w.-])(github|env|inputs)((?:\s*\.\s*(?:[a-z0-9_-]+|\*))*)/g)].map(
    (match) => `${match[1]}${match[2]!.replace(/\s+/g, '')}`,
  );
}

/** Why a context reference must not be spliced into a script, or that it may. */
export function judgeReference(reference: string, taintedEnv: ReadonlySet<string>): ReferenceVerdict {
  const [context, ...segments] = reference.split('.');
  if (context === 'github') {
    if (segments.length === 0) return { untrusted: true, reason: 'the whole github context holds the event text' };
    if (segments[0] === 'head_ref')
      return { untrusted: true, reason: 'github.head_ref is the branch name the pull request author chose' };
    if (segments[0] !== 'event') return { untrusted: false, reason: '' };
    const field = segments.slice(1).find((segment) => TEXT_FIELDS.has(segment));
    if (field)
      return { untrusted: true, reason: `${reference} is text (${field}) that someone outside the team can choose` };
    if (segments[1] === 'inputs')
      return { untrusted: true, reason: 'workflow inputs are typed by a person; pass them through env' };
    const last = segments[segments.length - 1]!;
    if (segments.length === 1 || TEXT_HOLDERS.has(last))
      return { untrusted: true, reason: `${reference} is a whole object with text fields in it` };
    return { untrusted: false, reason: '' };
  }
  if (context === 'inputs')
    return {
      untrusted: true,
      reason: 'inputs are typed by a person or passed from other files; pass them through env',
    };
  if (context === 'env') {
    const name = segments[0];
    if (name === undefined) return { untrusted: true, reason: 'the whole env context may hold untrusted text' };
    if (taintedEnv.has(name))
      return {
        untrusted: true,
        reason: `env.${segments[0]} is set from untrusted text; use "$${segments[0]!.toUpperCase()}" in the script instead`,
      };
  }
  return { untrusted: false, reason: '' };
}

export function expressionIsUntrusted(body: string, taintedEnv: ReadonlySet<string>): ReferenceVerdict {
  for (const reference of contextReferences(body)) {
    const verdict = judgeReference(reference, taintedEnv);
    if (verdict.untrusted) return verdict;
  }
  return { untrusted: false, reason: '' };
}

const EXPRESSION = /\$\{\{([\s\S]*?)\}\}/g;

function get(node: unknown, key: string): unknown {
  return isMap(node) ? node.get(key, true) : undefined;
}

function items(node: unknown): unknown[] {
  return isSeq(node) || isMap(node) ? node.items : [];
}

/** Steps of every job (workflow) or of the composite action. */
function stepNodes(workflow: WorkflowFile): Node[] {
  const root = workflow.document.contents;
  if (workflow.kind === 'action') return items(get(get(root, 'runs'), 'steps')) as Node[];
  const steps: Node[] = [];
  for (const job of items(get(root, 'jobs')))
    steps.push(...(items(get((job as { value: unknown }).value, 'steps')) as Node[]));
  return steps;
}

/** Every `env:` mapping: the workflow's, each job's, each step's. */
function envMaps(workflow: WorkflowFile): unknown[] {
  const root = workflow.document.contents;
  const maps: unknown[] = [get(root, 'env')];
  for (const job of items(get(root, 'jobs'))) maps.push(get((job as { value: unknown }).value, 'env'));
  for (const step of stepNodes(workflow)) maps.push(get(step, 'env'));
  return maps.filter((map) => isMap(map));
}

/** Names of environment variables whose value comes from untrusted text (directly or through another). */
export function taintedEnvironment(workflow: WorkflowFile): Set<string> {
  const tainted = new Set<string>();
  const values: Array<[string, string]> = [];
  for (const map of envMaps(workflow)) {
    for (const pair of items(map) as Array<{ key: unknown; value: unknown }>) {
      const key = isScalar(pair.key) ? String(pair.key.value).toLowerCase() : '';
      const value = isScalar(pair.value) ? String(pair.value.value ?? '') : '';
      values.push([key, value]);
    }
  }
  // Repeat until nothing changes: env.B may be set from env.A that holds a title.
  for (let changed = true; changed; ) {
    changed = false;
    for (const [key, value] of values) {
      if (tainted.has(key)) continue;
      for (const match of value.matchAll(EXPRESSION)) {
        if (expressionIsUntrusted(match[1]!, tainted).untrusted) {
          tainted.add(key);
          changed = true;
          break;
        }
      }
    }
  }
  return tainted;
}

/** The scripts of a workflow: each step's `run:`, and the `script:` of actions/github-script. */
function scriptNodes(workflow: WorkflowFile): Node[] {
  const scripts: Node[] = [];
  for (const step of stepNodes(workflow)) {
    const run = get(step, 'run');
    if (isScalar(run)) scripts.push(run);
    const uses = get(step, 'uses');
    if (isScalar(uses) && /^actions\/github-script@/i.test(String(uses.value))) {
      const script = get(get(step, 'with'), 'script');
      if (isScalar(script)) scripts.push(script);
    }
  }
  return scripts;
}

/** Every `${{ … }}` in a script that splices untrusted text into it. */
export function findUntrustedExpressions(workflow: WorkflowFile): Finding[] {
  const tainted = taintedEnvironment(workflow);
  const findings: Finding[] = [];
  for (const node of scriptNodes(workflow)) {
    const [start, , end] = node.range ?? [0, 0, 0];
    // The raw text, not the parsed value, so positions are those of the file.
    const raw = workflow.source.slice(start, end);
    for (const match of raw.matchAll(EXPRESSION)) {
      const verdict = expressionIsUntrusted(match[1]!, tainted);
      if (!verdict.untrusted) continue;
      const position = workflow.lineCounter.linePos(start + match.index);
      findings.push({
        file: workflow.file,
        line: position.line,
        column: position.col,
        expression: match[0],
        reason: verdict.reason,
      });
    }
  }
  return findings;
}

/** Names of the secrets a part of a workflow refers to; `inherit` stands for "all of them". */
export function secretsReferencedIn(value: unknown): Set<string> {
  const names = new Set<string>();
  const visit = (node: unknown, key?: string) => {
    if (typeof node === 'string') {
      for (const match of node.matchAll(/secrets\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_]*)|\[\s*['"]([^'"]+)['"]\s*\])/g))
        names.add((match[1] ?? match[2])!);
      if (key === 'secrets' && node === 'inherit') names.add('inherit');
    } else if (Array.isArray(node)) node.forEach((child) => visit(child));
    else if (node && typeof node === 'object')
      for (const [childKey, child] of Object.entries(node)) visit(child, childKey);
  };
  visit(value);
  return names;
}

export function formatFinding(finding: Finding): string {
  return `${finding.file}:${finding.line}:${finding.column}  ${finding.expression}  — ${finding.reason}`;
}

/* ---------------------------------------------------------------------------------------------
 * Hardening rules: each returns what is wrong in one workflow, as "file: job: why" lines, so a
 * test can hold the repository's workflows to them and show each rule failing on a bad example.
 * Threat model: every member has write access, so anyone can push a branch with a workflow of
 * their own, open pull requests and start workflows on any branch (README "Threat model").
 * ------------------------------------------------------------------------------------------- */

/** The environment that holds every secret; its deployment branch rule admits only the default branch. */
export const SECRETS_ENVIRONMENT = 'mpflow-secrets';

type JobData = Record<string, unknown> & {
  steps?: Array<Record<string, unknown>>;
  permissions?: unknown;
  if?: unknown;
  environment?: unknown;
  concurrency?: unknown;
};

export function jobsOf(workflow: WorkflowFile): Array<[string, JobData]> {
  if (workflow.kind !== 'workflow') return [];
  return Object.entries((workflow.data.jobs ?? {}) as Record<string, JobData>);
}

export function triggersOf(workflow: WorkflowFile): Record<string, unknown> {
  const on = workflow.data.on;
  if (typeof on === 'string') return { [on]: null };
  if (Array.isArray(on)) return Object.fromEntries(on.map((name: string) => [name, null]));
  return (on ?? {}) as Record<string, unknown>;
}

function environmentName(job: JobData): string | undefined {
  const environment = job.environment;
  if (typeof environment === 'string') return environment;
  if (environment && typeof environment === 'object') return String((environment as { name?: unknown }).name ?? '');
  return undefined;
}

/** Secrets a job reads, GITHUB_TOKEN aside (every run has that one anyway). */
function jobSecrets(job: JobData): string[] {
  return [...secretsReferencedIn(job)].filter((name) => name !== 'GITHUB_TOKEN');
}

function writes(job: JobData): boolean {
  const permissions = job.permissions;
  if (permissions === 'write-all') return true;
  return (
    !!permissions &&
    typeof permissions === 'object' &&
    Object.values(permissions as Record<string, string>).includes('write')
  );
}

const DEFAULT_BRANCH_ONLY = /github\.ref == format\('refs\/heads\/\{0\}', github\.event\.repository\.default_branch\)/;

/** Finding 1: a secret is read only in a job of the environment that only the default branch may use. */
export function secretsOutsideTheEnvironment(workflow: WorkflowFile): string[] {
  const found: string[] = [];
  for (const [id, job] of jobsOf(workflow)) {
    const secrets = jobSecrets(job);
    if (secrets.length === 0) continue;
    const environment = environmentName(job);
    if (environment !== SECRETS_ENVIRONMENT)
      found.push(
        `${workflow.file}: job ${id} reads ${secrets.join(', ')} outside the environment ${SECRETS_ENVIRONMENT} (${environment === undefined ? 'no environment' : `environment ${environment}`})`,
      );
    // The environment refuses other branches; the job should not even start there (a failed
    // deployment on every branch run would be noise). Events that only ever run on the default
    // branch (schedule, issue_comment, workflow_run, pull_request_target into it) need no condition.
    const condition = String(job.if ?? '');
    const triggers = Object.keys(triggersOf(workflow));
    const anyBranch = triggers.filter((trigger) => ['workflow_dispatch', 'push', 'workflow_call'].includes(trigger));
    if (anyBranch.length > 0 && !DEFAULT_BRANCH_ONLY.test(condition)) {
      found.push(
        `${workflow.file}: job ${id} reads secrets and can be started on any branch (${anyBranch.join(', ')}) without a default-branch condition`,
      );
    }
  }
  return found;
}

function checkoutSteps(job: JobData): Array<Record<string, unknown>> {
  return (job.steps ?? []).filter((step) => typeof step.uses === 'string' && /^actions\/checkout@/.test(step.uses));
}

/**
 * Finding 2: a job with a write token or a secret that runs on pull_request_target checks out only
 * the default branch, and one that records merges does so only for pull requests into it.
 */
export function privilegedCodeFromOtherBranches(workflow: WorkflowFile): string[] {
  const found: string[] = [];
  const privilegedTrigger = ['pull_request_target', 'issue_comment', 'workflow_run'].some(
    (trigger) => trigger in triggersOf(workflow),
  );
  if (!privilegedTrigger) return found;
  for (const [id, job] of jobsOf(workflow)) {
    if (!writes(job) && jobSecrets(job).length === 0) continue;
    for (const step of checkoutSteps(job)) {
      const ref = String((step.with as Record<string, unknown> | undefined)?.ref ?? '');
      if (ref !== '${{ github.event.repository.default_branch }}')
        found.push(
          `${workflow.file}: job ${id} checks out "${ref}" with a write token; only \${{ github.event.repository.default_branch }} may run here`,
        );
    }
    const script = JSON.stringify(job.steps ?? []);
    if (
      /--record-merge/.test(script) &&
      !/github\.event\.pull_request\.base\.ref == github\.event\.repository\.default_branch/.test(String(job.if ?? ''))
    ) {
      found.push(
        `${workflow.file}: job ${id} records merges into any base branch; its condition must require the default branch`,
      );
    }
    if (
      /github\.event\.pull_request\.base\.ref/.test(JSON.stringify((job.steps ?? []).map((step) => step.with ?? {})))
    ) {
      found.push(`${workflow.file}: job ${id} passes the pull request's base branch to an action`);
    }
  }
  return found;
}

/** Finding 3: the site is built from the default branch only, one build and one deployment at a time. */
export function pagesDeployAnyRef(workflow: WorkflowFile): string[] {
  const found: string[] = [];
  const jobs = jobsOf(workflow);
  const deploys = jobs.some(([, job]) =>
    (job.steps ?? []).some((step) => typeof step.uses === 'string' && /^actions\/deploy-pages@/.test(step.uses)),
  );
  if (!deploys) return found;
  for (const [trigger, spec] of Object.entries(triggersOf(workflow))) {
    const inputs = (spec as { inputs?: Record<string, unknown> } | null)?.inputs ?? {};
    for (const name of Object.keys(inputs))
      if (/ref|sha|branch|commit/i.test(name))
        found.push(`${workflow.file}: ${trigger} takes an input "${name}" that picks what to deploy`);
  }
  for (const [id, job] of jobs) {
    const concurrency = job.concurrency as { group?: unknown; 'cancel-in-progress'?: unknown } | undefined;
    if (
      !concurrency ||
      typeof concurrency !== 'object' ||
      typeof concurrency.group !== 'string' ||
      /\$\{\{/.test(concurrency.group) ||
      concurrency['cancel-in-progress'] !== false
    ) {
      found.push(
        `${workflow.file}: job ${id} has no fixed concurrency group that waits (an older build could deploy last)`,
      );
    }
    for (const step of checkoutSteps(job)) {
      const ref = String((step.with as Record<string, unknown> | undefined)?.ref ?? '');
      if (ref !== '${{ github.ref_name }}')
        found.push(`${workflow.file}: job ${id} builds "${ref || 'the event commit'}", not the branch's newest commit`);
      if (!DEFAULT_BRANCH_ONLY.test(String(job.if ?? '')))
        found.push(`${workflow.file}: job ${id} builds on any branch`);
    }
  }
  return found;
}

/** Finding 5a: no npm (or any) cache is restored in a job that holds a secret or a write token. */
export function cacheInPrivilegedJobs(workflow: WorkflowFile): string[] {
  const found: string[] = [];
  for (const [id, job] of jobsOf(workflow)) {
    if (!writes(job) && jobSecrets(job).length === 0) continue;
    for (const step of job.steps ?? []) {
      const uses = String(step.uses ?? '');
      const cache = (step.with as Record<string, unknown> | undefined)?.cache;
      if (/^actions\/setup-node@/.test(uses) && cache !== undefined && cache !== '')
        found.push(
          `${workflow.file}: job ${id} restores the ${String(cache)} cache while it holds a secret or write token`,
        );
      if (/^actions\/cache(\/restore)?@/.test(uses))
        found.push(`${workflow.file}: job ${id} restores a cache while it holds a secret or write token`);
    }
  }
  return found;
}

/** Finding 5b: checkout never leaves a token in .git/config for the steps that follow. */
export function persistedCredentials(workflow: WorkflowFile): string[] {
  const found: string[] = [];
  for (const [id, job] of jobsOf(workflow)) {
    for (const step of checkoutSteps(job)) {
      const withs = (step.with as Record<string, unknown> | undefined) ?? {};
      if (withs['persist-credentials'] !== false)
        found.push(`${workflow.file}: job ${id} checks out without persist-credentials: false`);
      if ('token' in withs)
        found.push(`${workflow.file}: job ${id} gives checkout a token; push with the commit step's token instead`);
    }
  }
  return found;
}

/** Finding 5f: every action from elsewhere is pinned by a full commit SHA, its release named in a comment. */
export function unpinnedActions(workflow: WorkflowFile): string[] {
  const found: string[] = [];
  const lines = workflow.source.split('\n');
  lines.forEach((line, index) => {
    const match = /^\s*(?:-\s+)?uses:\s*(['"]?)([^\s'"#]+)\1\s*(#.*)?$/.exec(line);
    if (!match) return;
    const target = match[2]!;
    if (target.startsWith('./')) return;
    if (!/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(target))
      found.push(`${workflow.file}:${index + 1}: ${target} is not pinned by a full commit SHA`);
    else if (!/^#\s*v\d+\.\d+\.\d+\s*$/.test(match[3] ?? ''))
      found.push(`${workflow.file}:${index + 1}: ${target} does not say which release the SHA is (# vX.Y.Z)`);
  });
  return found;
}

/** Finding 5g: no schedule fires at minute 0, when GitHub's scheduler is busiest and drops runs. */
export function cronOnTheHour(workflow: WorkflowFile): string[] {
  const found: string[] = [];
  for (const entry of (triggersOf(workflow).schedule ?? []) as Array<{ cron?: string }>) {
    const minute =
      String(entry.cron ?? '')
        .trim()
        .split(/\s+/)[0] ?? '';
    const fires = minuteValues(minute);
    if (fires === undefined) found.push(`${workflow.file}: cron minute "${minute}" cannot be read`);
    else if (fires.includes(0)) found.push(`${workflow.file}: cron "${entry.cron}" fires at minute 0`);
  }
  return found;
}

/** The minutes a cron minute field fires at, or undefined when it cannot be read. */
export function minuteValues(field: string): number[] | undefined {
  const minutes = new Set<number>();
  for (const part of field.split(',')) {
    const match = /^(\*|\d+)(?:-(\d+))?(?:\/(\d+))?$/.exec(part);
    if (!match) return undefined;
    const start = match[1] === '*' ? 0 : Number(match[1]);
    const end = match[2] !== undefined ? Number(match[2]) : match[1] === '*' || match[3] !== undefined ? 59 : start;
    const step = match[3] !== undefined ? Number(match[3]) : 1;
    if (start > 59 || end > 59 || step === 0) return undefined;
    for (let minute = start; minute <= end; minute += step) minutes.add(minute);
  }
  return [...minutes].sort((a, b) => a - b);
}

/**
 * Every `run:` script of a workflow or action, as bash would get it, with each `${{ … }}` replaced
 * by a plain word so shellcheck reads the shell and not the expression.
 */
export function runScripts(workflow: WorkflowFile): Array<{ where: string; script: string }> {
  const scripts: Array<{ where: string; script: string }> = [];
  const collect = (where: string, steps: Array<Record<string, unknown>> | undefined) => {
    (steps ?? []).forEach((step, index) => {
      if (typeof step.run !== 'string') return;
      scripts.push({
        where: `${workflow.file}: ${where} step ${String(step.name ?? step.id ?? index + 1)}`,
        script: step.run.replace(/\$\{\{[\s\S]*?\}\}/g, 'EXPRESSION'),
      });
    });
  };
  if (workflow.kind === 'action')
    collect('action', (workflow.data.runs as { steps?: Array<Record<string, unknown>> } | undefined)?.steps);
  for (const [id, job] of jobsOf(workflow)) collect(`job ${id}`, job.steps);
  return scripts;
}
