/**
 * End to end: the dashboards and monthly reports of the sample department, built by this run's
 * `astro build` and opened in Chromium. Every chart is an inline SVG image with a description and
 * its figures as a table; the pages load no script at all; the numbers in the tables are the
 * KPI core's numbers.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followerKpis, monthRange } from '../../src/core/metrics/kpis.ts';
import { metricsMonths } from '../../src/core/metrics/report.ts';
import { loadRepository } from '../../src/core/repository/load-repository.ts';
import {
  browserSuiteName,
  buildSiteOnce,
  DIST,
  HAS_CHROMIUM,
  launchBrowser,
  privateTexts,
  requireChromiumOnCi,
  serve,
  SITE_DEPARTMENT,
  spellings,
  type StaticServer,
} from './site-server.ts';

requireChromiumOnCi();

const CHARTS = [
  'follower-trend',
  'follower-changes',
  'growth-by-source',
  'reads-and-shares',
  'top-articles',
  'article-comparison',
  'audience-gender',
  'audience-age',
  'audience-region',
  'support',
  'support-trend',
];
// October 2026: the sample's audience export is dated 25 November, so October's report has no audience charts.
const REPORT_CHARTS = ['follower-trend', 'growth-by-source', 'reads-and-shares', 'top-articles', 'support'];

describe('dashboards', () => {
  let months: string[] = [];
  beforeAll(async () => {
    const build = await buildSiteOnce();
    console.info(`[dashboards.e2e] astro build took ${build.seconds.toFixed(1)} s`);
    months = metricsMonths((await loadRepository(SITE_DEPARTMENT)).repository);
  }, 300_000);

  it('builds the dashboards and one report per month in both languages, with no script and no private text', async () => {
    expect(months.length).toBeGreaterThanOrEqual(3);
    const files = [
      'dashboards/index.html',
      'en/dashboards/index.html',
      ...months.flatMap((month) => [`dashboards/${month}/index.html`, `en/dashboards/${month}/index.html`]),
    ];
    const secrets = await privateTexts();
    for (const file of files) {
      expect(existsSync(path.join(DIST, file)), file).toBe(true);
      const html = await readFile(path.join(DIST, file), 'utf8');
      expect(html, file).not.toMatch(/<script/i);
      expect(html, file).not.toMatch(/\son[a-z]+=/i);
      expect(html, file).toMatch(/<svg role="img" aria-label="[^"]+"/);
      for (const secret of secrets)
        expect(
          spellings(secret.text).some((spelling) => html.includes(spelling)),
          `${file} contains text from ${secret.file}`,
        ).toBe(false);
    }
  });

  describe.skipIf(!HAS_CHROMIUM)(browserSuiteName('dashboards in Chromium'), () => {
    let server: StaticServer | undefined;
    let browser: Browser | undefined;
    let page: Page;
    const scripts: string[] = [];

    beforeAll(async () => {
      server = await serve(DIST);
      browser = await launchBrowser();
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      page = await context.newPage();
      page.on('request', (request) => {
        if (request.resourceType() === 'script') scripts.push(request.url());
      });
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    async function open(url: string): Promise<void> {
      const response = await page.goto(`${server!.base}${url}`);
      expect(response?.status(), url).toBe(200);
    }

    async function charts(): Promise<
      Array<{ id: string; label: string; title: string; width: number; tableRows: number; marks: number }>
    > {
      return page.locator('[data-mpflow-chart]').evaluateAll((sections) =>
        sections.map((section) => {
          const svg = section.querySelector('svg[role="img"]');
          const box = svg?.getBoundingClientRect();
          return {
            id: section.getAttribute('data-mpflow-chart') ?? '',
            label: svg?.getAttribute('aria-label') ?? '',
            title: svg?.querySelector('title')?.textContent ?? '',
            width: box?.width ?? 0,
            tableRows: section.querySelectorAll('details table tbody tr').length,
            // Drawn marks: bars, lines and pie sectors are paths (the smallest chart, gender, has three sectors).
            marks: svg?.querySelectorAll('path').length ?? 0,
          };
        }),
      );
    }

    it('shows every chart as a described image with its data table, and runs no script', async () => {
      await open('/dashboards/');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      const found = await charts();
      expect(found.map((chart) => chart.id)).toEqual(CHARTS);
      for (const chart of found) {
        expect(chart.label, chart.id).toMatch(/\p{Script=Han}/u);
        expect(chart.title, chart.id).toBe(chart.label);
        expect(chart.width, chart.id).toBeGreaterThan(200);
        expect(chart.tableRows, chart.id).toBeGreaterThan(0);
        expect(chart.marks, chart.id).toBeGreaterThanOrEqual(3);
      }
      expect(await page.locator('script').count()).toBe(0);
      // With no script to read the reader's choice, the page carries no theme of its own and
      // follows the system by CSS: this browser's is light (a dark system: accessibility.e2e.test.ts).
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBeUndefined();
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
      // The nav marks the dashboards as the current page.
      expect(await page.locator('a[data-mpflow-nav="dashboards"][aria-current="page"]').count()).toBe(1);

      // The follower table of the trend chart holds the core's numbers: the last row is the last day's total.
      const lastRow = await page
        .locator('#follower-trend details tbody tr')
        .last()
        .evaluate((row) => [...row.children].map((cell) => cell.textContent?.trim() ?? ''));
      const { repository } = await loadRepository(SITE_DEPARTMENT);
      const span = { from: `${months[0]}-01`, to: lastRow[0]! };
      expect(lastRow[0]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(lastRow[4]).toBe(followerKpis(repository, span).cumulativeEnd!.toLocaleString('zh-CN'));

      await open('/en/dashboards/');
      const english = await charts();
      expect(english.map((chart) => chart.id)).toEqual(CHARTS);
      expect(english.find((chart) => chart.id === 'support')!.label).toMatch(/30-minute deadline/);
      // The back office's groups are named in English on the English page.
      expect(await page.locator('#audience-gender details tbody th').allTextContents()).toEqual([
        'Male',
        'Female',
        'Unknown',
      ]);
      expect(scripts).toEqual([]);
    });

    it('links a monthly report per month that states the month’s follower figures', async () => {
      await open('/dashboards/');
      const links = await page
        .locator('a[data-mpflow-report]')
        .evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? ''));
      expect(links).toEqual([...months].reverse().map((month) => `/dashboards/${month}/`));

      const { repository } = await loadRepository(SITE_DEPARTMENT);
      const october = followerKpis(repository, monthRange('2026-10'));
      await open('/en/dashboards/2026-10/');
      expect(await page.title()).toContain('October 2026');
      const summary = await page
        .locator('[data-mpflow-report-summary] tbody tr')
        .evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent?.trim() ?? '')));
      const figure = (name: string) => summary.find((row) => row[0] === name)?.[1];
      expect(figure('New')).toBe(october.new.toLocaleString('en'));
      expect(figure('Unfollowed')).toBe(october.cancelled.toLocaleString('en'));
      expect(figure('Followers at end')).toBe(october.cumulativeEnd!.toLocaleString('en'));
      // The report opens with one sentence for the head, and rates change in percentage points.
      expect(await page.locator('[data-mpflow-report-headline]').textContent()).toMatch(
        /^Net follower growth \+[\d,]+ \(vs last month [+-]?[\d,]+, [+-]?[\d.]+%\), [\d,]+ article reads/,
      );
      expect(summary.find((row) => row[0] === 'Churn rate')?.[2]).toMatch(/^[+-]?[\d.]+ pp$/);
      expect((await charts()).map((chart) => chart.id)).toEqual(REPORT_CHARTS);
      // The language switch leads to the same month in Chinese.
      expect(await page.locator('a[data-mpflow-lang-switch]').getAttribute('href')).toBe('/dashboards/2026-10/');
      expect(scripts).toEqual([]);
    });
  });
});
