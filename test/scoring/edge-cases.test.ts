/**
 * The edge cases of issue 5, as a table: each row changes one thing about a real member's month
 * (林晓, 2026-10, or a copy of the sample department) and states what a person would see.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadRepository, type Repository } from '../../src/core/repository/load-repository.ts';
import {
  FigureCache,
  gatherMemberInputs,
  gatherPeriodInputs,
  policyForPeriod,
} from '../../src/core/scoring/gather-inputs.ts';
import { scoreMemberMonth } from '../../src/core/scoring/score-member.ts';
import type { MemberMonthInputs, NodeExplanation } from '../../src/core/scoring/score-types.ts';
import { leavesOf } from '../../src/core/scoring/result-file.ts';
import type { PolicyFile } from '../../src/core/model/types.generated.ts';
import { FIXTURE_DEPARTMENT } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';
import { copySampleDepartment } from './sample-copy.ts';

let repository: Repository;
let policy: PolicyFile;
let linXiao: MemberMonthInputs;
beforeAll(async () => {
  repository = (await loadRepository(FIXTURE_DEPARTMENT)).repository;
  const gathered = gatherPeriodInputs(repository, '2026-10')!;
  policy = gathered.policy;
  linXiao = gathered.members.find((member) => member.member === 'lin-xiao')!;
});

const leaf = (nodes: NodeExplanation[], id: string) => leavesOf(nodes).find((node) => node.id === id)!;
const clone = <T>(value: T): T => structuredClone(value);

describe("edge cases of a member's month", () => {
  it('missing self-assessment: the supervisor and peers share its 10% (60:30 → 66.67:33.33), never a zero', () => {
    const inputs = clone(linXiao);
    delete inputs.ratings.self;
    const result = scoreMemberMonth(inputs, policy);
    expect(result.status).toBe('scored');
    const teamwork = leaf(result.categories, 'teamwork');
    expect(teamwork.raters!.map((rater) => [rater.rater, rater.status, +rater.effectiveWeight.toFixed(2)])).toEqual([
      ['supervisor', 'present', 66.67],
      ['peers', 'present', 33.33],
      ['self', 'missing', 0],
    ]);
    // supervisor 82, peers (82 + 84 + 82) / 3 → (82 × 60 + 82.667 × 30) / 90
    expect(teamwork.raw).toBeCloseTo((82 * 60 + (248 / 3) * 30) / 90, 9);
    // Zero-filling (what Frappe HRMS does) would have cost far more than the self-rating's influence.
    expect(result.score!).toBeGreaterThan(85);
  });

  it('a single peer (below minPeers 2): the peer rating is not counted; supervisor and self share the weight', () => {
    const inputs = clone(linXiao);
    inputs.ratings.peers = inputs.ratings.peers.slice(0, 1);
    const result = scoreMemberMonth(inputs, policy);
    const collaboration = leaf(result.categories, 'collaboration');
    const peers = collaboration.raters!.find((rater) => rater.rater === 'peers')!;
    expect(peers).toMatchObject({ status: 'below-minimum', value: null, count: 1 });
    expect(collaboration.raw).toBeCloseTo((81 * 60 + 85 * 10) / 70, 9);
  });

  it('no metrics for a new member: the account metrics weight is shared among the other indicators of 工作业绩', () => {
    const inputs = clone(linXiao);
    for (const kpi of Object.keys(inputs.kpis))
      inputs.kpis[kpi] = { value: null, basis: { zh: '没有数据', en: 'no data' } };
    const result = scoreMemberMonth(inputs, policy);
    expect(result.status).toBe('scored');
    const performance = result.categories.find((category) => category.id === 'performance')!;
    const metrics = leaf(result.categories, 'operations-metrics');
    const collaboration = leaf(result.categories, 'collaboration');
    expect(metrics.status).toBe('missing-reweighted');
    expect(metrics.contribution).toBe(0);
    // Campaigns are missing too, so collaboration carries the whole 60 points of the category.
    expect(collaboration.effectiveWeight).toBeCloseTo(60, 9);
    expect(performance.contribution).toBeCloseTo((60 * collaboration.score!) / 100, 9);
  });

  it('a member who joined mid-month is measured from the joining day, against a prorated target', () => {
    const member = { ...repository.team!.data.members.find((entry) => entry.id === 'chen-yu')!, joined: '2026-10-16' };
    const inputs = gatherMemberInputs(
      repository,
      policy,
      '2026-10',
      member,
      new FigureCache(repository, 'Asia/Shanghai'),
    );
    expect(inputs.daysInPost).toBe(16);
    const result = scoreMemberMonth(inputs, policy);
    const growth = leaf(result.categories, 'operations-metrics').parts!.find(
      (part) => part.kpi === 'follower-net-growth',
    )!;
    expect(growth.target).toBeCloseTo((800 * 16) / 31, 9);
    const whole = gatherMemberInputs(
      repository,
      policy,
      '2026-10',
      { ...member, joined: '2021-07-01' },
      new FigureCache(repository, 'Asia/Shanghai'),
    );
    expect(inputs.kpis['follower-net-growth']!.value).toBeLessThan(whole.kpis['follower-net-growth']!.value!);
  });

  it('a member who left mid-month is measured up to the last day in post, against a prorated target', () => {
    const member = { ...repository.team!.data.members.find((entry) => entry.id === 'chen-yu')!, left: '2026-10-15' };
    const inputs = gatherMemberInputs(
      repository,
      policy,
      '2026-10',
      member,
      new FigureCache(repository, 'Asia/Shanghai'),
    );
    expect(inputs.daysInPost).toBe(15);
    const growth = leaf(scoreMemberMonth(inputs, policy).categories, 'operations-metrics').parts!.find(
      (part) => part.kpi === 'follower-net-growth',
    )!;
    expect(growth.target).toBeCloseTo((800 * 15) / 31, 9);
    // The followers gained after she left are not hers.
    const whole = gatherMemberInputs(
      repository,
      policy,
      '2026-10',
      { ...member, left: undefined },
      new FigureCache(repository, 'Asia/Shanghai'),
    );
    expect(inputs.kpis['follower-net-growth']!.value).toBeLessThan(whole.kpis['follower-net-growth']!.value!);
  });

  it.each([
    ['reweight', 'missing-reweighted', 'scored', 0],
    ['zero', 'missing-zero', 'scored', 30],
    ['block', 'missing-blocked', 'blocked', 0],
  ] as const)('no metrics with the leaf rule %s: %s, the month is %s', (rule, leafStatus, status, weight) => {
    const changed = clone(policy);
    const metrics = changed.appraisal.weights[0]!.children!.find((node) => node.id === 'operations-metrics')!;
    metrics.missing = rule;
    const inputs = clone(linXiao);
    for (const kpi of Object.keys(inputs.kpis))
      if (!kpi.startsWith('campaign-')) inputs.kpis[kpi] = { value: null, basis: { zh: '没有数据', en: 'no data' } };
    const result = scoreMemberMonth(inputs, changed);
    const node = leaf(result.categories, 'operations-metrics');
    expect([node.status, result.status]).toEqual([leafStatus, status]);
    if (status === 'scored') expect(node.effectiveWeight).toBeCloseTo(weight, 9);
    if (rule === 'zero') expect(result.score!).toBeLessThan(75);
    if (rule === 'block')
      expect(result.blockedBy.map((reason) => reason.en)).toContain('"Account metrics" has no data');
  });

  it('a missing supervisor rating blocks the score instead of guessing', () => {
    const inputs = clone(linXiao);
    delete inputs.ratings.supervisor;
    const result = scoreMemberMonth(inputs, policy);
    expect(result).toMatchObject({ status: 'blocked', score: null, grade: null });
    expect(result.blockedBy.map((reason) => reason.en)).toEqual(['no supervisor rating yet']);
  });

  it('a calibration moves the final score but not the computed one, and stays within 0–100', () => {
    const inputs = clone(linXiao);
    inputs.calibrations = [{ points: 2.5, by: 'liu-fang', at: '2026-11-20T10:00:00+08:00' }];
    const result = scoreMemberMonth(inputs, policy);
    expect(result.computedScore).toBe(87.6);
    expect(result.score).toBe(90.1);
    expect(result.grade).toBe('S');
  });
});

describe('edge cases of the repository', () => {
  let sample: Awaited<ReturnType<typeof copySampleDepartment>> | undefined;
  afterEach(async () => {
    await sample?.dispose();
    sample = undefined;
  });

  it('weights changed by a new policy version mid-year: September is scored with the old weights, October with the new', async () => {
    sample = await copySampleDepartment();
    const original = await (await import('node:fs/promises')).readFile(
      `${sample.root}/content/policy/2026-01-01.yaml`,
      'utf8',
    );
    // 2026-10-01 edition: account metrics 35, campaigns 15.
    const changed = original
      .replace('effective: 2026-01-01', 'effective: 2026-10-01')
      .replace(/(id: operations-metrics\n(?:.*\n){1}\s+weight: )30/, '$135')
      .replace(/(id: campaign-results\n(?:.*\n){1}\s+weight: )20/, '$115');
    expect(changed).not.toBe(original);
    await sample.write('content/policy/2026-10-01.yaml', changed);
    const { repository: changedRepository } = await loadRepository(sample.root);
    expect(policyForPeriod(changedRepository, '2026-09')!.effective).toBe('2026-01-01');
    expect(policyForPeriod(changedRepository, '2026-10')!.effective).toBe('2026-10-01');
    // October is finalised under 2026-01-01: a version in force from its first day would rescore it, which check refuses.
    const check = await runMpflow(['check', 'content/policy'], { cwd: sample.root });
    expect(check.exitCode).toBe(1);
    expect(check.stdout).toMatch(
      /content\/policy\/2026-10-01\.yaml:\d+:\d+ {2}policy\/immutable {2}This version takes effect on 2026-10-01, which would rescore 2026-10, finalised under the 2026-01-01 version\./,
    );
    const september = await runMpflow(['score', '--explain', 'lin-xiao', '--period', '2026-09', '--format', 'json'], {
      cwd: sample.root,
    });
    const october = await runMpflow(['score', '--explain', 'lin-xiao', '--period', '2026-10', '--format', 'json'], {
      cwd: sample.root,
    });
    const weightOf = (run: { stdout: string }, id: string) =>
      (JSON.parse(run.stdout).categories[0].children as Array<{ id: string; declaredWeight: number }>).find(
        (node) => node.id === id,
      )!.declaredWeight;
    expect([weightOf(september, 'operations-metrics'), weightOf(september, 'campaign-results')]).toEqual([30, 20]);
    expect([weightOf(october, 'operations-metrics'), weightOf(october, 'campaign-results')]).toEqual([35, 15]);
    expect(JSON.parse(october.stdout).policy).toBe('2026-10-01');
    // The committed October results were computed with the old policy: --verify names what moved.
    const verify = await runMpflow(['score', '--verify'], { cwd: sample.root });
    expect(verify.exitCode).toBe(1);
    expect(verify.stdout).toMatch(
      /appraisals\/2026-10\/lin-xiao\/result\.yaml: lin-xiao 2026-10 policy is "2026-01-01" as committed, "2026-10-01" recomputed/,
    );
  });

  it('an article published on the last day of a month: with articleWindowDays each article counts its first days, into the next month', async () => {
    sample = await copySampleDepartment();
    const explain = async () =>
      JSON.parse(
        (
          await runMpflow(['score', '--explain', 'lin-xiao', '--period', '2026-10', '--format', 'json'], {
            cwd: sample!.root,
          })
        ).stdout,
      );
    const part = (
      json: {
        categories: Array<{
          children?: Array<{ id: string; parts?: Array<{ kpi: string; raw: number; basis: { en: string } }> }>;
        }>;
      },
      kpi: string,
    ) =>
      json.categories[0]!.children!.find((node) => node.id === 'operations-metrics')!.parts!.find(
        (entry) => entry.kpi === kpi,
      )!;
    // Without a window (the 2026 policy), 《新包装的故事》 of 31 October counts only its first evening: 1,100 reads.
    const monthOnly = await explain();
    expect(part(monthOnly, 'reads-per-article').raw).toBe(2904.4);
    await sample.edit(
      'content/policy/2026-01-01.yaml',
      '  peersBelowMinimum: drop\n',
      '  peersBelowMinimum: drop\n  articleWindowDays: 7\n',
    );
    // Added in place to the version that scored the finalised October: the one thing check has against it.
    const check = await runMpflow(['check', 'content/policy', '--format', 'json'], { cwd: sample.root });
    expect(
      (JSON.parse(check.stdout) as { problems: Array<{ ruleId: string; message: string }> }).problems.map((problem) => [
        problem.ruleId,
        problem.message.slice(0, 42),
      ]),
    ).toEqual([['policy/immutable', 'appraisal.articleWindowDays was added, but']]);
    const windowed = await explain();
    // Each of her five October articles over its first 7 days (from the daily CSVs of October and November): 16,263 reads, 870 shares, 266 likes, 136 comments.
    expect(part(windowed, 'reads-per-article')).toMatchObject({
      raw: 3252.6,
      basis: { en: '5 articles, 16263 reads in all, each over its first 7 days' },
    });
    expect([
      part(windowed, 'shares-per-article').raw,
      part(windowed, 'likes-per-article').raw,
      part(windowed, 'comments-per-article').raw,
    ]).toEqual([174, 53.2, 27.2]);
    expect(windowed.score).toBeGreaterThan(monthOnly.score);
  });

  it('a policy whose measures do not add up to 100 for a role is rejected by the checker', async () => {
    sample = await copySampleDepartment();
    await sample.edit(
      'content/policy/2026-01-01.yaml',
      '{ kpi: reads-per-article, weight: 40,',
      '{ kpi: reads-per-article, weight: 45,',
    );
    const run = await runMpflow(['check', 'content/policy'], { cwd: sample.root });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('policy/weights-sum');
    expect(run.stdout).toContain('The copywriter measures of "Account metrics" add up to 105, not 100.');
  });

  it('a policy leaf without a missing-data rule, or naming an unknown measure, is rejected', async () => {
    sample = await copySampleDepartment();
    await sample.edit('content/policy/2026-01-01.yaml', '{ kpi: likes-per-article,', '{ kpi: likes-per-articel,');
    await sample.edit(
      'content/policy/2026-01-01.yaml',
      '            en: Works well with and supports teammates; mainly from peer ratings.\n          missing: reweight\n',
      '            en: Works well with and supports teammates; mainly from peer ratings.\n',
    );
    const run = await runMpflow(['check', 'content/policy'], { cwd: sample.root });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('Unknown measure "likes-per-articel"; known: reads-per-article');
    expect(run.stdout).toContain('Leaf indicator "teamwork" must declare missing (reweight, zero or block).');
  });

  it('a locked month edited: changing a finalised rating fails mpflow check', async () => {
    sample = await copySampleDepartment();
    await sample.edit('appraisals/2026-10/wang-jia/supervisor.yaml', 'collaboration: ', 'collaboration: 9');
    const run = await runMpflow(['check'], { cwd: sample.root });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/appraisals\/2026-10\/wang-jia\/supervisor\.yaml.*appraisal\/locked/);
    expect(run.stdout).toContain('2026-10 was finalised on 2026-11-12T17:30:00+08:00 by liu-fang');
    // A pull request's check reads only the changed files; the lock still holds.
    const changedOnly = await runMpflow(['check', 'appraisals/2026-10/wang-jia/supervisor.yaml'], { cwd: sample.root });
    expect(changedOnly.exitCode).toBe(1);
    expect(changedOnly.stdout).toContain('appraisal/locked');
    const untouched = await runMpflow(['check', 'appraisals/2026-10/lin-xiao/supervisor.yaml'], { cwd: sample.root });
    expect(untouched.exitCode).toBe(0);
  });

  it('a locked month: deleting a finalised record fails too', async () => {
    sample = await copySampleDepartment();
    await (await import('node:fs/promises')).rm(`${sample.root}/appraisals/2026-09/chen-yu/peer-lin-xiao.yaml`);
    const run = await runMpflow(['check'], { cwd: sample.root });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(
      'chen-yu/peer-lin-xiao.yaml, recorded at finalisation, has been deleted; finalised records cannot be removed.',
    );
  });

  it('a locked month: adding a rating after finalisation fails too', async () => {
    sample = await copySampleDepartment();
    const peer = (await import('node:fs/promises')).readFile(
      `${sample.root}/appraisals/2026-10/lin-xiao/peer-chen-yu.yaml`,
      'utf8',
    );
    await sample.write(
      'appraisals/2026-10/zheng-hao/peer-lin-xiao.yaml',
      (await peer).replaceAll('member: lin-xiao', 'member: zheng-hao').replace('rater: chen-yu', 'rater: lin-xiao'),
    );
    const run = await runMpflow(['check', 'appraisals'], { cwd: sample.root });
    expect(run.stdout).toMatch(/appraisals\/2026-10\/zheng-hao\/peer-lin-xiao\.yaml.*appraisal\/locked/);
    expect(run.exitCode).toBe(1);
  });

  it('a calibration over the bound (±3) fails mpflow check', async () => {
    sample = await copySampleDepartment();
    await sample.write(
      'appraisals/2026-10/calibrations.yaml',
      `period: 2026-10
entries:
  - member: zheng-hao
    points: 1
    by: liu-fang
    at: 2026-11-16T10:20:00+08:00
    reason: 系统故障期间的超时并非本人原因。
  - member: zheng-hao
    points: 2.5
    by: liu-fang
    at: 2026-11-18T09:00:00+08:00
    reason: 年终前再调一次。
`,
    );
    const run = await runMpflow(['check', 'appraisals'], { cwd: sample.root });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('appraisal/calibration-bound');
    expect(run.stdout).toContain("zheng-hao's calibrations for 2026-10 add up to 3.50 points, beyond the policy's ±3.");
  });

  it('a calibration recorded by someone without the hr or head role, or before finalisation, is refused', async () => {
    sample = await copySampleDepartment();
    await sample.edit('appraisals/2026-10/calibrations.yaml', 'by: liu-fang', 'by: chen-yu');
    await sample.write(
      'appraisals/2026-09/calibrations.yaml',
      'period: 2026-09\nentries:\n  - member: lin-xiao\n    points: 1\n    by: liu-fang\n    at: 2026-10-01T10:00:00+08:00\n    reason: 早于定稿。\n',
    );
    const run = await runMpflow(['check', 'appraisals'], { cwd: sample.root });
    expect(run.stdout).toContain('Only hr, head may record a calibration; chen-yu may not.');
    expect(run.stdout).toContain('is before the finalisation at 2026-10-13T17:30:00+08:00');
  });

  it('--write that cannot write one file changes none, names the file and exits 1 without a stack trace', async () => {
    sample = await copySampleDepartment();
    const { mkdir, readFile, readdir, rm } = await import('node:fs/promises');
    // 陈雨's result is stale (a hand edit --write would replace); 郑浩's result path is a folder, so it cannot be written.
    await sample.edit('appraisals/2026-10/chen-yu/result.yaml', 'score: 88.94', 'score: 11.11');
    await rm(`${sample.root}/appraisals/2026-10/zheng-hao/result.yaml`);
    await mkdir(`${sample.root}/appraisals/2026-10/zheng-hao/result.yaml`);
    const run = await runMpflow(['score', '--period', '2026-10', '--write', '--today', '2026-11-26'], {
      cwd: sample.root,
    });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(
      'Could not write appraisals/2026-10/zheng-hao/result.yaml (EISDIR); no file was changed.',
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(await readFile(`${sample.root}/appraisals/2026-10/chen-yu/result.yaml`, 'utf8')).toContain('score: 11.11');
    const left = (await readdir(`${sample.root}/appraisals/2026-10`, { recursive: true })).filter((file) =>
      file.endsWith('.tmp'),
    );
    expect(left).toEqual([]);
  });

  it('a finalisation or calibration by someone not in the roster, or of someone not appraised, fails mpflow check', async () => {
    sample = await copySampleDepartment();
    await sample.edit('appraisals/2026-10/finalized.yaml', 'finalizedBy: liu-fang', 'finalizedBy: li-si');
    await sample.edit('appraisals/2026-10/calibrations.yaml', 'by: liu-fang', 'by: wang-wu');
    await sample.edit('appraisals/2026-10/calibrations.yaml', 'member: zheng-hao', 'member: zheng-ha');
    const run = await runMpflow(
      ['check', 'appraisals/2026-10/finalized.yaml', 'appraisals/2026-10/calibrations.yaml'],
      { cwd: sample.root },
    );
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(
      /appraisals\/2026-10\/finalized\.yaml:\d+:\d+ +appraisal\/finalization +li-si is not in the roster; only a roster member with the hr role may finalise\./,
    );
    expect(run.stdout).toMatch(
      /appraisals\/2026-10\/calibrations\.yaml:\d+:\d+ +appraisal\/calibration +wang-wu is not in the roster; only hr, head may record a calibration\./,
    );
    expect(run.stdout).toMatch(
      /appraisals\/2026-10\/calibrations\.yaml:\d+:\d+ +appraisal\/calibration +zheng-ha is not appraised in 2026-10, so this calibration would count for nothing\./,
    );
  });

  it('inputs of a finalised month changed afterwards (a metrics re-import): --verify says the month is locked, --write refuses', async () => {
    sample = await copySampleDepartment();
    // 林晓's 《茶与夜晚》 (designed by 黄珊) on 18 October: 1,234 more reads than finalised.
    const { readFile } = await import('node:fs/promises');
    const csv = await readFile(`${sample.root}/content/metrics/articles/2026-10.csv`, 'utf8');
    const row = csv.split('\n').find((line) => line.startsWith('2026-10-18,2026-10-17-tea-at-night,'))!;
    const cells = row.split(',');
    cells[2] = String(Number(cells[2]) + 1234);
    await sample.edit('content/metrics/articles/2026-10.csv', row, cells.join(','));
    const verify = await runMpflow(['score', '--verify'], { cwd: sample.root });
    expect(verify.exitCode).toBe(1);
    expect(verify.stdout).toContain(
      "appraisals/2026-10/finalized.yaml: 2026-10 was finalised on 2026-11-12T17:30:00+08:00 by liu-fang, but lin-xiao's scoring inputs (metrics, policy, roster or ratings) have changed since, and a finalised score cannot move.",
    );
    const before = await readFile(`${sample.root}/appraisals/2026-10/lin-xiao/result.yaml`, 'utf8');
    const write = await runMpflow(['score', '--period', '2026-10', '--write', '--today', '2026-11-26'], {
      cwd: sample.root,
    });
    expect(write.exitCode).toBe(1);
    expect(write.stderr).toContain(
      '2026-10 was finalised on 2026-11-12T17:30:00+08:00 by liu-fang, and the scoring inputs of huang-shan, lin-xiao have changed since, so its results cannot be rewritten.',
    );
    expect(await readFile(`${sample.root}/appraisals/2026-10/lin-xiao/result.yaml`, 'utf8')).toBe(before);
  });

  it('a hand-edited score fails --verify, naming member, period and field', async () => {
    sample = await copySampleDepartment();
    await sample.edit('appraisals/2026-09/wang-jia/result.yaml', 'grade: A', 'grade: S');
    const run = await runMpflow(['score', '--verify'], { cwd: sample.root });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(
      'appraisals/2026-09/wang-jia/result.yaml: wang-jia 2026-09 grade is "S" as committed, "A" recomputed',
    );
  });

  it('the cycle report says who is missing what, and by when, in the policy time zone', async () => {
    const run = await runMpflow(['score', '--period', '2026-11', '--today', '2026-12-04', '--lang', 'zh-CN'], {
      cwd: FIXTURE_DEPARTMENT,
    });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(
      '林晓 lin-xiao: 缺 自评 截止 2026-12-03（已逾期）；上级评价 截止 2026-12-05；同事互评 0/2 截止 2026-12-05',
    );
    expect(run.stdout).toContain('暂不出分');
  });

  it('a member on leave on a due day: her own step moves to the day after the leave, and is not overdue', async () => {
    sample = await copySampleDepartment();
    await sample.edit(
      'content/team.yaml',
      '      - from: 2026-11-02\n        to: 2026-11-06',
      '      - from: 2026-12-01\n        to: 2026-12-05',
    );
    const run = await runMpflow(['score', '--period', '2026-11', '--today', '2026-12-04', '--lang', 'zh-CN'], {
      cwd: sample.root,
    });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(
      '黄珊 huang-shan（休假 2026-12-01—2026-12-05）: 缺 自评 截止 2026-12-06（因休假由 2026-12-03 顺延）；上级评价 截止 2026-12-05；',
    );
    // Colleagues not on leave are still overdue.
    expect(run.stdout).toContain('林晓 lin-xiao: 缺 自评 截止 2026-12-03（已逾期）');
    const json = JSON.parse(
      (
        await runMpflow(['score', '--period', '2026-11', '--today', '2026-12-07', '--format', 'json'], {
          cwd: sample.root,
        })
      ).stdout,
    );
    const self = json.cycle.find((member: { member: string }) => member.member === 'huang-shan').steps[0];
    expect(self).toMatchObject({ step: 'self', due: '2026-12-06', postponedFrom: '2026-12-03', overdue: true });
  });

  it('a member on leave for the whole month is not appraised for it, so her missing ratings hold nobody up', async () => {
    sample = await copySampleDepartment();
    await sample.edit(
      'content/team.yaml',
      '      - from: 2026-11-02\n        to: 2026-11-06',
      '      - from: 2026-10-20\n        to: 2026-11-10\n        reason: 产假\n      - from: 2026-11-11\n        to: 2026-12-31',
    );
    const run = await runMpflow(['score', '--period', '2026-11', '--today', '2026-12-04', '--format', 'json'], {
      cwd: sample.root,
    });
    expect(run.exitCode).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.cycle.map((member: { member: string }) => member.member)).toEqual([
      'chen-yu',
      'lin-xiao',
      'wang-jia',
      'zheng-hao',
    ]);
    expect(json.results.map((result: { member: string }) => result.member)).toEqual([
      'chen-yu',
      'lin-xiao',
      'wang-jia',
      'zheng-hao',
    ]);
    // October, on leave from the 20th only, is still hers to be appraised for.
    const october = JSON.parse(
      (
        await runMpflow(['score', '--period', '2026-10', '--today', '2026-12-04', '--format', 'json'], {
          cwd: sample.root,
        })
      ).stdout,
    );
    expect(october.results.map((result: { member: string }) => result.member)).toContain('huang-shan');
  });

  it('finalising needs an HR member and fresh results, and refuses a month already finalised', async () => {
    const notHr = await runMpflow(['score', '--period', '2026-10', '--finalize', '--by', 'zhou-min'], {
      cwd: FIXTURE_DEPARTMENT,
    });
    expect(notHr.exitCode).toBe(1);
    expect(notHr.stderr).toContain('Only a roster member with the hr role may finalise; zhou-min is not one.');
    const again = await runMpflow(['score', '--period', '2026-10', '--finalize', '--by', 'liu-fang'], {
      cwd: FIXTURE_DEPARTMENT,
    });
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain('2026-10 is already finalised');
  });
});

describe('the annual score', () => {
  let sample: Awaited<ReturnType<typeof copySampleDepartment>> | undefined;
  afterEach(async () => {
    await sample?.dispose();
    sample = undefined;
  });

  it('across two policy versions: each month keeps its own policy, the year is graded by the one in force on 1 January', async () => {
    sample = await copySampleDepartment();
    const { readFile } = await import('node:fs/promises');
    const original = await readFile(`${sample.root}/content/policy/2026-01-01.yaml`, 'utf8');
    // 2026-10-01 edition: account metrics 35, campaigns 15, and grade A from 88 instead of 80.
    const changed = original
      .replace('effective: 2026-01-01', 'effective: 2026-10-01')
      .replace(/(id: operations-metrics\n(?:.*\n){1}\s+weight: )30/, '$135')
      .replace(/(id: campaign-results\n(?:.*\n){1}\s+weight: )20/, '$115')
      .replace('{ grade: A, min: 80,', '{ grade: A, min: 88,');
    const before = original.split('\n');
    expect(changed.split('\n').filter((line, index) => line !== before[index])).toHaveLength(4);
    await sample.write('content/policy/2026-10-01.yaml', changed);
    // The new edition was in force before October was finalised: finalise October again under it.
    const { rm } = await import('node:fs/promises');
    await rm(`${sample.root}/appraisals/2026-10/finalized.yaml`);
    await rm(`${sample.root}/appraisals/2026-10/calibrations.yaml`);
    const october = await runMpflow(
      ['score', '--period', '2026-10', '--write', '--today', '2026-11-26', '--format', 'json'],
      { cwd: sample.root },
    );
    expect(october.exitCode, october.stderr).toBe(0);
    const finalise = await runMpflow(
      ['score', '--period', '2026-10', '--finalize', '--by', 'liu-fang', '--at', '2026-11-12T17:30:00+08:00'],
      { cwd: sample.root },
    );
    expect(finalise.exitCode, finalise.stderr).toBe(0);
    const octoberResults = JSON.parse(october.stdout).results as Array<{
      member: string;
      policy: string;
      score: number;
    }>;
    expect(new Set(octoberResults.map((result) => result.policy))).toEqual(new Set(['2026-10-01']));
    const september = JSON.parse(
      (
        await runMpflow(['score', '--period', '2026-09', '--today', '2026-11-26', '--format', 'json'], {
          cwd: sample.root,
        })
      ).stdout,
    ).results as Array<{ member: string; policy: string; score: number }>;
    expect(new Set(september.map((result) => result.policy))).toEqual(new Set(['2026-01-01']));
    const run = await runMpflow(['score', '--period', '2026', '--write', '--today', '2027-01-06', '--format', 'json'], {
      cwd: sample.root,
    });
    expect(run.exitCode, run.stderr).toBe(0);
    const annual = JSON.parse(run.stdout);
    expect(annual.policy).toBe('2026-10-01');
    for (const member of ['chen-yu', 'lin-xiao', 'wang-jia']) {
      const sep = september.find((result) => result.member === member)!.score;
      const oct = octoberResults.find((result) => result.member === member)!.score;
      const mean = Math.round(((sep + oct) / 2) * 100) / 100;
      expect(annual.members[member], member).toMatchObject({
        score: mean,
        months: ['2026-09', '2026-10'],
        grade: mean >= 90 ? 'S' : mean >= 88 ? 'A' : mean >= 70 ? 'B' : mean >= 60 ? 'C' : 'D',
      });
    }
    // 林晓's September was an A under the old bands (87.26); the year is graded by the new ones.
    expect(annual.members['lin-xiao'].grade).toBe('B');
    const verify = await runMpflow(['score', '--verify'], { cwd: sample.root });
    expect(verify.stdout).toContain('Recomputed 11 results; all match.');
  });

  it('is the mean of the finalised months, leaving out a month with 10 or more leave days, and is written only from January', async () => {
    sample = await copySampleDepartment();
    await sample.edit(
      'content/team.yaml',
      '      - from: 2026-11-02\n        to: 2026-11-06',
      '      - from: 2026-10-12\n        to: 2026-10-23',
    );
    const early = await runMpflow(['score', '--period', '2026', '--write', '--today', '2026-12-20'], {
      cwd: sample.root,
    });
    expect(early.exitCode).toBe(1);
    expect(early.stderr).toContain('2026 is not over yet (today 2026-12-20)');
    const run = await runMpflow(['score', '--period', '2026', '--write', '--today', '2027-01-06', '--format', 'json'], {
      cwd: sample.root,
    });
    expect(run.exitCode).toBe(0);
    const annual = JSON.parse(run.stdout);
    // 黄珊: October (12 leave days) is left out, so the year is September alone.
    expect(annual.members['huang-shan']).toMatchObject({
      score: 88.47,
      grade: 'A',
      months: ['2026-09'],
      excludedMonths: ['2026-10'],
    });
    // 林晓: (87.26 + 87.60) / 2.
    expect(annual.members['lin-xiao']).toMatchObject({
      score: 87.43,
      months: ['2026-09', '2026-10'],
      excludedMonths: [],
    });
    const verify = await runMpflow(['score', '--verify'], { cwd: sample.root });
    expect(verify.stdout).toContain('Recomputed 11 results; all match.');
  });
});
