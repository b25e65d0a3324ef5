import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dateInTimeZoneForTest } from './metrics-test-helpers.ts';
import { followerKpis } from '../../src/core/metrics/kpis.ts';
import { storeMetrics } from '../../src/core/metrics/storage.ts';
import { checkRepository } from '../../src/core/check/check-repository.ts';
import {
  DATACUBE_ENDPOINTS,
  importFromWeChat,
  planDatacubeCalls,
  MetricsImportError,
} from '../../src/core/metrics/wechat-import.ts';
import { loadRepository, type Repository } from '../../src/core/repository/load-repository.ts';
import { createWeChatClient, type WeChatClient } from '../../src/core/wechat/client.ts';
import { createDatacubeRoutes, fakeEngagementOn, type FakePublication } from '../helpers/fake-wechat-datacube.ts';
import { startFakeWeChat, type FakeRoute, type FakeWeChat } from '../helpers/fake-wechat-server.ts';
import { FixtureRepository } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';

const TODAY = '2027-01-15';
const SAMPLES = path.join(import.meta.dirname, '../wechat/samples');
const YEAR = { from: '2026-01-01', to: '2026-12-31' };

const PUBLICATIONS: FakePublication[] = [
  { msgDataId: '2247483801', index: 1, date: '2026-09-02', title: '武夷岩茶的“岩韵”，到底在说什么' },
  // Published outside mpflow: no publish record, a title no article has.
  { msgDataId: '2247483650', index: 2, date: '2026-06-30', title: '夏日冷泡茶的三种做法' },
  // Sent across the halves' boundary: its seven days straddle 30 June / 1 July.
  { msgDataId: '2247483777', index: 1, date: '2026-06-28', title: '武夷岩茶的“岩韵”，到底在说什么（二）' },
];

const PUBLISH_RECORD = `# yaml-language-server: $schema=../../schemas/publish-record.schema.json
article: 2026-09-02-yancha-yanyun
status: published
index: 1
publishId: "2650177668"
msgDataId: "2247483801"
url: https://mp.weixin.qq.com/s/abcdefghijk
publishedAt: 2026-09-02T20:31:05+08:00
`;

async function snapshot(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const metrics = path.join(root, 'content/metrics');
  for (const folder of await readdir(metrics)) {
    for (const name of await readdir(path.join(metrics, folder)))
      files.set(`${folder}/${name}`, await readFile(path.join(metrics, folder, name), 'utf8'));
  }
  return files;
}

