/**
 * End to end: build the site with `astro build` (once per test run, shared with the other site
 * test files: site-server.ts), serve dist/ on 127.0.0.1 and read the handbook
 * in Debian's Chromium. The policy tables must show the policy file's numbers, and nothing an
 * appraisal keeps private may reach dist/.
 *
 * Needs /usr/bin/chromium (apt-get install chromium fonts-noto-cjk) for the browser part; the
 * build and the dist/ privacy scan run without it. Set MPFLOW_E2E_SCREENSHOT=/path.png to keep a
 * 1280×900 screenshot of /handbook/appraisal/.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { dateInTimeZone } from '../../src/core/model/dates.ts';
import type { PolicyFile, WeightNode } from '../../src/core/model/types.generated.ts';
import { policyInForce } from '../../src/core/policy/policy-versions.ts';
import {
  browserSuiteName,
  buildSiteOnce,
  CHROMIUM,
  DIST,
  filesUnder,
  HAS_CHROMIUM,
  launchBrowser,
  privateTexts,
  requireChromiumOnCi,
  ROOT,
  serve,
  SITE_DEPARTMENT,
  SITE_BUILT_AT,
  spellings,
  type StaticServer,
} from './site-server.ts';

requireChromiumOnCi();
const BROWSER_SUITE = browserSuiteName('handbook in Chromium');

if (!HAS_CHROMIUM)
  console.warn(
    `[handbook.e2e] ${CHROMIUM} not found: skipping the browser checks; the build and the privacy scan still run.`,
  );

/** The policy the site should show on the day it is built: the one in force in Beijing time, read with `yaml`. */
async function policyInForceToday(): Promise<PolicyFile> {
  const folder = path.join(SITE_DEPARTMENT, 'content', 'policy');
  const files = (await readdir(folder)).filter((name) => /\.ya?ml$/.test(name));
  const policies = await Promise.all(
    files.map(async (name) => parse(await readFile(path.join(folder, name), 'utf8')) as PolicyFile),
  );
  const today = dateInTimeZone(SITE_BUILT_AT, 'Asia/Shanghai');
  const policy = policyInForce(policies, today);
  if (!policy) throw new Error(`no policy in content/policy/ is in force on ${today}`);
  return policy;
}

interface WeightRowView {
  id: string;
  depth: number;
  name: string;
  weight: string;
}

/** The weights table as a reader sees it, read through the DOM. */
async function weightRows(page: Page): Promise<WeightRowView[]> {
  return page.$$eval('table[data-policy-table="weights"] tr[data-indicator]', (rows) =>
    rows.map((row) => ({
      id: row.getAttribute('data-indicator') ?? '',
      depth: Number(row.getAttribute('data-depth') ?? '-1'),
      name: row.querySelector('.mpflow-name')?.textContent?.trim() ?? '',
      weight: row.querySelector('.mpflow-weight')?.textContent?.trim() ?? '',
    })),
  );
}

