import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dateInTimeZoneForTest } from './metrics-test-helpers.ts';
import { storeMetrics } from '../../src/core/metrics/storage.ts';
import { DATACUBE_ENDPOINTS, importFromWeChat, planDatacubeCalls, MetricsImportError } from '../../src/core/metrics/wechat-import.ts';
import { loadRepository, type Repository } from '../../src/core/repository/load-repository.ts';
import { createWeChatClient, type WeChatClient } from '../../src/core/wechat/client.ts';
import { createDatacubeRoutes, type FakePublication } from '../helpers/fake-wechat-datacube.ts';
import { startFakeWeChat, type FakeWeChat } from '../helpers/fake-wechat-server.ts';
import { FixtureRepository } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';

const TODAY = '2027-01-15';
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
    for (const name of await readdir(path.join(metrics, folder))) files.set(`${folder}/${name}`, await readFile(path.join(metrics, folder, name), 'utf8'));
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
    server = await startFakeWeChat({ extraRoutes: createDatacubeRoutes({ today: TODAY, publications: PUBLICATIONS, delayedDates: new Set(['2026-12-31']) }) });
    cacheFolder = await mkdtemp(path.join(tmpdir(), 'mpflow-token-'));
    client = createWeChatClient({ appId: server.state.appId, appSecret: server.state.appSecret, baseUrl: server.url, tokenCachePath: path.join(cacheFolder, 'token.json'), sleep: async () => {} });
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
    // 365 days: 53 windows of 7 days, 122 of 3 days, 365 of one day.
    const expected = { getusersummary: 53, getusercumulate: 53, getarticlesummary: 365, getarticletotal: 365, getuserread: 122, getusershare: 53, getbizsummary: 365 };
    for (const [endpoint, count] of Object.entries(expected)) expect(plan.filter((call) => call.endpoint === endpoint)).toHaveLength(count);
    expect(plan).toHaveLength(1376);
    for (const call of plan) {
      const days = (Date.parse(call.end) - Date.parse(call.begin)) / 86_400_000 + 1;
      expect(days).toBeLessThanOrEqual(DATACUBE_ENDPOINTS[call.endpoint].span);
      expect(call.begin >= YEAR.from && call.end <= YEAR.to).toBe(true);
    }
    // getbizsummary has no data before 2025-11-01, so a range before then does not ask it.
    expect(planDatacubeCalls({ from: '2025-10-25', to: '2025-11-02' }).filter((call) => call.endpoint === 'getbizsummary').map((call) => call.begin)).toEqual(['2025-11-01', '2025-11-02']);
  });

  it('imports a year in 1,376 datacube calls, the same files as two halves, and a second import changes nothing', async () => {
    const whole = await repositoryFixture();
    const result = await importFromWeChat({ client, repository: whole.repository, range: YEAR, today: TODAY });
    const datacubeCalls = server.calls.filter((call) => call.path.startsWith('/datacube/'));
    expect(result.calls).toBe(1376);
    expect(datacubeCalls).toHaveLength(1376);
    expect(server.calls.filter((call) => call.path === '/cgi-bin/stable_token').length).toBeLessThanOrEqual(1);
    // One getusersummary row per (date, source), as WeChat sends them.
    const keys = result.batch.followers!.map((row) => `${row.date}|${row.source}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(result.batch['followers-cumulative']!.map((row) => row.date)).size).toBe(365);
    await storeMetrics(whole.fixture.root, result.batch, { importedOn: TODAY });

    const halves = await repositoryFixture();
    for (const range of [{ from: '2026-01-01', to: '2026-06-30' }, { from: '2026-07-01', to: '2026-12-31' }]) {
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
    const result = await importFromWeChat({ client, repository, range: { from: '2026-06-28', to: '2026-09-08' }, today: TODAY });
    const articles = new Set(result.batch.articles!.map((row) => row.article));
    expect(articles).toEqual(new Set(['2026-09-02-yancha-yanyun']));
    expect(result.unmatched.map((entry) => [entry.msgid, entry.title])).toEqual([
      ['2247483650_2', '夏日冷泡茶的三种做法'],
      ['2247483777_1', '武夷岩茶的“岩韵”，到底在说什么（二）'],
    ]);
    expect(result.unmatched[0]!.dates[0]).toBe('2026-06-30');
    // Likes and comments come from getbizsummary and land in the same article-day rows.
    const first = result.batch.articles!.find((row) => row.date === '2026-09-02')!;
    expect(Number(first.reads)).toBeGreaterThan(0);
    expect(Number(first.likes) + Number(first.comments)).toBeGreaterThan(0);
    // getarticletotal: one row per stat_date, up to 7 days after sending.
    expect(result.batch['article-totals']!.map((row) => row.statDate)).toEqual(['2026-09-02', '2026-09-03', '2026-09-04', '2026-09-05', '2026-09-06', '2026-09-07', '2026-09-08']);

    const delayed = await importFromWeChat({ client, repository, range: { from: '2026-12-30', to: '2026-12-31' }, today: TODAY });
    expect(delayed.delayed).toEqual(['2026-12-31']);
    expect(delayed.batch.articles!.some((row) => row.date === '2026-12-31')).toBe(false);
    expect(delayed.notices.map((notice) => notice.en).join('\n')).toMatch(/is_delay/);
  });

  it('records a figure the platform revised instead of overwriting it silently', async () => {
    const { fixture, repository } = await repositoryFixture();
    const range = { from: '2026-09-01', to: '2026-09-07' };
    await storeMetrics(fixture.root, (await importFromWeChat({ client, repository, range, today: TODAY })).batch, { importedOn: '2026-09-10' });
    const revised = await startFakeWeChat({ extraRoutes: createDatacubeRoutes({ today: TODAY, publications: PUBLICATIONS, revision: 'recount' }) });
    try {
      const revisedClient = createWeChatClient({ appId: revised.state.appId, appSecret: revised.state.appSecret, baseUrl: revised.url, tokenCachePath: path.join(cacheFolder, 'revised.json'), sleep: async () => {} });
      const summary = await storeMetrics(fixture.root, (await importFromWeChat({ client: revisedClient, repository, range, today: TODAY })).batch, { importedOn: '2026-11-26' });
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
    await expect(importFromWeChat({ client, repository, range: { from: '2027-01-10', to: TODAY }, today: TODAY })).rejects.toThrow(/yesterday \(2027-01-14/);
    server.injectError('/datacube/getusercumulate', 45009);
    const failure = importFromWeChat({ client, repository, range: { from: '2026-10-01', to: '2026-10-07' }, today: TODAY });
    await expect(failure).rejects.toBeInstanceOf(MetricsImportError);
    await expect(failure).rejects.toThrow(/POST \/datacube\/getusercumulate.*45009|45009.*getusercumulate/);
  });

  it('the fake server answers 61500 to a window longer than the span and to end_date today', async () => {
    const tooLong = await client.postJson('/datacube/getuserread', { begin_date: '2026-10-01', end_date: '2026-10-04' }).catch((error: { errcode: number }) => error.errcode);
    expect(tooLong).toBe(61500);
    const today = await client.postJson('/datacube/getusersummary', { begin_date: addDays(TODAY, -1), end_date: TODAY }).catch((error: { errcode: number }) => error.errcode);
    expect(today).toBe(61500);
  });

  it('mpflow metrics import --from wechat writes the files and says how many calls it made', async () => {
    const { fixture } = await repositoryFixture();
    const now = new Date();
    const today = dateInTimeZoneForTest(now);
    const local = await startFakeWeChat({ extraRoutes: createDatacubeRoutes({ today, publications: [] }) });
    try {
      const env = { LANG: 'en_US.UTF-8', WECHAT_APPID: local.state.appId, WECHAT_APPSECRET: local.state.appSecret, WECHAT_API_BASE: local.url, XDG_CACHE_HOME: cacheFolder, MPFLOW_NOW: now.toISOString() };
      const since = addDays(today, -10);
      const run = await runMpflow(['metrics', 'import', '--from', 'wechat', '--since', since, '--progress'], { cwd: fixture.root, env });
      expect(run.stderr).not.toMatch(/internal error/);
      expect(run.exitCode).toBe(0);
      const expected = planDatacubeCalls({ from: since, to: addDays(today, -1) }).length;
      // Not a terminal: --progress prints a line per tenth of the calls, ending at 100%.
      expect(run.stderr).toMatch(/^Importing 0\/\d+ \(0%\) getusersummary/m);
      expect(run.stderr).toContain(`Importing ${expected}/${expected} (100%)`);
      expect(run.stdout).toContain(`${expected} WeChat API calls.`);
      expect(run.stdout).toMatch(/content\/metrics\/followers\/\d{4}-\d{2}\.csv/);
      const again = await runMpflow(['metrics', 'import', '--from', 'wechat', '--since', since], { cwd: fixture.root, env });
      expect(again.stderr).not.toContain('Importing');
      expect(again.stdout).toMatch(/Nothing new: \d+ rows already match the repository; no file changed\./);
      const refused = await runMpflow(['metrics', 'import', '--from', 'wechat', '--since', since, '--until', today], { cwd: fixture.root, env });
      expect(refused.exitCode).toBe(1);
      expect(refused.stderr).toContain('yesterday');
      expect(refused.stderr).toContain('Nothing was written.');
    } finally {
      await local.close();
    }
  });
});
