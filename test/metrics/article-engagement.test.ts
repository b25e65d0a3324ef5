import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadRepository } from '../../src/core/repository/load-repository.ts';
import { articleKpis } from '../../src/core/metrics/kpis.ts';
import { importFromWeChat } from '../../src/core/metrics/wechat-import.ts';
import { createWeChatClient } from '../../src/core/wechat/client.ts';
import { createDatacubeRoutes, fakeEngagementOn, type FakePublication } from '../helpers/fake-wechat-datacube.ts';
import { startFakeWeChat, type FakeWeChat } from '../helpers/fake-wechat-server.ts';
import { FixtureRepository } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';
import { copySampleDepartment } from '../scoring/sample-copy.ts';

/**
 * Per-article likes and comments come from getarticletotaldetail (running totals per msgid and
 * stat_date, turned into each day's new ones), reach content/metrics/articles/, the KPIs and the
 * appraisal scores; an account without the newer endpoints (48001) is told and still imports.
 */

const TODAY = '2026-12-02';
let server: FakeWeChat | undefined;
let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const step of cleanup) await step();
  cleanup = [];
});

async function clientFor(fake: FakeWeChat) {
  const folder = await mkdtemp(path.join(tmpdir(), 'mpflow-engagement-'));
  cleanup.push(() => rm(folder, { recursive: true, force: true }));
  return createWeChatClient({
    appId: fake.state.appId,
    appSecret: fake.state.appSecret,
    baseUrl: fake.url,
    tokenCachePath: path.join(folder, 'token.json'),
    sleep: async () => undefined,
  });
}

