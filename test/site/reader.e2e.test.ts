/**
 * End to end: the site as its readers use it (issue 17), in Debian's Chromium, on the run's one
 * build (site-server.ts). One page of every page type, at 375×812 (a phone) and 1280×800:
 * nothing scrolls sideways, no table is wider than the screen, every navigation link is on
 * screen, the language and theme controls are on every page; the home page is the department's
 * front door; every article has its own page, linked from the archive and the calendar, whose
 * publishing state agrees with the calendar's.
 */
import { readdir } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserSuiteName,
  buildSiteOnce,
  DIST,
  HAS_CHROMIUM,
  launchBrowser,
  requireChromiumOnCi,
  serve,
  SITE_BUILT_AT,
  type StaticServer,
} from './site-server.ts';

requireChromiumOnCi();

/** The fixture's one article whose body says 茶宠 (test/fixtures/department/content/articles/2026/11-28-beginner-notes/). */
const BEGINNER_NOTES = '2026-11-28-beginner-notes';

/** One address per page type, found in the build (so the test follows whatever the department has). */
async function pageTypes(): Promise<string[]> {
  const files = (await readdir(DIST, { recursive: true })).filter(
    (file) => file.endsWith('index.html') && !file.startsWith('_astro') && !file.startsWith('pagefind'),
  );
  const byType = new Map<string, string>();
  for (const file of files.sort()) {
    const address = `/${file.replace(/index\.html$/, '')}`;
    // /articles/<id>/, /scores/<member>/, /dashboards/<month>/: one of each is enough.
    const type = address.replace(/^(\/(?:en\/)?(?:articles|scores|dashboards|handbook)\/)[^/]+\/$/, '$1*/');
    if (!byType.has(type)) byType.set(type, address);
  }
  return [...byType.values()];
}

