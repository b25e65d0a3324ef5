import { describe, expect, it } from 'vitest';
import { checkRepository } from '../../src/core/check/check-repository.ts';
import { FIXTURE_DEPARTMENT } from '../helpers/fixture-repository.ts';

describe('the sample department (闽岚茶事)', () => {
  it('passes mpflow check with no errors and no warnings', async () => {
    const { problems } = await checkRepository(FIXTURE_DEPARTMENT);
    expect(
      problems.map(
        (problem) =>
          `${problem.file}:${problem.span.start.line}:${problem.span.start.column} ${problem.ruleId} ${problem.message.en}`,
      ),
    ).toEqual([]);
  });

  it('has the size the foundation promises: 7 members in every role, 24+ articles over three months, 15+ topics, 2 campaigns, two months of appraisals', async () => {
    const { repository } = await checkRepository(FIXTURE_DEPARTMENT);
    const members = repository.team!.data.members;
    expect(members).toHaveLength(7);
    expect(new Set(members.flatMap((member) => member.roles))).toEqual(
      new Set(['operator', 'designer', 'copywriter', 'support', 'head', 'hr']),
    );
    expect(repository.articles.length).toBeGreaterThanOrEqual(24);
    const months = new Set(repository.articles.map((article) => article.data.publishAt.slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(3);
    expect(repository.topics.length).toBeGreaterThanOrEqual(15);
    expect(repository.campaigns).toHaveLength(2);
    expect(new Set(repository.ratings.map((rating) => rating.data.period))).toEqual(new Set(['2026-09', '2026-10']));
    expect(repository.articleStats.length).toBeGreaterThanOrEqual(3);
    expect(repository.followerChanges.length).toBeGreaterThanOrEqual(3);
    expect(repository.supportConversations.length).toBeGreaterThanOrEqual(3);
    expect(repository.trainingPlans).toHaveLength(1);
  });
});
