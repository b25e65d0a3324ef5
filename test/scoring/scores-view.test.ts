/**
 * The site's view of the appraisals (src/site/scores-view.ts): the cycle board against a pinned
 * "today", and the privacy boundary — what the pages can read holds no private field at all.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRepository, type Repository } from '../../src/core/repository/load-repository.ts';
import { buildScoresView, publicMonthScore } from '../../src/site/scores-view.ts';
import { gatherPeriodInputs } from '../../src/core/scoring/gather-inputs.ts';
import { scoreMemberMonth } from '../../src/core/scoring/score-member.ts';
import { FIXTURE_DEPARTMENT } from '../helpers/fixture-repository.ts';

let repository: Repository;
beforeAll(async () => {
  repository = (await loadRepository(FIXTURE_DEPARTMENT)).repository;
});

describe("the scoreboards' view", () => {
  it("shows November's cycle on 4 December: self-assessments overdue, supervisor and peers still open", () => {
    const view = buildScoresView(repository, '2026-12-04');
    const november = view.cycles.find((cycle) => cycle.period === '2026-11')!;
    const linXiao = november.members.find((member) => member.member === 'lin-xiao')!;
    expect(linXiao.steps.map((step) => [step.step, step.done, step.overdue, step.due])).toEqual([
      ['self', false, true, '2026-12-03'],
      ['supervisor', false, false, '2026-12-05'],
      ['peers', false, false, '2026-12-05'],
      ['hr', false, false, '2026-12-08'],
      ['interview', false, false, '2026-12-10'],
      ['application', false, false, '2026-12-15'],
    ]);
    // Finalised months are done and need no board.
    expect(view.cycles.map((cycle) => cycle.period)).not.toContain('2026-10');
  });

  it('ranks the finalised October and averages the finalised months into a provisional 2026', () => {
    const view = buildScoresView(repository, '2026-11-26');
    const october = view.months.find((month) => month.period === '2026-10')!;
    expect(october.finalized).toBe(true);
    expect(october.results.map((result) => result.member)).toEqual([
      'chen-yu',
      'huang-shan',
      'lin-xiao',
      'wang-jia',
      'zheng-hao',
    ]);
    const year = view.annual.find((entry) => entry.year === 2026)!;
    expect(year.provisional).toBe(true);
    expect(year.members.find((member) => member.member === 'lin-xiao')).toMatchObject({
      score: 87.43,
      grade: 'A',
      months: ['2026-09', '2026-10'],
      excludedMonths: [],
    });
  });

  it("holds no comment, summary, reason, single rater's number or peer aggregate below minPeers", () => {
    const view = buildScoresView(repository, '2026-11-26');
    const json = JSON.stringify(view);
    for (const field of [
      '"comment":',
      '"summary":',
      '"reason":',
      '"actions":',
      '"raters":',
      '"supervisor":',
      '"self":',
    ])
      expect(json).not.toContain(field);
    for (const record of repository.ratings) if (record.data.comment) expect(json).not.toContain(record.data.comment);
    const zhengHaoOctober = view.months
      .find((month) => month.period === '2026-10')!
      .results.find((result) => result.member === 'zheng-hao')!;
    for (const category of zhengHaoOctober.categories)
      for (const leaf of category.leaves) expect(leaf.peers).toBeUndefined();
  });

  it("never publishes a peers' mean from which one person's mark follows", () => {
    const view = buildScoresView(repository, '2026-11-26');
    const october = view.months.find((month) => month.period === '2026-10')!;
    const leavesOf = (member: string) =>
      october.results
        .find((result) => result.member === member)!
        .categories.flatMap((category) => category.leaves)
        .filter((leaf) => leaf.source === 'ratings');
    // 黄珊 has no self-assessment in October: mixed 82.67 and peers 82.00 would give her supervisor's 83 as (90 × 82.67 − 30 × 82) ÷ 60.
    for (const leaf of leavesOf('huang-shan')) expect(leaf.peers, leaf.id).toBeUndefined();
    // 林晓: three peers, supervisor and self all rated: she knows her self-assessment, so mixed rating and
    // peers' mean would give her supervisor's mark ((100 × mixed − 30 × peers − 10 × self) ÷ 60): no mean (issue 20).
    for (const leaf of leavesOf('lin-xiao')) expect(leaf.peers, leaf.id).toBeUndefined();
    // Two peers (王佳, October): each could subtract their own mark and read the other's, so no mean.
    for (const leaf of leavesOf('wang-jia')) expect(leaf.peers, leaf.id).toBeUndefined();
  });

  it("hides the peers' mean when the self-assessment is missing, even with three peers", () => {
    const gathered = gatherPeriodInputs(repository, '2026-10')!;
    const inputs = structuredClone(gathered.members.find((member) => member.member === 'lin-xiao')!);
    const withSelf = publicMonthScore(
      scoreMemberMonth(inputs, gathered.policy),
      '林晓',
      true,
      gathered.policy.appraisal.minPeers,
    );
    delete inputs.ratings.self;
    const withoutSelf = publicMonthScore(
      scoreMemberMonth(inputs, gathered.policy),
      '林晓',
      true,
      gathered.policy.appraisal.minPeers,
    );
    const teamwork = (view: typeof withSelf) =>
      view.categories.flatMap((category) => category.leaves).find((leaf) => leaf.id === 'teamwork')!;
    expect(teamwork(withSelf).peers).toBeUndefined();
    expect(teamwork(withoutSelf).peers).toBeUndefined();
  });
});