describe.skipIf(!HAS_CHROMIUM)(browserSuiteName('the site as its readers use it'), () => {
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  let phone: BrowserContext;
  let desktop: BrowserContext;
  let addresses: string[] = [];

  beforeAll(async () => {
    await buildSiteOnce();
    addresses = await pageTypes();
    server = await serve(DIST);
    browser = await launchBrowser();
    phone = await browser.newContext({ viewport: { width: 375, height: 812 } });
    desktop = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(context: BrowserContext, address: string): Promise<Page> {
    const page = await context.newPage();
    const response = await page.goto(`${server!.base}${address}`);
    expect(response?.status(), address).toBe(200);
    return page;
  }

  it('finds a page of every type in the build', () => {
    for (const type of [
      '/',
      '/articles/',
      '/calendar/',
      '/topics/',
      '/team/',
      '/training/',
      '/dashboards/',
      '/scores/',
      '/handbook/appraisal/',
      '/en/',
    ]) {
      expect(
        addresses.some((address) => address === type || address.startsWith(type.replace(/\/$/, '/'))),
        type,
      ).toBe(true);
    }
    expect(addresses.some((address) => /^\/articles\/[^/]+\/$/.test(address))).toBe(true);
  });

  it('on a phone no page scrolls sideways, no table is wider than the screen and every nav link is on screen', async () => {
    const problems: string[] = [];
    for (const address of addresses) {
      const page = await open(phone, address);
      const found = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const wideTables = [...document.querySelectorAll('table')].filter(
          (table) => table.getBoundingClientRect().width > width + 0.5,
        ).length;
        // A box that scrolls sideways hides what is past its edge (the last columns of a table).
        const hiding = [...document.querySelectorAll('main *')].filter((element) => {
          if (element.closest('pre, .expressive-code')) return false;
          const overflow = getComputedStyle(element).overflowX;
          // (Visually hidden texts for screen readers are 1 px boxes on purpose.)
          return (
            (overflow === 'auto' || overflow === 'scroll' || overflow === 'hidden') &&
            element.clientWidth > 1 &&
            element.scrollWidth > element.clientWidth + 2
          );
        }).length;
        const offscreenNav = [...document.querySelectorAll('.mpflow-nav a')].filter((link) => {
          const box = link.getBoundingClientRect();
          return box.left < 0 || box.right > width + 0.5;
        }).length;
        return { scrolls: document.documentElement.scrollWidth > width, wideTables, hiding, offscreenNav };
      });
      if (found.scrolls || found.wideTables || found.hiding || found.offscreenNav)
        problems.push(`${address} ${JSON.stringify(found)}`);
      await page.close();
    }
    expect(problems).toEqual([]);
  });

  it('has the language switch and the theme picker on every page, on a phone too', async () => {
    const missing: string[] = [];
    for (const context of [phone, desktop]) {
      for (const address of addresses) {
        const page = await open(context, address);
        const controls = () =>
          page.evaluate(() => {
            const visible = (selector: string) =>
              [...document.querySelectorAll(selector)].some((element) => {
                const box = element.getBoundingClientRect();
                return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden';
              });
            const plain = document.querySelector('.mpflow-header') !== null;
            // The dashboards ship no script, so they cannot switch themes: they follow the system.
            const scriptless = document.querySelector('script') === null;
            return {
              lang: plain ? visible('a[data-mpflow-lang-switch]') : visible('starlight-lang-select select'),
              theme:
                scriptless ||
                (plain ? visible('select[data-mpflow-theme-select]') : visible('starlight-theme-select select')),
              menu: visible('button.sl-menu-button'),
            };
          });
        let found = await controls();
        // A handbook page on a phone keeps both in its menu, one tap away.
        if ((!found.lang || !found.theme) && found.menu) {
          await page.click('button.sl-menu-button');
          found = await controls();
        }
        if (!found.lang || !found.theme)
          missing.push(`${address} at ${context === phone ? 375 : 1280} px: ${JSON.stringify(found)}`);
        await page.close();
      }
    }
    expect(missing).toEqual([]);
  });

  it('switches a plain page to the light theme and remembers it on the next page', async () => {
    const context = await browser!.newContext({ viewport: { width: 375, height: 812 }, colorScheme: 'dark' });
    const page = await context.newPage();
    await page.goto(`${server!.base}/articles/`);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.selectOption('select[data-mpflow-theme-select]', 'light');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await page.goto(`${server!.base}/calendar/`);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    expect(await page.inputValue('select[data-mpflow-theme-select]')).toBe('light');
    await context.close();
  });

  it('opens the home page as the front door: a card with a figure for every area, each leading to its page', async () => {
    for (const [address, prefix] of [
      ['/', '/'],
      ['/en/', '/en/'],
    ] as const) {
      const page = await open(phone, address);
      const cards = await page.locator('[data-mpflow-front-door] li').evaluateAll((items) =>
        items.map((item) => ({
          page: item.getAttribute('data-front-door'),
          href: item.querySelector('a')?.getAttribute('href'),
          figure: item.querySelector('[data-front-door-figure]')?.textContent?.trim() ?? '',
        })),
      );
      // The internal build (the run's) has every area.
      expect(cards.map((card) => card.page)).toEqual([
        'articles',
        'calendar',
        'topics',
        'campaigns',
        'dashboards',
        'scores',
        'training',
        'team',
      ]);
      for (const card of cards) {
        expect(card.href).toBe(`${prefix}${card.page}/`);
        expect(card.figure, card.page!).not.toBe('');
        const target = await phone.newPage();
        expect((await target.goto(`${server!.base}${card.href}`))?.status(), card.href!).toBe(200);
        await target.close();
      }
      await page.close();
    }
  });

  it('gives every article of the archive its own page, and the page says what the calendar says', async () => {
    const archive = await open(desktop, '/articles/');
    const rows = await archive.locator('tr[data-article]').evaluateAll((trs) =>
      trs.map((tr) => ({
        id: tr.getAttribute('data-article')!,
        state: tr.getAttribute('data-status'),
        href: tr.querySelector('a[data-article-link]')?.getAttribute('href'),
      })),
    );
    expect(rows.length).toBeGreaterThan(0);
    const calendar = await open(desktop, '/calendar/');
    const calendarStates = new Map(
      await calendar
        .locator('tr[data-calendar-article]')
        .evaluateAll((trs) =>
          trs.map(
            (tr) =>
              [tr.getAttribute('data-calendar-article')!, tr.getAttribute('data-publishing')!] as [string, string],
          ),
        ),
    );
    const calendarLinks = await calendar.locator('a[data-article-link]').count();
    expect(calendarLinks).toBe(rows.length);
    for (const row of rows) {
      expect(row.href).toBe(`/articles/${row.id}/`);
      // One derivation: the archive and the calendar agree on every article.
      expect(row.state, row.id).toBe(calendarStates.get(row.id));
      const page = await open(desktop, row.href!);
      expect(await page.getAttribute('[data-article-publishing]', 'data-article-publishing'), row.id).toBe(row.state);
      if (row.state === 'published') expect(await page.locator('a[data-wechat-link]').count(), row.id).toBe(1);
      const review = await page.getAttribute('[data-article-review]', 'data-article-review');
      if (review === 'none')
        expect(await page.locator('[data-no-review-reason]').textContent(), row.id).toMatch(/审核门禁|尚未合并/);
      else
        expect(await page.locator('[data-article-review] a[data-pr-link]').getAttribute('href'), row.id).toMatch(
          /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\/pull\/\d+$/,
        );
      expect(await page.locator('[data-rendered-article]').count()).toBe(1);
      await page.close();
    }
    await archive.close();
    await calendar.close();
  });

  it('draws a published article’s first seven days as SVG on the page and compares them with the account median', async () => {
    const calendar = await open(desktop, '/calendar/');
    const published = await calendar
      .locator('tr[data-publishing="published"]')
      .first()
      .getAttribute('data-calendar-article');
    expect(published).toBeTruthy();
    const page = await open(phone, `/articles/${published}/`);
    const charts = await page.locator('[data-first-week] svg[role="img"]').evaluateAll((svgs) =>
      svgs
        .filter((svg) => svg.getBoundingClientRect().width > 0)
        .map((svg) => ({
          label: svg.getAttribute('aria-label') ?? '',
          width: svg.getBoundingClientRect().width,
          card: svg.parentElement!.getBoundingClientRect().width,
        })),
    );
    expect(charts.map((chart) => chart.label)).toEqual([
      expect.stringContaining('阅读'),
      expect.stringContaining('点赞'),
    ]);
    // Scaled to the card on a phone, not cut off.
    for (const chart of charts) expect(chart.width).toBeLessThanOrEqual(chart.card);
    const median = await page
      .locator('table.mpflow-median tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [tr.getAttribute('data-figure'), tr.querySelector('[data-change]')?.textContent?.trim()]),
      );
    expect(median.map(([figure]) => figure)).toEqual(['reads', 'shares', 'likes', 'comments']);
    for (const [, change] of median) expect(change).toMatch(/^([+−±]\d+%|—)$/);
    await calendar.close();
    await page.close();
  });

  it('lists the calendar’s months newest first', async () => {
    const page = await open(desktop, '/calendar/');
    const months = await page
      .locator('section[data-calendar-month]')
      .evaluateAll((sections) => sections.map((section) => section.getAttribute('data-calendar-month')!));
    expect(months.length).toBeGreaterThan(1);
    expect(months).toEqual([...months].sort().reverse());
    await page.close();
  });
});