describe('likes and comments per article from getarticletotaldetail', () => {
  it('on the sample department: the likes and comments of each November day reach content/metrics, the KPIs and lin-xiao’s November score', {
    timeout: 120_000,
  }, async () => {
    const sample = await copySampleDepartment();
    cleanup.push(sample.dispose);
    const { repository } = await loadRepository(sample.root);
    // What WeChat would hold: every publication the sample's publish records name.
    const titles = new Map(repository.articles.map((article) => [article.id, String(article.data.title)]));
    const authors = new Map(repository.articles.map((article) => [article.id, String(article.data.author)]));
    const publications: Array<FakePublication & { article: string }> = (repository.publishRecords ?? [])
      .filter((record) => record.data.status === 'published' && typeof record.data.msgDataId === 'string')
      .map((record) => ({
        article: record.data.article,
        msgDataId: record.data.msgDataId!,
        index: record.data.index ?? 1,
        date: String(record.data.publishedAt).slice(0, 10),
        title: titles.get(record.data.article)!,
      }));
    server = await startFakeWeChat({ extraRoutes: createDatacubeRoutes({ today: TODAY, publications }) });
    const env = {
      LANG: 'en_US.UTF-8',
      MPFLOW_NOW: `${TODAY}T04:00:00Z`,
      WECHAT_APPID: server.state.appId,
      WECHAT_APPSECRET: server.state.appSecret,
      WECHAT_API_BASE: server.url,
      MPFLOW_WECHAT_TOKEN_CACHE: path.join(sample.root, '.token.json'),
    };

    const before = JSON.parse(
      (
        await runMpflow(['score', '--explain', 'lin-xiao', '--period', '2026-11', '--format', 'json'], {
          cwd: sample.root,
        })
      ).stdout,
    );
    const run = await runMpflow(
      ['metrics', 'import', '--from', 'wechat', '--since', '2026-11-01', '--until', '2026-11-30'],
      { cwd: sample.root, env },
    );
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.exitCode).toBe(0);

    // Each day's new likes and comments as WeChat's running totals give them.
    const november = (await readFile(path.join(sample.root, 'content/metrics/articles/2026-11.csv'), 'utf8'))
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','));
    const row = november.find(([date, article]) => date === '2026-11-08' && article === '2026-11-07-lidong-tea')!;
    const lidong = publications.find((entry) => entry.article === '2026-11-07-lidong-tea')!;
    expect([Number(row[6]), Number(row[7])]).toEqual([
      fakeEngagementOn({}, lidong, '2026-11-08').like_user,
      fakeEngagementOn({}, lidong, '2026-11-08').comment_count,
    ]);

    // The dashboards' article KPIs: 立冬's likes over November are the sum of its days.
    const imported = (await loadRepository(sample.root)).repository;
    let lidongLikes = 0;
    for (let day = Date.parse('2026-11-07T00:00:00Z'); day <= Date.parse('2026-11-30T00:00:00Z'); day += 86_400_000)
      lidongLikes += fakeEngagementOn({}, lidong, new Date(day).toISOString().slice(0, 10)).like_user;
    expect(
      articleKpis(imported, { from: '2026-11-01', to: '2026-11-30' }).find(
        (kpi) => kpi.article === '2026-11-07-lidong-tea',
      )?.likes,
    ).toBe(lidongLikes);

    // lin-xiao's articles published in November, over their November days.
    let likes = 0;
    let comments = 0;
    const own = publications.filter(
      (entry) => authors.get(entry.article) === 'lin-xiao' && entry.date.startsWith('2026-11'),
    );
    for (const entry of own) {
      for (
        let day = Date.parse(`${entry.date}T00:00:00Z`);
        day <= Date.parse('2026-11-30T00:00:00Z');
        day += 86_400_000
      ) {
        const engagement = fakeEngagementOn({}, entry, new Date(day).toISOString().slice(0, 10));
        likes += engagement.like_user;
        comments += engagement.comment_count;
      }
    }
    expect(likes).toBeGreaterThan(0);
    const after = JSON.parse(
      (
        await runMpflow(['score', '--explain', 'lin-xiao', '--period', '2026-11', '--format', 'json'], {
          cwd: sample.root,
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
      json.categories
        .flatMap((category) => category.children ?? [])
        .flatMap((node) => node.parts ?? [])
        .find((entry) => entry.kpi === kpi)!;
    // Scoring counts every article of hers scheduled in November, also the 28th's, which has no publish record (so no likes from WeChat).
    const counted = repository.articles.filter(
      (article) => article.data.author === 'lin-xiao' && String(article.data.publishAt).startsWith('2026-11'),
    ).length;
    expect(counted).toBe(own.length + 1);
    expect(part(after, 'likes-per-article').basis.en).toBe(`${counted} articles, ${likes} likes in all`);
    expect(part(after, 'comments-per-article').basis.en).toBe(`${counted} articles, ${comments} comments in all`);
    expect(part(after, 'likes-per-article').raw).toBeCloseTo(likes / counted, 1);
    expect(part(before, 'likes-per-article').basis.en).not.toBe(part(after, 'likes-per-article').basis.en);
    // The imported files are valid repository files.
    const check = await runMpflow(['check', 'content/metrics'], { cwd: sample.root, env });
    expect(check.exitCode, check.stdout).toBe(0);
  });

  it.each([
    ['getarticletotaldetail', 'per-article likes, comments and 在看 were not imported'],
    ['getarticleread', 'per-article daily readers come only from getarticlesummary'],
    ['getarticlesummary', 'getarticlesummary (no longer maintained) answered 48001'],
  ])('an account that may not call %s (48001) is told so, and the rest still imports', async (endpoint, notice) => {
    const fixture = await FixtureRepository.create();
    cleanup.push(() => fixture.dispose());
    await fixture.write(
      'content/publishing/2026-09-02-yancha-yanyun.yaml',
      'article: 2026-09-02-yancha-yanyun\nstatus: published\nindex: 1\npublishId: "2650177668"\nmsgDataId: "2247483801"\nurl: https://mp.weixin.qq.com/s/abcdefghijk\npublishedAt: 2026-09-02T20:31:05+08:00\n',
    );
    const { repository } = await loadRepository(fixture.root);
    const publication = {
      msgDataId: '2247483801',
      index: 1,
      date: '2026-11-02',
      title: '武夷岩茶的“岩韵”，到底在说什么',
    };
    server = await startFakeWeChat({
      extraRoutes: createDatacubeRoutes({ today: TODAY, publications: [publication] }),
    });
    server.injectError(`/datacube/${endpoint}`, 48001, { times: 100 });
    const result = await importFromWeChat({
      client: await clientFor(server),
      repository,
      range: { from: '2026-11-02', to: '2026-11-04' },
      today: TODAY,
    });
    expect(result.notices.map((entry) => entry.en).join('\n')).toContain(notice);
    // Asked once: an endpoint that answered 48001 is not asked again in the run.
    expect(server.count(`/datacube/${endpoint}`)).toBe(1);
    const day = result.batch.articles!.find((row) => row.date === '2026-11-03')!;
    const engagement = fakeEngagementOn({}, publication, '2026-11-03');
    if (endpoint === 'getarticletotaldetail') expect(day.likes).toBeUndefined();
    else expect(day.likes).toBe(engagement.like_user);
    expect(Number(day.readers)).toBeGreaterThan(0);
    if (endpoint === 'getarticlesummary') expect(day.reads).toBeUndefined();
    else expect(Number(day.reads)).toBeGreaterThan(0);
  });
});
