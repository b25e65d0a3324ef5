/**
 * The handbook's worked example (绩效考核 › 得分怎么算 › 示例, and its English mirror), computed by
 * hand in the text, must match `mpflow score --explain` to the second decimal. The example's
 * member is made up; the test adds him and his ratings to a copy of the sample department.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';
import { copySampleDepartment } from './sample-copy.ts';

const INDICATORS = ['collaboration', 'professional-skills', 'learning-innovation', 'responsibility', 'teamwork', 'initiative', 'discipline', 'confidentiality', 'ethics'];
const SUPERVISOR = [80, 75, 85, 80, 85, 80, 90, 90, 90];
const PEER_A = [86, 72, 80, 84, 88, 77, 90, 96, 90];
const PEER_B = [82, 78, 86, 80, 84, 83, 90, 90, 84];

const rating = (rater: string, role: string, values: number[], at: string) =>
  `member: zhang-wei\nperiod: 2026-11\nrater: ${rater}\nrole: ${role}\nsubmittedAt: ${at}\nratings:\n${INDICATORS.map((id, index) => `  ${id}: ${values[index]}`).join('\n')}\n`;

interface Leaf {
  id: string;
  name: { zh: string; en: string };
  raw: number | null;
  effectiveWeight: number;
  contribution: number;
  raters?: Array<{ rater: string; value: number | null }>;
  children?: Leaf[];
}

let sample: Awaited<ReturnType<typeof copySampleDepartment>>;
let explanation: { score: number; grade: string; application: { bonusCoefficient: number; promotionEligible: boolean; trainingNeed: boolean }; categories: Leaf[] };

beforeAll(async () => {
  sample = await copySampleDepartment();
  await sample.edit(
    'content/team.yaml',
    '  - id: liu-fang\n',
    '  - id: zhang-wei\n    name: 张伟\n    github: zhangwei-writes\n    roles: [copywriter]\n    title: 文案策划\n    supervisor: zhou-min\n    joined: 2026-11-09\n  - id: liu-fang\n',
  );
  await sample.write('appraisals/2026-11/zhang-wei/supervisor.yaml', rating('zhou-min', 'supervisor', SUPERVISOR, '2026-12-04T18:00:00+08:00'));
  await sample.write('appraisals/2026-11/zhang-wei/peer-lin-xiao.yaml', rating('lin-xiao', 'peer', PEER_A, '2026-12-03T10:00:00+08:00'));
  await sample.write('appraisals/2026-11/zhang-wei/peer-chen-yu.yaml', rating('chen-yu', 'peer', PEER_B, '2026-12-04T11:00:00+08:00'));
  const run = await runMpflow(['score', '--explain', 'zhang-wei', '--period', '2026-11', '--format', 'json'], { cwd: sample.root });
  expect(run.stderr).toBe('');
  explanation = JSON.parse(run.stdout);
});
afterAll(() => sample.dispose());

const leaves = (nodes: Leaf[]): Leaf[] => nodes.flatMap((node) => (node.children ? leaves(node.children) : [node]));

describe.each([
  ['zh-CN', 'src/content/docs/handbook/appraisal.mdx', 'zh'],
  ['en', 'src/content/docs/en/handbook/appraisal.mdx', 'en'],
] as const)('the handbook\'s worked example (%s)', (_language, file, key) => {
  let rows: string[][];
  let page: string;
  beforeAll(async () => {
    page = await readFile(path.join(PROJECT_ROOT, file), 'utf8');
    const byName = new Map(leaves(explanation.categories).map((leaf) => [leaf.name[key], leaf]));
    rows = page
      .split('\n')
      .filter((line) => line.startsWith('| '))
      .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()))
      .filter((cells) => cells.length === 6 && byName.has(cells[0]!));
  });

  it('lists every rated indicator of the policy', () => {
    expect(rows.map((cells) => cells[0])).toEqual(leaves(explanation.categories).filter((leaf) => leaf.raters).map((leaf) => leaf.name[key]));
  });

  it('has the same ratings, mixed rating, weight and contribution as --explain, to the second decimal', () => {
    const byName = new Map(leaves(explanation.categories).map((leaf) => [leaf.name[key], leaf]));
    for (const [name, supervisor, peers, mixed, weight, contribution] of rows) {
      const leaf = byName.get(name!)!;
      expect(Number(supervisor), name).toBe(leaf.raters!.find((rater) => rater.rater === 'supervisor')!.value);
      expect(Number(peers), name).toBeCloseTo(leaf.raters!.find((rater) => rater.rater === 'peers')!.value!, 2);
      expect(leaf.raters!.find((rater) => rater.rater === 'self')!.value).toBeNull();
      expect(Number(mixed).toFixed(2), name).toBe(leaf.raw!.toFixed(2));
      expect(Number(weight).toFixed(2), name).toBe(leaf.effectiveWeight.toFixed(2));
      expect(Number(contribution).toFixed(2), name).toBe(leaf.contribution.toFixed(2));
    }
  });

  it('states the total, grade and application that --explain prints', () => {
    expect(page).toContain(`**${explanation.score.toFixed(2)}`);
    expect(explanation.score).toBe(81.54);
    expect(explanation.grade).toBe('A');
    expect(explanation.application).toEqual({ bonusCoefficient: 1.2, promotionEligible: true, trainingNeed: false });
    expect(page).toContain(key === 'zh' ? 'A 级（80 分起），奖金系数 1.2，具备晋升资格，无培训需求' : 'grade A (from 80), bonus coefficient 1.2, eligible for promotion, no training need');
  });
});