describe.skipIf(!HAS_CHROMIUM)(browserSuiteName('scores a member understands'), () => {
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    await buildSiteOnce();
    server = await serve(DIST);
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 375, height: 812 } })).newPage();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens on the latest finalised month, with months still in their cycle after it, and says who submitted what', async () => {
    await page.goto(`${server!.base}/scores/`);
    const months = await page.locator('section[data-month]').evaluateAll((sections) =>
      sections.map((section) => ({
        period: section.getAttribute('data-month')!,
        finalised: section.getAttribute('data-finalized') === 'true',
      })),
    );
    expect(months.length).toBeGreaterThan(0);
    const firstOpen = months.findIndex((month) => !month.finalised);
    const finalised = months.filter((month) => month.finalised).map((month) => month.period);
    if (finalised.length > 0) {
      expect(months[0]!.finalised).toBe(true);
      expect(finalised).toEqual([...finalised].sort().reverse());
      if (firstOpen !== -1) expect(months.slice(firstOpen).every((month) => !month.finalised)).toBe(true);
    }
    const cells = await page
      .locator('td[data-step]')
      .evaluateAll((tds) => tds.map((td) => ({ state: td.getAttribute('data-state')!, text: td.textContent!.trim() })));
    expect(cells.length).toBeGreaterThan(0);
    const words: Record<string, RegExp> = {
      submitted: /^已提交/,
      missing: /^缺交/,
      'due-today': /^今天截止/,
      open: /^未到期/,
    };
    for (const cell of cells) expect(cell.text, cell.state).toMatch(words[cell.state]!);
  });

  it('keeps the member when switching language, lists the counted articles, and prints numbers with separators and percentages', async () => {
    await page.goto(`${server!.base}/scores/`);
    const member = await page.locator('section[data-month] tr[data-member] a').first().getAttribute('href');
    expect(member).toMatch(/^\/scores\/[^/]+\/$/);
    await page.goto(`${server!.base}${member}`);
    expect(await page.getAttribute('a[data-mpflow-lang-switch]', 'href')).toBe(`/en${member}`);
    const counted = await page
      .locator('a[data-counted-article]')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href')!));
    for (const href of counted.slice(0, 3)) {
      const response = await page.request.get(`${server!.base}${href}`);
      expect(response.status(), href).toBe(200);
    }
    const raw = await page
      .locator('tr.mpflow-part td[data-label="原始值"], tr.mpflow-part td[data-label="目标"]')
      .allTextContents();
    expect(raw.length).toBeGreaterThan(0);
    // 3,000 not 3000.00; 131% not 1.31.
    for (const value of raw) expect(value.trim()).toMatch(/^(|—|\d{1,3}(,\d{3})*(\.\d+)?%?)$/);
    await page.goto(`${server!.base}/en${member}`);
    expect(await page.getAttribute('a[data-mpflow-lang-switch]', 'href')).toBe(member);
  });
});

