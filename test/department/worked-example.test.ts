/**
 * The handbook's worked example (绩效考核 › 示例) is computed from the policy the page shows
 * (src/site/worked-example.ts), not typed into the MDX. Whatever the policy, its table and total
 * must be what `mpflow score --explain` prints for the same member and ratings written as files.
 */
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { PolicyFile } from '../../src/core/model/types.generated.ts';
import { EXAMPLE_MEMBER, workedExample, type WorkedExample } from '../../src/site/worked-example.ts';
import { FIXTURE_DEPARTMENT, MINIMAL_DEPARTMENT, PROJECT_ROOT } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';

const PEERS = ['lin-xiao', 'chen-yu', 'wang-jia'];

function roster(joined: string): string {
  return `members:
  - id: zhou-min
    name: 周敏
    github: zhoumin-head
    roles: [head]
    joined: 2019-04-15
${PEERS.map((id) => `  - id: ${id}\n    name: ${id}\n    github: ${id}-gh\n    roles: [operator]\n    supervisor: zhou-min\n    joined: 2020-01-01\n`).join('')}  - id: ${EXAMPLE_MEMBER}
    name: 示例成员
    github: example-member
    roles: [copywriter]
    supervisor: zhou-min
    joined: ${joined}
`;
}

const ratingFile = (example: WorkedExample, rater: string, role: string, ratings: Record<string, number>) =>
  `member: ${EXAMPLE_MEMBER}\nperiod: ${example.period}\nrater: ${rater}\nrole: ${role}\nsubmittedAt: ${example.period}-28T10:00:00+08:00\nratings:\n${Object.entries(
    ratings,
  )
    .map(([id, value]) => `  ${id}: ${value}`)
    .join('\n')}\n`;

interface Explained {
  score: number | null;
  grade: string | null;
  categories: Array<{
    id: string;
    contribution: number;
    effectiveWeight: number;
    raw?: number | null;
    raters?: unknown;
    children?: Explained['categories'];
  }>;
}
const leaves = (nodes: Explained['categories']): Explained['categories'] =>
  nodes.flatMap((node) => (node.children ? leaves(node.children) : [node]));

let samplePolicy: string;
const roots: string[] = [];

beforeAll(async () => {
  samplePolicy = await readFile(path.join(FIXTURE_DEPARTMENT, 'content/policy/2026-01-01.yaml'), 'utf8');
});
afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

/** A department holding only the example's member, raters and the policy; the example's ratings as files. */
async function explainInDepartment(policyText: string): Promise<{ example: WorkedExample; explained: Explained }> {
  const policy = parse(policyText) as PolicyFile;
  const example = workedExample(policy);
  const root = await mkdtemp(path.join(tmpdir(), 'mpflow-example-'));
  roots.push(root);
  const write = async (file: string, text: string) => {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  };
  await write('content/department.yaml', MINIMAL_DEPARTMENT);
  await write('content/team.yaml', roster(example.joined));
  await write(`content/policy/${policy.effective}.yaml`, policyText);
  await write(
    `appraisals/${example.period}/${EXAMPLE_MEMBER}/supervisor.yaml`,
    ratingFile(example, 'zhou-min', 'supervisor', example.ratings.supervisor!),
  );
  for (const [index, ratings] of example.ratings.peers.entries()) {
    await write(
      `appraisals/${example.period}/${EXAMPLE_MEMBER}/peer-${PEERS[index]}.yaml`,
      ratingFile(example, PEERS[index]!, 'peer', ratings),
    );
  }
  const run = await runMpflow(['score', '--explain', EXAMPLE_MEMBER, '--period', example.period, '--format', 'json'], {
    cwd: root,
    env: { LANG: 'en_US.UTF-8', MPFLOW_AGE_IDENTITY_FILE: '' },
  });
  expect(run.stderr).toBe('');
  return { example, explained: JSON.parse(run.stdout) as Explained };
}

function expectSameAsExplain(example: WorkedExample, explained: Explained): void {
  expect(example.result.score).toBe(explained.score);
  expect(example.result.grade).toBe(explained.grade);
  const byId = new Map(leaves(explained.categories).map((leaf) => [leaf.id, leaf]));
  expect(example.rows.map((row) => row.id)).toEqual(
    leaves(explained.categories)
      .filter((leaf) => leaf.raters)
      .map((leaf) => leaf.id),
  );
  for (const row of example.rows) {
    const leaf = byId.get(row.id)!;
    expect(row.mixed!.toFixed(2), row.id).toBe(leaf.raw!.toFixed(2));
    expect(row.weight.toFixed(2), row.id).toBe(leaf.effectiveWeight.toFixed(2));
    expect(Math.abs(row.points - leaf.contribution), row.id).toBeLessThanOrEqual(0.01);
  }
  // What is printed adds up: the categories' points to the total.
  const sum = example.categories.reduce((total, category) => total + Math.round(category.points * 100), 0) / 100;
  expect(sum.toFixed(2)).toBe(explained.score!.toFixed(2));
}

describe("the handbook's worked example", () => {
  it('is the component on both appraisal pages, with no example numbers typed in', async () => {
    for (const file of ['src/content/docs/handbook/appraisal.mdx', 'src/content/docs/en/handbook/appraisal.mdx']) {
      const page = await readFile(path.join(PROJECT_ROOT, file), 'utf8');
      expect(page, file).toMatch(/<PolicyWorkedExample lang="(zh-CN|en)" \/>/);
      expect(page, file).not.toMatch(/^\| .*\| \d+\.\d\d \|$/m);
    }
  });

  it('matches mpflow score --explain under the sample policy', async () => {
    const { example, explained } = await explainInDepartment(samplePolicy);
    expectSameAsExplain(example, explained);
    expect(example.result.status).toBe('scored');
    expect(example.missingMeasured.length).toBeGreaterThan(0);
  });

  it('follows a policy with another rater mix and more peers: the numbers change and still match', async () => {
    const other = samplePolicy
      .replace(
        /raterWeights: \{ supervisor: 60, peers: 30, self: 10 \}/,
        'raterWeights: { supervisor: 50, peers: 40, self: 10 }',
      )
      .replace(/minPeers: 2/, 'minPeers: 3');
    expect(other).not.toBe(samplePolicy);
    const { example, explained } = await explainInDepartment(other);
    expectSameAsExplain(example, explained);
    expect(example.ratings.peers).toHaveLength(3);
    const sample = workedExample(parse(samplePolicy) as PolicyFile);
    expect(example.result.score).not.toBe(sample.result.score);
    expect(example.raters.find((rater) => rater.rater === 'supervisor')?.declaredWeight).toBe(50);
  });
});
