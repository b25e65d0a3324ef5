// Part of `npm run bench`, or alone: `node bench/dashboards.ts`. Imports eight months of figures
// from the fake WeChat server into a copy of the sample department, then times what the dashboards
// do at build time — the KPIs and the ECharts SVG rendering of the overview and of every monthly
// report — and the import itself.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  articleComparisonBlock,
  audienceBlocks,
  followerChangesBlock,
  followerTrendBlock,
  growthBySourceBlock,
  readsAndSharesBlock,
  supportBlock,
  supportTrendBlock,
  topArticlesBlock,
} from '../src/components/dashboards/dashboard-blocks.ts';
import { dashboardOverview, metricsMonths, monthlyReport } from '../src/core/metrics/report.ts';
import { storeMetrics } from '../src/core/metrics/storage.ts';
import { importFromWeChat } from '../src/core/metrics/wechat-import.ts';
import { loadRepository } from '../src/core/repository/load-repository.ts';
import { createWeChatClient } from '../src/core/wechat/client.ts';
import { createDatacubeRoutes } from '../test/helpers/fake-wechat-datacube.ts';
import { startFakeWeChat } from '../test/helpers/fake-wechat-server.ts';

export async function benchDashboards(projectRoot: string): Promise<string> {
  const work = await mkdtemp(path.join(tmpdir(), 'mpflow-bench-dashboards-'));
  try {
    await cp(path.join(projectRoot, 'content'), path.join(work, 'content'), { recursive: true });
    const server = await startFakeWeChat({ extraRoutes: createDatacubeRoutes({ today: '2027-01-15' }) });
    const client = createWeChatClient({
      appId: server.state.appId,
      appSecret: server.state.appSecret,
      baseUrl: server.url,
      tokenCachePath: path.join(work, 'token.json'),
    });
    let started = performance.now();
    const { repository: before } = await loadRepository(work);
    const imported = await importFromWeChat({
      client,
      repository: before,
      range: { from: '2026-01-01', to: '2026-08-31' },
      today: '2027-01-15',
    });
    await storeMetrics(work, imported.batch, { importedOn: '2027-01-15' });
    const importSeconds = (performance.now() - started) / 1000;
    await server.close();

    const { repository } = await loadRepository(work);
    started = performance.now();
    const overview = dashboardOverview(repository)!;
    const kpiSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    let charts = 0;
    for (const lang of ['zh-CN', 'en'] as const) {
      const blocks = [
        followerTrendBlock(overview.followers, lang),
        followerChangesBlock(overview.followers, lang),
        growthBySourceBlock(overview.followers, lang),
        readsAndSharesBlock(overview.daily, lang),
        topArticlesBlock(overview.topArticles, lang, overview.memberNames),
        articleComparisonBlock(overview.recentArticles, lang, overview.memberNames),
        ...audienceBlocks(overview.audience, lang),
        supportBlock(overview.support, lang, overview.memberNames),
        supportTrendBlock(overview.supportByMonth, overview.support.deadlineMinutes, lang),
      ];
      charts += blocks.length;
      for (const month of metricsMonths(repository)) {
        const report = monthlyReport(repository, month);
        charts += [
          followerTrendBlock(report.followers, lang),
          growthBySourceBlock(report.followers, lang),
          readsAndSharesBlock(report.daily, lang),
          topArticlesBlock(report.articles.slice(0, 10), lang, overview.memberNames),
        ].length;
      }
    }
    const renderSeconds = (performance.now() - started) / 1000;
    const rows = [
      ['dashboards', 'figure'],
      ['API import, 2026-01-01 … 2026-08-31', `${imported.calls} calls, ${importSeconds.toFixed(2)} s`],
      ['months of figures', String(metricsMonths(repository).length)],
      ['overview KPIs (whole span)', `${kpiSeconds.toFixed(3)} s`],
      ['overview + monthly reports, both languages', `${charts} charts, ${renderSeconds.toFixed(2)} s`],
    ];
    return rows.map((row) => `${row[0]!.padEnd(44)}  ${row[1]}\n`).join('');
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  process.stdout.write(await benchDashboards(fileURLToPath(new URL('..', import.meta.url))));
