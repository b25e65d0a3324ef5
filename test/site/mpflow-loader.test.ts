/**
 * The site's content loader: what it puts in the content store, what it never does, and that a
 * repository with errors stops the build with the checker's report.
 */
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRepository } from '../../src/core/repository/load-repository.ts';
import {
  assertPublishable,
  checkedRepository,
  forgetRepository,
  mpflowLoader,
  RepositoryHasErrors,
  SITE_COLLECTIONS,
  siteEntries,
  type SiteCollection,
} from '../../src/site/mpflow-loader.ts';
import { ARTICLE_DIRECTORY, FixtureRepository, MINIMAL_RATING, MINIMAL_TEAM } from '../helpers/fixture-repository.ts';

const COMMENT = '这是一条只给人力资源看的评语，不能出现在网站上。';
const SUMMARY = '面谈纪要：这段话同样保密。';
const LEAVE_REASON = '病假（私人原因）';

const INTERVIEW = `member: lin-xiao
period: 2026-09
interviewer: zhou-min
date: 2026-10-08
summary: ${SUMMARY}
actions:
  - action: 每周一更新排期表
    due: 2026-10-31
`;

/** A stand-in for Astro's loader context: a Map for the store, a list for the log. */
function fakeContext(root: string) {
  const store = new Map<string, { id: string; data: Record<string, unknown>; filePath?: string }>();
  const log: string[] = [];
  return {
    store,
    log,
    context: {
      collection: 'test',
      config: { root: pathToFileURL(`${root}/`) },
      store: {
        set: (entry: { id: string; data: Record<string, unknown>; filePath?: string }) => {
          store.set(entry.id, entry);
          return true;
        },
        keys: () => [...store.keys()],
        delete: (id: string) => store.delete(id),
      },
      logger: {
        info: (m: string) => log.push(`info ${m}`),
        warn: (m: string) => log.push(`warn ${m}`),
        error: (m: string) => log.push(`error ${m}`),
      },
      generateDigest: (data: unknown) => JSON.stringify(data),
    } as never,
  };
}

describe('mpflow content loader', () => {
  let repo: FixtureRepository;

  beforeEach(async () => {
    repo = await FixtureRepository.create();
    await repo.write('appraisals/2026-09/lin-xiao/supervisor.yaml', `${MINIMAL_RATING}comment: ${COMMENT}\n`);
    await repo.write('appraisals/2026-09/lin-xiao/interview.yaml', INTERVIEW);
    await repo.write(
      'content/team.yaml',
      MINIMAL_TEAM.replace(
        '    joined: 2022-03-14\n',
        `    joined: 2022-03-14\n    leave:\n      - { from: 2026-03-01, to: 2026-03-20, reason: ${LEAVE_REASON} }\n`,
      ),
    );
  });

  afterEach(async () => {
    forgetRepository(repo.root);
    await repo.dispose();
  });

  it('builds every collection from a clean repository', async () => {
    const checked = await checkedRepository(repo.root);
    expect(checked.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    const { repository } = checked;
    expect(siteEntries(repository, 'policies').map((entry) => entry.id)).toEqual(['2026-01-01']);
    expect(siteEntries(repository, 'team').map((entry) => entry.id)).toEqual(['lin-xiao', 'zhou-min', 'chen-yu']);
    const [article] = siteEntries(repository, 'articles');
    expect(article?.id).toBe('2026-09-02-yancha-yanyun');
    expect(article?.data).toMatchObject({
      title: '武夷岩茶的“岩韵”，到底在说什么',
      file: `${ARTICLE_DIRECTORY}/index.md`,
    });
    expect(article?.data.body).toContain('## 从香气说起');
    expect(siteEntries(repository, 'topics').map((entry) => entry.id)).toEqual(['T-2026-001']);
    expect(siteEntries(repository, 'campaigns').map((entry) => entry.id)).toEqual(['C-2026-01']);
  });

  it('never puts ratings, comments, interview summaries or leave reasons into a collection', async () => {
    const { repository } = await loadRepository(repo.root);
    expect(repository.ratings).toHaveLength(1);
    expect(repository.interviews).toHaveLength(1);
    const everything = JSON.stringify(
      SITE_COLLECTIONS.map((collection: SiteCollection) => siteEntries(repository, collection)),
    );
    expect(everything).not.toContain(COMMENT);
    expect(everything).not.toContain(SUMMARY);
    expect(everything).not.toContain(LEAVE_REASON);
    // Nor anything else from a rating or an interview file.
    for (const key of ['"rater"', '"submittedAt"', '"interviewer"', '"actions"']) expect(everything).not.toContain(key);
    const linXiao = siteEntries(repository, 'team').find((entry) => entry.id === 'lin-xiao');
    expect(linXiao?.data.leave).toEqual([{ from: '2026-03-01', to: '2026-03-20' }]);
  });

  it('fills the content store and drops entries that disappeared', async () => {
    const { context, store } = fakeContext(repo.root);
    store.set('T-2025-999', { id: 'T-2025-999', data: {} });
    await mpflowLoader('topics').load(context);
    expect([...store.keys()]).toEqual(['T-2026-001']);
    expect(store.get('T-2026-001')).toMatchObject({
      filePath: 'content/topics/T-2026-001.yaml',
      data: { id: 'T-2026-001', decision: 'accepted' },
    });
  });

  it('fails with the text report when the repository has errors', async () => {
    await repo.remove(`${ARTICLE_DIRECTORY}/cover.png`);
    const checked = await checkedRepository(repo.root);
    expect(() => assertPublishable(checked)).toThrow(RepositoryHasErrors);

    const { context, store } = fakeContext(repo.root);
    const failure = await mpflowLoader('articles')
      .load(context)
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(RepositoryHasErrors);
    const message = (failure as Error).message;
    expect(message).toContain(`${ARTICLE_DIRECTORY}/index.md:`);
    expect(message).toContain('ref/missing-file');
    expect(message).toMatch(/Checked \d+ files: 1 error, 0 warnings\./);
    expect(store.size).toBe(0);
  });
});
