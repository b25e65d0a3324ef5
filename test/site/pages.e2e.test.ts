/**
 * End to end: the department pages (article archive, topic library, campaigns, team) in
 * zh-CN and English, read in Debian's Chromium from the built site. They reuse the build of
 * this test run (site-server.ts), so the site is built once however many site files run.
 *
 * Set MPFLOW_E2E_SCREENSHOTS=/some/folder to keep screenshots of /articles/ on a phone
 * (390×844) and /topics/ on a laptop (1280×900).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteLabels, SITE_PAGES } from '../../src/site/site-labels.ts';
import {
  browserSuiteName,
  buildSiteOnce,
  CHROMIUM,
  DIST,
  HAS_CHROMIUM,
  launchBrowser,
  privateTexts,
  requireChromiumOnCi,
  serve,
  SITE_BUILT_AT,
  spellings,
  type StaticServer,
} from './site-server.ts';

requireChromiumOnCi();
const BROWSER_SUITE = browserSuiteName('department pages in Chromium');
if (!HAS_CHROMIUM)
  console.warn(
    `[pages.e2e] ${CHROMIUM} not found: skipping the browser checks; the build and the page scan still run.`,
  );

const PAGES = ['articles', 'topics', 'campaigns', 'team'] as const;
const PAGE_FILES = PAGES.flatMap((page) => [`${page}/index.html`, `en/${page}/index.html`]);
const SCREENSHOTS = process.env.MPFLOW_E2E_SCREENSHOTS;

describe('department pages', () => {
  beforeAll(async () => {
    const build = await buildSiteOnce();
    console.info(`[pages.e2e] astro build took ${build.seconds.toFixed(1)} s`);
  }, 300_000);

  it('builds every page in both languages, as plain pages outside Starlight', async () => {
    for (const file of PAGE_FILES) {
      expect(existsSync(path.join(DIST, file)), file).toBe(true);
      const html = await readFile(path.join(DIST, file), 'utf8');
      // Not a Starlight page: no Starlight sidebar is built for it.
      expect(html, file).not.toContain('starlight__sidebar');
      expect(html, file).toContain('data-mpflow-page=');
    }
  });

  it('shows no appraisal comment or interview summary', async () => {
    const secrets = await privateTexts();
    expect(secrets.length).toBeGreaterThan(0);
    for (const file of PAGE_FILES) {
      const html = await readFile(path.join(DIST, file), 'utf8');
      for (const secret of secrets) {
        expect(
          spellings(secret.text).some((spelling) => html.includes(spelling)),
          `${file} contains text from ${secret.file}`,
        ).toBe(false);
      }
    }
  });

  describe.skipIf(!HAS_CHROMIUM)(BROWSER_SUITE, () => {
    let server: StaticServer | undefined;
    let browser: Browser | undefined;
    let desktop: BrowserContext;
    let page: Page;
    let base = '';

    beforeAll(async () => {
      server = await serve(DIST);
      base = server.base;
      browser = await launchBrowser();
      desktop = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      page = await desktop.newPage();
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    async function open(url: string): Promise<void> {
      const response = await page.goto(`${base}${url}`);
      expect(response?.status(), url).toBe(200);
    }

    const lang = () => page.evaluate(() => document.documentElement.lang);

    it('lists the articles by month, with authors from the roster and topics linked to the library', async () => {
      await open('/articles/');
      expect(await lang()).toBe('zh-CN');
      expect(await page.title()).toContain('文章');

      const rows = page.locator('tr[data-article]');
      expect(await rows.count()).toBeGreaterThanOrEqual(24);
      const authors = new Set(await page.locator('tr[data-article] td[data-author]').allInnerTexts());
      expect(authors).toContain('林晓');
      expect(authors).toContain('王佳');

      // Months newest first.
      const months = await page
        .locator('section[data-month]')
        .evaluateAll((sections) => sections.map((section) => section.getAttribute('data-month') ?? ''));
      expect(months.length).toBeGreaterThan(1);
      expect([...months].sort().reverse()).toEqual(months);

      // Every row links its topic to an anchor on /topics/.
      const topicLinks = await page.locator('tr[data-article] a[data-topic]').evaluateAll((links) =>
        links.map((link) => ({
          href: link.getAttribute('href') ?? '',
          id: link.getAttribute('data-topic') ?? '',
          text: link.textContent?.trim() ?? '',
        })),
      );
      expect(topicLinks.length).toBe(await rows.count());
      for (const link of topicLinks) {
        expect(link.href).toMatch(/^\/topics\/#T-\d{4}-\d{3}$/);
        expect(link.href).toBe(`/topics/#${link.id}`);
        expect(link.text).not.toBe('');
      }

      await open('/topics/');
      const topicIds = new Set(await page.locator('tr[data-topic]').evaluateAll((trs) => trs.map((tr) => tr.id)));
      expect(topicLinks.filter((link) => !topicIds.has(link.id))).toEqual([]);
    });

    it('gives every article the calendar’s state: from its publish record, else publishAt against the build', async () => {
      await open('/articles/');
      const rows = await page.locator('tr[data-article]').evaluateAll((trs) =>
        trs.map((tr) => ({
          publishAt: tr.querySelector('time')?.getAttribute('datetime') ?? '',
          status: tr.getAttribute('data-status'),
          badge: tr.querySelector('.mpflow-badge')?.textContent?.trim(),
        })),
      );
      // The instant the test site was built at (site-server.ts), not the wall clock.
      const now = Date.parse(SITE_BUILT_AT);
      const hour = 3_600_000;
      const words: Record<string, string> = {
        published: '已发布',
        failed: '发布失败',
        publishing: '发布中',
        scheduled: '已排期',
        due: '到点待发',
        overdue: '逾期未发',
      };
      // Published articles went out, so the sample has some; none says only "past publish time" any more.
      expect(rows.some((row) => row.status === 'published')).toBe(true);
      for (const row of rows) {
        expect(row.badge).toBe(words[row.status!]);
        // Away from the build moment itself, a later article is scheduled and an earlier one is not.
        if (Date.parse(row.publishAt) > now + hour) expect(row.status, row.publishAt).toBe('scheduled');
        if (Date.parse(row.publishAt) < now - hour) expect(row.status, row.publishAt).not.toBe('scheduled');
      }
      expect(await page.locator('[data-mpflow-status-note]').innerText()).toContain('发布记录');

      await open('/en/articles/');
      expect(await lang()).toBe('en');
      const badges = new Set(await page.locator('tr[data-article] .mpflow-badge').allInnerTexts());
      for (const badge of badges)
        expect(['Published', 'Failed', 'Publishing', 'Scheduled', 'Due now', 'Overdue']).toContain(badge);
      expect(await page.locator('tr[data-article] a[data-topic]').first().getAttribute('href')).toMatch(
        /^\/en\/topics\/#T-/,
      );
    });

    it('shows T-2026-020 as rejected in the topic library, with the articles that use each topic', async () => {
      await open('/topics/#T-2026-020');
      const rejected = page.locator('tr#T-2026-020');
      expect(await rejected.getAttribute('data-decision')).toBe('rejected');
      expect(await rejected.innerText()).toContain('否决');
      expect(await rejected.innerText()).toContain('茶叶盲盒');
      // The anchor target is in view below the header.
      expect(await rejected.isVisible()).toBe(true);

      // T-2026-005 is the quiz topic: three articles use it, each linking to its own page.
      const quizLinks = await page
        .locator('tr#T-2026-005 a[data-article]')
        .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
      expect(quizLinks.length).toBe(3);
      for (const href of quizLinks) expect(href).toMatch(/^\/articles\/2026-[^/]+\/$/);

      await open('/en/topics/');
      expect(await page.locator('tr#T-2026-020').innerText()).toContain('Rejected');
    });

    it('shows the 7 members of the roster by role on /en/team/, with GitHub logins and no private data', async () => {
      await open('/en/team/');
      expect(await lang()).toBe('en');
      const members = new Set(
        await page.locator('tr[data-member]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-member'))),
      );
      expect(members.size).toBe(7);
      const roles = await page
        .locator('section[data-role]')
        .evaluateAll((sections) => sections.map((section) => section.getAttribute('data-role')));
      expect(roles).toEqual(['head', 'operator', 'copywriter', 'designer', 'support', 'hr']);
      const writer = await page.locator('section[data-role="copywriter"] tr[data-member="lin-xiao"]').innerText();
      expect(writer).toContain('林晓');
      expect(writer).toContain('@linxiao-writes');
      expect(writer).toContain('周敏'); // supervisor
      expect(writer).toContain('2022-03-14');
    });

    it('shows the quiz campaign’s targets and results, with the computed conversion rate', async () => {
      await open('/campaigns/');
      const quiz = page.locator('section#C-2026-01');
      expect(await quiz.locator('[data-kind]').innerText()).toContain('问答');
      expect(await quiz.locator('tr[data-measure="participants"] [data-actual]').innerText()).toBe('1,046');
      expect(await quiz.locator('tr[data-measure="participants"]').innerText()).toContain('800');
      // 61 conversions of 1,046 participants.
      expect(await quiz.locator('tr[data-measure="conversionRate"] [data-actual]').innerText()).toBe('5.83%');
      expect(await quiz.locator('tr[data-measure="satisfaction"]').innerText()).toContain('4.6');
      expect(await quiz.locator('.mpflow-winners li').allInnerTexts()).toEqual([
        '山***风',
        '林***鹿',
        '一***茶',
        '阿***呀',
        '半***月',
      ]);
      const related = await quiz
        .locator('a[data-article]')
        .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
      expect(related).toEqual(['/articles/#2026-09-26-mid-autumn-quiz', '/articles/#2026-10-10-quiz-results']);
    });

    it('shares one header: site title, nav links and a language switch to the same page', async () => {
      for (const [url, other, current] of [
        ['/articles/', '/en/articles/', '文章'],
        ['/en/topics/', '/topics/', 'Topics'],
        ['/campaigns/', '/en/campaigns/', '活动'],
        ['/en/team/', '/team/', 'Team'],
      ] as const) {
        await open(url);
        expect(await page.locator('a[data-mpflow-lang-switch]').getAttribute('href'), url).toBe(other);
        expect(await page.locator('.mpflow-nav a[aria-current="page"]').innerText(), url).toBe(current);
        const nav = await page.locator('.mpflow-nav a').allInnerTexts();
        // Every department page, in the order of SITE_PAGES, in the page's language.
        const lang = url.startsWith('/en/') ? 'en' : 'zh-CN';
        expect(nav, url).toEqual(SITE_PAGES.map((target) => siteLabels(lang).nav[target]));
        expect(nav.slice(0, 2), url).toEqual(lang === 'en' ? ['Handbook', 'Articles'] : ['手册', '文章']);
      }
      // The same site title as the handbook's Starlight header, in each language.
      for (const [handbook, department] of [
        ['/handbook/general/', '/articles/'],
        ['/en/handbook/general/', '/en/articles/'],
      ] as const) {
        await open(handbook);
        const starlightTitle = (await page.locator('header .site-title').innerText()).trim();
        await open(department);
        expect((await page.locator('.mpflow-site-title').innerText()).trim(), department).toBe(starlightTitle);
      }

      await open('/topics/#T-2026-020');
      await page.locator('a[data-mpflow-lang-switch]').click();
      await page.waitForURL(`${base}/en/topics/#T-2026-020`);
      expect(await lang()).toBe('en');
    });

    it('names the page and its other languages to search engines by full address (canonical, hreflang)', async () => {
      for (const [url, zh, en] of [
        ['/articles/', '/articles/', '/en/articles/'],
        ['/en/topics/', '/topics/', '/en/topics/'],
      ] as const) {
        await open(url);
        const links = await page
          .locator('head link[rel="canonical"], head link[rel="alternate"][hreflang]')
          .evaluateAll((elements) =>
            elements.map((link) => `${link.getAttribute('hreflang') ?? 'canonical'} ${link.getAttribute('href')}`),
          );
        // The department's site address (content/department.yaml), as the handbook's Starlight pages give it.
        const site = 'https://minlan-tea.github.io';
        expect(links, url).toEqual([
          `canonical ${site}${url}`,
          `zh-CN ${site}${zh}`,
          `en ${site}${en}`,
          `x-default ${site}${zh}`,
        ]);
      }
    });

    it('does not move the page down when the search box appears on a phone', async () => {
      const phone = await browser!.newContext({ viewport: { width: 375, height: 812 } });
      await phone.addInitScript(() => {
        const shifts: number[] = [];
        (window as unknown as { shifts: number[] }).shifts = shifts;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) shifts.push((entry as unknown as { value: number }).value);
        }).observe({ type: 'layout-shift', buffered: true });
      });
      const reader = await phone.newPage();
      await reader.goto(`${base}/articles/`);
      // Pagefind draws its box from a script after the page is shown; its stylesheet comes later still.
      await reader.waitForSelector('[data-mpflow-search] input.pagefind-ui__search-input');
      await reader.waitForFunction(
        () => getComputedStyle(document.querySelector('.pagefind-ui__search-input')!).fontWeight === '700',
      );
      expect(await reader.evaluate(() => (window as unknown as { shifts: number[] }).shifts)).toEqual([]);
      await phone.close();
    });

    it('gives every table a caption and a keyboard-reachable scroll box', async () => {
      for (const url of PAGE_FILES.map((file) => `/${file.replace(/index\.html$/, '')}`)) {
        await open(url);
        const tables = await page.locator('table.mpflow-table').evaluateAll((elements) =>
          elements.map((table) => {
            const box = table.closest('.mpflow-table-scroll');
            const caption = table.querySelector('caption');
            return {
              caption: caption?.textContent?.trim() ?? '',
              labelled: box?.getAttribute('aria-labelledby') === caption?.id,
              focusable: box?.getAttribute('tabindex') === '0',
              headers: table.querySelectorAll('thead th[scope="col"]').length,
            };
          }),
        );
        expect(tables.length, url).toBeGreaterThan(0);
        for (const table of tables) {
          expect(table.caption, url).not.toBe('');
          expect(table, url).toMatchObject({ labelled: true, focusable: true });
          expect(table.headers, url).toBeGreaterThan(1);
        }
      }
    });

    it('fits a phone: the page does not scroll sideways, the tables do', async () => {
      const phone = await browser!.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
      const mobile = await phone.newPage();
      try {
        for (const url of ['/articles/', '/topics/', '/en/campaigns/', '/en/team/']) {
          await mobile.goto(`${base}${url}`);
          const overflow = await mobile.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          expect(overflow, url).toBeLessThanOrEqual(0);
        }
        await mobile.goto(`${base}/articles/`);
        // Below 640 px a table is a stack of cards, one per article: nothing is left past the edge.
        const box = mobile.locator('.mpflow-table-scroll').first();
        expect(await box.evaluate((element) => element.scrollWidth <= element.clientWidth + 1)).toBe(true);
        expect(
          await mobile
            .locator('table.mpflow-archive tbody tr')
            .first()
            .evaluate((row) => getComputedStyle(row).display),
        ).toBe('block');
        expect(await mobile.locator('.mpflow-nav').isVisible()).toBe(true);
        if (SCREENSHOTS) await mobile.screenshot({ path: path.join(SCREENSHOTS, 'mpflow-articles-390x844.png') });
      } finally {
        await phone.close();
      }
      if (SCREENSHOTS) {
        await open('/topics/');
        await page.screenshot({ path: path.join(SCREENSHOTS, 'mpflow-topics-1280x900.png') });
      }
    });

    it('links the pages from the handbook sidebar in both languages', async () => {
      await open('/handbook/general/');
      const zh = await page
        .locator('a[data-mpflow-site-page]')
        .evaluateAll((links) => links.map((link) => [link.textContent?.trim(), link.getAttribute('href')]));
      expect(zh).toEqual([
        ['文章', '/articles/'],
        ['发布日历', '/calendar/'],
        ['选题库', '/topics/'],
        ['活动', '/campaigns/'],
        ['团队', '/team/'],
        ['培训', '/training/'],
        ['数据', '/dashboards/'],
        ['考核', '/scores/'],
      ]);
      await open('/en/handbook/general/');
      const en = await page
        .locator('a[data-mpflow-site-page]')
        .evaluateAll((links) => links.map((link) => [link.textContent?.trim(), link.getAttribute('href')]));
      expect(en).toEqual([
        ['Articles', '/en/articles/'],
        ['Calendar', '/en/calendar/'],
        ['Topics', '/en/topics/'],
        ['Campaigns', '/en/campaigns/'],
        ['Team', '/en/team/'],
        ['Training', '/en/training/'],
        ['Dashboards', '/en/dashboards/'],
        ['Appraisals', '/en/scores/'],
      ]);
      await page.locator('a[data-mpflow-site-page="articles"]').click();
      await page.waitForURL(`${base}/en/articles/`);
      expect(await page.locator('tr[data-article]').count()).toBeGreaterThanOrEqual(24);
    });

    /** Opens a handbook page on a desktop screen, opens Starlight's search dialog and types the term. */
    async function searchHandbook(address: string, term: string): Promise<void> {
      await open(address);
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.locator('site-search button[data-open-modal]').first().click();
      await page.locator('site-search dialog[open] input').first().fill(term);
    }

    it('lets the handbook search find an article in the archive, in Chinese', async () => {
      await searchHandbook('/handbook/general/', '冷泡乌龙');
      const result = page.locator('site-search a[href^="/articles/"]').first();
      await result.waitFor({ timeout: 10_000 });
      expect(await page.locator('site-search').textContent()).toContain('秋天也能喝的冷泡乌龙');
    });

    it('lets the English handbook search find a word of one article’s Chinese body and open the English article page', async () => {
      await searchHandbook('/en/handbook/general/', '茶宠');
      const result = page.locator('site-search a[href="/en/articles/2026-11-28-beginner-notes/"]').first();
      await result.waitFor({ timeout: 10_000 });
      const pages = await page
        .locator('site-search a[href*="/articles/"]')
        .evaluateAll((anchors) => [
          ...new Set(anchors.map((anchor) => anchor.getAttribute('href')?.replace(/#.*$/, ''))),
        ]);
      expect(pages).toEqual(['/en/articles/2026-11-28-beginner-notes/']);
      await result.click();
      await page.waitForURL(`${base}/en/articles/2026-11-28-beginner-notes/`);
      expect(await page.locator('h1').first().textContent()).toBe('写给新茶友的入门笔记');
    });
  });
});