describe.skipIf(!HAS_CHROMIUM)(browserSuiteName('dashboards an operator hands to the head'), () => {
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  let report = '';

  beforeAll(async () => {
    await buildSiteOnce();
    const months = (await readdir(`${DIST}/dashboards`, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    report = `/dashboards/${months.at(-1)}/`;
    server = await serve(DIST);
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('draws chart text at 11 px or more, scaled to its card, on a phone and a laptop', async () => {
    for (const width of [375, 1280]) {
      const page = await (await browser!.newContext({ viewport: { width, height: 800 } })).newPage();
      for (const address of ['/dashboards/', report]) {
        await page.goto(`${server!.base}${address}`);
        const charts = await page.evaluate(() =>
          [...document.querySelectorAll('svg[role="img"]')]
            .filter((svg) => svg.getBoundingClientRect().width > 0)
            .map((svg) => {
              const box = svg.getBoundingClientRect();
              const scale = box.width / (svg as SVGSVGElement).viewBox.baseVal.width;
              const sizes = [...svg.querySelectorAll('text')].map(
                (text) => parseFloat(getComputedStyle(text).fontSize) * scale,
              );
              return {
                label: svg.getAttribute('aria-label'),
                smallest: Math.min(...sizes),
                overflows: box.right > svg.parentElement!.getBoundingClientRect().right + 1,
              };
            }),
        );
        expect(charts.length, address).toBeGreaterThan(0);
        for (const chart of charts) {
          expect(chart.smallest, `${address} at ${width} px: ${chart.label}`).toBeGreaterThanOrEqual(11);
          expect(chart.overflows, `${address} at ${width} px: ${chart.label}`).toBe(false);
        }
      }
      await page.close();
    }
  });

  it('warns when the figures stop short of the build', async () => {
    const page = await browser!.newPage();
    await page.goto(`${server!.base}/dashboards/`);
    const lead = (await page.locator('.mpflow-lead').first().textContent()) ?? '';
    const to = /至 (\d{4}-\d{2}-\d{2})/.exec(lead)?.[1];
    expect(to).toBeTruthy();
    const builtOn = SITE_BUILT_AT.slice(0, 10);
    const behind = Math.round((Date.parse(`${builtOn}T00:00:00Z`) - Date.parse(`${to}T00:00:00Z`)) / 86_400_000);
    const warning = page.locator('[data-stale-days]');
    if (behind > 2) {
      expect(await warning.getAttribute('data-stale-days')).toBe(String(behind));
      expect(await warning.textContent()).toContain(to!);
    } else {
      expect(await warning.count()).toBe(0);
    }
    await page.close();
  });

  it('prints the monthly report on two A4 pages, with the account, the period and the build date', async () => {
    for (const address of [report, `/en${report}`]) {
      const page = await browser!.newPage();
      await page.goto(`${server!.base}${address}`);
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      expect(pages, address).toBeGreaterThan(0);
      expect(pages, address).toBeLessThanOrEqual(2);
      await page.emulateMedia({ media: 'print' });
      const meta = await page.locator('[data-print-meta]').evaluate((element) => ({
        text: element.textContent ?? '',
        shown: getComputedStyle(element).display !== 'none',
      }));
      expect(meta.shown).toBe(true);
      expect(meta.text).toContain(SITE_BUILT_AT.slice(0, 10));
      // No table loses its last column on paper.
      const clipped = await page.evaluate(
        () =>
          [...document.querySelectorAll('main table')].filter(
            (table) =>
              table.getBoundingClientRect().width > 0 &&
              table.getBoundingClientRect().right > document.documentElement.clientWidth + 1,
          ).length,
      );
      expect(clipped, address).toBe(0);
      await page.close();
    }
  });
});

describe.skipIf(!HAS_CHROMIUM)(browserSuiteName('search and accessibility'), () => {
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  let addresses: string[] = [];

  beforeAll(async () => {
    await buildSiteOnce();
    // The English pages are the same components with other words: the Chinese ones stand for both.
    addresses = (await pageTypes()).filter((address) => !address.startsWith('/en/'));
    server = await serve(DIST);
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /**
   * Opens a department page, types a query into its search box and gives back the addresses of
   * the results it shows, once every shown result has loaded (Pagefind draws them one by one).
   */
  async function searchFrom(page: Page, address: string, term: string): Promise<string[]> {
    await page.goto(`${server!.base}${address}`);
    await page.fill('[data-mpflow-search] input', term);
    await page.waitForSelector('[data-mpflow-search] .pagefind-ui__result-link', { timeout: 20_000 });
    await page.waitForFunction(() => {
      const results = [...document.querySelectorAll('[data-mpflow-search] .pagefind-ui__result')];
      return results.length > 0 && results.every((result) => result.querySelector('.pagefind-ui__result-link'));
    });
    return page
      .locator('[data-mpflow-search] .pagefind-ui__result')
      .evaluateAll((results) =>
        results
          .filter((result) => getComputedStyle(result).display !== 'none')
          .map((result) => result.querySelector('.pagefind-ui__result-link')?.getAttribute('href') ?? ''),
      );
  }

  it('finds a word that is only in one article’s body from a department page, in Chinese, and lands on that article', async () => {
    const page = await (await browser!.newContext({ viewport: { width: 375, height: 812 } })).newPage();
    expect(await searchFrom(page, '/calendar/', '茶宠')).toEqual([`/articles/${BEGINNER_NOTES}/`]);
    expect(await page.locator('[data-mpflow-search] .pagefind-ui__message').textContent()).toMatch(/找到 1 条/);
    await page.locator('[data-mpflow-search] .pagefind-ui__result-link').click();
    await page.waitForURL(`${server!.base}/articles/${BEGINNER_NOTES}/`);
    expect(await page.locator('h1').first().textContent()).toBe('写给新茶友的入门笔记');
    await page.close();
  }, 60_000);

  // The article pages' Chinese text is indexed once, in the Chinese index (src/site/shared-search.ts),
  // which the English site's search merges: it finds 茶宠 in that body as the Chinese site's does,
  // and opens the article in English. (The English index may add a page holding 茶 alone.)
  it('finds the same word from an English department page and lands on the English page of that article', async () => {
    const page = await (await browser!.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    const links = await searchFrom(page, '/en/calendar/', '茶宠');
    expect(links[0]).toBe(`/en/articles/${BEGINNER_NOTES}/`);
    expect(links.filter((href) => href.includes('/articles/'))).toEqual([`/en/articles/${BEGINNER_NOTES}/`]);
    expect(links.every((href) => href.startsWith('/en/'))).toBe(true);
    await page.locator('[data-mpflow-search] .pagefind-ui__result-link').first().click();
    await page.waitForURL(`${server!.base}/en/articles/${BEGINNER_NOTES}/`);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.locator('h1').first().textContent()).toBe('写给新茶友的入门笔记');
    // A word inside a run of Chinese text (公道杯 in “先把茶汤倒进公道杯”), which the English index,
    // not cutting Chinese into words, never found: the same articles as on the Chinese site, in English.
    const chinese = await searchFrom(page, '/calendar/', '公道杯');
    expect(chinese).toContain(`/articles/${BEGINNER_NOTES}/`);
    expect(await searchFrom(page, '/en/calendar/', '公道杯')).toEqual(chinese.map((href) => `/en${href}`));
    // English words are still found in the English pages, and every result opens in English.
    const english = await searchFrom(page, '/en/calendar/', 'appraisal');
    expect(english).toContain('/en/handbook/appraisal/');
    expect(english.every((href) => href.startsWith('/en/'))).toBe(true);
    // A chapter that says GitHub in both languages is found in both indexes, and listed once.
    const github = await searchFrom(page, '/en/calendar/', 'GitHub');
    expect(github).toContain('/en/handbook/repository/');
    expect(new Set(github).size).toBe(github.length);
    await page.close();
  }, 60_000);

  for (const [scheme, width] of [
    ['light', 375],
    ['dark', 375],
    ['light', 1280],
    ['dark', 1280],
  ] as const) {
    it(`has no axe violation on any page type, ${scheme} at ${width} px`, async () => {
      const { default: AxeBuilder } = await import('@axe-core/playwright');
      const context = await browser!.newContext({ viewport: { width, height: 800 }, colorScheme: scheme });
      // The handbook's and the department pages' theme choice, as a reader who picked it would have it.
      await context.addInitScript((theme) => localStorage.setItem('starlight-theme', theme), scheme);
      const page = await context.newPage();
      const violations: string[] = [];
      for (const address of addresses) {
        await page.goto(`${server!.base}${address}`);
        // The phone preview is the article as WeChat will publish it, in the department's render
        // theme's colours: its contrast is the theme's business (src/core/render/themes.ts), not the page's.
        const result = await new AxeBuilder({ page }).exclude('[data-rendered-article]').analyze();
        for (const violation of result.violations)
          violations.push(
            `${address}: ${violation.id} ${violation.nodes
              .map((node) => node.target.join(' '))
              .slice(0, 3)
              .join(' | ')}`,
          );
      }
      await context.close();
      expect(violations).toEqual([]);
    }, 600_000);
  }
});
