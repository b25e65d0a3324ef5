/**
 * End to end: the publishing calendar and the phone previews of the articles, in zh-CN and
 * English, from this test run's build of the site (site-server.ts), read in Chromium.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findWeChatSafetyProblems } from '../../src/core/render/wechat-safety.ts';
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

const STATES = ['published', 'failed', 'publishing', 'scheduled', 'due', 'overdue'];
let articleIds: string[] = [];

describe('publishing calendar and phone previews', () => {
  beforeAll(async () => {
    await buildSiteOnce();
    const { repository } = await loadRepository(SITE_DEPARTMENT, { only: () => false });
    articleIds = [...repository.articleIds].sort();
  }, 300_000);

  it('builds the calendar and a page of every article in both languages, and serves the body images', async () => {
    expect(articleIds.length).toBeGreaterThanOrEqual(26);
    for (const file of ['calendar/index.html', 'en/calendar/index.html'])
      expect(existsSync(path.join(DIST, file)), file).toBe(true);
    for (const id of articleIds) {
      expect(existsSync(path.join(DIST, `articles/${id}/index.html`)), id).toBe(true);
      expect(existsSync(path.join(DIST, `en/articles/${id}/index.html`)), id).toBe(true);
    }
    expect(existsSync(path.join(DIST, 'articles/2026-09-02-yancha-yanyun/figure-1.png'))).toBe(true);
  });

  it('adds no client script of its own and shows nothing private', async () => {
    const secrets = await privateTexts();
    const archive = await readFile(path.join(DIST, 'articles/index.html'), 'utf8');
    const scripts = (html: string) => (html.match(/<script\b/g) ?? []).length;
    for (const file of [
      'calendar/index.html',
      'en/calendar/index.html',
      'articles/2026-09-02-yancha-yanyun/index.html',
      'en/articles/2026-09-02-yancha-yanyun/index.html',
    ]) {
      const html = await readFile(path.join(DIST, file), 'utf8');
      // Only the layout's own scripts (colour scheme, site search, language switch), as on the archive.
      expect(scripts(html), file).toBe(scripts(archive));
      for (const secret of secrets)
        expect(
          spellings(secret.text).some((spelling) => html.includes(spelling)),
          `${file} contains text from ${secret.file}`,
        ).toBe(false);
    }
  });

  describe.skipIf(!HAS_CHROMIUM)(browserSuiteName('calendar and preview in Chromium'), () => {
    let server: StaticServer | undefined;
    let browser: Browser | undefined;
    let page: Page;

    beforeAll(async () => {
      server = await serve(DIST);
      browser = await launchBrowser();
      page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    async function open(url: string): Promise<void> {
      const response = await page.goto(`${server!.base}${url}`);
      expect(response?.status(), url).toBe(200);
    }

    it('lists every article by month with derived review and publishing states, in accessible tables', async () => {
      await open('/calendar/');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      expect(await page.locator('[data-mpflow-nav="calendar"]').getAttribute('aria-current')).toBe('page');
      const rows = page.locator('tr[data-calendar-article]');
      expect(await rows.count()).toBe(articleIds.length);
      const states = await rows.evaluateAll((trs) =>
        trs.map((tr) => ({
          id: tr.getAttribute('data-calendar-article'),
          publishing: tr.getAttribute('data-publishing'),
          review: tr.getAttribute('data-review'),
        })),
      );
      for (const row of states) expect(STATES, row.id ?? '').toContain(row.publishing);
      // The sample department has published articles (with their WeChat links) and scheduled ones.
      expect(states.some((row) => row.publishing === 'published')).toBe(true);
      const wechatLinks = await page
        .locator('a[data-wechat-link]')
        .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
      expect(wechatLinks.length).toBe(states.filter((row) => row.publishing === 'published').length);
      for (const href of wechatLinks) expect(href).toMatch(/^https:\/\/mp\.weixin\.qq\.com\//);

      // Months newest first (as the archive), each a captioned table with column headers.
      const months = await page
        .locator('section[data-calendar-month]')
        .evaluateAll((sections) => sections.map((section) => section.getAttribute('data-calendar-month') ?? ''));
      expect([...months].sort().reverse()).toEqual(months);
      expect(await page.locator('table.mpflow-calendar caption').count()).toBe(months.length);
      expect(await page.locator('table.mpflow-calendar th[scope="col"]').count()).toBe(months.length * 5);

      await open('/en/calendar/');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(await page.locator('h1').innerText()).toBe('Publishing calendar');
      expect(await page.locator('tr[data-calendar-article]').count()).toBe(articleIds.length);
    });

    it('opens an article’s page from the calendar: the WeChat-safe HTML in a 375 px phone, with its images', async () => {
      await open('/calendar/');
      await page.locator('tr[data-calendar-article="2026-09-02-yancha-yanyun"] a[data-article-link]').click();
      await page.waitForURL(/\/articles\/2026-09-02-yancha-yanyun\/$/);
      const phone = await page.evaluate(() => {
        const screen = document.querySelector('.mpflow-phone-screen')!;
        const body = document.querySelector('[data-rendered-article]')!;
        const h2 = body.querySelector('h2')!;
        return {
          width: screen.getBoundingClientRect().width,
          html: body.innerHTML,
          headingColour: getComputedStyle(h2).color,
          images: [...body.querySelectorAll('img')].map((image) => image.naturalWidth),
          theme: document.querySelector('[data-preview-article]')!.getAttribute('data-theme-name'),
          switchHref: document.querySelector('a[data-mpflow-lang-switch]')!.getAttribute('href'),
        };
      });
      expect(phone.width).toBe(375);
      expect(phone.theme).toBe('tea-green');
      expect(phone.headingColour).toBe('rgb(43, 107, 71)');
      expect(phone.images.length).toBeGreaterThan(0);
      for (const width of phone.images) expect(width).toBeGreaterThan(0);
      expect(findWeChatSafetyProblems(phone.html)).toEqual([]);
      expect(phone.switchHref).toBe('/en/articles/2026-09-02-yancha-yanyun/');

      await open('/en/articles/2026-09-02-yancha-yanyun/');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(await page.locator('article.mpflow-phone').getAttribute('lang')).toBe('zh-CN');
    });

    it('links each archive row to its article’s page', async () => {
      await open('/articles/');
      const links = await page
        .locator('tr[data-article] a[data-article-link]')
        .evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? ''));
      expect(links.length).toBe(articleIds.length);
      for (const href of links) expect(href).toMatch(/^\/articles\/\d{4}-\d{2}-\d{2}-[a-z0-9-]+\/$/);
    });
  });
});