describe('handbook site', () => {
  let buildSeconds = 0;

  beforeAll(async () => {
    // One build per test run, shared with the other site test files (see site-server.ts).
    const build = await buildSiteOnce();
    buildSeconds = build.seconds;
    console.info(`[handbook.e2e] astro build took ${buildSeconds.toFixed(1)} s`);
  }, 300_000);

  it('builds the handbook pages', () => {
    for (const page of ['index.html', 'handbook/appraisal/index.html', 'en/handbook/appraisal/index.html']) {
      expect(existsSync(path.join(DIST, page)), page).toBe(true);
    }
  });

  it('keeps every appraisal comment and interview summary out of dist/', async () => {
    const secrets = await privateTexts();
    expect(secrets.length, 'the sample appraisals should have comments to look for').toBeGreaterThan(0);
    const leaks: string[] = [];
    for (const file of await filesUnder(DIST)) {
      let bytes = await readFile(file);
      // Pagefind's index and fragments are gzipped; look inside them too.
      if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
        try {
          bytes = gunzipSync(bytes);
        } catch {
          // not gzip after all
        }
      }
      const text = bytes.toString('utf8');
      for (const secret of secrets) {
        if (spellings(secret.text).some((spelling) => text.includes(spelling)))
          leaks.push(`${path.relative(ROOT, file)} contains text from ${secret.file}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  describe.skipIf(!HAS_CHROMIUM)(BROWSER_SUITE, () => {
    let server: StaticServer | undefined;
    let browser: Browser | undefined;
    let page: Page;
    let base = '';

    beforeAll(async () => {
      server = await serve(DIST);
      base = server.base;
      browser = await launchBrowser();
      page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('renders the zh-CN home page with lang="zh-CN"', async () => {
      const response = await page.goto(`${base}/`);
      expect(response?.status()).toBe(200);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      expect(await page.title()).toContain('闽岚茶事');
    });

    it('shows the appraisal weights table on /handbook/appraisal/', async () => {
      const response = await page.goto(`${base}/handbook/appraisal/`);
      expect(response?.status()).toBe(200);
      const table = page.locator('table[data-policy-table="weights"]');
      expect(await table.isVisible()).toBe(true);

      const rows = await weightRows(page);
      const byName = new Map(rows.map((row) => [row.name, row]));
      expect(byName.get('工作业绩')).toMatchObject({ weight: '60%', depth: 0 });
      expect(byName.get('职业素养')).toMatchObject({ weight: '5%', depth: 0 });
      expect(byName.get('业务协作贡献')).toMatchObject({ weight: '10%', depth: 1 });
      expect(byName.get('合计')).toMatchObject({ weight: '100%' });

      // The leaf row reads as a row of the table, with its measure and source.
      const collaboration = page.locator('table[data-policy-table="weights"] tr[data-indicator="collaboration"]');
      expect((await collaboration.innerText()).replace(/\s+/g, ' ')).toMatch(/业务协作贡献.*10%.*定性.*评价/);
      // Indented under its category.
      const indent = await collaboration
        .locator('th')
        .evaluate((cell) => parseFloat(getComputedStyle(cell).paddingInlineStart));
      const categoryIndent = await page
        .locator('table[data-policy-table="weights"] tr[data-indicator="performance"] th')
        .evaluate((cell) => parseFloat(getComputedStyle(cell).paddingInlineStart));
      expect(indent).toBeGreaterThan(categoryIndent);

      if (process.env.MPFLOW_E2E_SCREENSHOT) {
        await table.evaluate((element) => element.scrollIntoView({ block: 'start' }));
        await page.screenshot({ path: process.env.MPFLOW_E2E_SCREENSHOT });
      }
    });

    it('reads the numbers from the policy file in force', async () => {
      const policy = await policyInForceToday();
      await page.goto(`${base}/handbook/appraisal/`);

      const caption = await page.locator('table[data-policy-table="weights"] caption').innerText();
      expect(caption).toContain(policy.effective);
      expect(caption).toContain(policy.title.zh);
      expect(policy.effective).toBe('2026-01-01');
      expect(await page.locator('table[data-policy-table="weights"]').getAttribute('data-policy-effective')).toBe(
        policy.effective,
      );

      // Every node of the policy's weight tree, and nothing else, in order.
      const expected: WeightRowView[] = [];
      const visit = (node: WeightNode, depth: number) => {
        expected.push({ id: node.id, depth, name: node.name.zh, weight: `${node.weight}%` });
        for (const child of node.children ?? []) visit(child, depth + 1);
      };
      for (const node of policy.appraisal.weights) visit(node, 0);
      const rows = (await weightRows(page)).filter((row) => row.id !== 'total');
      expect(rows).toEqual(expected);

      // The other policy tables on the page read the same version.
      for (const name of ['cycle', 'raters', 'grades']) {
        expect(
          await page.locator(`table[data-policy-table="${name}"]`).getAttribute('data-policy-effective'),
          name,
        ).toBe(policy.effective);
      }
      const supervisor = await page
        .locator('table[data-policy-table="raters"] tr[data-rater="supervisor"]')
        .innerText();
      expect(supervisor).toContain(`${policy.appraisal.raterWeights.supervisor}%`);
      const selfDue = await page
        .locator('table[data-policy-table="cycle"] tr[data-step="selfAssessmentDueDay"]')
        .innerText();
      expect(selfDue).toContain(`次月 ${policy.appraisal.cycle.selfAssessmentDueDay} 日`);
    });

    it('shows the English appraisal page in English', async () => {
      const response = await page.goto(`${base}/en/handbook/appraisal/`);
      expect(response?.status()).toBe(200);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      const rows = await weightRows(page);
      expect(rows.find((row) => row.id === 'performance')).toMatchObject({ name: 'Work performance', weight: '60%' });
      expect(await page.locator('table[data-policy-table="weights"] caption').innerText()).toContain(
        'effective 2026-01-01',
      );
    });

    it('shows the support and compliance tables on the workflow and standards pages', async () => {
      const policy = await policyInForceToday();
      await page.goto(`${base}/handbook/workflow/`);
      expect(
        await page
          .locator('table[data-policy-table="support"] tr[data-support="firstReplyDeadlineMinutes"]')
          .innerText(),
      ).toContain(`${policy.support.firstReplyDeadlineMinutes} 分钟`);
      await page.goto(`${base}/en/handbook/standards/`);
      expect(
        await page.locator('table[data-policy-table="limits"] tr[data-limit="titleMaxChars"]').innerText(),
      ).toContain(`${policy.compliance.limits.titleMaxChars} characters`);
    });
  });
});
