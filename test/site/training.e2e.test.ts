/**
 * End to end: the training page (/training/, /en/training/) from the built site, in Chromium.
 * The plan with sessions and attendance, each member's hours against the 20-hour target with
 * the members below it marked, the appraisal training needs, and nothing private: no session
 * notes (they say who was away and why), no leave reasons, no appraisal comments or scores.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserSuiteName,
  buildSiteOnce,
  DIST,
  filesUnder,
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
const FILES = ['training/index.html', 'en/training/index.html'];

describe('training page', () => {
  beforeAll(async () => {
    await buildSiteOnce();
  }, 300_000);

  it('publishes no session notes, leave reasons, appraisal comments or scores', async () => {
    const records = parse(await readFile(path.join(SITE_DEPARTMENT, 'content/training/records-2026.yaml'), 'utf8')) as {
      sessions: Array<{ notes?: string }>;
    };
    const notes = records.sessions.map((session) => session.notes).filter((note): note is string => Boolean(note));
    expect(notes.length).toBeGreaterThan(5);
    const team = await readFile(path.join(SITE_DEPARTMENT, 'content/team.yaml'), 'utf8');
    const leaveReasons = [...team.matchAll(/reason: (.+)/g)].map((match) => match[1]!.trim());
    expect(leaveReasons.length).toBeGreaterThan(0);
    const secrets = [...notes, ...leaveReasons, ...(await privateTexts()).map((secret) => secret.text)];
    // Appraisal scores: only the trainingNeed flag and the grade of a result may be read.
    const scores = new Set<string>();
    for (const file of await filesUnder(path.join(SITE_DEPARTMENT, 'appraisals'))) {
      if (!file.endsWith('result.yaml')) continue;
      for (const match of (await readFile(file, 'utf8')).matchAll(/^(?:score|computedScore): (\d+\.\d+)$/gm))
        scores.add(match[1]!);
    }
    expect(scores.size).toBeGreaterThan(3);
    for (const file of FILES) {
      const html = await readFile(path.join(DIST, file), 'utf8');
      for (const secret of secrets)
        expect(
          spellings(secret).some((spelling) => html.includes(spelling)),
          `${file} contains “${secret}”`,
        ).toBe(false);
      const text = html.replace(/<[^>]+>/g, ' ');
      for (const score of scores) expect(text, `${file} shows the score ${score}`).not.toContain(score);
    }
  });

  describe.skipIf(!HAS_CHROMIUM)(browserSuiteName('training page in Chromium'), () => {
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

    it('shows the 2026 plan with the sessions held and their attendance', async () => {
      await open('/training/');
      expect(await page.locator('h1').innerText()).toBe('2026 年度培训');
      expect(await page.locator('[data-training-lead]').innerText()).toBe(
        '全年计划 10 门课程、共 43 学时；已举办 11 次，累计出勤 30 人次。',
      );
      const courses = page.locator('tr[data-course]');
      expect(await courses.count()).toBe(10);
      const law = page.locator('tr[data-course="TR-2026-02"]');
      expect(await law.innerText()).toContain('广告法与平台内容规范');
      expect(await law.locator('[data-attendance]').getAttribute('data-attendance')).toBe('5');
      expect(await law.locator('[data-sessions]').innerText()).toContain('2026-04-22，4 学时，出勤 5 人');
      // The online Excel course ran in two sessions of 2 and 3 attendees.
      expect(
        await page
          .locator('tr[data-course="TR-2026-09"] [data-attendance]')
          .evaluateAll((items) => items.map((item) => item.getAttribute('data-attendance'))),
      ).toEqual(['3', '2']);
      expect(await page.locator('tr[data-course="TR-2026-10"]').getAttribute('data-status')).toBe('planned');
      expect(await page.locator('tr[data-course="TR-2026-10"] .mpflow-badge').innerText()).toBe('待举办');
    });

    it('shows each member’s hours and marks the members below the target in words', async () => {
      await open('/training/');
      const hours = await page
        .locator('tr[data-member]')
        .evaluateAll((rows) =>
          rows.map((row) => [
            row.getAttribute('data-member'),
            row.querySelector('[data-hours]')?.textContent?.trim(),
            row.hasAttribute('data-below-target'),
          ]),
        );
      expect(hours).toEqual([
        ['zhou-min', '4', true],
        ['chen-yu', '24', false],
        ['lin-xiao', '19', true],
        ['wang-jia', '22', false],
        ['huang-shan', '21', false],
        ['zheng-hao', '21', false],
        ['liu-fang', '2', true],
      ]);
      expect(await page.locator('tr[data-member="lin-xiao"]').innerText()).toContain('低于目标');
      // The head's courses add up to 7 hours in the plan: that is her target, not 20.
      expect(await page.locator('tr[data-member="zhou-min"] [data-target]').innerText()).toBe('7');
      // Half of the Excel course: shown with the hours done.
      expect(await page.locator('tr[data-member="liu-fang"]').innerText()).toContain('2/4 学时');
      // The sample's appraisal results record no training need this year.
      expect(await page.locator('[data-training-needs] [data-no-needs]').count()).toBe(1);
    });

    it('has an English page with the same figures, reachable from the nav', async () => {
      await open('/en/training/');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(await page.locator('h1').innerText()).toBe('Training 2026');
      expect(await page.locator('.mpflow-nav a[aria-current="page"]').innerText()).toBe('Training');
      expect(await page.locator('tr[data-member="lin-xiao"]').innerText()).toContain('Below target');
      expect(await page.locator('a[data-mpflow-lang-switch]').getAttribute('href')).toBe('/training/');
      for (const caption of await page.locator('table.mpflow-table caption').allInnerTexts())
        expect(caption.trim()).not.toBe('');
    });
  });
});
