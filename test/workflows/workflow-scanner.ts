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
  if (document.errors.length > 0) throw new Error(`${file}: ${document.errors.map((error) => error.message).join('\n')}`);
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
      if (existsSync(path.join(root, file))) files.push(parseWorkflow(readFileSync(path.join(root, file), 'utf8'), file, 'action'));
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
  return [...normalised.matchAll(/(?<![\w.-])(github|env|inputs)((?:\s*\.\s*(?:[a-z0-9_-]+|\*))*)/g)].map((match) => `${match[1]}${match[2]!.replace(/\s+/g, '')}`);
}

/** Why a context reference must not be spliced into a script, or that it may. */
export function judgeReference(reference: string, taintedEnv: ReadonlySet<string>): ReferenceVerdict {
  const [context, ...segments] = reference.split('.');
  if (context === 'github') {
    if (segments.length === 0) return { untrusted: true, reason: 'the whole github context holds the event text' };
    if (segments[0] === 'head_ref') return { untrusted: true, reason: 'github.head_ref is the branch name the pull request author chose' };
    if (segments[0] !== 'event') return { untrusted: false, reason: '' };
    const field = segments.slice(1).find((segment) => TEXT_FIELDS.has(segment));
    if (field) return { untrusted: true, reason: `${reference} is text (${field}) that someone outside the team can choose` };
    if (segments[1] === 'inputs') return { untrusted: true, reason: 'workflow inputs are typed by a person; pass them through env' };
    const last = segments[segments.length - 1]!;
    if (segments.length === 1 || TEXT_HOLDERS.has(last)) return { untrusted: true, reason: `${reference} is a whole object with text fields in it` };
    return { untrusted: false, reason: '' };
  }
  if (context === 'inputs') return { untrusted: true, reason: 'inputs are typed by a person or passed from other files; pass them through env' };
  if (context === 'env') {
    const name = segments[0];
    if (name === undefined) return { untrusted: true, reason: 'the whole env context may hold untrusted text' };
    if (taintedEnv.has(name)) return { untrusted: true, reason: `env.${segments[0]} is set from untrusted text; use "$${segments[0]!.toUpperCase()}" in the script instead` };
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
  for (const job of items(get(root, 'jobs'))) steps.push(...(items(get((job as { value: unknown }).value, 'steps')) as Node[]));
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
      findings.push({ file: workflow.file, line: position.line, column: position.col, expression: match[0], reason: verdict.reason });
    }
  }
  return findings;
}

/** Names of the secrets a part of a workflow refers to; `inherit` stands for "all of them". */
export function secretsReferencedIn(value: unknown): Set<string> {
  const names = new Set<string>();
  const visit = (node: unknown, key?: string) => {
    if (typeof node === 'string') {
      for (const match of node.matchAll(/secrets\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_]*)|\[\s*['"]([^'"]+)['"]\s*\])/g)) names.add((match[1] ?? match[2])!);
      if (key === 'secrets' && node === 'inherit') names.add('inherit');
    } else if (Array.isArray(node)) node.forEach((child) => visit(child));
    else if (node && typeof node === 'object') for (const [childKey, child] of Object.entries(node)) visit(child, childKey);
  };
  visit(value);
  return names;
}

export function formatFinding(finding: Finding): string {
  return `${finding.file}:${finding.line}:${finding.column}  ${finding.expression}  — ${finding.reason}`;
}
