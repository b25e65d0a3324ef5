/**
 * The edge cases of issue 5, as a table: each row changes one thing about a real member's month
 * (林晓, 2026-10, or a copy of the sample department) and states what a person would see.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadRepository, type Repository } from '../../src/core/repository/load-repository.ts';
import { FigureCache, gatherMemberInputs, gatherPeriodInputs, policyForPeriod } from '../../src/core/scoring/gather-inputs.ts';
import { scoreMemberMonth } from '../../src/core/scoring/score-member.ts';
import type { MemberMonthInputs, NodeExplanation } from '../../src/core/scoring/score-types.ts';
import { leavesOf } from '../../src/core/scoring/result-file.ts';
import type { PolicyFile } from '../../src/core/model/types.generated.ts';
import { PROJECT_ROOT } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';
import { copySampleDepartment } from './sample-copy.ts';

let repository: Repository;
let policy: PolicyFile;
let linXiao: MemberMonthInputs;
beforeAll(async () => {
  repository = (await loadRepository(PROJECT_ROOT)).repository;
  const gathered = gatherPeriodInputs(repository, '2026-10')!;
  policy = gathered.policy;
  linXiao = gathered.members.find((member) => member.member === 'lin-xiao')!;
});

const leaf = (nodes: NodeExplanation[], id: string) => leavesOf(nodes).find((node) => node.id === id)!;
const clone = <T>(value: T): T => structuredClone(value);

describe('edge cases of a member\'s month', () => {
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
    for (const kpi of Object.keys(inputs.kpis)) inputs.kpis[kpi] = { value: null, basis: { zh: '没有数据', en: 'no data' } };
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
    const inputs = gatherMemberInputs(repository, policy, '2026-10', member, new FigureCache(repository, 'Asia/Shanghai'));
    expect(inputs.daysInPost).toBe(16);
    const result = scoreMemberMonth(inputs, policy);
    const growth = leaf(result.categories, 'operations-metrics').parts!.find((part) => part.kpi === 'follower-net-growth')!;
    expect(growth.target).toBeCloseTo((800 * 16) / 31, 9);
    const whole = gatherMemberInputs(repository, policy, '2026-10', { ...member, joined: '2021-07-01' }, new FigureCache(repository, 'Asia/Shanghai'));
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
    for (const kpi of Object.keys(inputs.kpis)) if (!kpi.startsWith('campaign-')) inputs.kpis[kpi] = { value: null, basis: { zh: '没有数据', en: 'no data' } };
    const result = scoreMemberMonth(inputs, changed);
    const node = leaf(result.categories, 'operations-metrics');
    expect([node.status, result.status]).toEqual([leafStatus, status]);
    if (status === 'scored') expect(node.effectiveWeight).toBeCloseTo(weight, 9);
    if (rule === 'zero') expect(result.score!).toBeLessThan(75);
    if (rule === 'block') expect(result.blockedBy.map((reason) => reason.en)).toContain('"Account metrics" has no data');
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
    const original = await (await import('node:fs/promises')).readFile(`${sample.root}/content/policy/2026-01-01.yaml`, 'utf8');
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
    const check = await runMpflow(['check', 'content/policy'], { cwd: sample.root });
    expect(check.exitCode).toBe(0);
    const september = await runMpflow(['score', '--explain', 'lin-xiao', '--period', '2026-09', '--format', 'json'], { cwd: sample.root });
    const october = await runMpflow(['score', '--explain', 'lin-xiao', '--period', '2026-10', '--format', 'json'], { cwd: sample.root });
    const weightOf = (run: { stdout: string }, id: string) => (JSON.parse(run.stdout).categories[0].children as Array<{ id: string; declaredWeight: number }>).find((node) => node.id === id)!.declaredWeight;
    expect([weightOf(september, 'operations-metrics'), weightOf(september, 'campaign-results')]).toEqual([30, 20]);
    expect([weightOf(october, 'operations-metrics'), weightOf(october, 'campaign-results')]).toEqual([35, 15]);
    expect(JSON.parse(october.stdout).policy).toBe('2026-10-01');
    // The committed October results were computed with the old policy: --verify names what moved.
    const verify = await runMpflow(['score', '--verify'], { cwd: sample.root });
    expect(verify.exitCode).toBe(1);
    expect(verify.stdout).toMatch(/appraisals\/2026-10\/lin-xiao\/result\.yaml: lin-xiao 2026-10 policy is "2026-01-01" as committed, "2026-10-01" recomputed/);
  });

  it('a policy whose measures do not add up to 100 for a role is rejected by the checker', async () => {
    sample = await copySampleDepartment();
    await sample.edit('content/policy/2026-01-01.yaml', '{ kpi: reads-per-article, weight: 40,', '{ kpi: reads-per-article, weight: 45,');
    const run = await runMpflow(['check', 'content/policy'], { cwd: sample.root });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('policy/weights-sum');
    expect(run.stdout).toContain('The copywriter measures of "Account metrics" add up to 105, not 100.');
  });

  it('a policy leaf without a missing-data rule, or naming an unknown measure, is rejected', async () => {
    sample = await copySampleDepartment();
    await sample.edit('content/policy/2026-01-01.yaml', '{ kpi: likes-per-article,', '{ kpi: likes-per-articel,');
    await sample.edit('content/policy/2026-01-01.yaml', '            en: Works well with and supports teammates; mainly from peer ratings.\n          missing: reweight\n', '            en: Works well with and supports teammates; mainly from peer ratings.\n');
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
    expect(run.stdout).toContain('chen-yu/peer-lin-xiao.yaml, recorded at finalisation, has been deleted; finalised records cannot be removed.');
  });

  it('a locked month: adding a rating after finalisation fails too', async () => {
    sample = await copySampleDepartment();
    const peer = (await import('node:fs/promises')).readFile(`${sample.root}/appraisals/2026-10/lin-xiao/peer-chen-yu.yaml`, 'utf8');
    await sample.write('appraisals/2026-10/zheng-hao/peer-lin-xiao.yaml', (await peer).replaceAll('member: lin-xiao', 'member: zheng-hao').replace('rater: chen-yu', 'rater: lin-xiao'));
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
    await sample.write('appraisals/2026-09/calibrations.yaml', 'period: 2026-09\nentries:\n  - member: lin-xiao\n    points: 1\n    by: liu-fang\n    at: 2026-10-01T10:00:00+08:00\n    reason: 早于定稿。\n');
    const run = await runMpflow(['check', 'appraisals'], { cwd: sample.root });
    expect(run.stdout).toContain('Only hr, head may record a calibration; chen-yu may not.');
    expect(run.stdout).toContain('is before the finalisation at 2026-10-13T17:30:00+08:00');
  });

  it('a hand-edited score fails --verify, naming member, period and field', async () => {
    sample = await copySampleDepartment();
    await sample.edit('appraisals/2026-09/wang-jia/result.yaml', 'grade: A', 'grade: S');
    const run = await runMpflow(['score', '--verify'], { cwd: sample.root });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('appraisals/2026-09/wang-jia/result.yaml: wang-jia 2026-09 grade is "S" as committed, "A" recomputed');
  });

  it('the cycle report says who is missing what, and by when, in the policy time zone', async () => {
    const run = await runMpflow(['score', '--period', '2026-11', '--today', '2026-12-04', '--lang', 'zh-CN'], { cwd: PROJECT_ROOT });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('林晓 lin-xiao: 缺 自评 截止 2026-12-03（已逾期）；上级评价 截止 2026-12-05；同事互评 0/2 截止 2026-12-05');
    expect(run.stdout).toContain('暂不出分');
  });

  it('finalising needs an HR member and fresh results, and refuses a month already finalised', async () => {
    const notHr = await runMpflow(['score', '--period', '2026-10', '--finalize', '--by', 'zhou-min'], { cwd: PROJECT_ROOT });
    expect(notHr.exitCode).toBe(1);
    expect(notHr.stderr).toContain('Only a roster member with the hr role may finalise; zhou-min is not one.');
    const again = await runMpflow(['score', '--period', '2026-10', '--finalize', '--by', 'liu-fang'], { cwd: PROJECT_ROOT });
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

  it('is the mean of the finalised months, leaving out a month with 10 or more leave days, and is written only from January', async () => {
    sample = await copySampleDepartment();
    await sample.edit('content/team.yaml', '      - from: 2026-11-02\n        to: 2026-11-06', '      - from: 2026-10-12\n        to: 2026-10-23');
    const early = await runMpflow(['score', '--period', '2026', '--write', '--today', '2026-12-20'], { cwd: sample.root });
    expect(early.exitCode).toBe(1);
    expect(early.stderr).toContain('2026 is not over yet (today 2026-12-20)');
    const run = await runMpflow(['score', '--period', '2026', '--write', '--today', '2027-01-06', '--format', 'json'], { cwd: sample.root });
    expect(run.exitCode).toBe(0);
    const annual = JSON.parse(run.stdout);
    // 黄珊: October (12 leave days) is left out, so the year is September alone.
    expect(annual.members['huang-shan']).toMatchObject({ score: 88.47, grade: 'A', months: ['2026-09'], excludedMonths: ['2026-10'] });
    // 林晓: (87.26 + 87.60) / 2.
    expect(annual.members['lin-xiao']).toMatchObject({ score: 87.43, months: ['2026-09', '2026-10'], excludedMonths: [] });
    const verify = await runMpflow(['score', '--verify'], { cwd: sample.root });
    expect(verify.stdout).toContain('Recomputed 11 results; all match.');
  });
});
