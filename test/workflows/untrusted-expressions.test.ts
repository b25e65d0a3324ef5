import { describe, expect, it } from 'vitest';
import { positionOf, PROJECT_ROOT } from '../helpers/fixture-repository.ts';
import { findUntrustedExpressions, formatFinding, loadWorkflowFiles, parseWorkflow } from './workflow-scanner.ts';

const workflows = loadWorkflowFiles(PROJECT_ROOT);

/** A one-job workflow around the given steps (indented as list items under steps:). */
function workflowWith(steps: string, extra = ''): string {
  return `name: fixture
on:
  pull_request_target:
permissions: {}
${extra}jobs:
  job:
    runs-on: ubuntu-latest
    permissions: {}
    steps:
${steps}`;
}

function scan(source: string) {
  return findUntrustedExpressions(parseWorkflow(source, 'fixture.yml'));
}

describe('the workflows splice no untrusted text into scripts', () => {
  it('finds the workflow files and the composite action', () => {
    const names = workflows.map((workflow) => workflow.file);
    expect(names).toContain('.github/workflows/ci.yml');
    expect(names).toContain('.github/workflows/review-gate.yml');
    expect(names).toContain('.github/actions/commit-records/action.yml');
  });

  it('would catch an injection added to a real workflow', () => {
    const gate = workflows.find((workflow) => workflow.file === '.github/workflows/review-gate.yml')!;
    const anchor = '          checked=()\n';
    expect(gate.source).toContain(anchor);
    const injected = gate.source.replace(anchor, `${anchor}          echo "\${{ github.event.comment.body }}"\n`);
    expect(findUntrustedExpressions(parseWorkflow(injected, gate.file))).toHaveLength(1);
  });

  it.each(workflows.map((workflow) => [workflow.file, workflow] as const))(
    '%s has no untrusted ${{ }} in run:',
    (_file, workflow) => {
      expect(findUntrustedExpressions(workflow).map(formatFinding)).toEqual([]);
    },
  );
});

describe('the scanner itself', () => {
  it('flags a pull request title in a run: line, at its line and column', () => {
    const source = workflowWith(`      - run: |
          echo "checking"
          echo "\${{ github.event.pull_request.title }}"
`);
    const findings = scan(source);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ...positionOf(source, '${{ github.event'),
      expression: '${{ github.event.pull_request.title }}',
    });
    expect(findings[0]).toMatchObject({ line: 12, column: 17 });
    expect(findings[0]!.reason).toMatch(/title/);
  });

  it.each([
    ['the PR body', 'github.event.pull_request.body'],
    ['the head branch', 'github.head_ref'],
    ['the head ref from the payload', 'github.event.pull_request.head.ref'],
    ['the head label', 'github.event.pull_request.head.label'],
    ['a comment', 'github.event.comment.body'],
    ['a review', 'github.event.review.body'],
    ['an issue title', 'github.event.issue.title'],
    ['a commit message', 'github.event.head_commit.message'],
    ['a commit author email', 'github.event.commits[0].author.email'],
    ['commit author names', "join(github.event.commits.*.author.name, ', ')"],
    ['bracket notation', "github.event['pull_request']['title']"],
    ['odd capitalisation', 'GitHub.Event.Pull_Request.Title'],
    ['a whole object', 'toJSON(github.event.pull_request)'],
    ['the whole event', 'toJSON(github.event)'],
    ['the whole github context', 'toJSON(github)'],
    ['a workflow_run branch', 'github.event.workflow_run.head_branch'],
    ['a dispatch input', 'inputs.since'],
    ['a dispatch input through the event', 'github.event.inputs.since'],
    ['label names', "contains(github.event.pull_request.labels.*.name, 'x')"],
  ])('flags %s', (_what, expression) => {
    const findings = scan(workflowWith(`      - run: echo \${{ ${expression} }}\n`));
    expect(findings.map((finding) => finding.expression)).toEqual([`\${{ ${expression} }}`]);
  });

  it('flags env values set from PR text when spliced back in with ${{ env.* }}, at any level', () => {
    const source = workflowWith(
      `      - env:
          STEP_TITLE: \${{ github.event.pull_request.title }}
        run: echo "\${{ env.STEP_TITLE }}" "\${{ env.JOB_WIDE }}" "\${{ env.CHAINED }}"
`,
      `env:
  JOB_WIDE: \${{ github.event.comment.body }}
  CHAINED: prefix-\${{ env.JOB_WIDE }}
`,
    );
    expect(scan(source).map((finding) => finding.expression)).toEqual([
      '${{ env.STEP_TITLE }}',
      '${{ env.JOB_WIDE }}',
      '${{ env.CHAINED }}',
    ]);
  });

  it('flags the script of actions/github-script as well', () => {
    const source = workflowWith(`      - uses: actions/github-script@v7
        with:
          script: console.log("\${{ github.event.issue.body }}")
`);
    expect(scan(source)).toHaveLength(1);
  });

  it('flags scripts in composite actions', () => {
    const action = parseWorkflow(
      `name: x
description: x
runs:
  using: composite
  steps:
    - shell: bash
      run: echo "\${{ inputs.title }}"
`,
      'action.yml',
      'action',
    );
    expect(findUntrustedExpressions(action)).toHaveLength(1);
  });

  it('leaves numbers, SHAs, env-passed values and trusted contexts alone', () => {
    const source = workflowWith(`      - env:
          TITLE: \${{ github.event.pull_request.title }}
          NUMBER: \${{ github.event.pull_request.number }}
        run: |
          echo "$TITLE"
          echo "\${{ github.event.pull_request.number }} \${{ github.event.pull_request.head.sha }}"
          echo "\${{ github.repository }} \${{ github.run_id }} \${{ env.NUMBER }} \${{ steps.x.outputs.y }}"
          echo "\${{ github.event.workflow_run.head_sha }} \${{ github.event.pull_request.merged }}"
`);
    expect(scan(source)).toEqual([]);
  });

  it('does not look at expressions outside scripts (if:, with:, env:)', () => {
    const source = workflowWith(`      - if: contains(github.event.pull_request.title, 'wip')
        uses: actions/checkout@v4
        with:
          ref: \${{ github.event.pull_request.base.ref }}
`);
    expect(scan(source)).toEqual([]);
  });
});