describe('importing from the WeChat datacube API', () => {
  let server: FakeWeChat;
  let client: WeChatClient;
  let cacheFolder: string;
  const fixtures: FixtureRepository[] = [];

  async function repositoryFixture(): Promise<{ fixture: FixtureRepository; repository: Repository }> {
    const fixture = await FixtureRepository.create();
    fixtures.push(fixture);
    await fixture.write('content/publishing/2026-09-02-yancha-yanyun.yaml', PUBLISH_RECORD);
    return { fixture, repository: (await loadRepository(fixture.root)).repository };
  }

  beforeAll(async () => {
    server = await startFakeWeChat({
      extraRoutes: createDatacubeRoutes({
        today: TODAY,
        publications: PUBLICATIONS,
        delayedDates: new Set(['2026-09-03', '2026-12-31']),
      }),
    });
    cacheFolder = await mkdtemp(path.join(tmpdir(), 'mpflow-token-'));
    client = createWeChatClient({
      appId: server.state.appId,
      appSecret: server.state.appSecret,
      baseUrl: server.url,
      tokenCachePath: path.join(cacheFolder, 'token.json'),
      sleep: async () => {},
    });
  });
  afterEach(() => {
    server.calls.length = 0;
  });
  afterAll(async () => {
    await server.close();
    await rm(cacheFolder, { recursive: true, force: true });
    for (const fixture of fixtures) await fixture.dispose();
  });

  it('plans the fewest calls: ceil(days ÷ span) per endpoint, and never asks beyond the range', () => {
    const plan = planDatacubeCalls(YEAR);
    // 365 days: 53 windows of 7 days, 122 of 3 days, 365 of one day; getarticletotaldetail is asked by
    // sending day from 29 days before the range, since an article's figures run 30 days.
    const expected = {
      getusersummary: 53,
      getusercumulate: 53,
      getarticleread: 365,
      getarticletotaldetail: 394,
      getarticlesummary: 365,
      getarticletotal: 365,
      getuserread: 122,
      getusershare: 53,
      getbizsummary: 365,
    };
    for (const [endpoint, count] of Object.entries(expected))
      expect(plan.filter((call) => call.endpoint === endpoint)).toHaveLength(count);
    expect(plan).toHaveLength(2135);
    for (const call of plan) {
      const days = (Date.parse(call.end) - Date.parse(call.begin)) / 86_400_000 + 1;
      expect(days).toBeLessThanOrEqual(DATACUBE_ENDPOINTS[call.endpoint].span);
      expect(
        call.begin >= (call.endpoint === 'getarticletotaldetail' ? '2025-12-03' : YEAR.from) && call.end <= YEAR.to,
      ).toBe(true);
    }
    // getbizsummary has no data before 2025-11-01, so a range before then does not ask it.
    expect(
      planDatacubeCalls({ from: '2025-10-25', to: '2025-11-02' })
        .filter((call) => call.endpoint === 'getbizsummary')
        .map((call) => call.begin),
    ).toEqual(['2025-11-01', '2025-11-02']);
  });

  it('imports a year in 2,135 datacube calls, the same files as two halves, and a second import changes nothing', {
    timeout: 90_000,
  }, async () => {
    const whole = await repositoryFixture();
    const result = await importFromWeChat({ client, repository: whole.repository, range: YEAR, today: TODAY });
    const datacubeCalls = server.calls.filter((call) => call.path.startsWith('/datacube/'));
    expect(result.calls).toBe(2135);
    expect(datacubeCalls).toHaveLength(2135);
    expect(server.calls.filter((call) => call.path === '/cgi-bin/stable_token').length).toBeLessThanOrEqual(1);
    // One getusersummary row per (date, source), as WeChat sends them.
    const keys = result.batch.followers!.map((row) => `${row.date}|${row.source}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(result.batch['followers-cumulative']!.map((row) => row.date)).size).toBe(365);
    await storeMetrics(whole.fixture.root, result.batch, { importedOn: TODAY });

    const halves = await repositoryFixture();
    for (const range of [
      { from: '2026-01-01', to: '2026-06-30' },
      { from: '2026-07-01', to: '2026-12-31' },
    ]) {
      const part = await importFromWeChat({ client, repository: halves.repository, range, today: TODAY });
      await storeMetrics(halves.fixture.root, part.batch, { importedOn: TODAY });
    }
    const wholeFiles = await snapshot(whole.fixture.root);
    expect([...wholeFiles.keys()].filter((name) => name.startsWith('followers/'))).toHaveLength(12);
    expect(wholeFiles).toEqual(await snapshot(halves.fixture.root));

    server.calls.length = 0;
    const again = await importFromWeChat({ client, repository: whole.repository, range: YEAR, today: TODAY });
    const summary = await storeMetrics(whole.fixture.root, again.batch, { importedOn: TODAY });
    expect(summary.files).toEqual([]);
    expect(Object.values(summary.added).reduce((sum, count) => sum + count, 0)).toBe(0);
    expect(await snapshot(whole.fixture.root)).toEqual(wholeFiles);
  });

  it('matches msgids through publish records, reports the unmatched one, and holds back delayed days', async () => {
    const { repository } = await repositoryFixture();
    const result = await importFromWeChat({
      client,
      repository,
      range: { from: '2026-06-28', to: '2026-09-08' },
      today: TODAY,
    });
    const articles = new Set(result.batch.articles!.map((row) => row.article));
    expect(articles).toEqual(new Set(['2026-09-02-yancha-yanyun']));
    expect(result.unmatched.map((entry) => [entry.msgid, entry.title])).toEqual([
      ['2247483650_2', '夏日冷泡茶的三种做法'],
      ['2247483777_1', '武夷岩茶的“岩韵”，到底在说什么（二）'],
    ]);
    expect(result.unmatched[0]!.dates[0]).toBe('2026-06-30');
    // getbizsummary answers its documented shape: one account-wide row a day, no msgid; its likes
    // are not spread over articles. Per-article likes and comments are getarticletotaldetail's
    // running totals turned into each day's new ones.
    const first = result.batch.articles!.find((row) => row.date === '2026-09-02')!;
    expect(Number(first.reads)).toBeGreaterThan(0);
    const sent = PUBLICATIONS[0]!;
    for (const date of ['2026-09-02', '2026-09-03', '2026-09-04']) {
      const day = result.batch.articles!.find((row) => row.date === date)!;
      expect({ likes: day.likes, comments: day.comments }).toEqual({
        likes: fakeEngagementOn({}, sent, date).like_user,
        comments: fakeEngagementOn({}, sent, date).comment_count,
      });
    }
    expect(Number(first.likes)).toBeGreaterThan(0);
    expect(result.notices.map((notice) => notice.en).join('\n')).toMatch(
      /getbizsummary gives account-wide daily totals only \(no msgid\): 72 days, [\d,]+ likes.*Per-article likes and comments come from getarticletotaldetail\./,
    );
    // getarticletotal: one row per stat_date, up to 7 days after sending.
    expect(result.batch['article-totals']!.map((row) => row.statDate)).toEqual([
      '2026-09-02',
      '2026-09-03',
      '2026-09-04',
      '2026-09-05',
      '2026-09-06',
      '2026-09-07',
      '2026-09-08',
    ]);
    // 3 September is delayed (is_delay on getbizsummary): only its account-wide likes wait; getarticlesummary's reads of that day are stored.
    expect(result.delayed).toEqual(['2026-09-03']);
    expect(Number(result.batch.articles!.find((row) => row.date === '2026-09-03')!.reads)).toBeGreaterThan(0);
    expect(result.notices.map((notice) => notice.en).join('\n')).toMatch(
      /likes and comments of these days as delayed \(is_delay\): 2026-09-03\./,
    );
  });

  it('records a figure the platform revised instead of overwriting it silently', async () => {
    const { fixture, repository } = await repositoryFixture();
    const range = { from: '2026-09-01', to: '2026-09-07' };
    await storeMetrics(fixture.root, (await importFromWeChat({ client, repository, range, today: TODAY })).batch, {
      importedOn: '2026-09-10',
    });
    const revised = await startFakeWeChat({
      extraRoutes: createDatacubeRoutes({ today: TODAY, publications: PUBLICATIONS, revision: 'recount' }),
    });
    try {
      const revisedClient = createWeChatClient({
        appId: revised.state.appId,
        appSecret: revised.state.appSecret,
        baseUrl: revised.url,
        tokenCachePath: path.join(cacheFolder, 'revised.json'),
        sleep: async () => {},
      });
      const summary = await storeMetrics(
        fixture.root,
        (await importFromWeChat({ client: revisedClient, repository, range, today: TODAY })).batch,
        { importedOn: '2026-11-26' },
      );
      expect(summary.revisions.length).toBeGreaterThan(0);
      const log = await fixture.read('content/metrics/revisions/2026-11.csv');
      const [header, firstRevision] = log.split('\n');
      expect(header).toBe('date,kind,key,field,old,new');
      expect(firstRevision).toMatch(/^2026-11-26,[a-z-]+,2026-09-0\d(\|[^,]+)?,[a-zA-Z]+,\d+,\d+$/);
      // The data file holds the new figure; the revision holds the old one.
      const { kind, key, field, old, new: now } = summary.revisions[0]!;
      expect(old).not.toBe(now);
      const month = await fixture.read(`content/metrics/${kind}/2026-09.csv`);
      expect(month).toContain(key.split('|')[0]);
      void field;
    } finally {
      await revised.close();
    }
  });

  it('refuses today, and stops with the request named when WeChat refuses', async () => {
    const { repository } = await repositoryFixture();
    await expect(
      importFromWeChat({ client, repository, range: { from: '2027-01-10', to: TODAY }, today: TODAY }),
    ).rejects.toThrow(/yesterday \(2027-01-14/);
    server.injectError('/datacube/getusercumulate', 45009);
    const failure = importFromWeChat({
      client,
      repository,
      range: { from: '2026-10-01', to: '2026-10-07' },
      today: TODAY,
    });
    await expect(failure).rejects.toBeInstanceOf(MetricsImportError);
    await expect(failure).rejects.toThrow(/POST \/datacube\/getusercumulate.*45009|45009.*getusercumulate/);
  });

  it('the fake server answers 61501 (日期范围错误) to a window longer than the span and to end_date today, 61500 (日期格式错误) to a badly written date', async () => {
    const tooLong = await client
      .postJson('/datacube/getuserread', { begin_date: '2026-10-01', end_date: '2026-10-04' })
      .catch((error: { errcode: number }) => error.errcode);
    expect(tooLong).toBe(61501);
    const today = await client
      .postJson('/datacube/getusersummary', { begin_date: addDays(TODAY, -1), end_date: TODAY })
      .catch((error: { errcode: number }) => error.errcode);
    expect(today).toBe(61501);
    const format = await client
      .postJson('/datacube/getusersummary', { begin_date: '2026/10/01', end_date: '2026-10-01' })
      .catch((error: { errcode: number }) => error.errcode);
    expect(format).toBe(61500);
  });

  // Instants whose ten-day window crosses a month end, a year end and a leap day, plus an ordinary
  // mid-month one; 23:59 and 00:01 Beijing time sit either side of the department's midnight.
  it.each([
    ['2026-12-03T09:00:00+08:00', 'a window across the end of November'],
    ['2027-01-05T23:59:00+08:00', 'a window across the end of the year, one minute before midnight'],
    ['2028-03-02T00:01:00+08:00', 'a window across a leap day, one minute after midnight'],
    ['2026-11-28T12:00:00+08:00', 'a window inside one month'],
  ])(
    'mpflow metrics import --from wechat at %s (%s) writes the files, says how many calls it made, and a second run changes nothing',
    async (instant) => {
      const { fixture } = await repositoryFixture();
      const now = new Date(instant);
      const today = dateInTimeZoneForTest(now);
      const local = await startFakeWeChat({ extraRoutes: createDatacubeRoutes({ today, publications: [] }) });
      try {
        const env = {
          LANG: 'en_US.UTF-8',
          WECHAT_APPID: local.state.appId,
          WECHAT_APPSECRET: local.state.appSecret,
          WECHAT_API_BASE: local.url,
          XDG_CACHE_HOME: cacheFolder,
          MPFLOW_NOW: now.toISOString(),
        };
        const since = addDays(today, -10);
        // A dry run stores nothing, month by month or otherwise, and says what it would add.
        const dry = await runMpflow(['metrics', 'import', '--from', 'wechat', '--since', since, '--dry-run'], {
          cwd: fixture.root,
          env,
        });
        expect(dry.exitCode).toBe(0);
        expect(dry.stdout).toMatch(/Would add: followers \+\d+, followers-cumulative \+10/);
        await expect(fixture.read(`content/metrics/followers-cumulative/${since.slice(0, 7)}.csv`)).rejects.toThrow();
        const run = await runMpflow(['metrics', 'import', '--from', 'wechat', '--since', since, '--progress'], {
          cwd: fixture.root,
          env,
        });
        expect(run.stderr).not.toMatch(/internal error/);
        expect(run.exitCode).toBe(0);
        const expected = planDatacubeCalls({ from: since, to: addDays(today, -1) }).length;
        // Not a terminal: --progress prints a line per tenth of the calls, ending at 100%.
        expect(run.stderr).toMatch(/^Importing 0\/\d+ \(0%\) getarticletotaldetail/m);
        expect(run.stderr).toContain(`Importing ${expected}/${expected} (100%)`);
        expect(run.stdout).toContain(`${expected} WeChat API calls.`);
        expect(run.stdout).toMatch(/content\/metrics\/followers\/\d{4}-\d{2}\.csv/);
        const stored = await snapshot(fixture.root);
        const again = await runMpflow(['metrics', 'import', '--from', 'wechat', '--since', since], {
          cwd: fixture.root,
          env,
        });
        expect(again.stderr).not.toMatch(/^Importing \d/m);
        expect(again.stdout).toMatch(/Nothing new: \d+ rows already match the repository; no file changed\./);
        expect(await snapshot(fixture.root)).toEqual(stored);
        const refused = await runMpflow(['metrics', 'import', '--from', 'wechat', '--since', since, '--until', today], {
          cwd: fixture.root,
          env,
        });
        expect(refused.exitCode).toBe(1);
        expect(refused.stderr).toContain('yesterday');
        expect(refused.stderr).toContain('Nothing was written.');
      } finally {
        await local.close();
      }
    },
  );

  it('asks a window WeChat refuses with 61501 one day at a time, stops on a one-day 61501 naming the request, and never retries 61500', async () => {
    const { repository } = await repositoryFixture();
    const range = { from: '2026-10-01', to: '2026-10-06' };
    const clean = await importFromWeChat({ client, repository, range, today: TODAY });
    server.injectError('/datacube/getuserread', 61501, { errmsg: 'date range error hint: [x] rid: fake' });
    const split = await importFromWeChat({ client, repository, range, today: TODAY });
    // The refused 3-day window is followed by three one-day calls; the rows are the same.
    expect(split.calls).toBe(clean.calls + 3);
    expect(split.batch).toEqual(clean.batch);
    expect(split.notices.map((notice) => notice.en)).toContain(
      'getuserread refused the range 2026-10-01 to 2026-10-03 (61501, date range error); it was asked one day at a time instead.',
    );
    server.injectError('/datacube/getarticlesummary', 61501, { errmsg: 'date range error rid: fake' });
    await expect(importFromWeChat({ client, repository, range, today: TODAY })).rejects.toThrow(
      /POST \/datacube\/getarticlesummary failed: errcode 61501, The date range is wrong.*\(dates asked: 2026-10-01 to 2026-10-01\)/,
    );
    // 61500 is a date format error: splitting the window cannot help, so the run stops at once.
    const before = server.count('/datacube/getuserread');
    server.injectError('/datacube/getuserread', 61500, { errmsg: 'date format error rid: fake' });
    await expect(importFromWeChat({ client, repository, range, today: TODAY })).rejects.toThrow(
      /POST \/datacube\/getuserread failed: errcode 61500, The date format is wrong/,
    );
    expect(server.count('/datacube/getuserread')).toBe(before + 1);
  });

  it('files a getuserread row without user_source (the pre-2020 shape) as all sources, not as 会话', async () => {
    const { repository } = await repositoryFixture();
    // The row of wechatpy's tests/fixtures/datacube_getuserread.json (test/wechat/samples/), moved to a day the fake allows.
    const sample = JSON.parse(await readFile(path.join(SAMPLES, 'datacube_getuserread.wechatpy.json'), 'utf8')) as {
      list: Array<Record<string, unknown>>;
    };
    const row: Record<string, unknown> = { ...sample.list[0]!, ref_date: '2026-10-01' };
    expect(row.user_source).toBeUndefined();
    const local = await startFakeWeChat({
      extraRoutes: [
        (request) => (request.path === '/datacube/getuserread' ? { json: { list: [row] } } : undefined),
        ...createDatacubeRoutes({ today: TODAY }),
      ],
    });
    try {
      const localClient = createWeChatClient({
        appId: local.state.appId,
        appSecret: local.state.appSecret,
        baseUrl: local.url,
        tokenCachePath: path.join(cacheFolder, 'pre-2020.json'),
        sleep: async () => undefined,
      });
      const result = await importFromWeChat({
        client: localClient,
        repository,
        range: { from: '2026-10-01', to: '2026-10-01' },
        today: TODAY,
      });
      expect(result.batch.reads).toEqual([
        {
          date: '2026-10-01',
          source: 99999999,
          readers: 45524,
          reads: 48796,
          shareUsers: 11,
          shares: 276,
          favoriteUsers: 5,
          favorites: 15,
        },
      ]);
    } finally {
      await local.close();
    }
  });

  it('stops on a token WeChat keeps refusing (40001) with the request named', async () => {
    const { repository } = await repositoryFixture();
    server.injectError('/datacube/getusersummary', 40001, { times: 2 });
    await expect(
      importFromWeChat({ client, repository, range: { from: '2026-10-01', to: '2026-10-02' }, today: TODAY }),
    ).rejects.toThrow(/POST \/datacube\/getusersummary failed: errcode 40001/);
  });

  it('keeps the months stored before a 45009 quota error, says where to resume, and the resumed import equals an uninterrupted one', async () => {
    const env = {
      LANG: 'en_US.UTF-8',
      WECHAT_APPID: server.state.appId,
      WECHAT_APPSECRET: server.state.appSecret,
      XDG_CACHE_HOME: cacheFolder,
      MPFLOW_NOW: '2027-01-15T04:00:00Z',
    };
    let quotaUsedUp = true;
    // The daily quota runs out when the import reaches 10 March.
    const quota: FakeRoute = (request) =>
      quotaUsedUp &&
      request.path.startsWith('/datacube/') &&
      String((request.body as { begin_date?: string }).begin_date) >= '2026-03-10'
        ? { json: { errcode: 45009, errmsg: 'reach max api daily quota limit rid: fake' } }
        : undefined;
    const limited = await startFakeWeChat({
      extraRoutes: [quota, ...createDatacubeRoutes({ today: TODAY, publications: PUBLICATIONS })],
    });
    try {
      const interrupted = await repositoryFixture();
      const args = ['metrics', 'import', '--from', 'wechat', '--since', '2026-01-01', '--until', '2026-04-30'];
      const limitedEnv = {
        ...env,
        WECHAT_APPID: limited.state.appId,
        WECHAT_APPSECRET: limited.state.appSecret,
        WECHAT_API_BASE: limited.url,
      };
      const stopped = await runMpflow(args, { cwd: interrupted.fixture.root, env: limitedEnv });
      expect(stopped.exitCode).toBe(1);
      expect(stopped.stderr).toMatch(/mpflow: POST \/datacube\/\w+ failed: errcode 45009/);
      expect(stopped.stderr).toContain('The figures from 2026-01-01 to 2026-02-28 were stored completely');
      expect(stopped.stderr).toContain(
        'Continue from 2026-03-01: mpflow metrics import --from wechat --since 2026-03-01 --until 2026-04-30',
      );
      expect(stopped.stderr).not.toContain('Nothing was written');
      const partial = await snapshot(interrupted.fixture.root);
      expect([...partial.keys()].filter((name) => name.startsWith('followers/'))).toEqual([
        'followers/2026-01.csv',
        'followers/2026-02.csv',
      ]);
      // February's last window (26 Feb – 4 Mar) was answered: its March rows wait for March and were not written half.
      expect(partial.get('followers/2026-02.csv')).toMatch(/\n2026-02-28,/);

      quotaUsedUp = false;
      const resumed = await runMpflow(
        ['metrics', 'import', '--from', 'wechat', '--since', '2026-03-01', '--until', '2026-04-30'],
        { cwd: interrupted.fixture.root, env: limitedEnv },
      );
      expect(resumed.exitCode).toBe(0);
      const whole = await repositoryFixture();
      const straight = await runMpflow(args, { cwd: whole.fixture.root, env: limitedEnv });
      expect(straight.exitCode).toBe(0);
      expect(await snapshot(interrupted.fixture.root)).toEqual(await snapshot(whole.fixture.root));
    } finally {
      await limited.close();
    }
  });

  it('takes "yesterday" in Beijing time, at 07:30 and at 23:30 Asia/Shanghai', async () => {
    const env = {
      LANG: 'en_US.UTF-8',
      WECHAT_APPID: server.state.appId,
      WECHAT_APPSECRET: server.state.appSecret,
      WECHAT_API_BASE: server.url,
      XDG_CACHE_HOME: cacheFolder,
    };
    // 07:30 on 15 January in Shanghai is still 14 January in UTC: yesterday is the 14th, not the 13th.
    const early = await repositoryFixture();
    const morning = await runMpflow(['metrics', 'import', '--from', 'wechat', '--since', 'yesterday'], {
      cwd: early.fixture.root,
      env: { ...env, MPFLOW_NOW: '2027-01-14T23:30:00Z' },
    });
    expect(morning.exitCode).toBe(0);
    expect(await early.fixture.read('content/metrics/followers-cumulative/2027-01.csv')).toMatch(
      /^date,cumulative\n2027-01-14,\d+\n$/,
    );
    expect(morning.stderr).toContain('It is before 08:00 Beijing time');
    const refused = await runMpflow(
      ['metrics', 'import', '--from', 'wechat', '--since', '2027-01-14', '--until', '2027-01-15'],
      { cwd: early.fixture.root, env: { ...env, MPFLOW_NOW: '2027-01-14T23:30:00Z' } },
    );
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('The end date can be yesterday (2027-01-14, Beijing time) at the latest');
    // 23:30 on 15 January in Shanghai (15:30 UTC): still the 14th, and no early-morning warning.
    const late = await repositoryFixture();
    const evening = await runMpflow(['metrics', 'import', '--from', 'wechat', '--since', 'yesterday'], {
      cwd: late.fixture.root,
      env: { ...env, MPFLOW_NOW: '2027-01-15T15:30:00Z' },
    });
    expect(evening.exitCode).toBe(0);
    expect(evening.stderr).not.toContain('before 08:00');
    expect(await late.fixture.read('content/metrics/followers-cumulative/2027-01.csv')).toBe(
      await early.fixture.read('content/metrics/followers-cumulative/2027-01.csv'),
    );
  });

  it("makes a day's followers WeChat's: a stored row getusersummary no longer lists is set to 0 and logged, not added on top", async () => {
    const range = { from: '2026-10-05', to: '2026-10-05' };
    const probe = await repositoryFixture();
    const listed = new Set(
      (await importFromWeChat({ client, repository: probe.repository, range, today: TODAY })).batch.followers!.map(
        (row) => Number(row.source),
      ),
    );
    const quiet = [17, 57, 100, 149, 161, 200, 201].find((source) => !listed.has(source))!;
    const { fixture } = await repositoryFixture();
    // Say an earlier total-only back-office export, or an older answer, left a row WeChat does not list today.
    await fixture.write(
      'content/metrics/followers/2026-10.csv',
      `date,source,new,cancelled\n2026-10-05,${quiet},99,9\n`,
    );
    const repository = (await loadRepository(fixture.root)).repository;
    const result = await importFromWeChat({ client, repository, range, today: TODAY });
    const summary = await storeMetrics(fixture.root, result.batch, { importedOn: '2026-11-26' });
    expect(summary.revisions).toEqual([
      { kind: 'followers', key: `2026-10-05|${quiet}`, field: 'new', old: '99', new: '0' },
      { kind: 'followers', key: `2026-10-05|${quiet}`, field: 'cancelled', old: '9', new: '0' },
    ]);
    const reloaded = (await loadRepository(fixture.root)).repository;
    const apiNew = (
      await importFromWeChat({ client, repository: probe.repository, range, today: TODAY })
    ).batch.followers!.reduce((sum, row) => sum + Number(row.new), 0);
    expect(followerKpis(reloaded, range).new).toBe(apiNew);
    // Importing again changes nothing.
    expect(
      (
        await storeMetrics(
          fixture.root,
          (
            await importFromWeChat({ client, repository: reloaded, range, today: TODAY })
          ).batch,
          { importedOn: '2026-11-26' },
        )
      ).files,
    ).toEqual([]);
  });

  it('counts codes the schema does not list under "other", so mpflow check accepts what was written', async () => {
    // Older accounts still get retired codes: 43 (图文页右上角菜单) for followers, 3 (腾讯微博) for shares.
    const retired: FakeRoute = (request) => {
      if (request.path === '/datacube/getusersummary')
        return {
          json: {
            list: [
              { ref_date: '2026-10-05', user_source: 0, new_user: 4, cancel_user: 1 },
              { ref_date: '2026-10-05', user_source: 43, new_user: 6, cancel_user: 2 },
              { ref_date: '2026-10-05', user_source: 30, new_user: 5, cancel_user: 0 },
            ],
          },
        };
      if (request.path === '/datacube/getusershare')
        return {
          json: {
            list: [
              { ref_date: '2026-10-05', share_scene: 1, share_count: 8, share_user: 7 },
              { ref_date: '2026-10-05', share_scene: 3, share_count: 2, share_user: 2 },
            ],
          },
        };
      return undefined;
    };
    const old = await startFakeWeChat({ extraRoutes: [retired, ...createDatacubeRoutes({ today: TODAY })] });
    try {
      const oldClient = createWeChatClient({
        appId: old.state.appId,
        appSecret: old.state.appSecret,
        baseUrl: old.url,
        tokenCachePath: path.join(cacheFolder, 'old.json'),
        sleep: async () => {},
      });
      const { fixture, repository } = await repositoryFixture();
      const result = await importFromWeChat({
        client: oldClient,
        repository,
        range: { from: '2026-10-05', to: '2026-10-05' },
        today: TODAY,
      });
      expect(result.batch.followers).toEqual([
        { date: '2026-10-05', source: 0, new: 10, cancelled: 3 },
        { date: '2026-10-05', source: 30, new: 5, cancelled: 0 },
      ]);
      expect(result.batch.shares).toEqual([
        { date: '2026-10-05', scene: 1, shares: 8, shareUsers: 7 },
        { date: '2026-10-05', scene: 255, shares: 2, shareUsers: 2 },
      ]);
      expect(result.notices.map((notice) => notice.en)).toContain(
        'WeChat answered codes mpflow does not know: share_scene 3, user_source 43. Their figures were counted under "other" (follower source 0 / share scene 255).',
      );
      await storeMetrics(fixture.root, result.batch, { importedOn: '2026-11-26' });
      const { problems } = await checkRepository(fixture.root);
      expect(problems.filter((problem) => problem.file.startsWith('content/metrics/'))).toEqual([]);
    } finally {
      await old.close();
    }
  });
});
