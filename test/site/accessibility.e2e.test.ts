/**
 * Issue 17: axe-core (through @axe-core/playwright) finds no accessibility violation on any page
 * type of the site, in the light and the dark theme, on a phone (375 px) and a laptop (1280 px).
 * One browser on the run's shared build; one context per theme and width, whose one tab visits
 * every page type in turn. At 375 px each page is also measured: it must not scroll sideways and
 * no table may be wider than the screen. A failure lists each violation's rule, the elements it
 * names and the page, so the fix can start from the message.
 */
import { readdir } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserSuiteName,
  buildSiteOnce,
  DIST,
  HAS_CHROMIUM,
  launchBrowser,
  requireChromiumOnCi,
  serve,
  type StaticServer,
} from './site-server.ts';

requireChromiumOnCi();

/** The first page in the build under a folder (an article, a member, a month): its type's example. */
async function firstUnder(folder: string): Promise<string> {
  const entries = await readdir(`${DIST}/${folder}`, { withFileTypes: true });
  const first = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()[0];
  if (!first) throw new Error(`the build has nothing under /${folder}/`);
  return `/${folder}/${first}/`;
}

/** One page of every type, by what it is, and the English variant of the types whose labels differ by language. */
async function pageTypes(): Promise<Array<[type: string, address: string]>> {
  const article = await firstUnder('articles');
  const month = await firstUnder('dashboards');
  const member = await firstUnder('scores');
  return [
    ['home', '/'],
    ['home (English)', '/en/'],
    ['handbook page', '/handbook/appraisal/'],
    ['handbook page (English)', '/en/handbook/standards/'],
    // Code blocks wide enough to scroll become regions, which need names (landmark-unique).
    ['handbook page with code blocks', '/handbook/repository/'],
    ['handbook page with code blocks (English)', '/en/handbook/repository/'],
    ['articles archive', '/articles/'],
    ['articles archive (English)', '/en/articles/'],
    ['article page', article],
    ['article page (English)', `/en${article}`],
    ['calendar', '/calendar/'],
    ['calendar (English)', '/en/calendar/'],
    ['topics', '/topics/'],
    ['campaigns', '/campaigns/'],
    ['team', '/team/'],
    ['team (English)', '/en/team/'],
    ['dashboards', '/dashboards/'],
    ['dashboards (English)', '/en/dashboards/'],
    ['monthly report', month],
    ['monthly report (English)', `/en${month}`],
    ['scores', '/scores/'],
    ['scores (English)', '/en/scores/'],
    ['member score', member],
    ['member score (English)', `/en${member}`],
    ['training', '/training/'],
    ['training (English)', '/en/training/'],
    ['404', '/404.html'],
  ];
}

/** The four views; every rule of axe runs in each (a theme changes colours, a width what scrolls and what shows). */
const VIEWS: Array<{ theme: 'light' | 'dark'; viewport: { width: number; height: number } }> = [
  { theme: 'light', viewport: { width: 375, height: 812 } },
  { theme: 'dark', viewport: { width: 375, height: 812 } },
  { theme: 'light', viewport: { width: 1280, height: 800 } },
  { theme: 'dark', viewport: { width: 1280, height: 800 } },
];

/**
 * Waits for what a page's scripts do after load: Expressive Code makes a code block that scrolls
 * focusable (a region) after a 250 ms debounce. Axe must see the page as a reader does a moment later.
 */
async function settled(tab: Page): Promise<void> {
  await tab.waitForFunction(
    () =>
      [...document.querySelectorAll('.expressive-code pre')].every(
        (pre) => pre.scrollWidth <= pre.clientWidth || pre.hasAttribute('tabindex'),
      ),
    undefined,
    { timeout: 5_000 },
  );
}

interface Finding {
  rule: string;
  impact: string;
  targets: string[];
  page: string;
  view: string;
  help: string;
}

describe.skipIf(!HAS_CHROMIUM)(browserSuiteName('accessibility (axe-core)'), () => {
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  let pages: Array<[string, string]> = [];

  beforeAll(async () => {
    await buildSiteOnce();
    pages = await pageTypes();
    server = await serve(DIST);
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('finds no violation on any page type, light and dark, at 375 and 1280 px, and nothing cut off on a phone', async () => {
    const findings: Finding[] = [];
    for (const { theme, viewport } of VIEWS) {
      // The theme as a reader's system sets it: the pages follow prefers-color-scheme until one is picked.
      const context = await browser!.newContext({ viewport, colorScheme: theme });
      const tab = await context.newPage();
      const view = `${theme}, ${viewport.width} px`;
      for (const [type, address] of pages) {
        const response = await tab.goto(`${server!.base}${address}`);
        expect(response?.status(), address).toBe(200);
        await settled(tab);
        const shownTheme = await tab.evaluate(() => {
          const picked = document.documentElement.dataset.theme;
          if (picked) return picked;
          // A page without script (the dashboards) follows the system by CSS alone: which colours it shows.
          const [red = 0, green = 0, blue = 0] = (
            getComputedStyle(document.body).backgroundColor.match(/\d+/g) ?? []
          ).map(Number);
          return red + green + blue > 3 * 128 ? 'light' : 'dark';
        });
        if (shownTheme !== theme) throw new Error(`${address} shows the ${shownTheme} theme in ${view}`);
        // Legacy mode runs axe in the page itself, not in a blank page opened per run (same results
        // for pages without frames, in a fraction of the time).
        const axe = new AxeBuilder({ page: tab }).setLegacyMode(true).options({ resultTypes: ['violations'] });
        const results = await axe.analyze();
        for (const violation of results.violations) {
          findings.push({
            rule: violation.id,
            impact: violation.impact ?? '',
            targets: violation.nodes.map((node) => node.target.join(' ')),
            page: `${type} ${address}`,
            view,
            help: violation.help,
          });
        }
        // On a phone nothing may be cut off: the page does not scroll sideways and no table is
        // wider than the screen (site.css stacks the department tables into cards).
        if (viewport.width <= 640) {
          const cut = await tab.evaluate(() => {
            const width = document.documentElement.clientWidth;
            const tables = [...document.querySelectorAll('table')]
              .filter((table) => table.getBoundingClientRect().width > width + 0.5)
              .map((table) => `${table.className || 'table'} ${Math.round(table.getBoundingClientRect().width)} px`);
            return { scrolls: document.documentElement.scrollWidth > width, tables };
          });
          if (cut.scrolls)
            findings.push({
              rule: 'page-scrolls-sideways',
              impact: 'serious',
              targets: ['html'],
              page: `${type} ${address}`,
              view,
              help: 'the page is wider than the phone',
            });
          if (cut.tables.length > 0)
            findings.push({
              rule: 'table-wider-than-screen',
              impact: 'serious',
              targets: cut.tables,
              page: `${type} ${address}`,
              view,
              help: 'a table is cut off at the screen edge',
            });
        }
      }
      await context.close();
    }
    const report = findings.map(
      (finding) =>
        `${finding.rule} (${finding.impact}) on ${finding.page} [${finding.view}]: ${finding.help}\n    ${finding.targets.slice(0, 6).join('\n    ')}${finding.targets.length > 6 ? `\n    … ${finding.targets.length - 6} more` : ''}`,
    );
    expect(findings.length, `axe violations:\n${report.join('\n')}`).toBe(0);
  }, 600_000);
});
