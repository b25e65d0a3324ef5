/**
 * Issue 20: the (internal) scoreboards must not give a member back the supervisor's exact mark.
 * A member knows their own self-assessment; where peers are dropped (fewer than minPeers), the
 * mixed rating is the supervisor's mark and the self-assessment alone, so it — or the score, the
 * points, the category's points — would reveal the supervisor's mark. 郑浩 had one peer in
 * October 2026 (the policy's minPeers is 2).
 */
import { describe, expect, it } from 'vitest';
import { FIXTURE_DEPARTMENT } from '../helpers/fixture-repository.ts';
import { sampleIdentity } from '../helpers/unseal-sample.ts';
import { loadRepository } from '../../src/core/repository/load-repository.ts';
import { scorePeriod } from '../../src/core/scoring/score-period.ts';
import { publicMonthScore, revealsSupervisor } from '../../src/site/scores-view.ts';

describe("the scoreboards and the supervisor's mark", () => {
  it('withholds every rated indicator of a month whose peers were dropped, and the points of its categories', async () => {
    const { repository } = await loadRepository(FIXTURE_DEPARTMENT, { identities: [await sampleIdentity('liu-fang')] });
    const scores = scorePeriod(repository, '2026-10')!;
    const minPeers = scores.policy.appraisal.minPeers;
    const zhengHao = scores.results.find((result) => result.member === 'zheng-hao')!;
    const view = publicMonthScore(zhengHao, '郑浩', true, minPeers);
    const rated = view.categories.flatMap((category) => category.leaves).filter((leaf) => leaf.source === 'ratings');
    expect(rated.length).toBe(9);
    for (const leaf of rated)
      expect({
        id: leaf.id,
        rating: leaf.rating,
        score: leaf.score,
        contribution: leaf.contribution,
        withheld: leaf.withheld,
      }).toEqual({ id: leaf.id, rating: null, score: null, contribution: null, withheld: true });
    for (const category of view.categories) {
      if (category.leaves.some((leaf) => leaf.withheld))
        expect([category.score, category.points]).toEqual([null, null]);
    }
    // The month's total is still there: one sum over nine unknown marks cannot be undone.
    expect(view.score).toBe(zhengHao.score);

    // 林晓 had three peers: her rated indicators show the mixed rating, and never the peers' mean beside it.
    const linXiao = publicMonthScore(
      scores.results.find((result) => result.member === 'lin-xiao')!,
      '林晓',
      true,
      minPeers,
    );
    for (const leaf of linXiao.categories
      .flatMap((category) => category.leaves)
      .filter((entry) => entry.source === 'ratings')) {
      expect(leaf.withheld, leaf.id).toBeUndefined();
      expect(leaf.rating, leaf.id).not.toBeNull();
      expect(leaf.peers, leaf.id).toBeUndefined();
    }
  });

  it("no indicator shown anywhere in the sample mixes only the supervisor's mark and the self-assessment", async () => {
    const { repository } = await loadRepository(FIXTURE_DEPARTMENT, { identities: [await sampleIdentity('liu-fang')] });
    for (const period of ['2026-09', '2026-10']) {
      const scores = scorePeriod(repository, period)!;
      for (const result of scores.results) {
        const view = publicMonthScore(result, result.member, true, scores.policy.appraisal.minPeers);
        const nodes = result.categories.flatMap((category) => category.children ?? [category]);
        const leaves = view.categories.flatMap((category) => category.leaves);
        for (const node of nodes) {
          const leaf = leaves.find((entry) => entry.id === node.id)!;
          if (revealsSupervisor(node)) expect(leaf.rating, `${period} ${result.member} ${node.id}`).toBeNull();
        }
      }
    }
  });
});
