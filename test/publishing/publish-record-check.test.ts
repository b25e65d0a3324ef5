import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkRepository } from '../../src/core/check/check-repository.ts';
import { FixtureRepository, positionOf } from '../helpers/fixture-repository.ts';

const PUBLISHED = `article: 2026-09-02-yancha-yanyun
status: published
index: 1
publishId: "2650177668"
msgDataId: "2247483601"
url: https://mp.weixin.qq.com/s/I6PiPONjoqbPKYR41onE9Q
publishedAt: 2026-09-02T20:31:43+08:00
`;

let fixture: FixtureRepository;
beforeEach(async () => {
  fixture = await FixtureRepository.create();
});
afterEach(async () => {
  await fixture.dispose();
});

async function problemsIn(file: string) {
  const { problems } = await checkRepository(fixture.root);
  return problems
    .filter((problem) => problem.file === file)
    .map((problem) => ({ ruleId: problem.ruleId, line: problem.span.start.line, field: problem.field }));
}

describe('mpflow check on content/publishing/*.yaml', () => {
  it('accepts a complete published record', async () => {
    await fixture.write('content/publishing/2026-09-02-yancha-yanyun.yaml', PUBLISHED);
    expect(await problemsIn('content/publishing/2026-09-02-yancha-yanyun.yaml')).toEqual([]);
  });

  it.each([
    [
      'an article that does not exist',
      '2026-09-03-no-such-tea',
      PUBLISHED.replace('2026-09-02-yancha-yanyun', '2026-09-03-no-such-tea'),
      'ref/unknown-article',
      'article: 2026',
    ],
    ['a record named after another article', '2026-09-09-office-gaiwan', PUBLISHED, 'id/mismatch', 'article: 2026'],
    [
      'an unknown status',
      '2026-09-02-yancha-yanyun',
      PUBLISHED.replace('status: published', 'status: 已发布'),
      'schema/enum',
      'status:',
    ],
    [
      'a published record without its URL',
      '2026-09-02-yancha-yanyun',
      PUBLISHED.replace(/^url: .*\n/m, ''),
      'schema/required',
      'article:',
    ],
    [
      'a failed record without the failure',
      '2026-09-02-yancha-yanyun',
      PUBLISHED.replace('status: published', 'status: failed'),
      'schema/required',
      'article:',
    ],
    [
      'a publish time without offset',
      '2026-09-02-yancha-yanyun',
      PUBLISHED.replace('20:31:43+08:00', '20:31:43'),
      'date/missing-offset',
      'publishedAt:',
    ],
  ])('reports %s', async (_label, name, source, ruleId, at) => {
    const file = `content/publishing/${name}.yaml`;
    await fixture.write(file, source);
    const problems = await problemsIn(file);
    expect(problems.map((problem) => problem.ruleId)).toContain(ruleId);
    expect(problems.find((problem) => problem.ruleId === ruleId)?.line).toBe(positionOf(source, at).line);
  });

  it('reports two records claiming the same WeChat message (msgDataId and index)', async () => {
    await fixture.write(
      'content/articles/2026/09-09-office-gaiwan/index.md',
      (await fixture.read('content/articles/2026/09-02-yancha-yanyun/index.md')).replace(
        '2026-09-02T20:30',
        '2026-09-09T20:30',
      ),
    );
    await fixture.write(
      'content/articles/2026/09-09-office-gaiwan/cover.png',
      await fixture.read('content/articles/2026/09-02-yancha-yanyun/cover.png'),
    );
    await fixture.write('content/publishing/2026-09-02-yancha-yanyun.yaml', PUBLISHED);
    await fixture.write(
      'content/publishing/2026-09-09-office-gaiwan.yaml',
      PUBLISHED.replace('2026-09-02-yancha-yanyun', '2026-09-09-office-gaiwan'),
    );
    expect(await problemsIn('content/publishing/2026-09-09-office-gaiwan.yaml')).toEqual([
      { ruleId: 'id/duplicate', line: 5, field: 'msgDataId' },
    ]);
  });
});
